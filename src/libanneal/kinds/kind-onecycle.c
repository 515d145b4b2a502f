/* kind-onecycle.c — PyTorch's OneCycleLR (learning rate only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * init = max_lr/div_factor, floor = init/final_div_factor, P = pct_start·total_steps.
 * Phases end at P−1 (init → max_lr) and total_steps−1 (max_lr → floor); with
 * three_phase at P−1, 2P−2 (max_lr → init) and total_steps−1 (init → floor).
 * Past the last epoch (t > total_steps − 1) PyTorch refuses to step; Anneal holds
 * the final rate there, in both modes, so that a longer run neither rises again
 * nor (linear) goes below zero.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum
{
  MAX_LR, TOTAL_STEPS, PCT_START, ANNEAL, DIV_FACTOR, FINAL_DIV_FACTOR, THREE_PHASE, N_PARAMS
};

static const char * const anneal_choices[] = { "cos", "linear", NULL };

static const AnnealParam params[] = {
  [MAX_LR] = ANNEAL_PEAK_RATE_PARAM ("max_lr", "0.1", N_("Peak learning rate")),
  [TOTAL_STEPS] = ANNEAL_EPOCHS_PARAM ("total_steps", "100", 2,
                                       N_("Length of the cycle in epochs (or steps)")),
  [PCT_START] = { .name = "pct_start", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.3",
                  .min = 0, .max = 1,
                  .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN | ANNEAL_PARAM_FLAGS_MAX_OPEN |
                           ANNEAL_PARAM_FLAGS_WEIGHT,
                  .summary = N_("Share of the cycle spent rising to max_lr") },
  [ANNEAL] = { .name = "anneal", .type = ANNEAL_PARAM_CHOICE, .default_value = "cos",
               .min = 0, .max = 1, .choices = anneal_choices,
               .summary = N_("Shape of each phase: cosine or linear") },
  [DIV_FACTOR] = { .name = "div_factor", .type = ANNEAL_PARAM_NUMBER, .default_value = "25",
                   .min = 1, .max = 1e12,
                   .summary = N_("Initial rate is max_lr divided by this") },
  [FINAL_DIV_FACTOR] = { .name = "final_div_factor", .type = ANNEAL_PARAM_NUMBER,
                         .default_value = "1e4", .min = 1, .max = 1e12,
                         .summary = N_("Final rate is the initial rate divided by this") },
  [THREE_PHASE] = { .name = "three_phase", .type = ANNEAL_PARAM_BOOLEAN,
                    .default_value = "false", .min = 0, .max = 1,
                    .summary = N_("Fall back to the initial rate before the final annealing") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

typedef struct
{
  guint  n_phases;   /* 2, or 3 with three_phase */
  double ends[3];    /* the last step of each phase, as PyTorch's end_step */
  double initial;    /* max_lr / div_factor */
  double max_lr;
  double floor;      /* initial / final_div_factor */
} OneCycleState;

static gboolean
onecycle_prepare (AnnealStage *stage,
                  guint       *bad_param,
                  GError     **error)
{
  OneCycleState *state = ANNEAL_STATE_MUT (stage, OneCycleState);
  double total = (double) ANNEAL_INT (stage, TOTAL_STEPS);
  double p = ANNEAL_NUM (stage, PCT_START) * total;
  gboolean three = ANNEAL_NUM (stage, THREE_PHASE) != 0;

  state->initial = ANNEAL_NUM (stage, MAX_LR) / ANNEAL_NUM (stage, DIV_FACTOR);
  state->max_lr = ANNEAL_NUM (stage, MAX_LR);
  state->floor = state->initial / ANNEAL_NUM (stage, FINAL_DIV_FACTOR);
  state->n_phases = three ? 3 : 2;
  state->ends[0] = p - 1;
  state->ends[1] = three ? 2 * p - 2 : total - 1;
  state->ends[2] = total - 1;

  *bad_param = PCT_START;
  if (!(state->ends[0] > 0))
    {
      g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID,
                   _("pct_start × total_steps must be more than 1, so that the rise lasts "
                     "at least one epoch"));
      return FALSE;
    }
  for (guint i = 1; i < state->n_phases; i++)
    if (!(state->ends[i] > state->ends[i - 1]))
      {
        g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID,
                     _("pct_start is too large for total_steps: no epoch is left for "
                       "the annealing phase"));
        return FALSE;
      }
  *bad_param = G_MAXUINT;
  return TRUE;
}

typedef struct
{
  double start_step;
  double end_step;
  double from;
  double to;
  gboolean last;
} Phase;

static void
find_phase (const AnnealStage *stage,
            double             t,
            Phase             *phase)
{
  const OneCycleState *state = ANNEAL_STATE (stage, OneCycleState);
  gboolean three = state->n_phases == 3;
  double from[3] = { state->initial, state->max_lr, three ? state->initial : 0 };
  double to[3] = { state->max_lr, three ? state->initial : state->floor, state->floor };
  double start = 0;

  for (guint i = 0; i < state->n_phases; i++)
    {
      gboolean last = i == state->n_phases - 1;

      if (t <= state->ends[i] || last)
        {
          phase->start_step = start;
          phase->end_step = state->ends[i];
          phase->from = from[i];
          phase->to = to[i];
          phase->last = last;
          return;
        }
      start = state->ends[i];
    }
  g_assert_not_reached ();
}

