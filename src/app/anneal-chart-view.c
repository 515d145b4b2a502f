/* anneal-chart-view.c — the chart renderer inside a widget, with crosshair and zoom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The widget draws nothing of the figure itself: snapshot() hands a cairo context to
 * anneal_chart_draw(), the function the exports use too. On top it adds what only a
 * screen has: the crosshair with its readout and the rubber band of a box zoom.
 *
 * The figure's render node is kept until the chart or the size changes, so that a
 * pointer motion redraws the crosshair only; the coordinate queries read the
 * chart's cached layout. With GSK's GL renderer the figure is one texture of the
 * view's own, updated in place on an edit (anneal-figure-texture.c).
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>
#include <adwaita.h>

#include "anneal-application.h"
#include "anneal-chart-view.h"
#include "anneal-figure-texture.h"
#include "anneal-worker.h"
#include "anneal-number.h"
#include "anneal-series-row.h"
#include "anneal-text.h"

#define MIN_SPAN 2.0          /* epochs: the narrowest x range a zoom may reach */
#define MAX_READOUT_ROWS 12

typedef enum
{
  DRAG_NONE,
  DRAG_BOX,
  DRAG_PAN,
} DragMode;

struct _AnnealChartView
{
  GtkWidget    parent_instance;

  AnnealChart *chart;
  gulong       changed_handler;

  GskRenderNode       *chart_node;  /* the figure, until the chart or the size changes */
  AnnealFigureTexture *texture;     /* its pixels, with GSK's GL renderer */
  int                  node_width;
  int                  node_height;
  gboolean             node_stale;    /* the chart changed since it was drawn */
  gboolean             node_complete; /* nothing of it was deferred */

  /* What the chart deferred (anneal_chart_take_work()), computed in a worker thread:
   * meanwhile the figure drawn before stays, and a figure drawn again leaves its
   * work to the next */
  GCancellable        *work;
  guint                work_parts;   /* of it, still computed */
  gboolean             work_waiting;
  guint                work_hint_source;  /* "Drawing…" once it takes a while */
  gboolean             work_hint;
  gboolean             bench_reported;

  gint64       hover_epoch;
  double       pointer_x;
  double       pointer_y;
  gboolean     pointer_inside;

  DragMode     drag_mode;
  double       drag_x;
  double       drag_y;
  double       drag_dx;
  double       drag_dy;
  double       drag_view[4];  /* the view when the drag or pinch began */

  gboolean     y_auto;        /* the y range was the automatic one when the zoom began */

  gint64       first_frame_time;
};

