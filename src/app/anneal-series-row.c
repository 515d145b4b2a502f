/* anneal-series-row.c — one series in the sidebar: swatch, label, spec, visibility
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "anneal-chart.h"
#include "anneal-series-row.h"
#include "anneal-text.h"
#include "anneal-tooltip.h"

#define N_PALETTE 8
#define N_DASHES 7
#define SWATCH_WIDTH 36
#define SWATCH_HEIGHT 14
#define SWATCH_LINE_WIDTH 2.0

struct _AnnealSeriesRow
{
  AdwActionRow  parent_instance;

  GtkWidget    *color_button;
  GtkWidget    *swatch;
  GtkWidget    *visible_button;
  GtkWidget    *warning_icon;
  GtkWidget    *color_choices[N_PALETTE];
  GtkWidget    *dash_choices[N_DASHES];
  guint         n_dashes;
  guint32       rgb;
  guint         dash;
  gboolean      visible;
  guint         updating;
  GPtrArray    *pitfalls;  /* the ones shown (the window keeps them while unchanged) */
};

G_DEFINE_FINAL_TYPE (AnnealSeriesRow, anneal_series_row, ADW_TYPE_ACTION_ROW)

enum {
  COLOR_CHOSEN,
  DASH_CHOSEN,
  VISIBILITY_TOGGLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Swatch: a short line in the series' colour and dash, as the legend draws it, in
 * the palette of the style the chart shows (light or dark) */

typedef struct
{
  guint32 rgb;
  guint   dash;
} Swatch;

AnnealChartTheme
anneal_swatch_get_theme (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ())
           ? ANNEAL_CHART_THEME_DARK
           : ANNEAL_CHART_THEME_LIGHT;
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  Swatch *swatch = g_object_get_data (G_OBJECT (area), "swatch");
  double lw = SWATCH_LINE_WIDTH;

  if (swatch == NULL)
    return;

  anneal_chart_draw_line_sample (cr, swatch->rgb, swatch->dash, anneal_swatch_get_theme (),
                                 lw, width - lw, round (height / 2.0), lw);
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
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), SWATCH_WIDTH);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), SWATCH_HEIGHT);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, NULL, NULL);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  /* The palette changes with the style: black is drawn light on dark */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), area, G_CONNECT_SWAPPED);

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

/* The colour and dash popover: a toggle per colour and per line style, the
 * series' own active (drawn with an accent ring, read out as pressed) */

static const char * const color_names[N_PALETTE] = {
  N_("Blue"),
  N_("Vermillion"),
  N_("Bluish Green"),
  N_("Orange"),
  N_("Reddish Purple"),
  N_("Sky Blue"),
  N_("Black"),
  N_("Yellow"),
};

static const char * const dash_names[N_DASHES] = {
  N_("Solid"),
  N_("Dashed"),
  N_("Dotted"),
  N_("Dash-Dot"),
  N_("Long Dash"),
  N_("Dash-Dot-Dot"),
  N_("Short Dash"),
};

static void
update_choices (AnnealSeriesRow *self)
{
  const char *color_name = _("Custom Colour");
  g_autofree char *description = NULL;

  self->updating++;
  for (guint i = 0; i < N_PALETTE; i++)
    {
      gboolean own = anneal_chart_palette_color (i) == (self->rgb & 0xFFFFFF);

      /* (the popover's choices exist once it has been opened) */
      if (self->color_choices[i] != NULL)
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->color_choices[i]), own);
      if (own)
        color_name = _(color_names[i]);
    }
  for (guint i = 0; i < self->n_dashes; i++)
    {
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->dash_choices[i]), i == self->dash);
      /* The line styles in the series' colour */
      anneal_swatch_set (gtk_button_get_child (GTK_BUTTON (self->dash_choices[i])), self->rgb, i);
    }

  /* What the swatch shows, for screen readers */
  /* Translators: the colour and the line style of a series, e.g. "Blue, Long Dash" */
  description = g_strdup_printf (_("%s, %s"), color_name,
                                 _(dash_names[self->dash % N_DASHES]));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->color_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  self->updating--;
}

static void
on_color_clicked (GtkButton       *button,
                  AnnealSeriesRow *self)
{
  guint32 rgb = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "rgb"));

  if (self->updating)
    return;

  /* The series' own stays active until the chart takes the new colour */
  update_choices (self);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->color_button));
  g_signal_emit (self, signals[COLOR_CHOSEN], 0, rgb);
}

static void
on_dash_clicked (GtkButton       *button,
                 AnnealSeriesRow *self)
{
  guint dash = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "dash"));

  if (self->updating)
    return;

  update_choices (self);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->color_button));
  g_signal_emit (self, signals[DASH_CHOSEN], 0, dash);
}

