/* kind-wsd.c — warmup-stable-decay, as Hugging Face's get_wsd_schedule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Warm up from lr·min_lr_ratio to lr over `warmup` epochs, hold lr for `stable`,
 * decay to lr·min_lr_ratio over `decay`, then hold that. The warm-up and decay
 * shapes are linear, cosine (half a wave) or sqrt (Hugging Face's "1-sqrt").
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, WARMUP, STABLE, DECAY, WARMUP_SHAPE, DECAY_SHAPE, MIN_LR_RATIO, CYCLES, N_PARAMS };
enum { SHAPE_LINEAR, SHAPE_COSINE, SHAPE_SQRT };

static const char * const shape_choices[] = { "linear", "cosine", "sqrt", NULL };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Rate of the stable phase")),
  [WARMUP] = ANNEAL_EPOCHS_PARAM ("warmup", "5", 0, N_("Epochs of warm-up")),
  [STABLE] = ANNEAL_EPOCHS_PARAM ("stable", "30", 0, N_("Epochs at the full rate")),
  [DECAY] = ANNEAL_EPOCHS_PARAM ("decay", "15", 0, N_("Epochs of decay after the stable phase")),
  [WARMUP_SHAPE] = { .name = "warmup_shape", .type = ANNEAL_PARAM_CHOICE,
                     .default_value = "linear", .min = 0, .max = 2, .choices = shape_choices,
                     .summary = N_("Shape of the warm-up: linear, cosine or sqrt (1 − √(1 − x))") },
  [DECAY_SHAPE] = { .name = "decay_shape", .type = ANNEAL_PARAM_CHOICE,
                    .default_value = "linear", .min = 0, .max = 2, .choices = shape_choices,
                    .summary = N_("Shape of the decay: linear, cosine or sqrt (1 − √x)") },
  [MIN_LR_RATIO] = ANNEAL_WEIGHT_PARAM ("min_lr_ratio", "0",
                                        N_("Start and end rate as a share of lr")),
  [CYCLES] = { .name = "cycles", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.5",
               .min = 0, .max = 0.5, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
               .summary = N_("Cosine waves in the decay (Hugging Face num_cycles; 0.5: "
                             "the whole fall)") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

/* Hugging Face's lambda, operation for operation; the rate is lr times it. */
static double
wsd_factor (const AnnealStage *stage,
            gint64             t)
{
  gint64 warmup = ANNEAL_INT (stage, WARMUP);
  gint64 stable = ANNEAL_INT (stage, STABLE);
  gint64 decay = ANNEAL_INT (stage, DECAY);
  double min_ratio = ANNEAL_NUM (stage, MIN_LR_RATIO);
  double progress, factor;

  if (t < warmup)
    {
      progress = (double) t / (double) MAX (1, warmup);
      switch (ANNEAL_INT (stage, WARMUP_SHAPE))
        {
        case SHAPE_COSINE: factor = 0.5 * (1.0 - cos (G_PI * progress)); break;
        case SHAPE_SQRT:   factor = 1.0 - sqrt (1.0 - progress); break;
        default:           factor = progress; break;
        }
      return MAX (0.0, factor * (1.0 - min_ratio) + min_ratio);
    }
  if (t < warmup + stable)
    return 1.0;
  if (t < warmup + stable + decay)
    {
      progress = (double) (t - warmup - stable) / (double) MAX (1, decay);
      switch (ANNEAL_INT (stage, DECAY_SHAPE))
        {
        case SHAPE_COSINE: factor = 0.5 * (1.0 + cos (G_PI * ANNEAL_NUM (stage, CYCLES) * 2.0 * progress)); break;
        case SHAPE_SQRT:   factor = 1.0 - sqrt (progress); break;
        default:           factor = 1.0 - progress; break;
        }
      return MAX (0.0, factor * (1.0 - min_ratio) + min_ratio);
    }
  return min_ratio;
}

static double
wsd_value (const AnnealStage *stage,
           gint64             t)
{
  return ANNEAL_NUM (stage, LR) * wsd_factor (stage, t);
}

/* Rising, flat, falling, flat: each phase is one monotone piece. */
static gint64
wsd_piece_end (const AnnealStage *stage,
               gint64             t)
{
  gint64 ends[3] = {
    ANNEAL_INT (stage, WARMUP),
    ANNEAL_INT (stage, WARMUP) + ANNEAL_INT (stage, STABLE),
    ANNEAL_INT (stage, WARMUP) + ANNEAL_INT (stage, STABLE) + ANNEAL_INT (stage, DECAY),
  };

  for (guint i = 0; i < G_N_ELEMENTS (ends); i++)
    if (t < ends[i])
      return ends[i] - 1;
  return G_MAXINT64;
}