G_DEFINE_FINAL_TYPE (AnnealChartView, anneal_chart_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_CHART,
  PROP_HOVER_EPOCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_dark (AnnealChartView *self)
{
  return self->chart != NULL && anneal_chart_get_theme (self->chart) == ANNEAL_CHART_THEME_DARK;
}

static void
get_size (AnnealChartView *self,
          double          *width,
          double          *height)
{
  *width = MAX (1, gtk_widget_get_width (GTK_WIDGET (self)));
  *height = MAX (1, gtk_widget_get_height (GTK_WIDGET (self)));
}

static gboolean
point_in_plot (AnnealChartView *self,
               double           x,
               double           y)
{
  cairo_rectangle_t area;
  double width, height;

  get_size (self, &width, &height);
  anneal_chart_get_plot_area (self->chart, width, height, &area);

  return x >= area.x && x <= area.x + area.width && y >= area.y && y <= area.y + area.height;
}

static void
update_hover (AnnealChartView *self)
{
  gint64 epoch = -1;

  if (self->chart != NULL && self->pointer_inside && self->drag_mode == DRAG_NONE &&
      point_in_plot (self, self->pointer_x, self->pointer_y))
    {
      double width, height, e, v;

      get_size (self, &width, &height);
      if (anneal_chart_pixel_to_data (self->chart, width, height,
                                      self->pointer_x, self->pointer_y, &e, &v))
        {
          gint64 n = anneal_chart_get_n_steps (self->chart);

          epoch = CLAMP ((gint64) floor (e + 0.5), 0, MAX (0, n - 1));
        }
    }

  anneal_chart_view_set_hover_epoch (self, epoch);
}

static void cancel_work (AnnealChartView *self);

static void
on_chart_changed (AnnealChartView *self)
{
  gint64 n = anneal_chart_get_n_steps (self->chart);

  /* kept, to be shown while what the chart defers is computed; the work for the
   * figure before is stopped (what it computed is kept) */
  self->node_stale = TRUE;
  cancel_work (self);

  if (self->hover_epoch >= n)
    anneal_chart_view_set_hover_epoch (self, n - 1);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_scale_factor_changed (AnnealChartView *self,
                         GParamSpec      *pspec,
                         gpointer         user_data)
{
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_dark_changed (AnnealChartView *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  if (self->chart != NULL)
    anneal_chart_set_theme (self->chart,
                            adw_style_manager_get_dark (manager)
                              ? ANNEAL_CHART_THEME_DARK
                              : ANNEAL_CHART_THEME_LIGHT);
}

/* The figure's text at the desktop's font size (GtkSettings:gtk-font-name, as the
 * widget's style has it), in logical pixels */
static void
update_font_size (AnnealChartView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *desc = pango_context_get_font_description (context);
  double px, dpi;

  if (self->chart == NULL || desc == NULL || pango_font_description_get_size (desc) <= 0)
    return;

  px = pango_font_description_get_size (desc) / (double) PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (desc))
    {
      dpi = pango_cairo_context_get_resolution (context);
      px *= (dpi > 0 ? dpi : 96.0) / 72.0;
    }
  anneal_chart_set_font_size (self->chart,
                              CLAMP (px, ANNEAL_CHART_MIN_FONT_SIZE, ANNEAL_CHART_MAX_FONT_SIZE));
}

static void
anneal_chart_view_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (anneal_chart_view_parent_class)->css_changed (widget, change);
  update_font_size (ANNEAL_CHART_VIEW (widget));
}

static void
set_source_rgb32 (cairo_t *cr,
                  guint32  rgb,
                  double   alpha)
{
  cairo_set_source_rgba (cr,
                         ((rgb >> 16) & 0xff) / 255.0,
                         ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0,
                         alpha);
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   w,
                   double   h,
                   double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A rounded panel over the figure, as the readout and the "Drawing…" hint are: its
 * cairo context, the source set to the text's colour at @text_alpha */
static cairo_t *
append_panel (GtkSnapshot *snapshot,
              double       x,
              double       y,
              double       w,
              double       h,
              double       radius,
              gboolean     dark,
              double       text_alpha)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot,
                                           &GRAPHENE_RECT_INIT (floor (x) - 1, floor (y) - 1,
                                                                ceil (w) + 3, ceil (h) + 3));

  rounded_rectangle (cr, x, y, w, h, radius);
  if (dark)
    cairo_set_source_rgba (cr, 0.19, 0.19, 0.21, 0.94);
  else
    cairo_set_source_rgba (cr, 1, 1, 1, 0.94);
  cairo_fill_preserve (cr);
  if (dark)
    cairo_set_source_rgba (cr, 1, 1, 1, 0.12);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  if (dark)
    cairo_set_source_rgba (cr, 0.95, 0.95, 0.95, text_alpha);
  else
    cairo_set_source_rgba (cr, 0.13, 0.13, 0.15, text_alpha);
  return cr;
}

/* The readout writes numbers as the statistics do (anneal-number.h). */
static void
format_value (double  value,
              char   *buffer,
              gsize   size)
{
  anneal_number_format (value, buffer, size);
}

/* "Epoch 12", or with several steps an epoch "Step 1250 · epoch 12": the x
 * positions are steps */
static char *
hover_heading (AnnealChartView *self)
{
  gint64 k = anneal_chart_get_steps_per_epoch (self->chart);
  char epoch[32], step[32];

  g_snprintf (epoch, sizeof epoch, "%" G_GINT64_FORMAT, self->hover_epoch / k);
  if (k == 1)
    /* Translators: the heading of the crosshair readout, %s is the epoch */
    return g_strdup_printf (_("Epoch %s"), epoch);
  g_snprintf (step, sizeof step, "%" G_GINT64_FORMAT, self->hover_epoch);
  /* Translators: the heading of the crosshair readout: the step, then its epoch */
  return g_strdup_printf (_("Step %s · epoch %s"), step, epoch);
}

char *
anneal_chart_view_dup_readout (AnnealChartView *self)
{
  GString *text;
  g_autofree char *heading = NULL;
  guint n;

  g_return_val_if_fail (ANNEAL_IS_CHART_VIEW (self), NULL);

  if (self->chart == NULL || self->hover_epoch < 0)
    return NULL;

  text = g_string_new (NULL);
  heading = hover_heading (self);
  g_string_append (text, heading);

  n = anneal_chart_get_n_series (self->chart);
  for (guint i = 0; i < n; i++)
    {
      char value[64];

      if (!anneal_chart_get_series_visible (self->chart, i))
        continue;

      format_value (anneal_chart_get_series_value (self->chart, i, self->hover_epoch),
                    value, sizeof value);
      g_string_append_printf (text, "\n%s\t%s",
                              anneal_chart_get_series_label (self->chart, i), value);
    }

  return g_string_free (text, FALSE);
}

