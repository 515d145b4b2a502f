/* kind-restarts.c — timm's cosine, polynomial and tanh cycles; Keras' CosineDecayRestarts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cycle i lasts t_0·t_mul^i epochs (t_mul real). The cycle of epoch u is found as
 * timm's CosineLRScheduler._get_lr and Keras' CosineDecayRestarts find it,
 * i = ⌊log(1 − u/t_0·(1 − t_mul))/log(t_mul)⌋, so that a restart falls on the
 * same step as there even where the cycle lengths are not whole numbers; in it,
 * t_i = t_mul^i·t_0 and t_cur = u − (1 − t_mul^i)/(1 − t_mul)·t_0. With
 * x = t_cur^k/t_i^k (= (t_cur/t_i)^k, see k_decay()) the shape s is (1 + cos(π·x))/2
 * (cos), (1 − x)^power (poly) or (1 − tanh(lb·(1 − x) + ub·x))/2 (tanh, with
 * x = t_cur/t_i); the value is
 * eta_min + (lr·decay^i − eta_min)·s (damp=peak: timm's cycle_decay) or
 * eta_min + (lr − eta_min)·decay^i·s (damp=range: Keras' m_mul, with
 * eta_min = lr·alpha, and Keras' floating-point position in the cycle), and eta_min once cycle_limit cycles are over (0: never).
 * timm's warm-up: warmup_lr + t·(target − warmup_lr)/warmup for t < warmup, the
 * target being lr, or for tanh without warmup_prefix the value at `warmup`; with
 * warmup_prefix the cycles start after the warm-up, without it they start at 0
 * and the warm-up covers their beginning.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum
{
  LR, T_0, T_MUL, ETA_MIN, DECAY, DAMP, SHAPE, POWER, K, LB, UB, CYCLE_LIMIT, WARMUP,
  WARMUP_LR, WARMUP_PREFIX, N_PARAMS
};
enum { DAMP_PEAK, DAMP_RANGE };
enum { SHAPE_COS, SHAPE_POLY, SHAPE_TANH };

static const char * const damp_choices[] = { "peak", "range", NULL };
static const char * const shape_choices[] = { "cos", "poly", "tanh", NULL };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Rate at the start of the first cycle")),
  [T_0] = ANNEAL_EPOCHS_PARAM ("t_0", "10", 1, N_("Length of the first cycle in epochs")),
  [T_MUL] = { .name = "t_mul", .type = ANNEAL_PARAM_NUMBER, .default_value = "1",
              .min = 1, .max = 1000,
              .summary = N_("Each cycle is this many times longer than the one before") },
  [ETA_MIN] = ANNEAL_RATE_PARAM ("eta_min", "0", N_("Rate at the end of each cycle")),
  [DECAY] = ANNEAL_WEIGHT_PARAM ("decay", "1", N_("Factor per restart (timm cycle_decay, "
                                                  "Keras m_mul)")),
  [DAMP] = { .name = "damp", .type = ANNEAL_PARAM_CHOICE, .default_value = "peak",
             .min = 0, .max = 1, .choices = damp_choices,
             .summary = N_("What decay shrinks: the peak (timm) or the range above eta_min "
                           "(Keras)") },
  [SHAPE] = { .name = "shape", .type = ANNEAL_PARAM_CHOICE, .default_value = "cos",
              .min = 0, .max = 2, .choices = shape_choices,
              .summary = N_("Shape of each cycle: cosine, polynomial or tanh") },
  [POWER] = { .name = "power", .type = ANNEAL_PARAM_NUMBER, .default_value = "1",
              .min = 0, .max = 1000, .summary = N_("Power of the polynomial shape") },
  [K] = { .name = "k", .type = ANNEAL_PARAM_NUMBER, .default_value = "1", .min = 0, .max = 1000,
          .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
          .summary = N_("k-decay: the position in the cycle is raised to this power") },
  [LB] = { .name = "lb", .type = ANNEAL_PARAM_NUMBER, .default_value = "-7", .min = -1000,
           .max = 1000, .summary = N_("Lower bound of the tanh shape's argument") },
  [UB] = { .name = "ub", .type = ANNEAL_PARAM_NUMBER, .default_value = "3", .min = -1000,
           .max = 1000, .summary = N_("Upper bound of the tanh shape's argument") },
  [CYCLE_LIMIT] = ANNEAL_EPOCHS_PARAM ("cycle_limit", "0", 0,
                                       N_("Cycles before the rate stays at eta_min (0: no "
                                          "limit)")),
  [WARMUP] = ANNEAL_EPOCHS_PARAM ("warmup", "0", 0, N_("Epochs of linear warm-up")),
  [WARMUP_LR] = ANNEAL_RATE_PARAM ("warmup_lr", "0", N_("Rate at the start of the warm-up")),
  [WARMUP_PREFIX] = { .name = "warmup_prefix", .type = ANNEAL_PARAM_BOOLEAN,
                      .default_value = "false", .min = 0, .max = 1,
                      .summary = N_("Start the cycles after the warm-up, not under it") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

typedef struct
{
  double warmup_step;  /* (target − warmup_lr)/warmup */
  gint64 shift;        /* warmup with warmup_prefix, else 0: epoch u = t − shift */
  gint64 first;        /* the first cycle that begins after the warm-up */
  gint64 head_end;     /* with a warm-up: last epoch of cycle 0 (the warm-up and what
                          is left of the cycle it ends in) */
  gint64 tail_start;   /* first epoch at eta_min for good (G_MAXINT64: never) */
} RestartsState;

/* i = ⌊log(1 − u/t_0·(1 − t_mul))/log(t_mul)⌋, as timm and Keras compute it. */
static gint64
cycle_index (const AnnealStage *stage,
             gint64             u)
{
  double m = ANNEAL_NUM (stage, T_MUL);

  if (m == 1)
    return u / ANNEAL_INT (stage, T_0);
  return (gint64) floor (log (1 - (double) u / ANNEAL_NUM (stage, T_0) * (1 - m)) / log (m));
}

/* The first u in cycle i: the exact restart estimated, then where timm's index
 * (which never decreases with u) says it is. The two can be far apart: with t_mul
 * = 1 + 1e-10, log(m) and the logarithm's argument carry an ulp of 1 in 1e-10,
 * and the index moves the restart by ~2e-6 of t_0 — 2·10^9 epochs for t_0 = 10^15,
 * which stepping one epoch at a time took 40 s to walk. So it gallops there and
 * bisects. */
static gint64 cycle_start_search (const AnnealStage *stage,
                                  gint64             i);

/* The last restarts each thread found: a range or a sum asks for the start of cycle
 * i and of i + 1 for every piece and again for the next cycle, four searches of a
 * restart where one does. A pure function of t_0, t_mul and i, so they are the key. */
