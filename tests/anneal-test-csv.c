/* anneal-test-csv.c — the reference files of the golden tests (test-golden,
 * test-import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "anneal-test-csv.h"

GPtrArray *
anneal_test_read_cases (const char *path,
                        guint       n_fields,
                        gboolean    skip_header)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = skip_header ? 1 : 0; lines[0] != NULL && lines[i] != NULL; i++)
    {
      char **fields;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      fields = g_strsplit (lines[i], "\t", (int) n_fields);
      if (g_strv_length (fields) != n_fields)
        g_error ("%s, line %u: %u fields, not %u", path, i + 1, g_strv_length (fields),
                 n_fields);
      g_ptr_array_add (rows, fields);
    }
  return rows;
}

double *
anneal_test_read_curve (const char *path,
                        const char *header,
                        gsize      *n_rows)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  if (!g_file_get_contents (path, &contents, NULL, &error))
    g_error ("%s", error->message);
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpstr (lines[0], ==, header);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      char *end = NULL;
      gint64 t;
      double v;

      if (lines[i][0] == '\0')
        continue;
      t = g_ascii_strtoll (lines[i], &end, 10);
      if (*end != ',' || t != (gint64) values->len)
        g_error ("%s, line %u: not step %u", path, i + 1, values->len);
      v = g_ascii_strtod (end + 1, NULL);
      g_array_append_val (values, v);
    }
  *n_rows = values->len;
  return (double *) g_array_free (g_steal_pointer (&values), FALSE);
}
