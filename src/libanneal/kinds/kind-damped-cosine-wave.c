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

enum { LR_START, LR_END, PERIOD, KEEP, END_RATIO, N_PARAMS };

typedef struct
{
  gint64        m;        /* epochs from crest to trough: period − 1 */
  AnnealDamping damping;
} DampedCosineWaveState;

static const AnnealParam params[] = {
  [LR_START] = ANNEAL_PEAK_RATE_PARAM ("lr_start", "0.1",
                                       N_("Crest of the wave before any damping")),
  [LR_END] = ANNEAL_RATE_PARAM ("lr_end", "0", N_("Trough of the wave before any damping")),
  [PERIOD] = ANNEAL_EPOCHS_PARAM ("period", "10", 2,
                                  N_("Epochs from crest to trough plus one; "
                                     "damping at every multiple of period−1")),
  [KEEP] = ANNEAL_WEIGHT_PARAM ("keep", "1/3", N_("Share of the range kept at each damping step")),
  [END_RATIO] = ANNEAL_WEIGHT_PARAM ("end_ratio", "1/3",
                                     N_("New trough as a share of the new crest")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

void
anneal_damping_init (AnnealDamping *damping,
                     double         lr_start,
                     double         lr_end,
                     double         keep,
                     double         end_ratio)
{
  /* The notebook's `lr_start = lr_end + (lr_start-lr_end)*(1/3)` at t = 0. */
  damping->s1 = lr_end + (lr_start - lr_end) * keep;
  damping->g = end_ratio + keep - end_ratio * keep;
  damping->end_ratio = end_ratio;
  damping->one_minus_end_ratio = 1 - end_ratio;
}

static inline double
crest (const AnnealDamping *damping,
       gint64               cycle)
{
  return cycle == 0 ? damping->s1 : damping->s1 * pow (damping->g, (double) cycle);
}

double
anneal_damped_value (const AnnealDamping *damping,
                     gint64               cycle,
                     double               w)
{
  double s = crest (damping, cycle);

  /* lerp (w, S, E) with E = S·end_ratio, as E + w·S·(1 − end_ratio): monotone in S
   * for a fixed w, and in w for a fixed S, also after rounding. */
  return s * damping->end_ratio + w * (s * damping->one_minus_end_ratio);
}

void
anneal_damped_fill (const AnnealDamping *damping,
                    const AnnealStage   *stage,
                    gint64               t,
                    gsize                n,
                    double              *values,
                    gint64               cycle_length,
                    gint64               weight_period,
                    AnnealWeightFunc     weight)
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
          s = crest (damping, cycle);
        }
      values[i] = s * damping->end_ratio + w * (s * damping->one_minus_end_ratio);
    }
}

/* The damped kinds over whole cycles first … last: cycle k contributes
 * S₁·g^k·(end_ratio·m + (1 − end_ratio)·W), W the sum of the weights of its
 * class (k mod classes), so the cycles of a class form a geometric series. */
gboolean
anneal_damped_cycles_sum (const AnnealDamping *damping,
                          const AnnealStage   *stage,
                          gint64               first,
                          gint64               last,
                          gint64               cycle_length,
                          guint                classes,
                          AnnealWeightFunc     weight,
                          double              *sum)
{
  double g = damping->g, r = damping->end_ratio;

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
      *sum += damping->s1 * pow (g, (double) k0) * anneal_sum_geometric (pow (g, classes), n)
              * per_cycle;
    }
  return TRUE;
}

/* The values over phases c0 … c1 of cycle k: S_k·(end_ratio·n + (1 − end_ratio)·W),
 * S_k the crest, W the weights' sum. */
static double
damped_part (const AnnealDamping *damping,
             const AnnealStage   *stage,
             gint64               k,
             gint64               c0,
             gint64               c1,
             gint64               cycle_length,
             guint                classes,
             AnnealWeightSumFunc  weight_sum)
{
  gint64 base = (k % classes) * cycle_length;
  double w = weight_sum (stage, base + c0, base + c1);

  return crest (damping, k) * (damping->end_ratio * (double) (c1 - c0 + 1)
                               + damping->one_minus_end_ratio * w);
}

/* The partial cycles at both ends, and the whole ones between as one geometric
 * series per class (anneal_damped_cycles_sum with the weights in closed form): O(1)
 * however many cycles, and however long. Crests that underflow come out as 0 from
 * pow() in the series as they do in value(). */
double
anneal_damped_sum (const AnnealDamping *damping,
                   const AnnealStage   *stage,
                   gint64               a,
                   gint64               b,
                   gint64               cycle_length,
                   guint                classes,
                   AnnealWeightSumFunc  weight_sum)
{
  gint64 ka = a / cycle_length, kb = b / cycle_length;
  double g = damping->g, r = damping->end_ratio;
  double sum;

  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  if (ka == kb)
    return damped_part (damping, stage, ka, a - ka * cycle_length, b - ka * cycle_length,
                        cycle_length, classes, weight_sum);

  sum = damped_part (damping, stage, ka, a - ka * cycle_length, cycle_length - 1, cycle_length,
                     classes, weight_sum)
        + damped_part (damping, stage, kb, 0, b - kb * cycle_length, cycle_length, classes,
                       weight_sum);
  for (guint p = 0; p < classes; p++)
    {
      gint64 first = ka + 1, last = kb - 1;
      gint64 k0 = first + (gint64) ((p + classes - (guint) (first % classes)) % classes);
      double w, per_cycle;
      gint64 n;

      if (k0 > last)
        continue;
      w = weight_sum (stage, (gint64) p * cycle_length, (gint64) p * cycle_length + cycle_length - 1);
      per_cycle = r * (double) cycle_length + (1 - r) * w;
      n = (last - k0) / classes + 1;
      sum += damping->s1 * pow (g, (double) k0) * anneal_sum_geometric (pow (g, classes), n)
             * per_cycle;
    }
  return sum;
}

