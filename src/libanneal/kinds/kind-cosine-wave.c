/* kind-cosine-wave.c — the notebook's cosine decay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * w = (1 + cos(π·t/(period−1)))/2, value lerp(w, lr_start, lr_end): a continuous
 * wave that falls for period−1 epochs and then rises again, as the notebook's
 * loop draws it. The phase is reduced modulo 2·(period−1) first, which changes
 * nothing for the first wave and keeps the wave exactly periodic for any t.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR_START, LR_END, PERIOD };

static const AnnealParam params[] = {
  ANNEAL_RATE_PARAM ("lr_start", "0.1", N_("Rate at the crest of the wave")),
  ANNEAL_RATE_PARAM ("lr_end", "0.001", N_("Rate at the trough of the wave")),
  ANNEAL_EPOCHS_PARAM ("period", "10", 1,
                       N_("Epochs from crest to trough plus one "
                          "(the notebook's epochs per cycle)")),
};

static gboolean
cosine_wave_prepare (AnnealStage *stage,
                     guint       *bad_param,
                     GError     **error)
{
  stage->n[0] = ANNEAL_INT (stage, PERIOD) - 1;
  stage->uniform_classes = 2;  /* falling and rising half-waves */
  stage->period = stage->n[0] > 0 ? 2 * stage->n[0] : 1;
  return TRUE;
}

static double
cosine_wave_value (const AnnealStage *stage,
                   gint64             t)
{
  gint64 m = stage->n[0];
  double w = 1;

  if (m > 0)
    {
      gint64 phase = t % (2 * m);
      /* The notebook's `(1 + math.cos(epoch / (epochs-1) * math.pi)) / 2` */
      w = (1 + cos ((double) phase / (double) m * G_PI)) / 2;
    }
  return anneal_lerp (w, ANNEAL_NUM (stage, LR_START), ANNEAL_NUM (stage, LR_END));
}

static gint64
cosine_wave_piece_end (const AnnealStage *stage,
                       gint64             t)
{
  return stage->n[0] > 0 ? anneal_block_end (t, stage->n[0]) : G_MAXINT64;
}

static void
cosine_wave_cycle (const AnnealStage *stage,
                   gint64             t,
                   AnnealCycle       *cycle)
{
  anneal_block_cycle (t, stage->n[0] > 0 ? stage->n[0] : G_MAXINT64, cycle);
}

const AnnealKindClass anneal_kind_cosine_wave = {
  .info = {
    .name = "cosine-wave",
    .summary = N_("A cosine wave between two rates (the notebook's cosine decay)"),
    .params = params,
    .n_params = G_N_ELEMENTS (params),
    .damped_twin = "damped-cosine-wave",
    .origin = "notebook",
  },
  .prepare = cosine_wave_prepare,
  .value = cosine_wave_value,
  .piece_end = cosine_wave_piece_end,
  .cycle = cosine_wave_cycle,
};
