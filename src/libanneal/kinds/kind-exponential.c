/* kind-exponential.c — PyTorch's ExponentialLR: lr·gamma^t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, GAMMA, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
  [GAMMA] = { .name = "gamma", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.95",
              .min = 0, .max = 1, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
              .summary = N_("Factor applied every epoch") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
exponential_value (const AnnealStage *stage,
                   gint64             t)
{
  return ANNEAL_NUM (stage, LR) * pow (ANNEAL_NUM (stage, GAMMA), (double) t);
}

const AnnealKindClass anneal_kind_exponential = {
  .info = {
    .name = "exponential",
    .summary = N_("Multiply the rate by gamma every epoch"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch ExponentialLR, Keras ExponentialDecay",
  },
  .value = exponential_value,
};
