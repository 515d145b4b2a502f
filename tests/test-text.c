/* test-text.c — the shared text helpers: "did you mean", escaping, bounded lines, CSV,
 * JSON, rows
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
  { "\xef\xbd\x83\xef\xbd\x8f\xef\xbd\x93\xef\xbd\x89\xef\xbd\x8e\xef\xbd\x85", "cosine" },  /* fullwidth: the letters */
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

/* One character shown alone: as anneal_text_escape() writes it, and a space or an
 * invisible character outside ASCII as its code point too. */
static void
test_escape_char (void)
{
  static const struct
  {
    const char *p;
    const char *escaped;
  } chars[] = {
    { "a)", "a" },
    { "\xc3\xa9", "\xc3\xa9" },
    { "\x1b[", "\\x1b" },
    { "\xc2\xa0)", "\\u00A0" },
    { "\xe2\x80\x8b", "\\u200B" },
    { "\xe3\x80\x80", "\\u3000" },
    { "\xf3\xa0\x80\x81", "\\U000E0001" },
    { "\xff", "\\xff" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (chars); i++)
    {
      g_autofree char *escaped = anneal_text_escape_char (chars[i].p);

      g_assert_cmpstr (escaped, ==, chars[i].escaped);
    }
}

/* Lines as Pango breaks them: at \n, \r, \r\n, U+2029, and at U+2028 when more of
 * its paragraph follows; not at \v, \f or U+0085 */
static const struct
{
  const char *text;
  guint       max_lines;
  guint       max_chars;
  const char *expected;   /* NULL: kept as it is */
} bounds[] = {
  { "short", 3, 10, NULL },
  { "", 3, 10, NULL },
  { "a\nb\nc", 3, 10, NULL },
  { "a\nb\nc\n", 3, 10, "a\nb\nc…" },
  { "a\nb\nc\nd", 3, 10, "a\nb\nc…" },
  { "abcdefghijkl", 3, 10, "abcdefghij…" },
  { "abcdefghijkl\nxy", 3, 10, "abcdefghij…\nxy" },
  { "xy\nabcdefghijkl\nuv\nw", 2, 10, "xy\nabcdefghij…" },
  { "ééééé", 1, 3, "ééé…" },
  { "one\ntwo", 1, 100, "one…" },
  { "bad \xff byte", 1, 100, "bad \xef\xbf\xbd byte" },
  { "a\rb\rc", 3, 10, NULL },
  { "a\rb\rc\rd", 3, 10, "a\rb\rc…" },
  { "a\rb\rc\r", 3, 10, "a\rb\rc…" },
  { "one\rtwo", 1, 100, "one…" },
  { "xy\rabcdefghijkl\ruv", 2, 10, "xy\rabcdefghij…" },
  { "a\r\nb\r\nc", 3, 10, NULL },                     /* \r\n is one break */
  { "a\r\nb\r\nc\r\nd", 3, 10, "a\r\nb\r\nc…" },
  { "a\n\rb", 2, 10, "a\n…" },                        /* \n\r is two */
  { "a\r\r\nb", 2, 10, "a\r…" },
  { "a\xe2\x80\xa9" "b\xe2\x80\xa9" "c", 3, 10, NULL },
  { "a\xe2\x80\xa9" "b\xe2\x80\xa9" "c\xe2\x80\xa9" "d", 3, 10,
    "a\xe2\x80\xa9" "b\xe2\x80\xa9" "c…" },
  { "abcdefghijkl\xe2\x80\xa9" "xy", 3, 10, "abcdefghij…\xe2\x80\xa9" "xy" },
  { "a\xe2\x80\xa8" "b\xe2\x80\xa8" "c\xe2\x80\xa8" "d", 3, 10,
    "a\xe2\x80\xa8" "b\xe2\x80\xa8" "c…" },
  { "a\xe2\x80\xa8" "b\xe2\x80\xa8" "c\xe2\x80\xa8", 3, 10, NULL },  /* no line after */
  { "a\xe2\x80\xa8\nb", 2, 10, NULL },
  { "a\xe2\x80\xa8\xe2\x80\xa8" "b", 2, 10, "a\xe2\x80\xa8…" },
  { "abcdefghijk…l\xe2\x80\xa8" "xy", 3, 10, "abcdefghij…\xe2\x80\xa8" "xy" },
  { "a\vb\fc\xc2\x85" "d", 1, 10, NULL },
  { "a\vb\fc\xc2\x85" "d\ne", 1, 10, "a\vb\fc\xc2\x85" "d…" },
  /* Cut between grapheme clusters: not before an accent, within a joined emoji, a
   * skin tone, a tag sequence or a flag; within one cluster that fills the line. */
  { "abe\xcc\x81" "f", 1, 3, "ab…" },                        /* e + U+0301 */
  { "abe\xcc\x81\xcc\x81" "f", 1, 4, "ab…" },
  { "abe\xcc\x81" "f", 1, 4, "abe\xcc\x81…" },
  { "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" "b",
    1, 4, "a…" },                                               /* 👨‍👩‍👧 at 3, 4 */
  { "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" "b",
    1, 3, "a…" },                                               /* … and after the joiner */
  { "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" "b",
    1, 6, "a\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7…" },
  { "ab\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd" "c", 1, 3, "ab…" },    /* 👍 + skin tone */
  { "ab\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 1, 3,
    "ab…" },                                                    /* 🇩🇪 cut in two */
  { "ab\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 1, 5,
    "ab\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa…" },           /* 🇫🇷 cut, 🇩🇪 kept */
  { "ab\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 1, 4,
    "ab\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa…" },
  { "a\xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xbf" "b", 1, 3,
    "a…" },                                                     /* a flag of tags */
  { "e\xcc\x81\xcc\x81\xcc\x81\xcc\x81" "f", 1, 3, "e\xcc\x81\xcc\x81…" },
  { "ab\ne\xcc\x81" "f", 2, 1, "a…\ne…" },                 /* a cluster over the bound */
};

static void
test_bound (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autofree char *out = anneal_text_bound (bounds[i].text, bounds[i].max_lines,
                                            bounds[i].max_chars);

  g_assert_cmpstr (out, ==, bounds[i].expected);
}

/* 300 000 lines, whatever ends them, keep their first 3 */
static void
test_bound_huge (void)
{
  static const char * const breaks[] = { "\n", "\r", "\r\n", "\xe2\x80\xa8", "\xe2\x80\xa9" };

  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *out = NULL;
      g_autofree char *expected = NULL;

      for (guint j = 0; j < 300000; j++)
        {
          g_string_append (text, "ab");
          g_string_append (text, breaks[i]);
        }
      out = anneal_text_bound (text->str, 3, 1000);
      expected = g_strdup_printf ("ab%sab%sab…", breaks[i], breaks[i]);
      g_assert_cmpstr (out, ==, expected);
    }
}

