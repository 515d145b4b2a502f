/* kind-cosine.c — PyTorch's CosineAnnealingLR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * eta_min + (lr − eta_min)·(1 + cos(π·t/t_max))/2; past t_max it rises again, as
 * PyTorch's does — and there it is PyTorch's numbers, not the formula's: PyTorch 1.13's
 * get_lr() is recursive, lr_t = (1 + cos(π·t/T))/(1 + cos(π·(t−1)/T))·(lr_{t−1} − eta_min)
 * + eta_min, restarted at every epoch (2k+1)·T + 1 from eta_min plus a fixed step. Each
 * rising half starts from a rate that is eta_min and a rounding error, and that error
 * grows with the wave by up to (2T/π)²: 1e-11 to 1e-9 of the peak for T ≥ 1000. So
 * after each restart the recursion is run for its first `chain` epochs (prepare()
 * picks how many, enough that later roundings stay below 1e-14 of the peak), the
 * rest of the period follows from there by its closed form, with cos(π·t/T) taken at
 * the unreduced t as PyTorch's is. eta_min > lr and optax's exponent keep the exact,
 * periodic closed form.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, T_MAX, ETA_MIN, EXPONENT, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial (maximum) learning rate")),
  [T_MAX] = ANNEAL_EPOCHS_PARAM ("t_max", "50", 1, N_("Epochs from the maximum to the minimum")),
  [ETA_MIN] = ANNEAL_RATE_PARAM ("eta_min", "0", N_("Minimum learning rate")),
  [EXPONENT] = { .name = "exponent", .type = ANNEAL_PARAM_NUMBER, .default_value = "1",
                 .min = 0, .max = 1000, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
                 .summary = N_("Power of the cosine factor (1 + cos)/2 (optax)") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

/* The longest recursion one value runs after a restart (about 5 ms). */
#define CHAIN_MAX (1 << 18)

typedef struct
{
  gboolean torch;   /* PyTorch's recursion past t_max (eta_min ≤ lr, exponent 1) */
  gint64   chain;   /* epochs after each restart computed by the recursion itself */
  double   start;   /* the rate at each restart, (2k+1)·T + 1 */
} CosineState;

/* PyTorch's 1 + cos(math.pi * t / T), the same operations in the same order. */
static inline double
torch_wave (gint64 t,
            gint64 t_max)
{
  return 1 + cos (G_PI * (double) t / (double) t_max);
}

/* PyTorch's restart before t > t_max: the epoch (2k+1)·T + 1 at or before it. */
static inline gint64
torch_restart (gint64 t,
               gint64 t_max)
{
  return (t - t_max - 1) / (2 * t_max) * (2 * t_max) + t_max + 1;
}

/* One step of PyTorch's recursion, from the rate at t − 1 to the rate at t, given
 * torch_wave (t) and torch_wave (t − 1): a run of steps computes each wave once. */
static inline double
torch_step (double lr,
            double eta_min,
            double wave,
            double wave_before)
{
  double ratio = wave / wave_before;
  double d = lr - eta_min;
  double scaled = ratio * d;

  return scaled + eta_min;
}

static gboolean
cosine_prepare (AnnealStage *stage,
                guint       *bad_param,
                GError     **error)
{
  CosineState *state = ANNEAL_STATE_MUT (stage, CosineState);
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double lr = ANNEAL_NUM (stage, LR);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);

  stage->cycle_length = t_max;  /* half-waves, each monotone */
  stage->uniform_classes = 2;  /* falling, then rising */
  state->torch = eta_min <= lr && ANNEAL_NUM (stage, EXPONENT) == 1;
  if (!state->torch)
    {
      stage->period = 2 * t_max;
      return TRUE;
    }

  /* PyTorch's recursion is not periodic to the bit: no period, and equal phases
   * are monotone in the cycle index only up to its rounding. */
  stage->uniform_drift = TRUE;
  state->start = eta_min + (lr - eta_min) * (1 - cos (G_PI / (double) t_max)) / 2;

  /* A rounding of ulp(eta_min)/2 at epoch m after a restart grows with the wave to
   * ulp·(2T/(π·m))² / … of the peak; their sum beyond m = chain is about
   * ulp·T²/(lr·chain^1.5): 8.5e-15 keeps PyTorch within 1.2e-13 of the peak in
   * random trials (T up to 5000, eta_min up to lr, 40 periods). */
  if (eta_min == 0 || lr == 0)
    state->chain = 1;
  else
    {
      double ulp = nextafter (eta_min, INFINITY) - eta_min;
      double m = ceil (pow (ulp * (double) t_max * (double) t_max / (lr * 8.5e-15), 2.0 / 3));

      /* At most CHAIN_MAX steps: the chain grows with eta_min·t_max², and one value
       * past a t_max of 10^10 ran 3·10^9 of them (41 s for a crosshair's readout,
       * never ending for a t_max of 4·10^14); beyond it the closed form leaves out
       * the rest of PyTorch's roundings, about ulp·T²/(lr·CHAIN_MAX^1.5) of the peak
       * (1e-10 at t_max = 7.5·10^8, eta_min = 10^-3·lr). */
      state->chain = (gint64) CLAMP (m, 1, MIN ((double) t_max, (double) CHAIN_MAX));
    }
  stage->value_cost = 1 + state->chain;
  return TRUE;
}

