/* anneal-chart.c — the chart model, its layout and its one draw function
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "AnnealChart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "anneal-chart-private.h"

#define FONT_FAMILY "Cantarell, Inter, Noto Sans, DejaVu Sans, Sans"
#define N_DASHES    7

typedef struct
{
  AnnealSchedule *schedule;
  char           *label;
  guint32         color;
  guint           dash;
  gboolean        visible;
} Series;

struct _AnnealChart
{
  GObject            parent_instance;

  GPtrArray         *series;   /* of Series */
  gint64             n_epochs;

  gboolean           has_view;
  double             view_first;
  double             view_last;
  double             view_y_min;
  double             view_y_max;

  char              *title;
  char              *x_label;  /* NULL: the translated default */
  char              *y_label;
  AnnealChartTheme   theme;
  AnnealChartLegend  legend;
  guint              log_y : 1;
  guint              grid : 1;
};

G_DEFINE_FINAL_TYPE (AnnealChart, anneal_chart, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Okabe & Ito, "Color Universal Design" (2008), ordered so that the first
 * colours are the most distinct on white and on a dark background alike. */
static const guint32 palette[] = {
  0x0072B2,  /* blue */
  0xD55E00,  /* vermillion */
  0x009E73,  /* bluish green */
  0xE69F00,  /* orange */
  0xCC79A7,  /* reddish purple */
  0x56B4E9,  /* sky blue */
  0x000000,  /* black (drawn light on the dark theme) */
  0xF0E442,  /* yellow (drawn darker on paper) */
};

G_DEFINE_QUARK (anneal-chart-error-quark, anneal_chart_error)

static gboolean
set_str (char       **ptr,
         const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

/* Model ------------------------------------------------------------------ */

static void
series_free (gpointer data)
{
  Series *s = data;

  g_clear_pointer (&s->schedule, anneal_schedule_unref);
  g_clear_pointer (&s->label, g_free);
  g_free (s);
}

static void
emit_changed (AnnealChart *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static Series *
get_series (AnnealChart *self,
            guint        index)
{
  g_return_val_if_fail (index < self->series->len, NULL);
  return g_ptr_array_index (self->series, index);
}

static void
anneal_chart_finalize (GObject *object)
{
  AnnealChart *self = (AnnealChart *)object;

  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->x_label, g_free);
  g_clear_pointer (&self->y_label, g_free);

  G_OBJECT_CLASS (anneal_chart_parent_class)->finalize (object);
}

static void
anneal_chart_class_init (AnnealChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = anneal_chart_finalize;

  /**
   * AnnealChart::changed:
   * Anything that affects the drawing changed.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
anneal_chart_init (AnnealChart *self)
{
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->n_epochs = 50;
  self->theme = ANNEAL_CHART_THEME_LIGHT;
  self->legend = ANNEAL_CHART_LEGEND_AUTO;
  self->grid = TRUE;
}

AnnealChart *
anneal_chart_new (void)
{
  return g_object_new (ANNEAL_TYPE_CHART, NULL);
}

guint32
anneal_chart_palette_color (guint i)
{
  return palette[i % G_N_ELEMENTS (palette)];
}

guint
anneal_chart_add_series (AnnealChart    *self,
                         AnnealSchedule *schedule,
                         const char     *label)
{
  Series *s;
  guint style = 0;

  g_return_val_if_fail (ANNEAL_IS_CHART (self), 0);
  g_return_val_if_fail (schedule != NULL, 0);

  /* The first palette entry that no series uses yet */
  for (style = 0; style < G_N_ELEMENTS (palette); style++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < self->series->len && !used; i++)
        used = ((Series *) g_ptr_array_index (self->series, i))->color == palette[style];
      if (!used)
        break;
    }
  if (style == G_N_ELEMENTS (palette))
    style = self->series->len;

  s = g_new0 (Series, 1);
  s->schedule = anneal_schedule_ref (schedule);
  s->label = g_strdup (label);
  if (s->label == NULL)
    s->label = anneal_schedule_to_string (schedule);
  s->color = anneal_chart_palette_color (style);
  s->dash = style % N_DASHES;
  s->visible = TRUE;
  g_ptr_array_add (self->series, s);
  emit_changed (self);

  return self->series->len - 1;
}

void
anneal_chart_remove_series (AnnealChart *self,
                            guint        index)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  g_ptr_array_remove_index (self->series, index);
  emit_changed (self);
}

void
anneal_chart_clear (AnnealChart *self)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  if (self->series->len == 0)
    return;
  g_ptr_array_set_size (self->series, 0);
  emit_changed (self);
}

guint
anneal_chart_get_n_series (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), 0);
  return self->series->len;
}

void
anneal_chart_move_series (AnnealChart *self,
                          guint        from,
                          guint        to)
{
  gpointer s;

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (from < self->series->len);
  g_return_if_fail (to < self->series->len);

  if (from == to)
    return;
  s = g_ptr_array_steal_index (self->series, from);
  g_ptr_array_insert (self->series, to, s);
  emit_changed (self);
}

AnnealSchedule *
anneal_chart_get_series_schedule (AnnealChart *self,
                                  guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);
  return get_series (self, index)->schedule;
}

void
anneal_chart_set_series_schedule (AnnealChart    *self,
                                  guint           index,
                                  AnnealSchedule *schedule)
{
  Series *s;

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);
  g_return_if_fail (schedule != NULL);

  s = get_series (self, index);
  anneal_schedule_ref (schedule);
  g_clear_pointer (&s->schedule, anneal_schedule_unref);
  s->schedule = schedule;
  emit_changed (self);
}

const char *
anneal_chart_get_series_label (AnnealChart *self,
                               guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);
  return get_series (self, index)->label;
}

void
anneal_chart_set_series_label (AnnealChart *self,
                               guint        index,
                               const char  *label)
{
  Series *s;

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  s = get_series (self, index);
  if (g_strcmp0 (s->label, label) == 0)
    return;
  g_free (s->label);
  s->label = g_strdup (label != NULL ? label : "");
  emit_changed (self);
}

guint32
anneal_chart_get_series_color (AnnealChart *self,
                               guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), 0);
  g_return_val_if_fail (index < self->series->len, 0);
  return get_series (self, index)->color;
}

void
anneal_chart_set_series_color (AnnealChart *self,
                               guint        index,
                               guint32      rgb)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  get_series (self, index)->color = rgb & 0xFFFFFF;
  emit_changed (self);
}

guint
anneal_chart_get_series_dash (AnnealChart *self,
                              guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), 0);
  g_return_val_if_fail (index < self->series->len, 0);
  return get_series (self, index)->dash;
}

void
anneal_chart_set_series_dash (AnnealChart *self,
                              guint        index,
                              guint        dash)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  get_series (self, index)->dash = dash % N_DASHES;
  emit_changed (self);
}

gboolean
anneal_chart_get_series_visible (AnnealChart *self,
                                 guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);
  g_return_val_if_fail (index < self->series->len, FALSE);
  return get_series (self, index)->visible;
}

void
anneal_chart_set_series_visible (AnnealChart *self,
                                 guint        index,
                                 gboolean     visible)
{
  Series *s;

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  s = get_series (self, index);
  visible = !!visible;
  if (s->visible == visible)
    return;
  s->visible = visible;
  emit_changed (self);
}

guint
anneal_chart_get_n_dashes (void)
{
  return N_DASHES;
}

void
anneal_chart_set_epochs (AnnealChart *self,
                         gint64       n)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (n >= 1 && n <= ANNEAL_EPOCH_MAX);

  if (self->n_epochs == n)
    return;
  self->n_epochs = n;
  emit_changed (self);
}

gint64
anneal_chart_get_epochs (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), 0);
  return self->n_epochs;
}

