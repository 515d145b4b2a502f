/* test-properties.c — what holds for every kind, over random valid parameters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For random schedules of every kind (and random sequences of them): the value at
 * t equals the bulk call's; the range call's minimum and maximum equal a
 * brute-force scan; printing and parsing again gives the same schedule; values
 * are finite and non-negative, near 0 and at epochs up to 10^15.
 */
#include <anneal.h>
#include <float.h>
#include <math.h>
#include <string.h>

#define SCHEDULES_PER_KIND 150

/* Integers up to 10^6 (log-uniform) instead of up to 60: pieces and cycles longer
 * than the sums add up one by one. */
static gboolean long_integers;

static void
append_random_value (GString           *s,
                     GRand             *rand,
                     const AnnealParam *param)
{
  double min = anneal_param_get_minimum (param), max = anneal_param_get_maximum (param);
  AnnealParamFlags flags = anneal_param_get_flags (param);
  const char *name = anneal_param_get_name (param);
  double lo = min, hi = max;

  switch (anneal_param_get_value_type (param))
    {
    case ANNEAL_PARAM_NUMBER:
      if (flags & ANNEAL_PARAM_FLAGS_RATE)
        {
          if (g_rand_int_range (rand, 0, 20) == 0)
            g_string_append (s, "0");
          else
            g_string_append_printf (s, "%.6e", pow (10, g_rand_double_range (rand, -7, 0.5)));
          return;
        }
      /* Keep unbounded ranges to what people use; the edges have their own tests. */
      hi = MIN (hi, lo + (lo >= 1 ? 100 : 4));
      if (strcmp (name, "gamma") == 0)
        lo = 0.3;
      {
        double v;

        do
          v = g_rand_double_range (rand, lo, hi);
        while (v == min || v == max);
        if (g_rand_int_range (rand, 0, 8) == 0 && !(flags & ANNEAL_PARAM_FLAGS_MAX_OPEN))
          v = hi;
        g_string_append_printf (s, "%.9g", v);
      }
      return;

    case ANNEAL_PARAM_INTEGER:
      if (long_integers && strcmp (name, "t_mult") != 0 && hi > lo + 60)
        {
          hi = MIN (hi, 1e6);
          g_string_append_printf (s, "%.0f",
                                  floor (exp (g_rand_double_range (rand, log (MAX (lo, 1)),
                                                                   log (hi + 1)))));
          return;
        }
      hi = MIN (hi, lo + (strcmp (name, "t_mult") == 0 ? 3 : 60));
      g_string_append_printf (s, "%d", g_rand_int_range (rand, (gint32) lo, (gint32) hi + 1));
      return;

    case ANNEAL_PARAM_CHOICE:
      {
        const char * const *choices = anneal_param_get_choices (param);
        guint n = g_strv_length ((char **) choices);

        g_string_append (s, choices[g_rand_int_range (rand, 0, (gint32) n)]);
      }
      return;

    case ANNEAL_PARAM_BOOLEAN:
      g_string_append (s, g_rand_boolean (rand) ? "true" : "false");
      return;

    case ANNEAL_PARAM_LIST:
      {
        int n = g_rand_int_range (rand, 0, 5);

        g_string_append_c (s, '[');
        for (int i = 0; i < n; i++)
          g_string_append_printf (s, "%s%d", i ? ", " : "", g_rand_int_range (rand, 0, 120));
        g_string_append_c (s, ']');
      }
      return;

    default:
      g_assert_not_reached ();
    }
}

static void
append_random_stage (GString          *s,
                     GRand            *rand,
                     const AnnealKind *kind)
{
  gboolean first = TRUE;

  g_string_append_printf (s, "%s(", anneal_kind_get_name (kind));
  for (guint i = 0; i < anneal_kind_get_n_params (kind); i++)
    {
      const AnnealParam *param = anneal_kind_get_param (kind, i);

      if (g_rand_int_range (rand, 0, 10) < 4)
        continue;
      g_string_append_printf (s, "%s%s=", first ? "" : ", ", anneal_param_get_name (param));
      append_random_value (s, rand, param);
      first = FALSE;
    }
}

/* A random valid schedule whose last (or only) stage is of @kind. */
static AnnealSchedule *
random_schedule (GRand            *rand,
                 const AnnealKind *kind,
                 char            **spec_out)
{
  for (int attempt = 0; attempt < 1000; attempt++)
    {
      g_autoptr(GString) s = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      AnnealSchedule *schedule;

      if (g_rand_int_range (rand, 0, 4) == 0)
        {
          const AnnealKind *before = anneal_kind_get_nth (g_rand_int_range (rand, 0, (gint32) anneal_kind_get_count ()));

          append_random_stage (s, rand, before);
          g_string_append_printf (s, "%sfor=%d) -> ", s->str[s->len - 1] == '(' ? "" : ", ",
                                  g_rand_int_range (rand, 1, 90));
        }
      append_random_stage (s, rand, kind);
      g_string_append_c (s, ')');

      schedule = anneal_schedule_parse (s->str, NULL, &error);
      if (schedule != NULL)
        {
          *spec_out = g_string_free (g_steal_pointer (&s), FALSE);
          return schedule;
        }
      /* Only parameters that do not fit together may be refused here. */
      g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID);
    }
  g_error ("no valid random %s schedule", anneal_kind_get_name (kind));
}

static void
check_finite (const char *spec,
              gint64      t,
              double      v)
{
  if (!isfinite (v) || v < 0)
    g_error ("%s at epoch %" G_GINT64_FORMAT ": %.17g", spec, t, v);
}

/* Widens [*lo, *hi] to the values of epochs a … b, values[0] being epoch origin's. */
static void
values_range (const double *values,
              gint64        origin,
              gint64        a,
              gint64        b,
              double       *lo,
              double       *hi)
{
  for (gint64 t = a; t <= b; t++)
    {
      *lo = MIN (*lo, values[t - origin]);
      *hi = MAX (*hi, values[t - origin]);
    }
}

/* The range against the values: equal, or (off > 0, for more cycles than a range
 * scans one by one where they drift) inside them and within off of the maximum. */
static void
check_range_within (const AnnealSchedule *schedule,
                    const char           *spec,
                    const double         *values,
                    gint64                origin,
                    gint64                a,
                    gint64                b,
                    double                off)
{
  double lo = INFINITY, hi = -INFINITY, min, max;

  values_range (values, origin, a, b, &lo, &hi);
  anneal_schedule_range (schedule, a, b, &min, &max);
  if (off > 0 ? !(min >= lo && max <= hi && min - lo <= off * hi && hi - max <= off * hi)
              : (min != lo || max != hi))
    g_error ("%s over [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]: range [%.17g, %.17g], "
             "brute force [%.17g, %.17g]", spec, a, b, min, max, lo, hi);
}

static void
check_range (const AnnealSchedule *schedule,
             const char           *spec,
             const double         *values,
             gint64                origin,
             gint64                a,
             gint64                b)
{
  check_range_within (schedule, spec, values, origin, a, b, 0);
}

static void
test_kind_properties (gconstpointer data)
{
  const AnnealKind *kind = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (anneal_kind_get_name (kind)));
  const gsize window = 6000;
  g_autofree double *values = g_new (double, window);

  for (int i = 0; i < SCHEDULES_PER_KIND; i++)
    {
      g_autofree char *spec = NULL;
      g_autoptr(AnnealSchedule) schedule = random_schedule (rand, kind, &spec);
      g_autofree char *printed = anneal_schedule_to_string (schedule);
      g_autoptr(AnnealSchedule) reparsed = NULL;
      g_autofree char *printed_again = NULL;
      g_autoptr(GError) error = NULL;
      gint64 origin = g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 0, 1000000);
      static const gint64 far[] = {
        G_GINT64_CONSTANT (1000000), G_GINT64_CONSTANT (123456789),
        G_GINT64_CONSTANT (1000000000), G_GINT64_CONSTANT (99999999999),
        G_GINT64_CONSTANT (1000000000000000),
      };

      /* print → parse is the identity */
      reparsed = anneal_schedule_parse (printed, NULL, &error);
      if (reparsed == NULL)
        g_error ("%s printed as %s, which is refused: %s", spec, printed, error->message);
      g_assert_true (anneal_schedule_equal (schedule, reparsed));
      printed_again = anneal_schedule_to_string (reparsed);
      g_assert_cmpstr (printed, ==, printed_again);

      /* bulk = single values, finite and non-negative */
      anneal_schedule_fill (schedule, origin, window, values);
      for (gsize k = 0; k < window; k++)
        {
          double v = anneal_schedule_value (schedule, origin + (gint64) k);

          check_finite (spec, origin + (gint64) k, v);
          if (v != values[k])
            g_error ("%s at %" G_GINT64_FORMAT ": value %.17g, bulk %.17g",
                     spec, origin + (gint64) k, v, values[k]);
        }
      for (guint k = 0; k < G_N_ELEMENTS (far); k++)
        check_finite (spec, far[k], anneal_schedule_value (schedule, far[k]));

      /* range = brute force, over short and long stretches */
      for (int k = 0; k < 12; k++)
        {
          gint64 a = origin + g_rand_int_range (rand, 0, (gint32) window);
          gint64 b = origin + g_rand_int_range (rand, 0, (gint32) window);

          if (k < 4)
            {
              gint64 length = g_rand_int_range (rand, 0, 4);  /* once: MIN () is a macro */

              b = MIN (a + length, origin + (gint64) window - 1);
            }
          check_range (schedule, spec, values, origin, MIN (a, b), MAX (a, b));
        }
      check_range (schedule, spec, values, origin, origin, origin + (gint64) window - 1);

      /* stats: the sum (one period times many, geometric series of damped cycles)
       * agrees with adding the values up */
      for (int k = 0; k < 3; k++)
        {
          gint64 a = origin + g_rand_int_range (rand, 0, (gint32) window / 4);
          gint64 b = origin + g_rand_int_range (rand, (gint32) window / 2, (gint32) window);
          double sum = 0, scale = 0;
          AnnealStats stats;

          for (gint64 t = a; t <= b; t++)
            {
              sum += values[t - origin];
              scale += fabs (values[t - origin]);
            }
          anneal_schedule_stats (schedule, a, b, &stats);
          if (fabs (stats.sum - sum) > 1e-12 * scale + 1e-300)
            g_error ("%s over [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]: stats sum %.17g, "
                     "added up %.17g", spec, a, b, stats.sum, sum);
          g_assert_cmpfloat (stats.first, ==, values[a - origin]);
          g_assert_cmpfloat (stats.last, ==, values[b - origin]);
        }
    }
}