/* PyTorch's rate at t > t_max: the restart at a = (2k+1)·T + 1 before t, the recursion
 * up to a + chain, the closed form from there. *lr_at / *at carry the recursion from
 * one call to the next for fill(): the rate at epoch *at (of the same restart) or
 * *at = −1. */
static double
torch_value (const AnnealStage *stage,
             gint64             t,
             double            *lr_at,
             gint64            *at)
{
  const CosineState *state = ANNEAL_STATE (stage, CosineState);
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  gint64 a = torch_restart (t, t_max);
  gint64 end = MIN (t, a + state->chain);
  gint64 s = *at;
  double v = *lr_at;

  if (s < a || s > end)
    {
      s = a;
      v = state->start;
    }
  if (s < end)
    {
      double wave_before = torch_wave (s, t_max);

      for (; s < end; s++)
        {
          double wave = torch_wave (s + 1, t_max);

          v = torch_step (v, eta_min, wave, wave_before);
          wave_before = wave;
        }
    }
  *at = s;
  *lr_at = v;
  if (s != t)
    v = eta_min + (v - eta_min) * (torch_wave (t, t_max) / torch_wave (s, t_max));
  /* A t_max so long that 1 + cos rounds to 0 near the trough: PyTorch divides by
   * zero there (ZeroDivisionError); the closed form stands in. */
  if (!isfinite (v))
    v = eta_min + (ANNEAL_NUM (stage, LR) - eta_min) * torch_wave (t, t_max) / 2;
  return v;
}

/* The recursion where the last value() of this thread left it: a chart's envelope
 * asks for epochs in increasing order, each column's ends in the same restart, and
 * each would otherwise run up to `chain` steps of the recursion again (2·10^4 for
 * t_max = 10^5, eta_min = 0.001: a second to draw two periods). Keyed by what the
 * recursion depends on, not by the stage, which may be freed and its memory reused;
 * per thread, as statistics run in a worker. Carrying it is what fill() does: bit
 * for bit the same values. */
typedef struct
{
  double lr, eta_min;
  gint64 t_max, chain, restart;
  gint64 at;
  double lr_at;
} TorchCarry;

static __thread TorchCarry torch_carry = { .at = -1 };

static double
torch_value_carried (const AnnealStage *stage,
                     gint64             t)
{
  const CosineState *state = ANNEAL_STATE (stage, CosineState);
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double lr = ANNEAL_NUM (stage, LR);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  gint64 restart = torch_restart (t, t_max);
  TorchCarry *carry = &torch_carry;
  double lr_at = 0, v;
  gint64 at = -1;

  if (carry->at >= 0 && carry->lr == lr && carry->eta_min == eta_min &&
      carry->t_max == t_max && carry->chain == state->chain && carry->restart == restart)
    {
      lr_at = carry->lr_at;
      at = carry->at;
    }
  v = torch_value (stage, t, &lr_at, &at);
  *carry = (TorchCarry) {
    .lr = lr, .eta_min = eta_min, .t_max = t_max, .chain = state->chain,
    .restart = restart, .at = at, .lr_at = lr_at,
  };
  return v;
}

