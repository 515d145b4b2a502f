/* kind-poly.c — polynomial decay (PyTorch's PolynomialLR when end = 0)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * end + (lr − end)·(1 − min(t, total_iters)/total_iters)^power
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, TOTAL_ITERS, POWER, END, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
  [TOTAL_ITERS] = ANNEAL_EPOCHS_PARAM ("total_iters", "5", 1,
                                       N_("Epochs until the rate reaches end")),
  [POWER] = { .name = "power", .type = ANNEAL_PARAM_NUMBER, .default_value = "1",
              .min = 0, .max = 1e3, .summary = N_("Power of the polynomial: 1 is linear") },
  [END] = ANNEAL_RATE_PARAM ("end", "0", N_("Rate reached at total_iters and kept after")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
poly_value (const AnnealStage *stage,
            gint64             t)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);
  double end = ANNEAL_NUM (stage, END);
  double lr = ANNEAL_NUM (stage, LR);
  double x = 1.0 - (double) MIN (t, total) / (double) total;
  double p = pow (x, ANNEAL_NUM (stage, POWER));

  /* From the smaller end, as anneal_lerp(): PyTorch's end + (lr − end)·p would
   * cancel at t = 0 for an end far above lr. */
  if (end <= lr)
    return end + (lr - end) * p;
  return lr + (end - lr) * (1 - p);
}

const AnnealKindClass anneal_kind_poly = {
  .info = {
    .name = "poly",
    .summary = N_("Polynomial decay to an end rate"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch PolynomialLR, Keras PolynomialDecay",
  },
  .value = poly_value,
};
