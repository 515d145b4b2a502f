/* kind-cosine-cycles.c — Hugging Face's cosine schedules after the warm-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With p = t/steps and c = (1 + cos(2π·cycles·p))/2: eta_min + (lr − eta_min)·c,
 * a wave that goes on past the end (get_cosine_schedule_with_warmup and
 * get_cosine_with_min_lr_schedule_with_warmup do not clamp it). With restarts,
 * c = (1 + cos(π·frac(cycles·p)))/2 while p < 1 and eta_min from p = 1 on
 * (get_cosine_with_hard_restarts_schedule_with_warmup, where eta_min is 0). The
 * phase is Hugging Face's, operation for operation, so that the restarts fall on
 * the same steps when the cycle length is not a whole number. With shift = 1,
 * p = (t + 1)/steps: get_cosine_with_min_lr_schedule_with_warmup_lr_rate.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, STEPS, CYCLES, ETA_MIN, RESTARTS, SHIFT, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Rate at epoch 0 and at each crest")),
  [STEPS] = ANNEAL_EPOCHS_PARAM ("steps", "100", 1, N_("Epochs the cycles are spread over")),
  [CYCLES] = { .name = "cycles", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.5",
               .min = 0, .max = 1e6, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
               .summary = N_("Cosine waves in steps epochs (0.5: one decay from lr to eta_min)") },
  [ETA_MIN] = ANNEAL_RATE_PARAM ("eta_min", "0", N_("Rate at each trough")),
  [RESTARTS] = { .name = "restarts", .type = ANNEAL_PARAM_BOOLEAN, .default_value = "false",
                 .min = 0, .max = 1,
                 .summary = N_("Jump back to lr after each decay, and stay at eta_min after "
                               "steps epochs") },
  [SHIFT] = ANNEAL_EPOCHS_PARAM ("shift", "0", 0,
                                 N_("Epochs the cosine is ahead by at epoch 0 (Hugging Face's "
                                    "warmup_with_min_lr variant: 1)")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

/* Hugging Face's progress: float(current_step - warmup) / float(max(1, total - warmup)) */
static inline double
progress (const AnnealStage *stage,
          gint64             t)
{
  return (double) (t + ANNEAL_INT (stage, SHIFT)) / (double) ANNEAL_INT (stage, STEPS);
}

/* The number the phase is counted in: half-waves without restarts, cycles with. */
static inline double
phase (const AnnealStage *stage,
       gint64             t)
{
  double p = progress (stage, t);

  if (ANNEAL_NUM (stage, RESTARTS) != 0)
    return ANNEAL_NUM (stage, CYCLES) * p;
  return ANNEAL_NUM (stage, CYCLES) * 2.0 * p;
}

static double
cosine_cycles_value (const AnnealStage *stage,
                     gint64             t)
{
  double lr = ANNEAL_NUM (stage, LR);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double cycles = ANNEAL_NUM (stage, CYCLES);
  double p = progress (stage, t);
  double c;

  if (ANNEAL_NUM (stage, RESTARTS) != 0)
    {
      if (p >= 1.0)
        return eta_min;
      /* 0.5 * (1.0 + math.cos(math.pi * ((float(num_cycles) * progress) % 1.0))) */
      c = 0.5 * (1.0 + cos (G_PI * fmod (cycles * p, 1.0)));
    }
  else
    {
      /* 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)) */
      c = 0.5 * (1.0 + cos (G_PI * cycles * 2.0 * p));
    }
  return eta_min + (lr - eta_min) * c;
}

/* The first epoch after t whose phase has a larger whole part: the next turning
 * point (a trough or crest, or a restart), found from its estimate and then
 * checked with the phase as value() computes it. */
static gint64
next_turn (const AnnealStage *stage,
           gint64             t)
{
  double whole = floor (phase (stage, t));
  double per_unit = ANNEAL_NUM (stage, RESTARTS) != 0 ? 1.0 : 2.0;
  double estimate = ceil ((whole + 1) * (double) ANNEAL_INT (stage, STEPS)
                          / (per_unit * ANNEAL_NUM (stage, CYCLES)));
  gint64 next;

  if (whole >= 0x1p52)
    return t + 1;  /* more turns than a double counts: each epoch is its own piece */
  estimate -= (double) ANNEAL_INT (stage, SHIFT);
  if (!(estimate < (double) G_MAXINT64 / 4))
    return G_MAXINT64;
  next = MAX ((gint64) estimate, t + 1);
  while (next > t + 1 && floor (phase (stage, next - 1)) > whole)
    next--;
  while (floor (phase (stage, next)) <= whole)
    next++;
  return next;
}

