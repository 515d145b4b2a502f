/* kind-constant.c — one rate throughout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "anneal-private.h"

enum { LR, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("The learning rate")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static gboolean
constant_prepare (AnnealStage *stage,
                  guint       *bad_param,
                  GError     **error)
{
  stage->period = 1;
  return TRUE;
}

static double
constant_value (const AnnealStage *stage,
                gint64             t)
{
  return ANNEAL_NUM (stage, LR);
}

static void
constant_python (const AnnealStage *stage,
                 GString           *body)
{
  g_string_append_printf (body, "    return %s\n", anneal_py_float (ANNEAL_NUM (stage, LR)).text);
}

const AnnealKindClass anneal_kind_constant = {
  .info = {
    .name = "constant",
    .summary = N_("The same rate at every epoch"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch ConstantLR (two stages), Hugging Face get_constant_schedule, "
              "optax constant_schedule; Keras PiecewiseConstantDecay and optax "
              "piecewise_constant_schedule as stages",
  },
  .prepare = constant_prepare,
  .value = constant_value,
  .python = constant_python,
};
