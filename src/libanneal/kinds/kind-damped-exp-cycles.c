/* kind-damped-exp-cycles.c — the notebook's damped exponential decay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * exp-cycles, but at the start of every cycle (i = 0, t = 0 included) first
 * S ← E + (S−E)·keep, then E ← S·end_ratio; value lerp(w, S, E). Closed form as
 * in damped-cosine-wave.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR_START, LR_END, EPOCHS, CYCLES, A, KEEP, END_RATIO };

static const AnnealParam params[] = {
  ANNEAL_RATE_PARAM ("lr_start", "0.1", N_("Start of the first cycle before any damping")),
  ANNEAL_RATE_PARAM ("lr_end", "0", N_("End of the first cycle before any damping")),
  ANNEAL_EPOCHS_PARAM ("epochs", "50", 1, N_("Total epochs the cycles are laid out over")),
  ANNEAL_EPOCHS_PARAM ("cycles", "10", 1, N_("Number of cycles (restarts) in those epochs")),
  { "a", ANNEAL_PARAM_NUMBER, "3", 0, 700, ANNEAL_PARAM_FLAGS_MIN_OPEN, NULL,
    N_("Steepness: the larger, the faster each cycle falls") },
  ANNEAL_WEIGHT_PARAM ("keep", "1/3", N_("Share of the range kept at each restart")),
  ANNEAL_WEIGHT_PARAM ("end_ratio", "3/7", N_("New end of a cycle as a share of its new start")),
};

static gboolean
damped_exp_cycles_prepare (AnnealStage *stage,
                           guint       *bad_param,
                           GError     **error)
{
  if (!anneal_exp_cycles_check (stage, EPOCHS, CYCLES, A, bad_param, error))
    return FALSE;
  anneal_damping_prepare (stage, LR_START, LR_END, KEEP, END_RATIO);
  return TRUE;
}

static double
damped_exp_cycles_value (const AnnealStage *stage,
                         gint64             t)
{
  gint64 m = stage->n[0];

  return anneal_damped_value (stage, t / m, anneal_exp_cycles_weight (stage, t % m));
}

static void
damped_exp_cycles_fill (const AnnealStage *stage,
                        gint64             t,
                        gsize              n,
                        double            *values)
{
  anneal_damped_fill (stage, t, n, values, stage->n[0], stage->n[0], anneal_exp_cycles_weight);
}

static gboolean
damped_exp_cycles_cycles_sum (const AnnealStage *stage,
                              gint64             first,
                              gint64             last,
                              double            *sum)
{
  return anneal_damped_cycles_sum (stage, first, last, stage->n[0], 1,
                                   anneal_exp_cycles_weight, sum);
}

static gint64
damped_exp_cycles_piece_end (const AnnealStage *stage,
                             gint64             t)
{
  return anneal_block_end (t, stage->n[0]);
}

static void
damped_exp_cycles_cycle (const AnnealStage *stage,
                         gint64             t,
                         AnnealCycle       *cycle)
{
  anneal_block_cycle (t, stage->n[0], cycle);
}

const AnnealKindClass anneal_kind_damped_exp_cycles = {
  .info = {
    .name = "damped-exp-cycles",
    .summary = N_("Exponential cycles whose range shrinks at every restart "
                  "(the notebook's Zeno damping)"),
    .params = params,
    .n_params = G_N_ELEMENTS (params),
    .origin = "notebook",
  },
  .prepare = damped_exp_cycles_prepare,
  .value = damped_exp_cycles_value,
  .piece_end = damped_exp_cycles_piece_end,
  .cycle = damped_exp_cycles_cycle,
  .fill = damped_exp_cycles_fill,
  .cycles_sum = damped_exp_cycles_cycles_sum,
};
