/* fuzz-import.c — libFuzzer target for the training-code importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes to anneal_import() — what `anneal-cli import` and the app's
 * spec entry call with a user's Python — as exactly @size bytes with no NUL after
 * them, once without a rate (NAN) and once with --lr 0.1, and checks what a user
 * relies on:
 *
 *  - a refused text gives an ANNEAL_IMPORT_ERROR with a known code, one line of valid
 *    UTF-8 without control characters, "line L, column C: " and then a reason; L and
 *    C are 1-based, match error_line and error_column, and lie inside the input (L at
 *    most its number of lines, C at most one past the last character of line L);
 *  - an accepted text gives a canonical spec (anneal_schedule_parse() accepts it and
 *    anneal_schedule_to_string() gives the same text back) whose values at a few
 *    epochs are finite and ≥ 0, a label, one of the five libraries, and the line and
 *    column of its call inside the input;
 *  - the same text imported again gives the same answer;
 *  - anneal_import_looks_like_code() reads the text without trouble.
 *
 * Any broken property calls abort(), so that libFuzzer records the input.
 * Built twice by tests/fuzz/meson.build: with -fsanitize=fuzzer (clang, -Dfuzzing=true)
 * and with replay-main.c as a test that replays the committed corpus.
 */

#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <anneal.h>

#include "anneal-import.h"
#include "fuzz-common.h"

/* The rate the second import is given, as `anneal-cli import --lr 0.1` would. */
#define BASE_LR 0.1

static const gint64 epochs[] = {
  0, 1, 2, 9, 10, 100, 1000, 100000,
  G_GINT64_CONSTANT (1000000000),
  ANNEAL_EPOCH_MAX,
};

static const char * const libraries[] = {
  "PyTorch", "Hugging Face", "Keras", "timm", "optax",
};

/* What a position in the input may be: line 1 … the number of lines (the text after
 * the last line end is a line, even when empty), column 1 … one past the last character
 * of that line. Characters are counted as the importer counts them: every byte that
 * does not continue a UTF-8 sequence. */
static gboolean
inside_input (const char *source,
              gsize       length,
              guint       line,
              guint       column)
{
  gsize k = 0;
  guint n_chars = 0;

  if (line < 1 || column < 1)
    return FALSE;
  /* lines as Python reads them: \n, \r\n and a lone \r end one */
  for (guint l = 1; l < line; l++)
    {
      while (k < length && source[k] != '\n' && source[k] != '\r')
        k++;
      if (k == length)
        return FALSE;
      k += source[k] == '\r' && k + 1 < length && source[k + 1] == '\n' ? 2 : 1;
    }
  for (; k < length && source[k] != '\n' && source[k] != '\r'; k++)
    if (((guchar) source[k] & 0xC0) != 0x80)
      n_chars++;

  return column <= n_chars + 1;
}

/* One line a terminal shows as it is: no C0 controls, DEL or C1 controls, and none of
 * Unicode's line and paragraph separators. */
static const char *
not_one_line (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        return "a control character";
      if (c == 0x2028 || c == 0x2029)
        return "a line or paragraph separator";
    }
  return NULL;
}

static void
check_refusal (const char   *text,
               const char   *source,
               gsize         length,
               gboolean      has_position,
               guint         line,
               guint         column,
               const GError *error)
{
  const char *message;
  const char *why;
  const char *p;
  char *end = NULL;
  guint64 message_line, message_column;

  if (error == NULL || error->message == NULL)
    fuzz_fail (text, "anneal_import() returned NULL without an error");
  if (error->domain != ANNEAL_IMPORT_ERROR)
    fuzz_fail (text, "error from another domain: %s", error->message);
  if (error->code < ANNEAL_IMPORT_ERROR_SYNTAX || error->code > ANNEAL_IMPORT_ERROR_LIMIT)
    fuzz_fail (text, "unknown error code %d: %s", error->code, error->message);

  message = error->message;
  if (!g_utf8_validate (message, -1, NULL))
    fuzz_fail (text, "error message is not valid UTF-8");
  why = not_one_line (message);
  if (why != NULL)
    fuzz_fail (text, "error message has %s: %s", why, message);

  /* "line L, column C: reason" */
  if (!g_str_has_prefix (message, "line "))
    fuzz_fail (text, "error message does not start with \"line \": %s", message);
  p = message + strlen ("line ");
  message_line = g_ascii_strtoull (p, &end, 10);
  if (end == p || !g_str_has_prefix (end, ", column "))
    fuzz_fail (text, "error message has no \"line L, column C\": %s", message);
  p = end + strlen (", column ");
  message_column = g_ascii_strtoull (p, &end, 10);
  if (end == p || !g_str_has_prefix (end, ": "))
    fuzz_fail (text, "error message has no \"line L, column C: \": %s", message);
  if (end[2] == '\0' || end[2] == ' ')
    fuzz_fail (text, "error message gives no reason: %s", message);

  if (has_position && (message_line != line || message_column != column))
    fuzz_fail (text, "error at line %u, column %u, but the message says: %s",
               line, column, message);
  if (message_line > G_MAXUINT || message_column > G_MAXUINT ||
      !inside_input (source, length, (guint) message_line, (guint) message_column))
    fuzz_fail (text, "error position is outside the input (%" G_GSIZE_FORMAT " bytes): %s",
               length, message);
}