#define START_MEMO 8

typedef struct
{
  double t_0;
  double t_mul;
  gint64 i;
  gint64 start;
} StartMemo;

static _Thread_local StartMemo start_memo[START_MEMO];

static gint64
cycle_start (const AnnealStage *stage,
             gint64             i)
{
  double t_0 = ANNEAL_NUM (stage, T_0);
  double m = ANNEAL_NUM (stage, T_MUL);
  StartMemo *memo = &start_memo[(guint64) i % START_MEMO];

  if (m == 1)
    return cycle_start_search (stage, i);
  /* t_0 ≥ 1: an empty entry (t_0 = 0) matches no stage */
  if (memo->t_0 != t_0 || memo->t_mul != m || memo->i != i)
    {
      memo->start = cycle_start_search (stage, i);
      memo->t_0 = t_0;
      memo->t_mul = m;
      memo->i = i;
    }
  return memo->start;
}

static gint64
cycle_start_search (const AnnealStage *stage,
                    gint64             i)
{
  const gint64 limit = G_MAXINT64 / 4;
  double m = ANNEAL_NUM (stage, T_MUL);
  double estimate;
  gint64 lo, hi, step = 1;

  if (m == 1)
    return i > limit / ANNEAL_INT (stage, T_0) ? limit : i * ANNEAL_INT (stage, T_0);
  /* cycle_index() inverted with its own roundings (log(m) and 1 − m as doubles): a
   * few epochs from where the index changes, where the exact restart
   * (t_0·(m^i − 1)/(m − 1)) can be 10^5 epochs away for t_mul = 1 + 1e-6 — a gallop
   * of ~40 logarithms at every restart, most of a chart's time. */
  estimate = ceil (-expm1 ((double) i * log (m)) / (1 - m) * ANNEAL_NUM (stage, T_0));
  if (!(estimate < (double) limit))
    return limit;

  /* lo: −1 or an index below i; hi: an index of i or more */
  hi = MAX ((gint64) estimate, 0);
  if (cycle_index (stage, hi) >= i)
    {
      for (lo = hi - 1; lo >= 0 && cycle_index (stage, lo) >= i; lo = hi - step)
        {
          hi = lo;
          step = MIN (step * 2, limit);
        }
      lo = MAX (lo, -1);
    }
  else
    {
      for (lo = hi, hi = MIN (lo + 1, limit); cycle_index (stage, hi) < i;
           hi = MIN (lo + step, limit))
        {
          if (hi == limit)
            return limit;
          lo = hi;
          step = MIN (step * 2, limit);
        }
    }
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (cycle_index (stage, mid) >= i)
        hi = mid;
      else
        lo = mid;
    }
  return hi;
}

/* scale·t_cur^k/t_i^k, timm's k-decay: `math.pi * t_curr ** k / t_i ** k` (cosine,
 * scale π) and `t_curr ** k / t_i ** k` (poly), in timm's order and so to the bit
 * where that stays finite. From k·ln(t_i) ≈ 709.8 on (k ≈ 308 for t_0 = 10, k ≈ 103
 * for t_0 = 1000, earlier in the longer cycles of t_mul > 1) t_i^k overflows — and
 * π·t_cur^k a little before it — and inf/inf is NaN, x/inf a false 0; timm's own
 * float arithmetic fails there too (Python's ** raises OverflowError, math.cos(inf)
 * ValueError). There the intended value, scale·(t_cur/t_i)^k, which cannot overflow
 * (t_cur ≤ t_i). restarts_python() writes the same. */
static double
k_decay (double scale,
         double t_cur,
         double t_i,
         double k)
{
  double denominator = pow (t_i, k);
  double numerator = scale * pow (t_cur, k);

  if (isfinite (denominator) && isfinite (numerator))
    return numerator / denominator;
  return scale * pow (t_cur / t_i, k);
}

/* value()'s amplitude of cycle i, whose decay factor is @gamma: lr·gamma − eta_min
 * (damp=peak) or (lr − eta_min)·gamma (damp=range), rounded as value() rounds it —
 * cycle_peak() weighs the sums with it too. */
static double
cycle_amplitude (const AnnealStage *stage,
                 double             gamma)
{
  if (ANNEAL_INT (stage, DAMP) == DAMP_PEAK)
    return ANNEAL_NUM (stage, LR) * gamma - ANNEAL_NUM (stage, ETA_MIN);
  return (ANNEAL_NUM (stage, LR) - ANNEAL_NUM (stage, ETA_MIN)) * gamma;
}

/* The rate of the cycles at epoch u (warm-up aside). */
static double
cycles_value (const AnnealStage *stage,
              gint64             u)
{
  double m = ANNEAL_NUM (stage, T_MUL);
  double t0 = ANNEAL_NUM (stage, T_0);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double k = ANNEAL_NUM (stage, K);
  gint64 i = cycle_index (stage, u);
  double m_i = m != 1 ? pow (m, (double) i) : 1;  /* timm's t_mul ** i */
  double t_i, t_cur, gamma, amplitude, x, x_k;

  if (ANNEAL_INT (stage, CYCLE_LIMIT) > 0 && i >= ANNEAL_INT (stage, CYCLE_LIMIT))
    return eta_min;
  if (m != 1)
    {
      t_i = m_i * t0;
      t_cur = (double) u - (1 - m_i) / (1 - m) * t0;
    }
  else
    {
      t_i = t0;
      t_cur = (double) (u - ANNEAL_INT (stage, T_0) * i);
    }
  t_cur = CLAMP (t_cur, 0, t_i);  /* rounding at a restart must not step outside */
  gamma = pow (ANNEAL_NUM (stage, DECAY), (double) i);
  amplitude = cycle_amplitude (stage, gamma);
  if (ANNEAL_INT (stage, DAMP) == DAMP_PEAK)
    {
      x = t_cur / t_i;
      x_k = k_decay (1, t_cur, t_i, k);
    }
  else
    {
      /* Keras' compute_step: the fraction of the cycle from step/first_decay_steps in
       * floating point, less the cycles before. At step 10⁵ that is an ulp of 10⁴
       * away from t_cur/t_i, above 1e-12 of the rate; so it is Keras' here. */
      double fraction = (double) u / t0;

      if (m == 1)
        x = fraction - floor (fraction);
      else
        x = (fraction - (1 - m_i) / (1 - m)) / m_i;
      x_k = k == 1 ? x : pow (CLAMP (x, 0, 1), k);
    }

  switch (ANNEAL_INT (stage, SHAPE))
    {
    case SHAPE_POLY:
      return eta_min + amplitude * pow (MAX (0.0, 1 - x_k), ANNEAL_NUM (stage, POWER));
    case SHAPE_TANH:
      return eta_min + 0.5 * amplitude
                       * (1 - tanh (ANNEAL_NUM (stage, LB) * (1. - x) + ANNEAL_NUM (stage, UB) * x));
    case SHAPE_COS:
    default:
      if (ANNEAL_INT (stage, DAMP) == DAMP_PEAK)  /* timm's π·t_cur^k/t_i^k, in its order */
        return eta_min + 0.5 * amplitude * (1 + cos (k_decay (G_PI, t_cur, t_i, k)));
      return eta_min + 0.5 * amplitude * (1 + cos (G_PI * x_k));
    }
}

