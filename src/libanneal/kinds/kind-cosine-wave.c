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

enum { LR_START, LR_END, PERIOD, N_PARAMS };

typedef struct
{
  gint64 m;  /* epochs from crest to trough: period − 1 */
} CosineWaveState;

static const AnnealParam params[] = {
  [LR_START] = ANNEAL_PEAK_RATE_PARAM ("lr_start", "0.1", N_("Rate at the crest of the wave")),
  [LR_END] = ANNEAL_RATE_PARAM ("lr_end", "0.001", N_("Rate at the trough of the wave")),
  [PERIOD] = ANNEAL_EPOCHS_PARAM ("period", "10", 1,
                                  N_("Epochs from crest to trough plus one "
                                     "(the notebook's epochs per cycle)")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static gboolean
cosine_wave_prepare (AnnealStage *stage,
                     guint       *bad_param,
                     GError     **error)
{
  CosineWaveState *state = ANNEAL_STATE_MUT (stage, CosineWaveState);

  state->m = ANNEAL_INT (stage, PERIOD) - 1;
  stage->cycle_length = state->m;  /* half-waves; none (constant) when m = 0 */
  stage->uniform_classes = 2;      /* falling and rising */
  stage->period = state->m > 0 ? 2 * state->m : 1;
  return TRUE;
}

static double
cosine_wave_value (const AnnealStage *stage,
                   gint64             t)
{
  gint64 m = ANNEAL_STATE (stage, CosineWaveState)->m;
  double w = 1;

  if (m > 0)
    {
      gint64 phase = t % (2 * m);
      /* The notebook's `(1 + math.cos(epoch / (epochs-1) * math.pi)) / 2` */
      w = (1 + cos ((double) phase / (double) m * G_PI)) / 2;
    }
  return anneal_lerp (w, ANNEAL_NUM (stage, LR_START), ANNEAL_NUM (stage, LR_END));
}

static double
cosine_wave_sum (const AnnealStage *stage,
                 gint64             a,
                 gint64             b)
{
  gint64 m = ANNEAL_STATE (stage, CosineWaveState)->m;
  double s = ANNEAL_NUM (stage, LR_START), e = ANNEAL_NUM (stage, LR_END);
  double n = (double) (b - a + 1);

  if (b - a < ANNEAL_SUM_DIRECT_MAX || m == 0)
    return m == 0 ? n * s : anneal_sum_direct (stage, a, b);
  /* As anneal_lerp(): from the smaller end. */
  if (s >= e)
    return n * e + (s - e) * anneal_sum_half_cosine (m, a, b, 1);
  return n * s + (e - s) * anneal_sum_half_cosine (m, a, b, -1);
}

static void
cosine_wave_python (const AnnealStage *stage,
                    GString           *body)
{
  gint64 m = ANNEAL_STATE (stage, CosineWaveState)->m;
  double lr_end = ANNEAL_NUM (stage, LR_END);

  if (m > 0)
    g_string_append_printf (body, "    w = (1 + math.cos(t %% %" G_GINT64_FORMAT " / %"
                            G_GINT64_FORMAT " * math.pi)) / 2\n", 2 * m, m);
  else
    g_string_append (body, "    w = 1\n");
  anneal_py_return_lerp (body, "w", ANNEAL_NUM (stage, LR_START), lr_end);
}

/* A wave from crest to crest in 2·(period − 1) epochs. */
static void
cosine_wave_pitfalls (const AnnealStage  *stage,
                      AnnealPitfallScope *scope)
{
  gint64 m = ANNEAL_STATE (stage, CosineWaveState)->m;

  if (m > 0)
    anneal_pitfalls_wave (scope, 2 * m);
}

const AnnealKindClass anneal_kind_cosine_wave = {
  .info = {
    .name = "cosine-wave",
    .summary = N_("A cosine wave between two rates (the notebook's cosine decay)"),
    .params = params,
    .n_params = N_PARAMS,
    .damped_twin = "damped-cosine-wave",
    .origin = "notebook",
  },
  .state_size = sizeof (CosineWaveState),
  .prepare = cosine_wave_prepare,
  .value = cosine_wave_value,
  .sum = cosine_wave_sum,
  .damp = anneal_damp_by_twin,
  .python = cosine_wave_python,
  .pitfalls = cosine_wave_pitfalls,
};
