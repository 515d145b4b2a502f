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

enum { LR_START, LR_END, EPOCHS, CYCLES, A, N_PARAMS };

static const AnnealParam params[] = {
  [LR_START] = ANNEAL_PEAK_RATE_PARAM ("lr_start", "0.1", N_("Rate at the start of each cycle")),
  [LR_END] = ANNEAL_RATE_PARAM ("lr_end", "0.001", N_("Rate at the end of each cycle")),
  [EPOCHS] = ANNEAL_EPOCHS_PARAM ("epochs", "50", 1,
                                  N_("Total epochs the cycles are laid out over")),
  [CYCLES] = ANNEAL_EPOCHS_PARAM ("cycles", "10", 1,
                                  N_("Number of cycles (restarts) in those epochs")),
  [A] = { .name = "a", .type = ANNEAL_PARAM_NUMBER, .default_value = "3", .min = 0, .max = 700,
          .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
          .summary = N_("Steepness: the larger, the faster each cycle falls") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

/* Shared with damped-exp-cycles. */
gboolean
anneal_exp_cycles_shape_init (AnnealExpCyclesShape  *shape,
                              gint64                 epochs,
                              gint64                 cycles,
                              double                 a,
                              GError               **error)
{
  if (cycles > epochs)
    {
      g_autofree char *n_cycles = g_strdup_printf ("%" G_GINT64_FORMAT, cycles);
      g_autofree char *n_epochs = g_strdup_printf ("%" G_GINT64_FORMAT, epochs);

      g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID,
                   _("cycles (%s) cannot exceed epochs (%s): every cycle needs at least one epoch"),
                   n_cycles, n_epochs);
      return FALSE;
    }
  shape->m = epochs / cycles;
  shape->a = a;
  shape->expm1_a = expm1 (a);
  return TRUE;
}

double
anneal_exp_cycles_shape_weight (const AnnealExpCyclesShape *shape,
                                gint64                      i)
{
  gint64 m = shape->m;

  if (m > 1)
    {
      /* The notebook's (exp(a·(1 − i/(m−1))) − 1)/(exp(a) − 1), with expm1(): the
       * same to an ulp for the usual a, and still right (not 0/0) for a tiny a. */
      return expm1 (shape->a * (1 - (double) i / (double) (m - 1))) / shape->expm1_a;
    }
  return 1;
}

/* The weight at real phase i + dx, for anneal_sum_smooth(). */
static double
weight_at (gconstpointer data,
           gint64        i,
           double        dx)
{
  const AnnealExpCyclesShape *shape = data;

  return expm1 (shape->a * (((double) (shape->m - 1 - i) - dx) / (double) (shape->m - 1)))
         / shape->expm1_a;
}

/* 1 − weight at real phase i + dx: (1 − e^(−c·(i + dx)))/(1 − e^(−a)), c = a/(m − 1). */
static double
complement_at (gconstpointer data,
               gint64        i,
               double        dx)
{
  const AnnealExpCyclesShape *shape = data;

  return expm1 (-shape->a * (((double) i + dx) / (double) (shape->m - 1)))
         / expm1 (-shape->a);
}

/* With c = a/(m − 1), weight i is (e^(a − c·i) − 1)/(e^a − 1) = (e^(−c·i) − e^(−a))/(1 − e^(−a)),
 * and e^(−c·i) over i = p … q is a geometric series: e^(−c·(p − 1))·(1 − e^(−c·n))/(e^c − 1).
 * Written so that nothing overflows for a up to 700. Subtracting n·e^(−a) cancels about
 * log10(1/a) digits: for a below 10^−3 the sum is taken as a smooth one instead. */
double
anneal_exp_cycles_shape_weight_sum (const AnnealExpCyclesShape *shape,
                                    gint64                      p,
                                    gint64                      q)
{
  double n = (double) (q - p + 1), c, e;

  if (q < p)
    return 0;
  if (shape->m <= 1)
    return n;
  if (shape->a < 1e-3)
    return anneal_sum_smooth (weight_at, shape, p, q);
  c = shape->a / (double) (shape->m - 1);
  e = exp (-c * (double) (p - 1)) * -expm1 (-c * n) / expm1 (c);
  return (e - n * exp (-shape->a)) / -expm1 (-shape->a);
}

static gboolean
exp_cycles_prepare (AnnealStage *stage,
                    guint       *bad_param,
                    GError     **error)
{
  AnnealExpCyclesShape *shape = ANNEAL_STATE_MUT (stage, AnnealExpCyclesShape);

  if (!anneal_exp_cycles_shape_init (shape, ANNEAL_INT (stage, EPOCHS), ANNEAL_INT (stage, CYCLES),
                                     ANNEAL_NUM (stage, A), error))
    {
      *bad_param = CYCLES;
      return FALSE;
    }
  stage->cycle_length = shape->m;
  stage->uniform_classes = 1;
  stage->period = shape->m;
  return TRUE;
}

static double
exp_cycles_value (const AnnealStage *stage,
                  gint64             t)
{
  const AnnealExpCyclesShape *shape = ANNEAL_STATE (stage, AnnealExpCyclesShape);
  double w = anneal_exp_cycles_shape_weight (shape, t % shape->m);

  return anneal_lerp (w, ANNEAL_NUM (stage, LR_START), ANNEAL_NUM (stage, LR_END));
}

/* Σ of the values at phases p … q of a cycle: lr_end·n + (lr_start − lr_end)·Σw, or,
 * with lr_start below lr_end, lr_start·n + (lr_end − lr_start)·Σ(1 − w) — positive
 * terms either way, as anneal_lerp() writes the value. Σ(1 − w) is n − Σw while Σw
 * is at most half of n, else a smooth sum of 1 − w (no cancellation in either).
 * NAN when a smooth sum is refused. */
static double
cycle_part (const AnnealStage *stage,
            gint64             p,
            gint64             q)
{
  const AnnealExpCyclesShape *shape = ANNEAL_STATE (stage, AnnealExpCyclesShape);
  double lr_start = ANNEAL_NUM (stage, LR_START), lr_end = ANNEAL_NUM (stage, LR_END);
  double n = (double) (q - p + 1);
  double w = anneal_exp_cycles_shape_weight_sum (shape, p, q);
  double complement;

  if (shape->m <= 1)
    return n * lr_start;  /* w = 1 */
  if (lr_start >= lr_end)
    return n * lr_end + (lr_start - lr_end) * w;
  complement = w <= n / 2 ? n - w : anneal_sum_smooth (complement_at, shape, p, q);
  return n * lr_start + (lr_end - lr_start) * complement;
}

/* Partial cycles at both ends in closed form, the whole cycles between them as one
 * cycle's sum times their number: O(1) however long the cycles are (a period of
 * more than 2^20 epochs was added up value by value before). */
static double
exp_cycles_sum (const AnnealStage *stage,
                gint64             a,
                gint64             b)
{
  gint64 m = ANNEAL_STATE (stage, AnnealExpCyclesShape)->m;
  gint64 ka = a / m, kb = b / m;

  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  if (ka == kb)
    return cycle_part (stage, a - ka * m, b - ka * m);
  return cycle_part (stage, a - ka * m, m - 1) + cycle_part (stage, 0, b - kb * m)
         + (kb - ka > 1 ? (double) (kb - ka - 1) * cycle_part (stage, 0, m - 1) : 0);
}

/* The weight at phase `i`, as Python; shared with damped-exp-cycles. */
void
anneal_exp_cycles_shape_python (const AnnealExpCyclesShape *shape,
                                GString                    *body)
{
  if (shape->m > 1)
    g_string_append_printf (body, "    w = math.expm1(%s * (1 - i / %" G_GINT64_FORMAT ")) / %s\n",
                            anneal_py_float (shape->a).text, shape->m - 1,
                            anneal_py_float (shape->expm1_a).text);
  else
    g_string_append (body, "    w = 1\n");
}

static void
exp_cycles_python (const AnnealStage *stage,
                   GString           *body)
{
  const AnnealExpCyclesShape *shape = ANNEAL_STATE (stage, AnnealExpCyclesShape);
  double lr_end = ANNEAL_NUM (stage, LR_END);

  g_string_append_printf (body, "    i = t %% %" G_GINT64_FORMAT "\n", shape->m);
  anneal_exp_cycles_shape_python (shape, body);
  anneal_py_return_lerp (body, "w", ANNEAL_NUM (stage, LR_START), lr_end);
}

/* Each cycle of m epochs restarts at lr_start. */
static void
exp_cycles_pitfalls (const AnnealStage  *stage,
                     AnnealPitfallScope *scope)
{
  gint64 m = ANNEAL_STATE (stage, AnnealExpCyclesShape)->m;
  AnnealCycle cycle;

  if (m < 2)
    return;
  anneal_block_cycle (scope->n - 1, m, &cycle);
  anneal_pitfalls_restart (scope, &cycle);
}

const AnnealKindClass anneal_kind_exp_cycles = {
  .info = {
    .name = "exp-cycles",
    .summary = N_("Cycles of exponential decay with restarts (the notebook's exponential decay)"),
    .params = params,
    .n_params = N_PARAMS,
    .damped_twin = "damped-exp-cycles",
    .origin = "notebook",
  },
  .state_size = sizeof (AnnealExpCyclesShape),
  .prepare = exp_cycles_prepare,
  .value = exp_cycles_value,
  .sum = exp_cycles_sum,
  .damp = anneal_damp_by_twin,
  .python = exp_cycles_python,
  .pitfalls = exp_cycles_pitfalls,
};
