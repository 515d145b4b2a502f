/* kind-damped-cosine-wave.c — the notebook's damped cosine decay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The cosine wave, but at every t divisible by (period−1), t = 0 included, first
 * S ← E + (S−E)·keep, then E ← S·end_ratio; value lerp(w, S, E). After the first
 * update S₁ = E₀ + (S₀−E₀)·keep, each later one multiplies S by
 * g = end_ratio + keep − end_ratio·keep, so cycle j (from 0) has S = S₁·g^j and
 * E = S·end_ratio: no loop over earlier epochs.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR_START, LR_END, PERIOD, KEEP, END_RATIO };

static const AnnealParam params[] = {
  ANNEAL_RATE_PARAM ("lr_start", "0.1", N_("Crest of the wave before any damping")),
  ANNEAL_RATE_PARAM ("lr_end", "0", N_("Trough of the wave before any damping")),
  ANNEAL_EPOCHS_PARAM ("period", "10", 2,
                       N_("Epochs from crest to trough plus one; "
                          "damping at every multiple of period−1")),
  ANNEAL_WEIGHT_PARAM ("keep", "1/3", N_("Share of the range kept at each damping step")),
  ANNEAL_WEIGHT_PARAM ("end_ratio", "1/3", N_("New trough as a share of the new crest")),
};

void
anneal_damping_prepare (AnnealStage *stage,
                        guint        lr_start,
                        guint        lr_end,
                        guint        keep,
                        guint        end_ratio)
{
  double s0 = ANNEAL_NUM (stage, lr_start);
  double e0 = ANNEAL_NUM (stage, lr_end);
  double k = ANNEAL_NUM (stage, keep);
  double r = ANNEAL_NUM (stage, end_ratio);

  /* The notebook's `lr_start = lr_end + (lr_start-lr_end)*(1/3)` at t = 0. */
  stage->c[0] = e0 + (s0 - e0) * k;
  stage->c[1] = r + k - r * k;
  stage->c[2] = r;
  stage->c[3] = 1 - r;
}

double
anneal_damped_value (const AnnealStage *stage,
                     gint64             cycle,
                     double             w)
{
  double s = cycle == 0 ? stage->c[0] : stage->c[0] * pow (stage->c[1], (double) cycle);

  /* lerp (w, S, E) with E = S·end_ratio, as E + w·S·(1 − end_ratio): monotone in S
   * for a fixed w, and in w for a fixed S, also after rounding. */
  return s * stage->c[2] + w * (s * stage->c[3]);
}

void
anneal_damped_fill (const AnnealStage *stage,
                    gint64             t,
                    gsize              n,
                    double            *values,
                    gint64             cycle_length,
                    gint64             weight_period,
                    AnnealWeightFunc   weight)
{
  g_autofree double *table = NULL;
  gint64 cycle = -1;
  double s = 0;

  /* The weights repeat; the damping changes once a cycle. Same arithmetic as
   * anneal_damped_value(), so the same bits. */
  if ((guint64) weight_period <= n && weight_period <= (1 << 20))
    {
      table = g_new (double, weight_period);
      for (gint64 p = 0; p < weight_period; p++)
        table[p] = weight (stage, p);
    }

  for (gsize i = 0; i < n; i++)
    {
      gint64 tt = t + (gint64) i;
      gint64 phase = tt % weight_period;
      double w = table != NULL ? table[phase] : weight (stage, phase);

      if (tt / cycle_length != cycle)
        {
          cycle = tt / cycle_length;
          s = cycle == 0 ? stage->c[0] : stage->c[0] * pow (stage->c[1], (double) cycle);
        }
      values[i] = s * stage->c[2] + w * (s * stage->c[3]);
    }
}

/* Σ q^j for j = 0 … n−1, accurate also for q close to 1. */
static double
geometric_sum (double q,
               gint64 n)
{
  if (q == 1)
    return (double) n;
  if (q == 0)
    return 1;
  return -expm1 ((double) n * log (q)) / (1 - q);
}

/* The damped kinds over whole cycles first … last: cycle k contributes
 * S₁·g^k·(end_ratio·m + (1 − end_ratio)·W), W the sum of the weights of its
 * class (k mod classes), so the cycles of a class form a geometric series. */
gboolean
anneal_damped_cycles_sum (const AnnealStage *stage,
                          gint64             first,
                          gint64             last,
                          gint64             cycle_length,
                          guint              classes,
                          AnnealWeightFunc   weight,
                          double            *sum)
{
  double g = stage->c[1], r = stage->c[2];

  if (cycle_length > (1 << 20))
    return FALSE;

  *sum = 0;
  for (guint p = 0; p < classes; p++)
    {
      gint64 k0 = first + (gint64) ((p + classes - (guint) (first % classes)) % classes);
      double w = 0, per_cycle;
      gint64 n;

      if (k0 > last)
        continue;
      for (gint64 c = 0; c < cycle_length; c++)
        w += weight (stage, (gint64) p * cycle_length + c);
      per_cycle = r * (double) cycle_length + (1 - r) * w;
      n = (last - k0) / classes + 1;
      *sum += stage->c[0] * pow (g, (double) k0) * geometric_sum (pow (g, classes), n) * per_cycle;
    }
  return TRUE;
}

static double
wave_weight (const AnnealStage *stage,
             gint64             phase)
{
  return (1 + cos ((double) phase / (double) stage->n[0] * G_PI)) / 2;
}

static gboolean
damped_cosine_wave_prepare (AnnealStage *stage,
                            guint       *bad_param,
                            GError     **error)
{
  stage->n[0] = ANNEAL_INT (stage, PERIOD) - 1;
  anneal_damping_prepare (stage, LR_START, LR_END, KEEP, END_RATIO);
  /* S shrinks from cycle to cycle; the wave falls in even cycles, rises in odd ones. */
  stage->uniform_classes = 2;
  return TRUE;
}

static double
damped_cosine_wave_value (const AnnealStage *stage,
                          gint64             t)
{
  gint64 m = stage->n[0];

  return anneal_damped_value (stage, t / m, wave_weight (stage, t % (2 * m)));
}

static void
damped_cosine_wave_fill (const AnnealStage *stage,
                         gint64             t,
                         gsize              n,
                         double            *values)
{
  anneal_damped_fill (stage, t, n, values, stage->n[0], 2 * stage->n[0], wave_weight);
}

static gboolean
damped_cosine_wave_cycles_sum (const AnnealStage *stage,
                               gint64             first,
                               gint64             last,
                               double            *sum)
{
  return anneal_damped_cycles_sum (stage, first, last, stage->n[0], 2, wave_weight, sum);
}

static gint64
damped_cosine_wave_piece_end (const AnnealStage *stage,
                              gint64             t)
{
  return anneal_block_end (t, stage->n[0]);
}

static void
damped_cosine_wave_cycle (const AnnealStage *stage,
                          gint64             t,
                          AnnealCycle       *cycle)
{
  anneal_block_cycle (t, stage->n[0], cycle);
}

const AnnealKindClass anneal_kind_damped_cosine_wave = {
  .info = {
    .name = "damped-cosine-wave",
    .summary = N_("The cosine wave, damped towards zero every half-wave "
                  "(the notebook's Zeno damping)"),
    .params = params,
    .n_params = G_N_ELEMENTS (params),
    .origin = "notebook",
  },
  .prepare = damped_cosine_wave_prepare,
  .value = damped_cosine_wave_value,
  .piece_end = damped_cosine_wave_piece_end,
  .cycle = damped_cosine_wave_cycle,
  .fill = damped_cosine_wave_fill,
  .cycles_sum = damped_cosine_wave_cycles_sum,
};
