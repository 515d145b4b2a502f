/* kind-hold-decay.c — the notebook's "simple decay"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Keras' LearningRateScheduler callback that keeps lr for `hold` epochs, then
 * multiplies it by exp(−rate) every epoch: lr·exp(−rate·(t−hold+1)) from t = hold.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, HOLD, RATE, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Learning rate held at the start")),
  [HOLD] = ANNEAL_EPOCHS_PARAM ("hold", "10", 0, N_("Epochs before the decay begins")),
  [RATE] = { .name = "rate", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.1",
             .min = 0, .max = 1e3,
             .summary = N_("Decay per epoch: the rate is multiplied by exp(−rate) each epoch") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
hold_decay_value (const AnnealStage *stage,
                  gint64             t)
{
  gint64 hold = ANNEAL_INT (stage, HOLD);

  if (t < hold)
    return ANNEAL_NUM (stage, LR);
  return ANNEAL_NUM (stage, LR) * exp (-ANNEAL_NUM (stage, RATE) * (double) (t - hold + 1));
}

/* The held epochs, then a geometric series of ratio exp(−rate). */
static double
hold_decay_sum (const AnnealStage *stage,
                gint64             a,
                gint64             b)
{
  gint64 hold = ANNEAL_INT (stage, HOLD);
  double sum = 0;

  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  if (a < hold)
    sum += (double) (MIN (b, hold - 1) - a + 1) * ANNEAL_NUM (stage, LR);
  a = MAX (a, hold);
  if (a <= b)
    sum += hold_decay_value (stage, a)
           * anneal_sum_geometric_log (-ANNEAL_NUM (stage, RATE), b - a + 1);
  return sum;
}

static void
hold_decay_python (const AnnealStage *stage,
                   GString           *body)
{
  const char *lr = anneal_py_float (ANNEAL_NUM (stage, LR)).text;
  g_autofree char *lr_text = g_strdup (lr);

  g_string_append_printf (body, "    if t < %" G_GINT64_FORMAT ":\n        return %s\n"
                          "    return %s * math.exp(%s * (t - %" G_GINT64_FORMAT "))\n",
                          ANNEAL_INT (stage, HOLD), lr_text, lr_text,
                          anneal_py_float (-ANNEAL_NUM (stage, RATE)).text,
                          ANNEAL_INT (stage, HOLD) - 1);
}

/* The decay starts at `hold`: a milestone. */
static void
hold_decay_pitfalls (const AnnealStage  *stage,
                     AnnealPitfallScope *scope)
{
  anneal_pitfalls_every (scope, "hold", ANNEAL_INT (stage, HOLD));
}

const AnnealKindClass anneal_kind_hold_decay = {
  .info = {
    .name = "hold-decay",
    .summary = N_("Hold the rate, then decay it exponentially every epoch "
                  "(the notebook's simple decay)"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "notebook",
  },
  .value = hold_decay_value,
  .sum = hold_decay_sum,
  .python = hold_decay_python,
  .pitfalls = hold_decay_pitfalls,
};
