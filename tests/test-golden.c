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
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) schedule = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree double *bulk = g_new (double, c->epochs);
  gint64 rows = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);

  schedule = anneal_schedule_parse (c->spec, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (schedule);

  anneal_schedule_fill (schedule, 0, c->epochs, bulk);

  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "epoch,lr");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 t;
      double expected, got;

      if (lines[i][0] == '\0')
        continue;
      t = g_ascii_strtoll (lines[i], &end, 10);
      g_assert_cmpint (*end, ==, ',');
      expected = g_ascii_strtod (end + 1, NULL);
      g_assert_cmpint (t, ==, rows);
      g_assert_cmpint (t, <, c->epochs);

      got = anneal_schedule_value (schedule, t);
      if (fabs (got - expected) > c->rel_tol * fabs (expected) + 1e-15)
        g_error ("%s at epoch %" G_GINT64_FORMAT ": got %.17g, expected %.17g",
                 c->name, t, got, expected);
      g_assert_cmpfloat (bulk[t], ==, got);
      rows++;
    }
  g_assert_cmpint (rows, ==, c->epochs);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (golden_case_free);
  g_autoptr(GError) error = NULL;

  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_DIST, "data", "cases.tsv", NULL);
  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      GoldenCase *c;
      g_autofree char *test_path = NULL;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", 4);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);

      c = g_new0 (GoldenCase, 1);
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
