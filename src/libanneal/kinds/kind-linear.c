/* kind-linear.c — PyTorch's LinearLR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lr·(start_factor + (end_factor − start_factor)·min(t, total_iters)/total_iters):
 * the usual warm-up when start_factor < end_factor.
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anneal-private.h"

enum { LR, START_FACTOR, END_FACTOR, TOTAL_ITERS, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Base learning rate the factors multiply")),
  [START_FACTOR] = { .name = "start_factor", .type = ANNEAL_PARAM_NUMBER, .default_value = "1/3",
                     .min = 0, .max = 1,
                     .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN | ANNEAL_PARAM_FLAGS_WEIGHT,
                     .summary = N_("Factor at epoch 0") },
  [END_FACTOR] = ANNEAL_WEIGHT_PARAM ("end_factor", "1", N_("Factor from total_iters on")),
  [TOTAL_ITERS] = ANNEAL_EPOCHS_PARAM ("total_iters", "5", 1,
                                       N_("Epochs the factor takes to go from start to end")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
linear_value (const AnnealStage *stage,
              gint64             t)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);
  double sf = ANNEAL_NUM (stage, START_FACTOR);
  double ef = ANNEAL_NUM (stage, END_FACTOR);

  /* From total_iters on, end_factor itself: PyTorch's sf + (ef − sf)·total/total can
   * round below it (below 0 for ef = 0). Before, PyTorch's closed form operation for
   * operation: (ef − sf)·t/total lies within [−sf, 1 − sf] after rounding (t < total
   * ≤ 10^15 < 2^53), so the factor stays in [0, 1], monotone in t. */
  if (t >= total)
    return ANNEAL_NUM (stage, LR) * ef;
  return ANNEAL_NUM (stage, LR) * (sf + (ef - sf) * (double) t / (double) total);
}

/* An arithmetic series up to total_iters, then lr·end_factor. */
static double
linear_sum (const AnnealStage *stage,
            gint64             a,
            gint64             b)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);
  double lr = ANNEAL_NUM (stage, LR);
  double sf = ANNEAL_NUM (stage, START_FACTOR);
  double ef = ANNEAL_NUM (stage, END_FACTOR);
  double sum = 0;

  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  if (a < total)
    {
      gint64 e = MIN (b, total - 1);
      double n = (double) (e - a + 1);
      double t_sum = ((double) a + (double) e) * n / 2;

      sum += lr * (n * sf + (ef - sf) * t_sum / (double) total);
    }
  if (b >= total)
    sum += (double) (b - MAX (a, total) + 1) * lr * ef;
  return sum;
}

static void
linear_python (const AnnealStage *stage,
               GString           *body)
{
  double sf = ANNEAL_NUM (stage, START_FACTOR);

  g_autofree char *lr = g_strdup (anneal_py_float (ANNEAL_NUM (stage, LR)).text);

  /* as linear_value() computes it: end_factor itself from total_iters on (the closed
   * form there can round below it, below 0 for end_factor = 0) */
  g_string_append_printf (body, "    if t >= %" G_GINT64_FORMAT ":\n"
                          "        return %s * %s\n",
                          ANNEAL_INT (stage, TOTAL_ITERS), lr,
                          anneal_py_float (ANNEAL_NUM (stage, END_FACTOR)).text);
  g_string_append_printf (body, "    return %s * (%s + %s * t / %" G_GINT64_FORMAT ")\n", lr,
                          anneal_py_float (sf).text,
                          anneal_py_float (ANNEAL_NUM (stage, END_FACTOR) - sf).text,
                          ANNEAL_INT (stage, TOTAL_ITERS));
}

/* A rising factor is a warm-up that peaks at total_iters. */
static void
linear_pitfalls (const AnnealStage  *stage,
                 AnnealPitfallScope *scope)
{
  if (ANNEAL_NUM (stage, END_FACTOR) > ANNEAL_NUM (stage, START_FACTOR))
    anneal_pitfalls_rise (scope, ANNEAL_NUM (stage, TOTAL_ITERS));
}

const AnnealKindClass anneal_kind_linear = {
  .info = {
    .name = "linear",
    .summary = N_("Scale the rate linearly from start_factor to end_factor (warm-up)"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch LinearLR",
  },
  .value = linear_value,
  .sum = linear_sum,
  .python = linear_python,
  .pitfalls = linear_pitfalls,
};