/* Two small nodes over the figure: the line with its dots, and the readout */
static void
draw_crosshair (AnnealChartView *self,
                GtkSnapshot     *snapshot,
                double           width,
                double           height)
{
  g_autoptr(GString) labels = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *epoch_text = NULL;
  cairo_rectangle_t area;
  double first, last, y_min, y_max;
  double x, y, box_w, box_h, box_x, box_y;
  gboolean dark = is_dark (self);
  PangoRectangle lr, rr;
  guint n, rows = 0;
  cairo_t *cr;

  anneal_chart_get_view (self->chart, &first, &last, &y_min, &y_max);
  if (self->hover_epoch < floor (first) || self->hover_epoch > ceil (last))
    return;

  anneal_chart_get_plot_area (self->chart, width, height, &area);
  anneal_chart_data_to_pixel (self->chart, width, height,
                              (double) self->hover_epoch, y_min, &x, &y);
  if (x < area.x - 0.5 || x > area.x + area.width + 0.5)
    return;

  cr = gtk_snapshot_append_cairo (snapshot,
                                  &GRAPHENE_RECT_INIT (floor (x) - 8, area.y, 17, area.height));
  cairo_rectangle (cr, area.x, area.y, area.width, area.height);
  cairo_clip (cr);

  /* The line */
  cairo_set_line_width (cr, 1.0);
  if (dark)
    cairo_set_source_rgba (cr, 1, 1, 1, 0.45);
  else
    cairo_set_source_rgba (cr, 0, 0, 0, 0.35);
  cairo_move_to (cr, round (x) + 0.5, area.y);
  cairo_line_to (cr, round (x) + 0.5, area.y + area.height);
  cairo_stroke (cr);

  /* A dot where it meets each visible curve */
  n = anneal_chart_get_n_series (self->chart);
  for (guint i = 0; i < n; i++)
    {
      double value, px, py;
      char buf[64];

      if (!anneal_chart_get_series_visible (self->chart, i))
        continue;

      value = anneal_chart_get_series_value (self->chart, i, self->hover_epoch);
      anneal_chart_data_to_pixel (self->chart, width, height,
                                  (double) self->hover_epoch, value, &px, &py);

      if (isfinite (py))
        {
          guint32 ink = anneal_chart_theme_ink (anneal_chart_get_series_color (self->chart, i),
                                                anneal_chart_get_theme (self->chart));

          cairo_arc (cr, px, py, 4.0, 0, 2 * G_PI);
          set_source_rgb32 (cr, ink, 1.0);
          cairo_fill_preserve (cr);
          if (dark)
            cairo_set_source_rgb (cr, 0.12, 0.12, 0.12);
          else
            cairo_set_source_rgb (cr, 1, 1, 1);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
        }

      if (rows < MAX_READOUT_ROWS)
        {
          const char *label = anneal_chart_get_series_label (self->chart, i);
          /* One line, as its value beside it */
          g_autofree char *line = anneal_text_bound (label, 1, ANNEAL_SERIES_LABEL_SHOWN);
          g_autofree char *color = NULL;
          g_autofree char *escaped = NULL;
          guint32 rgb = anneal_chart_theme_ink (anneal_chart_get_series_color (self->chart, i),
                                                anneal_chart_get_theme (self->chart));

          color = g_strdup_printf ("#%06x", rgb & 0xffffff);
          escaped = g_markup_escape_text (line != NULL ? line : label, -1);
          format_value (value, buf, sizeof buf);
          g_string_append_printf (labels, "\n<span foreground=\"%s\">●</span> %s", color, escaped);
          g_string_append_printf (values, "\n%s", buf);
        }
      else if (rows == MAX_READOUT_ROWS)
        {
          g_string_append (labels, "\n…");
          g_string_append (values, "\n");
        }
      rows++;
    }
  cairo_destroy (cr);

  /* The readout */
  {
    g_autofree char *heading = hover_heading (self);

    epoch_text = g_markup_escape_text (heading, -1);
  }
  g_string_prepend (labels, "</b>");
  g_string_prepend (labels, epoch_text);
  g_string_prepend (labels, "<b>");
  g_string_prepend (values, " ");

  left = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  /* Each row from the left, beside its dot, whatever its script: a label that starts
   * right-to-left went to the far end of the box, out of sight */
  pango_layout_set_auto_dir (left, FALSE);
  pango_layout_set_markup (left, labels->str, -1);
  right = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    /* Tabular figures, so the values line up on their decimal places. */
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
    pango_layout_set_attributes (right, attrs);
    pango_attr_list_unref (attrs);
  }
  pango_layout_set_text (right, values->str, -1);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);

  pango_layout_get_pixel_extents (right, NULL, &rr);
  /* The labels give way to the values: the box is never wider than the plot (labels
   * of 64 wide characters made it wider than the chart, the values cut off). The
   * heading is never cut: "Epoch 229…" in a narrow window hid the epoch itself. */
  {
    double room = area.width - 28 - 18 - 20 - rr.width;
    g_autofree char *bold = g_strdup_printf ("<b>%s</b>", epoch_text);
    PangoLayout *heading = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
    PangoRectangle hr;

    pango_layout_set_markup (heading, bold, -1);
    pango_layout_get_pixel_extents (heading, NULL, &hr);
    g_object_unref (heading);
    pango_layout_set_width (left, (int) (MAX (MAX (room, 40), hr.width) * PANGO_SCALE));
    pango_layout_set_ellipsize (left, PANGO_ELLIPSIZE_END);
  }
  pango_layout_get_pixel_extents (left, NULL, &lr);

  box_w = lr.width + 18 + rr.width + 20;
  box_h = MAX (lr.height, rr.height) + 14;
  box_x = x + 14;
  if (box_x + box_w > area.x + area.width)
    box_x = x - 14 - box_w;
  box_x = MAX (box_x, 2);
  box_y = area.y + 8;

  cr = append_panel (snapshot, box_x, box_y, box_w, box_h, 8, dark, 1);
  cairo_move_to (cr, box_x + 10, box_y + 7);
  pango_cairo_show_layout (cr, left);
  cairo_move_to (cr, box_x + box_w - 10 - rr.width, box_y + 7);
  pango_cairo_show_layout (cr, right);
  cairo_destroy (cr);
}

