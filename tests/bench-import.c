/* bench-import.c — how long `anneal-cli import` takes to read a snippet
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints the best and median time of anneal_import() over the ten golden snippets
 * of tests/data/import/ and over a 1000-line script; asserts nothing.
 */
#include <anneal.h>
#include <math.h>
#include <stdio.h>

#include "anneal-import.h"

static double
time_import (const char *code,
             int         runs,
             double     *median)
{
  double *t = g_new (double, runs), best = INFINITY;

  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      AnnealImport *import = anneal_import (code, -1, NAN, NULL, NULL, NULL);

      t[i] = (double) (g_get_monotonic_time () - start) / 1000.0;
      anneal_import_free (import);
      best = MIN (best, t[i]);
    }
  for (int i = 1; i < runs; i++)
    for (int j = i; j > 0 && t[j - 1] > t[j]; j--)
      {
        double x = t[j];

        t[j] = t[j - 1];
        t[j - 1] = x;
      }
  *median = t[runs / 2];
  g_free (t);
  return best;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR")
                                            : ".", "data", "import", "cases.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) big = g_string_new ("import torch\n");
  double median;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    {
      fprintf (stderr, "cannot read %s\n", path);
      return 1;
    }
  lines = g_strsplit (contents, "\n", -1);
  printf ("anneal_import(), best and median of 200 runs:\n");
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 5);
      g_autofree char *code = NULL;
      double best;

      if (g_strv_length (fields) != 5)
        continue;
      code = g_strcompress (fields[4]);
      best = time_import (code, 200, &median);
      printf ("  %-22s %8.3f ms  %8.3f ms\n", fields[0], best, median);
    }
  for (int i = 0; i < 1000; i++)
    g_string_append_printf (big, "x%d = int(0.1 * %d) + max(3, 4) ** 2  # line %d\n", i, i, i);
  g_string_append (big, "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
                        "scheduler = torch.optim.lr_scheduler.StepLR(optimizer, x999)\n");
  {
    double best = time_import (big->str, 50, &median);

    printf ("  %-22s %8.3f ms  %8.3f ms\n", "1000-line script", best, median);
  }
  return 0;
}
