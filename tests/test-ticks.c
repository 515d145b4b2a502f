/* test-ticks.c — nice-number ticks, log decades and compact labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "anneal-chart-private.h"

static void
assert_ticks (const AnnealTicks *t,
              const double      *expected,
              guint              n)
{
  g_assert_cmpuint (t->n, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpfloat_with_epsilon (t->major[i], expected[i], fabs (expected[i]) * 1e-12 + 1e-15);
}

static char *
label (const AnnealTicks *t,
       double             v)
{
  char buf[64];

  anneal_ticks_format (t, v, buf, sizeof buf);
  return g_strdup (buf);
}

static void
test_nice_number (void)
{
  g_assert_cmpfloat (anneal_ticks_nice_number (1.0, FALSE), ==, 1.0);
  g_assert_cmpfloat (anneal_ticks_nice_number (1.1, FALSE), ==, 2.0);
  g_assert_cmpfloat (anneal_ticks_nice_number (2.3, FALSE), ==, 2.5);
  g_assert_cmpfloat (anneal_ticks_nice_number (2.6, FALSE), ==, 5.0);
  g_assert_cmpfloat (anneal_ticks_nice_number (7, FALSE), ==, 10.0);
  g_assert_cmpfloat_with_epsilon (anneal_ticks_nice_number (0.07, TRUE), 0.05, 1e-15);
  g_assert_cmpfloat_with_epsilon (anneal_ticks_nice_number (0.024, TRUE), 0.025, 1e-15);
  g_assert_cmpfloat_with_epsilon (anneal_ticks_nice_number (1.9e-5, TRUE), 2e-5, 1e-18);
  g_assert_cmpfloat (anneal_ticks_nice_number (8e8, TRUE), ==, 1e9);
}

static void
test_linear_rates (void)
{
  AnnealTicks t;
  static const double tenth[] = { 0, 0.02, 0.04, 0.06, 0.08, 0.1 };
  static const double unit[] = { 0, 0.2, 0.4, 0.6, 0.8, 1.0 };

  anneal_ticks_linear (0, 0.1, 6, FALSE, &t);
  assert_ticks (&t, tenth, G_N_ELEMENTS (tenth));
  g_assert_cmpfloat_with_epsilon (t.step, 0.02, 1e-15);

  /* A padded range keeps the ticks inside it */
  anneal_ticks_linear (-0.0045, 0.1045, 6, FALSE, &t);
  assert_ticks (&t, tenth, G_N_ELEMENTS (tenth));

  anneal_ticks_linear (0, 1, 6, FALSE, &t);
  assert_ticks (&t, unit, G_N_ELEMENTS (unit));

  /* Exactly zero, not 1e-17 */
  anneal_ticks_linear (-0.3, 0.3, 7, FALSE, &t);
  for (guint i = 0; i < t.n; i++)
    if (fabs (t.major[i]) < 0.05)
      g_assert_true (t.major[i] == 0.0);
}

static void
test_linear_epochs (void)
{
  AnnealTicks t;
  static const double fifty[] = { 0, 10, 20, 30, 40 };
  static const double billion[] = { 0, 2e8, 4e8, 6e8, 8e8 };
  static const double three[] = { 0, 1, 2, 3 };

  anneal_ticks_linear (0, 49, 6, TRUE, &t);
  assert_ticks (&t, fifty, G_N_ELEMENTS (fifty));

  anneal_ticks_linear (0, 999999999, 6, TRUE, &t);
  assert_ticks (&t, billion, G_N_ELEMENTS (billion));

  /* Never a fractional epoch */
  anneal_ticks_linear (0, 3, 10, TRUE, &t);
  assert_ticks (&t, three, G_N_ELEMENTS (three));
  anneal_ticks_linear (0, 12, 6, TRUE, &t);
  g_assert_cmpfloat (t.step, ==, 2);
}