static void
draw_rubber_band (AnnealChartView *self,
                  cairo_t         *cr)
{
  double x = self->drag_x + MIN (0, self->drag_dx);
  double y = self->drag_y + MIN (0, self->drag_dy);
  double w = fabs (self->drag_dx);
  double h = fabs (self->drag_dy);

  cairo_rectangle (cr, floor (x) + 0.5, floor (y) + 0.5, floor (w), floor (h));
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.18);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, 0.21, 0.52, 0.89, 0.9);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

/* "Drawing…" in the top right corner while what the chart deferred takes longer than
 * a quarter of a second: the figure shown is the one before */
static void
draw_work_hint (AnnealChartView *self,
                GtkSnapshot     *snapshot,
                double           width)
{
  g_autoptr(PangoLayout) layout = NULL;
  gboolean dark = is_dark (self);
  PangoRectangle r;
  double box_w, box_h, box_x, box_y = 10;
  cairo_t *cr;

  layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), _("Drawing…"));
  pango_layout_get_pixel_extents (layout, NULL, &r);
  box_w = r.width + 20;
  box_h = r.height + 10;
  box_x = MAX (width - box_w - 10, 2);

  cr = append_panel (snapshot, box_x, box_y, box_w, box_h, box_h / 2, dark, 0.8);
  cairo_move_to (cr, box_x + 10 - r.x, box_y + 5 - r.y);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
}

static void
set_work_hint (AnnealChartView *self,
               gboolean         shown)
{
  if (self->work_hint == shown)
    return;
  self->work_hint = shown;
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, shown, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
show_work_hint (gpointer data)
{
  AnnealChartView *self = data;

  self->work_hint_source = 0;
  set_work_hint (self, TRUE);
  return G_SOURCE_REMOVE;
}

static gboolean
quit_for_benchmark (gpointer data)
{
  g_application_quit (g_application_get_default ());
  return G_SOURCE_REMOVE;
}

static void
first_frame_painted (GdkFrameClock *clock,
                     gpointer       data)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted, data);
  g_print ("first-frame-ms: %.1f\n",
           (g_get_monotonic_time () - anneal_application_get_start_time ()) / 1000.0);
  g_print ("cpu-ms: %.1f\n", anneal_bench_cpu_ms ());
  g_idle_add (quit_for_benchmark, NULL);
}

static void
work_run (GTask        *task,
          gpointer      source_object,
          gpointer      task_data,
          GCancellable *cancellable)
{
  /* cancelled part way, what was computed is kept all the same */
  anneal_chart_work_run (task_data, cancellable);
  g_task_return_boolean (task, TRUE);
}