static double
restarts_value (const AnnealStage *stage,
                gint64             t)
{
  const RestartsState *state = ANNEAL_STATE (stage, RestartsState);

  if (t < ANNEAL_INT (stage, WARMUP))
    return ANNEAL_NUM (stage, WARMUP_LR) + (double) t * state->warmup_step;
  return cycles_value (stage, t - state->shift);
}

/* The shape s, or 1 − s, at x = (offset + c + dx)/length: a cycle of that (real)
 * length whose epoch c has t_cur = offset + c. */
typedef struct
{
  const AnnealStage *stage;
  double             offset;
  double             length;
  gboolean           complement;
  guint              splits;      /* refused smooth sums that may still be split */
} CycleShape;

static double
shape_at (gconstpointer data,
          gint64        c,
          double        dx)
{
  const CycleShape *cs = data;
  const AnnealStage *stage = cs->stage;
  double k = ANNEAL_NUM (stage, K);
  /* x and 1 − x each from its own end, so that neither cancels near it: a singular
   * or flat end needs its digits for the smooth sum to converge */
  double x = CLAMP ((cs->offset + (double) c + dx) / cs->length, 0, 1);
  double y = CLAMP (((cs->length - cs->offset) - (double) c - dx) / cs->length, 0, 1);
  double x_k = pow (x, k);
  /* 1 − x^k: for k < 1, x^k is near 1 however small x is (k = 1e-6: 1 − 7e-7 at
   * x = 0.5), and 1 − x_k kept a few digits, which the smooth sums bisected until they
   * gave up; then every epoch was added up */
  double y_k = x <= 0.5 ? (k >= 1 ? 1 - x_k : -expm1 (k * log (x)))
                        : k == 1 ? y : -expm1 (k * log1p (-y));
  double power = ANNEAL_NUM (stage, POWER);
  double z;

  switch (ANNEAL_INT (stage, SHAPE))
    {
    case SHAPE_POLY:
      if (!cs->complement)
        return pow (y_k, power);
      /* 1 − y^p as −expm1(p·ln y): 1 − pow() would cancel for a power near 0; a power
       * of 0 is y^0 = 1 everywhere, 0^0 too (0·ln 0 was NaN at the cycle's end, and
       * every epoch of such cycles was added up) */
      if (power == 0)
        return 0;
      return -expm1 (power * (y_k > 0.5 ? log1p (-x_k) : log (y_k)));
    case SHAPE_TANH:
      /* (1 ∓ tanh(z))/2 as 1/(1 + e^(±2z)) */
      z = 2 * (ANNEAL_NUM (stage, LB) * y + ANNEAL_NUM (stage, UB) * x);
      return 1 / (1 + exp (cs->complement ? -z : z));
    case SHAPE_COS:
    default:
      /* (1 + cos(π·x^k))/2 = sin²(π·(1 − x^k)/2), and 1 minus it sin²(π·x^k/2) */
      z = sin (G_PI * (cs->complement ? x_k : y_k) / 2);
      return z * z;
    }
}

/* Stretches of a cycle shorter than this are added up: a smooth sum costs ~500
 * evaluations of the shape (its ends, ~25 panels of 15 points). */
#define SHAPE_DIRECT_MAX 512

/* The epochs added up at each end of a stretch in the first smooth sum tried: the
 * shape's derivatives there are small enough for most k and powers (the check in
 * anneal_sum_smooth_ends() says which), else 8 times as many, else 4096. */
#define SHAPE_ENDS 32

/* Smooth sums refused and split in two, at most, in one sum() call (an attempt costs
 * up to ~3 ms: this bounds what a call that cannot be cancelled may take). */
#define SHAPE_SPLITS_MAX 64

/* Whether the shape is smooth enough in the middle of a stretch for a smooth sum,
 * whose check looks at the stretch's ends only. The shape is analytic in x but at
 * x = 0 and near x = 1 (for k < 1 or a fractional power), which the epochs added up
 * at the ends keep away; tanh's, σ(−2·(lb + (ub − lb)·x)), has poles π/(2·(ub − lb))
 * of a cycle off the real axis, and a sum differs from the integral by ~e^(−2π·d) of
 * the transition for poles d epochs away: at least 8 (1e-22) are asked for, so a
 * cycle of fewer than 16·(ub − lb)/π epochs (10^4 at most) is added up. */
static gboolean
shape_is_smooth (const CycleShape *cs)
{
  const AnnealStage *stage = cs->stage;

  return ANNEAL_INT (stage, SHAPE) != SHAPE_TANH ||
         cs->length * G_PI >= 16 * (ANNEAL_NUM (stage, UB) - ANNEAL_NUM (stage, LB));
}

/* Σ s, or Σ (1 − s), over epochs c0 … c1 of a cycle: a smooth sum with SHAPE_ENDS,
 * 8·SHAPE_ENDS, then 4096 epochs added up at each end. Where all are refused, the
 * two halves each so, down to SHAPE_DIRECT_MAX epochs added up, while cs->splits
 * lasts (no shape tried comes here, but a refused cycle of 10^12 epochs would
 * otherwise leave its group to be added up); NAN past that. */
static double
shape_sum (CycleShape *cs,
           gint64      c0,
           gint64      c1)
{
  double sum;
  gint64 middle;

  if (c1 - c0 < SHAPE_DIRECT_MAX || !shape_is_smooth (cs))
    return anneal_sum_smooth_direct (shape_at, cs, c0, c1);
  sum = anneal_sum_smooth_ends (shape_at, cs, c0, c1, SHAPE_ENDS);
  if (isnan (sum))
    sum = anneal_sum_smooth_ends (shape_at, cs, c0, c1, 8 * SHAPE_ENDS);
  if (isnan (sum))
    sum = anneal_sum_smooth (shape_at, cs, c0, c1);
  if (!isnan (sum) || cs->splits == 0)
    return sum;
  cs->splits--;
  middle = c0 + (c1 - c0) / 2;
  return shape_sum (cs, c0, middle) + shape_sum (cs, middle + 1, c1);
}

/* Σ s and Σ (1 − s) over epochs c0 … c1 of a cycle, each to its own digits; Σ (1 − s)
 * is 0 where eta_min is (it weighs nothing). */
