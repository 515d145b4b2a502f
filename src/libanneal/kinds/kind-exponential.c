/* kind-exponential.c — PyTorch's ExponentialLR: lr·gamma^t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, GAMMA, DECAY_STEPS, STAIRCASE, END, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
  [GAMMA] = { .name = "gamma", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.95",
              .min = 0, .max = 1, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
              .summary = N_("Factor applied every decay_steps epochs") },
  [DECAY_STEPS] = ANNEAL_EPOCHS_PARAM ("decay_steps", "1", 1,
                                       N_("Epochs over which the rate falls by gamma")),
  [STAIRCASE] = { .name = "staircase", .type = ANNEAL_PARAM_BOOLEAN, .default_value = "false",
                  .min = 0, .max = 1,
                  .summary = N_("Fall in whole steps of decay_steps epochs") },
  [END] = ANNEAL_RATE_PARAM ("end", "0", N_("The rate never falls below this")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
exponential_value (const AnnealStage *stage,
                   gint64             t)
{
  /* Keras' ExponentialDecay and optax's exponential_decay: p = t/decay_steps (t itself
   * for the default 1, so PyTorch's lr·gamma^t is unchanged), floored for a staircase. */
  double p = (double) t / (double) ANNEAL_INT (stage, DECAY_STEPS);

  if (ANNEAL_NUM (stage, STAIRCASE) != 0)
    p = floor (p);
  return MAX (ANNEAL_NUM (stage, LR) * pow (ANNEAL_NUM (stage, GAMMA), p), ANNEAL_NUM (stage, END));
}

/* A geometric series from the first value. */
static double
exponential_sum (const AnnealStage *stage,
                 gint64             a,
                 gint64             b)
{
  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  return exponential_value (stage, a)
         * anneal_sum_geometric (ANNEAL_NUM (stage, GAMMA), b - a + 1);
}

const AnnealKindClass anneal_kind_exponential = {
  .info = {
    .name = "exponential",
    .summary = N_("Multiply the rate by gamma every epoch"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch ExponentialLR, Keras ExponentialDecay, optax exponential_decay",
  },
  .value = exponential_value,
  .sum = exponential_sum,
};