static void
on_work_done (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  AnnealChartView *self = ANNEAL_CHART_VIEW (object);
  g_autoptr(AnnealChart) chart = user_data;
  gboolean current = g_task_get_cancellable (G_TASK (result)) == self->work;
  gboolean installed = FALSE;

  g_task_propagate_boolean (G_TASK (result), NULL);
  if (chart == self->chart)
    installed = anneal_chart_install_work (chart, g_task_get_task_data (G_TASK (result)));
  if (current && --self->work_parts > 0)
    return;  /* drawn again once every part is kept */
  if (current)
    {
      g_clear_object (&self->work);
      if (self->work_waiting || !self->node_complete)
        installed = TRUE;
      self->work_waiting = FALSE;
    }
  if (installed && chart == self->chart)
    {
      /* drawn again with what was computed; what it still defers goes on */
      self->node_stale = TRUE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* What drawing the figure left out, computed in the workers, dealt among as many as
 * there are processors: one job at a time; the work of a figure drawn while one
 * runs is taken up again after it */
static void
start_work (AnnealChartView *self)
{
  g_autoptr(AnnealChartWork) work = anneal_chart_take_work (self->chart);
  g_autoptr(GPtrArray) parts = NULL;

  self->node_complete = work == NULL;
  if (work == NULL)
    return;
  if (self->work != NULL)
    {
      self->work_waiting = TRUE;
      return;
    }
  self->work = g_cancellable_new ();
  if (self->work_hint_source == 0 && !self->work_hint)
    self->work_hint_source = g_timeout_add (250, show_work_hint, self);
  parts = anneal_chart_work_split (work, g_get_num_processors ());
  self->work_parts = parts->len;
  while (parts->len > 0)
    {
      g_autoptr(GTask) task = g_task_new (self, self->work, on_work_done,
                                          g_object_ref (self->chart));

      g_task_set_source_tag (task, start_work);
      g_task_set_check_cancellable (task, FALSE);
      g_task_set_task_data (task, g_ptr_array_steal_index (parts, parts->len - 1),
                            (GDestroyNotify) anneal_chart_work_free);
      anneal_worker_run (task, work_run, ANNEAL_WORKER_FIGURE);
    }
}

static void
cancel_work (AnnealChartView *self)
{
  if (self->work != NULL)
    g_cancellable_cancel (self->work);
  g_clear_object (&self->work);
  self->work_waiting = FALSE;
}

/* The figure drawn again: where the chart deferred some of it and the figure before
 * has the same size, that one stays until the rest is computed — curves do not
 * blink out at each step of a zoom */
static void
render_figure (AnnealChartView *self,
               double           width,
               double           height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean same_size = self->chart_node != NULL && self->node_width == (int) width &&
                       self->node_height == (int) height;
  GskRenderNode *node = NULL;

  /* The first frame's figure goes to GSK as a cairo node: a GL context of
   * our own would cost the start-up its creation */
  if (self->first_frame_time != 0)
    node = anneal_figure_texture_render (self->texture, widget, self->chart,
                                         (int) width, (int) height, same_size);
  if (node == NULL)
    {
      GtkSnapshot *figure = gtk_snapshot_new ();
      cairo_t *cr;

      cr = gtk_snapshot_append_cairo (figure, &GRAPHENE_RECT_INIT (0, 0, width, height));
      anneal_chart_draw (self->chart, cr, width, height);
      cairo_destroy (cr);
      node = gtk_snapshot_free_to_node (figure);
    }
  self->node_stale = FALSE;
  start_work (self);
  if (self->node_complete)
    {
      g_clear_handle_id (&self->work_hint_source, g_source_remove);
      set_work_hint (self, FALSE);
    }
  if (!self->node_complete && same_size)
    {
      /* the one before stays (a texture not updated is that one) */
      gsk_render_node_unref (node);
      self->node_stale = TRUE;
      return;
    }
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  self->chart_node = node;
  self->node_width = (int) width;
  self->node_height = (int) height;
  if (!self->node_complete)
    self->node_stale = TRUE;
}

static void
anneal_chart_view_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AnnealChartView *self = ANNEAL_CHART_VIEW (widget);
  double width, height;
  cairo_t *cr;

  if (self->chart == NULL)
    return;

  get_size (self, &width, &height);
  if (self->chart_node == NULL || self->node_width != (int) width ||
      self->node_height != (int) height || (self->node_stale && self->work == NULL))
    render_figure (self, width, height);
  if (self->chart_node != NULL)
    gtk_snapshot_append_node (snapshot, self->chart_node);

  if (self->drag_mode == DRAG_BOX)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
      draw_rubber_band (self, cr);
      cairo_destroy (cr);
    }
  else if (self->hover_epoch >= 0 && self->drag_mode == DRAG_NONE)
    draw_crosshair (self, snapshot, width, height);
  if (self->work_hint)
    draw_work_hint (self, snapshot, width);

  if (self->first_frame_time == 0)
    self->first_frame_time = g_get_monotonic_time ();
  /* The first whole figure is drawn once GSK has rendered it: said after its paint
   * phase (a figure some of which is still computed is not the one measured) */
  if (self->node_complete && !self->bench_reported &&
      g_getenv ("ANNEAL_BENCH_FIRST_FRAME") != NULL)
    {
      self->bench_reported = TRUE;
      g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                        G_CALLBACK (first_frame_painted), NULL);
    }
}

/* Zoom and pan */

static void
get_full_x (AnnealChartView *self,
            double          *first,
            double          *last)
{
  gint64 n = anneal_chart_get_n_steps (self->chart);

  *first = 0;
  *last = MAX (1, n - 1);
}

