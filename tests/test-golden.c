/* test-golden.c — the shared reference curves, reproduced within their tolerance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/cases.tsv lists name, epochs, rel_tol and spec; tests/data/<name>.csv
 * holds `epoch,lr` from the notebook's own loops (seed-*) and from PyTorch's
 * schedulers stepped as a training loop steps them (torch-*).
 */
#include <anneal.h>
#include <math.h>

#include "anneal-test-csv.h"

typedef struct
{
  char   *name;
  gint64  epochs;
  double  rel_tol;
  char   *spec;
} GoldenCase;

static void
golden_case_free (gpointer data)
{
  GoldenCase *c = data;

  g_free (c->name);
  g_free (c->spec);
  g_free (c);
}

static void
test_golden_case (gconstpointer data)
{
  const GoldenCase *c = data;
  g_autofree char *file = g_strconcat (c->name, ".csv", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) schedule = NULL;
  g_autofree double *bulk = g_new (double, c->epochs);
  gsize rows = 0;
  g_autofree double *expected = anneal_test_read_curve (path, "epoch,lr", &rows);

  schedule = anneal_schedule_parse (c->spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (schedule);

  anneal_schedule_fill (schedule, 0, c->epochs, bulk);
  g_assert_cmpint ((gint64) rows, ==, c->epochs);
  for (gint64 t = 0; t < c->epochs; t++)
    {
      double got = anneal_schedule_value (schedule, t);

      if (fabs (got - expected[t]) > c->rel_tol * fabs (expected[t]) + 1e-15)
        g_error ("%s at epoch %" G_GINT64_FORMAT ": got %.17g, expected %.17g",
                 c->name, t, got, expected[t]);
      g_assert_cmpfloat (bulk[t], ==, got);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (golden_case_free);

  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_DIST, "data", "cases.tsv", NULL);
  rows = anneal_test_read_cases (path, 4, FALSE);
  for (guint i = 0; i < rows->len; i++)
    {
      char **fields = g_ptr_array_index (rows, i);
      g_autofree char *test_path = NULL;
      GoldenCase *c = g_new0 (GoldenCase, 1);

      c->name = g_strdup (fields[0]);
      c->epochs = g_ascii_strtoll (fields[1], NULL, 10);
      c->rel_tol = g_ascii_strtod (fields[2], NULL);
      c->spec = g_strdup (fields[3]);
      g_ptr_array_add (cases, c);

      test_path = g_strdup_printf ("/anneal/golden/%s", c->name);
      g_test_add_data_func (test_path, c, test_golden_case);
    }
  g_assert_cmpuint (cases->len, >=, 12);

  return g_test_run ();
}
