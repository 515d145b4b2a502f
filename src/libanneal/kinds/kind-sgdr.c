/* kind-sgdr.c — cosine annealing with warm restarts (SGDR)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PyTorch's CosineAnnealingWarmRestarts, with the per-restart peak damping of
 * Keras' CosineDecayRestarts (m_mul) and timm's cycle_decay. Cycle k lasts
 * t_0·t_mult^k epochs; at position c of a cycle of length L:
 * eta_min + (lr·decay^k − eta_min)·(1 + cos(π·c/L))/2.
 * The cycle of an epoch is found with a logarithm, never with a loop over cycles.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, T_0, T_MULT, ETA_MIN, DECAY, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Learning rate at the first restart")),
  [T_0] = ANNEAL_EPOCHS_PARAM ("t_0", "10", 1, N_("Length of the first cycle in epochs")),
  [T_MULT] = { .name = "t_mult", .type = ANNEAL_PARAM_INTEGER, .default_value = "1",
               .min = 1, .max = 1e6,
               .summary = N_("Each cycle is this many times longer than the one before") },
  [ETA_MIN] = ANNEAL_RATE_PARAM ("eta_min", "0", N_("Minimum learning rate")),
  [DECAY] = ANNEAL_WEIGHT_PARAM ("decay", "1",
                                 N_("Peak factor per restart (timm cycle_decay; "
                                    "Keras m_mul only when eta_min is 0)")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

/* t_0·t_mult^k, or G_MAXINT64 when that does not fit. */
static gint64
cycle_length (const AnnealStage *stage,
              gint64             k)
{
  guint64 length = (guint64) ANNEAL_INT (stage, T_0);
  guint64 mult = (guint64) ANNEAL_INT (stage, T_MULT);

  for (gint64 i = 0; i < k; i++)
    if (!g_uint64_checked_mul (&length, length, mult) || length > G_MAXINT64)
      return G_MAXINT64;
  return (gint64) length;
}

/* t_0·(t_mult^k − 1)/(t_mult − 1), the first epoch of cycle k (t_mult > 1), as the
 * sum of the lengths before it, so that it stays exact as long as it fits in 64 bits
 * even when t_mult^k alone would not. G_MAXINT64 when it does not fit. */
static gint64
cycle_start (const AnnealStage *stage,
             gint64             k)
{
  guint64 mult = (guint64) ANNEAL_INT (stage, T_MULT);
  guint64 length = (guint64) ANNEAL_INT (stage, T_0);
  guint64 start = 0;

  for (gint64 i = 0; i < k; i++)
    {
      if (!g_uint64_checked_add (&start, start, length) || start > G_MAXINT64)
        return G_MAXINT64;
      if (i + 1 < k && !g_uint64_checked_mul (&length, length, mult))
        return G_MAXINT64;
    }
  return (gint64) start;
}

static void
sgdr_cycle (const AnnealStage *stage,
            gint64             t,
            AnnealCycle       *cycle)
{
  gint64 t_0 = ANNEAL_INT (stage, T_0);
  gint64 mult = ANNEAL_INT (stage, T_MULT);
  gint64 k;

  if (mult == 1)
    {
      anneal_block_cycle (t, t_0, cycle);
      return;
    }

  /* PyTorch's int(log(t/t_0·(t_mult − 1) + 1, t_mult)), then made exact. */
  k = (gint64) floor (log ((double) t / (double) t_0 * (double) (mult - 1) + 1)
                      / log ((double) mult));
  k = MAX (k, 0);
  while (k > 0 && cycle_start (stage, k) > t)
    k--;
  while (cycle_start (stage, k + 1) <= t)
    k++;

  cycle->index = k;
  cycle->start = cycle_start (stage, k);
  cycle->length = cycle_length (stage, k);
}

static gboolean
sgdr_prepare (AnnealStage *stage,
              guint       *bad_param,
              GError     **error)
{
  /* Equal cycles only without t_mult; then peaks shrink monotonically with decay. */
  stage->uniform_classes = ANNEAL_INT (stage, T_MULT) == 1 ? 1 : 0;
  if (ANNEAL_INT (stage, T_MULT) == 1 && ANNEAL_NUM (stage, DECAY) == 1)
    stage->period = ANNEAL_INT (stage, T_0);
  return TRUE;
}