static void
set_x_view (AnnealChartView *self,
            double           first,
            double           last,
            double           y_min,
            double           y_max)
{
  double full_first, full_last;
  double span;

  get_full_x (self, &full_first, &full_last);
  span = last - first;

  if (span >= full_last - full_first)
    {
      if (self->y_auto)
        {
          anneal_chart_reset_view (self->chart);
          return;
        }
      first = full_first;
      last = full_last;
    }
  else
    {
      if (span < MIN_SPAN)
        {
          double mid = (first + last) / 2;

          span = MIN (MIN_SPAN, full_last - full_first);
          first = mid - span / 2;
          last = mid + span / 2;
        }
      if (first < full_first)
        {
          last += full_first - first;
          first = full_first;
        }
      if (last > full_last)
        {
          first -= last - full_last;
          last = full_last;
        }
    }

  if (!(y_max > y_min) || !isfinite (y_min) || !isfinite (y_max) || !(last > first))
    return;

  anneal_chart_set_view (self->chart, first, last, y_min, y_max);
}

void
anneal_chart_view_zoom (AnnealChartView *self,
                        double           epoch,
                        double           factor)
{
  double first, last, y_min, y_max;

  g_return_if_fail (ANNEAL_IS_CHART_VIEW (self));
  g_return_if_fail (factor > 0);

  if (self->chart == NULL)
    return;

  if (!anneal_chart_has_view (self->chart))
    self->y_auto = TRUE;

  anneal_chart_get_view (self->chart, &first, &last, &y_min, &y_max);
  set_x_view (self,
              epoch - (epoch - first) * factor,
              epoch + (last - epoch) * factor,
              y_min, y_max);
}

static gboolean
on_scroll (AnnealChartView          *self,
           double                    dx,
           double                    dy,
           GtkEventControllerScroll *controller)
{
  double width, height, epoch, value;

  if (self->chart == NULL || dy == 0)
    return FALSE;

  get_size (self, &width, &height);
  if (!self->pointer_inside ||
      !anneal_chart_pixel_to_data (self->chart, width, height,
                                   self->pointer_x, self->pointer_y, &epoch, &value))
    {
      double first, last, y_min, y_max;

      anneal_chart_get_view (self->chart, &first, &last, &y_min, &y_max);
      epoch = (first + last) / 2;
    }

  anneal_chart_view_zoom (self, epoch, pow (1.2, CLAMP (dy, -5, 5)));
  return TRUE;
}

static void
on_motion (AnnealChartView          *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  anneal_chart_view_pointer_moved (self, x, y);
}

void
anneal_chart_view_pointer_moved (AnnealChartView *self,
                                 double           x,
                                 double           y)
{
  g_return_if_fail (ANNEAL_IS_CHART_VIEW (self));

  self->pointer_x = x;
  self->pointer_y = y;
  self->pointer_inside = TRUE;
  update_hover (self);
}

static void
on_leave (AnnealChartView          *self,
          GtkEventControllerMotion *controller)
{
  self->pointer_inside = FALSE;
  update_hover (self);
}

static void
on_drag_begin (AnnealChartView *self,
               double           x,
               double           y,
               GtkGestureDrag  *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state;

  state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));

  if (self->chart == NULL || !point_in_plot (self, x, y) || button == GDK_BUTTON_SECONDARY)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->drag_mode = (button == GDK_BUTTON_MIDDLE || (state & GDK_SHIFT_MASK)) ? DRAG_PAN : DRAG_BOX;
  self->drag_x = x;
  self->drag_y = y;
  self->drag_dx = self->drag_dy = 0;
  anneal_chart_get_view (self->chart, &self->drag_view[0], &self->drag_view[1],
                         &self->drag_view[2], &self->drag_view[3]);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
pan_by (AnnealChartView *self,
        double           dx,
        double           dy)
{
  cairo_rectangle_t area;
  double width, height;
  double first = self->drag_view[0], last = self->drag_view[1];
  double y_min = self->drag_view[2], y_max = self->drag_view[3];
  double shift_x, fy;

  get_size (self, &width, &height);
  anneal_chart_get_plot_area (self->chart, width, height, &area);
  if (area.width < 1 || area.height < 1)
    return;

  shift_x = -dx / area.width * (last - first);
  fy = dy / area.height;
  if (fabs (dy) >= 1)
    self->y_auto = FALSE;

  if (anneal_chart_get_log_y (self->chart) && y_min > 0 && y_max > 0)
    {
      double ratio = pow (y_max / y_min, fy);

      y_min *= ratio;
      y_max *= ratio;
    }
  else
    {
      double shift_y = fy * (y_max - y_min);

      y_min += shift_y;
      y_max += shift_y;
    }

  set_x_view (self, first + shift_x, last + shift_x, y_min, y_max);
}

