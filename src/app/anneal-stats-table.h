/* anneal-stats-table.h — first, last, min, max, mean and sum of every series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "anneal-chart.h"

G_BEGIN_DECLS

#define ANNEAL_TYPE_STATS_TABLE (anneal_stats_table_get_type ())
G_DECLARE_FINAL_TYPE (AnnealStatsTable, anneal_stats_table, ANNEAL, STATS_TABLE, AdwBin)

GtkWidget  *anneal_stats_table_new      (void);
/* Shows @chart's series at once; numbers not known yet are computed in a thread. */
void        anneal_stats_table_update   (AnnealStatsTable *self,
                                         AnnealChart      *chart);
/* The text of a cell: @row counts series from 0, @column 0 is the label, 1 … 6 are
 * first, last, min, max, mean, sum. NULL outside the table. */
const char *anneal_stats_table_get_cell (AnnealStatsTable *self,
                                         guint             row,
                                         guint             column);
/* The swatch of series @row (anneal_swatch_new()), NULL outside the table */
GtkWidget  *anneal_stats_table_get_swatch (AnnealStatsTable *self,
                                           guint             row);
/* Whether some rows are still being computed (in a worker thread; they are dimmed). */
gboolean    anneal_stats_table_get_updating (AnnealStatsTable *self);
/* Whether @row shows previous numbers (dimmed) while its new ones are computed. */
gboolean    anneal_stats_table_row_is_updating (AnnealStatsTable *self,
                                                guint             row);

G_END_DECLS