static gint64
cosine_cycles_piece_end (const AnnealStage *stage,
                         gint64             t)
{
  /* The first epoch from which the restarts are over (p ≥ 1). */
  gint64 steps = MAX (ANNEAL_INT (stage, STEPS) - ANNEAL_INT (stage, SHIFT), 0);
  gint64 next;

  if (ANNEAL_NUM (stage, RESTARTS) != 0 && t >= steps)
    return G_MAXINT64;  /* eta_min from here on */
  next = next_turn (stage, t);
  if (next == G_MAXINT64)
    return G_MAXINT64;
  if (ANNEAL_NUM (stage, RESTARTS) != 0)
    next = MIN (next, steps);
  return next - 1;
}

static void
cosine_cycles_python (const AnnealStage *stage,
                      GString           *body)
{
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  g_autofree char *eta = g_strdup (anneal_py_float (eta_min).text);
  g_autofree char *cycles = g_strdup (anneal_py_float (ANNEAL_NUM (stage, CYCLES)).text);

  g_string_append_printf (body, "    p = (t + %" G_GINT64_FORMAT ") / %" G_GINT64_FORMAT "\n",
                          ANNEAL_INT (stage, SHIFT), ANNEAL_INT (stage, STEPS));
  if (ANNEAL_NUM (stage, RESTARTS) != 0)
    g_string_append_printf (body, "    if p >= 1.0:\n        return %s\n"
                            "    c = 0.5 * (1.0 + math.cos(math.pi * math.fmod(%s * p, 1.0)))\n",
                            eta, cycles);
  else
    g_string_append_printf (body, "    c = 0.5 * (1.0 + math.cos(math.pi * %s * 2.0 * p))\n", cycles);
  g_string_append_printf (body, "    return %s + %s * c\n", eta,
                          anneal_py_float (ANNEAL_NUM (stage, LR) - eta_min).text);
}

/* The first epoch whose phase has a whole part of at least k. */
static gint64
turn_at (const AnnealStage *stage,
         double             k)
{
  double per_unit = ANNEAL_NUM (stage, RESTARTS) != 0 ? 1.0 : 2.0;
  double estimate = ceil (k * (double) ANNEAL_INT (stage, STEPS)
                          / (per_unit * ANNEAL_NUM (stage, CYCLES)))
                    - (double) ANNEAL_INT (stage, SHIFT);
  gint64 t;

  /* past every epoch (cycles of 2e-10 over 2.4·10^9 steps put the first restart at
   * 10^19: the cast overflowed, and the search below walked from there for good) */
  if (!(estimate < (double) (G_MAXINT64 / 4)))
    return G_MAXINT64 / 4;
  t = estimate > 0 ? (gint64) estimate : 0;
  while (t > 0 && floor (phase (stage, t - 1)) >= k)
    t--;
  while (floor (phase (stage, t)) < k)
    t++;
  return t;
}

/* Without restarts, the wave's closed form (Σ cos(α + k·d)) over the whole span.
 * Hugging Face's phase, π·cycles·2·p with p = (t + shift)/steps, is not reduced: at
 * epoch t it is off by about an ulp of it, 1e-16·2π·cycles·t/steps, different at
 * every epoch; added up that mostly cancels, but not to 1e-12. So spans up to
 * ANNEAL_SUM_ROUNDED_MAX are Hugging Face's values added up, longer ones the closed
 * form of the formula (within 1e-9 of the values added up over 2.2·10^6 epochs, see
 * test-properties).
 *
 * With restarts, cycle by cycle until `steps` (at most ~cycles of them, each summed
 * in closed form from its first phase as value() computes it; the phase stays below
 * cycles, so its rounding is negligible), then eta_min. */