static void
shape_sums (CycleShape *cs,
            gint64      c0,
            gint64      c1,
            double     *s,
            double     *complement)
{
  cs->complement = FALSE;
  *s = shape_sum (cs, c0, c1);
  cs->complement = TRUE;
  *complement = ANNEAL_NUM (cs->stage, ETA_MIN) == 0 ? 0 : shape_sum (cs, c0, c1);
}

/* The rate at s = 1 in cycle i, eta_min + amplitude, as the sums weigh Σ s with it.
 * Where it is at least eta_min, from positive terms. Below eta_min, value()'s
 * eta_min + amplitude·s cancels, and amplitude = peak − eta_min (or (lr − eta_min)·
 * decay^i) is rounded to an ulp of eta_min, the same at every epoch of the cycle: a
 * bias that is not small next to a peak far below eta_min (that peak's digits past
 * eta_min's ulp are lost to every value). Then it is eta_min + amplitude with
 * amplitude rounded as value() rounds it — exact where the peak is at most eta_min/2
 * (Sterbenz) — so that what is left between the sum and the values added up is each
 * value's own rounding, which does not lean one way. */
static double
cycle_peak (const AnnealStage *stage,
            gint64             i)
{
  double decay = ANNEAL_NUM (stage, DECAY), eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double gamma = pow (decay, (double) i);
  double peak;

  if (ANNEAL_INT (stage, DAMP) == DAMP_PEAK)
    peak = ANNEAL_NUM (stage, LR) * gamma;
  else  /* eta_min + (lr − eta_min)·gamma */
    peak = ANNEAL_NUM (stage, LR) * gamma
           + eta_min * (decay == 0 ? (i == 0 ? 0 : 1) : -expm1 ((double) i * log (decay)));
  return peak < eta_min ? eta_min + cycle_amplitude (stage, gamma) : peak;
}

/* A stretch this short whose values cancel (below) is its values added up, bit for
 * bit what a chart or a file of it shows: at most ~2 smooth sums' cost, and over a
 * whole span at most ~CANCELLING_DIRECT_MAX/(t_mul − 1) epochs in all (the cycles
 * shorter than it): ~8·10^6 epochs, ~0.6 s, for t_mul = 1.001. */
#define CANCELLING_DIRECT_MAX 8192

/* How many of the count epochs from t on have the value of the first. Where the
 * shape rounds to 1 at a cycle's start (x^k below an ulp: cos(π·x^k) is 1, 1 − x^k
 * is 1; tanh at −1), value() is eta_min + amplitude there, one number; from there
 * on the values move one way (x^k, the cosine and the power are monotonic), so the
 * epochs of that value are a head, found by bisection. */