static gboolean
is_nice (double step)
{
  double m = step / pow (10.0, floor (log10 (step)));

  return fabs (m - 1) < 1e-9 || fabs (m - 2) < 1e-9 || fabs (m - 2.5) < 1e-9 ||
         fabs (m - 5) < 1e-9 || fabs (m - 10) < 1e-9;
}

static void
test_linear_odd_ranges (void)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (int i = 0; i < 2000; i++)
    {
      double scale = pow (10.0, g_rand_double_range (rand, -8, 8));
      double lo = g_rand_double_range (rand, -1, 1) * scale;
      double hi = lo + g_rand_double_range (rand, 0.01, 3) * scale;
      guint target = g_rand_int_range (rand, 2, 12);
      AnnealTicks t;

      anneal_ticks_linear (lo, hi, target, FALSE, &t);
      g_assert_true (is_nice (t.step));
      g_assert_cmpuint (t.n, >=, 1);
      g_assert_cmpuint (t.n, <=, target * 1.5 + 2);
      for (guint k = 0; k < t.n; k++)
        {
          g_assert_cmpfloat (t.major[k], >=, lo - t.step * 1e-6);
          g_assert_cmpfloat (t.major[k], <=, hi + t.step * 1e-6);
          if (k > 0)
            g_assert_cmpfloat_with_epsilon (t.major[k] - t.major[k - 1], t.step, t.step * 1e-6);
        }
      /* No room for another tick on either side */
      g_assert_cmpfloat (t.major[0] - t.step, <, lo + t.step * 1e-6);
      g_assert_cmpfloat (t.major[t.n - 1] + t.step, >, hi - t.step * 1e-6);
    }

  g_rand_free (rand);
}

static void
test_log_decades (void)
{
  AnnealTicks t;
  static const double decades[] = { 1e-5, 1e-4, 1e-3, 1e-2, 1e-1 };
  gboolean seen_2e5 = FALSE, seen_9e2 = FALSE;

  anneal_ticks_log (0.8e-5, 0.12, 6, &t);
  g_assert_true (t.log);
  g_assert_true (t.decades);
  assert_ticks (&t, decades, G_N_ELEMENTS (decades));
  /* Minor ticks at 2…9 × 10^k, none at the decades */
  g_assert_cmpuint (t.n_minor, ==, 8 * 4 + 2);  /* 2e-5 … 9e-2, and 8e-6, 9e-6 below */
  for (guint i = 0; i < t.n_minor; i++)
    {
      double m = t.minor[i] / pow (10.0, floor (log10 (t.minor[i]) + 1e-9));

      g_assert_cmpfloat (fabs (m - nearbyint (m)), <, 1e-9);
      g_assert_cmpfloat (nearbyint (m), >=, 2);
      seen_2e5 |= fabs (t.minor[i] - 2e-5) < 1e-18;
      seen_9e2 |= fabs (t.minor[i] - 9e-2) < 1e-15;
    }
  g_assert_true (seen_2e5);
  g_assert_true (seen_9e2);
}

static void
test_log_many_decades (void)
{
  AnnealTicks t;

  /* Thirteen decades with room for five labels: every third decade, 10^0 kept */
  anneal_ticks_log (1e-12, 1, 5, &t);
  g_assert_cmpfloat (t.step, ==, 3);
  g_assert_cmpuint (t.n, ==, 5);
  g_assert_cmpfloat_with_epsilon (t.major[0], 1e-12, 1e-24);
  g_assert_cmpfloat_with_epsilon (t.major[4], 1.0, 1e-12);
  for (guint i = 0; i < t.n; i++)
    {
      double k = log10 (t.major[i]);

      g_assert_cmpfloat (fabs (k - nearbyint (k)), <, 1e-9);
      g_assert_cmpint ((int) nearbyint (k) % 3, ==, 0);
    }
}