static double
cosine_value (const AnnealStage *stage,
              gint64             t)
{
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double lr = ANNEAL_NUM (stage, LR);
  gint64 phase = t % (2 * t_max);
  double c = cos (G_PI * (double) phase / (double) t_max);

  if (ANNEAL_STATE (stage, CosineState)->torch && t > t_max)
    return torch_value_carried (stage, t);

  /* PyTorch's eta_min + (lr − eta_min)·(1 + cos)/2 when eta_min ≤ lr. With
   * eta_min > lr the wave rises from lr, and is written from there: PyTorch's form
   * would cancel (eta_min = 1, lr = 1e-12 gives 9.9998e-13 at epoch 0). */
  if (ANNEAL_NUM (stage, EXPONENT) != 1)
    {
      /* optax's cosine_decay_schedule: (0.5 * (1 + cos(pi * t / T))) ** exponent */
      double w = pow (0.5 * (1 + c), ANNEAL_NUM (stage, EXPONENT));

      if (eta_min <= lr)
        return eta_min + (lr - eta_min) * w;
      return lr + (eta_min - lr) * (1 - w);
    }
  if (eta_min <= lr)
    return eta_min + (lr - eta_min) * (1 + c) / 2;
  return lr + (eta_min - lr) * (1 - c) / 2;
}

/* value() with PyTorch's recursion telescoped from the restart a before t:
 * eta_min + (start − eta_min)·(1 + cos(π̃·t/T))/(1 + cos(π̃·a/T)), without the
 * roundings of the chain of steps after a (1e-11 to 1e-9 of the peak), in O(1). */
static double
cosine_model_value (const AnnealStage *stage,
                    gint64             t)
{
  const CosineState *state = ANNEAL_STATE (stage, CosineState);
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  gint64 a;
  double v;

  if (!state->torch || t <= t_max)
    return cosine_value (stage, t);
  a = torch_restart (t, t_max);
  v = eta_min + (state->start - eta_min) * (torch_wave (t, t_max) / torch_wave (a, t_max));
  if (!isfinite (v))
    v = eta_min + (ANNEAL_NUM (stage, LR) - eta_min) * torch_wave (t, t_max) / 2;
  return v;
}

/* Bit for bit value(), the recursion carried from one epoch to the next. */
static void
cosine_fill (const AnnealStage *stage,
             gint64             t,
             gsize              n,
             double            *values)
{
  double lr_at = 0;
  gint64 at = -1;

  for (gsize i = 0; i < n; i++, t++)
    {
      if (ANNEAL_STATE (stage, CosineState)->torch && t > ANNEAL_INT (stage, T_MAX))
        values[i] = torch_value (stage, t, &lr_at, &at);
      else
        values[i] = cosine_value (stage, t);
    }
}

/* optax's ((1 + cos(π·x/T))/2)^exponent at the real phase x = phase + dx of a
 * half-wave, as sin(π·y/(2T))^(2·exponent), y the distance from the trough in
 * integers: the same number, analytic inside each half-wave (the trough, where a
 * fractional power is singular, is a half-wave's end). */
static double
power_wave_at (gconstpointer data,
               gint64        phase,
               double        dx)
{
  const AnnealStage *stage = data;
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double y = phase < t_max ? (double) (t_max - phase) - dx : (double) (phase - t_max) + dx;

  return pow (sin (G_PI * y / (double) (2 * t_max)), 2 * ANNEAL_NUM (stage, EXPONENT));
}

/* Σ of the weights (1 + cos(π·x/T))/2)^exponent at phases p … q of a period
 * (0 ≤ p ≤ q < 2T): one smooth sum per half-wave. */
static double
power_wave_sum (const AnnealStage *stage,
                gint64             p,
                gint64             q)
{
  gint64 t_max = ANNEAL_INT (stage, T_MAX);

  return anneal_sum_smooth_span (power_wave_at, stage, p, q, 0, t_max - 1)
         + anneal_sum_smooth_span (power_wave_at, stage, p, q, t_max, 2 * t_max - 1);
}

/* π − G_PI: the double G_PI is this much below π. */
#define PI_DEFECT 1.2246467991473532e-16

/* PyTorch's recursion telescopes: from the restart at a, where the rate is `start`,
 * it is eta_min + (start − eta_min)·(1 + cos(π̃·t/T))/(1 + cos(π̃·a/T)), π̃ = G_PI, up to
 * the roundings of each step (which prepare()'s `chain` keeps small). With t = a + j
 * and a = (2k+1)·T + 1, 1 + cos(π̃·t/T) = 1 − cos(y_j), y_j = (π − ε·a)/T + j·π̃/T,
 * ε = π − π̃: the formula's wave with its phase drifting by ε·t/T and each restart's
 * height scaled by sin²(π/2T)/sin²((π − ε·a)/2T) ≈ 1 + 2ε·a/π — the drift the formula's
 * closed form misses (7.5e-8 at epoch 10^9, a tenth at 10^15). */