static gint64
flat_head (const AnnealStage *stage,
           gint64             t,
           gint64             count)
{
  double first = restarts_value (stage, t);
  gint64 lo = 1, hi = count;

  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (restarts_value (stage, t + mid) == first)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* eta_min·Σ(1 − s) + peak·Σ s over epochs c0 … c1 of cycle i (u − c0 = t − t_c0):
 * positive terms, where eta_min + amplitude·s would cancel when the peak falls below
 * eta_min. One of the two sums is a smooth sum, the other L minus it: with an error
 * δ in Σ s, L − Σ s is off by δ too, which weighs eta_min·δ ≤ peak·δ (Σ s summed
 * where peak ≥ eta_min, the other way round else): no more than δ's own share of
 * the result.
 *
 * value() does cancel there: each value is eta_min + amplitude·s rounded to an ulp of
 * eta_min, and the peak is the one it rounds to (cycle_peak()). What is left between
 * this sum and the values added up is their own roundings, at most ~an ulp of
 * eta_min per epoch, some of which lean one way (the product amplitude·s drops
 * peak·(1 − s) where that is below an ulp): measured 2e-14 of the sum where the
 * values are 1e-4 of eta_min, 7e-12 where they are 1e-7 of it (a power of 1e-7).
 * So where the sum is below 1e-3 of eta_min per epoch, a stretch under
 * CANCELLING_DIRECT_MAX epochs is its values added up; a flat head — the epochs where
 * the shape rounds to 1, all of one value (flat_head(), with @head) — is that value
 * times its epochs when it is SHAPE_DIRECT_MAX epochs or more (exact, and with
 * k ≥ ~500 nearly the whole cycle); longer stretches are the sum above. Before
 * session 13 every such stretch under 2^20 epochs was added up: 126 s over 10^10
 * epochs of `restarts(shape=poly, power=0.001, t_mul=1.001, eta_min=0.01,
 * decay=0.99)`, now 0.9 s. */
static double
cycle_part_full (const AnnealStage *stage,
                 CycleShape        *cs,
                 gint64             i,
                 gint64             c0,
                 gint64             c1,
                 gint64             t_c0,
                 gboolean           head)
{
  double eta_min = ANNEAL_NUM (stage, ETA_MIN), peak = cycle_peak (stage, i), w, wc, sum;
  double n = (double) (c1 - c0 + 1);

  cs->complement = peak < eta_min;
  if (cs->complement)
    {
      wc = shape_sum (cs, c0, c1);
      w = n - wc;
    }
  else
    {
      w = shape_sum (cs, c0, c1);
      wc = n - w;
    }
  sum = eta_min * wc + peak * w;
  if (sum < 1e-3 * eta_min * n)
    {
      gint64 flat = head ? flat_head (stage, t_c0, c1 - c0 + 1) : 0;

      if (flat >= SHAPE_DIRECT_MAX)
        {
          sum = (double) flat * restarts_value (stage, t_c0);
          if (flat <= c1 - c0)
            sum += cycle_part_full (stage, cs, i, c0 + flat, c1, t_c0 + flat, FALSE);
        }
      else if (c1 - c0 < CANCELLING_DIRECT_MAX)
        sum = anneal_sum_direct (stage, t_c0, t_c0 + (c1 - c0));
    }
  return sum;
}

static double
cycle_part (const AnnealStage *stage,
            CycleShape        *cs,
            gint64             i,
            gint64             c0,
            gint64             c1,
            gint64             t_c0)
{
  return cycle_part_full (stage, cs, i, c0, c1, t_c0, TRUE);
}

/* A span this short is summed cycle by cycle however many smooth-summed cycles it
 * holds, up to CYCLES_SHORT_MAX cycles: ~0.3 s at most, as cycles shorter than
 * SHAPE_DIRECT_MAX cost their epochs, the others a smooth sum, at most 8192 of them,
 * and each cycle ~1 µs of finding where it starts. */
#define CYCLES_SPAN_SMALL (1 << 22)
#define CYCLES_SHORT_MAX (1 << 16)

/* Whole cycles of the cosine or polynomial shape with k = 1 summed one by one in
 * closed form, at most (each a few logarithms and cosines with finding where it
 * starts, ~1.5 µs: about a second for them all, the range visiting each too). */
#define COSINE_CYCLES_MAX (1 << 20)

/* The sum of a whole cycle i of the cosine shape with k = 1 (L epochs, the first at
 * t_cur = cs->offset): s = (1 + cos(π·x))/2 with x = (offset + c)/t_i, so Σ s and
 * Σ (1 − s) are L/2 ± Σ cos(π·offset/t_i + c·π/t_i)/2 — each about L/2 over a whole
 * cycle, no cancellation. */
static double
cosine_cycle (const AnnealStage  *stage,
              const CycleShape   *cs,
              gint64              i,
              gint64              length)
{
  double d = G_PI / cs->length;
  double cosines = anneal_sum_cos (cs->offset * d, d, 0, length - 1);
  double half = (double) length / 2;

  return ANNEAL_NUM (stage, ETA_MIN) * (half - cosines / 2)
         + cycle_peak (stage, i) * (half + cosines / 2);
}

/* Whole polynomial cycles (k = 1) in closed form for whole powers up to this, in
 * cycles of at least POLY_CYCLE_MIN epochs (shorter ones are added up: their
 * Bernoulli numbers' terms would cancel). */
#define POLY_POWER_MAX 10
#define POLY_CYCLE_MIN 64

/* d^(n−1)·B_n(x), B_n the Bernoulli polynomial, as Σ binom(n, j)·B_j·(x·d)^(n−j)·d^(j−1):
 * x·d is about 1, so nothing overflows however long the cycle. */
static double
scaled_bernoulli (int    n,
                  double x,
                  double d)
{
  static const double numbers[POLY_POWER_MAX + 2] = {
    1, -1. / 2, 1. / 6, 0, -1. / 30, 0, 1. / 42, 0, -1. / 30, 0, 5. / 66, 0,
  };
  double sum = 0, binomial = 1;

  for (int j = 0; j <= n; j++)
    {
      if (numbers[j] != 0)
        sum += binomial * numbers[j] * pow (x * d, n - j) * pow (d, j - 1);
      binomial = binomial * (n - j) / (j + 1);
    }
  return sum;
}

/* The sum of a whole cycle i of the polynomial shape with k = 1 and a whole power p
 * (L epochs, the first at t_cur = cs->offset): s = (1 − x)^p = d^p·(Y − c)^p with
 * d = 1/t_i, Y = t_i − offset, c = 0 … L − 1, and Σ z^p over z = z0 … z0 + L − 1 is
 * (B_(p+1)(z0 + L) − B_(p+1)(z0))/(p + 1). Over a whole cycle z0 = Y − L + 1 is
 * within an epoch of 0: the first term carries the sum, no cancellation. Σ (1 − s)
 * is L − Σ s, about L·p/(p + 1). */
static double
poly_cycle (const AnnealStage *stage,
            const CycleShape  *cs,
            gint64             i,
            gint64             length,
            int                power)
{
  double d = 1 / cs->length, y = cs->length - cs->offset;
  double n = (double) length, w;

  if (power == 0)
    w = n;
  else
    w = (scaled_bernoulli (power + 1, y + 1, d)
         - scaled_bernoulli (power + 1, y - n + 1, d)) / (power + 1);
  return ANNEAL_NUM (stage, ETA_MIN) * (n - w) + cycle_peak (stage, i) * w;
}

/* Whole tanh cycles in closed form (below) when the shape changes slowly from one
 * epoch to the next: 2·(ub − lb)/t_i at most this, and ub − lb at least
 * TANH_SLOPE_MIN (below it the integral's two log terms would cancel). */
#define TANH_STEP_MAX (1.0 / 128)
#define TANH_SLOPE_MIN 0.01

/* The epochs of short tanh cycles added up in one call, at most (~2 s) */
#define TANH_DIRECT_MAX (G_GINT64_CONSTANT (1) << 25)

/* log(1 + e^v), without overflow or cancellation */
static inline double
softplus (double v)
{
  return MAX (v, 0.0) + log1p (exp (-fabs (v)));
}

/* The sum of a whole cycle i of the tanh shape (L epochs, the first at t_cur =
 * cs->offset), by Euler–Maclaurin: with s(x) = (1 − tanh(lb + b·x))/2 = σ(−w),
 * w = 2·(lb + b·x), b = ub − lb, and g(c) = s((offset + c)/t_i),
 * Σ g(c) over c = 0 … L − 1 = t_i·∫ s + (g(0) − g(L))/2 + (g′(L) − g′(0))/12
 * − (g‴(L) − g‴(0))/720 + …, where ∫ s = (softplus(−w₀) − softplus(−w₁))/(2b) and, with
 * h = 2b/t_i and q = s·(1 − s), g′ = −h·q and g‴ = h³·(2q² − (1 − 2s)²·q). With
 * h ≤ TANH_STEP_MAX the next term is below 2e-14 of the cycle's sum. FALSE where it
 * does not apply. */
static gboolean
tanh_cycle (const AnnealStage *stage,
            const CycleShape  *cs,
            gint64             i,
            gint64             length,
            double            *sum)
{
  double lb = ANNEAL_NUM (stage, LB), b = ANNEAL_NUM (stage, UB) - lb;
  double h = 2 * b / cs->length;
  double w0, w1, s0, s1, q0, q1, d1_0, d1_1, d3_0, d3_1, w;

  if (ANNEAL_INT (stage, SHAPE) != SHAPE_TANH || !(b >= TANH_SLOPE_MIN) || !(h <= TANH_STEP_MAX))
    return FALSE;

  w0 = 2 * (lb + b * cs->offset / cs->length);
  w1 = 2 * (lb + b * (cs->offset + (double) length) / cs->length);
  s0 = 1 / (1 + exp (w0));
  s1 = 1 / (1 + exp (w1));
  q0 = s0 * (1 - s0);
  q1 = s1 * (1 - s1);
  d1_0 = -h * q0;
  d1_1 = -h * q1;
  d3_0 = h * h * h * (2 * q0 * q0 - (1 - 2 * s0) * (1 - 2 * s0) * q0);
  d3_1 = h * h * h * (2 * q1 * q1 - (1 - 2 * s1) * (1 - 2 * s1) * q1);
  w = cs->length * (softplus (-w0) - softplus (-w1)) / (2 * b)
      + (s0 - s1) / 2 + (d1_1 - d1_0) / 12 - (d3_1 - d3_0) / 720;
  *sum = ANNEAL_NUM (stage, ETA_MIN) * ((double) length - w) + cycle_peak (stage, i) * w;
  return TRUE;
}

/* Σ cycles_value(u) over u = ua … ub (epochs t = u + shift), all in cycles before
 * cycle_limit: each cycle's shape as one smooth sum (its singularities, k < 1 or a
 * power below 1, at its ends); with t_mul = 1 the whole cycles between the ends
 * share one, times a geometric series of peaks; with t_mul > 1 cycle by cycle
 * (their lengths grow geometrically: ~log(1 + N·(t_mul − 1)/t_0)/log(t_mul) of them),
 * whole cosine and whole-power polynomial cycles with k = 1 in closed form; NAN past
 * COSINE_CYCLES_MAX of those, or past 1024 cycles of other shapes over a long span
 * (below), or where a cycle is refused. */
static double
cycles_span_sum (const AnnealStage *stage,
                 gint64             ua,
                 gint64             ub)
{
  gint64 shift = ANNEAL_STATE (stage, RestartsState)->shift;
  double m = ANNEAL_NUM (stage, T_MUL);
  double t0 = ANNEAL_NUM (stage, T_0);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  CycleShape cs = { stage, 0, t0, FALSE, SHAPE_SPLITS_MAX };
  gboolean closed, poly, tanh_closed;
  double sum = 0, power;
  gint64 cycles;

  if (m == 1)
    {
      gint64 length = ANNEAL_INT (stage, T_0);
      gint64 ia = ua / length, ib = ub / length, n = ib - ia - 1;
      double decay = ANNEAL_NUM (stage, DECAY), lr = ANNEAL_NUM (stage, LR);
      double w, wc, first, peaks;

      if (ia == ib)
        return cycle_part (stage, &cs, ia, ua - ia * length, ub - ia * length, ua + shift);
      sum = cycle_part (stage, &cs, ia, ua - ia * length, length - 1, ua + shift)
            + cycle_part (stage, &cs, ib, 0, ub - ib * length, ib * length + shift);
      if (n == 0)
        return sum;
      shape_sums (&cs, 0, length - 1, &w, &wc);
      first = pow (decay, (double) (ia + 1));
      peaks = lr * first * anneal_sum_geometric (decay, n);
      if (ANNEAL_INT (stage, DAMP) == DAMP_RANGE)
        peaks += eta_min * ((double) n - first * anneal_sum_geometric (decay, n));
      return sum + (double) n * eta_min * wc + peaks * w;
    }

  /* t_mul close to 1 makes many cycles (10^15 epochs hold 880 of t_mul = 1.04, 2·10^5
   * of t_mul = 1.0001): the cosine's whole cycles in closed form up to
   * COSINE_CYCLES_MAX of them; other shapes' smooth sums (~20–50 µs each) up to
   * 1024, or up to CYCLES_SHORT_MAX within CYCLES_SPAN_SMALL epochs. Past that NAN:
   * the caller asks again for fewer cycles at a time, between which it can be
   * cancelled, and adds up (in chunks) what is still refused. Cycles of equal whole
   * length are not equal (t_i is real, the first epoch's t_cur a fraction that moves
   * from cycle to cycle), so they are not grouped. */
  power = ANNEAL_NUM (stage, POWER);
  poly = ANNEAL_INT (stage, SHAPE) == SHAPE_POLY && ANNEAL_NUM (stage, K) == 1 &&
         power == floor (power) && power <= POLY_POWER_MAX;
  closed = poly || (ANNEAL_INT (stage, SHAPE) == SHAPE_COS && ANNEAL_NUM (stage, K) == 1);
  /* tanh: whole cycles in closed form where it applies (tanh_cycle: every cycle
   * longer than ANNEAL_SUM_SMOOTH_MIN epochs here), the shorter ones added up — while
   * those are at most TANH_DIRECT_MAX epochs in all: this loop cannot be cancelled,
   * and past that the caller's chunked adding up can. */
  tanh_closed = ANNEAL_INT (stage, SHAPE) == SHAPE_TANH;
  if (tanh_closed)
    {
      double slope = ANNEAL_NUM (stage, UB) - ANNEAL_NUM (stage, LB);
      double closed_length = 2 * slope / TANH_STEP_MAX;  /* t_i from which tanh_cycle applies */
      double first_closed = ceil (log (MAX (closed_length / t0, 1)) / log (m));

      tanh_closed = slope >= TANH_SLOPE_MIN && closed_length <= ANNEAL_SUM_SMOOTH_MIN &&
                   first_closed < 1e9 &&
                   cycle_start (stage, (gint64) first_closed) - ua <= TANH_DIRECT_MAX;
    }
  cycles = cycle_index (stage, ub) - cycle_index (stage, ua);
  if (cycles > (closed || tanh_closed ? COSINE_CYCLES_MAX : 1024) &&
      (ub - ua >= CYCLES_SPAN_SMALL || cycles > CYCLES_SHORT_MAX))
    return NAN;
  for (gint64 u = ua, next = -1; u <= ub;)
    {
      gint64 i = cycle_index (stage, u);
      gint64 start = next == u ? u : cycle_start (stage, i);
      gint64 end;
      double whole;

      next = cycle_start (stage, i + 1);
      end = MIN (ub, next - 1);
      /* t_i and t_cur at the cycle's first epoch, as cycles_value() computes them */
      cs.length = pow (m, (double) i) * t0;
      cs.offset = MAX (0.0, (double) start - (1 - pow (m, (double) i)) / (1 - m) * t0);
      if (closed && u == start && end == next - 1 && !poly)
        sum += cosine_cycle (stage, &cs, i, end - start + 1);
      else if (tanh_closed && u == start && end == next - 1 &&
               tanh_cycle (stage, &cs, i, end - start + 1, &whole))
        sum += whole;
      else if (tanh_closed && end - u + 1 <= ANNEAL_SUM_SMOOTH_MIN)
        sum += anneal_sum_direct (stage, u + shift, end + shift);
      else if (poly && u == start && end == next - 1 && end - start + 1 >= POLY_CYCLE_MIN)
        sum += poly_cycle (stage, &cs, i, end - start + 1, (int) power);
      else
        sum += cycle_part (stage, &cs, i, u - start, end - start, u + shift);
      if (isnan (sum))
        return NAN;  /* refused: the caller adds up, no use summing the other cycles */
      u = end + 1;
    }
  return sum;
}

/* The warm-up's arithmetic series, the cycles (cycles_span_sum), eta_min after
 * cycle_limit. With damp=range the phase is Keras' floating-point fraction u/t_0,
 * off by an ulp of it at each epoch: there spans up to ANNEAL_SUM_ROUNDED_MAX are
 * the values added up, longer ones the closed form (held to 1e-9 of the values
 * added up over 2.2·10^6 epochs in test-properties). NAN when a smooth sum is
 * refused. */
static double
restarts_sum (const AnnealStage *stage,
              gint64             a,
              gint64             b)
{
  const RestartsState *state = ANNEAL_STATE (stage, RestartsState);
  gint64 warmup = ANNEAL_INT (stage, WARMUP);
  gint64 limit = ANNEAL_INT (stage, CYCLE_LIMIT);
  gint64 ua, ub, ulimit;
  double sum = 0;

  if (b - a < ANNEAL_SUM_DIRECT_MAX ||
      (ANNEAL_INT (stage, DAMP) == DAMP_RANGE && b - a < ANNEAL_SUM_ROUNDED_MAX))
    return anneal_sum_direct (stage, a, b);

  if (a < warmup)
    {
      gint64 e = MIN (b, warmup - 1);
      double n = (double) (e - a + 1);

      sum += n * ANNEAL_NUM (stage, WARMUP_LR)
             + state->warmup_step * ((double) a + (double) e) * n / 2;
      if (e == b)
        return sum;
      a = e + 1;
    }

  ua = a - state->shift;
  ub = b - state->shift;
  ulimit = limit > 0 ? cycle_start (stage, limit) : G_MAXINT64;
  if (ub >= ulimit)
    {
      sum += (double) (ub - MAX (ua, ulimit) + 1) * ANNEAL_NUM (stage, ETA_MIN);
      ub = ulimit - 1;
    }
  if (ua > ub)
    return sum;
  return sum + cycles_span_sum (stage, ua, ub);
}

static gboolean
restarts_prepare (AnnealStage *stage,
                  guint       *bad_param,
                  GError     **error)
{
  RestartsState *state = ANNEAL_STATE_MUT (stage, RestartsState);
  gint64 warmup = ANNEAL_INT (stage, WARMUP);
  gint64 limit = ANNEAL_INT (stage, CYCLE_LIMIT);
  double target = ANNEAL_NUM (stage, LR);

  if (ANNEAL_INT (stage, SHAPE) == SHAPE_TANH && !(ANNEAL_NUM (stage, LB) < ANNEAL_NUM (stage, UB)))
    {
      *bad_param = UB;
      g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID,
                   _("ub must be larger than lb"));
      return FALSE;
    }

  state->shift = ANNEAL_NUM (stage, WARMUP_PREFIX) != 0 ? warmup : 0;
  if (warmup > 0)
    {
      if (ANNEAL_INT (stage, SHAPE) == SHAPE_TANH && state->shift == 0)
        target = cycles_value (stage, warmup);  /* timm's _get_lr(warmup_t) */
      state->warmup_step = (target - ANNEAL_NUM (stage, WARMUP_LR)) / (double) warmup;
    }

  /* Cycle 0 is the warm-up with the rest of the cycle it ends in; the cycles
   * after it are the regular ones; the rate is eta_min from tail_start on. */
  state->tail_start = G_MAXINT64;
  if (limit > 0)
    state->tail_start = MAX (warmup, state->shift + cycle_start (stage, limit));
  if (warmup > 0)
    {
      gint64 j = cycle_index (stage, warmup - state->shift);

      state->first = cycle_start (stage, j) + state->shift == warmup ? j : j + 1;
      state->head_end = MIN (state->shift + cycle_start (stage, state->first),
                             state->tail_start) - 1;
    }
  else
    {
      state->first = 0;
      state->head_end = -1;
    }

  /* Equal cycles whose values fall from cycle to cycle at each offset. */
  if (ANNEAL_NUM (stage, T_MUL) == 1)
    {
      /* Keras' phase (damp=range) drifts with t: there equal offsets are monotone
       * from cycle to cycle only up to that drift. */
      stage->uniform_classes = 1;
      stage->uniform_drift = ANNEAL_INT (stage, DAMP) == DAMP_RANGE;
      if (warmup == 0 && limit == 0 && ANNEAL_NUM (stage, DECAY) == 1 && !stage->uniform_drift)
        stage->period = ANNEAL_INT (stage, T_0);
    }
  return TRUE;
}