static double
wave_weight (const AnnealStage *stage,
             gint64             phase)
{
  return (1 + cos ((double) phase / (double) ANNEAL_STATE (stage, DampedCosineWaveState)->m
                   * G_PI)) / 2;
}

static gboolean
damped_cosine_wave_prepare (AnnealStage *stage,
                            guint       *bad_param,
                            GError     **error)
{
  DampedCosineWaveState *state = ANNEAL_STATE_MUT (stage, DampedCosineWaveState);

  state->m = ANNEAL_INT (stage, PERIOD) - 1;
  anneal_damping_init (&state->damping, ANNEAL_NUM (stage, LR_START), ANNEAL_NUM (stage, LR_END),
                       ANNEAL_NUM (stage, KEEP), ANNEAL_NUM (stage, END_RATIO));
  /* Half-waves; S shrinks from one to the next, the wave falls in even ones and
   * rises in odd ones. */
  stage->cycle_length = state->m;
  stage->uniform_classes = 2;
  return TRUE;
}

static double
damped_cosine_wave_value (const AnnealStage *stage,
                          gint64             t)
{
  const DampedCosineWaveState *state = ANNEAL_STATE (stage, DampedCosineWaveState);
  gint64 m = state->m;

  return anneal_damped_value (&state->damping, t / m, wave_weight (stage, t % (2 * m)));
}

static void
damped_cosine_wave_fill (const AnnealStage *stage,
                         gint64             t,
                         gsize              n,
                         double            *values)
{
  const DampedCosineWaveState *state = ANNEAL_STATE (stage, DampedCosineWaveState);

  anneal_damped_fill (&state->damping, stage, t, n, values, state->m, 2 * state->m, wave_weight);
}

/* Σ (1 + cos(π·phase/m))/2 over phases p … q. */
static double
wave_weight_sum (const AnnealStage *stage,
                 gint64             p,
                 gint64             q)
{
  return anneal_sum_half_cosine (ANNEAL_STATE (stage, DampedCosineWaveState)->m, p, q, 1);
}

static double
damped_cosine_wave_sum (const AnnealStage *stage,
                        gint64             a,
                        gint64             b)
{
  const DampedCosineWaveState *state = ANNEAL_STATE (stage, DampedCosineWaveState);

  return anneal_damped_sum (&state->damping, stage, a, b, state->m, 2, wave_weight_sum);
}

static gboolean
damped_cosine_wave_cycles_sum (const AnnealStage *stage,
                               gint64             first,
                               gint64             last,
                               double            *sum)
{
  const DampedCosineWaveState *state = ANNEAL_STATE (stage, DampedCosineWaveState);

  return anneal_damped_cycles_sum (&state->damping, stage, first, last, state->m, 2,
                                   wave_weight, sum);
}

/* anneal_damped_value() as Python, for the weight `w` of cycle `k`. */
void
anneal_damping_python (const AnnealDamping *damping,
                       GString             *body)
{
  g_autofree char *s1 = g_strdup (anneal_py_float (damping->s1).text);

  g_string_append_printf (body, "    s = %s if k == 0 else %s * math.pow(%s, k)\n", s1, s1,
                          anneal_py_float (damping->g).text);
  g_string_append_printf (body, "    return s * %s + w * (s * %s)\n",
                          anneal_py_float (damping->end_ratio).text,
                          anneal_py_float (damping->one_minus_end_ratio).text);
}

static void
damped_cosine_wave_python (const AnnealStage *stage,
                           GString           *body)
{
  const DampedCosineWaveState *state = ANNEAL_STATE (stage, DampedCosineWaveState);

  g_string_append_printf (body, "    k = t // %" G_GINT64_FORMAT "\n"
                          "    w = (1 + math.cos(t %% %" G_GINT64_FORMAT " / %" G_GINT64_FORMAT
                          " * math.pi)) / 2\n", state->m, 2 * state->m, state->m);
  anneal_damping_python (&state->damping, body);
}

/* A wave from crest to crest in 2·(period − 1) epochs. */
static void
damped_cosine_wave_pitfalls (const AnnealStage  *stage,
                             AnnealPitfallScope *scope)
{
  anneal_pitfalls_wave (scope, 2 * ANNEAL_STATE (stage, DampedCosineWaveState)->m);
}

const AnnealKindClass anneal_kind_damped_cosine_wave = {
  .info = {
    .name = "damped-cosine-wave",
    .summary = N_("The cosine wave, damped towards zero every half-wave "
                  "(the notebook's Zeno damping)"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "notebook",
  },
  .state_size = sizeof (DampedCosineWaveState),
  .prepare = damped_cosine_wave_prepare,
  .value = damped_cosine_wave_value,
  .fill = damped_cosine_wave_fill,
  .cycles_sum = damped_cosine_wave_cycles_sum,
  .sum = damped_cosine_wave_sum,
  .python = damped_cosine_wave_python,
  .pitfalls = damped_cosine_wave_pitfalls,
};