/* The value at a real epoch t (the same operations as at whole ones). */
static double
onecycle_at (const AnnealStage *stage,
             double             t)
{
  Phase phase;
  double pct;

  find_phase (stage, t, &phase);
  pct = (t - phase.start_step) / (phase.end_step - phase.start_step);
  if (phase.last && pct > 1)
    return phase.to;
  if (ANNEAL_INT (stage, ANNEAL) == 0)
    {
      /* PyTorch's _annealing_cos, to + (from − to)/2·(cos(π·pct) + 1), for a falling
       * phase: never below `to`. A rising phase is written from its lower end,
       * from + (to − from)/2·(1 − cos(π·pct)): PyTorch's form cancels there, by
       * ~1e-12 relative for div_factor = 1e12 and below zero for subnormal rates. */
      if (phase.from >= phase.to)
        return phase.to + (phase.from - phase.to) / 2.0 * (cos (G_PI * pct) + 1);
      return phase.from + (phase.to - phase.from) / 2.0 * (1 - cos (G_PI * pct));
    }
  /* PyTorch's _annealing_linear */
  return (phase.to - phase.from) * pct + phase.from;
}

static double
onecycle_value (const AnnealStage *stage,
                gint64             t)
{
  return onecycle_at (stage, (double) t);
}

/* The same at the real epoch t + dx, for the smooth sums: the phase's share from
 * integers (t + dx rounds to 1/8 near 10^15), and 1 ∓ cos(π·pct) as 2·sin² or 2·cos²
 * of half the angle, which do not cancel where the rate is near a phase's small end
 * (max_lr/div_factor with div_factor 10^6: the sums bisected that rounding until they
 * gave up, and added up 10^9 values). Equal to value() up to its roundings. */
static double
onecycle_smooth (gconstpointer data,
                 gint64        t,
                 double        dx)
{
  const AnnealStage *stage = data;
  Phase phase;
  double whole, pct, half;

  find_phase (stage, (double) t + dx, &phase);
  whole = floor (phase.start_step);
  pct = ((double) (t - (gint64) whole) + (dx - (phase.start_step - whole)))
        / (phase.end_step - phase.start_step);
  if (phase.last && pct > 1)
    return phase.to;
  if (ANNEAL_INT (stage, ANNEAL) != 0)
    return (phase.to - phase.from) * pct + phase.from;
  half = G_PI * pct / 2;
  if (phase.from >= phase.to)
    return phase.to + (phase.from - phase.to) * (cos (half) * cos (half));
  return phase.from + (phase.to - phase.from) * (sin (half) * sin (half));
}

static gint64
onecycle_piece_end (const AnnealStage *stage,
                    gint64             t)
{
  Phase phase;

  find_phase (stage, (double) t, &phase);
  if ((double) t <= phase.end_step)
    return (gint64) floor (phase.end_step);
  return G_MAXINT64;  /* the final rate, held */
}

/* Each phase is one smooth piece, and so is the final rate held. */
static double
onecycle_sum (const AnnealStage *stage,
              gint64             a,
              gint64             b)
{
  return anneal_sum_pieces (stage, onecycle_smooth, a, b);
}

static void
onecycle_python (const AnnealStage *stage,
                 GString           *body)
{
  const OneCycleState *state = ANNEAL_STATE (stage, OneCycleState);
  gboolean three = state->n_phases == 3;
  double from[3] = { state->initial, state->max_lr, three ? state->initial : 0 };
  double to[3] = { state->max_lr, three ? state->initial : state->floor, state->floor };
  double start = 0;

  for (guint i = 0; i < state->n_phases; i++)
    {
      gboolean last = i == state->n_phases - 1;
      g_autofree char *a = g_strdup (anneal_py_float (from[i]).text);
      g_autofree char *b = g_strdup (anneal_py_float (to[i]).text);
      g_autofree char *s = g_strdup (anneal_py_float (start).text);

      if (last)
        g_string_append (body, "    if True:\n");
      else
        g_string_append_printf (body, "    if t <= %s:\n", anneal_py_float (state->ends[i]).text);
      g_string_append_printf (body, "        frm, to = %s, %s\n"
                              "        pct = (t - %s) / (%s - %s)\n", a, b, s,
                              anneal_py_float (state->ends[i]).text, s);
      if (last)
        g_string_append (body, "        if pct > 1:\n            return to\n");
      /* as onecycle_at() computes it: a rising phase from its lower end */
      if (ANNEAL_INT (stage, ANNEAL) == 0 && from[i] >= to[i])
        g_string_append (body, "        return to + (frm - to) / 2.0 * (math.cos(math.pi * pct) + 1)\n");
      else if (ANNEAL_INT (stage, ANNEAL) == 0)
        g_string_append (body, "        return frm + (to - frm) / 2.0 * (1 - math.cos(math.pi * pct))\n");
      else
        g_string_append (body, "        return (to - frm) * pct + frm\n");
      start = state->ends[i];
    }
}

/* PyTorch's OneCycleLR refuses to step past total_steps; the rise ends at P − 1. */
static void
onecycle_pitfalls (const AnnealStage  *stage,
                   AnnealPitfallScope *scope)
{
  const OneCycleState *state = ANNEAL_STATE (stage, OneCycleState);

  anneal_pitfalls_horizon (scope, ANNEAL_INT (stage, TOTAL_STEPS) - 1, "total_steps",
                           ANNEAL_INT (stage, TOTAL_STEPS), scope->n,
                           _("PyTorch's OneCycleLR refuses to step past total_steps"));
  anneal_pitfalls_rise (scope, state->ends[0]);
}

const AnnealKindClass anneal_kind_onecycle = {
  .info = {
    .name = "onecycle",
    .summary = N_("Rise to max_lr, then anneal far below the start (1cycle policy)"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch OneCycleLR",
  },
  .state_size = sizeof (OneCycleState),
  .prepare = onecycle_prepare,
  .value = onecycle_value,
  .piece_end = onecycle_piece_end,
  .sum = onecycle_sum,
  .python = onecycle_python,
  .pitfalls = onecycle_pitfalls,
};
