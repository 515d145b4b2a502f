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
  .python = cosine_cycles_python,
};