typedef struct
{
  const AnnealStage *stage;
  gint64             first;  /* restart a of the first whole period */
} TorchPeriods;

/* Σ (1 − cos(y_j)), y_j = ((1 + j)·π̃ − ε·(a − 1))/T, j = p … q (0 ≤ p ≤ q < 2T): the
 * model's wave after the restart at a, as 2·Σ sin²(y_j/2) — y_j/2 from its own small
 * end in each half, ((1 + j)·π̃ − ε·(a − 1))/2T before the crest and
 * ((2T − 1 − j)·π̃ + ε·(2T + a − 1))/2T = π − y_j/2 after it, every term ≥ 0 — so that
 * nothing cancels near a trough (the closed form of the cosines was 4.7e-5 off over
 * 2^20 epochs next to a trough of t_max = 10^12, 1e-2 at 10^13). */
static double
torch_wave_sum (gint64 t_max,
                double a,
                gint64 p,
                gint64 q)
{
  double theta = G_PI / (double) (2 * t_max), sum = 0;
  gint64 p2 = MAX (p, t_max), q1 = MIN (q, t_max - 1);

  if (p <= q1)
    sum += anneal_sum_sin2_phase (((double) (1 + p) * G_PI - PI_DEFECT * (a - 1))
                                  / (double) (2 * t_max), theta, q1 - p + 1);
  if (p2 <= q)
    sum += anneal_sum_sin2_phase (((double) (2 * t_max - 1 - q) * G_PI
                                   + PI_DEFECT * ((double) (2 * t_max) + a - 1))
                                  / (double) (2 * t_max), theta, q - p2 + 1);
  return 2 * sum;
}

/* Σ (rate − eta_min) over j = p … q of the period restarting at a by that model,
 * `start` as value() rounds it and no rounding after. For a whole a, the height
 * (start − eta_min)/(1 + cos(π̃·a/T)) is taken as value() divides it (its recursion
 * telescopes to that), with 1 + cos rounded near its zero as there. With `smooth`
 * (whole periods summed as a smooth function of a real a) the rounded 1 + cos is written
 * (1 − cos(π̃/T), rounded as `start` has it)·sin²(π̃/2T)/sin²((π − ε·a)/2T): equal
 * at the first restart, the drift after it without the steps of those roundings. */
static double
torch_period_model (const AnnealStage *stage,
                    double             a,
                    gint64             p,
                    gint64             q,
                    gboolean           smooth)
{
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double step = ANNEAL_STATE (stage, CosineState)->start - ANNEAL_NUM (stage, ETA_MIN);
  double wave;

  if (!smooth)
    wave = torch_wave ((gint64) a, t_max);
  else
    {
      /* sin((π̃ − ε·(a − 1))/2T)/sin(π̃/2T), the drift δ apart (whole in `angle` it
       * would move in steps of an ulp of π, not smoothly) */
      double x = G_PI / (double) (2 * t_max), delta = PI_DEFECT * (a - 1) / (double) (2 * t_max);
      double ratio = cos (delta) - sin (delta) / tan (x);

      wave = (1 - cos (G_PI / (double) t_max)) * ratio * ratio;
    }
  if (!(wave > 0))
    return NAN;
  return step / wave
         * torch_wave_sum (t_max, a, p, q);
}

/* Whole period `first + 2T·(k + dx)`, for anneal_sum_smooth() over k. */
static double
torch_period_at (gconstpointer data,
                 gint64        k,
                 double        dx)
{
  const TorchPeriods *periods = data;
  gint64 length = 2 * ANNEAL_INT (periods->stage, T_MAX);

  return torch_period_model (periods->stage,
                             (double) (periods->first + k * length) + dx * (double) length,
                             0, length - 1, TRUE);
}

/* Recursion steps after a restart that a sum runs through, at most: with more, the
 * period is the model's. */
#define TORCH_CHAIN_MAX (1 << 20)

/* Work on whole periods computed as value() computes them, one by one, at most (each
 * costs its `chain` epochs of recursion and a closed form). */
#define TORCH_PERIOD_WORK_MAX (1 << 22)

