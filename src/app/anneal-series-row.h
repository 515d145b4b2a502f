/* anneal-series-row.h — one series in the sidebar: swatch, label, spec, visibility
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ANNEAL_TYPE_SERIES_ROW (anneal_series_row_get_type ())
G_DECLARE_FINAL_TYPE (AnnealSeriesRow, anneal_series_row, ANNEAL, SERIES_ROW, AdwActionRow)

GtkWidget *anneal_series_row_new    (void);
void       anneal_series_row_update (AnnealSeriesRow *self,
                                     const char      *label,
                                     const char      *spec,
                                     guint32          rgb,
                                     guint            dash,
                                     gboolean         visible);
GtkWidget *anneal_series_row_get_visibility_button (AnnealSeriesRow *self);
/* Draws a short line in a series' colour and dash (also used by the statistics table). */
GtkWidget *anneal_swatch_new        (guint32          rgb,
                                     guint            dash);
void       anneal_swatch_set        (GtkWidget       *swatch,
                                     guint32          rgb,
                                     guint            dash);

G_END_DECLS
