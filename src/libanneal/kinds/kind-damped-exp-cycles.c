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

enum { LR_START, LR_END, EPOCHS, CYCLES, A, KEEP, END_RATIO, N_PARAMS };

typedef struct
{
  AnnealExpCyclesShape shape;
  AnnealDamping        damping;
} DampedExpCyclesState;

static const AnnealParam params[] = {
  [LR_START] = ANNEAL_PEAK_RATE_PARAM ("lr_start", "0.1",
                                       N_("Start of the first cycle before any damping")),
  [LR_END] = ANNEAL_RATE_PARAM ("lr_end", "0", N_("End of the first cycle before any damping")),
  [EPOCHS] = ANNEAL_EPOCHS_PARAM ("epochs", "50", 1,
                                  N_("Total epochs the cycles are laid out over")),
  [CYCLES] = ANNEAL_EPOCHS_PARAM ("cycles", "10", 1,
                                  N_("Number of cycles (restarts) in those epochs")),
  [A] = { .name = "a", .type = ANNEAL_PARAM_NUMBER, .default_value = "3", .min = 0, .max = 700,
          .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
          .summary = N_("Steepness: the larger, the faster each cycle falls") },
  [KEEP] = ANNEAL_WEIGHT_PARAM ("keep", "1/3", N_("Share of the range kept at each restart")),
  [END_RATIO] = ANNEAL_WEIGHT_PARAM ("end_ratio", "3/7",
                                     N_("New end of a cycle as a share of its new start")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static gboolean
damped_exp_cycles_prepare (AnnealStage *stage,
                           guint       *bad_param,
                           GError     **error)
{
  DampedExpCyclesState *state = ANNEAL_STATE_MUT (stage, DampedExpCyclesState);

  if (!anneal_exp_cycles_shape_init (&state->shape, ANNEAL_INT (stage, EPOCHS),
                                     ANNEAL_INT (stage, CYCLES), ANNEAL_NUM (stage, A), error))
    {
      *bad_param = CYCLES;
      return FALSE;
    }
  anneal_damping_init (&state->damping, ANNEAL_NUM (stage, LR_START), ANNEAL_NUM (stage, LR_END),
                       ANNEAL_NUM (stage, KEEP), ANNEAL_NUM (stage, END_RATIO));
  stage->cycle_length = state->shape.m;
  stage->uniform_classes = 1;
  return TRUE;
}

static double
weight (const AnnealStage *stage,
        gint64             phase)
{
  return anneal_exp_cycles_shape_weight (&ANNEAL_STATE (stage, DampedExpCyclesState)->shape, phase);
}

static double
damped_exp_cycles_value (const AnnealStage *stage,
                         gint64             t)
{
  const DampedExpCyclesState *state = ANNEAL_STATE (stage, DampedExpCyclesState);
  gint64 m = state->shape.m;

  return anneal_damped_value (&state->damping, t / m,
                              anneal_exp_cycles_shape_weight (&state->shape, t % m));
}

static void
damped_exp_cycles_fill (const AnnealStage *stage,
                        gint64             t,
                        gsize              n,
                        double            *values)
{
  const DampedExpCyclesState *state = ANNEAL_STATE (stage, DampedExpCyclesState);

  anneal_damped_fill (&state->damping, stage, t, n, values, state->shape.m, state->shape.m,
                      weight);
}

static double
weight_sum (const AnnealStage *stage,
            gint64             p,
            gint64             q)
{
  return anneal_exp_cycles_shape_weight_sum (&ANNEAL_STATE (stage, DampedExpCyclesState)->shape,
                                             p, q);
}

/* NAN (from a tiny steepness's smooth sum) falls back on cycles_sum. */
static double
damped_exp_cycles_sum (const AnnealStage *stage,
                       gint64             a,
                       gint64             b)
{
  const DampedExpCyclesState *state = ANNEAL_STATE (stage, DampedExpCyclesState);

  return anneal_damped_sum (&state->damping, stage, a, b, state->shape.m, 1, weight_sum);
}

static gboolean
damped_exp_cycles_cycles_sum (const AnnealStage *stage,
                              gint64             first,
                              gint64             last,
                              double            *sum)
{
  const DampedExpCyclesState *state = ANNEAL_STATE (stage, DampedExpCyclesState);

  return anneal_damped_cycles_sum (&state->damping, stage, first, last, state->shape.m, 1,
                                   weight, sum);
}

static void
damped_exp_cycles_python (const AnnealStage *stage,
                          GString           *body)
{
  const DampedExpCyclesState *state = ANNEAL_STATE (stage, DampedExpCyclesState);

  g_string_append_printf (body, "    k = t // %" G_GINT64_FORMAT "\n    i = t %% %" G_GINT64_FORMAT
                          "\n", state->shape.m, state->shape.m);
  anneal_exp_cycles_shape_python (&state->shape, body);
  anneal_damping_python (&state->damping, body);
}

/* Each cycle of m epochs restarts at its (damped) crest. */
static void
damped_exp_cycles_pitfalls (const AnnealStage  *stage,
                            AnnealPitfallScope *scope)
{
  gint64 m = ANNEAL_STATE (stage, DampedExpCyclesState)->shape.m;
  AnnealCycle cycle;

  if (m < 2)
    return;
  anneal_block_cycle (scope->n - 1, m, &cycle);
  anneal_pitfalls_restart (scope, &cycle);
}

const AnnealKindClass anneal_kind_damped_exp_cycles = {
  .info = {
    .name = "damped-exp-cycles",
    .summary = N_("Exponential cycles whose range shrinks at every restart "
                  "(the notebook's Zeno damping)"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "notebook",
  },
  .state_size = sizeof (DampedExpCyclesState),
  .prepare = damped_exp_cycles_prepare,
  .value = damped_exp_cycles_value,
  .fill = damped_exp_cycles_fill,
  .cycles_sum = damped_exp_cycles_cycles_sum,
  .sum = damped_exp_cycles_sum,
  .python = damped_exp_cycles_python,
  .pitfalls = damped_exp_cycles_pitfalls,
};