static double
cosine_cycles_sum (const AnnealStage *stage,
                   gint64             a,
                   gint64             b)
{
  double lr = ANNEAL_NUM (stage, LR);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double cycles = ANNEAL_NUM (stage, CYCLES);
  gint64 steps = ANNEAL_INT (stage, STEPS);
  gint64 shift = ANNEAL_INT (stage, SHIFT);
  gint64 end = steps - shift - 1;  /* the last epoch before p = 1 */
  double sum = 0;

  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  if (ANNEAL_NUM (stage, RESTARTS) == 0)
    {
      double n = (double) (b - a + 1);

      if (b - a < ANNEAL_SUM_ROUNDED_MAX)
        return anneal_sum_direct (stage, a, b);
      return n * eta_min
             + (lr - eta_min)
               * (n + anneal_sum_cos_pi (0, cycles * 2.0 / (double) steps, a + shift,
                                         b + shift)) / 2;
    }

  if (b > end)
    {
      sum += (double) (b - MAX (a, end + 1) + 1) * eta_min;
      b = end;
    }
  for (gint64 t = a; t <= b;)
    {
      double ph = phase (stage, t), k = floor (ph);
      gint64 e = k + 1 >= 0x1p52 ? t : MIN (b, turn_at (stage, k + 1) - 1);
      gint64 n = e - t + 1;

      sum += (double) n * eta_min
             + (lr - eta_min)
               * ((double) n + anneal_sum_cos (G_PI * (ph - k), G_PI * cycles / (double) steps,
                                               0, n - 1)) / 2;
      t = e + 1;
    }
  return sum;
}

/* Without restarts the wave goes on past `steps` (Hugging Face does not clamp it),
 * and a run of more than one wave (cycles > 0.5, or past `steps`) that stops on the
 * fall after a crest other than the first (phase 2, 4, … in half-waves: an even
 * whole part) stops at a high rate; the nearer trough (the first epoch of the rise
 * after it) + 1 ends it at the end of a cycle. Each half-wave then spans at least one
 * epoch, so that epoch is in the rise. With restarts, a run that stops early
 * in a cycle stops just after a restart. */
static void
cosine_cycles_pitfalls (const AnnealStage  *stage,
                        AnnealPitfallScope *scope)
{
  gint64 e = scope->n - 1;
  gint64 steps = ANNEAL_INT (stage, STEPS);
  gint64 shift = ANNEAL_INT (stage, SHIFT);

  if (ANNEAL_NUM (stage, RESTARTS) == 0)
    {
      double h = floor (phase (stage, e));

      /* (a shift past steps puts the whole stage past the end) */
      anneal_pitfalls_horizon (scope, steps - shift, "steps", steps, e + shift,
                               _("Hugging Face's cosine goes on along the wave there, "
                                 "other libraries hold the minimum"));
      /* Half-waves shorter than an epoch alias: no crest or trough to end on. */
      if (h >= 2 && h < 0x1p52 && fmod (h, 2) == 0 &&
          ANNEAL_NUM (stage, CYCLES) * 2.0 <= (double) steps)
        {
          gint64 before = turn_at (stage, h - 1);

          /* A trough the stage starts past is none of its own. */
          if (before == 0 && phase (stage, 0) > h - 1)
            before = -1;
          anneal_pitfalls_fall (scope, turn_at (stage, h), before, turn_at (stage, h + 1));
        }
      return;
    }
  if (progress (stage, e) < 1.0 && e < G_MAXINT64 / 4)
    {
      double ph = phase (stage, e);
      double k = floor (ph);
      AnnealCycle cycle;

      if (k < 1 || k >= 0x1p52 || ph - k >= 0.5)
        return;
      cycle.index = (gint64) k;
      cycle.start = turn_at (stage, k);
      cycle.length = turn_at (stage, k + 1) - cycle.start;
      anneal_pitfalls_restart (scope, &cycle);
    }
}

const AnnealKindClass anneal_kind_cosine_cycles = {
  .info = {
    .name = "cosine-cycles",
    .summary = N_("Cosine waves, or decays with hard restarts, over a number of epochs"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "Hugging Face get_cosine_schedule_with_warmup, "
              "get_cosine_with_hard_restarts_schedule_with_warmup, "
              "get_cosine_with_min_lr_schedule_with_warmup(_lr_rate)",
  },
  .value = cosine_cycles_value,
  .piece_end = cosine_cycles_piece_end,
  .sum = cosine_cycles_sum,
  .python = cosine_cycles_python,
  .pitfalls = cosine_cycles_pitfalls,
};