/* Statistics' sums — closed forms per piece or cycle, geometric series, whole
 * periods — against the values added up one by one (compensated), over long random
 * spans of random schedules. */
static void
test_stats_sum (gconstpointer data)
{
  const AnnealKind *kind = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (anneal_kind_get_name (kind)) ^ 0x5eed);
  const gint64 window = 100000;
  g_autofree double *values = g_new (double, window);

  for (int i = 0; i < 12; i++)
    {
      g_autofree char *spec = NULL;
      g_autoptr(AnnealSchedule) schedule = random_schedule (rand, kind, &spec);
      gint64 origin = g_rand_boolean (rand) ? 0 : g_rand_int_range (rand, 0, 1000000000);

      anneal_schedule_fill (schedule, origin, window, values);
      for (int k = 0; k < 4; k++)
        {
          gint64 a = g_rand_int_range (rand, 0, (gint32) window / 3);
          gint64 b = k == 0 ? window - 1 : g_rand_int_range (rand, (gint32) a, (gint32) window);
          double sum = 0, compensation = 0;
          AnnealStats stats;

          for (gint64 t = a; t <= b; t++)
            {
              double v = values[t], s = sum + v;

              compensation += fabs (sum) >= fabs (v) ? (sum - s) + v : (v - s) + sum;
              sum = s;
            }
          sum += compensation;
          g_assert_true (anneal_schedule_stats_full (schedule, origin + a, origin + b, &stats,
                                                     NULL, NULL));
          if (fabs (stats.sum - sum) > 1e-12 * sum + 1e-300)
            g_error ("%s over [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]: stats sum %.17g, "
                     "added up %.17g (relative %.3g)", spec, origin + a, origin + b, stats.sum,
                     sum, fabs (stats.sum - sum) / sum);
        }
    }
}

/* The same with long pieces and cycles: the smooth sums (Euler–Maclaurin past the
 * ends) and the geometric series of many cycles against adding up. */
static void
test_stats_sum_long (gconstpointer data)
{
  long_integers = TRUE;
  test_stats_sum (data);
  long_integers = FALSE;
}

/* Kinds whose values carry a library's floating-point rounding (PyTorch's cosine
 * past t_max, CyclicLR's cycle, Hugging Face's and Keras' phases) add up spans below
 * 2^20 epochs one by one, and sum longer ones from their formula: that closed form
 * against the values added up, over 2.2·10^6 epochs where the roundings are still
 * small. 1e-9 relative: the rounding of the phase at epoch 2.2·10^6, ~1e-16·2.2·10^6
 * with PyTorch's restarts amplifying it (see cosine_sum()), and no more. */
static void
test_stats_sum_rounded (void)
{
  static const char * const specs[] = {
    "cosine(t_max=7, eta_min=0.001)", "cosine(t_max=100, lr=0.3)", "cosine(t_max=2)",
    "cyclic(step_size_up=1, step_size_down=1)", "cyclic(step_size_up=1000, step_size_down=0)",
    "cyclic(mode=triangular2, step_size_up=100000, step_size_down=30000)",
    "cyclic(mode=exp_range, gamma=0.999999, step_size_up=100, step_size_down=37)",
    "cyclic(mode=exp_range, gamma=0.9999, step_size_up=3, base_lr=0)",
    "cosine-cycles(steps=1, cycles=3.7)", "cosine-cycles(steps=1000, cycles=0.3, eta_min=0.01)",
    "cosine-cycles(steps=33333, cycles=2.5, shift=1)",
    "restarts(damp=range, t_0=7, decay=0.9999)", "restarts(damp=range, t_0=1000, eta_min=0.01)",
    "restarts(damp=range, t_0=3, t_mul=1.5, k=0.5)",
  };
  const gint64 n = 2200000;
  g_autofree double *values = g_new (double, n);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (specs[i], NULL, NULL);
      double sum = 0, compensation = 0;
      AnnealStats stats;

      anneal_schedule_fill (schedule, 0, n, values);
      for (gint64 t = 1; t < n; t++)
        {
          double v = values[t], s = sum + v;

          compensation += fabs (sum) >= fabs (v) ? (sum - s) + v : (v - s) + sum;
          sum = s;
        }
      sum += compensation;
      anneal_schedule_stats (schedule, 1, n - 1, &stats);
      if (fabs (stats.sum - sum) > 1e-9 * sum)
        g_error ("%s over [1, %" G_GINT64_FORMAT "]: stats sum %.17g, added up %.17g "
                 "(relative %.3g)", specs[i], n - 1, stats.sum, sum, fabs (stats.sum - sum) / sum);
    }
}

/* Spans of schedules whose sums used to be added up value by value (a cycle longer
 * than 2^20 epochs, more than 1024 growing cycles) or drifted from them (PyTorch's
 * cosine past t_max) against the values added up, within 1e-12 unless the case says;
 * and the same schedules over 10^15 epochs, which adding up would not finish. */
typedef struct
{
  const char *spec;
  gint64      a, b;
  double      tolerance;  /* relative; 0: 1e-12 */
} SumCase;

