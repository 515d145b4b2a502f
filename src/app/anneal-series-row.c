/* anneal-series-row.c — one series in the sidebar: swatch, label, spec, visibility
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "anneal-chart.h"
#include "anneal-series-row.h"

#define N_SWATCH_DASHES 7

struct _AnnealSeriesRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *color_button;
  GtkWidget    *swatch;
  GtkWidget    *visible_button;
  gboolean      visible;
  guint         updating;
};

G_DEFINE_FINAL_TYPE (AnnealSeriesRow, anneal_series_row, ADW_TYPE_ACTION_ROW)

enum {
  COLOR_CHOSEN,
  DASH_CHOSEN,
  VISIBILITY_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Swatch: a short line in the series' colour and dash, as the legend draws it */

typedef struct
{
  guint32 rgb;
  guint   dash;
} Swatch;

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  /* The chart's dash patterns, in multiples of the line width. */
  static const double patterns[N_SWATCH_DASHES][6] = {
    { 0 }, { 4.5, 2.2 }, { 0.01, 2.2 }, { 5, 2, 0.01, 2 }, { 9, 2.6 },
    { 5, 2, 0.01, 2, 0.01, 2 }, { 2, 1.8 },
  };
  static const int lengths[N_SWATCH_DASHES] = { 0, 2, 2, 4, 2, 6, 2 };
  Swatch *swatch = g_object_get_data (G_OBJECT (area), "swatch");
  double lw = 3.0;
  double d[6];
  guint i;

  if (swatch == NULL)
    return;

  i = swatch->dash % N_SWATCH_DASHES;
  for (int k = 0; k < lengths[i]; k++)
    d[k] = patterns[i][k] * lw;

  cairo_set_source_rgb (cr,
                        ((swatch->rgb >> 16) & 0xff) / 255.0,
                        ((swatch->rgb >> 8) & 0xff) / 255.0,
                        (swatch->rgb & 0xff) / 255.0);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, d, lengths[i], 0);
  cairo_move_to (cr, lw, height / 2.0);
  cairo_line_to (cr, width - lw, height / 2.0);
  cairo_stroke (cr);
}

GtkWidget *
anneal_swatch_new (guint32 rgb,
                   guint   dash)
{
  GtkWidget *area = gtk_drawing_area_new ();
  Swatch *swatch = g_new0 (Swatch, 1);

  swatch->rgb = rgb;
  swatch->dash = dash;
  g_object_set_data_full (G_OBJECT (area), "swatch", swatch, g_free);
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 28);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, NULL, NULL);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);

  return area;
}

void
anneal_swatch_set (GtkWidget *area,
                   guint32    rgb,
                   guint      dash)
{
  Swatch *swatch = g_object_get_data (G_OBJECT (area), "swatch");

  g_return_if_fail (swatch != NULL);

  if (swatch->rgb == rgb && swatch->dash == dash)
    return;

  swatch->rgb = rgb;
  swatch->dash = dash;
  gtk_widget_queue_draw (area);
}

/* The colour and dash popover */

static void
on_color_clicked (GtkButton       *button,
                  AnnealSeriesRow *self)
{
  guint32 rgb = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rgb"));

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->color_button));
  g_signal_emit (self, signals[COLOR_CHOSEN], 0, rgb);
}

static void
on_dash_clicked (GtkButton       *button,
                 AnnealSeriesRow *self)
{
  guint dash = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dash"));

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->color_button));
  g_signal_emit (self, signals[DASH_CHOSEN], 0, dash);
}

static GtkWidget *
create_style_popover (AnnealSeriesRow *self)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);

  label = gtk_label_new (_("Colour"));
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  for (guint i = 0; i < 8; i++)
    {
      guint32 rgb = anneal_chart_palette_color (i);
      GtkWidget *button = gtk_button_new ();
      g_autofree char *name = g_strdup_printf (_("Colour %u"), i + 1);

      gtk_button_set_child (GTK_BUTTON (button), anneal_swatch_new (rgb, 0));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, name);
      g_object_set_data (G_OBJECT (button), "rgb", GUINT_TO_POINTER (rgb));
      g_signal_connect (button, "clicked", G_CALLBACK (on_color_clicked), self);
      gtk_grid_attach (GTK_GRID (grid), button, i % 4, i / 4, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);

  label = gtk_label_new (_("Line"));
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 4);
  for (guint i = 0; i < N_SWATCH_DASHES; i++)
    {
      GtkWidget *button = gtk_button_new ();
      g_autofree char *name = g_strdup_printf (_("Line style %u"), i + 1);

      gtk_button_set_child (GTK_BUTTON (button), anneal_swatch_new (0x808080, i));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, name);
      g_object_set_data (G_OBJECT (button), "dash", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_dash_clicked), self);
      gtk_grid_attach (GTK_GRID (grid), button, i % 4, i / 4, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

static void
set_visible_state (AnnealSeriesRow *self,
                   gboolean         visible)
{
  self->visible = visible;
  gtk_button_set_icon_name (GTK_BUTTON (self->visible_button),
                            visible ? "view-reveal-symbolic" : "view-conceal-symbolic");
  gtk_widget_set_tooltip_text (self->visible_button, visible ? _("Hide Series") : _("Show Series"));
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->visible_button),
                               GTK_ACCESSIBLE_STATE_PRESSED,
                               visible ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                       : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

static void
on_visible_clicked (GtkButton       *button,
                    AnnealSeriesRow *self)
{
  set_visible_state (self, !self->visible);
  g_signal_emit (self, signals[VISIBILITY_TOGGLED], 0, self->visible);
}

void
anneal_series_row_update (AnnealSeriesRow *self,
                          const char      *label,
                          const char      *spec,
                          guint32          rgb,
                          guint            dash,
                          gboolean         visible)
{
  g_return_if_fail (ANNEAL_IS_SERIES_ROW (self));

  self->updating++;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), spec);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), spec);
  anneal_swatch_set (self->swatch, rgb, dash);
  set_visible_state (self, visible);
  gtk_widget_set_opacity (self->swatch, visible ? 1.0 : 0.35);
  self->updating--;
}

GtkWidget *
anneal_series_row_get_visibility_button (AnnealSeriesRow *self)
{
  g_return_val_if_fail (ANNEAL_IS_SERIES_ROW (self), NULL);
  return self->visible_button;
}

GtkWidget *
anneal_series_row_new (void)
{
  return g_object_new (ANNEAL_TYPE_SERIES_ROW, NULL);
}

static void
anneal_series_row_class_init (AnnealSeriesRowClass *klass)
{
  signals[COLOR_CHOSEN] =
    g_signal_new ("color-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[DASH_CHOSEN] =
    g_signal_new ("dash-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[VISIBILITY_TOGGLED] =
    g_signal_new ("visibility-toggled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
anneal_series_row_init (AnnealSeriesRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), 1);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 1);
  gtk_widget_add_css_class (GTK_WIDGET (self), "series-row");

  self->swatch = anneal_swatch_new (0, 0);
  self->color_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->color_button), self->swatch);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->color_button), create_style_popover (self));
  gtk_widget_add_css_class (self->color_button, "flat");
  gtk_widget_set_valign (self->color_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (self->color_button, _("Colour and Line Style"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->color_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour and line style"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), self->color_button);

  self->visible_button = gtk_button_new ();
  gtk_widget_add_css_class (self->visible_button, "flat");
  gtk_widget_set_valign (self->visible_button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->visible_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Visible"),
                                  -1);
  set_visible_state (self, TRUE);
  g_signal_connect (self->visible_button, "clicked", G_CALLBACK (on_visible_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->visible_button);
}