static void
on_drag_update (AnnealChartView *self,
                double           dx,
                double           dy,
                GtkGestureDrag  *gesture)
{
  self->drag_dx = dx;
  self->drag_dy = dy;

  if (self->drag_mode == DRAG_PAN)
    pan_by (self, dx, dy);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end (AnnealChartView *self,
             double           dx,
             double           dy,
             GtkGestureDrag  *gesture)
{
  DragMode mode = self->drag_mode;

  self->drag_mode = DRAG_NONE;

  if (mode == DRAG_BOX && fabs (dx) >= 6)
    {
      cairo_rectangle_t area;
      double width, height, e0, e1, v0, v1;
      double x0 = self->drag_x, x1 = self->drag_x + dx;
      double y0 = self->drag_y, y1 = self->drag_y + dy;

      get_size (self, &width, &height);
      anneal_chart_get_plot_area (self->chart, width, height, &area);
      x0 = CLAMP (x0, area.x, area.x + area.width);
      x1 = CLAMP (x1, area.x, area.x + area.width);
      y0 = CLAMP (y0, area.y, area.y + area.height);
      y1 = CLAMP (y1, area.y, area.y + area.height);

      anneal_chart_pixel_to_data (self->chart, width, height, MIN (x0, x1), MAX (y0, y1), &e0, &v0);
      anneal_chart_pixel_to_data (self->chart, width, height, MAX (x0, x1), MIN (y0, y1), &e1, &v1);

      if (fabs (dy) < 6)
        {
          /* A horizontal stroke: zoom the epochs only. */
          if (!anneal_chart_has_view (self->chart))
            self->y_auto = TRUE;
          set_x_view (self, e0, e1, self->drag_view[2], self->drag_view[3]);
        }
      else
        {
          self->y_auto = FALSE;
          set_x_view (self, e0, e1, MIN (v0, v1), MAX (v0, v1));
        }
    }

  update_hover (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_zoom_begin (AnnealChartView  *self,
               GdkEventSequence *sequence,
               GtkGestureZoom   *gesture)
{
  if (self->chart == NULL)
    return;

  if (!anneal_chart_has_view (self->chart))
    self->y_auto = TRUE;
  anneal_chart_get_view (self->chart, &self->drag_view[0], &self->drag_view[1],
                         &self->drag_view[2], &self->drag_view[3]);
}

static void
on_zoom_scale_changed (AnnealChartView *self,
                       double           scale,
                       GtkGestureZoom  *gesture)
{
  double cx, cy, width, height, epoch, value;
  double first = self->drag_view[0], last = self->drag_view[1];

  if (self->chart == NULL || scale <= 0)
    return;

  get_size (self, &width, &height);
  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy) ||
      !anneal_chart_pixel_to_data (self->chart, width, height, cx, cy, &epoch, &value))
    epoch = (first + last) / 2;

  set_x_view (self,
              epoch - (epoch - first) / scale,
              epoch + (last - epoch) / scale,
              self->drag_view[2], self->drag_view[3]);
}

static void
on_click_pressed (AnnealChartView *self,
                  int              n_press,
                  double           x,
                  double           y,
                  GtkGestureClick *gesture)
{
  if (n_press == 2 && self->chart != NULL)
    anneal_chart_reset_view (self->chart);
}

static gboolean
on_key_pressed (AnnealChartView       *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  double first, last, y_min, y_max, center;
  gint64 n;

  if (self->chart == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return FALSE;

  anneal_chart_get_view (self->chart, &first, &last, &y_min, &y_max);
  n = anneal_chart_get_n_steps (self->chart);
  center = self->hover_epoch >= 0 ? (double) self->hover_epoch : (first + last) / 2;

  switch (keyval)
    {
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      anneal_chart_view_zoom (self, center, 1 / 1.5);
      return TRUE;

    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      anneal_chart_view_zoom (self, center, 1.5);
      return TRUE;

    case GDK_KEY_0:
    case GDK_KEY_KP_0:
      anneal_chart_reset_view (self->chart);
      return TRUE;

    case GDK_KEY_Left:
    case GDK_KEY_Right:
      {
        gint64 step = (state & GDK_SHIFT_MASK) ? MAX (1, (gint64) ((last - first) / 10)) : 1;
        gint64 epoch = self->hover_epoch >= 0 ? self->hover_epoch : (gint64) ceil (first);

        epoch += keyval == GDK_KEY_Left ? -step : step;
        anneal_chart_view_set_hover_epoch (self, CLAMP (epoch, 0, n - 1));
      }
      return TRUE;

    case GDK_KEY_Escape:
      if (self->hover_epoch < 0)
        return FALSE;
      anneal_chart_view_set_hover_epoch (self, -1);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
on_focus_leave (AnnealChartView         *self,
                GtkEventControllerFocus *controller)
{
  if (!self->pointer_inside)
    anneal_chart_view_set_hover_epoch (self, -1);
}

/* API */

GtkWidget *
anneal_chart_view_new (void)
{
  return g_object_new (ANNEAL_TYPE_CHART_VIEW, NULL);
}

AnnealChart *
anneal_chart_view_get_chart (AnnealChartView *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

void
anneal_chart_view_set_chart (AnnealChartView *self,
                             AnnealChart     *chart)
{
  g_return_if_fail (ANNEAL_IS_CHART_VIEW (self));
  g_return_if_fail (!chart || ANNEAL_IS_CHART (chart));

  if (self->chart == chart)
    return;

  if (self->chart != NULL)
    g_clear_signal_handler (&self->changed_handler, self->chart);
  cancel_work (self);
  g_clear_handle_id (&self->work_hint_source, g_source_remove);
  self->work_hint = FALSE;
  g_set_object (&self->chart, chart);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);

  if (chart != NULL)
    {
      /* no range or envelope over a long run computed on the main loop */
      anneal_chart_set_deferred (chart, TRUE);
      self->changed_handler = g_signal_connect_swapped (chart, "changed",
                                                        G_CALLBACK (on_chart_changed), self);
      on_dark_changed (self, NULL, adw_style_manager_get_default ());
      update_font_size (self);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHART]);
}

gint64
anneal_chart_view_get_hover_epoch (AnnealChartView *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART_VIEW (self), -1);
  return self->hover_epoch;
}

void
anneal_chart_view_set_hover_epoch (AnnealChartView *self,
                                   gint64           epoch)
{
  g_return_if_fail (ANNEAL_IS_CHART_VIEW (self));

  epoch = MAX (-1, epoch);
  if (self->hover_epoch == epoch)
    return;

  self->hover_epoch = epoch;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOVER_EPOCH]);
}

