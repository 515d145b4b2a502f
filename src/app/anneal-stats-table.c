/* anneal-stats-table.c — first, last, min, max, mean and sum of every series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers come from anneal_schedule_stats(), which needs no per-epoch array, so
 * the table stays live even at 10^7 epochs.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "anneal-series-row.h"
#include "anneal-stats-table.h"

#define N_COLUMNS 7

struct _AnnealStatsTable
{
  AdwBin     parent_instance;

  GtkWidget *grid;
  guint      n_rows;
};

G_DEFINE_FINAL_TYPE (AnnealStatsTable, anneal_stats_table, ADW_TYPE_BIN)

static GtkWidget *
add_label (AnnealStatsTable *self,
           const char       *text,
           guint             column,
           guint             row,
           gboolean          numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 12);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_widget_set_hexpand (label, TRUE);
    }
  gtk_label_set_selectable (GTK_LABEL (label), row > 0);
  gtk_widget_set_focusable (label, FALSE);
  gtk_grid_attach (GTK_GRID (self->grid), label, column + 1, row, 1, 1);

  return label;
}

static void
format_stat (double  value,
             char   *buffer,
             gsize   size)
{
  if (!isfinite (value))
    g_snprintf (buffer, size, "—");
  else if (value != 0 && (fabs (value) < 1e-4 || fabs (value) >= 1e6))
    g_snprintf (buffer, size, "%.4e", value);
  else
    g_snprintf (buffer, size, "%.5g", value);
}

void
anneal_stats_table_update (AnnealStatsTable *self,
                           AnnealChart      *chart)
{
  static const char *headers[N_COLUMNS] = {
    N_("Series"), N_("First"), N_("Last"), N_("Min"), N_("Max"), N_("Mean"), N_("Sum"),
  };
  GtkWidget *child;
  gint64 n_epochs;
  guint n;

  g_return_if_fail (ANNEAL_IS_STATS_TABLE (self));
  g_return_if_fail (ANNEAL_IS_CHART (chart));

  while ((child = gtk_widget_get_first_child (self->grid)) != NULL)
    gtk_grid_remove (GTK_GRID (self->grid), child);

  for (guint c = 0; c < N_COLUMNS; c++)
    {
      GtkWidget *label = add_label (self, _(headers[c]), c, 0, c > 0);

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
    }

  n = anneal_chart_get_n_series (chart);
  n_epochs = anneal_chart_get_epochs (chart);

  for (guint i = 0; i < n; i++)
    {
      AnnealSchedule *schedule = anneal_chart_get_series_schedule (chart, i);
      gboolean visible = anneal_chart_get_series_visible (chart, i);
      double values[6];
      AnnealStats stats;
      GtkWidget *swatch;

      anneal_schedule_stats (schedule, 0, MAX (0, n_epochs - 1), &stats);
      values[0] = stats.first;
      values[1] = stats.last;
      values[2] = stats.min;
      values[3] = stats.max;
      values[4] = stats.mean;
      values[5] = stats.sum;

      swatch = anneal_swatch_new (anneal_chart_get_series_color (chart, i),
                                  anneal_chart_get_series_dash (chart, i));
      gtk_widget_set_opacity (swatch, visible ? 1.0 : 0.35);
      gtk_grid_attach (GTK_GRID (self->grid), swatch, 0, i + 1, 1, 1);

      add_label (self, anneal_chart_get_series_label (chart, i), 0, i + 1, FALSE);
      for (guint c = 0; c < 6; c++)
        {
          char buf[64];

          format_stat (values[c], buf, sizeof buf);
          add_label (self, buf, c + 1, i + 1, TRUE);
        }
    }

  self->n_rows = n;
}

const char *
anneal_stats_table_get_cell (AnnealStatsTable *self,
                             guint             row,
                             guint             column)
{
  GtkWidget *child;

  g_return_val_if_fail (ANNEAL_IS_STATS_TABLE (self), NULL);

  if (row >= self->n_rows || column >= N_COLUMNS)
    return NULL;

  child = gtk_grid_get_child_at (GTK_GRID (self->grid), column + 1, row + 1);
  return GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : NULL;
}

GtkWidget *
anneal_stats_table_new (void)
{
  return g_object_new (ANNEAL_TYPE_STATS_TABLE, NULL);
}

static void
anneal_stats_table_class_init (AnnealStatsTableClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_css_name (widget_class, "statstable");
}

static void
anneal_stats_table_init (AnnealStatsTable *self)
{
  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 14);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Statistics"),
                                  -1);
  adw_bin_set_child (ADW_BIN (self), self->grid);
}