static GtkWidget *
create_choice (const char *name,
               GtkWidget  *swatch)
{
  GtkWidget *button = gtk_toggle_button_new ();

  gtk_button_set_child (GTK_BUTTON (button), swatch);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "style-choice");
  anneal_widget_set_tooltip_text (button, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  return button;
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
  for (guint i = 0; i < N_PALETTE; i++)
    {
      guint32 rgb = anneal_chart_palette_color (i);
      GtkWidget *button = create_choice (_(color_names[i]), anneal_swatch_new (rgb, 0));

      g_object_set_data (G_OBJECT (button), "rgb", GUINT_TO_POINTER (rgb));
      g_signal_connect (button, "clicked", G_CALLBACK (on_color_clicked), self);
      gtk_grid_attach (GTK_GRID (grid), button, i % 4, i / 4, 1, 1);
      self->color_choices[i] = button;
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
  self->n_dashes = MIN (anneal_chart_get_n_dashes (), G_N_ELEMENTS (dash_names));
  for (guint i = 0; i < self->n_dashes; i++)
    {
      GtkWidget *button = create_choice (_(dash_names[i]), anneal_swatch_new (0x808080, i));

      g_object_set_data (G_OBJECT (button), "dash", GUINT_TO_POINTER (i));
      g_signal_connect (button, "clicked", G_CALLBACK (on_dash_clicked), self);
      gtk_grid_attach (GTK_GRID (grid), button, i % 4, i / 4, 1, 1);
      self->dash_choices[i] = button;
    }
  gtk_box_append (GTK_BOX (box), grid);

  gtk_popover_set_child (GTK_POPOVER (popover), box);
  return popover;
}

/* The style popover is made when it first pops up: a window opens with a row per
 * series, and each popover is two dozen buttons with their swatches (start-up). */
static void
ensure_style_popover (AnnealSeriesRow *self)
{
  if (self->color_choices[0] != NULL)
    return;
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->color_button), create_style_popover (self));
  update_choices (self);
}

static void
create_style_popup (GtkMenuButton *button,
                    gpointer       data)
{
  ensure_style_popover (ANNEAL_SERIES_ROW (data));
}

GtkWidget *
anneal_series_row_get_color_choice (AnnealSeriesRow *self,
                                    guint            i)
{
  g_return_val_if_fail (ANNEAL_IS_SERIES_ROW (self), NULL);
  g_return_val_if_fail (i < N_PALETTE, NULL);
  ensure_style_popover (self);
  return self->color_choices[i];
}

GtkWidget *
anneal_series_row_get_dash_choice (AnnealSeriesRow *self,
                                   guint            i)
{
  g_return_val_if_fail (ANNEAL_IS_SERIES_ROW (self), NULL);
  ensure_style_popover (self);
  g_return_val_if_fail (i < self->n_dashes, NULL);
  return self->dash_choices[i];
}

GtkWidget *
anneal_series_row_get_swatch (AnnealSeriesRow *self)
{
  g_return_val_if_fail (ANNEAL_IS_SERIES_ROW (self), NULL);
  return self->swatch;
}

static void
set_visible_state (AnnealSeriesRow *self,
                   gboolean         visible)
{
  self->visible = visible;
  gtk_button_set_icon_name (GTK_BUTTON (self->visible_button),
                            visible ? "view-reveal-symbolic" : "view-conceal-symbolic");
  anneal_widget_set_tooltip_text (self->visible_button,
                                  visible ? _("Hide Series") : _("Show Series"));
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

/* Whether @text is at most two characters, combining marks not counted */
static gboolean
few_characters (const char *text)
{
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0' && n <= 2; p = g_utf8_next_char (p))
    {
      GUnicodeType type = g_unichar_type (g_utf8_get_char (p));

      n += type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK &&
           type != G_UNICODE_ENCLOSING_MARK;
    }
  return text != NULL && n <= 2;
}

void
anneal_series_row_update (AnnealSeriesRow *self,
                          const char      *label,
                          const char      *spec,
                          guint32          rgb,
                          guint            dash,
                          gboolean         visible)
{
  /* One line, wherever Pango would break it: the tooltip has it whole */
  g_autofree char *line = label != NULL ? anneal_text_bound (label, 1, ANNEAL_SERIES_LABEL_SHOWN) : NULL;
  g_autofree char *spec_shown = spec != NULL ? anneal_text_bound (spec, 1, ANNEAL_SERIES_SPEC_SHOWN) : NULL;

  g_return_if_fail (ANNEAL_IS_SERIES_ROW (self));

  self->updating++;
  /* One or two characters never need the ellipsis, and GTK 4.8 measures a one-line
   * ellipsized label narrower than "…" with a natural width below its minimum (a
   * Gtk-WARNING for every label such as "a" or "i"): those are not ellipsized. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self), few_characters (label) ? 0 : 1);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), line != NULL ? line : label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), spec_shown != NULL ? spec_shown : spec);
  anneal_swatch_set (self->swatch, rgb, dash);
  self->rgb = rgb;
  self->dash = dash;
  update_choices (self);
  set_visible_state (self, visible);
  gtk_widget_set_opacity (self->swatch, visible ? 1.0 : 0.35);
  self->updating--;
}

void
anneal_series_row_set_pitfalls (AnnealSeriesRow *self,
                                GPtrArray       *pitfalls)
{
  g_autoptr(GString) tooltip = g_string_new (NULL);

  g_return_if_fail (ANNEAL_IS_SERIES_ROW (self));

  if (pitfalls != NULL && pitfalls == self->pitfalls)
    return;
  g_clear_pointer (&self->pitfalls, g_ptr_array_unref);
  if (pitfalls != NULL)
    self->pitfalls = g_ptr_array_ref (pitfalls);

  for (guint i = 0; pitfalls != NULL && i < MIN (pitfalls->len, ANNEAL_PITFALLS_SHOWN); i++)
    {
      const AnnealPitfall *p = g_ptr_array_index (pitfalls, i);

      if (tooltip->len > 0)
        g_string_append_c (tooltip, '\n');
      g_string_append_printf (tooltip, "%s: %s",
                              anneal_pitfall_id_to_string (anneal_pitfall_get_id (p)),
                              anneal_pitfall_get_explanation (p));
    }
  /* the rest are in the panel: 64 of them made a tooltip taller than the screen */
  if (pitfalls != NULL && pitfalls->len > ANNEAL_PITFALLS_SHOWN)
    {
      guint rest = pitfalls->len - ANNEAL_PITFALLS_SHOWN;

      g_string_append_c (tooltip, '\n');
      g_string_append_printf (tooltip,
                              g_dngettext (GETTEXT_PACKAGE, "and %u more pitfall",
                                           "and %u more pitfalls", rest),
                              rest);
    }
  gtk_widget_set_visible (self->warning_icon, tooltip->len > 0);
  anneal_widget_set_tooltip_text (self->warning_icon, tooltip->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning_icon),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, tooltip->str,
                                  -1);
}