/* The rate at the real epoch t + dx, by the formula of the phase that holds t
 * (without the clamp at 0, which value() never needs for valid parameters). */
static double
wsd_at (gconstpointer data,
        gint64        t,
        double        dx)
{
  const AnnealStage *stage = data;
  gint64 warmup = ANNEAL_INT (stage, WARMUP);
  gint64 stable = ANNEAL_INT (stage, STABLE);
  gint64 decay = ANNEAL_INT (stage, DECAY);
  double min_ratio = ANNEAL_NUM (stage, MIN_LR_RATIO);
  double progress, factor, left;

  if (t < warmup)
    {
      progress = ((double) t + dx) / (double) MAX (1, warmup);
      switch (ANNEAL_INT (stage, WARMUP_SHAPE))
        {
        case SHAPE_COSINE: factor = 0.5 * (1.0 - cos (G_PI * progress)); break;
        /* 1 − √(1 − p) as p/(1 + √(1 − p)), 1 − p from the integers: the difference
         * kept a few digits near the start of a long warm-up, which the smooth sum
         * bisected until it gave up (9 s for 10^9 epochs of a 10^13 warm-up) */
        case SHAPE_SQRT:
          factor = progress / (1.0 + sqrt (((double) (warmup - t) - dx) / (double) warmup));
          break;
        default:           factor = progress; break;
        }
    }
  else if (t < warmup + stable)
    return ANNEAL_NUM (stage, LR);
  else if (t < warmup + stable + decay)
    {
      progress = ((double) (t - warmup - stable) + dx) / (double) MAX (1, decay);
      left = ((double) (warmup + stable + decay - t) - dx) / (double) MAX (1, decay);
      switch (ANNEAL_INT (stage, DECAY_SHAPE))
        {
        case SHAPE_COSINE: factor = 0.5 * (1.0 + cos (G_PI * ANNEAL_NUM (stage, CYCLES) * 2.0 * progress)); break;
        /* 1 − √p as (1 − p)/(1 + √p), and 1 − p from the integers: no cancellation
         * near the end */
        case SHAPE_SQRT:   factor = left / (1.0 + sqrt (progress)); break;
        default:           factor = left; break;
        }
    }
  else
    return ANNEAL_NUM (stage, LR) * min_ratio;
  return ANNEAL_NUM (stage, LR) * (factor * (1.0 - min_ratio) + min_ratio);
}

/* Σ factor over epochs p … q of a cosine warm-up (sin²(π·t/(2·warmup))) or decay
 * (cos²(π·cycles·s/decay), s from the decay's start) in closed form, as sums of sin²
 * whose small end is where the factor is small: value() cancels there (1 − cos of a
 * small angle), and the smooth sum drowned in that rounding. */
static double
cosine_factors (const AnnealStage *stage,
                gboolean           warmup,
                gint64             p,
                gint64             q)
{
  double cycles = ANNEAL_NUM (stage, CYCLES);
  double decay = (double) ANNEAL_INT (stage, DECAY);

  if (warmup)
    return anneal_sum_sin2 (ANNEAL_INT (stage, WARMUP), p, q);
  /* cos²(x) = sin²(π/2 − x), from s = q down: φ = π·(decay − 2·cycles·q)/(2·decay) */
  return anneal_sum_sin2_phase (G_PI * (decay - 2 * cycles * (double) q) / (2 * decay),
                                G_PI * cycles / decay, q - p + 1);
}

/* Each phase is one smooth piece (the square roots' singularities at its ends,
 * which anneal_sum_smooth() adds up one by one): four smooth sums, the cosine
 * phases in closed form. */
