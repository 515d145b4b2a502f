/* anneal-export.h — figures and data to files and the clipboard, without any dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anneal-chart.h"
#include "anneal-code.h"

G_BEGIN_DECLS

/* Values follow the GSettings enum io.github.annealapp.Anneal.ExportTheme. */
typedef enum
{
  ANNEAL_EXPORT_THEME_LIGHT,
  ANNEAL_EXPORT_THEME_DARK,
  ANNEAL_EXPORT_THEME_TRANSPARENT,
  ANNEAL_EXPORT_THEME_AS_DISPLAYED,
} AnnealExportTheme;

/* Values follow the GSettings enum io.github.annealapp.Anneal.ExportFormat: the
 * chart's formats (as AnnealChartFormat numbers them), then training code for one
 * series. */
typedef enum
{
  ANNEAL_EXPORT_FORMAT_PNG,
  ANNEAL_EXPORT_FORMAT_SVG,
  ANNEAL_EXPORT_FORMAT_PDF,
  ANNEAL_EXPORT_FORMAT_CSV,
  ANNEAL_EXPORT_FORMAT_PYTORCH,  /* make_scheduler(optimizer), as `anneal-cli code --to pytorch` */
  ANNEAL_EXPORT_FORMAT_PYTHON,   /* lr_at(step), as `anneal-cli code --to python` */
} AnnealExportFormat;

typedef struct
{
  AnnealExportFormat format;
  int                width;
  int                height;
  double             scale;
  AnnealExportTheme  theme;
  int                series;  /* the series the code formats write; −1: none */
} AnnealExportOptions;

void         anneal_export_options_init_default (AnnealExportOptions       *options);
/* TRUE for the formats that draw the chart (PNG, SVG, PDF): size and theme matter. */
gboolean     anneal_export_format_is_figure     (AnnealExportFormat         format);
/* TRUE for the training-code formats, which write one series. */
gboolean     anneal_export_format_is_code       (AnnealExportFormat         format);
const char  *anneal_export_format_extension     (AnnealExportFormat         format);
/* Replaces the extension of @name by the one of @format ("Untitled.anneal" → "Untitled.png"). */
char        *anneal_export_suggest_name         (const char                *name,
                                                 AnnealExportFormat         format);
/* The training code for series @index of @chart: what `anneal-cli code` prints for
 * its spec. NULL with @error set when there is no such series or a kind of it has
 * no code. */
char        *anneal_export_code                 (AnnealChart               *chart,
                                                 int                        index,
                                                 AnnealCodeLanguage         language,
                                                 GError                   **error);
/* Writes @chart to @path in the given theme (the chart's own theme is left as it
 * was), or, for a code format, the code of series options->series. Nothing
 * half-written is left behind on failure. */
gboolean     anneal_export_to_file              (AnnealChart               *chart,
                                                 const char                *path,
                                                 const AnnealExportOptions *options,
                                                 GError                   **error);
GdkTexture  *anneal_export_to_texture           (AnnealChart               *chart,
                                                 const AnnealExportOptions *options,
                                                 GError                   **error);

/* The file, or the clipboard's figure, in a worker thread, from a copy of @chart taken
 * now (anneal_chart_copy()): a figure of 8192 × 8192 at scale 1.4 took 5 to 17 s to
 * draw, on the main loop. @callback runs on the main context of the caller.
 * @cancellable stops it: a CSV within 4096 rows, a figure before it is written or
 * copied; the finish then fails with G_IO_ERROR_CANCELLED and nothing is written. */
void         anneal_export_to_file_async        (AnnealChart               *chart,
                                                 const char                *path,
                                                 const AnnealExportOptions *options,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data);
gboolean     anneal_export_to_file_finish       (GAsyncResult              *result,
                                                 GError                   **error);
/* The figure drawn as for the clipboard; the finish puts it on @clipboard */
void         anneal_export_to_clipboard_async   (AnnealChart               *chart,
                                                 const AnnealExportOptions *options,
                                                 GCancellable              *cancellable,
                                                 GAsyncReadyCallback        callback,
                                                 gpointer                   user_data);
gboolean     anneal_export_to_clipboard_finish  (GdkClipboard              *clipboard,
                                                 GAsyncResult              *result,
                                                 GError                   **error);

G_END_DECLS
