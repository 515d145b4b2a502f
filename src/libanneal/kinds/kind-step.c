/* kind-step.c — PyTorch's StepLR: lr·gamma^⌊t/step_size⌋
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, STEP_SIZE, GAMMA, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
  [STEP_SIZE] = ANNEAL_EPOCHS_PARAM ("step_size", "10", 1, N_("Epochs between two decays")),
  [GAMMA] = { .name = "gamma", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.1",
              .min = 0, .max = 1, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
              .summary = N_("Factor applied at each decay") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
step_value (const AnnealStage *stage,
            gint64             t)
{
  gint64 k = t / ANNEAL_INT (stage, STEP_SIZE);

  return ANNEAL_NUM (stage, LR) * pow (ANNEAL_NUM (stage, GAMMA), (double) k);
}

/* The rate only changes every step_size epochs: one pow() per block. */
static void
step_fill (const AnnealStage *stage,
           gint64             t,
           gsize              n,
           double            *values)
{
  gint64 step = ANNEAL_INT (stage, STEP_SIZE);

  for (gsize i = 0; i < n;)
    {
      gint64 tt = t + (gint64) i;
      double v = step_value (stage, tt);
      gsize run = (gsize) MIN ((guint64) (anneal_block_end (tt, step) - tt + 1), n - i);

      for (gsize j = 0; j < run; j++)
        values[i + j] = v;
      i += run;
    }
}

/* The partial blocks at both ends, and the whole ones between as a geometric series. */
static double
step_sum (const AnnealStage *stage,
          gint64             a,
          gint64             b)
{
  gint64 step = ANNEAL_INT (stage, STEP_SIZE);
  gint64 ka = a / step, kb = b / step;
  double sum;

  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  if (ka == kb)
    return (double) (b - a + 1) * step_value (stage, a);
  sum = (double) ((ka + 1) * step - a) * step_value (stage, a)
        + (double) (b - kb * step + 1) * step_value (stage, b);
  if (kb - ka > 1)
    sum += (double) step * step_value (stage, (ka + 1) * step)
           * anneal_sum_geometric (ANNEAL_NUM (stage, GAMMA), kb - ka - 1);
  return sum;
}

static void
step_python (const AnnealStage *stage,
             GString           *body)
{
  g_string_append_printf (body, "    return %s * math.pow(%s, t // %" G_GINT64_FORMAT ")\n",
                          anneal_py_float (ANNEAL_NUM (stage, LR)).text,
                          anneal_py_float (ANNEAL_NUM (stage, GAMMA)).text,
                          ANNEAL_INT (stage, STEP_SIZE));
}

static void
step_pitfalls (const AnnealStage  *stage,
               AnnealPitfallScope *scope)
{
  anneal_pitfalls_every (scope, "step_size", ANNEAL_INT (stage, STEP_SIZE));
}

const AnnealKindClass anneal_kind_step = {
  .info = {
    .name = "step",
    .summary = N_("Multiply the rate by gamma every step_size epochs"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch StepLR, timm StepLRScheduler, Keras ExponentialDecay (staircase)",
  },
  .value = step_value,
  .fill = step_fill,
  .sum = step_sum,
  .python = step_python,
  .pitfalls = step_pitfalls,
};
