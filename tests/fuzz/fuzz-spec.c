/* fuzz-spec.c — libFuzzer target for the spec-string parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes to anneal_schedule_parse() and checks what a user relies on:
 *
 *  - a refused spec gives one line, "column N: …", with N ≥ 1 matching error_column;
 *  - an accepted spec prints (anneal_schedule_to_string) as text that parses back to an
 *    equal schedule, and printing that again gives the same text;
 *  - values at epochs 0 … 10^15 are finite and ≥ 0;
 *  - anneal_schedule_range() gives finite min ≤ max that bound (and are reached by) the
 *    values over short spans, and anneal_schedule_stats() agrees with them.
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

#include "fuzz-common.h"

/* Relative slack for comparisons between two ways of computing the same number. */
#define REL_TOL 1e-9

static const gint64 epochs[] = {
  0, 1, 2, 9, 10, 1000,
  G_GINT64_CONSTANT (1000000000),
  G_GINT64_CONSTANT (1000000000000),
  ANNEAL_EPOCH_MAX,
};

static const gint64 spans[][2] = {
  { 0, 0 },
  { 0, 100 },
  { 5, 6 },
  { 0, 1000000 },
  { G_GINT64_CONSTANT (999999990), G_GINT64_CONSTANT (1000000010) },
  { 0, ANNEAL_EPOCH_MAX },
  { ANNEAL_EPOCH_MAX - 10, ANNEAL_EPOCH_MAX },
};

/* Spans short enough to check against every value. */
static const gint64 short_spans[][2] = {
  { 0, 80 },
  { 37, 41 },
  { G_GINT64_CONSTANT (1000000000) - 20, G_GINT64_CONSTANT (1000000000) + 20 },
};

static gboolean
close_enough (double a,
              double b)
{
  double scale = MAX (fabs (a), fabs (b));

  return fabs (a - b) <= REL_TOL * scale + 1e-300;
}

static void
check_error (const char   *spec,
             gsize         length,
             guint         column,
             const GError *error)
{
  const char *message;
  char *end = NULL;
  guint64 message_column;

  if (error == NULL || error->message == NULL)
    fuzz_fail (spec, "anneal_schedule_parse() returned NULL without an error");
  if (error->domain != ANNEAL_SPEC_ERROR)
    fuzz_fail (spec, "error from another domain: %s", error->message);

  message = error->message;
  if (!g_str_has_prefix (message, "column "))
    fuzz_fail (spec, "error message does not start with \"column \": %s", message);
  if (strchr (message, '\n') != NULL || strchr (message, '\r') != NULL)
    fuzz_fail (spec, "error message is more than one line: %s", message);
  if (!g_utf8_validate (message, -1, NULL))
    fuzz_fail (spec, "error message is not valid UTF-8");
  if (column < 1)
    fuzz_fail (spec, "error column is %u: %s", column, message);
  /* Columns count characters, so never more than the bytes plus one (the end). */
  if (column > length + 1)
    fuzz_fail (spec, "error column %u is past the end (%" G_GSIZE_FORMAT " bytes): %s",
               column, length, message);

  message_column = g_ascii_strtoull (message + strlen ("column "), &end, 10);
  if (end == message + strlen ("column ") || end[0] != ':' || message_column != column)
    fuzz_fail (spec, "error column %u differs from the message: %s", column, message);
}

static void
check_round_trip (const char     *spec,
                  AnnealSchedule *schedule)
{
  g_autofree char *printed = NULL;
  g_autofree char *printed_again = NULL;
  g_autoptr(AnnealSchedule) reparsed = NULL;
  g_autoptr(GError) error = NULL;
  guint column = 0;

  printed = anneal_schedule_to_string (schedule);
  if (printed == NULL)
    fuzz_fail (spec, "anneal_schedule_to_string() returned NULL");

  reparsed = anneal_schedule_parse (printed, &column, &error);
  if (reparsed == NULL)
    fuzz_fail (spec, "the printed schedule \"%s\" does not parse back: %s",
               printed, error->message);
  if (!anneal_schedule_equal (schedule, reparsed))
    fuzz_fail (spec, "the printed schedule \"%s\" parses back to a different schedule", printed);
  if (!anneal_schedule_equal (reparsed, schedule))
    fuzz_fail (spec, "anneal_schedule_equal() is not symmetric for \"%s\"", printed);

  printed_again = anneal_schedule_to_string (reparsed);
  if (g_strcmp0 (printed, printed_again) != 0)
    fuzz_fail (spec, "printing is not stable: \"%s\" then \"%s\"", printed, printed_again);

  if (anneal_schedule_get_n_stages (schedule) < 1 ||
      anneal_schedule_get_n_stages (schedule) > ANNEAL_SPEC_MAX_STAGES)
    fuzz_fail (spec, "%u stages", anneal_schedule_get_n_stages (schedule));
}

static void
check_values (const char           *spec,
              const AnnealSchedule *schedule)
{
  for (guint i = 0; i < G_N_ELEMENTS (epochs); i++)
    {
      double v = anneal_schedule_value (schedule, epochs[i]);

      if (!isfinite (v) || v < 0)
        fuzz_fail (spec, "value at t = %" G_GINT64_FORMAT " is %.17g", epochs[i], v);
    }
}

