/* kind-cyclic.c — PyTorch's CyclicLR (learning rate only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * L = step_size_up + step_size_down, r = step_size_up/L, cycle c = ⌊1 + t/L⌋,
 * x = position in the cycle / L, s = x/r if x ≤ r else (x−1)/(r−1);
 * base_lr + (max_lr − base_lr)·s·f, f = 1 (triangular), 1/2^(c−1) (triangular2)
 * or gamma^t (exp_range). The cycle and the position are computed as PyTorch 1.13
 * computes them, in floating point: c = floor(1 + t/L), x = 1 + t/L − c. That x
 * drifts from the exact (t mod L)/L by an ulp of t/L, which after 10⁶ epochs is
 * 1e-11 of the rate; the same drift makes the values only periodic up to it.
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
  /* No period: PyTorch's values are not periodic to the bit. For the same reason
   * equal offsets are monotone in the cycle index only up to the drift of x. */
  stage->uniform_classes = 1;
  stage->uniform_drift = TRUE;
  return TRUE;
}

static double
cyclic_value (const AnnealStage *stage,
              gint64             t)
{
  double q = (double) t / (double) stage->cycle_length;
  double cycle = floor (1 + q);
  double r = ANNEAL_STATE (stage, CyclicState)->r;
  double x = 1. + q - cycle;
  double scale = x <= r ? x / r : (x - 1) / (r - 1);
  double base_lr = ANNEAL_NUM (stage, BASE_LR);
  double base_height = (ANNEAL_NUM (stage, MAX_LR) - base_lr) * scale;

  switch (ANNEAL_INT (stage, MODE))
    {
    case TRIANGULAR2:
      return base_lr + base_height * (1 / ldexp (1.0, (int) MIN (cycle - 1, 4096.)));
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

/* Σ of the triangle's scale over positions c0 … c1 of a cycle (0 ≤ c0 ≤ c1 < L), by
 * the formula: c/up rising to position up, (L − c)/down after it. */
static double
scale_sum (const AnnealStage *stage,
           gint64             c0,
           gint64             c1)
{
  gint64 up = ANNEAL_STATE (stage, CyclicState)->up, length = stage->cycle_length;
  gint64 rise_end = MIN (c1, up), fall_start = MAX (c0, up + 1);
  double sum = 0;

  if (c0 <= rise_end)
    sum += (double) (c0 + rise_end) * (double) (rise_end - c0 + 1) / 2 / (double) up;
  if (fall_start <= c1)
    sum += (double) ((length - c1) + (length - fall_start)) * (double) (c1 - fall_start + 1) / 2
           / (double) (length - up);
  return sum;
}

/* exp_range's scale·gamma^c at the real position c + dx, on the rise or the fall. */
typedef struct
{
  const AnnealStage *stage;
  gboolean           rise;
} ExpScale;

static double
exp_scale_at (gconstpointer data,
              gint64        c,
              double        dx)
{
  const ExpScale *piece = data;
  const AnnealStage *stage = piece->stage;
  gint64 up = ANNEAL_STATE (stage, CyclicState)->up, length = stage->cycle_length;
  double g = exp (((double) c + dx) * log (ANNEAL_NUM (stage, GAMMA)));

  if (piece->rise)
    return ((double) c + dx) / (double) up * g;
  return ((double) (length - c) - dx) / (double) (length - up) * g;
}

/* Σ scale·gamma^c over positions c0 … c1 (exp_range), one smooth sum each for the
 * rise and the fall; else Σ scale. */
static double
weighted_scale_sum (const AnnealStage *stage,
                    gint64             c0,
                    gint64             c1)
{
  gint64 up = ANNEAL_STATE (stage, CyclicState)->up;
  ExpScale rise = { stage, TRUE }, fall = { stage, FALSE };

  if (ANNEAL_INT (stage, MODE) != EXP_RANGE || ANNEAL_NUM (stage, GAMMA) == 1)
    return scale_sum (stage, c0, c1);
  return anneal_sum_smooth_span (exp_scale_at, &rise, c0, c1, 0, up)
         + anneal_sum_smooth_span (exp_scale_at, &fall, c0, c1, up + 1,
                                   stage->cycle_length - 1);
}

/* The height factor f of cycle k at its first epoch (exp_range: gamma^(k·L)). */
static double
cycle_factor (const AnnealStage *stage,
              gint64             k)
{
  switch (ANNEAL_INT (stage, MODE))
    {
    case TRIANGULAR2:
      return ldexp (1.0, -(int) MIN (k, 4096));
    case EXP_RANGE:
      return exp ((double) k * (double) stage->cycle_length * log (ANNEAL_NUM (stage, GAMMA)));
    default:
      return 1;
    }
}

/* Over positions c0 … c1 of cycle k. */
static double
cyclic_part (const AnnealStage *stage,
             gint64             k,
             gint64             c0,
             gint64             c1)
{
  double base_lr = ANNEAL_NUM (stage, BASE_LR);

  return (double) (c1 - c0 + 1) * base_lr
         + (ANNEAL_NUM (stage, MAX_LR) - base_lr) * cycle_factor (stage, k)
           * weighted_scale_sum (stage, c0, c1);
}

/* The partial cycles at both ends by the triangles' arithmetic series (times
 * gamma^c for exp_range, a smooth sum), the whole cycles between as one cycle's sum
 * (L/2, or (L − 1)/2 without a fall) times their number, or a
 * geometric series of halvings (triangular2) or of gamma^L (exp_range).
 *
 * PyTorch's position in the cycle, 1 + t/L − ⌊1 + t/L⌋, is off by an ulp of t/L,
 * which scales the triangle's height by up to 1e-16·t/step_size_up at each epoch:
 * added up, the roundings mostly cancel (1e-10 relative over 2·10^6 epochs of
 * cycles of 2), but not to the 1e-12 of the other sums. Spans up to
 * ANNEAL_SUM_ROUNDED_MAX are PyTorch's values added up; longer ones the formula's
 * closed form (within 1e-9 of the values added up over 2.2·10^6 epochs, see
 * test-properties). */
static double
cyclic_sum (const AnnealStage *stage,
            gint64             a,
            gint64             b)
{
  gint64 length = stage->cycle_length;
  gint64 ka = a / length, kb = b / length, n;
  double base_lr = ANNEAL_NUM (stage, BASE_LR), height = ANNEAL_NUM (stage, MAX_LR) - base_lr;
  double sum, whole;

  if (b - a < ANNEAL_SUM_ROUNDED_MAX)
    return anneal_sum_direct (stage, a, b);
  if (ka == kb)
    return cyclic_part (stage, ka, a - ka * length, b - ka * length);

  sum = cyclic_part (stage, ka, a - ka * length, length - 1)
        + cyclic_part (stage, kb, 0, b - kb * length);
  n = kb - ka - 1;
  if (n == 0)
    return sum;
  switch (ANNEAL_INT (stage, MODE))
    {
    case TRIANGULAR2:
      /* past 4096 halvings the factor is 0, in value() as here */
      whole = ka + 1 > 4096 ? 0 : scale_sum (stage, 0, length - 1) * cycle_factor (stage, ka + 1)
                                  * anneal_sum_geometric (0.5, MIN (n, 4096 - ka));
      break;
    case EXP_RANGE:
      whole = weighted_scale_sum (stage, 0, length - 1) * cycle_factor (stage, ka + 1)
              * anneal_sum_geometric_log ((double) length * log (ANNEAL_NUM (stage, GAMMA)), n);
      break;
    default:
      whole = scale_sum (stage, 0, length - 1) * (double) n;
      break;
    }
  return sum + (double) n * (double) length * base_lr + height * whole;
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

  g_string_append_printf (body, "    x = 1. + t / %" G_GINT64_FORMAT " - math.floor(1 + t / %"
                          G_GINT64_FORMAT ")\n"
                          "    scale = x / %s if x <= %s else (x - 1) / (%s - 1)\n"
                          "    height = (%s - %s) * scale\n", length, length, rt, rt, rt,
                          anneal_py_float (ANNEAL_NUM (stage, MAX_LR)).text, base);
  switch (ANNEAL_INT (stage, MODE))
    {
    case TRIANGULAR2:
      /* C's 1 / ldexp(1.0, k) is 1/inf = 0 from k = 1024 on, where Python's ldexp()
       * raises OverflowError. */
      g_string_append_printf (body, "    k = min(t // %" G_GINT64_FORMAT ", 4096)\n"
                              "    return %s + height * (1 / math.ldexp(1.0, k) if k < 1024 "
                              "else 0.0)\n", length, base);
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

/* Triangles rising from base_lr for step_size_up epochs: the first crest is the
 * peak of the rise (earlier in exp_range when gamma turns the rise over). */
static void
cyclic_pitfalls (const AnnealStage  *stage,
                 AnnealPitfallScope *scope)
{
  const CyclicState *state = ANNEAL_STATE (stage, CyclicState);

  anneal_pitfalls_rise (scope, (double) (state->turn_end >= 0 ? state->turn_end : state->up));
  anneal_pitfalls_triangle (scope, stage->cycle_length, state->up);
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
  .sum = cyclic_sum,
  .damp = cyclic_damp,
  .python = cyclic_python,
  .pitfalls = cyclic_pitfalls,
};
