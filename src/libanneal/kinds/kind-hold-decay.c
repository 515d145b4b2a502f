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

enum { LR, HOLD, RATE };

static const AnnealParam params[] = {
  ANNEAL_RATE_PARAM ("lr", "0.1", N_("Learning rate held at the start")),
  ANNEAL_EPOCHS_PARAM ("hold", "10", 0, N_("Epochs before the decay begins")),
  { "rate", ANNEAL_PARAM_NUMBER, "0.1", 0, 1e3, ANNEAL_PARAM_FLAGS_NONE, NULL,
    N_("Decay per epoch: the rate is multiplied by exp(−rate) each epoch") },
};

static double
hold_decay_value (const AnnealStage *stage,
                  gint64             t)
{
  gint64 hold = ANNEAL_INT (stage, HOLD);

  if (t < hold)
    return ANNEAL_NUM (stage, LR);
  return ANNEAL_NUM (stage, LR) * exp (-ANNEAL_NUM (stage, RATE) * (double) (t - hold + 1));
}

const AnnealKindClass anneal_kind_hold_decay = {
  .info = {
    .name = "hold-decay",
    .summary = N_("Hold the rate, then decay it exponentially every epoch "
                  "(the notebook's simple decay)"),
    .params = params,
    .n_params = G_N_ELEMENTS (params),
    .origin = "notebook",
  },
  .value = hold_decay_value,
};
