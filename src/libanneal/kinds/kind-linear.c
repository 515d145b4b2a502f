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

enum { LR, START_FACTOR, END_FACTOR, TOTAL_ITERS };

static const AnnealParam params[] = {
  ANNEAL_RATE_PARAM ("lr", "0.1", N_("Base learning rate the factors multiply")),
  { "start_factor", ANNEAL_PARAM_NUMBER, "1/3", 0, 1,
    ANNEAL_PARAM_FLAGS_MIN_OPEN | ANNEAL_PARAM_FLAGS_WEIGHT, NULL,
    N_("Factor at epoch 0") },
  ANNEAL_WEIGHT_PARAM ("end_factor", "1", N_("Factor from total_iters on")),
  ANNEAL_EPOCHS_PARAM ("total_iters", "5", 1,
                       N_("Epochs the factor takes to go from start to end")),
};

static double
linear_value (const AnnealStage *stage,
              gint64             t)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);
  double sf = ANNEAL_NUM (stage, START_FACTOR);
  double ef = ANNEAL_NUM (stage, END_FACTOR);

  /* PyTorch's closed form, operation for operation. */
  return ANNEAL_NUM (stage, LR) * (sf + (ef - sf) * (double) MIN (t, total) / (double) total);
}

const AnnealKindClass anneal_kind_linear = {
  .info = {
    .name = "linear",
    .summary = N_("Scale the rate linearly from start_factor to end_factor (warm-up)"),
    .params = params,
    .n_params = G_N_ELEMENTS (params),
    .origin = "PyTorch LinearLR",
  },
  .value = linear_value,
};