static void
restarts_cycle (const AnnealStage *stage,
                gint64             t,
                AnnealCycle       *cycle)
{
  const RestartsState *state = ANNEAL_STATE (stage, RestartsState);
  gint64 base = state->head_end >= 0 ? 1 : 0;
  gint64 i;

  if (t >= state->tail_start)
    {
      gint64 last = ANNEAL_INT (stage, CYCLE_LIMIT);

      cycle->index = base + MAX (last - state->first, 0);
      cycle->start = state->tail_start;
      cycle->length = G_MAXINT64 - state->tail_start;
      return;
    }
  if (t <= state->head_end)
    {
      cycle->index = 0;
      cycle->start = 0;
      cycle->length = state->head_end + 1;
      return;
    }
  i = cycle_index (stage, t - state->shift);
  cycle->index = base + i - state->first;
  cycle->start = state->shift + cycle_start (stage, i);
  cycle->length = MIN (state->shift + cycle_start (stage, i + 1), state->tail_start)
                  - cycle->start;
}

static gint64
restarts_piece_end (const AnnealStage *stage,
                    gint64             t)
{
  AnnealCycle cycle;

  if (t < ANNEAL_INT (stage, WARMUP))
    return ANNEAL_INT (stage, WARMUP) - 1;
  restarts_cycle (stage, t, &cycle);
  if (cycle.length >= G_MAXINT64 - cycle.start)
    return G_MAXINT64;
  return cycle.start + cycle.length - 1;
}