static double
cycle_peak (const AnnealStage *stage,
            gint64             index)
{
  double peak = ANNEAL_NUM (stage, LR);

  if (ANNEAL_NUM (stage, DECAY) != 1)
    peak *= pow (ANNEAL_NUM (stage, DECAY), (double) index);
  return peak;
}

/* The length as a double, also for a cycle too long for 64 bits (t_0·t_mult^k
 * past 9.2·10^18: epochs up to 10^15 can still lie in it). */
static double
cycle_span (const AnnealStage *stage,
            const AnnealCycle *cycle)
{
  if (cycle->length < G_MAXINT64)
    return (double) cycle->length;
  return (double) ANNEAL_INT (stage, T_0) * pow ((double) ANNEAL_INT (stage, T_MULT),
                                                 (double) cycle->index);
}

static inline double
cycle_value (const AnnealStage *stage,
             double             peak,
             gint64             position,
             double             length)
{
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);

  /* PyTorch's eta_min + (base_lr - eta_min) * (1 + cos(pi * T_cur / T_i)) / 2 */
  return eta_min + (peak - eta_min) * (1 + cos (G_PI * (double) position / length)) / 2;
}

static double
sgdr_value (const AnnealStage *stage,
            gint64             t)
{
  AnnealCycle cycle;

  sgdr_cycle (stage, t, &cycle);
  return cycle_value (stage, cycle_peak (stage, cycle.index), t - cycle.start,
                      cycle_span (stage, &cycle));
}

/* One cycle look-up per cycle rather than per epoch; the same arithmetic. */
static void
sgdr_fill (const AnnealStage *stage,
           gint64             t,
           gsize              n,
           double            *values)
{
  for (gsize i = 0; i < n;)
    {
      AnnealCycle cycle;
      double peak, span;
      gint64 tt = t + (gint64) i;
      gsize run;

      sgdr_cycle (stage, tt, &cycle);
      peak = cycle_peak (stage, cycle.index);
      span = cycle_span (stage, &cycle);
      run = (gsize) MIN ((guint64) (cycle.length - (tt - cycle.start)), n - i);
      for (gsize j = 0; j < run; j++)
        values[i + j] = cycle_value (stage, peak, tt - cycle.start + (gint64) j, span);
      i += run;
    }
}

/* Σ over positions c0 … c1 of a cycle of length L and the given peak. */
static double
cycle_sum (const AnnealStage *stage,
           double             peak,
           gint64             c0,
           gint64             c1,
           double             length)
{
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double n = (double) (c1 - c0 + 1);

  /* Σ (1 + cos(π·c/L))/2 as sums of sin², which keep their digits near the trough
   * (the closed form of the cosines cancels there) */
  if (length == floor (length) && c1 <= (gint64) length)
    return n * eta_min + (peak - eta_min) * anneal_sum_half_cosine ((gint64) length, c0, c1, 1);
  return n * eta_min
         + (peak - eta_min) * (n + anneal_sum_cos (0, G_PI / length, c0, c1)) / 2;
}

/* Partial cycles at both ends; the whole ones between one by one when they grow
 * (t_mult > 1: at most ~50 below 10^15), else in closed form: each sums to
 * L·eta_min + (peak_k − eta_min)·(L + 1)/2, the peaks a geometric series. */
