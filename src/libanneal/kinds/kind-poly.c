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

enum { LR, TOTAL_ITERS, POWER, END, CYCLE, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
  [TOTAL_ITERS] = ANNEAL_EPOCHS_PARAM ("total_iters", "5", 1,
                                       N_("Epochs until the rate reaches end")),
  [POWER] = { .name = "power", .type = ANNEAL_PARAM_NUMBER, .default_value = "1",
              .min = 0, .max = 1e3, .summary = N_("Power of the polynomial: 1 is linear") },
  [END] = ANNEAL_RATE_PARAM ("end", "0", N_("Rate reached at total_iters and kept after")),
  [CYCLE] = { .name = "cycle", .type = ANNEAL_PARAM_BOOLEAN, .default_value = "false",
              .min = 0, .max = 1,
              .summary = N_("Past total_iters, decay again over the next multiple of it (Keras)") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
poly_value (const AnnealStage *stage,
            gint64             t)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);
  double end = ANNEAL_NUM (stage, END);
  double lr = ANNEAL_NUM (stage, LR);
  double x, p;

  if (ANNEAL_NUM (stage, CYCLE) != 0)
    {
      /* Keras' PolynomialDecay with cycle: the horizon is the first multiple of
       * total_iters that is not below t (total_iters itself at t = 0). */
      double multiplier = t == 0 ? 1.0 : ceil ((double) t / (double) total);

      x = 1 - (double) t / ((double) total * multiplier);
    }
  else
    x = 1.0 - (double) MIN (t, total) / (double) total;
  p = pow (x, ANNEAL_NUM (stage, POWER));

  /* From the smaller end, as anneal_lerp(): PyTorch's end + (lr − end)·p would
   * cancel at t = 0 for an end far above lr. */
  if (end <= lr)
    return end + (lr - end) * p;
  return lr + (end - lr) * (1 - p);
}

/* With cycle: epochs 0 … total_iters, then blocks of total_iters epochs, each
 * falling to end; at a fixed place in the block the rate falls from block to block. */
static gboolean
poly_prepare (AnnealStage *stage,
              guint       *bad_param,
              GError     **error)
{
  if (ANNEAL_NUM (stage, CYCLE) != 0)
    stage->uniform_classes = 1;
  return TRUE;
}

static void
poly_cycle (const AnnealStage *stage,
            gint64             t,
            AnnealCycle       *cycle)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);

  if (ANNEAL_NUM (stage, CYCLE) == 0)
    {
      *cycle = (AnnealCycle) { 0, 0, G_MAXINT64 };
      return;
    }
  if (t <= total)
    {
      *cycle = (AnnealCycle) { 0, 0, total + 1 };
      return;
    }
  cycle->index = (t - 1) / total;
  cycle->start = cycle->index * total + 1;
  cycle->length = total;
}

static void
poly_python (const AnnealStage *stage,
             GString           *body)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);
  double end = ANNEAL_NUM (stage, END);

  if (ANNEAL_NUM (stage, CYCLE) != 0)
    g_string_append_printf (body, "    multiplier = 1.0 if t == 0 else float(math.ceil(t / %"
                            G_GINT64_FORMAT "))\n    x = 1 - t / (%" G_GINT64_FORMAT
                            " * multiplier)\n", total, total);
  else
    g_string_append_printf (body, "    x = 1.0 - min(t, %" G_GINT64_FORMAT ") / %"
                            G_GINT64_FORMAT "\n", total, total);
  g_string_append_printf (body, "    return %s + %s * math.pow(x, %s)\n",
                          anneal_py_float (end).text,
                          anneal_py_float (ANNEAL_NUM (stage, LR) - end).text,
                          anneal_py_float (ANNEAL_NUM (stage, POWER)).text);
}

const AnnealKindClass anneal_kind_poly = {
  .info = {
    .name = "poly",
    .summary = N_("Polynomial decay to an end rate"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch PolynomialLR, Keras PolynomialDecay, optax polynomial_schedule, "
              "Hugging Face get_polynomial_decay_schedule_with_warmup",
  },
  .prepare = poly_prepare,
  .value = poly_value,
  .cycle = poly_cycle,
  .python = poly_python,
};