GtkWidget *
anneal_series_row_get_warning_icon (AnnealSeriesRow *self)
{
  g_return_val_if_fail (ANNEAL_IS_SERIES_ROW (self), NULL);
  return self->warning_icon;
}

GtkWidget *
anneal_series_row_get_visibility_button (AnnealSeriesRow *self)
{
  g_return_val_if_fail (ANNEAL_IS_SERIES_ROW (self), NULL);
  return self->visible_button;
}

/* Focus: GtkListBoxRow selects a row whenever the keyboard focus lands on it, so Tab
 * through the list would select each series it passes, and the panel below would
 * follow. Here the focus only moves the list's cursor; Enter, Space or a click selects
 * (GtkListBox's activate-cursor-row). Otherwise as GtkListBoxRow: forwards the row
 * first, then its buttons; backwards the buttons, then the row. */
static gboolean
anneal_series_row_focus (GtkWidget        *widget,
                         GtkDirectionType  direction)
{
  GtkWidget *child = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (widget));
  GtkWidget *focus_child = gtk_widget_get_focus_child (widget);
  gboolean had_focus = gtk_widget_is_focus (widget);

  if (focus_child != NULL && gtk_widget_child_focus (focus_child, direction))
    return TRUE;

  switch (direction)
    {
    case GTK_DIR_TAB_FORWARD:
    case GTK_DIR_RIGHT:
      if (focus_child != NULL)
        return FALSE;
      if (!had_focus)
        return gtk_widget_grab_focus (widget);
      return child != NULL && gtk_widget_child_focus (child, direction);

    case GTK_DIR_TAB_BACKWARD:
    case GTK_DIR_LEFT:
      if (had_focus)
        return FALSE;
      if (focus_child == NULL && child != NULL && gtk_widget_child_focus (child, direction))
        return TRUE;
      return gtk_widget_grab_focus (widget);

    case GTK_DIR_UP:
    case GTK_DIR_DOWN:
    default:
      return !had_focus && focus_child == NULL && gtk_widget_grab_focus (widget);
    }
}

GtkWidget *
anneal_series_row_new (void)
{
  return g_object_new (ANNEAL_TYPE_SERIES_ROW, NULL);
}

static void
anneal_series_row_finalize (GObject *object)
{
  AnnealSeriesRow *self = ANNEAL_SERIES_ROW (object);

  g_clear_pointer (&self->pitfalls, g_ptr_array_unref);

  G_OBJECT_CLASS (anneal_series_row_parent_class)->finalize (object);
}

static void
anneal_series_row_class_init (AnnealSeriesRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = anneal_series_row_finalize;
  widget_class->focus = anneal_series_row_focus;

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
  /* a label of one letter and 990 combining marks drew a stroke over the header bar */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  self->swatch = anneal_swatch_new (0, 0);
  self->color_button = gtk_menu_button_new ();
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->color_button), self->swatch);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->color_button),
                                         create_style_popup, self, NULL);
  gtk_widget_add_css_class (self->color_button, "flat");
  gtk_widget_set_valign (self->color_button, GTK_ALIGN_CENTER);
  anneal_widget_set_tooltip_text (self->color_button, _("Colour and Line Style"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->color_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Colour and line style"),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (self), self->color_button);

  /* Shown when the run has pitfalls: the tooltip says which (anneal-pitfalls.h). */
  self->warning_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (self->warning_icon, "warning");
  gtk_widget_set_valign (self->warning_icon, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (self->warning_icon, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->warning_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pitfalls"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), self->warning_icon);

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