static void
test_log_narrow (void)
{
  AnnealTicks t;

  /* Inside one decade: linear nice numbers placed on the log axis */
  anneal_ticks_log (0.021, 0.094, 6, &t);
  g_assert_true (t.log);
  g_assert_false (t.decades);
  g_assert_cmpuint (t.n, >=, 3);
  g_assert_true (is_nice (t.step));
  for (guint i = 0; i < t.n; i++)
    g_assert_true (t.major[i] >= 0.021 && t.major[i] <= 0.094);
}

static void
test_labels (void)
{
  AnnealTicks t;
  char *s;

  anneal_ticks_linear (0, 0.1, 6, FALSE, &t);
  g_assert_cmpstr ((s = label (&t, 0.02)), ==, "0.02"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 0.1)), ==, "0.1"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 0.0)), ==, "0"); g_free (s);

  anneal_ticks_linear (0, 0.1, 5, FALSE, &t);  /* step 0.025 */
  g_assert_cmpstr ((s = label (&t, 0.075)), ==, "0.075"); g_free (s);

  anneal_ticks_log (1e-6, 0.2, 8, &t);
  g_assert_cmpstr ((s = label (&t, 1e-5)), ==, "1e-5"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 1e-4)), ==, "0.0001"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 1e-3)), ==, "0.001"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 0.01)), ==, "0.01"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 0.1)), ==, "0.1"); g_free (s);

  anneal_ticks_log (1, 1e6, 8, &t);
  g_assert_cmpstr ((s = label (&t, 1000)), ==, "1000"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 1e4)), ==, "10000"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 1e5)), ==, "1e5"); g_free (s);

  anneal_ticks_linear (0, 999999999, 6, TRUE, &t);
  g_assert_cmpstr ((s = label (&t, 2e8)), ==, "200M"); g_free (s);
  anneal_ticks_linear (0, 1000000, 5, TRUE, &t);  /* step 250k */
  g_assert_cmpstr ((s = label (&t, 250000)), ==, "250k"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 1000000)), ==, "1000k"); g_free (s);
  anneal_ticks_linear (0, 5000, 6, TRUE, &t);
  g_assert_cmpstr ((s = label (&t, 3000)), ==, "3000"); g_free (s);

  anneal_ticks_linear (0, 1e-5, 5, FALSE, &t);  /* step 2.5e-6 */
  g_assert_cmpstr ((s = label (&t, 2.5e-6)), ==, "2.5e-6"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 5e-6)), ==, "5e-6"); g_free (s);

  /* The readout's rule: 0.0002 is plain, 5e-5 is not (issue 13 item 3). */
  anneal_ticks_linear (0, 0.001, 6, FALSE, &t);  /* step 2e-4 */
  g_assert_cmpstr ((s = label (&t, 4e-4)), ==, "0.0004"); g_free (s);
  anneal_ticks_linear (0, 2e-4, 5, FALSE, &t);  /* step 5e-5 */
  g_assert_cmpstr ((s = label (&t, 5e-5)), ==, "5e-5"); g_free (s);
  g_assert_cmpstr ((s = label (&t, 1e-4)), ==, "1e-4"); g_free (s);

  anneal_ticks_linear (-1, 1, 5, FALSE, &t);
  g_assert_cmpstr ((s = label (&t, -0.5)), ==, "\xe2\x88\x92" "0.5"); g_free (s);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anneal/chart/ticks/nice-number", test_nice_number);
  g_test_add_func ("/anneal/chart/ticks/linear-rates", test_linear_rates);
  g_test_add_func ("/anneal/chart/ticks/linear-epochs", test_linear_epochs);
  g_test_add_func ("/anneal/chart/ticks/linear-odd-ranges", test_linear_odd_ranges);
  g_test_add_func ("/anneal/chart/ticks/log-decades", test_log_decades);
  g_test_add_func ("/anneal/chart/ticks/log-many-decades", test_log_many_decades);
  g_test_add_func ("/anneal/chart/ticks/log-narrow", test_log_narrow);
  g_test_add_func ("/anneal/chart/ticks/labels", test_labels);

  return g_test_run ();
}
