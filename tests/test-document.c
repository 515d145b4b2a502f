/* test-document.c — the document without a display: strict JSON, limits, numbers as
 * written, round trips, saving and the undo history
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "anneal-document.h"

#define HEAD "{\"format\": \"anneal\", \"version\": 1, "

/* Every refusal: the code and a part of the message a user reads. */
static const struct
{
  const char *name;
  const char *text;
  int         code;
  const char *reason;
} refusals[] = {
  { "not-json", "this is not json", ANNEAL_DOCUMENT_ERROR_DAMAGED, "line 1, column 1" },
  { "truncated", HEAD "\"series\": [", ANNEAL_DOCUMENT_ERROR_DAMAGED, "ends" },
  { "foreign-array", "[1, 2, 3]", ANNEAL_DOCUMENT_ERROR_FOREIGN, "not an Anneal document" },
  { "foreign-object", "{\"name\": \"package.json\", \"version\": \"1.0.0\"}",
    ANNEAL_DOCUMENT_ERROR_FOREIGN, "not an Anneal document" },
  { "newer", HEAD "\"series\": []}", -1, NULL },  /* placeholder, replaced below */
  /* Issue 9 item 10: strict JSON only */
  { "single-quotes", "{'format': 'anneal', 'version': 1, 'series': []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "line 1, column 2: text must be in double quotes" },
  { "single-quoted-value", "{\"format\": 'anneal', \"version\": 1, \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "column 12: text must be in double quotes" },
  { "line-comment", HEAD "// a comment\n\"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "line 1, column 36: comments are not allowed" },
  { "block-comment", HEAD "\"series\": [] /* more */}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "comments are not allowed" },
  { "comment-after", HEAD "\"series\": []}\n# trailing",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "line 2, column 1: text after the end of the document" },
  { "two-documents", HEAD "\"series\": []}" HEAD "\"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "text after the end of the document" },
  { "trailing-comma", HEAD "\"series\": [],}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "expected a name in double quotes" },
  { "bare-word", HEAD "\"series\": [], \"log_y\": yes}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "expected a JSON value" },
  { "leading-zero", HEAD "\"epochs\": 050, \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "expected ',' or a closing bracket" },
  { "raw-newline-in-text", HEAD "\"title\": \"two\nlines\", \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "control character" },
  /* A name given twice in one object (json-glib kept the last: the file opened at
   * 10^15 epochs without a word), however it is written; line ends of any kind */
  { "name-twice", HEAD "\"epochs\": 5, \"series\": [], \"epochs\": 1000000000000000}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "column 63: the name “epochs” is given twice" },
  { "name-twice-escaped", HEAD "\"series\": [{\"spec\": \"step()\", \"sp\\u0065c\": "
    "\"cosine()\"}]}", ANNEAL_DOCUMENT_ERROR_DAMAGED, "the name “spec” is given twice" },
  { "lone-cr-lines", "{\"format\": \"anneal\",\r\"version\": 1,\r\n\"series\": [] // x\r}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "line 3, column 14: comments are not allowed" },
  /* NUL in text would cut a spec or title short */
  { "nul-in-spec", HEAD "\"series\": [{\"spec\": \"cosine()\\u0000junk\"}]}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "U+0000" },
  { "nul-in-title", HEAD "\"title\": \"a\\u0000b\", \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "U+0000" },
  /* Numbers as written, never as −1 */
  { "huge-version", "{\"format\": \"anneal\", \"version\": 99999999999999999999, \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_VERSION, "(format 99999999999999999999)" },
  { "huge-negative-version",
    "{\"format\": \"anneal\", \"version\": -99999999999999999999, \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "unknown format version -99999999999999999999" },
  { "huge-epochs", HEAD "\"epochs\": 99999999999999999999, \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_INVALID, "epochs, 99999999999999999999, is out of range" },
  { "min-epochs", HEAD "\"epochs\": -9223372036854775808, \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_INVALID, "epochs, -9223372036854775808, is out of range" },
  { "too-many-epochs", HEAD "\"epochs\": 1000000000000001, \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_INVALID, "epochs, 1000000000000001, is out of range" },
  /* Fields */
  { "no-series", HEAD "\"epochs\": 5}", ANNEAL_DOCUMENT_ERROR_DAMAGED, "no list of series" },
  { "refused-spec", HEAD "\"series\": [{\"spec\": \"cosine(lr=-1)\"}]}",
    ANNEAL_DOCUMENT_ERROR_INVALID, "column 11: 'lr' is a learning rate" },
  { "bad-colour", HEAD "\"series\": [{\"spec\": \"cosine()\", \"color\": \"red\"}]}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "#rrggbb" },
  { "spec-not-text", HEAD "\"series\": [{\"spec\": 12}]}", ANNEAL_DOCUMENT_ERROR_DAMAGED,
    "should be text" },
  { "epochs-as-text", HEAD "\"epochs\": \"50\", \"series\": []}", ANNEAL_DOCUMENT_ERROR_DAMAGED,
    "should be a whole number" },
  { "lone-surrogate", HEAD "\"title\": \"\\ud800\", \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "The file is damaged" },
  /* half a character, said in words (json-glib's own message was "<data>:1:55: Parse
   * error: invalid string constant …") */
  { "lone-high-surrogate", HEAD "\"title\": \"a\\ud800b\", \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "a \\u escape in text is half of a character" },
  { "lone-low-surrogate", HEAD "\"title\": \"\\udc00\", \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "a \\u escape in text is half of a character" },
  { "high-then-high-surrogate", HEAD "\"title\": \"\\ud800\\ud800\", \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "a \\u escape in text is half of a character" },
  /* Steps and epochs */
  { "zero-steps", HEAD "\"steps_per_epoch\": 0, \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_INVALID, "steps per epoch, 0, is out of range" },
  { "huge-steps", HEAD "\"steps_per_epoch\": 99999999999999999999, \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_INVALID, "steps per epoch, 99999999999999999999, is out of range" },
  { "too-many-steps", HEAD "\"epochs\": 1000, \"steps_per_epoch\": 1000000000001, "
    "\"series\": []}",
    ANNEAL_DOCUMENT_ERROR_INVALID,
    "1000 epochs of 1000000000001 steps are more than the 1000000000000000 steps" },
  { "steps-past-product", HEAD "\"epochs\": 1000000000000000, \"steps_per_epoch\": 2, "
    "\"series\": []}", ANNEAL_DOCUMENT_ERROR_INVALID,
    "1000000000000000 epochs of 2 steps are more than" },
  { "steps-as-text", HEAD "\"steps_per_epoch\": \"10\", \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "should be a whole number" },
  { "fractional-steps", HEAD "\"steps_per_epoch\": 2.5, \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "should be a whole number" },
  { "unknown-x-axis", HEAD "\"x_axis\": \"minutes\", \"series\": []}",
    ANNEAL_DOCUMENT_ERROR_INVALID, "unknown unit, “minutes”" },
  { "unknown-stepped-per", HEAD "\"series\": [{\"spec\": \"cosine()\", "
    "\"stepped_per\": \"batch\"}]}",
    ANNEAL_DOCUMENT_ERROR_INVALID, "Series 1 is stepped per “batch”" },
  { "stepped-per-not-text", HEAD "\"series\": [{\"spec\": \"cosine()\", "
    "\"stepped_per\": 1}]}",
    ANNEAL_DOCUMENT_ERROR_DAMAGED, "should be text" },
};

static void
test_refusal (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(AnnealDocument) document = anneal_document_new ();
  g_autoptr(AnnealSchedule) kept = anneal_schedule_parse ("cosine()", NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *text = refusals[i].text;
  int code = refusals[i].code;
  const char *reason = refusals[i].reason;

  if (code == -1)
    {
      text = "{\"format\": \"anneal\", \"version\": 2, \"series\": []}";
      code = ANNEAL_DOCUMENT_ERROR_VERSION;
      reason = "newer version of Anneal (format 2)";
    }
  anneal_chart_add_series (anneal_document_get_chart (document), kept, "kept");
  anneal_document_reset_history (document);
  before = anneal_document_serialize (document);

  g_assert_false (anneal_document_load_data (document, text, -1, &error));
  g_assert_error (error, ANNEAL_DOCUMENT_ERROR, code);
  if (strstr (error->message, reason) == NULL)
    g_error ("%s: '%s' does not say '%s'", refusals[i].name, error->message, reason);
  g_assert_null (strchr (error->message, '\n'));
  /* the reason in words, not the JSON parser's */
  g_assert_null (strstr (error->message, "<data>"));
  g_assert_null (strstr (error->message, "Parse error"));

  /* Nothing changed. */
  after = anneal_document_serialize (document);
  g_assert_cmpstr (before, ==, after);
}

static AnnealDocument *
sample_document (void)
{
  AnnealDocument *document = anneal_document_new ();
  AnnealChart *chart = anneal_document_get_chart (document);
  g_autoptr(AnnealSchedule) a = anneal_schedule_parse ("cosine-wave()", NULL, NULL);
  g_autoptr(AnnealSchedule) b = anneal_schedule_parse ("linear(for=5) -> cosine(t_max=45)",
                                                       NULL, NULL);

  anneal_chart_add_series (chart, a, "the \"wave\" \\ é");
  anneal_chart_add_series (chart, b, "warm-up");
  anneal_chart_set_series_color (chart, 1, 0x123456);
  anneal_chart_set_series_visible (chart, 1, FALSE);
  anneal_chart_set_epochs (chart, 1000000000);
  anneal_chart_set_steps_per_epoch (chart, 250);
  anneal_chart_set_series_unit (chart, 1, ANNEAL_CHART_UNIT_STEP);
  anneal_chart_set_x_unit (chart, ANNEAL_CHART_UNIT_STEP);
  anneal_chart_set_log_y (chart, TRUE);
  anneal_chart_set_title (chart, "Tabs\tand\nlines");
  anneal_document_reset_history (document);
  return document;
}

static void
test_round_trip (void)
{
  g_autoptr(AnnealDocument) document = sample_document ();
  g_autoptr(AnnealDocument) other = anneal_document_new ();
  g_autofree char *text = anneal_document_serialize (document);
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  AnnealChart *chart;

  g_assert_true (anneal_document_load_data (other, text, -1, &error));
  g_assert_no_error (error);
  again = anneal_document_serialize (other);
  g_assert_cmpstr (text, ==, again);
  chart = anneal_document_get_chart (other);
  g_assert_cmpuint (anneal_chart_get_n_series (chart), ==, 2);
  g_assert_cmpstr (anneal_chart_get_series_label (chart, 0), ==, "the \"wave\" \\ é");
  g_assert_cmpuint (anneal_chart_get_series_color (chart, 1), ==, 0x123456);
  g_assert_false (anneal_chart_get_series_visible (chart, 1));
  g_assert_cmpint (anneal_chart_get_epochs (chart), ==, 1000000000);
  g_assert_cmpint (anneal_chart_get_steps_per_epoch (chart), ==, 250);
  g_assert_cmpint (anneal_chart_get_series_unit (chart, 0), ==, ANNEAL_CHART_UNIT_EPOCH);
  g_assert_cmpint (anneal_chart_get_series_unit (chart, 1), ==, ANNEAL_CHART_UNIT_STEP);
  g_assert_cmpint (anneal_chart_get_x_unit (chart), ==, ANNEAL_CHART_UNIT_STEP);
  g_assert_true (anneal_chart_get_log_y (chart));
  g_assert_cmpstr (anneal_chart_get_title (chart), ==, "Tabs\tand\nlines");
  g_assert_false (anneal_document_get_modified (other));
}

/* A character outside the BMP, escaped as a surrogate pair, is one character. */
static void
test_surrogate_pair (void)
{
  g_autoptr(AnnealDocument) document = anneal_document_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (anneal_document_load_data (document,
    HEAD "\"title\": \"a\\ud83d\\ude00b\", \"series\": []}", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (anneal_chart_get_title (anneal_document_get_chart (document)), ==,
                   "a\xf0\x9f\x98\x80" "b");
}

/* A document written before steps existed opens with one step an epoch, every
 * series stepped per epoch and the axis in epochs; so does one that had steps
 * when another is opened over it. */
static void
test_steps_default (void)
{
  g_autoptr(AnnealDocument) document = sample_document ();
  g_autoptr(GError) error = NULL;
  AnnealChart *chart = anneal_document_get_chart (document);
  g_autofree char *text = NULL;

  g_assert_true (anneal_document_load_data (document,
    HEAD "\"epochs\": 30, \"series\": [{\"spec\": \"cosine()\"}, {\"spec\": \"step()\"}]}",
    -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anneal_chart_get_epochs (chart), ==, 30);
  g_assert_cmpint (anneal_chart_get_steps_per_epoch (chart), ==, 1);
  g_assert_cmpint (anneal_chart_get_x_unit (chart), ==, ANNEAL_CHART_UNIT_EPOCH);
  for (guint i = 0; i < 2; i++)
    g_assert_cmpint (anneal_chart_get_series_unit (chart, i), ==, ANNEAL_CHART_UNIT_EPOCH);

  /* The saved form names them */
  text = anneal_document_serialize (document);
  g_assert_nonnull (strstr (text, "\"steps_per_epoch\" : 1"));
  g_assert_nonnull (strstr (text, "\"stepped_per\" : \"epoch\""));

  /* The largest K that fits the epochs */
  g_assert_true (anneal_document_load_data (document,
    HEAD "\"epochs\": 1000, \"steps_per_epoch\": 1000000000000, \"series\": []}", -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (anneal_chart_get_n_steps (chart), ==, ANNEAL_EPOCH_MAX);
}

/* What the app saves always reopens: the longest spec the library accepts. */
static void
test_longest_spec_reopens (void)
{
  g_autoptr(AnnealDocument) document = anneal_document_new ();
  g_autoptr(AnnealDocument) other = anneal_document_new ();
  g_autoptr(GString) spec = g_string_new ("multistep(milestones=[");
  g_autoptr(AnnealSchedule) s = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < ANNEAL_LIST_MAX_LENGTH; i++)
    g_string_append_printf (spec, "%s1e15", i ? "," : "");
  g_string_append (spec, "])");
  s = anneal_schedule_parse (spec->str, NULL, &error);
  g_assert_no_error (error);
  anneal_chart_add_series (anneal_document_get_chart (document), s, "milestones");
  text = anneal_document_serialize (document);
  g_assert_true (anneal_document_load_data (other, text, -1, &error));
  g_assert_no_error (error);
}

static void
test_save (void)
{
  g_autoptr(AnnealDocument) document = sample_document ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("anneal-document-XXXXXX", &error);
  g_autofree char *real = g_build_filename (dir, "real.anneal", NULL);
  g_autofree char *link = g_build_filename (dir, "link.anneal", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such.anneal", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autofree char *saved = NULL;
  g_autofree char *text = anneal_document_serialize (document);
  g_autofree char *target = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.anneal", link), ==, 0);

  /* Saved through the atomic writer: a link stays a link, its target replaced. */
  g_assert_true (anneal_document_save_file (document, link_file, &error));
  g_assert_no_error (error);
  target = g_file_read_link (link, NULL);
  g_assert_cmpstr (target, ==, "real.anneal");
  g_assert_true (g_file_get_contents (real, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, text);

  /* A folder that does not exist: an error, the document still modified-state-free. */
  g_assert_false (anneal_document_save_file (document, missing_file, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_unlink (link);
  g_unlink (real);
  g_rmdir (dir);
}

/* What is opened is read only when it is a regular file, and never past the limit:
 * /dev/zero filled memory until the process died, a FIFO with no writer blocked. */
static void
test_load_special_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("anneal-document-XXXXXX", &error);
  g_autofree char *fifo = g_build_filename (dir, "fifo.anneal", NULL);
  g_autofree char *big = g_build_filename (dir, "big.anneal", NULL);
  g_autofree char *link = g_build_filename (dir, "link.anneal", NULL);
  const char *refused[] = { "/dev/zero", fifo, dir };
  g_autofree char *filler = g_strnfill (ANNEAL_DOCUMENT_MAX_SIZE - 40, ' ');
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(AnnealDocument) document = anneal_document_new ();
      g_autoptr(GFile) file = g_file_new_for_path (refused[i]);

      g_assert_false (anneal_document_load_file (document, file, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_clear_error (&error);
    }

  /* one byte past the limit, then at it */
  text = g_strconcat (HEAD "\"series\": []}", filler, NULL);
  g_assert_cmpuint (strlen (text), >, ANNEAL_DOCUMENT_MAX_SIZE);
  text[ANNEAL_DOCUMENT_MAX_SIZE + 1] = '\0';
  g_assert_true (g_file_set_contents (big, text, -1, NULL));
  g_assert_cmpint (symlink ("big.anneal", link), ==, 0);
  {
    g_autoptr(AnnealDocument) document = anneal_document_new ();
    g_autoptr(GFile) file = g_file_new_for_path (link);

    g_assert_false (anneal_document_load_file (document, file, &error));
    g_assert_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_FOREIGN);
    g_clear_error (&error);
    text[ANNEAL_DOCUMENT_MAX_SIZE] = '\0';
    g_assert_true (g_file_set_contents (big, text, -1, NULL));
    g_assert_true (anneal_document_load_file (document, file, &error));
    g_assert_no_error (error);
  }

  g_unlink (link);
  g_unlink (big);
  g_unlink (fifo);
  g_rmdir (dir);
}

/* A UTF-8 byte order mark in front (some Windows editors write one) is ignored, as
 * RFC 8259 lets a reader do; it was "expected a JSON value" at line 1, column 1. */
static void
test_byte_order_mark (void)
{
  g_autoptr(AnnealDocument) document = anneal_document_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (anneal_document_load_data (document, "\xef\xbb\xbf" HEAD "\"epochs\": 7, "
                                            "\"series\": [{\"spec\": \"cosine()\"}]}", -1,
                                            &error));
  g_assert_no_error (error);
  g_assert_cmpint (anneal_chart_get_epochs (anneal_document_get_chart (document)), ==, 7);
}

static void
test_history (void)
{
  g_autoptr(AnnealDocument) document = sample_document ();
  AnnealChart *chart = anneal_document_get_chart (document);

  g_assert_false (anneal_document_can_undo (document));
  anneal_chart_set_epochs (chart, 77);
  anneal_document_commit (document);
  g_assert_true (anneal_document_can_undo (document));
  g_assert_true (anneal_document_get_modified (document));
  g_assert_true (anneal_document_undo (document));
  g_assert_cmpint (anneal_chart_get_epochs (chart), ==, 1000000000);
  g_assert_false (anneal_document_get_modified (document));
  g_assert_true (anneal_document_redo (document));
  g_assert_cmpint (anneal_chart_get_epochs (chart), ==, 77);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/document/refused/%s", refusals[i].name);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_refusal);
    }
  g_test_add_func ("/anneal/document/round-trip", test_round_trip);
  g_test_add_func ("/anneal/document/surrogate-pair", test_surrogate_pair);
  g_test_add_func ("/anneal/document/steps-default", test_steps_default);
  g_test_add_func ("/anneal/document/longest-spec-reopens", test_longest_spec_reopens);
  g_test_add_func ("/anneal/document/save", test_save);
  g_test_add_func ("/anneal/document/history", test_history);
  g_test_add_func ("/anneal/document/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/anneal/document/load-special-files", test_load_special_files);

  return g_test_run ();
}
