/* kind-poly.c — polynomial decay (PyTorch's PolynomialLR when end = 0)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * end + (lr − end)·(1 − min(t, total_iters)/total_iters)^power, operation for
 * operation as Keras' PolynomialDecay and optax's polynomial_schedule write it (for
 * an end above lr too, where it is a warm-up): what those libraries compute, to the
 * bit. Never negative: lr − end rounds to no less than −end, and the share is at
 * most 1. The sums integrate the same function written from the smaller end.
 */
#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, TOTAL_ITERS, POWER, END, CYCLE, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
  [TOTAL_ITERS] = ANNEAL_EPOCHS_PARAM ("total_iters", "5", 1,
                                       N_("Epochs until the rate reaches end")),
  [POWER] = { .name = "power", .type = ANNEAL_PARAM_NUMBER, .default_value = "1",
              .min = 0, .max = 1e3, .summary = N_("Power of the polynomial: 1 is linear") },
  [END] = ANNEAL_RATE_PARAM ("end", "0", N_("Rate reached at total_iters and kept after")),
  [CYCLE] = { .name = "cycle", .type = ANNEAL_PARAM_BOOLEAN, .default_value = "false",
              .min = 0, .max = 1,
              .summary = N_("Past total_iters, decay again over the next multiple of it (Keras)") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
poly_value (const AnnealStage *stage,
            gint64             t)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);
  double end = ANNEAL_NUM (stage, END);
  double lr = ANNEAL_NUM (stage, LR);
  double x, p;

  if (ANNEAL_NUM (stage, CYCLE) != 0)
    {
      /* Keras' PolynomialDecay with cycle: the horizon is the first multiple of
       * total_iters that is not below t (total_iters itself at t = 0). */
      double multiplier = t == 0 ? 1.0 : ceil ((double) t / (double) total);

      x = 1 - (double) t / ((double) total * multiplier);
    }
  else
    x = 1.0 - (double) MIN (t, total) / (double) total;
  p = pow (x, ANNEAL_NUM (stage, POWER));

  return end + (lr - end) * p;
}

/* With cycle: epochs 0 … total_iters, then blocks of total_iters epochs, each
 * falling to end; at a fixed place in the block the rate falls from block to block. */
static gboolean
poly_prepare (AnnealStage *stage,
              guint       *bad_param,
              GError     **error)
{
  if (ANNEAL_NUM (stage, CYCLE) != 0)
    stage->uniform_classes = 1;
  return TRUE;
}

static void
poly_cycle (const AnnealStage *stage,
            gint64             t,
            AnnealCycle       *cycle)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);

  if (ANNEAL_NUM (stage, CYCLE) == 0)
    {
      *cycle = (AnnealCycle) { 0, 0, G_MAXINT64 };
      return;
    }
  if (t <= total)
    {
      *cycle = (AnnealCycle) { 0, 0, total + 1 };
      return;
    }
  cycle->index = (t - 1) / total;
  cycle->start = cycle->index * total + 1;
  cycle->length = total;
}

/* The rate from x^power, x the share of the horizon left, written from the smaller
 * end so that an end far above lr does not cancel in the integrand (value() rounds as
 * the libraries do; the two differ by an ulp of end). */
static double
poly_rate (const AnnealStage *stage,
           double             x,
           double             u)
{
  double end = ANNEAL_NUM (stage, END);
  double lr = ANNEAL_NUM (stage, LR);
  double power = ANNEAL_NUM (stage, POWER);
  double p;

  if (end <= lr)
    return end + (lr - end) * pow (x, power);
  /* 1 − x^power as −expm1(power·log(x)), log(x) = log1p(−u) where x is near 1 (u the
   * share of the horizon gone, 1 − x without its rounding): with a power of 2e-4 and
   * lr 10^−30 below an end of 15, 1 − x^power kept a few digits near the start, the
   * smooth sum bisected them and gave up, and the sum added up 10^9 values */
  if (power == 0 || x <= 0)
    p = 1 - pow (x, power);  /* 0 for a power of 0 (0^0 = 1, as value() has it), else 1 at x = 0 */
  else
    p = -expm1 (power * (u < 0.5 ? log1p (-u) : log (x)));
  return lr + (end - lr) * p;
}

/* One decay at real epochs t, towards a horizon: x = 1 − t/horizon. */
typedef struct
{
  const AnnealStage *stage;
  gint64             horizon;
} PolyDecay;

static double
poly_decay_at (gconstpointer data,
               gint64        t,
               double        dx)
{
  const PolyDecay *decay = data;

  /* value()'s 1 − t/horizon, without its rounding near the horizon (relative 1e-7
   * at 10^15), which would make the function too rough to integrate. */
  return poly_rate (decay->stage, ((double) (decay->horizon - t) - dx) / (double) decay->horizon,
                    ((double) t + dx) / (double) decay->horizon);
}

/* x^power at x = j (the 1/horizon^power factored out of whole cycles). */
static double
poly_power_at (gconstpointer data,
               gint64        j,
               double        dx)
{
  return pow ((double) j + dx, ANNEAL_NUM ((const AnnealStage *) data, POWER));
}

/* (j/T)^power, T = total_iters: the same with the 1/T^power kept in, for powers
 * past which j^power or T^−power leave the doubles. */
static double
poly_share_at (gconstpointer data,
               gint64        j,
               double        dx)
{
  const AnnealStage *stage = data;

  return pow (((double) j + dx) / (double) ANNEAL_INT (stage, TOTAL_ITERS),
              ANNEAL_NUM (stage, POWER));
}