/* Whether k_decay() can leave timm's formula: t_i^k or π·t_cur^k beyond a double in
 * some cycle (k > 1 and a cycle longer than t_0, or t_0 itself too long). */
static gboolean
k_decay_overflows (const AnnealStage *stage)
{
  double k = ANNEAL_NUM (stage, K);

  return k > 1 && (ANNEAL_NUM (stage, T_MUL) != 1
                   || !isfinite (G_PI * pow (ANNEAL_NUM (stage, T_0), k)));
}

static void
restarts_python (const AnnealStage *stage,
                 GString           *body)
{
  const RestartsState *state = ANNEAL_STATE (stage, RestartsState);
  double m = ANNEAL_NUM (stage, T_MUL);
  gboolean guarded = k_decay_overflows (stage);
  g_autofree char *t0 = g_strdup (anneal_py_float (ANNEAL_NUM (stage, T_0)).text);
  g_autofree char *eta = g_strdup (anneal_py_float (ANNEAL_NUM (stage, ETA_MIN)).text);
  g_autofree char *k = g_strdup (anneal_py_float (ANNEAL_NUM (stage, K)).text);
  g_autofree char *mt = g_strdup (anneal_py_float (m).text);

  g_string_append_printf (body, "    if t < %" G_GINT64_FORMAT ":\n        return %s + t * %s\n"
                          "    u = t - %" G_GINT64_FORMAT "\n", ANNEAL_INT (stage, WARMUP),
                          anneal_py_float (ANNEAL_NUM (stage, WARMUP_LR)).text,
                          anneal_py_float (state->warmup_step).text, state->shift);
  if (m == 1)
    g_string_append_printf (body, "    i = u // %" G_GINT64_FORMAT "\n", ANNEAL_INT (stage, T_0));
  else
    g_string_append_printf (body, "    i = math.floor(math.log(1 - u / %s * (1 - %s)) / math.log(%s))\n",
                            t0, mt, mt);
  if (ANNEAL_INT (stage, CYCLE_LIMIT) > 0)
    g_string_append_printf (body, "    if i >= %" G_GINT64_FORMAT ":\n        return %s\n",
                            ANNEAL_INT (stage, CYCLE_LIMIT), eta);
  if (m != 1)
    g_string_append_printf (body, "    t_i = math.pow(%s, i) * %s\n"
                            "    t_cur = u - (1 - math.pow(%s, i)) / (1 - %s) * %s\n",
                            mt, t0, mt, mt, t0);
  else
    g_string_append_printf (body, "    t_i = %s\n    t_cur = float(u - %" G_GINT64_FORMAT " * i)\n",
                            t0, ANNEAL_INT (stage, T_0));
  g_string_append (body, "    t_cur = t_i if t_cur > t_i else (0.0 if t_cur < 0 else t_cur)\n");
  if (ANNEAL_INT (stage, DAMP) == DAMP_PEAK)
    {
      g_string_append_printf (body, "    amplitude = %s * math.pow(%s, i) - %s\n"
                              "    x = t_cur / t_i\n",
                              anneal_py_float (ANNEAL_NUM (stage, LR)).text,
                              anneal_py_float (ANNEAL_NUM (stage, DECAY)).text, eta);
      /* k_decay(): timm's t_curr ** k / t_i ** k, and (t_cur / t_i) ** k where that
       * overflows (math.pow raises OverflowError, π·inf/t_i^k is inf) */
      if (ANNEAL_INT (stage, SHAPE) == SHAPE_POLY && !guarded)
        g_string_append_printf (body, "    x_k = math.pow(t_cur, %s) / math.pow(t_i, %s)\n", k, k);
      else if (ANNEAL_INT (stage, SHAPE) == SHAPE_POLY)
        g_string_append_printf (body, "    try:  # timm's formula; where it overflows (timm "
                                "fails), (t_cur / t_i) ** k\n"
                                "        x_k = math.pow(t_cur, %s) / math.pow(t_i, %s)\n"
                                "    except OverflowError:\n"
                                "        x_k = math.pow(x, %s)\n", k, k, k);
      else if (ANNEAL_INT (stage, SHAPE) == SHAPE_COS && !guarded)
        g_string_append_printf (body, "    angle = math.pi * math.pow(t_cur, %s) / "
                                "math.pow(t_i, %s)\n", k, k);
      else if (ANNEAL_INT (stage, SHAPE) == SHAPE_COS)
        g_string_append_printf (body, "    try:  # timm's formula; where it overflows (timm "
                                "fails), math.pi * (t_cur / t_i) ** k\n"
                                "        angle = math.pi * math.pow(t_cur, %s) / "
                                "math.pow(t_i, %s)\n"
                                "    except OverflowError:\n"
                                "        angle = math.inf\n"
                                "    if math.isinf(angle):\n"
                                "        angle = math.pi * math.pow(x, %s)\n", k, k, k);
    }
  else
    {
      g_string_append_printf (body, "    amplitude = (%s - %s) * math.pow(%s, i)\n"
                              "    fraction = u / %s\n",
                              anneal_py_float (ANNEAL_NUM (stage, LR)).text, eta,
                              anneal_py_float (ANNEAL_NUM (stage, DECAY)).text, t0);
      if (m == 1)
        g_string_append (body, "    x = fraction - math.floor(fraction)\n");
      else
        g_string_append_printf (body, "    x = (fraction - (1 - math.pow(%s, i)) / (1 - %s)) / "
                                "math.pow(%s, i)\n", mt, mt, mt);
      if (ANNEAL_NUM (stage, K) == 1)
        g_string_append (body, "    x_k = x\n");
      else
        g_string_append_printf (body, "    x_k = math.pow(min(max(x, 0.0), 1.0), %s)\n", k);
    }
  switch (ANNEAL_INT (stage, SHAPE))
    {
    case SHAPE_POLY:
      g_string_append_printf (body, "    return %s + amplitude * math.pow(max(0.0, 1 - x_k), %s)\n",
                              eta, anneal_py_float (ANNEAL_NUM (stage, POWER)).text);
      break;
    case SHAPE_TANH:
      g_string_append_printf (body, "    return %s + 0.5 * amplitude * (1 - math.tanh(%s * (1. - x) + "
                              "%s * x))\n", eta, anneal_py_float (ANNEAL_NUM (stage, LB)).text,
                              anneal_py_float (ANNEAL_NUM (stage, UB)).text);
      break;
    case SHAPE_COS:
    default:
      if (ANNEAL_INT (stage, DAMP) == DAMP_PEAK)
        g_string_append_printf (body, "    return %s + 0.5 * amplitude * (1 + math.cos(angle))\n",
                                eta);
      else
        g_string_append_printf (body, "    return %s + 0.5 * amplitude * (1 + math.cos(math.pi * "
                                "x_k))\n", eta);
      break;
    }
}

