/* anneal-series-row.h — one series in the sidebar: swatch, label, spec, visibility
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <anneal.h>

#include "anneal-chart.h"

G_BEGIN_DECLS

/* The characters of a series' label a row, or the statistics' name cell, lays out
 * (its first line; the tooltip has it whole): a row shows some 40, and 1000 series
 * of 1000-character labels, shaped whole, held the main loop for 30 s. */
#define ANNEAL_SERIES_LABEL_SHOWN 64

/* The characters of a series' spec its row lays out (the tooltip and the Spec field
 * have it whole): a row shows some 60 in its small monospace font, and 50 specs of
 * 4000 characters (a sequence of 64 stages), shaped whole, held the main loop 3 s
 * while a document opened. */
#define ANNEAL_SERIES_SPEC_SHOWN 256

/* The pitfalls of a series its warning icon's tooltip lists, and the panel shows
 * as rows at once; the others are counted (the panel has them behind an expander). */
#define ANNEAL_PITFALLS_SHOWN 8

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
/* Shows a warning icon, its tooltip naming each pitfall, or hides it (NULL or empty). */
void       anneal_series_row_set_pitfalls (AnnealSeriesRow *self,
                                           GPtrArray       *pitfalls);
GtkWidget *anneal_series_row_get_warning_icon (AnnealSeriesRow *self);
/* The swatch on the row's button, and the popover's toggles: colour @i of the
 * palette, line style @i (dash @i); the series' own are active */
GtkWidget *anneal_series_row_get_swatch       (AnnealSeriesRow *self);
GtkWidget *anneal_series_row_get_color_choice (AnnealSeriesRow *self,
                                               guint            i);
GtkWidget *anneal_series_row_get_dash_choice  (AnnealSeriesRow *self,
                                               guint            i);
/* Draws a short line in a series' colour and dash (also used by the statistics table),
 * in the palette of the style shown: anneal_swatch_get_theme(), redrawn when it changes */
GtkWidget *anneal_swatch_new        (guint32          rgb,
                                     guint            dash);
void       anneal_swatch_set        (GtkWidget       *swatch,
                                     guint32          rgb,
                                     guint            dash);
/* The chart theme of the style shown: dark or light, as AdwStyleManager has it */
AnnealChartTheme anneal_swatch_get_theme (void);

G_END_DECLS