gboolean
anneal_chart_view_get_computing (AnnealChartView *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART_VIEW (self), FALSE);
  return self->work != NULL;
}

gboolean
anneal_chart_view_get_figure_complete (AnnealChartView *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART_VIEW (self), FALSE);
  return self->chart_node != NULL && self->node_complete && !self->node_stale;
}

gint64
anneal_chart_view_get_first_frame_time (AnnealChartView *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART_VIEW (self), 0);
  return self->first_frame_time;
}

static void
anneal_chart_view_dispose (GObject *object)
{
  AnnealChartView *self = (AnnealChartView *)object;

  if (self->chart != NULL)
    g_clear_signal_handler (&self->changed_handler, self->chart);
  cancel_work (self);
  g_clear_handle_id (&self->work_hint_source, g_source_remove);
  g_clear_object (&self->chart);
  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  g_clear_pointer (&self->texture, anneal_figure_texture_free);

  G_OBJECT_CLASS (anneal_chart_view_parent_class)->dispose (object);
}

/* The figure's texture belongs to a GL context of the window: it goes with it */
static void
anneal_chart_view_unrealize (GtkWidget *widget)
{
  AnnealChartView *self = ANNEAL_CHART_VIEW (widget);

  g_clear_pointer (&self->chart_node, gsk_render_node_unref);
  g_clear_pointer (&self->texture, anneal_figure_texture_free);
  self->texture = anneal_figure_texture_new ();

  GTK_WIDGET_CLASS (anneal_chart_view_parent_class)->unrealize (widget);
}

static void
anneal_chart_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AnnealChartView *self = ANNEAL_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;

    case PROP_HOVER_EPOCH:
      g_value_set_int64 (value, self->hover_epoch);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anneal_chart_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  AnnealChartView *self = ANNEAL_CHART_VIEW (object);

  switch (prop_id)
    {
    case PROP_CHART:
      anneal_chart_view_set_chart (self, g_value_get_object (value));
      break;

    case PROP_HOVER_EPOCH:
      anneal_chart_view_set_hover_epoch (self, g_value_get_int64 (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anneal_chart_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 180;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 720 : 480;
}

static void
anneal_chart_view_class_init (AnnealChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anneal_chart_view_dispose;
  object_class->get_property = anneal_chart_view_get_property;
  object_class->set_property = anneal_chart_view_set_property;

  widget_class->snapshot = anneal_chart_view_snapshot;
  widget_class->unrealize = anneal_chart_view_unrealize;
  widget_class->measure = anneal_chart_view_measure;
  widget_class->css_changed = anneal_chart_view_css_changed;

  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, ANNEAL_TYPE_CHART,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOVER_EPOCH] =
    g_param_spec_int64 ("hover-epoch", NULL, NULL, -1, G_MAXINT64, -1,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chartview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
anneal_chart_view_init (AnnealChartView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->hover_epoch = -1;
  self->texture = anneal_figure_texture_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "crosshair");
  /* No tooltip: it came up on every hover, over the crosshair's readout. The hint is
   * in the shortcuts window (Ctrl+?) and read out by screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Learning-rate chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Scroll or drag a box to zoom, Shift-drag to pan, "
                                    "double-click or 0 to reset; +, − and the arrow keys "
                                    "while the chart has the focus"),
                                  -1);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_swapped (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect_swapped (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect_swapped (gesture, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect_swapped (gesture, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect_swapped (gesture, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  g_signal_connect_swapped (gesture, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (controller, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
}
