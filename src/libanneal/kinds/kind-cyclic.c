/* kind-cyclic.c — PyTorch's CyclicLR (learning rate only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * L = step_size_up + step_size_down, r = step_size_up/L, cycle c = ⌊1 + t/L⌋,
 * x = position in the cycle / L, s = x/r if x ≤ r else (x−1)/(r−1);
 * base_lr + (max_lr − base_lr)·s·f, f = 1 (triangular), 1/2^(c−1) (triangular2)
 * or gamma^t (exp_range). The position is taken as the exact remainder t mod L.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { BASE_LR, MAX_LR, STEP_SIZE_UP, STEP_SIZE_DOWN, MODE, GAMMA, N_PARAMS };
enum { TRIANGULAR, TRIANGULAR2, EXP_RANGE };

static const char * const mode_choices[] = { "triangular", "triangular2", "exp_range", NULL };

static const AnnealParam params[] = {
  [BASE_LR] = ANNEAL_RATE_PARAM ("base_lr", "0.001", N_("Lower bound of each cycle")),
  [MAX_LR] = ANNEAL_PEAK_RATE_PARAM ("max_lr", "0.1", N_("Upper bound of each cycle")),
  [STEP_SIZE_UP] = ANNEAL_EPOCHS_PARAM ("step_size_up", "2000", 1,
                                        N_("Epochs (or steps) rising from base_lr to max_lr")),
  [STEP_SIZE_DOWN] = { .name = "step_size_down", .type = ANNEAL_PARAM_INTEGER,
                       .default_value = NULL, .min = 0, .max = ANNEAL_EPOCHS_MAX,
                       .summary = N_("Epochs falling back to base_lr (default: step_size_up)") },
  [MODE] = { .name = "mode", .type = ANNEAL_PARAM_CHOICE, .default_value = "triangular",
             .min = 0, .max = 2, .choices = mode_choices,
             .summary = N_("triangular; triangular2 halves the height every cycle; "
                           "exp_range scales it by gamma^t") },
  [GAMMA] = { .name = "gamma", .type = ANNEAL_PARAM_NUMBER, .default_value = "1",
              .min = 0, .max = 1, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
              .summary = N_("Height factor per epoch in exp_range mode") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

typedef struct
{
  gint64 up;        /* step_size_up */
  gint64 turn_end;  /* last epoch of the rise before exp_range's turning point, or −1 */
  double r;         /* step_size_up / L */
} CyclicState;

static gboolean
cyclic_prepare (AnnealStage *stage,
                guint       *bad_param,
                GError     **error)
{
  CyclicState *state = ANNEAL_STATE_MUT (stage, CyclicState);
  gint64 up = ANNEAL_INT (stage, STEP_SIZE_UP);
  double gamma = ANNEAL_NUM (stage, GAMMA);

  if (!stage->values[STEP_SIZE_DOWN].set)
    stage->values[STEP_SIZE_DOWN].number = (double) up;

  stage->cycle_length = up + ANNEAL_INT (stage, STEP_SIZE_DOWN);
  state->up = up;
  state->turn_end = -1;
  state->r = (double) up / (double) stage->cycle_length;
  if (ANNEAL_INT (stage, MODE) == EXP_RANGE && gamma < 1)
    {
      /* (c/up)·gamma^c peaks at c = −1/ln(gamma). */
      double turn = -1 / log (gamma);

      if (turn < (double) up)
        state->turn_end = (gint64) floor (turn);
    }
  stage->uniform_classes = 1;
  if (ANNEAL_INT (stage, MODE) == TRIANGULAR)
    stage->period = stage->cycle_length;
  return TRUE;
}

static double
cyclic_value (const AnnealStage *stage,
              gint64             t)
{
  gint64 length = stage->cycle_length;
  gint64 cycle = t / length + 1;
  double r = ANNEAL_STATE (stage, CyclicState)->r;
  double x = (double) (t % length) / (double) length;
  double scale = x <= r ? x / r : (x - 1) / (r - 1);
  double base_lr = ANNEAL_NUM (stage, BASE_LR);
  double base_height = (ANNEAL_NUM (stage, MAX_LR) - base_lr) * scale;

  switch (ANNEAL_INT (stage, MODE))
    {
    case TRIANGULAR2:
      return base_lr + base_height * (1 / ldexp (1.0, (int) MIN (cycle - 1, 4096)));
    case EXP_RANGE:
      return base_lr + base_height * pow (ANNEAL_NUM (stage, GAMMA), (double) t);
    case TRIANGULAR:
    default:
      return base_lr + base_height;
    }
}

static gint64
cyclic_piece_end (const AnnealStage *stage,
                  gint64             t)
{
  const CyclicState *state = ANNEAL_STATE (stage, CyclicState);
  gint64 length = stage->cycle_length;
  gint64 c = t % length;
  gint64 start = t - c;

  if (c <= state->turn_end)
    return start + state->turn_end;
  if (c <= state->up)
    return start + MIN (state->up, length - 1);
  return start + length - 1;
}

/* The damped twin halves the height every cycle. */
static AnnealSchedule *
cyclic_damp (const AnnealStage *stage)
{
  if (ANNEAL_INT (stage, MODE) != TRIANGULAR)
    return NULL;
  return anneal_stage_with_param (stage, "mode", "triangular2");
}

static void
cyclic_python (const AnnealStage *stage,
               GString           *body)
{
  gint64 length = stage->cycle_length;
  double r = ANNEAL_STATE (stage, CyclicState)->r;
  g_autofree char *rt = g_strdup (anneal_py_float (r).text);
  g_autofree char *base = g_strdup (anneal_py_float (ANNEAL_NUM (stage, BASE_LR)).text);

  g_string_append_printf (body, "    x = (t %% %" G_GINT64_FORMAT ") / %" G_GINT64_FORMAT "\n"
                          "    scale = x / %s if x <= %s else (x - 1) / (%s - 1)\n"
                          "    height = (%s - %s) * scale\n", length, length, rt, rt, rt,
                          anneal_py_float (ANNEAL_NUM (stage, MAX_LR)).text, base);
  switch (ANNEAL_INT (stage, MODE))
    {
    case TRIANGULAR2:
      g_string_append_printf (body, "    return %s + height * (1 / math.ldexp(1.0, min(t // %"
                              G_GINT64_FORMAT ", 4096)))\n", base, length);
      break;
    case EXP_RANGE:
      g_string_append_printf (body, "    return %s + height * math.pow(%s, t)\n", base,
                              anneal_py_float (ANNEAL_NUM (stage, GAMMA)).text);
      break;
    case TRIANGULAR:
    default:
      g_string_append_printf (body, "    return %s + height\n", base);
      break;
    }
}

const AnnealKindClass anneal_kind_cyclic = {
  .info = {
    .name = "cyclic",
    .summary = N_("Triangular cycles between base_lr and max_lr (cyclical learning rates)"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch CyclicLR",
  },
  .state_size = sizeof (CyclicState),
  .prepare = cyclic_prepare,
  .value = cyclic_value,
  .piece_end = cyclic_piece_end,
  .damp = cyclic_damp,
  .python = cyclic_python,
};
