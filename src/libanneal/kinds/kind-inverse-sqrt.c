/* kind-inverse-sqrt.c — inverse square root decay with linear warm-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hugging Face's get_inverse_sqrt_schedule (the Transformer and T5 schedule):
 * lr·t/warmup while t < warmup, then lr/√((t + timescale − warmup)/timescale).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, WARMUP, TIMESCALE, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1",
                                 N_("Peak learning rate, reached at the end of the warm-up")),
  [WARMUP] = ANNEAL_EPOCHS_PARAM ("warmup", "10", 0, N_("Epochs of linear warm-up from 0")),
  [TIMESCALE] = { .name = "timescale", .type = ANNEAL_PARAM_INTEGER, .default_value = NULL,
                  .min = 1, .max = ANNEAL_EPOCHS_MAX,
                  .summary = N_("Epochs over which the rate falls by √2 "
                                "(default: warmup, or 10000 without one)") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static gboolean
inverse_sqrt_prepare (AnnealStage *stage,
                      guint       *bad_param,
                      GError     **error)
{
  if (!stage->values[TIMESCALE].set)
    stage->values[TIMESCALE].number = ANNEAL_INT (stage, WARMUP) > 0
                                        ? ANNEAL_NUM (stage, WARMUP) : 10000;
  return TRUE;
}

/* The value at a real epoch, as value() computes it at whole ones. */
static double
inverse_sqrt_at (const AnnealStage *stage,
                 double             t)
{
  gint64 warmup = ANNEAL_INT (stage, WARMUP);
  gint64 timescale = ANNEAL_INT (stage, TIMESCALE);

  if (t < (double) warmup)
    return ANNEAL_NUM (stage, LR) * (t / (double) MAX (1, warmup));
  return ANNEAL_NUM (stage, LR)
         * (1.0 / sqrt ((t + (double) (timescale - warmup)) / (double) timescale));
}

static double
inverse_sqrt_value (const AnnealStage *stage,
                    gint64             t)
{
  return inverse_sqrt_at (stage, (double) t);
}

/* The same at t + dx, the decay's distance from its singularity taken in integers:
 * t + dx rounded to 1/64 near 10^14, which after a warm-up that long and a timescale
 * of 2 was noise of 4e-6 in the first values, and the smooth sum bisected it until it
 * gave up (the sum then added up 10^15 values) */
static double
inverse_sqrt_smooth (gconstpointer data,
                     gint64        t,
                     double        dx)
{
  const AnnealStage *stage = data;
  gint64 warmup = ANNEAL_INT (stage, WARMUP);
  gint64 timescale = ANNEAL_INT (stage, TIMESCALE);

  if (t < warmup)
    return inverse_sqrt_at (stage, (double) t + dx);
  return ANNEAL_NUM (stage, LR)
         * (1.0 / sqrt (((double) (t - warmup + timescale) + dx) / (double) timescale));
}

/* The warm-up and the decay, each one smooth piece (the decay's singularity, at
 * warmup − timescale, is before its first epoch). */
static double
inverse_sqrt_sum (const AnnealStage *stage,
                  gint64             a,
                  gint64             b)
{
  return anneal_sum_pieces (stage, inverse_sqrt_smooth, a, b);
}

static gint64
inverse_sqrt_piece_end (const AnnealStage *stage,
                        gint64             t)
{
  return t < ANNEAL_INT (stage, WARMUP) ? ANNEAL_INT (stage, WARMUP) - 1 : G_MAXINT64;
}

static void
inverse_sqrt_python (const AnnealStage *stage,
                     GString           *body)
{
  gint64 warmup = ANNEAL_INT (stage, WARMUP);
  gint64 timescale = ANNEAL_INT (stage, TIMESCALE);
  g_autofree char *lr = g_strdup (anneal_py_float (ANNEAL_NUM (stage, LR)).text);

  g_string_append_printf (body, "    if t < %" G_GINT64_FORMAT ":\n        return %s * (t / %"
                          G_GINT64_FORMAT ")\n    return %s * (1.0 / math.sqrt((t + %"
                          G_GINT64_FORMAT ") / %" G_GINT64_FORMAT "))\n",
                          warmup, lr, MAX (1, warmup), lr, timescale - warmup, timescale);
}

/* The warm-up from 0 peaks at `warmup`. */
static void
inverse_sqrt_pitfalls (const AnnealStage  *stage,
                       AnnealPitfallScope *scope)
{
  if (ANNEAL_INT (stage, WARMUP) > 0)
    anneal_pitfalls_rise (scope, ANNEAL_NUM (stage, WARMUP));
}

const AnnealKindClass anneal_kind_inverse_sqrt = {
  .info = {
    .name = "inverse-sqrt",
    .summary = N_("Linear warm-up, then decay with the inverse square root of the epoch"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "Hugging Face get_inverse_sqrt_schedule, fairseq, T5",
  },
  .prepare = inverse_sqrt_prepare,
  .value = inverse_sqrt_value,
  .piece_end = inverse_sqrt_piece_end,
  .sum = inverse_sqrt_sum,
  .python = inverse_sqrt_python,
  .pitfalls = inverse_sqrt_pitfalls,
};
