/* anneal-chart-view.h — the chart renderer inside a widget, with crosshair and zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "anneal-chart.h"

G_BEGIN_DECLS

#define ANNEAL_TYPE_CHART_VIEW (anneal_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (AnnealChartView, anneal_chart_view, ANNEAL, CHART_VIEW, GtkWidget)

GtkWidget   *anneal_chart_view_new           (void);
AnnealChart *anneal_chart_view_get_chart     (AnnealChartView *self);
void         anneal_chart_view_set_chart     (AnnealChartView *self,
                                              AnnealChart     *chart);
/* Zooms the epoch axis by @factor (< 1 zooms in) around @epoch. */
void         anneal_chart_view_zoom          (AnnealChartView *self,
                                              double           epoch,
                                              double           factor);
/* The epoch under the crosshair, or -1 when the pointer is outside the plot. */
gint64       anneal_chart_view_get_hover_epoch (AnnealChartView *self);
void         anneal_chart_view_set_hover_epoch (AnnealChartView *self,
                                                gint64           epoch);
/* The pointer moved to (@x, @y), in widget coordinates: what a motion event does */
void         anneal_chart_view_pointer_moved (AnnealChartView *self,
                                              double           x,
                                              double           y);
/* The readout text for the epoch under the crosshair (for tests and screen readers). */
char        *anneal_chart_view_dup_readout   (AnnealChartView *self);
/* Whether what the chart deferred of the figure (anneal_chart_set_deferred()) is being
 * computed, and whether the figure shown is the chart as it is, whole */
gboolean     anneal_chart_view_get_computing       (AnnealChartView *self);
gboolean     anneal_chart_view_get_figure_complete (AnnealChartView *self);
/* Microseconds (g_get_monotonic_time) of the first snapshot, 0 before it. */
gint64       anneal_chart_view_get_first_frame_time (AnnealChartView *self);

G_END_DECLS