/* m^−power, the factor of cycle m − 1's sum of x^power. */
static double
poly_cycle_factor (gconstpointer data,
                   gint64        m,
                   double        dx)
{
  return pow ((double) m + dx, -ANNEAL_NUM ((const AnnealStage *) data, POWER));
}

/* The decay over 0 … total_iters is one smooth piece (its singularity for a power
 * below 1 at the end), the end rate held after it. With cycle, cycle k ≥ 1 covers
 * k·T + 1 … (k + 1)·T with x = j/((k + 1)·T), j = (k + 1)·T − t = 0 … T − 1, so its
 * sum of x^power is ((k + 1)·T)^−power · Σ j^power: whole cycles are one smooth sum
 * over j times one over k. */
static double
poly_sum (const AnnealStage *stage,
          gint64             a,
          gint64             b)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);
  double power = ANNEAL_NUM (stage, POWER);
  double end = ANNEAL_NUM (stage, END), lr = ANNEAL_NUM (stage, LR);
  PolyDecay decay = { stage, total };
  double sum = anneal_sum_smooth_span (poly_decay_at, &decay, a, b, 0, total);
  gint64 ka, kb;

  if (b <= total)
    return sum;
  a = MAX (a, total + 1);
  if (ANNEAL_NUM (stage, CYCLE) == 0)
    return sum + (double) (b - a + 1) * poly_value (stage, total);

  ka = (a - 1) / total;
  kb = (b - 1) / total;
  if (kb - ka < 3)
    {
      for (gint64 k = ka; k <= kb; k++)
        {
          decay.horizon = (k + 1) * total;
          sum += anneal_sum_smooth_span (poly_decay_at, &decay, a, b, k * total + 1,
                                         (k + 1) * total);
        }
      return sum;
    }
  /* The partial cycles at both ends, then whole cycles ka + 1 … kb − 1. */
  decay.horizon = (ka + 1) * total;
  sum += anneal_sum_smooth_span (poly_decay_at, &decay, a, b, ka * total + 1, (ka + 1) * total);
  decay.horizon = (kb + 1) * total;
  sum += anneal_sum_smooth_span (poly_decay_at, &decay, a, b, kb * total + 1, (kb + 1) * total);
  {
    double powers = anneal_sum_smooth (poly_power_at, stage, 1, total - 1)
                    + (power == 0 ? 1 : 0);  /* 0^0 = 1, as pow() gives */
    double scale = pow ((double) total, -power);
    double factors = anneal_sum_smooth (poly_cycle_factor, stage, ka + 2, kb);
    double n = (double) (kb - ka - 1) * (double) total;
    double x;

    /* Σ x^power. Past power·ln T ≈ 708 (power 400 and more for T = 10, 60 for
     * T = 10^6) Σ j^power overflows or T^−power loses its digits (inf·0 is NaN, which
     * would leave the sum to be added up value by value): there Σ (j/T)^power. */
    if (isfinite (powers) && scale >= DBL_MIN)
      x = powers * scale * factors;
    else
      x = (anneal_sum_smooth (poly_share_at, stage, 1, total - 1) + (power == 0 ? 1 : 0))
          * factors;

    /* From the smaller end, as poly_rate(). */
    if (end <= lr)
      sum += n * end + (lr - end) * x;
    else
      sum += n * lr + (end - lr) * (n - x);
  }
  return sum;
}

static void
poly_python (const AnnealStage *stage,
             GString           *body)
{
  gint64 total = ANNEAL_INT (stage, TOTAL_ITERS);
  double end = ANNEAL_NUM (stage, END);

  if (ANNEAL_NUM (stage, CYCLE) != 0)
    g_string_append_printf (body, "    multiplier = 1.0 if t == 0 else float(math.ceil(t / %"
                            G_GINT64_FORMAT "))\n    x = 1 - t / (%" G_GINT64_FORMAT
                            " * multiplier)\n", total, total);
  else
    g_string_append_printf (body, "    x = 1.0 - min(t, %" G_GINT64_FORMAT ") / %"
                            G_GINT64_FORMAT "\n", total, total);
  g_string_append_printf (body, "    p = math.pow(x, %s)\n",
                          anneal_py_float (ANNEAL_NUM (stage, POWER)).text);
  /* As value() writes it: end + (lr − end)·p for an end above lr too. */
  g_string_append_printf (body, "    return %s + (%s - %s) * p\n", anneal_py_float (end).text,
                          anneal_py_float (ANNEAL_NUM (stage, LR)).text, anneal_py_float (end).text);
}

/* A polynomial towards a higher end is a warm-up that peaks at total_iters. */
static void
poly_pitfalls (const AnnealStage  *stage,
               AnnealPitfallScope *scope)
{
  if (ANNEAL_NUM (stage, END) > ANNEAL_NUM (stage, LR))
    anneal_pitfalls_rise (scope, ANNEAL_NUM (stage, TOTAL_ITERS));
}

const AnnealKindClass anneal_kind_poly = {
  .info = {
    .name = "poly",
    .summary = N_("Polynomial decay to an end rate"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch PolynomialLR, Keras PolynomialDecay, optax polynomial_schedule, "
              "linear_schedule, Hugging Face get_polynomial_decay_schedule_with_warmup",
  },
  .prepare = poly_prepare,
  .value = poly_value,
  .cycle = poly_cycle,
  .sum = poly_sum,
  .python = poly_python,
  .pitfalls = poly_pitfalls,
};