/* Σ (rate − eta_min) over epochs a + p … a + q of the period restarting at a, as
 * value() has them: the first `chain` epochs by the recursion itself, added up; from
 * s = a + chain on the rate is eta_min + C·(1 + cos(π̃·t/T)), C = (rate(s) − eta_min)/
 * (1 + cos(π̃·s/T)) as value() takes it, and Σ (1 + cos(π̃·t/T)) = Σ (1 − cos(y_j)) in
 * closed form. What is left out is each epoch's own rounding of π̃·t/T and of the
 * product, not a drift. NAN where value() falls back on the formula (1 + cos rounds
 * to 0 at s). */
static double
torch_period_exact (const AnnealStage *stage,
                    gint64             a,
                    gint64             p,
                    gint64             q)
{
  const CosineState *state = ANNEAL_STATE (stage, CosineState);
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double lr_at = 0, sum = 0, rate, wave;
  gint64 at = -1, j0;

  if (state->chain > TORCH_CHAIN_MAX)
    return torch_period_model (stage, (double) a, p, q, FALSE);
  for (gint64 j = p; j <= MIN (q, state->chain - 1); j++)
    sum += torch_value (stage, a + j, &lr_at, &at) - eta_min;
  if (q < state->chain)
    return sum;
  rate = torch_value (stage, a + state->chain, &lr_at, &at);
  wave = torch_wave (a + state->chain, t_max);
  j0 = MAX (p, state->chain);
  if (!isfinite (lr_at) || !(wave > 0))
    {
      /* The recursion broke down (1 + cos rounded to 0 on the way, t_max of 10^13 and
       * more): value() falls back on eta_min + (lr − eta_min)·(1 + cos(π̃·t/T))/2 past
       * it. Scaled from the rate there instead, rounded to an ulp of eta_min over a
       * difference of 1e-16, the sum was off by 1e-3 (fuzz, stats-sum-cases). */
      if (j0 == state->chain)
        {
          sum += rate - eta_min;  /* at a + chain, the recursion's own value */
          j0++;
        }
      return sum + (ANNEAL_NUM (stage, LR) - eta_min) / 2
                   * torch_wave_sum (t_max, (double) a, j0, q);
    }
  return sum + (rate - eta_min) / wave
               * torch_wave_sum (t_max, (double) a, j0, q);
}

/* Σ (rate − eta_min) over a … b, t_max < a: the partial periods at both ends as
 * value() has them; the whole ones between too while that takes at most
 * TORCH_PERIOD_WORK_MAX steps, else torch_period_model(), a smooth function of the
 * restart summed over the periods: the drift without the roundings at each restart
 * (see cosine_sum()). */
static double
torch_sum (const AnnealStage *stage,
           gint64             a,
           gint64             b)
{
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  gint64 length = 2 * t_max;
  gint64 ka = (a - t_max - 1) / length, kb = (b - t_max - 1) / length;
  gint64 ra = ka * length + t_max + 1, rb = kb * length + t_max + 1;
  gint64 whole = kb - ka - 1;
  TorchPeriods periods = { stage, ra + length };
  double sum, compensation = 0;

  if (ka == kb)
    return torch_period_exact (stage, ra, a - ra, b - ra);
  sum = torch_period_exact (stage, ra, a - ra, length - 1)
        + torch_period_exact (stage, rb, 0, b - rb);
  if (whole <= TORCH_PERIOD_WORK_MAX)
    {
      gboolean exact = whole <= TORCH_PERIOD_WORK_MAX / (ANNEAL_STATE (stage, CosineState)->chain
                                                        + 16);

      for (gint64 k = 1; k <= whole; k++)
        {
          double v = exact ? torch_period_exact (stage, ra + k * length, 0, length - 1)
                           : torch_period_model (stage, (double) (ra + k * length), 0,
                                                 length - 1, FALSE);
          double s = sum + v;

          compensation += fabs (sum) >= fabs (v) ? (sum - s) + v : (v - s) + sum;
          sum = s;
        }
      return sum + compensation;
    }
  return sum + anneal_sum_smooth (torch_period_at, &periods, 0, whole - 1);
}