void
anneal_chart_set_view (AnnealChart *self,
                       double       first_epoch,
                       double       last_epoch,
                       double       y_min,
                       double       y_max)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (isfinite (first_epoch) && isfinite (last_epoch));
  g_return_if_fail (isfinite (y_min) && isfinite (y_max));
  g_return_if_fail (last_epoch > first_epoch);
  g_return_if_fail (y_max > y_min);

  self->has_view = TRUE;
  self->view_first = first_epoch;
  self->view_last = last_epoch;
  self->view_y_min = y_min;
  self->view_y_max = y_max;
  emit_changed (self);
}

void
anneal_chart_reset_view (AnnealChart *self)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  if (!self->has_view)
    return;
  self->has_view = FALSE;
  emit_changed (self);
}

gboolean
anneal_chart_has_view (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);
  return self->has_view;
}

void
anneal_chart_set_log_y (AnnealChart *self,
                        gboolean     log_y)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  log_y = !!log_y;
  if (self->log_y == (guint) log_y)
    return;
  self->log_y = log_y;
  emit_changed (self);
}

gboolean
anneal_chart_get_log_y (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);
  return self->log_y;
}

void
anneal_chart_set_title (AnnealChart *self,
                        const char  *title)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  if (set_str (&self->title, title != NULL && *title != '\0' ? title : NULL))
    emit_changed (self);
}

const char *
anneal_chart_get_title (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), NULL);
  return self->title;
}

void
anneal_chart_set_x_label (AnnealChart *self,
                          const char  *label)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  if (set_str (&self->x_label, label))
    emit_changed (self);
}

void
anneal_chart_set_y_label (AnnealChart *self,
                          const char  *label)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  if (set_str (&self->y_label, label))
    emit_changed (self);
}

void
anneal_chart_set_theme (AnnealChart      *self,
                        AnnealChartTheme  theme)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (theme <= ANNEAL_CHART_THEME_TRANSPARENT);

  if (self->theme == theme)
    return;
  self->theme = theme;
  emit_changed (self);
}

AnnealChartTheme
anneal_chart_get_theme (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), ANNEAL_CHART_THEME_LIGHT);
  return self->theme;
}

void
anneal_chart_set_legend (AnnealChart       *self,
                         AnnealChartLegend  legend)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (legend <= ANNEAL_CHART_LEGEND_NONE);

  if (self->legend == legend)
    return;
  self->legend = legend;
  emit_changed (self);
}

AnnealChartLegend
anneal_chart_get_legend (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), ANNEAL_CHART_LEGEND_AUTO);
  return self->legend;
}

void
anneal_chart_set_grid (AnnealChart *self,
                       gboolean     grid)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  grid = !!grid;
  if (self->grid == (guint) grid)
    return;
  self->grid = grid;
  emit_changed (self);
}

gboolean
anneal_chart_get_grid (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);
  return self->grid;
}

/* Theme ------------------------------------------------------------------ */

typedef struct
{
  double r, g, b, a;
} Rgba;

typedef struct
{
  gboolean fill_background;
  Rgba     background;
  Rgba     title;
  Rgba     text;        /* axis labels and tick labels */
  Rgba     axis;
  Rgba     grid;
  Rgba     grid_minor;
  Rgba     legend_background;
  Rgba     legend_border;
} Theme;

static const Theme themes[] = {
  [ANNEAL_CHART_THEME_LIGHT] = {
    TRUE,
    { 1, 1, 1, 1 },
    { 0.11, 0.11, 0.13, 1 },
    { 0.33, 0.33, 0.36, 1 },
    { 0.42, 0.42, 0.45, 1 },
    { 0, 0, 0, 0.085 },
    { 0, 0, 0, 0.04 },
    { 1, 1, 1, 0.9 },
    { 0, 0, 0, 0.14 },
  },
  [ANNEAL_CHART_THEME_DARK] = {
    TRUE,
    { 0.125, 0.125, 0.137, 1 },
    { 0.94, 0.94, 0.95, 1 },
    { 0.72, 0.72, 0.75, 1 },
    { 0.6, 0.6, 0.63, 1 },
    { 1, 1, 1, 0.1 },
    { 1, 1, 1, 0.045 },
    { 0.125, 0.125, 0.137, 0.9 },
    { 1, 1, 1, 0.16 },
  },
  [ANNEAL_CHART_THEME_TRANSPARENT] = {
    FALSE,
    { 1, 1, 1, 0 },
    { 0.11, 0.11, 0.13, 1 },
    { 0.33, 0.33, 0.36, 1 },
    { 0.42, 0.42, 0.45, 1 },
    { 0, 0, 0, 0.085 },
    { 0, 0, 0, 0.04 },
    { 1, 1, 1, 0.8 },
    { 0, 0, 0, 0.14 },
  },
};

static void
set_source (cairo_t    *cr,
            const Rgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

/* The colour a series is drawn in: black turns light on the dark theme and
 * yellow a little deeper on paper, the rest are Okabe–Ito as they are. */
static guint32
ink_color (guint32          rgb,
           AnnealChartTheme theme)
{
  if (theme == ANNEAL_CHART_THEME_DARK && rgb == 0x000000)
    return 0xEBEBEB;
  if (theme != ANNEAL_CHART_THEME_DARK && rgb == 0xF0E442)
    return 0xC9BC1E;
  return rgb;
}

static void
set_source_rgb24 (cairo_t *cr,
                  guint32  rgb)
{
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xFF) / 255.0,
                        ((rgb >> 8) & 0xFF) / 255.0,
                        (rgb & 0xFF) / 255.0);
}

/* Dash patterns, in multiples of the line width; [0] is solid */
static void
set_dash (cairo_t *cr,
          guint    dash,
          double   lw)
{
  static const double patterns[N_DASHES][6] = {
    { 0 },
    { 4.5, 2.2 },
    { 0.01, 2.2 },
    { 5, 2, 0.01, 2 },
    { 9, 2.6 },
    { 5, 2, 0.01, 2, 0.01, 2 },
    { 2, 1.8 },
  };
  static const int lengths[N_DASHES] = { 0, 2, 2, 4, 2, 6, 2 };
  double d[6];
  guint i = dash % N_DASHES;

  for (int k = 0; k < lengths[i]; k++)
    d[k] = patterns[i][k] * lw;
  cairo_set_dash (cr, d, lengths[i], 0);
}

/* Legend ----------------------------------------------------------------- */

typedef struct
{
  double       w, h;
  double       row_h;
  double       sample_w;
  double       inner;
  guint        n;
  PangoLayout *labels[64];
  Series      *series[64];
  double       label_w[64];
  gboolean     outside;      /* in rows above the plot area */
  guint        n_rows;
  AnnealChartLegend where;
} Legend;

/* A curve whose path is longer than this many plot widths is drawn solid: it is
 * a dense band where dashes tell nothing apart, and costly to stroke. */
#define DENSE_LENGTH 25

static void
set_dash_unless_dense (cairo_t *cr,
                       guint    dash,
                       double   lw,
                       double   limit)
{
  cairo_path_t *path;
  double length = 0, x = 0, y = 0;

  if (dash % N_DASHES == 0)
    {
      cairo_set_dash (cr, NULL, 0, 0);
      return;
    }

  path = cairo_copy_path (cr);
  for (int i = 0; i < path->num_data && length <= limit; i += path->data[i].header.length)
    {
      cairo_path_data_t *d = &path->data[i];

      if (d->header.type == CAIRO_PATH_MOVE_TO)
        {
          x = d[1].point.x;
          y = d[1].point.y;
        }
      else if (d->header.type == CAIRO_PATH_LINE_TO)
        {
          length += hypot (d[1].point.x - x, d[1].point.y - y);
          x = d[1].point.x;
          y = d[1].point.y;
        }
    }
  cairo_path_destroy (path);

  if (length > limit)
    cairo_set_dash (cr, NULL, 0, 0);
  else
    set_dash (cr, dash, lw);
}

