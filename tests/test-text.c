/* test-text.c — the shared text helpers: "did you mean", escaping, CSV, JSON, rows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <anneal.h>
#include <string.h>

#include "anneal-text.h"

static const char * const kinds[] = { "cosine", "cosine-wave", "step", "multistep", "exp_range" };

static const struct
{
  const char *word;
  const char *suggestion;  /* NULL: nothing close */
} suggestions[] = {
  { "cosin", "cosine" },
  { "COSINE", "cosine" },                /* case is not an edit */
  { "Cosine-Wave", "cosine-wave" },
  { "c\xd0\xbesine", "cosine" },          /* a Cyrillic о is one edit, not two bytes */
  { "stpe", "step" },                    /* a transposition is one edit */
  { "exp-range", "exp_range" },
  { "multistpe", "multistep" },
  { "wobble", NULL },
  { "st", NULL },                        /* two edits in a short name is too far */
  { "", NULL },
  { "\xff\xfe", NULL },                   /* not UTF-8: no suggestion, no crash */
};

static void
test_suggest (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);

  g_assert_cmpstr (anneal_text_suggest (suggestions[i].word, kinds, G_N_ELEMENTS (kinds)), ==,
                   suggestions[i].suggestion);
}

static const struct
{
  const char *text;
  gssize      len;
  const char *escaped;
} escapes[] = {
  { "plain text, é and ü", -1, "plain text, é and ü" },
  { "\x1b[31mred", -1, "\\x1b[31mred" },
  { "del\x7f", -1, "del\\x7f" },
  { "csi\xc2\x9b" "1m", -1, "csi\\u009B1m" },
  { "bidi\xe2\x80\xae" "exe.txt", -1, "bidi\\u202Eexe.txt" },
  { "isolate\xe2\x81\xa6", -1, "isolate\\u2066" },
  { "line\xe2\x80\xa8sep", -1, "line\\u2028sep" },
  { "tab\tnl\n", -1, "tab\\x09nl\\x0a" },
  { "bad\xff", -1, "bad\\xff" },
  { "nul\0after", 9, "nul\\x00after" },
};

static void
test_escape (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *escaped = anneal_text_escape (escapes[i].text, escapes[i].len);

  g_assert_cmpstr (escaped, ==, escapes[i].escaped);
  g_assert_true (g_utf8_validate (escaped, -1, NULL));
}

static void
test_csv_field (void)
{
  static const char * const fields[][2] = {
    { "cosine()", "cosine()" },
    { "step(lr=0.1, gamma=0.5)", "\"step(lr=0.1, gamma=0.5)\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      anneal_text_append_csv_field (out, fields[i][0]);
      g_assert_cmpstr (out->str, ==, fields[i][1]);
    }
}

static void
test_json_string (void)
{
  static const char * const strings[][2] = {
    { "cosine()", "\"cosine()\"" },
    { "a \"quote\" and \\", "\"a \\\"quote\\\" and \\\\\"" },
    { "nl\ncr\rtab\tesc\x1b" "del\x7f", "\"nl\\ncr\\rtab\\tesc\\u001bdel\\u007f\"" },
    { "é → ü", "\"é → ü\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      anneal_text_append_json_string (out, strings[i][0]);
      g_assert_cmpstr (out->str, ==, strings[i][1]);
    }
}

static void
test_rows (void)
{
  double values[] = { 0.1, 99, 1.0 / 3, 99, 5e-324, 99, 1.7976931348623157e308, 99 };
  char buffer[ANNEAL_TEXT_ROW_MAX (4)];
  gsize n;

  n = anneal_text_format_row (buffer, 123, values, 2, 4, ANNEAL_TEXT_ROW_CSV);
  g_assert_cmpmem (buffer, n, "123,0.1,0.3333333333333333,5e-324,1.7976931348623157e+308\n",
                   strlen ("123,0.1,0.3333333333333333,5e-324,1.7976931348623157e+308\n"));
  n = anneal_text_format_row (buffer, G_GINT64_CONSTANT (1000000000000000), values, 1, 2,
                              ANNEAL_TEXT_ROW_JSON);
  g_assert_cmpmem (buffer, n, "[1000000000000000,0.1,99]", strlen ("[1000000000000000,0.1,99]"));
  n = anneal_text_format_row (buffer, 0, values, 1, 0, ANNEAL_TEXT_ROW_CSV);
  g_assert_cmpmem (buffer, n, "0\n", 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (suggestions); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/text/suggest/%u", i);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_suggest);
    }
  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/text/escape/%u", i);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_escape);
    }
  g_test_add_func ("/anneal/text/csv-field", test_csv_field);
  g_test_add_func ("/anneal/text/json-string", test_json_string);
  g_test_add_func ("/anneal/text/rows", test_rows);

  return g_test_run ();
}
