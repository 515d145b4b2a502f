/* kind-exp-cycles.c — the notebook's cyclic exponential decay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * m = epochs div cycles, i = t mod m; for m > 1 w = (exp(a·(1 − i/(m−1))) − 1)/(exp(a) − 1),
 * else w = 1; value lerp(w, lr_start, lr_end). Each cycle falls from lr_start to
 * lr_end, steeper for larger a, then restarts.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR_START, LR_END, EPOCHS, CYCLES, A };

static const AnnealParam params[] = {
  ANNEAL_RATE_PARAM ("lr_start", "0.1", N_("Rate at the start of each cycle")),
  ANNEAL_RATE_PARAM ("lr_end", "0.001", N_("Rate at the end of each cycle")),
  ANNEAL_EPOCHS_PARAM ("epochs", "50", 1, N_("Total epochs the cycles are laid out over")),
  ANNEAL_EPOCHS_PARAM ("cycles", "10", 1, N_("Number of cycles (restarts) in those epochs")),
  { "a", ANNEAL_PARAM_NUMBER, "3", 0, 700, ANNEAL_PARAM_FLAGS_MIN_OPEN, NULL,
    N_("Steepness: the larger, the faster each cycle falls") },
};

/* Shared with damped-exp-cycles, which passes its own parameter indices:
 * n[0] = epochs per cycle, c[6] = a, c[7] = exp(a) − 1 (as expm1). */
gboolean
anneal_exp_cycles_check (AnnealStage *stage,
                         guint        epochs,
                         guint        cycles,
                         guint        a,
                         guint       *bad_param,
                         GError     **error)
{
  if (ANNEAL_INT (stage, cycles) > ANNEAL_INT (stage, epochs))
    {
      g_autofree char *n_cycles = g_strdup_printf ("%" G_GINT64_FORMAT, ANNEAL_INT (stage, cycles));
      g_autofree char *n_epochs = g_strdup_printf ("%" G_GINT64_FORMAT, ANNEAL_INT (stage, epochs));

      *bad_param = cycles;
      g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID,
                   _("cycles (%s) cannot exceed epochs (%s): every cycle needs at least one epoch"),
                   n_cycles, n_epochs);
      return FALSE;
    }
  stage->n[0] = ANNEAL_INT (stage, epochs) / ANNEAL_INT (stage, cycles);
  stage->c[6] = ANNEAL_NUM (stage, a);
  stage->c[7] = expm1 (stage->c[6]);
  stage->uniform_classes = 1;
  return TRUE;
}

double
anneal_exp_cycles_weight (const AnnealStage *stage,
                          gint64             i)
{
  gint64 m = stage->n[0];

  if (m > 1)
    {
      /* The notebook's (exp(a·(1 − i/(m−1))) − 1)/(exp(a) − 1), with expm1(): the
       * same to an ulp for the usual a, and still right (not 0/0) for a tiny a. */
      return expm1 (stage->c[6] * (1 - (double) i / (double) (m - 1))) / stage->c[7];
    }
  return 1;
}

static gboolean
exp_cycles_prepare (AnnealStage *stage,
                    guint       *bad_param,
                    GError     **error)
{
  if (!anneal_exp_cycles_check (stage, EPOCHS, CYCLES, A, bad_param, error))
    return FALSE;
  stage->period = stage->n[0];
  return TRUE;
}

static double
exp_cycles_value (const AnnealStage *stage,
                  gint64             t)
{
  double w = anneal_exp_cycles_weight (stage, t % stage->n[0]);

  return anneal_lerp (w, ANNEAL_NUM (stage, LR_START), ANNEAL_NUM (stage, LR_END));
}

static gint64
exp_cycles_piece_end (const AnnealStage *stage,
                      gint64             t)
{
  return anneal_block_end (t, stage->n[0]);
}

static void
exp_cycles_cycle (const AnnealStage *stage,
                  gint64             t,
                  AnnealCycle       *cycle)
{
  anneal_block_cycle (t, stage->n[0], cycle);
}

const AnnealKindClass anneal_kind_exp_cycles = {
  .info = {
    .name = "exp-cycles",
    .summary = N_("Cycles of exponential decay with restarts (the notebook's exponential decay)"),
    .params = params,
    .n_params = G_N_ELEMENTS (params),
    .damped_twin = "damped-exp-cycles",
    .origin = "notebook",
  },
  .prepare = exp_cycles_prepare,
  .value = exp_cycles_value,
  .piece_end = exp_cycles_piece_end,
  .cycle = exp_cycles_cycle,
};