/* Half-waves in closed form, whole periods exact. With an exponent, the weights of
 * one period and of the partial periods at both ends as smooth sums.
 *
 * Past t_max PyTorch's values follow its recursion and its unreduced phase π̃·t/T:
 * each period is its restart's rate scaled by 1 + cos(π̃·t/T) over 1 + cos at the
 * restart, and near the trough that ratio turns small roundings into a relative
 * error of the whole period: G_PI's own error drifts it by ~(2/π)·1.2e-16·t, and the
 * roundings of π̃·a and of 1 + cos near 0 at each restart a (rms ~2.4e-16·a) jump it.
 * Spans up to ANNEAL_SUM_ROUNDED_MAX are PyTorch's values added up, bit for bit what
 * a chart shows; longer ones follow the recursion period by period (torch_sum()):
 * the drift exactly, the jumps as value() has them up to 2^22 periods, their mean
 * left out past that (~0.6·(2.4e-16·t)² of the rate: nothing at 10^9, 4 % at 10^15). */
static double
cosine_sum (const AnnealStage *stage,
            gint64             a,
            gint64             b)
{
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double lr = ANNEAL_NUM (stage, LR);
  double n = (double) (b - a + 1);

  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  if (ANNEAL_NUM (stage, EXPONENT) != 1)
    {
      gint64 period = 2 * t_max;
      gint64 ka = a / period, kb = b / period;
      double w;

      if (ka == kb)
        w = power_wave_sum (stage, a - ka * period, b - ka * period);
      else
        w = power_wave_sum (stage, a - ka * period, period - 1)
            + power_wave_sum (stage, 0, b - kb * period)
            + (kb - ka > 1 ? (double) (kb - ka - 1) * power_wave_sum (stage, 0, period - 1) : 0);
      if (eta_min <= lr)
        return n * eta_min + (lr - eta_min) * w;
      return n * lr + (eta_min - lr) * (n - w);
    }
  if (ANNEAL_STATE (stage, CosineState)->torch && b > t_max)
    {
      gint64 c = MAX (a, t_max + 1);
      double n_past = (double) (b - c + 1), past, sum = 0;

      if (b - a < ANNEAL_SUM_ROUNDED_MAX)
        return anneal_sum_fill (stage, a, b);
      past = torch_sum (stage, c, b);
      if (!isnan (past))
        {
          if (a <= t_max)
            sum = (double) (t_max - a + 1) * eta_min
                  + (lr - eta_min) * anneal_sum_half_cosine (t_max, a, t_max, 1);
          return sum + n_past * eta_min + past;
        }
    }
  if (eta_min <= lr)
    return n * eta_min + (lr - eta_min) * anneal_sum_half_cosine (t_max, a, b, 1);
  return n * lr + (eta_min - lr) * anneal_sum_half_cosine (t_max, a, b, -1);
}

/* PyTorch's recursion past t_max, as torch_value() runs it (and fill() carries it):
 * from the restart a before t, `chain` steps of PyTorch's get_lr(), then the closed
 * form with the unreduced phase. A division by a wave rounded to 0 gives inf or NaN
 * there, as in C (Python would raise), and ends in the formula's fallback. The
 * recursion is carried from one call to the next, keyed as torch_carry is, so that a
 * training loop does not run `chain` steps at every epoch. */
