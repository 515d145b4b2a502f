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

enum { BASE_LR, MAX_LR, STEP_SIZE_UP, STEP_SIZE_DOWN, MODE, GAMMA };
enum { TRIANGULAR, TRIANGULAR2, EXP_RANGE };

static const char * const mode_choices[] = { "triangular", "triangular2", "exp_range", NULL };

static const AnnealParam params[] = {
  ANNEAL_RATE_PARAM ("base_lr", "0.001", N_("Lower bound of each cycle")),
  ANNEAL_RATE_PARAM ("max_lr", "0.1", N_("Upper bound of each cycle")),
  ANNEAL_EPOCHS_PARAM ("step_size_up", "2000", 1,
                       N_("Epochs (or steps) rising from base_lr to max_lr")),
  { "step_size_down", ANNEAL_PARAM_INTEGER, NULL, 0, ANNEAL_EPOCHS_MAX, ANNEAL_PARAM_FLAGS_NONE,
    NULL, N_("Epochs falling back to base_lr (default: step_size_up)") },
  { "mode", ANNEAL_PARAM_CHOICE, "triangular", 0, 2, ANNEAL_PARAM_FLAGS_NONE, mode_choices,
    N_("triangular; triangular2 halves the height every cycle; exp_range scales it by gamma^t") },
  { "gamma", ANNEAL_PARAM_NUMBER, "1", 0, 1, ANNEAL_PARAM_FLAGS_MIN_OPEN, NULL,
    N_("Height factor per epoch in exp_range mode") },
};

/* n[0] = L, n[1] = step_size_up, n[2] = last epoch of the rise before exp_range's
 * turning point (−1 if none); c[0] = r. */

static gboolean
cyclic_prepare (AnnealStage *stage,
                guint       *bad_param,
                GError     **error)
{
  gint64 up = ANNEAL_INT (stage, STEP_SIZE_UP);
  double gamma = ANNEAL_NUM (stage, GAMMA);

  if (!stage->values[STEP_SIZE_DOWN].set)
    stage->values[STEP_SIZE_DOWN].number = (double) up;

  stage->n[0] = up + ANNEAL_INT (stage, STEP_SIZE_DOWN);
  stage->n[1] = up;
  stage->n[2] = -1;
  stage->c[0] = (double) up / (double) stage->n[0];
  if (ANNEAL_INT (stage, MODE) == EXP_RANGE && gamma < 1)
    {
      /* (c/up)·gamma^c peaks at c = −1/ln(gamma). */
      double turn = -1 / log (gamma);

      if (turn < (double) up)
        stage->n[2] = (gint64) floor (turn);
    }
  stage->uniform_classes = 1;
  if (ANNEAL_INT (stage, MODE) == TRIANGULAR)
    stage->period = stage->n[0];
  return TRUE;
}

static double
cyclic_value (const AnnealStage *stage,
              gint64             t)
{
  gint64 length = stage->n[0];
  gint64 cycle = t / length + 1;
  double r = stage->c[0];
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
  gint64 length = stage->n[0];
  gint64 c = t % length;
  gint64 start = t - c;

  if (c <= stage->n[2])
    return start + stage->n[2];
  if (c <= stage->n[1])
    return start + MIN (stage->n[1], length - 1);
  return start + length - 1;
}

static void
cyclic_cycle (const AnnealStage *stage,
              gint64             t,
              AnnealCycle       *cycle)
{
  anneal_block_cycle (t, stage->n[0], cycle);
}

const AnnealKindClass anneal_kind_cyclic = {
  .info = {
    .name = "cyclic",
    .summary = N_("Triangular cycles between base_lr and max_lr (cyclical learning rates)"),
    .params = params,
    .n_params = G_N_ELEMENTS (params),
    .origin = "PyTorch CyclicLR",
  },
  .prepare = cyclic_prepare,
  .value = cyclic_value,
  .piece_end = cyclic_piece_end,
  .cycle = cyclic_cycle,
};