static void
check_import (const char         *text,
              const char         *source,
              gsize               length,
              const AnnealImport *import)
{
  g_autoptr(AnnealSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  const char *why;
  gboolean known = FALSE;

  if (import->spec == NULL || import->spec[0] == '\0')
    fuzz_fail (text, "imported without a spec");
  if (!g_utf8_validate (import->spec, -1, NULL))
    fuzz_fail (text, "the spec is not valid UTF-8");
  why = not_one_line (import->spec);
  if (why != NULL)
    fuzz_fail (text, "the spec has %s: %s", why, import->spec);

  schedule = anneal_schedule_parse (import->spec, NULL, &error);
  if (schedule == NULL)
    fuzz_fail (text, "the spec \"%s\" does not parse: %s", import->spec, error->message);
  canonical = anneal_schedule_to_string (schedule);
  if (g_strcmp0 (canonical, import->spec) != 0)
    fuzz_fail (text, "the spec \"%s\" is not canonical: \"%s\"", import->spec, canonical);

  for (guint i = 0; i < G_N_ELEMENTS (epochs); i++)
    {
      double v = anneal_schedule_value (schedule, epochs[i]);

      if (!isfinite (v) || v < 0)
        fuzz_fail (text, "the spec \"%s\" is %.17g at t = %" G_GINT64_FORMAT,
                   import->spec, v, epochs[i]);
    }

  if (import->label == NULL || import->label[0] == '\0')
    fuzz_fail (text, "the spec \"%s\" has no label", import->spec);
  for (guint i = 0; i < G_N_ELEMENTS (libraries); i++)
    if (g_strcmp0 (import->library, libraries[i]) == 0)
      known = TRUE;
  if (!known)
    fuzz_fail (text, "the spec \"%s\" comes from an unknown library \"%s\"",
               import->spec, import->library != NULL ? import->library : "(null)");
  if (!inside_input (source, length, import->line, import->column))
    fuzz_fail (text, "the call of \"%s\" is at line %u, column %u, outside the input",
               import->spec, import->line, import->column);
}

/* Imports @source twice, checks the first answer and that the second is the same. */
static void
import_and_check (const char *text,
                  const char *source,
                  gsize       length,
                  double      base_lr,
                  gboolean    with_position)
{
  g_autoptr(AnnealImport) import = NULL;
  g_autoptr(AnnealImport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error_again = NULL;
  guint line = 0, column = 0;

  import = anneal_import (source, (gssize) length, base_lr,
                          with_position ? &line : NULL, with_position ? &column : NULL,
                          &error);
  if (import == NULL)
    check_refusal (text, source, length, with_position, line, column, error);
  else if (error != NULL)
    fuzz_fail (text, "an import and an error at once: %s", error->message);
  else
    check_import (text, source, length, import);

  again = anneal_import (source, (gssize) length, base_lr, NULL, NULL, &error_again);
  if ((import == NULL) != (again == NULL))
    fuzz_fail (text, "imported twice, accepted once and refused once");
  if (import != NULL &&
      (g_strcmp0 (import->spec, again->spec) != 0 || import->line != again->line ||
       import->column != again->column))
    fuzz_fail (text, "imported twice, two answers: \"%s\" and \"%s\"", import->spec, again->spec);
  if (import == NULL &&
      (error_again == NULL || error_again->code != error->code ||
       g_strcmp0 (error->message, error_again->message) != 0))
    fuzz_fail (text, "imported twice, two errors: %s and %s", error->message,
               error_again != NULL ? error_again->message : "(none)");
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;

  /* For messages and anneal_import_looks_like_code(): a copy that ends with NUL. The
   * importer itself gets libFuzzer's buffer, exactly @size bytes: it must honour the
   * length. */
  text = g_malloc (size + 1);
  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';

  import_and_check (text, (const char *) data, size, NAN, TRUE);
  import_and_check (text, (const char *) data, size, BASE_LR, FALSE);

  anneal_import_looks_like_code (text);

  return 0;
}