static void
cosine_python_torch (const AnnealStage *stage,
                     GString           *body)
{
  const CosineState *state = ANNEAL_STATE (stage, CosineState);
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  g_autofree char *lr = g_strdup (anneal_py_float (ANNEAL_NUM (stage, LR)).text);
  g_autofree char *eta_min = g_strdup (anneal_py_float (ANNEAL_NUM (stage, ETA_MIN)).text);
  g_autofree char *range = g_strdup (anneal_py_float (ANNEAL_NUM (stage, LR)
                                                      - ANNEAL_NUM (stage, ETA_MIN)).text);

  g_string_append_printf (body,
                          "    if t <= %" G_GINT64_FORMAT ":\n"
                          "        c = 1 + math.cos(math.pi * t / %" G_GINT64_FORMAT ")\n"
                          "        return %s + %s * c / 2\n"
                          "    # Past t_max PyTorch's CosineAnnealingLR is recursive, each rate from "
                          "the one\n"
                          "    # before, restarted at every (2k+1)*t_max + 1: its first steps are "
                          "run as\n"
                          "    # PyTorch runs them (carried from one call to the next), the rest of "
                          "the\n"
                          "    # period follows in closed form.\n"
                          "    def ratio(x, y):\n"
                          "        return x / y if y != 0 else (math.inf if x != 0 else math.nan)\n"
                          "\n"
                          "    a = (t - %" G_GINT64_FORMAT ") // %" G_GINT64_FORMAT " * %"
                          G_GINT64_FORMAT " + %" G_GINT64_FORMAT "\n"
                          "    end = min(t, a + %" G_GINT64_FORMAT ")\n"
                          "    carry = globals().setdefault(\"_cosine_recursion\", {}).setdefault(\n"
                          "        (%s, %s, %" G_GINT64_FORMAT "), [-1, -1, 0.0])\n"
                          "    if carry[0] == a and a <= carry[1] <= end:\n"
                          "        s, v = carry[1], carry[2]\n"
                          "    else:\n"
                          "        s, v = a, %s\n"
                          "    before = 1 + math.cos(math.pi * s / %" G_GINT64_FORMAT ")\n"
                          "    while s < end:\n"
                          "        wave = 1 + math.cos(math.pi * (s + 1) / %" G_GINT64_FORMAT ")\n"
                          "        v = ratio(wave, before) * (v - %s) + %s\n"
                          "        before = wave\n"
                          "        s += 1\n"
                          "    carry[:] = [a, s, v]\n"
                          "    wave = 1 + math.cos(math.pi * t / %" G_GINT64_FORMAT ")\n"
                          "    if s != t:\n"
                          "        v = %s + (v - %s) * ratio(wave, before)\n"
                          "    if not math.isfinite(v):\n"
                          "        v = %s + %s * wave / 2\n"
                          "    return v\n",
                          t_max, t_max, eta_min, range,
                          t_max + 1, 2 * t_max, 2 * t_max, t_max + 1,
                          state->chain,
                          lr, eta_min, t_max,
                          anneal_py_float (state->start).text,
                          t_max, t_max, eta_min, eta_min,
                          t_max, eta_min, eta_min, eta_min, range);
}

static void
cosine_python (const AnnealStage *stage,
               GString           *body)
{
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double lr = ANNEAL_NUM (stage, LR);
  /* value()'s operations: from lr where the wave rises (eta_min > lr) */
  gboolean rises = ANNEAL_NUM (stage, EXPONENT) == 1 && eta_min > lr;

  if (ANNEAL_STATE (stage, CosineState)->torch)
    {
      cosine_python_torch (stage, body);
      return;
    }
  g_string_append_printf (body, "    c = 1 %c math.cos(math.pi * (t %% %" G_GINT64_FORMAT ") / %"
                          G_GINT64_FORMAT ")\n", rises ? '-' : '+', 2 * t_max, t_max);
  if (ANNEAL_NUM (stage, EXPONENT) != 1)
    {
      g_string_append_printf (body, "    w = math.pow(0.5 * c, %s)\n",
                              anneal_py_float (ANNEAL_NUM (stage, EXPONENT)).text);
      anneal_py_return_lerp (body, "w", lr, eta_min);
    }
  else if (rises)
    g_string_append_printf (body, "    return %s + %s * c / 2\n", anneal_py_float (lr).text,
                            anneal_py_float (eta_min - lr).text);
  else
    g_string_append_printf (body, "    return %s + %s * c / 2\n", anneal_py_float (eta_min).text,
                            anneal_py_float (lr - eta_min).text);
}

/* Past t_max PyTorch's cosine rises again; a cosine that climbs (eta_min > lr)
 * peaks at t_max. */
static void
cosine_pitfalls (const AnnealStage  *stage,
                 AnnealPitfallScope *scope)
{
  gint64 t_max = ANNEAL_INT (stage, T_MAX);

  anneal_pitfalls_horizon (scope, t_max, "t_max", t_max, scope->n - 1,
                           _("PyTorch's CosineAnnealingLR rises again there, while other "
                             "libraries hold eta_min"));
  if (ANNEAL_NUM (stage, ETA_MIN) > ANNEAL_NUM (stage, LR))
    anneal_pitfalls_rise (scope, (double) t_max);
}

const AnnealKindClass anneal_kind_cosine = {
  .info = {
    .name = "cosine",
    .summary = N_("Cosine annealing from lr to eta_min over t_max epochs"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch CosineAnnealingLR, Keras CosineDecay, optax cosine_decay_schedule",
  },
  .state_size = sizeof (CosineState),
  .prepare = cosine_prepare,
  .value = cosine_value,
  .model_value = cosine_model_value,
  .fill = cosine_fill,
  .sum = cosine_sum,
  .python = cosine_python,
  .pitfalls = cosine_pitfalls,
};
