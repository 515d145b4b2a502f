/* kind-exponential.c — PyTorch's ExponentialLR: lr·gamma^t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, GAMMA };

static const AnnealParam params[] = {
  ANNEAL_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
  { "gamma", ANNEAL_PARAM_NUMBER, "0.95", 0, 1, ANNEAL_PARAM_FLAGS_MIN_OPEN, NULL,
    N_("Factor applied every epoch") },
};

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
    .n_params = G_N_ELEMENTS (params),
    .origin = "PyTorch ExponentialLR, Keras ExponentialDecay",
  },
  .value = exponential_value,
};