static void
test_stats_sum_cases (void)
{
  static const SumCase cases[] = {
    /* cycles of 10^7 epochs: partial cycles at both ends, whole ones between */
    { "exp-cycles(epochs=30000000, cycles=3)", 0, 29999999 },
    { "exp-cycles(epochs=30000000, cycles=3)", 9000000, 10100000 },
    { "exp-cycles(epochs=30000000, cycles=3, a=0.0001)", 5000000, 7200000 },
    { "exp-cycles(epochs=30000000, cycles=3, lr_start=0.001, lr_end=0.1, a=30)", 9000000,
      10100000 },
    { "exp-cycles(epochs=30000000, cycles=3, lr_start=0.001, lr_end=0.1, a=30)", 100, 2000000 },
    { "exp-cycles(epochs=3000000000000, cycles=3, lr_end=0, a=700)", 2000, 2202000 },
    /* thousands of growing cycles (5400 of t_mul = 1.001 in 2.2·10^6 epochs) */
    { "restarts(t_mul=1.001)", 0, 2200000 },
    { "restarts(t_mul=1.001, t_0=3, eta_min=0.2)", 12345, 2000000 },
    { "restarts(t_mul=1.001, damp=range, decay=0.99, eta_min=0.001)", 0, 2200000 },
    { "restarts(t_mul=1.0001, decay=0.999, warmup=50, warmup_prefix=true, cycle_limit=3000)",
      7, 2200000 },
    { "restarts(t_mul=1.002, t_0=1, decay=0.9999, warmup=1000)", 999, 2200000 },
    { "restarts(t_mul=1.001, shape=poly, power=7, eta_min=0.01)", 0, 2200000 },
    { "restarts(t_mul=1.001, shape=poly, power=10, damp=range, decay=0.99)", 12345, 2200000 },
    { "restarts(t_mul=1.0005, shape=poly, power=3, t_0=1, eta_min=0.2)", 0, 2200000 },
    /* tanh cycles: short ones added up, long ones by Euler–Maclaurin (tanh_cycle) */
    { "restarts(shape=tanh, t_mul=1.001)", 12345, 5000000 },
    { "restarts(shape=tanh, t_0=3, t_mul=1.0001, eta_min=0.01, decay=0.999)", 0, 5000000 },
    { "restarts(shape=tanh, t_mul=1.002, damp=range, decay=0.9, eta_min=0.001)", 1, 5000000 },
    { "restarts(shape=tanh, t_0=100, t_mul=2, lb=-500, ub=500, warmup=7)", 0, 5000000 },
    /* PyTorch's cosine past t_max over 5·10^6 epochs, where its drift (~4e-17·t, 2e-10
     * here) left the formula's closed form behind: restarts followed as value() has
     * them — one by one up to 2^22 periods, their recursion run where it is short — */
    { "cosine(t_max=7, eta_min=0.001)", 1, 4999999 },
    { "cosine(t_max=50)", 12345, 5000000 },
    { "cosine(t_max=3, lr=0.3)", 1, 4999999 },
    { "cosine(t_max=1000, eta_min=0.05)", 1, 4999999 },
    /* — and past 2^22 periods a smooth sum over them of the drift */
    { "cosine(t_max=2, eta_min=0.01)", 0, 20000000 },
    /* where the recursion after each restart is long (t_max 3·10^6, eta_min > 0), the
     * roundings it carries are not all followed: 6e-7 (the formula: 4.4e-5) */
    { "cosine(t_max=3000000, eta_min=0.001)", 1, 20999999, 1e-6 },
    /* a t_max of 4.5·10^13: 1 + cos rounds to 0 in the recursion after the restart,
     * and value() falls back on the formula; the sum scaled the period from a rate
     * rounded to an ulp of eta_min over a difference of 1e-16: off by 1.25e-3, 9.3e-3
     * (fuzz) */
    { "cosine(lr=1, t_max=44541356105292, eta_min=0.03)", G_GINT64_CONSTANT (89082710554077),
      G_GINT64_CONSTANT (89082712554076) },
    { "cosine(lr=134003.52, t_max=44541356105292, eta_min=4181.1)",
      G_GINT64_CONSTANT (89082710554077), G_GINT64_CONSTANT (89082712554076) },
    /* Hugging Face's wave turning a whole number of times per epoch (2·cycles/steps =
     * 1600): its closed form divided two roundings near 0 and gave a mean 10^11 times
     * the values' (fuzz); now the phase is reduced exactly */
    { "cosine-cycles(lr=1, steps=1250, cycles=1000000, eta_min=2, shift=3)", 0, 2000000 },
  };
  const gint64 chunk = 1 << 20;
  g_autofree double *values = g_new (double, chunk);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (cases[i].spec, NULL, NULL);
      double tolerance = cases[i].tolerance > 0 ? cases[i].tolerance : 1e-12;
      double sum = 0, compensation = 0;
      AnnealStats stats;

      g_assert_nonnull (schedule);
      for (gint64 t = cases[i].a; t <= cases[i].b; t += chunk)
        {
          gint64 n = MIN (chunk, cases[i].b - t + 1);

          anneal_schedule_fill (schedule, t, (gsize) n, values);
          for (gint64 k = 0; k < n; k++)
            {
              double v = values[k], s = sum + v;

              compensation += fabs (sum) >= fabs (v) ? (sum - s) + v : (v - s) + sum;
              sum = s;
            }
        }
      sum += compensation;
      g_assert_true (anneal_schedule_stats_full (schedule, cases[i].a, cases[i].b, &stats, NULL,
                                                 NULL));
      if (fabs (stats.sum - sum) > tolerance * sum)
        g_error ("%s over [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]: stats sum %.17g, "
                 "added up %.17g (relative %.3g)", cases[i].spec, cases[i].a, cases[i].b,
                 stats.sum, sum, fabs (stats.sum - sum) / sum);
      g_assert_true (anneal_schedule_stats_full (schedule, 0, G_GINT64_CONSTANT (999999999999999),
                                                 &stats, NULL, NULL));
      g_assert_true (isfinite (stats.sum) && stats.mean >= stats.min * (1 - 1e-12) &&
                     stats.mean <= stats.max * (1 + 1e-12));
    }
}

/* Σ values over a … b, one by one (compensated), as the brute-force path adds. */
static double
added_up (AnnealSchedule *schedule,
          gint64          a,
          gint64          b)
{
  const gint64 chunk = 1 << 20;
  g_autofree double *values = g_new (double, chunk);
  double sum = 0, compensation = 0;

  for (gint64 t = a; t <= b; t += chunk)
    {
      gint64 n = MIN (chunk, b - t + 1);

      anneal_schedule_fill (schedule, t, (gsize) n, values);
      for (gint64 k = 0; k < n; k++)
        {
          double v = values[k], s = sum + v;

          compensation += fabs (sum) >= fabs (v) ? (sum - s) + v : (v - s) + sum;
          sum = s;
        }
    }
  return sum + compensation;
}

/* Schedules whose sums over long spans fell back to adding up, which does not finish
 * over 10^10 epochs, or whose smooth sums take shortcuts: their sums over 0 … b
 * against the values added up (within 1e-12), and over 10^10 and 10^15 epochs finite
 * with a mean between the minimum and the maximum. One test path per row. */
typedef struct
{
  const char *name;
  const char *spec;
  gint64      b;     /* the last epoch added up, 0: none */
  gboolean    huge;  /* the sums over 10^10 and 10^15 epochs too */
  gint64      a;     /* the first epoch added up */
  double      eta_min; /* where value() cancels (peaks below eta_min): the values'
                          own rounding, an ulp of eta_min per epoch, is allowed */
} LongSumCase;