/* The start of a text cut between grapheme clusters */
static void
test_cluster_prefix (void)
{
  g_assert_cmpuint (anneal_text_cluster_prefix ("abc", 2), ==, 2);
  g_assert_cmpuint (anneal_text_cluster_prefix ("abc", 5), ==, 3);
  g_assert_cmpuint (anneal_text_cluster_prefix ("", 5), ==, 0);
  g_assert_cmpuint (anneal_text_cluster_prefix ("abe\xcc\x81", 3), ==, 2);         /* e + ◌́ */
  g_assert_cmpuint (anneal_text_cluster_prefix ("abe\xcc\x81", 4), ==, 5);
  g_assert_cmpuint (anneal_text_cluster_prefix ("e\xcc\x81\xcc\x81", 2), ==, 3); /* one cluster */
  g_assert_cmpuint (anneal_text_cluster_prefix ("a\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa", 2), ==, 1);
  g_assert_cmpuint (anneal_text_cluster_prefix ("a\nb\xcc\x81", 3), ==, 2);       /* lines too */
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
  g_test_add_func ("/anneal/text/escape-char", test_escape_char);
  g_test_add_func ("/anneal/text/cluster-prefix", test_cluster_prefix);
  for (guint i = 0; i < G_N_ELEMENTS (bounds); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/text/bound/%u", i);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_bound);
    }
  g_test_add_func ("/anneal/text/bound/huge", test_bound_huge);
  g_test_add_func ("/anneal/text/csv-field", test_csv_field);
  g_test_add_func ("/anneal/text/json-string", test_json_string);
  g_test_add_func ("/anneal/text/rows", test_rows);

  return g_test_run ();
}