static double
sgdr_sum (const AnnealStage *stage,
          gint64             a,
          gint64             b)
{
  AnnealCycle ca, cb;
  double sum = 0;

  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);

  sgdr_cycle (stage, a, &ca);
  sgdr_cycle (stage, b, &cb);
  if (ca.index == cb.index)
    return cycle_sum (stage, cycle_peak (stage, ca.index), a - ca.start, b - ca.start,
                      cycle_span (stage, &ca));

  sum += cycle_sum (stage, cycle_peak (stage, ca.index), a - ca.start, ca.length - 1,
                    cycle_span (stage, &ca));
  sum += cycle_sum (stage, cycle_peak (stage, cb.index), 0, b - cb.start,
                    cycle_span (stage, &cb));
  if (ANNEAL_INT (stage, T_MULT) == 1)
    {
      gint64 k = cb.index - ca.index - 1;
      double length = (double) ANNEAL_INT (stage, T_0);
      double eta_min = ANNEAL_NUM (stage, ETA_MIN);
      double peaks = ANNEAL_NUM (stage, DECAY) == 1
                       ? (double) k * ANNEAL_NUM (stage, LR)
                       : cycle_peak (stage, ca.index + 1)
                         * anneal_sum_geometric (ANNEAL_NUM (stage, DECAY), k);

      if (k > 0)
        sum += (double) k * length * eta_min + (peaks - (double) k * eta_min) * (length + 1) / 2;
      return sum;
    }
  for (gint64 t = ca.start + ca.length; t < cb.start;)
    {
      AnnealCycle c;

      sgdr_cycle (stage, t, &c);
      sum += cycle_sum (stage, cycle_peak (stage, c.index), 0, c.length - 1, (double) c.length);
      t = c.start + c.length;
    }
  return sum;
}

/* The damped twin halves the peak at every restart. */
static AnnealSchedule *
sgdr_damp (const AnnealStage *stage)
{
  if (ANNEAL_NUM (stage, DECAY) != 1)
    return NULL;
  return anneal_stage_with_param (stage, "decay", "0.5");
}

static void
sgdr_python (const AnnealStage *stage,
             GString           *body)
{
  gint64 t_0 = ANNEAL_INT (stage, T_0);
  gint64 mult = ANNEAL_INT (stage, T_MULT);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  g_autofree char *eta = g_strdup (anneal_py_float (eta_min).text);

  if (mult == 1)
    g_string_append_printf (body, "    k = t // %" G_GINT64_FORMAT "\n    start = k * %"
                            G_GINT64_FORMAT "\n    length = %" G_GINT64_FORMAT "\n", t_0, t_0, t_0);
  else
    g_string_append_printf (body, "    k = 0\n"
                            "    while %" G_GINT64_FORMAT " * (%" G_GINT64_FORMAT " ** (k + 1) - 1)"
                            " // %" G_GINT64_FORMAT " <= t:\n        k += 1\n"
                            "    start = %" G_GINT64_FORMAT " * (%" G_GINT64_FORMAT " ** k - 1) // %"
                            G_GINT64_FORMAT "\n    length = %" G_GINT64_FORMAT " * %" G_GINT64_FORMAT
                            " ** k\n", t_0, mult, mult - 1, t_0, mult, mult - 1, t_0, mult);
  if (ANNEAL_NUM (stage, DECAY) != 1)
    g_string_append_printf (body, "    peak = %s * math.pow(%s, k)\n",
                            anneal_py_float (ANNEAL_NUM (stage, LR)).text,
                            anneal_py_float (ANNEAL_NUM (stage, DECAY)).text);
  else
    g_string_append_printf (body, "    peak = %s\n", anneal_py_float (ANNEAL_NUM (stage, LR)).text);
  g_string_append_printf (body, "    return %s + (peak - %s) * (1 + math.cos(math.pi * (t - start) / "
                          "float(length))) / 2\n", eta, eta);
}

static void
sgdr_pitfalls (const AnnealStage  *stage,
               AnnealPitfallScope *scope)
{
  AnnealCycle cycle;

  sgdr_cycle (stage, scope->n - 1, &cycle);
  anneal_pitfalls_restart (scope, &cycle);
}

const AnnealKindClass anneal_kind_sgdr = {
  .info = {
    .name = "sgdr",
    .summary = N_("Cosine annealing with warm restarts, cycles growing by t_mult"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch CosineAnnealingWarmRestarts",
  },
  .prepare = sgdr_prepare,
  .value = sgdr_value,
  .cycle = sgdr_cycle,
  .fill = sgdr_fill,
  .sum = sgdr_sum,
  .damp = sgdr_damp,
  .python = sgdr_python,
  .pitfalls = sgdr_pitfalls,
};
