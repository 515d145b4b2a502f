/* fuzz-document.c — libFuzzer target for the document loader (saved comparisons)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Feeds arbitrary bytes to anneal_document_load_data() — the path every opened file
 * takes — and checks:
 *
 *  - a refused file leaves the document exactly as it was, with an
 *    ANNEAL_DOCUMENT_ERROR whose message is non-empty UTF-8;
 *  - an accepted file has at most ANNEAL_DOCUMENT_MAX_SERIES series and epochs in
 *    1 … ANNEAL_EPOCH_MAX; its JSON (anneal_document_serialize) loads into a fresh
 *    document and serializes back to the same text;
 *  - the chart it describes draws without trouble onto a small image surface.
 *
 * The loader is GTK-free (GIO, json-glib, the chart model), so this target links only
 * src/app/anneal-document.c, not the app.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include <cairo.h>

#include "anneal-document.h"
#include "fuzz-common.h"

/* Well within the limits, still enough to exercise the curves and the legend. */
#define DRAW_WIDTH  160
#define DRAW_HEIGHT 100

static const char *
shorten (const uint8_t *data,
         size_t         size,
         char          *buffer,
         size_t         buffer_size)
{
  size_t n = MIN (size, buffer_size - 1);

  memcpy (buffer, data, n);
  buffer[n] = '\0';
  return buffer;
}

static void
draw (AnnealChart *chart)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, DRAW_WIDTH, DRAW_HEIGHT);
  cr = cairo_create (surface);
  anneal_chart_draw (chart, cr, DRAW_WIDTH, DRAW_HEIGHT);
  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    fuzz_fail ("(chart)", "drawing failed: %s", cairo_status_to_string (cairo_status (cr)));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
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
  g_autoptr(AnnealDocument) document = anneal_document_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  char input[512];
  AnnealChart *chart;

  /* Libfuzzer's buffer is exactly @size bytes, no NUL: the loader must honour the length. */
  before = anneal_document_serialize (document);

  if (!anneal_document_load_data (document, (const char *) data, (gssize) size, &error))
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        fuzz_fail (shorten (data, size, input, sizeof input), "refused without a message");
      if (error->domain != ANNEAL_DOCUMENT_ERROR)
        fuzz_fail (shorten (data, size, input, sizeof input),
                   "error from another domain: %s", error->message);
      if (!g_utf8_validate (error->message, -1, NULL))
        fuzz_fail (shorten (data, size, input, sizeof input), "error message is not UTF-8");

      after = anneal_document_serialize (document);
      if (g_strcmp0 (before, after) != 0)
        fuzz_fail (shorten (data, size, input, sizeof input),
                   "a refused file changed the document:\n%s", after);
      return 0;
    }

  if (error != NULL)
    fuzz_fail (shorten (data, size, input, sizeof input), "loaded, with an error set");

  chart = anneal_document_get_chart (document);
  if (anneal_chart_get_n_series (chart) > ANNEAL_DOCUMENT_MAX_SERIES)
    fuzz_fail (shorten (data, size, input, sizeof input), "%u series",
               anneal_chart_get_n_series (chart));
  if (anneal_chart_get_epochs (chart) < 1 || anneal_chart_get_epochs (chart) > ANNEAL_EPOCH_MAX)
    fuzz_fail (shorten (data, size, input, sizeof input), "%" G_GINT64_FORMAT " epochs",
               anneal_chart_get_epochs (chart));
  if (anneal_document_get_modified (document))
    fuzz_fail (shorten (data, size, input, sizeof input), "modified right after loading");

  /* What Anneal saves, it opens again, to the same text. */
  after = anneal_document_serialize (document);
  {
    g_autoptr(AnnealDocument) copy = anneal_document_new ();
    g_autofree char *again = NULL;

    if (!anneal_document_load_data (copy, after, -1, &error))
      fuzz_fail (shorten (data, size, input, sizeof input),
                 "the saved text does not load again: %s\n%s", error->message, after);
    again = anneal_document_serialize (copy);
    if (g_strcmp0 (after, again) != 0)
      fuzz_fail (shorten (data, size, input, sizeof input),
                 "saving is not stable:\n%s\nthen\n%s", after, again);
  }

  draw (chart);

  return 0;
}