/* Draws a dense curve as what it is at this resolution: per device column
 * (x = c0 + i) a vertical span top[i] … bottom[i], @lw wide. Boxes fill far
 * faster than a stroked zigzag of the same shape. */
static void
fill_spans (cairo_t      *cr,
            double        c0,
            guint         n_columns,
            const double *top,
            const double *bottom,
            double        lw)
{
  for (guint i = 0; i < n_columns; i++)
    {
      if (!(top[i] <= bottom[i]))
        continue;
      cairo_rectangle (cr, c0 + i + 0.5 - lw / 2, top[i] - lw / 2,
                       lw, bottom[i] - top[i] + lw);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill (cr);
}

/* Layout ----------------------------------------------------------------- */

typedef struct
{
  double             width;
  double             height;
  double             font_px;
  double             pad;
  double             tick_len;
  double             gap;
  double             offset;       /* the axes stand this far off the plot area */
  double             line_width;   /* of the curves */
  cairo_rectangle_t  plot;

  double             x_lo, x_hi;   /* epochs at the left and right edge */
  double             y_lo, y_hi;   /* values at the bottom and top (log: > 0) */
  gboolean           log_y;
  gint64             epoch_first;  /* integer epochs inside the view */
  gint64             epoch_last;

  AnnealTicks        x_ticks;
  AnnealTicks        y_ticks;

  PangoContext      *context;
  PangoLayout       *title;
  PangoLayout       *x_label;
  PangoLayout       *y_label;
  PangoLayout       *x_tick_labels[ANNEAL_TICKS_MAX];
  PangoLayout       *y_tick_labels[ANNEAL_TICKS_MAX];
  double             y_labels_width;
  double             tick_label_height;
  double             title_height;
  double             x_label_height;
  double             y_label_height;
  double             band;         /* above the plot area, for a legend outside it */
  Legend             legend;
} Layout;

static void legend_clear (Legend *lg);

static void
layout_clear (Layout *l)
{
  legend_clear (&l->legend);
  g_clear_object (&l->title);
  g_clear_object (&l->x_label);
  g_clear_object (&l->y_label);
  for (guint i = 0; i < ANNEAL_TICKS_MAX; i++)
    {
      g_clear_object (&l->x_tick_labels[i]);
      g_clear_object (&l->y_tick_labels[i]);
    }
  g_clear_object (&l->context);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Layout, layout_clear)

static PangoLayout *
make_text (Layout     *l,
           const char *text,
           double      size,
           int         weight,
           gboolean    tabular)
{
  PangoLayout *layout = pango_layout_new (l->context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  if (tabular)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (PangoLayout *layout,
           double      *w,
           double      *h)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (w)
    *w = logical.width / (double) PANGO_SCALE;
  if (h)
    *h = logical.height / (double) PANGO_SCALE;
}

static double
map_x (const Layout *l,
       double        epoch)
{
  double x = l->plot.x + (epoch - l->x_lo) / (l->x_hi - l->x_lo) * l->plot.width;

  return CLAMP (x, l->plot.x - 1e5, l->plot.x + l->plot.width + 1e5);
}

static double
map_y (const Layout *l,
       double        v)
{
  double f, y;

  if (l->log_y)
    {
      if (!(v > 0))
        return l->plot.y + l->plot.height + 1e5;
      f = (log10 (v) - log10 (l->y_lo)) / (log10 (l->y_hi) - log10 (l->y_lo));
    }
  else
    f = (v - l->y_lo) / (l->y_hi - l->y_lo);

  if (isnan (f))
    return l->plot.y + l->plot.height + 1e5;
  y = l->plot.y + (1.0 - f) * l->plot.height;
  return CLAMP (y, l->plot.y - 1e5, l->plot.y + l->plot.height + 1e5);
}

static double
unmap_y (const Layout *l,
         double        y)
{
  double f = 1.0 - (y - l->plot.y) / l->plot.height;

  if (l->log_y)
    return pow (10.0, log10 (l->y_lo) + f * (log10 (l->y_hi) - log10 (l->y_lo)));
  return l->y_lo + f * (l->y_hi - l->y_lo);
}

static void
visible_epochs (AnnealChart *self,
                double       x_lo,
                double       x_hi,
                gint64      *first,
                gint64      *last)
{
  double a = ceil (x_lo), b = floor (x_hi);

  a = CLAMP (a, 0, (double) (self->n_epochs - 1));
  b = CLAMP (b, 0, (double) (self->n_epochs - 1));
  if (a > b)
    {
      /* A view between two epochs: show the two around it */
      a = CLAMP (floor (x_lo), 0, (double) (self->n_epochs - 1));
      b = CLAMP (ceil (x_hi), 0, (double) (self->n_epochs - 1));
    }
  *first = (gint64) a;
  *last = (gint64) b;
}

/* The smallest positive value over the epochs, found from an envelope of
 * 1024 columns: what a log axis can show of a schedule that reaches zero. */
static double
smallest_positive (const AnnealSchedule *schedule,
                   gint64                first,
                   gint64                last)
{
  AnnealChartColumn cols[1024];
  double best = INFINITY;
  guint n;

  if (last - first < 1024)
    {
      double buf[1024];
      gsize count = (gsize) (last - first + 1);

      anneal_schedule_fill (schedule, first, count, buf);
      for (gsize i = 0; i < count; i++)
        if (buf[i] > 0 && buf[i] < best)
          best = buf[i];
      return best;
    }

  n = anneal_chart_envelope (schedule, first, last, first, last + 1, 0, 1024,
                             cols, G_N_ELEMENTS (cols));
  for (guint i = 0; i < n; i++)
    {
      double c[4] = { cols[i].min, cols[i].v_first, cols[i].v_last, cols[i].max };

      for (int k = 0; k < 4; k++)
        if (c[k] > 0 && c[k] < best)
          best = c[k];
    }
  return best;
}

static void
data_range (AnnealChart *self,
            Layout      *l)
{
  double lo = INFINITY, hi = -INFINITY, pos = INFINITY;

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = g_ptr_array_index (self->series, i);
      double mn, mx;

      if (!s->visible)
        continue;
      anneal_schedule_range (s->schedule, l->epoch_first, l->epoch_last, &mn, &mx);
      if (!isfinite (mn) || !isfinite (mx))
        continue;
      lo = MIN (lo, mn);
      hi = MAX (hi, mx);
      if (l->log_y)
        {
          if (mn > 0)
            pos = MIN (pos, mn);
          else if (mx > 0)
            pos = MIN (pos, smallest_positive (s->schedule, l->epoch_first, l->epoch_last));
        }
    }

  if (!l->log_y)
    {
      double pad;

      if (!isfinite (lo) || !isfinite (hi))
        {
          lo = 0;
          hi = 0.1;
        }
      /* A learning rate that comes near zero is shown from zero */
      if (lo >= 0 && lo < 0.4 * hi)
        lo = 0;
      if (hi - lo <= fabs (hi) * 1e-12)
        {
          double d = hi != 0 ? fabs (hi) * 0.1 : 0.1;

          lo -= d;
          hi += d;
        }
      pad = (hi - lo) * 0.045;
      l->y_lo = lo - pad;
      l->y_hi = hi + pad;
    }
  else
    {
      double dlo, dhi, pad;

      if (!(hi > 0) || !isfinite (hi))
        {
          hi = 0.1;
          pos = 1e-3;
        }
      if (!isfinite (pos) || pos <= 0)
        pos = hi * 1e-3;
      /* At most 12 decades: damped schedules underflow towards zero */
      pos = MAX (pos, hi * 1e-12);
      dlo = log10 (pos);
      dhi = log10 (hi);
      if (dhi - dlo < 0.1)
        {
          dlo -= 0.5;
          dhi += 0.5;
        }
      /* A few decades: reach to a decade that is near, so that both ends of
       * the axis carry a label */
      if (dhi - dlo >= 1 && dhi - dlo <= 6)
        {
          if (dlo - floor (dlo) < 0.4)
            dlo = floor (dlo);
          if (ceil (dhi) - dhi < 0.4)
            dhi = ceil (dhi);
        }
      pad = (dhi - dlo) * 0.045;
      l->y_lo = pow (10.0, dlo - pad);
      l->y_hi = pow (10.0, dhi + pad);
    }
}

static void
layout_y_ticks (AnnealChart *self,
                Layout      *l)
{
  guint target = (guint) CLAMP (l->plot.height / (l->font_px * 3.0), 2, 12);
  char buf[64];

  if (l->log_y)
    anneal_ticks_log (l->y_lo, l->y_hi, MAX (target, 3), &l->y_ticks);
  else
    anneal_ticks_linear (l->y_lo, l->y_hi, target, FALSE, &l->y_ticks);

  l->y_labels_width = 0;
  for (guint i = 0; i < l->y_ticks.n; i++)
    {
      double w;

      anneal_ticks_format (&l->y_ticks, l->y_ticks.major[i], buf, sizeof buf);
      g_clear_object (&l->y_tick_labels[i]);
      l->y_tick_labels[i] = make_text (l, buf, l->font_px * 0.92, PANGO_WEIGHT_NORMAL, TRUE);
      text_size (l->y_tick_labels[i], &w, NULL);
      l->y_labels_width = MAX (l->y_labels_width, w);
    }
}

static void
layout_x_ticks (AnnealChart *self,
                Layout      *l)
{
  char buf[64];
  double est_w;
  g_autoptr(PangoLayout) probe = NULL;
  guint target;

  /* Room for the widest label, about three label widths apart */
  anneal_ticks_linear (l->x_lo, l->x_hi, 5, TRUE, &l->x_ticks);
  anneal_ticks_format (&l->x_ticks, l->x_ticks.n ? l->x_ticks.major[l->x_ticks.n - 1] : 0,
                       buf, sizeof buf);
  probe = make_text (l, buf, l->font_px * 0.92, PANGO_WEIGHT_NORMAL, TRUE);
  text_size (probe, &est_w, NULL);
  target = (guint) CLAMP (l->plot.width / (est_w + l->font_px * 4.5), 2, 12);

  for (;;)
    {
      double widest = 0, step_px;

      anneal_ticks_linear (l->x_lo, l->x_hi, target, TRUE, &l->x_ticks);
      for (guint i = 0; i < ANNEAL_TICKS_MAX; i++)
        g_clear_object (&l->x_tick_labels[i]);
      for (guint i = 0; i < l->x_ticks.n; i++)
        {
          double w;

          anneal_ticks_format (&l->x_ticks, l->x_ticks.major[i], buf, sizeof buf);
          l->x_tick_labels[i] = make_text (l, buf, l->font_px * 0.92, PANGO_WEIGHT_NORMAL, TRUE);
          text_size (l->x_tick_labels[i], &w, NULL);
          widest = MAX (widest, w);
        }
      step_px = l->x_ticks.step / (l->x_hi - l->x_lo) * l->plot.width;
      if (l->x_ticks.n < 2 || target <= 2 || step_px >= widest + l->font_px * 1.5)
        break;
      target--;
    }
}

static void
legend_clear (Legend *lg)
{
  for (guint i = 0; i < lg->n; i++)
    g_clear_object (&lg->labels[i]);
  lg->n = 0;
}

static void
legend_measure (AnnealChart *self,
                Layout      *l,
                Legend      *lg)
{
  double text_w = 0, text_h = 0;

  memset (lg, 0, sizeof *lg);
  lg->inner = round (l->font_px * 0.6);
  lg->sample_w = round (l->font_px * 2.2);

  for (guint i = 0; i < self->series->len && lg->n < G_N_ELEMENTS (lg->labels); i++)
    {
      Series *s = g_ptr_array_index (self->series, i);
      PangoLayout *label;
      double w, h;

      if (!s->visible)
        continue;
      label = make_text (l, s->label != NULL ? s->label : "", l->font_px * 0.9,
                         PANGO_WEIGHT_NORMAL, FALSE);
      pango_layout_set_width (label, (int) (MAX (l->plot.width * 0.5, 60) * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_MIDDLE);
      pango_layout_set_single_paragraph_mode (label, TRUE);
      {
        PangoRectangle ink, logical;

        pango_layout_get_pixel_extents (label, &ink, &logical);
        w = logical.width;
        h = logical.height;
      }
      text_w = MAX (text_w, w);
      text_h = MAX (text_h, h);
      lg->label_w[lg->n] = w;
      lg->labels[lg->n] = label;
      lg->series[lg->n] = s;
      lg->n++;
    }

  lg->row_h = round (text_h * 1.25);
  lg->w = ceil (lg->inner * 2 + lg->sample_w + l->font_px * 0.6 + text_w);
  lg->h = ceil (lg->inner * 1.6 + lg->row_h * lg->n - (text_h * 0.25));
}

static void
legend_rect (Layout            *l,
             Legend            *lg,
             AnnealChartLegend  where,
             double            *x,
             double            *y)
{
  double inset = round (l->font_px * 0.6);
  double left = l->plot.x + inset, right = l->plot.x + l->plot.width - inset - lg->w;
  double top = l->plot.y + inset, bottom = l->plot.y + l->plot.height - inset - lg->h;

  switch (where)
    {
    case ANNEAL_CHART_LEGEND_TOP_LEFT:     *x = left;  *y = top;    break;
    case ANNEAL_CHART_LEGEND_BOTTOM_LEFT:  *x = left;  *y = bottom; break;
    case ANNEAL_CHART_LEGEND_BOTTOM_RIGHT: *x = right; *y = bottom; break;
    case ANNEAL_CHART_LEGEND_TOP_RIGHT:
    case ANNEAL_CHART_LEGEND_AUTO:
    case ANNEAL_CHART_LEGEND_NONE:
    default:                               *x = right; *y = top;    break;
    }
}

/* Value of the curve drawn through the integer epochs, at real epoch t */
static double
interpolate (const AnnealSchedule *schedule,
             gint64                n_epochs,
             double                t)
{
  double f = floor (t);
  gint64 a = (gint64) CLAMP (f, 0, (double) (n_epochs - 1));
  gint64 b = MIN (a + 1, n_epochs - 1);
  double va = anneal_schedule_value (schedule, a);
  double w = CLAMP (t - f, 0, 1);

  if (b == a || w == 0)
    return va;
  return va + (anneal_schedule_value (schedule, b) - va) * w;
}

/* How many (series, 2-px column) samples of the drawn curves fall inside the rectangle */
static guint
legend_coverage (AnnealChart *self,
                 Layout      *l,
                 double       rx,
                 double       ry,
                 double       rw,
                 double       rh)
{
  guint count = 0;
  double margin = l->line_width * 2;

  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = g_ptr_array_index (self->series, i);

      if (!s->visible)
        continue;
      for (double x = rx - margin; x < rx + rw + margin; x += 2)
        {
          double tl = l->x_lo + (x - l->plot.x) / l->plot.width * (l->x_hi - l->x_lo);
          double tr = l->x_lo + (x + 2 - l->plot.x) / l->plot.width * (l->x_hi - l->x_lo);
          double ya, yb, lo, hi;
          gint64 a = (gint64) ceil (tl), b = (gint64) floor (tr);

          ya = map_y (l, interpolate (s->schedule, self->n_epochs, tl));
          yb = map_y (l, interpolate (s->schedule, self->n_epochs, tr));
          lo = MIN (ya, yb);
          hi = MAX (ya, yb);
          a = MAX (a, 0);
          b = MIN (b, self->n_epochs - 1);
          if (a <= b)
            {
              double mn, mx;

              anneal_schedule_range (s->schedule, a, b, &mn, &mx);
              lo = MIN (lo, map_y (l, mx));
              hi = MAX (hi, map_y (l, mn));
            }
          if (hi >= ry - margin && lo <= ry + rh + margin)
            count++;
        }
    }
  return count;
}

static void
layout_texts (AnnealChart *self,
              double       width,
              double       height,
              Layout      *l)
{
  cairo_font_options_t *options;
  double title_h = 0, x_label_h = 0, y_label_h = 0;
  const char *x_label, *y_label;

  memset (l, 0, sizeof *l);
  l->width = width;
  l->height = height;
  l->font_px = CLAMP (sqrt (MAX (width, 1) * MAX (height, 1)) / 70.0, 10.0, 20.0);
  l->pad = round (l->font_px * 0.9);
  l->tick_len = round (l->font_px * 0.35);
  l->gap = round (l->font_px * 0.4);
  l->offset = round (l->font_px * 0.45);
  l->line_width = CLAMP (l->font_px / 7.0, 1.5, 2.6);
  l->log_y = self->log_y;

  /* Text is measured without hinting so that the layout does not depend on
   * the device scale: a 2× PNG is the 1× figure with finer pixels. */
  l->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (l->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (l->context, 96);
  pango_context_set_round_glyph_positions (l->context, FALSE);

  /* Epochs */
  if (self->has_view)
    {
      l->x_lo = self->view_first;
      l->x_hi = self->view_last;
    }
  else
    {
      l->x_lo = 0;
      l->x_hi = MAX (self->n_epochs - 1, 1);
    }
  visible_epochs (self, l->x_lo, l->x_hi, &l->epoch_first, &l->epoch_last);

  /* Values */
  data_range (self, l);
  if (self->has_view)
    {
      if (!l->log_y)
        {
          l->y_lo = self->view_y_min;
          l->y_hi = self->view_y_max;
        }
      else if (self->view_y_max > 0)
        {
          if (self->view_y_min > 0)
            l->y_lo = self->view_y_min;
          l->y_hi = self->view_y_max;
          if (l->y_lo >= l->y_hi)
            l->y_lo = l->y_hi * 1e-3;
        }
    }

  /* Texts */
  x_label = self->x_label != NULL ? self->x_label : _("epoch");
  y_label = self->y_label != NULL ? self->y_label : _("learning rate");
  if (self->title != NULL)
    {
      l->title = make_text (l, self->title, l->font_px * 1.2, PANGO_WEIGHT_SEMIBOLD, FALSE);
      text_size (l->title, NULL, &title_h);
    }
  if (*x_label != '\0')
    {
      l->x_label = make_text (l, x_label, l->font_px, PANGO_WEIGHT_NORMAL, FALSE);
      text_size (l->x_label, NULL, &x_label_h);
    }
  if (*y_label != '\0')
    {
      l->y_label = make_text (l, y_label, l->font_px, PANGO_WEIGHT_NORMAL, FALSE);
      text_size (l->y_label, NULL, &y_label_h);
    }
  {
    g_autoptr(PangoLayout) probe = make_text (l, "0123456789", l->font_px * 0.92,
                                              PANGO_WEIGHT_NORMAL, TRUE);

    text_size (probe, NULL, &l->tick_label_height);
  }

  l->title_height = title_h;
  l->x_label_height = x_label_h;
  l->y_label_height = y_label_h;
}

/* Margins and ticks, with @band pixels above the plot area for the legend */
static void
layout_place (AnnealChart *self,
              Layout      *l,
              double       band)
{
  double top, bottom, left, right;
  double width = l->width, height = l->height;

  /* Vertical margins, then the y ticks, then the horizontal margins */
  top = l->pad + (l->title != NULL ? l->title_height + l->font_px * 0.8
                                   : l->tick_label_height * 0.6) + band;
  bottom = l->pad + (l->x_label != NULL ? l->x_label_height + l->gap : 0)
           + l->tick_label_height + l->gap * 0.5 + l->tick_len + l->offset;
  l->plot.y = round (top);
  l->plot.height = MAX (1.0, round (height - bottom) - l->plot.y);

  layout_y_ticks (self, l);

  left = l->pad + (l->y_label != NULL ? l->y_label_height + l->gap * 1.2 : 0)
         + l->y_labels_width + l->gap * 0.75 + l->tick_len + l->offset;
  right = l->pad * 1.6;
  l->plot.x = round (left);
  l->plot.width = MAX (1.0, round (width - right) - l->plot.x);

  layout_x_ticks (self, l);

  /* Keep the last x label inside the figure */
  if (l->x_ticks.n > 0)
    {
      double w, x, overflow;

      text_size (l->x_tick_labels[l->x_ticks.n - 1], &w, NULL);
      x = map_x (l, l->x_ticks.major[l->x_ticks.n - 1]);
      overflow = x + w / 2 - (width - l->pad * 0.6);
      if (overflow > 0)
        l->plot.width = MAX (1.0, l->plot.width - ceil (overflow));
    }
}

static void legend_measure (AnnealChart *self,
                            Layout      *l,
                            Legend      *lg);
static guint legend_coverage (AnnealChart *self,
                              Layout      *l,
                              double       rx,
                              double       ry,
                              double       rw,
                              double       rh);
static void legend_rect (Layout            *l,
                         Legend            *lg,
                         AnnealChartLegend  where,
                         double            *x,
                         double            *y);

/* Lays the legend out in rows above the plot area; returns the band height */
static double
legend_rows (Layout *l,
             Legend *lg)
{
  double x = 0, max_w = l->plot.width + l->offset;

  lg->n_rows = lg->n > 0 ? 1 : 0;
  for (guint i = 0; i < lg->n; i++)
    {
      double w = lg->sample_w + l->font_px * 0.5 + lg->label_w[i];

      if (x > 0 && x + w > max_w)
        {
          lg->n_rows++;
          x = 0;
        }
      x += w + l->font_px * 1.6;
    }
  return lg->n_rows * lg->row_h + l->font_px * 0.5;
}

static void
layout_compute (AnnealChart *self,
                double       width,
                double       height,
                Layout      *l)
{
  Legend *lg = &l->legend;

  layout_texts (self, width, height, l);
  layout_place (self, l, 0);

  if (self->legend == ANNEAL_CHART_LEGEND_NONE)
    return;
  legend_measure (self, l, lg);
  if (lg->n == 0)
    return;

  lg->where = self->legend;
  if (self->legend == ANNEAL_CHART_LEGEND_AUTO)
    {
      /* The inside corner that hides the fewest curve samples; when every
       * corner hides some, rows above the plot area hide none. */
      static const AnnealChartLegend order[] = {
        ANNEAL_CHART_LEGEND_TOP_RIGHT,
        ANNEAL_CHART_LEGEND_TOP_LEFT,
        ANNEAL_CHART_LEGEND_BOTTOM_LEFT,
        ANNEAL_CHART_LEGEND_BOTTOM_RIGHT,
      };
      guint best = G_MAXUINT;

      for (guint i = 0; i < G_N_ELEMENTS (order); i++)
        {
          double x, y;
          guint cover;

          if (lg->w > l->plot.width || lg->h > l->plot.height)
            break;
          legend_rect (l, lg, order[i], &x, &y);
          cover = legend_coverage (self, l, x, y, lg->w, lg->h);
          if (cover < best)
            {
              best = cover;
              lg->where = order[i];
            }
        }
      if (best > 0)
        lg->outside = TRUE;
    }
  else if (lg->w > l->plot.width || lg->h > l->plot.height)
    lg->outside = TRUE;

  if (lg->outside)
    {
      l->band = legend_rows (l, lg);
      layout_place (self, l, l->band);
    }
}

/* Drawing ---------------------------------------------------------------- */

/* Moves @v (user x or y) onto the device-pixel grid so that a line @n device
 * pixels wide is crisp: centres on pixel centres for odd widths. */
static double
snap (cairo_t  *cr,
      double    v,
      gboolean  vertical_line,
      int       n)
{
  double x = vertical_line ? v : 0, y = vertical_line ? 0 : v;
  double *d = vertical_line ? &x : &y;

  cairo_user_to_device (cr, &x, &y);
  *d = (n % 2) ? floor (*d) + 0.5 : round (*d);
  cairo_device_to_user (cr, &x, &y);
  return vertical_line ? x : y;
}

/* Width in user units of @n device pixels */
static double
device_px (cairo_t *cr,
           double   n)
{
  double dx = n, dy = 0;

  cairo_device_to_user_distance (cr, &dx, &dy);
  return hypot (dx, dy);
}

static int
hairline_px (cairo_t *cr,
             double   logical)
{
  double dx = logical, dy = 0;

  cairo_user_to_device_distance (cr, &dx, &dy);
  return MAX (1, (int) round (hypot (dx, dy)));
}

static void
draw_grid (AnnealChart *self,
           cairo_t     *cr,
           Layout      *l,
           const Theme *theme)
{
  int n = 1;
  double lw = device_px (cr, n);
  double x0 = l->plot.x, x1 = l->plot.x + l->plot.width;
  double y0 = l->plot.y, y1 = l->plot.y + l->plot.height;

  cairo_save (cr);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  if (l->log_y && l->y_ticks.n_minor > 0)
    {
      set_source (cr, &theme->grid_minor);
      for (guint i = 0; i < l->y_ticks.n_minor; i++)
        {
          double y = map_y (l, l->y_ticks.minor[i]);

          if (y < y0 - 0.01 || y > y1 + 0.01)
            continue;
          y = snap (cr, y, FALSE, n);
          cairo_move_to (cr, x0, y);
          cairo_line_to (cr, x1, y);
        }
      cairo_stroke (cr);
    }

  set_source (cr, &theme->grid);
  for (guint i = 0; i < l->y_ticks.n; i++)
    {
      double y = map_y (l, l->y_ticks.major[i]);

      if (y < y0 - 0.01 || y > y1 + 0.01)
        continue;
      y = snap (cr, y, FALSE, n);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
    }
  for (guint i = 0; i < l->x_ticks.n; i++)
    {
      double x = map_x (l, l->x_ticks.major[i]);

      if (x < x0 - 0.01 || x > x1 + 0.01)
        continue;
      x = snap (cr, x, TRUE, n);
      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y1);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           double       x,
           double       y,
           double       align_x,   /* 0 left, 0.5 centre, 1 right of x */
           double       align_y)   /* 0 top, 0.5 middle, 1 bottom at y */
{
  double w, h;

  text_size (layout, &w, &h);
  cairo_move_to (cr, x - w * align_x, y - h * align_y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_axes (AnnealChart *self,
           cairo_t     *cr,
           Layout      *l,
           const Theme *theme)
{
  int n = hairline_px (cr, 1.0);
  double lw = device_px (cr, n);
  double ax = snap (cr, l->plot.x - l->offset, TRUE, n);
  double ay = snap (cr, l->plot.y + l->plot.height + l->offset, FALSE, n);
  double x0 = l->plot.x, x1 = l->plot.x + l->plot.width;
  double y0 = l->plot.y, y1 = l->plot.y + l->plot.height;

  cairo_save (cr);
  set_source (cr, &theme->axis);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);

  /* The axes, standing a little off the plot area */
  cairo_move_to (cr, ax, snap (cr, y0, FALSE, n));
  cairo_line_to (cr, ax, snap (cr, y1, FALSE, n));
  cairo_move_to (cr, snap (cr, x0, TRUE, n), ay);
  cairo_line_to (cr, snap (cr, x1, TRUE, n), ay);
  cairo_stroke (cr);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < l->y_ticks.n; i++)
    {
      double y = map_y (l, l->y_ticks.major[i]);

      if (y < y0 - 0.01 || y > y1 + 0.01)
        continue;
      y = snap (cr, y, FALSE, n);
      cairo_move_to (cr, ax, y);
      cairo_line_to (cr, ax - l->tick_len, y);
    }
  for (guint i = 0; i < l->y_ticks.n_minor && l->log_y; i++)
    {
      double y = map_y (l, l->y_ticks.minor[i]);

      if (y < y0 - 0.01 || y > y1 + 0.01)
        continue;
      y = snap (cr, y, FALSE, n);
      cairo_move_to (cr, ax, y);
      cairo_line_to (cr, ax - l->tick_len * 0.55, y);
    }
  for (guint i = 0; i < l->x_ticks.n; i++)
    {
      double x = map_x (l, l->x_ticks.major[i]);

      if (x < x0 - 0.01 || x > x1 + 0.01)
        continue;
      x = snap (cr, x, TRUE, n);
      cairo_move_to (cr, x, ay);
      cairo_line_to (cr, x, ay + l->tick_len);
    }
  cairo_stroke (cr);

  /* Tick labels */
  set_source (cr, &theme->text);
  for (guint i = 0; i < l->y_ticks.n; i++)
    {
      double y = map_y (l, l->y_ticks.major[i]);

      if (y < y0 - 0.01 || y > y1 + 0.01)
        continue;
      show_text (cr, l->y_tick_labels[i], ax - l->tick_len - l->gap * 0.75, y, 1.0, 0.5);
    }
  for (guint i = 0; i < l->x_ticks.n; i++)
    {
      double x = map_x (l, l->x_ticks.major[i]);

      if (x < x0 - 0.01 || x > x1 + 0.01)
        continue;
      show_text (cr, l->x_tick_labels[i], x, ay + l->tick_len + l->gap * 0.5, 0.5, 0.0);
    }

  /* Axis labels */
  if (l->x_label != NULL)
    show_text (cr, l->x_label, l->plot.x + l->plot.width / 2, l->height - l->pad, 0.5, 1.0);
  if (l->y_label != NULL)
    {
      double w, h;

      text_size (l->y_label, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, l->pad, l->plot.y + l->plot.height / 2 + w / 2);
      cairo_rotate (cr, -G_PI / 2);
      cairo_move_to (cr, 0, 0);
      pango_cairo_show_layout (cr, l->y_label);
      cairo_restore (cr);
    }

  if (l->title != NULL)
    {
      set_source (cr, &theme->title);
      show_text (cr, l->title, l->plot.x - l->offset, l->pad, 0.0, 0.0);
    }

  cairo_restore (cr);
}

static gboolean
use_markers (const Layout *l)
{
  gint64 n = l->epoch_last - l->epoch_first + 1;
  double spacing = n > 1 ? l->plot.width / ((l->x_hi - l->x_lo)) : l->plot.width;

  return spacing >= l->font_px * 0.75;
}

static void
draw_marker (cairo_t *cr,
             double   x,
             double   y,
             double   r)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
}

/* A polyline through many points that swings far (a long schedule of short
 * cycles) is drawn as per-device-column spans like the envelope: the same
 * pixels, without stroking thousands of steep zigzags. Returns FALSE, leaving
 * the path alone, when the curve is not dense. */
static gboolean
dense_points_to_spans (cairo_t              *cr,
                       const Layout         *l,
                       const cairo_matrix_t *m,
                       gint64                first,
                       const double         *values,
                       gsize                 count,
                       double                lw,
                       double                limit)
{
  double length = 0, px = 0, py = 0, c0, dev_lw = lw, tmp = 0;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree double *top = NULL;
  g_autofree double *bottom = NULL;
  guint n_columns;

  if (count < 3)
    return FALSE;
  xs = g_new (double, count);
  ys = g_new (double, count);
  for (gsize i = 0; i < count; i++)
    {
      if (!isfinite (values[i]))
        return FALSE;
      xs[i] = m->xx * map_x (l, (double) (first + (gint64) i)) + m->x0;
      ys[i] = m->yy * map_y (l, values[i]) + m->y0;
      if (i > 0)
        length += hypot (xs[i] - px, ys[i] - py);
      px = xs[i];
      py = ys[i];
    }
  if (length <= limit)
    return FALSE;

  c0 = floor (xs[0]);
  n_columns = anneal_chart_envelope_n_columns (xs[0], xs[count - 1]);
  if (n_columns == 0)
    return FALSE;
  top = g_new (double, n_columns);
  bottom = g_new (double, n_columns);
  for (guint i = 0; i < n_columns; i++)
    {
      top[i] = INFINITY;
      bottom[i] = -INFINITY;
    }

  /* The y extent of each segment within each column it crosses */
  for (gsize i = 0; i + 1 < count; i++)
    {
      double x0 = xs[i], x1 = xs[i + 1], y0 = ys[i], y1 = ys[i + 1];
      double slope = x1 > x0 ? (y1 - y0) / (x1 - x0) : 0;

      for (double col = floor (x0); col <= floor (x1); col++)
        {
          double xa = MAX (col, x0), xb = MIN (col + 1, x1);
          double ya = y0 + (xa - x0) * slope, yb = y0 + (xb - x0) * slope;
          guint k = (guint) (col - c0);

          if (k >= n_columns)
            continue;
          top[k] = MIN (top[k], MIN (ya, yb));
          bottom[k] = MAX (bottom[k], MAX (ya, yb));
        }
    }

  cairo_new_path (cr);
  cairo_save (cr);
  cairo_matrix_transform_distance (m, &dev_lw, &tmp);
  cairo_identity_matrix (cr);
  fill_spans (cr, c0, n_columns, top, bottom, hypot (dev_lw, tmp));
  cairo_restore (cr);
  return TRUE;
}

/* Epochs to draw point by point: all the visible ones plus one on each side,
 * when there are no more of them than device columns. */
static gboolean
series_point_mode (const Layout *l,
                   guint         n_columns)
{
  gint64 n = l->epoch_last - l->epoch_first + 1;

  return n <= (gint64) n_columns && n <= 1 << 17;
}

static void
draw_series (AnnealChart *self,
             cairo_t     *cr,
             Layout      *l,
             Series      *s)
{
  double dx0 = l->plot.x, dx1 = l->plot.x + l->plot.width, dy = l->plot.y;
  double dxr = dx1, dyr = dy;
  guint n_columns;
  double lw = l->line_width;
  cairo_matrix_t m;

  cairo_user_to_device (cr, &dx0, &dy);
  cairo_user_to_device (cr, &dxr, &dyr);
  cairo_get_matrix (cr, &m);
  n_columns = anneal_chart_envelope_n_columns (dx0, dxr);

  cairo_save (cr);
  set_source_rgb24 (cr, ink_color (s->color, self->theme));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (series_point_mode (l, n_columns) || m.xy != 0 || m.yx != 0 || dxr <= dx0)
    {
      gint64 first = MAX (l->epoch_first - 1, 0);
      gint64 last = MIN (l->epoch_last + 1, self->n_epochs - 1);
      gsize count = (gsize) (last - first + 1);
      g_autofree double *values = NULL;

      if (count > (1 << 17) + 2)
        {
          /* Rotated or sheared device: sample the plot's user units instead */
          count = (gsize) CLAMP (l->plot.width, 2, 1 << 16);
          values = g_new (double, count);
          for (gsize i = 0; i < count; i++)
            {
              double t = l->x_lo + (l->x_hi - l->x_lo) * i / (count - 1);
              gint64 e = (gint64) CLAMP (nearbyint (t), 0, (double) (self->n_epochs - 1));

              values[i] = anneal_schedule_value (s->schedule, e);
              if (i == 0)
                cairo_move_to (cr, map_x (l, t), map_y (l, values[i]));
              else
                cairo_line_to (cr, map_x (l, t), map_y (l, values[i]));
            }
          set_dash_unless_dense (cr, s->dash, lw, l->plot.width * DENSE_LENGTH);
          cairo_set_line_width (cr, lw);
          cairo_stroke (cr);
          cairo_restore (cr);
          return;
        }

      values = g_new (double, count);
      anneal_schedule_fill (s->schedule, first, count, values);

      for (gsize i = 0; i < count; i++)
        {
          double x = map_x (l, (double) (first + (gint64) i));
          double y = map_y (l, values[i]);

          if (i == 0 || !isfinite (values[i - 1]))
            cairo_move_to (cr, x, y);
          else
            cairo_line_to (cr, x, y);
        }
      if (count == 1)
        cairo_rel_line_to (cr, 0, 0);

      if (m.xy == 0 && m.yx == 0 && dxr > dx0 &&
          dense_points_to_spans (cr, l, &m, first, values, count, lw,
                                 (dxr - dx0) * DENSE_LENGTH))
        {
          cairo_restore (cr);
          return;
        }
      set_dash_unless_dense (cr, s->dash, lw, l->plot.width * DENSE_LENGTH);
      cairo_set_line_width (cr, lw);
      cairo_stroke (cr);

      if (use_markers (l) || count == 1)
        {
          cairo_set_dash (cr, NULL, 0, 0);
          for (gsize i = 0; i < count; i++)
            {
              double v = values[i];

              if (!isfinite (v) || (l->log_y && !(v > 0)))
                continue;
              draw_marker (cr, map_x (l, (double) (first + (gint64) i)), map_y (l, v), lw * 1.35);
            }
          cairo_fill (cr);
        }
    }
  else
    {
      /* The envelope: per device column the first value, the extreme nearer to
       * it, the other extreme and the last value, joined column to column. */
      g_autofree AnnealChartColumn *cols = g_new (AnnealChartColumn, n_columns);
      g_autofree double *top = g_new (double, n_columns);
      g_autofree double *bottom = g_new (double, n_columns);
      double c0 = floor (dx0), dev_lw = lw, tmp = 0, length = 0, prev = NAN;
      gboolean started = FALSE;

      anneal_chart_envelope (s->schedule, l->epoch_first, l->epoch_last,
                             l->x_lo, l->x_hi, dx0, dxr, cols, n_columns);
      cairo_matrix_transform_distance (&m, &dev_lw, &tmp);
      dev_lw = hypot (dev_lw, tmp);

      cairo_identity_matrix (cr);
      for (guint i = 0; i < n_columns; i++)
        {
          AnnealChartColumn *c = &cols[i];
          double x = c0 + i + 0.5, yf, yl, ymin, ymax;

          top[i] = INFINITY;
          bottom[i] = -INFINITY;
          if (c->first > c->last)
            continue;

          /* No rotation here: device y = yy · user y + y0 */
          yf = m.yy * map_y (l, c->v_first) + m.y0;
          yl = m.yy * map_y (l, c->v_last) + m.y0;
          ymin = m.yy * map_y (l, c->min) + m.y0;
          ymax = m.yy * map_y (l, c->max) + m.y0;
          top[i] = MIN (ymin, ymax);
          bottom[i] = MAX (ymin, ymax);
          if (!isnan (prev))
            {
              /* the join from the previous column's last value */
              top[i] = MIN (top[i], prev);
              bottom[i] = MAX (bottom[i], prev);
            }
          length += bottom[i] - top[i] + 1;
          prev = yl;

          if (!started)
            cairo_move_to (cr, x, yf);
          else
            cairo_line_to (cr, x, yf);
          started = TRUE;
          if (fabs (ymin - yf) < fabs (ymax - yf))
            {
              cairo_line_to (cr, x, ymin);
              cairo_line_to (cr, x, ymax);
            }
          else
            {
              cairo_line_to (cr, x, ymax);
              cairo_line_to (cr, x, ymin);
            }
          cairo_line_to (cr, x, yl);
        }

      if (length > (dxr - dx0) * DENSE_LENGTH)
        {
          cairo_new_path (cr);
          fill_spans (cr, c0, n_columns, top, bottom, dev_lw);
        }
      else
        {
          set_dash_unless_dense (cr, s->dash, dev_lw, (dxr - dx0) * DENSE_LENGTH);
          cairo_set_line_width (cr, dev_lw);
          cairo_stroke (cr);
        }
    }

  cairo_restore (cr);
}

static void
draw_legend_entry (AnnealChart *self,
                   cairo_t     *cr,
                   Layout      *l,
                   Legend      *lg,
                   guint        i,
                   double       sx,
                   double       cy)
{
  double th;

  text_size (lg->labels[i], NULL, &th);
  set_source_rgb24 (cr, ink_color (lg->series[i]->color, self->theme));
  cairo_set_line_width (cr, l->line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  set_dash (cr, lg->series[i]->dash, l->line_width);
  cairo_move_to (cr, sx, cy);
  cairo_line_to (cr, sx + lg->sample_w, cy);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  if (use_markers (l))
    {
      draw_marker (cr, sx + lg->sample_w / 2, cy, l->line_width * 1.35);
      cairo_fill (cr);
    }

  set_source (cr, &themes[self->theme].title);
  cairo_move_to (cr, sx + lg->sample_w + l->font_px * 0.5, cy - th / 2);
  pango_cairo_show_layout (cr, lg->labels[i]);
}

static void
draw_legend (AnnealChart *self,
             cairo_t     *cr,
             Layout      *l,
             const Theme *theme)
{
  Legend *lg = &l->legend;
  double x, y;
  int n = 1;

  if (lg->n == 0)
    return;

  cairo_save (cr);
  if (lg->outside)
    {
      /* Rows between the title and the plot area */
      double x0 = l->plot.x - l->offset, cx = x0;
      double max_w = l->plot.width + l->offset;
      double top = l->plot.y - l->band;
      guint row = 0;

      for (guint i = 0; i < lg->n; i++)
        {
          double w = lg->sample_w + l->font_px * 0.5 + lg->label_w[i];

          if (cx > x0 && cx - x0 + w > max_w)
            {
              row++;
              cx = x0;
            }
          draw_legend_entry (self, cr, l, lg, i, cx, top + lg->row_h * (row + 0.5));
          cx += w + l->font_px * 1.6;
        }
      cairo_restore (cr);
      return;
    }

  legend_rect (l, lg, lg->where, &x, &y);
  x = snap (cr, x, TRUE, n);
  y = snap (cr, y, FALSE, n);
  {
    double r = l->font_px * 0.3, w = lg->w, h = lg->h;

    cairo_new_sub_path (cr);
    cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
    cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
    cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
    cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
    cairo_close_path (cr);
    set_source (cr, &theme->legend_background);
    cairo_fill_preserve (cr);
    set_source (cr, &theme->legend_border);
    cairo_set_line_width (cr, device_px (cr, n));
    cairo_stroke (cr);
  }

  for (guint i = 0; i < lg->n; i++)
    draw_legend_entry (self, cr, l, lg, i, x + lg->inner,
                       y + lg->inner * 0.8 + lg->row_h * (i + 0.5) - lg->row_h * 0.1);
  cairo_restore (cr);
}

void
anneal_chart_draw (AnnealChart *self,
                   cairo_t     *cr,
                   double       width,
                   double       height)
{
  g_auto(Layout) l = { 0, };
  const Theme *theme;

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  if (!(width >= 1) || !(height >= 1) || !isfinite (width) || !isfinite (height))
    return;

  theme = &themes[self->theme];
  layout_compute (self, width, height, &l);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (theme->fill_background)
    {
      set_source (cr, &theme->background);
      cairo_paint (cr);
    }

  if (self->grid)
    draw_grid (self, cr, &l, theme);

  /* Curves, clipped to the plot area and the half of a marker around it */
  cairo_save (cr);
  {
    double bleed = l.line_width * 1.5;

    cairo_rectangle (cr, l.plot.x - bleed, l.plot.y - bleed,
                     l.plot.width + 2 * bleed, l.plot.height + 2 * bleed);
    cairo_clip (cr);
  }
  /* The first series on top */
  for (guint i = self->series->len; i-- > 0;)
    {
      Series *s = g_ptr_array_index (self->series, i);

      if (s->visible)
        draw_series (self, cr, &l, s);
    }
  cairo_restore (cr);

  draw_axes (self, cr, &l, theme);
  draw_legend (self, cr, &l, theme);

  cairo_restore (cr);
}

void
anneal_chart_get_plot_area (AnnealChart       *self,
                            double             width,
                            double             height,
                            cairo_rectangle_t *area)
{
  g_auto(Layout) l = { 0, };

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (area != NULL);

  layout_compute (self, width, height, &l);
  *area = l.plot;
}

gboolean
anneal_chart_pixel_to_data (AnnealChart *self,
                            double       width,
                            double       height,
                            double       x,
                            double       y,
                            double      *epoch,
                            double      *value)
{
  g_auto(Layout) l = { 0, };

  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);

  layout_compute (self, width, height, &l);
  if (epoch)
    *epoch = l.x_lo + (x - l.plot.x) / l.plot.width * (l.x_hi - l.x_lo);
  if (value)
    *value = unmap_y (&l, y);

  return x >= l.plot.x && x <= l.plot.x + l.plot.width &&
         y >= l.plot.y && y <= l.plot.y + l.plot.height;
}

void
anneal_chart_data_to_pixel (AnnealChart *self,
                            double       width,
                            double       height,
                            double       epoch,
                            double       value,
                            double      *x,
                            double      *y)
{
  g_auto(Layout) l = { 0, };

  g_return_if_fail (ANNEAL_IS_CHART (self));

  layout_compute (self, width, height, &l);
  if (x)
    *x = map_x (&l, epoch);
  if (y)
    *y = map_y (&l, value);
}

void
anneal_chart_get_view (AnnealChart *self,
                       double      *first_epoch,
                       double      *last_epoch,
                       double      *y_min,
                       double      *y_max)
{
  g_auto(Layout) l = { 0, };

  g_return_if_fail (ANNEAL_IS_CHART (self));

  /* The automatic view needs no text: only the data range */
  l.log_y = self->log_y;
  if (self->has_view)
    {
      l.x_lo = self->view_first;
      l.x_hi = self->view_last;
    }
  else
    {
      l.x_lo = 0;
      l.x_hi = MAX (self->n_epochs - 1, 1);
    }
  visible_epochs (self, l.x_lo, l.x_hi, &l.epoch_first, &l.epoch_last);
  data_range (self, &l);
  if (self->has_view)
    {
      l.y_lo = self->view_y_min;
      l.y_hi = self->view_y_max;
    }
  if (first_epoch)
    *first_epoch = l.x_lo;
  if (last_epoch)
    *last_epoch = l.x_hi;
  if (y_min)
    *y_min = l.y_lo;
  if (y_max)
    *y_max = l.y_hi;
}

/* Visible series' schedules and labels, for exports */
GPtrArray *
anneal_chart_get_visible_series (AnnealChart *self,
                                 GPtrArray  **labels)
{
  GPtrArray *schedules = g_ptr_array_new_with_free_func ((GDestroyNotify) anneal_schedule_unref);

  if (labels)
    *labels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->series->len; i++)
    {
      Series *s = g_ptr_array_index (self->series, i);

      if (!s->visible)
        continue;
      g_ptr_array_add (schedules, anneal_schedule_ref (s->schedule));
      if (labels)
        g_ptr_array_add (*labels, g_strdup (s->label));
    }
  return schedules;
}

void
anneal_chart_get_visible_epochs (AnnealChart *self,
                                 gint64      *first,
                                 gint64      *last)
{
  double x_lo = 0, x_hi = MAX (self->n_epochs - 1, 1);

  if (self->has_view)
    {
      x_lo = self->view_first;
      x_hi = self->view_last;
    }
  visible_epochs (self, x_lo, x_hi, first, last);
}