/* The cycles restart at their crest; the warm-up climbs to the first one. The tail
 * after cycle_limit holds eta_min: no cycle to end in. */
static void
restarts_pitfalls (const AnnealStage  *stage,
                   AnnealPitfallScope *scope)
{
  const RestartsState *state = ANNEAL_STATE (stage, RestartsState);
  gint64 e = scope->n - 1;

  if (ANNEAL_INT (stage, WARMUP) > 0 && state->warmup_step > 0)
    anneal_pitfalls_rise (scope, ANNEAL_NUM (stage, WARMUP));
  if (e < state->tail_start && e > state->head_end && e >= ANNEAL_INT (stage, WARMUP))
    {
      AnnealCycle cycle;

      restarts_cycle (stage, e, &cycle);
      anneal_pitfalls_restart (scope, &cycle);
    }
}

const AnnealKindClass anneal_kind_restarts = {
  .info = {
    .name = "restarts",
    .summary = N_("Cycles of cosine, polynomial or tanh decay, restarting at a falling peak"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "timm CosineLRScheduler, PolyLRScheduler, TanhLRScheduler; "
              "Keras CosineDecayRestarts",
  },
  .state_size = sizeof (RestartsState),
  .prepare = restarts_prepare,
  .value = restarts_value,
  .piece_end = restarts_piece_end,
  .cycle = restarts_cycle,
  .sum = restarts_sum,
  .python = restarts_python,
  .pitfalls = restarts_pitfalls,
};