static void
check_ranges (const char           *spec,
              const AnnealSchedule *schedule)
{
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      gint64 first = spans[i][0];
      gint64 last = spans[i][1];
      double min = NAN;
      double max = NAN;
      double v_first, v_last;

      anneal_schedule_range (schedule, first, last, &min, &max);
      if (!isfinite (min) || !isfinite (max) || min > max)
        fuzz_fail (spec, "range over %" G_GINT64_FORMAT " … %" G_GINT64_FORMAT
                   " is [%.17g, %.17g]", first, last, min, max);
      if (min < 0)
        fuzz_fail (spec, "range over %" G_GINT64_FORMAT " … %" G_GINT64_FORMAT
                   " has a negative minimum %.17g", first, last, min);

      /* The ends of the span are inside it. */
      v_first = anneal_schedule_value (schedule, first);
      v_last = anneal_schedule_value (schedule, last);
      if ((v_first < min && !close_enough (v_first, min)) ||
          (v_first > max && !close_enough (v_first, max)) ||
          (v_last < min && !close_enough (v_last, min)) ||
          (v_last > max && !close_enough (v_last, max)))
        fuzz_fail (spec, "range over %" G_GINT64_FORMAT " … %" G_GINT64_FORMAT
                   " is [%.17g, %.17g] but the values at the ends are %.17g and %.17g",
                   first, last, min, max, v_first, v_last);
    }
}

static void
check_short_spans (const char           *spec,
                   const AnnealSchedule *schedule)
{
  for (guint i = 0; i < G_N_ELEMENTS (short_spans); i++)
    {
      gint64 first = short_spans[i][0];
      gint64 last = short_spans[i][1];
      double values[128];
      gsize n = (gsize) (last - first + 1);
      double min = NAN, max = NAN;
      double seen_min = INFINITY, seen_max = -INFINITY;
      double sum = 0;
      AnnealStats stats;

      g_assert (n <= G_N_ELEMENTS (values));
      anneal_schedule_fill (schedule, first, n, values);
      for (gsize k = 0; k < n; k++)
        {
          double v = anneal_schedule_value (schedule, first + (gint64) k);

          if (!isfinite (v) || v < 0)
            fuzz_fail (spec, "value at t = %" G_GINT64_FORMAT " is %.17g", first + (gint64) k, v);
          if (!close_enough (v, values[k]))
            fuzz_fail (spec, "fill() and value() differ at t = %" G_GINT64_FORMAT
                       ": %.17g and %.17g", first + (gint64) k, values[k], v);
          seen_min = MIN (seen_min, v);
          seen_max = MAX (seen_max, v);
          sum += v;
        }

      anneal_schedule_range (schedule, first, last, &min, &max);
      if (!close_enough (min, seen_min) || !close_enough (max, seen_max))
        fuzz_fail (spec, "range over %" G_GINT64_FORMAT " … %" G_GINT64_FORMAT
                   " is [%.17g, %.17g] but the values span [%.17g, %.17g]",
                   first, last, min, max, seen_min, seen_max);

      memset (&stats, 0, sizeof stats);
      anneal_schedule_stats (schedule, first, last, &stats);
      if (!isfinite (stats.first) || !isfinite (stats.last) || !isfinite (stats.min) ||
          !isfinite (stats.max) || !isfinite (stats.sum) || !isfinite (stats.mean))
        fuzz_fail (spec, "stats over %" G_GINT64_FORMAT " … %" G_GINT64_FORMAT
                   " are not finite", first, last);
      if (!close_enough (stats.first, values[0]) || !close_enough (stats.last, values[n - 1]) ||
          !close_enough (stats.min, seen_min) || !close_enough (stats.max, seen_max))
        fuzz_fail (spec, "stats over %" G_GINT64_FORMAT " … %" G_GINT64_FORMAT
                   " (first %.17g, last %.17g, min %.17g, max %.17g) disagree with the values"
                   " (%.17g, %.17g, %.17g, %.17g)", first, last, stats.first, stats.last,
                   stats.min, stats.max, values[0], values[n - 1], seen_min, seen_max);
      /* The sum may be computed in closed form: allow for its rounding. */
      if (fabs (stats.sum - sum) > 1e-6 * sum + 1e-300 ||
          fabs (stats.mean - sum / (double) n) > 1e-6 * (sum / (double) n) + 1e-300)
        fuzz_fail (spec, "stats over %" G_GINT64_FORMAT " … %" G_GINT64_FORMAT
                   ": sum %.17g, mean %.17g, but the values add up to %.17g",
                   first, last, stats.sum, stats.mean, sum);
    }
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
  g_autofree char *spec = NULL;
  g_autoptr(AnnealSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  guint column = G_MAXUINT;

  /* A copy that ends with NUL; an embedded NUL simply ends the spec early. */
  spec = g_malloc (size + 1);
  if (size > 0)
    memcpy (spec, data, size);
  spec[size] = '\0';

  schedule = anneal_schedule_parse (spec, &column, &error);
  if (schedule == NULL)
    {
      check_error (spec, strlen (spec), column, error);
      return 0;
    }

  if (error != NULL)
    fuzz_fail (spec, "a schedule and an error at once: %s", error->message);

  check_round_trip (spec, schedule);
  check_values (spec, schedule);
  check_ranges (spec, schedule);
  check_short_spans (spec, schedule);

  return 0;
}