static double
wsd_sum (const AnnealStage *stage,
         gint64             a,
         gint64             b)
{
  gint64 warmup = ANNEAL_INT (stage, WARMUP);
  gint64 start = warmup + ANNEAL_INT (stage, STABLE);
  gint64 end = start + ANNEAL_INT (stage, DECAY);
  double lr = ANNEAL_NUM (stage, LR), ratio = ANNEAL_NUM (stage, MIN_LR_RATIO);
  double sum = 0;

  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  if (ANNEAL_INT (stage, WARMUP_SHAPE) == SHAPE_COSINE && a < warmup)
    {
      gint64 q = MIN (b, warmup - 1);

      sum += lr * ((double) (q - a + 1) * ratio + (1 - ratio) * cosine_factors (stage, TRUE, a, q));
      if (q == b)
        return sum;
      a = q + 1;
    }
  if (ANNEAL_INT (stage, DECAY_SHAPE) != SHAPE_COSINE || b < start || a >= end)
    return sum + anneal_sum_pieces (stage, wsd_at, a, b);
  if (a < start)
    sum += anneal_sum_pieces (stage, wsd_at, a, start - 1);
  {
    gint64 p = MAX (a, start), q = MIN (b, end - 1);

    sum += lr * ((double) (q - p + 1) * ratio
                 + (1 - ratio) * cosine_factors (stage, FALSE, p - start, q - start));
  }
  if (b >= end)
    sum += anneal_sum_pieces (stage, wsd_at, end, b);
  return sum;
}

static gboolean
wsd_prepare (AnnealStage *stage,
             guint       *bad_param,
             GError     **error)
{
  if (ANNEAL_INT (stage, WARMUP) + ANNEAL_INT (stage, STABLE) + ANNEAL_INT (stage, DECAY) >
      ANNEAL_EPOCH_MAX)
    {
      *bad_param = DECAY;
      g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID,
                   _("warmup + stable + decay must be at most 10^15 epochs"));
      return FALSE;
    }
  return TRUE;
}

static void
wsd_python (const AnnealStage *stage,
            GString           *body)
{
  gint64 warmup = ANNEAL_INT (stage, WARMUP);
  gint64 stable = ANNEAL_INT (stage, STABLE);
  gint64 decay = ANNEAL_INT (stage, DECAY);
  double ratio = ANNEAL_NUM (stage, MIN_LR_RATIO);
  g_autofree char *rt = g_strdup (anneal_py_float (ratio).text);
  g_autofree char *lr = g_strdup (anneal_py_float (ANNEAL_NUM (stage, LR)).text);
  static const char *warm[] = { "p", "0.5 * (1.0 - math.cos(math.pi * p))",
                                "1.0 - math.sqrt(1.0 - p)" };
  const char *fall[] = { "1.0 - p", NULL, "1.0 - math.sqrt(p)" };
  g_autofree char *cosine = g_strdup_printf ("0.5 * (1.0 + math.cos(math.pi * %s * 2.0 * p))",
                                             anneal_py_float (ANNEAL_NUM (stage, CYCLES)).text);

  fall[1] = cosine;
  g_string_append_printf (body, "    if t < %" G_GINT64_FORMAT ":\n"
                          "        p = t / %" G_GINT64_FORMAT "\n"
                          "        return %s * max(0.0, (%s) * (1.0 - %s) + %s)\n",
                          warmup, MAX (1, warmup), lr, warm[ANNEAL_INT (stage, WARMUP_SHAPE)], rt, rt);
  g_string_append_printf (body, "    if t < %" G_GINT64_FORMAT ":\n        return %s * 1.0\n",
                          warmup + stable, lr);
  g_string_append_printf (body, "    if t < %" G_GINT64_FORMAT ":\n"
                          "        p = (t - %" G_GINT64_FORMAT ") / %" G_GINT64_FORMAT "\n"
                          "        return %s * max(0.0, (%s) * (1.0 - %s) + %s)\n",
                          warmup + stable + decay, warmup + stable, MAX (1, decay), lr,
                          fall[ANNEAL_INT (stage, DECAY_SHAPE)], rt, rt);
  g_string_append_printf (body, "    return %s * %s\n", lr, rt);
}

/* The warm-up peaks at `warmup`, where the stable phase begins. */
static void
wsd_pitfalls (const AnnealStage  *stage,
              AnnealPitfallScope *scope)
{
  if (ANNEAL_INT (stage, WARMUP) > 0 && ANNEAL_NUM (stage, MIN_LR_RATIO) < 1)
    anneal_pitfalls_rise (scope, ANNEAL_NUM (stage, WARMUP));
}

const AnnealKindClass anneal_kind_wsd = {
  .info = {
    .name = "wsd",
    .summary = N_("Warm up, hold, then decay (warmup-stable-decay)"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "Hugging Face get_wsd_schedule",
  },
  .prepare = wsd_prepare,
  .value = wsd_value,
  .piece_end = wsd_piece_end,
  .sum = wsd_sum,
  .python = wsd_python,
  .pitfalls = wsd_pitfalls,
};
