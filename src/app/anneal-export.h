/* anneal-export.h — figures and data to files and the clipboard, without any dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anneal-chart.h"

G_BEGIN_DECLS

/* Values follow the GSettings enum io.github.annealapp.Anneal.ExportTheme. */
typedef enum
{
  ANNEAL_EXPORT_THEME_LIGHT,
  ANNEAL_EXPORT_THEME_DARK,
  ANNEAL_EXPORT_THEME_TRANSPARENT,
  ANNEAL_EXPORT_THEME_AS_DISPLAYED,
} AnnealExportTheme;

typedef struct
{
  AnnealChartFormat format;
  int               width;
  int               height;
  double            scale;
  AnnealExportTheme theme;
} AnnealExportOptions;

void         anneal_export_options_init_default (AnnealExportOptions       *options);
const char  *anneal_export_format_extension     (AnnealChartFormat          format);
/* Replaces the extension of @name by the one of @format ("Untitled.anneal" → "Untitled.png"). */
char        *anneal_export_suggest_name         (const char                *name,
                                                 AnnealChartFormat          format);
/* Writes @chart to @path in the given theme; the chart's own theme is left as it was.
 * Nothing half-written is left behind on failure. */
gboolean     anneal_export_to_file              (AnnealChart               *chart,
                                                 const char                *path,
                                                 const AnnealExportOptions *options,
                                                 GError                   **error);
GdkTexture  *anneal_export_to_texture           (AnnealChart               *chart,
                                                 const AnnealExportOptions *options,
                                                 GError                   **error);
gboolean     anneal_export_to_clipboard         (AnnealChart               *chart,
                                                 GdkClipboard              *clipboard,
                                                 const AnnealExportOptions *options,
                                                 GError                   **error);

G_END_DECLS