static const LongSumCase long_sum_cases[] = {
  /* the smooth sum's integral bisected without end where the values are subnormal
   * ((1 − x)^1000 around x = 0.5, sin²(π·x^k/2) around x^k = 1e-161), so that its
   * panels ran out and the sum was refused */
  { "subnormal-poly", "poly(power=1000, total_iters=10000000)", 9999999, TRUE },
  { "subnormal-poly-long", "poly(power=1000, total_iters=1000000000000)", 0, TRUE },
  { "subnormal-k50", "restarts(k=50, t_0=3000, t_mul=1.5)", 2000000, TRUE },
  { "subnormal-k100", "restarts(k=100, t_0=100000, t_mul=1.5, eta_min=0.001)", 0, TRUE },
  { "subnormal-k500", "restarts(k=500, t_0=100000, t_mul=1.5, shape=poly)", 0, TRUE },
  /* restarts' cycles from 512 epochs on as smooth sums with 32 epochs added up at
   * each end (256, 4096 where refused), Σ (1 − s) as L − Σ s where that is the larger */
  { "short-ends-k0.5", "restarts(k=0.5, t_0=100, t_mul=1.04, eta_min=0.001)", 1999999, TRUE },
  { "short-ends-poly-range", "restarts(shape=poly, power=1.5, k=2, t_0=100, t_mul=1.04, "
    "damp=range, decay=0.999, eta_min=0.001)", 1999999, TRUE },
  { "short-ends-poly-k50", "restarts(shape=poly, power=0.3, k=50, t_0=100, t_mul=1.04)",
    1999999, TRUE },
  /* x^1000 flattens out within a few epochs past the 32 added up: an integral as one
   * panel did not see it, 1e-10 of the sum */
  { "short-ends-k1000", "restarts(k=1000, t_0=4000)", 999999, TRUE },
  { "short-ends-tanh", "restarts(shape=tanh, lb=-1000, ub=1000, t_0=700, t_mul=1.04)", 1999999,
    TRUE },
  /* a steep tanh's poles near the real axis in cycles of 700 to 10^4 epochs: smooth
   * sums there would be off by up to 1.5e-7, which their checks at the ends do not
   * see, so these cycles are added up */
  { "steep-tanh", "restarts(shape=tanh, lb=-1000, ub=1000, t_0=700, t_mul=1.005)", 1999999,
    TRUE },
  /* more than 1024 cycles without a closed form (6200 in 5·10^6 epochs, 2·10^5 in
   * 10^15 of t_mul = 1.0001), refused as a whole: summed by groups of cycles */
  { "many-cycles-k2", "restarts(k=2, t_mul=1.001)", 4999999, TRUE },
  { "many-cycles-k0.5", "restarts(k=0.5, t_mul=1.0001)", 0, TRUE },
  { "many-cycles-poly", "restarts(shape=poly, power=1.5, t_mul=1.001)", 4999999, TRUE },
  { "many-cycles-tanh-range", "restarts(shape=tanh, t_mul=1.001, damp=range, decay=0.999, "
    "eta_min=0.001)", 4999999, TRUE },
  { "many-cycles-below-eta-min", "restarts(k=50, t_0=1, t_mul=1.003, eta_min=0.01, "
    "decay=0.99)", 4999999, TRUE },
  /* peaks far below eta_min with a large k: value() cancels, so such cycles are its
   * values added up, ~10^9 of them over 10^10 epochs; now their flat heads (x^k below
   * an ulp) as one value times their epochs */
  { "flat-heads-k1000", "restarts(k=1000, t_mul=1.001, eta_min=0.01, decay=0.99)", 4999999,
    TRUE },
  { "flat-heads-poly-k800", "restarts(shape=poly, k=800, t_mul=1.001, eta_min=0.01, "
    "decay=0.99)", 4999999, TRUE },
  /* peaks below eta_min with a power near 0 (no flat head): value() cancels, and its
   * values were added up, 126 s over 10^10 epochs; now the smooth sums with the peak
   * value() rounds to. The last rows start where the values are 1e-4 and 1e-7 of
   * eta_min, so that its roundings matter. */
  { "below-eta-min-power-0.001", "restarts(shape=poly, power=0.001, t_mul=1.001, eta_min=0.01, "
    "decay=0.99)", 9999999, TRUE },
  { "below-eta-min-power-0.01-k3", "restarts(shape=poly, power=0.01, k=3, t_mul=1.001, "
    "eta_min=0.01, decay=0.98)", 9999999, TRUE },
  { "below-eta-min-cos", "restarts(t_0=50, t_mul=1.002, eta_min=0.3, decay=0.97)", 9999999,
    TRUE },
  { "below-eta-min-cos-k0.5", "restarts(k=0.5, t_0=50, t_mul=1.002, eta_min=0.3, decay=0.97)",
    9999999, TRUE },
  { "below-eta-min-tanh", "restarts(shape=tanh, t_0=50, t_mul=1.002, eta_min=0.3, decay=0.97)",
    9999999, TRUE },
  { "below-eta-min-range", "restarts(lr=0.001, t_0=50, t_mul=1.002, eta_min=0.3, decay=0.97, "
    "damp=range, k=2)", 9999999, TRUE },
  { "below-eta-min-late-power-1e-5", "restarts(shape=poly, power=0.00001, t_0=2000, "
    "t_mul=1.01, eta_min=0.5, decay=0.9)", 4999999, TRUE, 1000000, 0.5 },
  { "below-eta-min-late-power-1e-7", "restarts(shape=poly, power=0.0000001, t_0=2000, "
    "t_mul=1.01, eta_min=0.5, decay=0.9)", 7999999, TRUE, 1000000, 0.5 },
  /* t_mul = 1 + 1e-10: timm's index puts the restart 2·10^9 epochs from the exact
   * one, which finding epoch by epoch took 40 s (the parse, for the warm-up) */
  { "far-restart", "restarts(t_0=1000000000000000, t_mul=1.0000000001, k=1.0001, "
    "warmup=999999999999999)", 1999999, TRUE },
  /* phases of 10^12 epochs and more: near 10^15 the epoch rounds to 1/8, and a decay
   * to 0 cancels in value(); the quadrature bisected that rounding until its panels
   * ran out, and the sums fell back to adding up, which did not finish */
  { "huge-onecycle-linear", "onecycle(total_steps=1000000000000000, anneal=linear)", 1999999,
    TRUE },
  { "huge-onecycle-three", "onecycle(total_steps=999999999999999, three_phase=true)", 1999999,
    TRUE },
  { "huge-wsd-end", "wsd(warmup=999999999999, stable=999999999999, decay=1000000000000)",
    G_GINT64_CONSTANT (2999999999999), TRUE, G_GINT64_CONSTANT (2999997999999), 0.1 },
  /* the fuzz's slow sums (helper-55): a part of a long ramp anchored at `to`, whose
   * smooth sum cancelled near its start; a staircase's floor found epoch by epoch in
   * blocks of 10^10; 10^14 epochs of warm-up before a timescale of 2, whose decay the
   * smooth sum saw through t + dx rounded to 1/64; 1 − x^power of a power 2e-4 below an
   * end 10^31 times lr, which cancelled in the smooth sum's integrand */
  { "partial-ramp-anchor-to", "ramp(steps=1000000000000, anchor=to)", 1999999, TRUE },
  { "staircase-floor", "exponential(gamma=0.5, decay_steps=10000000000, staircase=true, "
    "end=0.001)", 1999999, TRUE },
  { "long-warmup-inverse-sqrt", "inverse-sqrt(warmup=100000000000000, timescale=2)",
    G_GINT64_CONSTANT (100000001999999), TRUE, G_GINT64_CONSTANT (100000000000000) },
  { "poly-far-below-end", "poly(lr=1e-30, total_iters=99999999, power=0.0002, end=15)",
    51999999, TRUE, 50000000 },
  /* …and a power of 0 at the horizon: 0·log(0) is NaN, where value() has 0^0 = 1 */
  { "poly-power-0-below-end", "poly(power=0, end=33.3)", 1999999, TRUE },
  { "poly-power-0-cycle", "poly(power=0, end=33.3, cycle=true)", 1999999, TRUE },
  /* a one-cycle from max_lr/10^6 over 10^12 steps: 1 − cos(π·pct) cancelled near its
   * start in the smooth sum, which gave up and added up 10^9 values */
  { "onecycle-large-div", "onecycle(total_steps=1000000000000, div_factor=1e6)", 1999999,
    TRUE },
  { "onecycle-large-div-late", "onecycle(total_steps=999999999999999, div_factor=38138347.6)",
    G_GINT64_CONSTANT (299999901999999), TRUE, G_GINT64_CONSTANT (299999900000000) },
  /* a k of 1e-6 or less: 1 − x^k cancelled in the shape's smooth sums, which gave up,
   * and every epoch was added up (6.8 s for 10^7 epochs of t_mul = 2); value()
   * cancels too (an ulp of the rate per epoch allowed) */
  { "small-k", "restarts(t_mul=2, k=1e-6)", 1999999, TRUE, 0, 0.1 },
  { "small-k-poly", "restarts(t_mul=2, k=1e-10, shape=poly)", 1999999, TRUE, 0, 0.1 },
  { "small-k-many-cycles", "restarts(t_mul=1.001, k=1e-10)", 1999999, TRUE, 0, 0.1 },
  /* a power of 0 with eta_min above lr: 0·ln 0 was NaN at each cycle's end, and the
   * cycles were added up (> 60 s over 10^15 epochs) */
  { "poly-power-0-above-lr", "restarts(t_0=5, t_mul=2, eta_min=1, shape=poly, power=0, k=0.5)",
    1999999, TRUE },
  /* √ warm-ups and decays of 10^13 epochs and more: 1 − √(1 − p) cancelled in the
   * smooth sum, which gave up (9 s for 10^9 epochs) */
  { "wsd-sqrt-long-warmup", "wsd(warmup=100000000000000, stable=572765079438, decay=4, "
    "warmup_shape=sqrt)", G_GINT64_CONSTANT (10000001999999), TRUE,
    G_GINT64_CONSTANT (10000000000000) },
  { "wsd-sqrt-long-decay", "wsd(warmup=0, stable=0, decay=1000000000000000, decay_shape=sqrt)",
    G_GINT64_CONSTANT (990000001999999), TRUE, G_GINT64_CONSTANT (990000000000000) },
  /* Hugging Face's hard restarts with the first restart past 10^19 epochs: its
   * estimate overflowed the cast, and the search walked from there for good */
  { "cosine-cycles-restart-past-all", "cosine-cycles(lr=0.0008198962810076734, "
    "steps=2405451780, cycles=2.3352981139870477e-10, eta_min=4.244306654025146, "
    "restarts=true)", 1999999, TRUE },
  { "wsd-cosine-cycles", "wsd(warmup=1000, stable=1000, decay=3000000, warmup_shape=cosine, "
    "decay_shape=cosine, cycles=0.3, min_lr_ratio=0.01)", 3001999, TRUE },
  { "huge-wsd-sqrt", "wsd(warmup=333333333333333, stable=333333333333333, "
    "decay=333333333333333, warmup_shape=cosine, decay_shape=sqrt)",
    G_GINT64_CONSTANT (100000001999999), TRUE, G_GINT64_CONSTANT (100000000000000) },
};

static void
test_long_sums (gconstpointer data)
{
  const LongSumCase *row = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (row->spec, NULL, &error);
  static const gint64 spans[] = {
    G_GINT64_CONSTANT (10000000000), G_GINT64_CONSTANT (1000000000000000),
  };
  AnnealStats stats;

  g_assert_no_error (error);
  if (row->b > 0)
    {
      double sum = added_up (schedule, row->a, row->b);
      double roundings = DBL_EPSILON * row->eta_min * (double) (row->b - row->a + 1);

      g_assert_true (anneal_schedule_stats_full (schedule, row->a, row->b, &stats, NULL, NULL));
      if (!(fabs (stats.sum - sum) <= MAX (1e-12 * sum, roundings)))
        g_error ("%s over [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]: stats sum %.17g, "
                 "added up %.17g (relative %.3g)", row->spec, row->a, row->b, stats.sum, sum,
                 fabs (stats.sum - sum) / sum);
    }
  for (guint k = 0; k < G_N_ELEMENTS (spans) && row->huge; k++)
    {
      g_assert_true (anneal_schedule_stats_full (schedule, 0, spans[k] - 1, &stats, NULL, NULL));
      if (!isfinite (stats.sum) || stats.mean < stats.min * (1 - 1e-12) ||
          stats.mean > stats.max * (1 + 1e-12))
        g_error ("%s over 0 … %" G_GINT64_FORMAT ": sum %.17g, mean %.17g outside "
                 "[%.17g, %.17g]", row->spec, spans[k] - 1, stats.sum, stats.mean, stats.min,
                 stats.max);
    }
}

/* Half-cosine sums (a cosine ramp, cosine annealing, a cosine wave) against sin² added
 * up in long double, also where value() itself cancels (the first and last epochs of
 * 10^15, values ~1e-16 of the rate): within 1e-13 relative. The ramp's smooth sum drowned
 * its finite differences in rounding past ~10^8 steps and fell back to adding up, which
 * did not finish; the closed form of the cosines was off by 10x near a trough. */
static void
test_half_cosine_sums (void)
{
  static const struct
  {
    const char *spec;
    double      from, to;
    gint64      steps, a, b;
  } cases[] = {
    { "ramp(shape=cos, steps=1000000000000000)", 0, 0.1, G_GINT64_CONSTANT (1000000000000000),
      0, 999999 },
    { "ramp(shape=cos, steps=1000000000000000)", 0, 0.1, G_GINT64_CONSTANT (1000000000000000),
      12345, 1012345 },
    { "ramp(from=0.1, to=0, shape=cos, steps=1000000000000000)", 0.1, 0,
      G_GINT64_CONSTANT (1000000000000000), G_GINT64_CONSTANT (999999999000000),
      G_GINT64_CONSTANT (999999999999999) },
    { "ramp(from=0.1, to=0, shape=cos, steps=3000000)", 0.1, 0, 3000000, 1000000, 2999999 },
    { "ramp(from=0.001, to=0.1, shape=cos, steps=3000001)", 0.001, 0.1, 3000001, 7, 3000000 },
    { "ramp(from=0.1, to=0.001, shape=cos, steps=999983)", 0.1, 0.001, 999983, 0, 999982 },
    /* the same sums of cosine annealing (anneal_sum_half_cosine) before t_max */
    { "cosine(t_max=1000000000000000)", 0.1, 0, G_GINT64_CONSTANT (1000000000000000),
      G_GINT64_CONSTANT (999999999000000), G_GINT64_CONSTANT (999999999999999) },
    { "cosine(lr=1, eta_min=0.5, t_max=999999)", 1, 0.5, 999999, 0, 999998 },
    /* a warm restarts cycle (sgdr), whose partial cycles summed the cosines */
    { "sgdr(t_0=1000000000000000)", 0.1, 0, G_GINT64_CONSTANT (1000000000000000),
      G_GINT64_CONSTANT (999999999000000), G_GINT64_CONSTANT (999999999999999) },
    /* Hugging Face's cosine warm-up and decay in wsd */
    { "wsd(warmup=1000000000000000, stable=0, decay=0, warmup_shape=cosine)", 0, 0.1,
      G_GINT64_CONSTANT (1000000000000000), 0, 999999 },
    { "wsd(warmup=0, stable=0, decay=1000000000000000, decay_shape=cosine)", 0.1, 0,
      G_GINT64_CONSTANT (1000000000000000), G_GINT64_CONSTANT (999999999000000),
      G_GINT64_CONSTANT (999999999999999) },
    { "cosine-wave(lr_start=0.1, lr_end=0, period=1000000000000000)", 0.1, 0,
      G_GINT64_CONSTANT (999999999999999), G_GINT64_CONSTANT (999999999000000),
      G_GINT64_CONSTANT (999999999999999) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (cases[i].spec, NULL, NULL);
      long double theta = 3.14159265358979323846264338327950288L / (2.0L * cases[i].steps);
      long double sines = 0;
      gboolean rises = cases[i].from <= cases[i].to;
      long double expected;
      AnnealStats stats;

      g_assert_nonnull (schedule);
      /* from + (to − from)·sin²(π·t/(2·steps)) rising, to + (from − to)·sin²(π·(steps −
       * t)/(2·steps)) falling: no cancellation either way */
      for (gint64 t = cases[i].a; t <= cases[i].b; t++)
        {
          long double s = sinl ((long double) (rises ? t : cases[i].steps - t) * theta);

          sines += s * s;
        }
      expected = (long double) (cases[i].b - cases[i].a + 1) * MIN (cases[i].from, cases[i].to)
                 + fabsl ((long double) cases[i].to - cases[i].from) * sines;
      g_assert_true (anneal_schedule_stats_full (schedule, cases[i].a, cases[i].b, &stats, NULL,
                                                 NULL));
      if (!(fabsl (stats.sum - expected) <= 1e-13L * expected))
        g_error ("%s over [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]: sum %.17g, expected "
                 "%.17Lg (relative %.3Lg)", cases[i].spec, cases[i].a, cases[i].b, stats.sum,
                 expected, fabsl (stats.sum - expected) / expected);
      g_assert_true (anneal_schedule_stats_full (schedule, 0, G_GINT64_CONSTANT (999999999999999),
                                                 &stats, NULL, NULL));
      g_assert_true (isfinite (stats.sum) && stats.mean >= stats.min && stats.mean <= stats.max);
    }

  /* a short ramp is its values added up, clamp included (one epoch summed to an ulp
   * below the value, helper-56) */
  {
    g_autoptr(AnnealSchedule) ramp = anneal_schedule_parse ("ramp(from=1e-08, to=100000, "
                                                            "steps=10000000000, shape=cos)",
                                                            NULL, NULL);
    AnnealStats stats;

    g_assert_nonnull (ramp);
    anneal_schedule_stats (ramp, 0, 0, &stats);
    g_assert_cmpfloat (stats.sum, ==, anneal_schedule_value (ramp, 0));
  }
}

/* PyTorch's cosine past t_max next to a trough, over more than 2^20 epochs (its
 * closed form): against the formula's sum in exact arithmetic (mpmath, helper-56),
 * within 1e-9 — the model's π̃ drift and roundings are ~1e-10 there. The closed form
 * of the cosines cancelled: 4.7e-5 and 2.7e-6 off (the values added up: 1.5e-8). */
static void
test_torch_trough_sums (void)
{
  static const struct
  {
    const char *spec;
    gint64      a, b;
    double      exact;
  } cases[] = {
    { "cosine(lr=1, t_max=1000000000000)", G_GINT64_CONSTANT (1000000000001),
      G_GINT64_CONSTANT (1000001100000), 1.0947051142649591e-06 },
    { "cosine(lr=1.279257011203102e-06, t_max=392650433873)", G_GINT64_CONSTANT (392650433873),
      G_GINT64_CONSTANT (392652433873), 5.4595199155495072e-11 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (cases[i].spec, NULL, NULL);
      AnnealStats stats;

      g_assert_nonnull (schedule);
      anneal_schedule_stats (schedule, cases[i].a, cases[i].b, &stats);
      if (!(fabs (stats.sum - cases[i].exact) <= 1e-9 * cases[i].exact))
        g_error ("%s over [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]: sum %.17g, exact "
                 "%.17g (relative %.3g)", cases[i].spec, cases[i].a, cases[i].b, stats.sum,
                 cases[i].exact, fabs (stats.sum - cases[i].exact) / cases[i].exact);
    }
}

static gpointer
cancel_later (gpointer data)
{
  g_usleep (50 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (data);
  return NULL;
}

/* Sums that take long whichever way they are summed are still given up when
 * cancelled, from another thread while they run and at once when cancelled before:
 * 1.8·10^7 growing cycles (t_mul = 1.000001 over 10^15 epochs), summed by groups of
 * cycles, of the cosine and of a power near 0 with its peaks below eta_min. */
static void
test_long_sums_cancelled (void)
{
  static const char * const specs[] = {
    "restarts(k=2, t_mul=1.000001)",
    "restarts(shape=poly, power=0.001, t_mul=1.000001, eta_min=0.01, decay=0.99)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (specs[i], NULL, NULL);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) again = NULL;
      GThread *thread;
      AnnealStats stats;

      g_assert_nonnull (schedule);
      thread = g_thread_new ("cancel", cancel_later, cancellable);
      g_assert_false (anneal_schedule_stats_full (schedule, 0,
                                                  G_GINT64_CONSTANT (999999999999999), &stats,
                                                  cancellable, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_thread_join (thread);
      g_assert_false (anneal_schedule_stats_full (schedule, 0,
                                                  G_GINT64_CONSTANT (999999999999999), &stats,
                                                  cancellable, &again));
      g_assert_error (again, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    }
}

/* Past 2^20 monotone pieces without cycles, or 2^20 cycles that are monotone from one
 * to the next only up to a drift, the range looks at the first and last ones only
 * (the README says so): what it gives are values the schedule takes, inside the
 * brute-force range, and off by no more than the README's figures for these. */
static void
test_range_many_pieces (void)
{
  static const struct
  {
    const char *spec;
    gint64      last;
    double      min_off, max_off;  /* relative to the brute-force maximum */
  } cases[] = {
    /* troughs every 4.05 epochs: the ones skipped come nearer the epoch grid */
    { "cosine-cycles(steps=1000, cycles=123.456789)", 9999999, 5e-5, 0 },
    /* PyTorch's crests past t_max grow with its drift and jump with its roundings */
    { "cosine(t_max=7)", 19999999, 0, 1e-8 },
  };
  const gint64 chunk = 1 << 20;
  g_autofree double *values = g_new (double, chunk);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (cases[i].spec, NULL, NULL);
      double lo = INFINITY, hi = -INFINITY, min, max;

      for (gint64 t = 0; t <= cases[i].last; t += chunk)
        {
          gint64 n = MIN (chunk, cases[i].last - t + 1);

          anneal_schedule_fill (schedule, t, (gsize) n, values);
          values_range (values, t, t, t + n - 1, &lo, &hi);
        }
      anneal_schedule_range (schedule, 0, cases[i].last, &min, &max);
      if (!(min >= lo && max <= hi && min - lo <= cases[i].min_off * hi &&
            hi - max <= cases[i].max_off * hi))
        g_error ("%s over [0, %" G_GINT64_FORMAT "]: range [%.17g, %.17g], brute force "
                 "[%.17g, %.17g]", cases[i].spec, cases[i].last, min, max, lo, hi);
    }
}

/* PyTorch's cosine past t_max drifts up unevenly: over 10^15 epochs the range of the
 * whole run looked at its ends only (0.117 for cosine()), while a chart's columns,
 * each at its own ends, showed crests up to 0.145. The range looks at cycles spread
 * over the run too: at least what 256 column-like stretches find. */
static void
test_range_drift_spread (void)
{
  static const char * const specs[] = {
    "cosine()", "cosine(t_max=3, eta_min=0.001)", "cosine(t_max=100000, eta_min=0.001)",
  };
  const gint64 n = G_GINT64_CONSTANT (1000000000000000), parts = 256;

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (specs[i], NULL, NULL);
      double min, max, columns = -INFINITY;

      g_assert_nonnull (schedule);
      anneal_schedule_range (schedule, 0, n - 1, &min, &max);
      for (gint64 k = 0; k < parts; k++)
        {
          double lo, hi;

          anneal_schedule_range_limited (schedule, k * (n / parts), (k + 1) * (n / parts) - 1, 16,
                                         &lo, &hi);
          columns = MAX (columns, hi);
          g_assert_cmpfloat (lo, >=, min);
        }
      if (!(max >= columns))
        g_error ("%s over 10^15 epochs: range up to %.17g, its stretches up to %.17g", specs[i],
                 max, columns);
    }
}

/* A bounded scan (anneal_schedule_range_limited, a chart's pixel columns): inside the
 * values' own range, exact where the stretch has no more pieces than it looks at,
 * and anneal_schedule_range() itself from 2^19 on (the stages of a sequence share
 * the scan: here the two stages' ranges are reached within their share). */
static void
test_range_limited (void)
{
  static const char * const specs[] = {
    "cosine-cycles(steps=1000, cycles=123.456789)", "cosine-cycles()", "cosine(t_max=7)",
    "cyclic(step_size_up=3, mode=exp_range, gamma=0.9999)",
    "linear(total_iters=5, for=5) -> cosine-cycles(steps=33, cycles=7.77)",
    "restarts(t_0=3, t_mul=1.01, shape=tanh)",
  };
  static const guint scans[] = { 1, 2, 16, 256 };
  const gint64 n = 4000000;
  g_autofree double *values = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x5ca4);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (specs[i], NULL, NULL);

      g_assert_nonnull (schedule);
      anneal_schedule_fill (schedule, 0, n, values);
      for (int k = 0; k < 24; k++)
        {
          gint64 a = k == 0 ? 0 : g_rand_int_range (rand, 0, (gint32) n);
          gint64 length = g_rand_int_range (rand, 0, 1 << (k % 22));  /* once: MIN () is a macro */
          gint64 b = k == 0 ? n - 1 : MIN (n - 1, a + length);
          double lo = INFINITY, hi = -INFINITY, min, max, full_min, full_max;
          gint64 pieces = 0;

          values_range (values, 0, a, b, &lo, &hi);
          for (gint64 t = a; t <= b; t = anneal_schedule_piece_end (schedule, t) + 1)
            pieces++;

          for (guint j = 0; j < G_N_ELEMENTS (scans); j++)
            {
              anneal_schedule_range_limited (schedule, a, b, scans[j], &min, &max);
              if (!(min >= lo && max <= hi) ||
                  (pieces <= (gint64) scans[j] + 1 && (min != lo || max != hi)))
                g_error ("%s over [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "] (%" G_GINT64_FORMAT
                         " pieces), scan %u: range [%.17g, %.17g], values [%.17g, %.17g]",
                         specs[i], a, b, pieces, scans[j], min, max, lo, hi);
            }
          anneal_schedule_range (schedule, a, b, &full_min, &full_max);
          anneal_schedule_range_limited (schedule, a, b, 1 << 19, &min, &max);
          g_assert_cmpfloat (min, ==, full_min);
          g_assert_cmpfloat (max, ==, full_max);
          anneal_schedule_range_limited (schedule, a, b, G_MAXUINT, &min, &max);
          g_assert_cmpfloat (min, ==, full_min);
          g_assert_cmpfloat (max, ==, full_max);
        }

      /* 1280 columns of 10^15 epochs, as a chart draws them (three minutes for
       * cosine-cycles() with the unlimited scan), inside the values' bounds */
      for (gint64 c = 0, columns = 1280; c < columns; c++)
        {
          gint64 e = ANNEAL_EPOCH_MAX / columns;
          double min, max;

          anneal_schedule_range_limited (schedule, c * e, (c + 1) * e - 1, 256, &min, &max);
          g_assert_true (min >= 0 && min <= max && isfinite (max));
        }
    }
}

/* 64 stages of a drifting wave over 10^15 epochs: the chart's y range shares its
 * scan among them (each looked at 2^20 pieces: 7.7 s), and still finds the wave's
 * peak and trough within a thousandth of the peak, inside the values. */
static void
test_range_limited_stages (void)
{
  g_autoptr(GString) spec = g_string_new (NULL);
  g_autoptr(AnnealSchedule) schedule = NULL;
  double min, max;

  for (int i = 0; i < 64; i++)
    g_string_append_printf (spec, "%scosine-cycles(cycles=123.456789, steps=1000%s)",
                            i > 0 ? " -> " : "", i < 63 ? ", for=15625000000000" : "");
  schedule = anneal_schedule_parse (spec->str, NULL, NULL);
  g_assert_nonnull (schedule);
  anneal_schedule_range_limited (schedule, 0, ANNEAL_EPOCH_MAX - 1, G_MAXUINT, &min, &max);
  g_assert_cmpfloat (min, >=, 0);
  g_assert_cmpfloat (min, <, 1e-4);  /* a thousandth of the peak: under a pixel */
  g_assert_cmpfloat (max, <=, 0.1);
  g_assert_cmpfloat (max, >, 0.1 * (1 - 1e-3));
}

/* A cost that does not grow with the span: 10^12 and 10^15 epochs of random schedules
 * of every kind return (a value-by-value sum would not finish), with a mean between
 * the minimum and the maximum. */
static void
test_stats_huge (gconstpointer data)
{
  const AnnealKind *kind = data;
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_str_hash (anneal_kind_get_name (kind)) ^ 0x1015);
  static const gint64 spans[] = {
    G_GINT64_CONSTANT (1000000000000), G_GINT64_CONSTANT (1000000000000000),
  };

  for (int i = 0; i < 8; i++)
    {
      g_autofree char *spec = NULL;
      g_autoptr(AnnealSchedule) schedule = NULL;

      long_integers = i % 2 == 1;
      schedule = random_schedule (rand, kind, &spec);
      long_integers = FALSE;
      for (guint k = 0; k < G_N_ELEMENTS (spans); k++)
        {
          AnnealStats stats;

          g_assert_true (anneal_schedule_stats_full (schedule, 0, spans[k], &stats, NULL, NULL));
          if (!isfinite (stats.sum) || stats.mean < stats.min * (1 - 1e-12) ||
              stats.mean > stats.max * (1 + 1e-12))
            g_error ("%s over 0 … %" G_GINT64_FORMAT ": sum %.17g, mean %.17g outside "
                     "[%.17g, %.17g]", spec, spans[k], stats.sum, stats.mean, stats.min, stats.max);
        }
    }
}

/* A cancelled computation gives up with G_IO_ERROR_CANCELLED. */
static void
test_stats_cancelled (void)
{
  g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse ("sgdr()", NULL, NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  AnnealStats stats;

  g_assert_true (anneal_schedule_stats_full (schedule, 0, 999, &stats, cancellable, &error));
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  g_assert_false (anneal_schedule_stats_full (schedule, 0, G_GINT64_CONSTANT (1000000000000000),
                                              &stats, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* PyTorch's cosine past t_max carries its recursion from one value() to the next
 * (per thread, keyed by the parameters, not by the schedule): in any order, and
 * interleaved with another schedule's whose memory may be the same, the values are
 * fill()'s, bit for bit. */
static void
test_cosine_carry (void)
{
  const gint64 n = 6000;
  g_autoptr(GRand) rand = g_rand_new_with_seed (0xc05);
  g_autofree double *fa = g_new (double, n);
  g_autofree double *fb = g_new (double, n);
  g_autoptr(AnnealSchedule) a = anneal_schedule_parse ("cosine(t_max=1000, eta_min=0.001)",
                                                       NULL, NULL);
  g_autoptr(AnnealSchedule) b = anneal_schedule_parse ("cosine(t_max=1000, eta_min=0.002)",
                                                       NULL, NULL);

  anneal_schedule_fill (a, 0, n, fa);
  anneal_schedule_fill (b, 0, n, fb);
  for (gint64 t = 0; t < n; t++)
    g_assert_cmpfloat (anneal_schedule_value (a, t), ==, fa[t]);
  for (gint64 t = n - 1; t >= 0; t--)
    g_assert_cmpfloat (anneal_schedule_value (a, t), ==, fa[t]);
  for (int i = 0; i < 20000; i++)
    {
      gint64 t = g_rand_int_range (rand, 0, (gint32) n);

      if (i % 2 == 0)
        g_assert_cmpfloat (anneal_schedule_value (a, t), ==, fa[t]);
      else
        g_assert_cmpfloat (anneal_schedule_value (b, t), ==, fb[t]);
    }
  /* the same parameters in a new schedule, the old one freed */
  g_clear_pointer (&a, anneal_schedule_unref);
  a = anneal_schedule_parse ("cosine(t_max=1000, eta_min=0.002)", NULL, NULL);
  for (gint64 t = 1001; t < n; t += 7)
    g_assert_cmpfloat (anneal_schedule_value (a, t), ==, fb[t]);
}

/* PyTorch's cosine with a long recursion after each restart (value() costs thousands
 * of steps): over long spans the range takes the crests from the recursion
 * telescoped, within 1e-9 of the peak of the values themselves (either side); over
 * short spans it stays exact. */
static void
test_cosine_model_range (void)
{
  static const char * const specs[] = {
    "cosine(t_max=10000, eta_min=0.01)", "cosine(lr=0.2, t_max=3001, eta_min=0.05)",
    "linear(total_iters=5, for=7) -> cosine(t_max=20000, eta_min=0.001)",
  };
  const gint64 n = 1000000;
  g_autofree double *values = g_new (double, n);
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x30de1);

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (specs[i], NULL, NULL);

      g_assert_nonnull (schedule);
      anneal_schedule_fill (schedule, 0, n, values);
      for (int k = 0; k < 40; k++)
        {
          gint64 a = k == 0 ? 0 : g_rand_int_range (rand, 0, (gint32) n);
          gint64 b = k == 0 ? n - 1 : g_rand_int_range (rand, 0, (gint32) n);
          double lo = INFINITY, hi = -INFINITY, min, max;

          if (a > b)
            {
              gint64 swap = a;
              a = b;
              b = swap;
            }
          if (k % 4 == 1)
            {
              gint64 length = g_rand_int_range (rand, 0, 60000);  /* once: MIN () is a macro */

              b = MIN (a + length, n - 1);
            }
          values_range (values, 0, a, b, &lo, &hi);
          anneal_schedule_range (schedule, a, b, &min, &max);
          if (b - a <= 60000 ? (min != lo || max != hi)
                             : (fabs (min - lo) > 1e-9 * hi || fabs (max - hi) > 1e-9 * hi))
            g_error ("%s over [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]: range [%.17g, %.17g], "
                     "brute force [%.17g, %.17g]", specs[i], a, b, min, max, lo, hi);
        }
    }
}

/* anneal_schedule_value_fast(): value() bit for bit for every kind but PyTorch's
 * cosine with a long recursion; there the recursion telescoped, within 1e-9 of the
 * peak where the recursion is short enough to check, and that closed form where
 * one exact value would replay 10^9 steps. A limited range takes its ends from it. */
static void
test_value_fast (void)
{
  static const char * const long_chains[] = {
    "cosine(t_max=10000, eta_min=0.01)", "cosine(lr=0.2, t_max=3001, eta_min=0.05)",
    "linear(total_iters=5, for=7) -> cosine(t_max=20000, eta_min=0.001)",
  };
  g_autoptr(AnnealSchedule) huge = NULL;
  double lr = 3, eta_min = 0.3, t_max = 1e9, start, min, max;

  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_new_default (anneal_kind_get_nth (i));

      for (gint64 t = 0; t < 3000; t += 7)
        g_assert_cmpfloat (anneal_schedule_value_fast (schedule, t), ==,
                           anneal_schedule_value (schedule, t));
      g_assert_cmpfloat (anneal_schedule_value_fast (schedule, G_GINT64_CONSTANT (1) << 50), ==,
                         anneal_schedule_value (schedule, G_GINT64_CONSTANT (1) << 50));
    }

  for (guint i = 0; i < G_N_ELEMENTS (long_chains); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (long_chains[i], NULL, NULL);
      double peak = anneal_schedule_get_peak_rate (schedule);
      gboolean differs = FALSE;

      g_assert_nonnull (schedule);
      for (gint64 t = 0; t < 200000; t += 13)
        {
          double exact = anneal_schedule_value (schedule, t);
          double fast = anneal_schedule_value_fast (schedule, t);

          g_assert_cmpfloat_with_epsilon (fast, exact, 1e-9 * peak);
          differs |= fast != exact;
        }
      /* the model, not value() again */
      g_assert_true (differs);
    }

  /* One exact value past t_max replays up to 10^9 steps; the fast one is the
   * closed form from the restart at t_max + 1, where 1 + cos rounds to 0: the
   * formula's own wave */
  huge = anneal_schedule_parse ("cosine(lr=3, t_max=1000000000, eta_min=0.3)", NULL, NULL);
  g_assert_nonnull (huge);
  g_assert_cmpfloat (1 + cos (G_PI * 1000000001.0 / t_max), ==, 0);
  for (gint64 t = 1000000001; t < 3000000000; t += 99999989)
    g_assert_cmpfloat (anneal_schedule_value_fast (huge, t), ==,
                       eta_min + (lr - eta_min) * (1 + cos (G_PI * (double) t / t_max)) / 2);
  /* a restart where it does not: cosine(t_max=10^5, eta_min=0.001), chain 2·10^4 */
  {
    g_autoptr(AnnealSchedule) s = anneal_schedule_parse ("cosine(t_max=100000, eta_min=0.001)",
                                                         NULL, NULL);
    double a = 300001, w_a = 1 + cos (G_PI * a / 1e5);

    start = 0.001 + (0.1 - 0.001) * (1 - cos (G_PI / 1e5)) / 2;
    g_assert_cmpfloat (w_a, !=, 0);
    for (gint64 t = 300001; t < 500001; t += 9973)
      g_assert_cmpfloat (anneal_schedule_value_fast (s, t), ==,
                         0.001 + (start - 0.001) * ((1 + cos (G_PI * (double) t / 1e5)) / w_a));
  }
  /* and a range whose work is bounded takes it too, even over one epoch */
  anneal_schedule_range_limited (huge, 2999999999, 2999999999, 256, &min, &max);
  g_assert_cmpfloat (min, ==, anneal_schedule_value_fast (huge, 2999999999));
  g_assert_cmpfloat (max, ==, min);
}

/* The defaults, over two million epochs: thousands of cycles in one range call, exact
 * but for drifting cycles past RANGE_SCAN_CYCLES. */
static void
test_defaults_long_range (void)
{
  const gint64 n = 2000000;
  g_autofree double *values = g_new (double, n);

  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_new_default (kind);
      AnnealStats stats;
      double sum = 0;

      /* One call: several threads and the periodic copy, still value() bit for bit. */
      anneal_schedule_fill (schedule, 0, n, values);
      for (gint64 t = 0; t < n; t++)
        {
          check_finite (anneal_kind_get_name (kind), t, values[t]);
          if (t % 997 == 0 || t > n - 3000)
            g_assert_cmpfloat (values[t], ==, anneal_schedule_value (schedule, t));
          sum += values[t];
        }
      /* (PyTorch's cosine past t_max: more drifting cycles than a range scans one by
       * one, off by no more than the README says) */
      check_range_within (schedule, anneal_kind_get_name (kind), values, 0, 0, n - 1, 1e-8);
      check_range_within (schedule, anneal_kind_get_name (kind), values, 0, 12345, n - 7, 1e-8);
      check_range_within (schedule, anneal_kind_get_name (kind), values, 0, 999, 1000999, 1e-8);

      anneal_schedule_stats (schedule, 0, n - 1, &stats);
      g_assert_cmpfloat (stats.first, ==, values[0]);
      g_assert_cmpfloat (stats.last, ==, values[n - 1]);
      g_assert_cmpfloat_with_epsilon (stats.sum, sum, 1e-9 * MAX (1, sum));
      g_assert_cmpfloat_with_epsilon (stats.mean, sum / n, 1e-9 * MAX (1e-3, stats.mean));
    }
}

/* Extreme but valid parameters stay finite and non-negative. */
static void
test_extremes (void)
{
  static const char * const specs[] = {
    "constant(lr=1e-12)", "constant(lr=1e3)",
    "exp-cycles(a=50)", "exp-cycles(a=700, lr_end=0)", "damped-exp-cycles(a=700)",
    "exp-cycles(epochs=1000000000, cycles=1)", "exp-cycles(epochs=1000000000000000, cycles=1)",
    "cosine-wave(period=1)", "cosine-wave(period=1000000000)", "damped-cosine-wave(period=2)",
    "damped-cosine-wave(period=1000000000, keep=0, end_ratio=0)",
    "hold-decay(rate=1000, hold=0)", "step(gamma=1e-300, step_size=1)",
    "exponential(gamma=1e-300)", "poly(power=1000)", "cosine(t_max=1)",
    "cosine(t_max=1000000000000000)", "sgdr(t_0=1, t_mult=1000000)", "sgdr(t_mult=2)",
    "sgdr(decay=0)", "onecycle(div_factor=1e12, final_div_factor=1e12)",
    "onecycle(total_steps=1000000000000000, pct_start=1e-14)",
    "cyclic(mode=triangular2, step_size_up=1)", "cyclic(mode=exp_range, gamma=1e-300)",
    "cyclic(step_size_up=1, step_size_down=0)", "linear(start_factor=1e-300)",
    /* found by fuzz-spec: exp(a) − 1 = 0 for a subnormal a; a subnormal halving */
    "damped-exp-cycles(epochs=5110, a=41e-320)", "exp-cycles(a=5e-324)",
    "onecycle(max_lr=1.11e-320, total_steps=75, div_factor=1e4)",
  };
  static const gint64 epochs[] = {
    0, 1, 2, 3, 9, 10, 11, 99, 1000, 123456789, G_GINT64_CONSTANT (1000000000),
    G_GINT64_CONSTANT (999999999999999), G_GINT64_CONSTANT (1000000000000000),
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnealSchedule) s = anneal_schedule_parse (specs[i], NULL, &error);
      double lo, hi;

      g_assert_no_error (error);
      for (guint k = 0; k < G_N_ELEMENTS (epochs); k++)
        check_finite (specs[i], epochs[k], anneal_schedule_value (s, epochs[k]));
      anneal_schedule_range (s, 0, G_GINT64_CONSTANT (1000000000000000), &lo, &hi);
      g_assert_true (isfinite (lo) && isfinite (hi) && lo >= 0 && lo <= hi);
    }
}

/* Exponents up to their maximum, 1000: timm's k-decay t_cur^k/t_i^k past the doubles
 * (k ≥ 330 for t_0 = 10; inf/inf was NaN), poly's Σ j^power·T^−power in its sum of
 * whole cycles (inf·0). For every shape of restarts, with short, long and growing
 * cycles: values finite, ≥ 0 and fill()'s, the range the values', the sum over a
 * window the values added up; and the sums over 10^12 epochs finite, where they
 * have a closed form (equal cycles; they fell back to adding up, which does not end). */
static void
test_large_exponents (void)
{
  static const char * const shapes[] = { "cos", "poly", "tanh" };
  static const char * const damps[] = { "peak", "range" };
  static const char * const cycles[][2] = {
    { "10", "1" }, { "1000", "1" }, { "1000000000000000", "1" }, { "7", "2.5" }, { "3", "1000" },
  };
  static const double ks[] = { 330, 500, 1000 };
  static const char * const polys[] = {
    "poly(power=1000, cycle=true)", "poly(power=400, total_iters=10, cycle=true)",
    "poly(power=1000, total_iters=1000, cycle=true, end=0.001)",
    "poly(power=60, total_iters=1000000, cycle=true)", "poly(power=1000, total_iters=3)",
  };
  static const gint64 far[] = {
    G_GINT64_CONSTANT (1000000), G_GINT64_CONSTANT (123456789),
    G_GINT64_CONSTANT (999999999999999), G_GINT64_CONSTANT (1000000000000000),
  };
  const gint64 window = 6000;
  g_autofree double *values = g_new (double, window);
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (ks); i++)
    for (guint j = 0; j < G_N_ELEMENTS (shapes); j++)
      for (guint d = 0; d < G_N_ELEMENTS (damps); d++)
        for (guint c = 0; c < G_N_ELEMENTS (cycles); c++)
          g_ptr_array_add (specs, g_strdup_printf ("restarts(k=%g, shape=%s, damp=%s, t_0=%s, "
                                                   "t_mul=%s, power=%g)", ks[i], shapes[j],
                                                   damps[d], cycles[c][0], cycles[c][1],
                                                   c % 2 == 0 ? 1 : ks[i]));
  for (guint i = 0; i < G_N_ELEMENTS (polys); i++)
    g_ptr_array_add (specs, g_strdup (polys[i]));

  for (guint i = 0; i < specs->len; i++)
    {
      const char *spec = g_ptr_array_index (specs, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (spec, NULL, &error);
      double sum = 0, scale = 0;
      AnnealStats stats;

      g_assert_no_error (error);
      anneal_schedule_fill (schedule, 0, window, values);
      for (gint64 t = 0; t < window; t++)
        {
          check_finite (spec, t, values[t]);
          g_assert_cmpfloat (values[t], ==, anneal_schedule_value (schedule, t));
          sum += values[t];
          scale += fabs (values[t]);
        }
      for (guint k = 0; k < G_N_ELEMENTS (far); k++)
        check_finite (spec, far[k], anneal_schedule_value (schedule, far[k]));
      check_range (schedule, spec, values, 0, 0, window - 1);
      check_range (schedule, spec, values, 0, 995, 1010);

      anneal_schedule_stats (schedule, 0, window - 1, &stats);
      if (!(fabs (stats.sum - sum) <= 1e-12 * scale + 1e-300))
        g_error ("%s over [0, %" G_GINT64_FORMAT "]: stats sum %.17g, added up %.17g", spec,
                 window - 1, stats.sum, sum);
      if (strstr (spec, "t_mul=1)") != NULL || strstr (spec, "t_mul=1,") != NULL ||
          g_str_has_prefix (spec, "poly"))
        {
          g_assert_true (anneal_schedule_stats_full (schedule, 0,
                                                     G_GINT64_CONSTANT (1000000000000),
                                                     &stats, NULL, NULL));
          if (!isfinite (stats.sum) || stats.mean < stats.min * (1 - 1e-12) ||
              stats.mean > stats.max * (1 + 1e-12))
            g_error ("%s over 0 … 10^12: sum %.17g, mean %.17g outside [%.17g, %.17g]", spec,
                     stats.sum, stats.mean, stats.min, stats.max);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);
      g_autofree char *path = g_strdup_printf ("/anneal/properties/%s",
                                               anneal_kind_get_name (kind));

      g_test_add_data_func (path, kind, test_kind_properties);
    }
  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);
      g_autofree char *path = g_strdup_printf ("/anneal/properties/stats-sum/%s", anneal_kind_get_name (kind));

      g_test_add_data_func (path, kind, test_stats_sum);
    }
  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);
      g_autofree char *path = g_strdup_printf ("/anneal/properties/stats-sum-long/%s",
                                               anneal_kind_get_name (kind));
      g_autofree char *huge = g_strdup_printf ("/anneal/properties/stats-huge/%s",
                                               anneal_kind_get_name (kind));

      g_test_add_data_func (path, kind, test_stats_sum_long);
      g_test_add_data_func (huge, kind, test_stats_huge);
    }
  g_test_add_func ("/anneal/properties/stats-sum-rounded", test_stats_sum_rounded);
  g_test_add_func ("/anneal/properties/stats-sum-cases", test_stats_sum_cases);
  for (guint i = 0; i < G_N_ELEMENTS (long_sum_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/properties/long-sums/%s",
                                               long_sum_cases[i].name);

      g_test_add_data_func (path, &long_sum_cases[i], test_long_sums);
    }
  g_test_add_func ("/anneal/properties/long-sums-cancelled", test_long_sums_cancelled);
  g_test_add_func ("/anneal/properties/half-cosine-sums", test_half_cosine_sums);
  g_test_add_func ("/anneal/properties/torch-trough-sums", test_torch_trough_sums);
  g_test_add_func ("/anneal/properties/range-many-pieces", test_range_many_pieces);
  g_test_add_func ("/anneal/properties/range-limited", test_range_limited);
  g_test_add_func ("/anneal/properties/range-drift-spread", test_range_drift_spread);
  g_test_add_func ("/anneal/properties/range-limited-stages", test_range_limited_stages);
  g_test_add_func ("/anneal/properties/cosine-carry", test_cosine_carry);
  g_test_add_func ("/anneal/properties/value-fast", test_value_fast);
  g_test_add_func ("/anneal/properties/cosine-model-range", test_cosine_model_range);
  g_test_add_func ("/anneal/properties/stats-cancelled", test_stats_cancelled);
  g_test_add_func ("/anneal/properties/defaults-long-range", test_defaults_long_range);
  g_test_add_func ("/anneal/properties/extremes", test_extremes);
  g_test_add_func ("/anneal/properties/large-exponents", test_large_exponents);

  return g_test_run ();
}
