/* anneal-chart-draw.c — the one draw function: grid, axes, texts and curves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * anneal_chart_draw() serves the widget's snapshot and every exported file alike.
 * It reads the cached layout (anneal-chart-layout.c) and draws; it computes no
 * geometry but the curves' own: points, or per device column the envelope of a
 * long schedule.
 */

#define G_LOG_DOMAIN "AnnealChart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "anneal-chart-private.h"

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

  if (dash % ANNEAL_CHART_N_DASHES == 0)
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
    anneal_chart_set_dash (cr, dash, lw);
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

/* Moves @v (user x or y) onto the device-pixel grid so that a line @n device
 * pixels wide is crisp: centres on pixel centres for odd widths. */
double
anneal_chart_snap (cairo_t  *cr,
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
double
anneal_chart_device_px (cairo_t *cr,
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
draw_grid (cairo_t                 *cr,
           const AnnealChartLayout *l,
           const AnnealChartColors *colors)
{
  int n = 1;
  double lw = anneal_chart_device_px (cr, n);
  double x0 = l->plot.x, x1 = l->plot.x + l->plot.width;
  double y0 = l->plot.y, y1 = l->plot.y + l->plot.height;

  cairo_save (cr);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);

  if (l->log_y && l->y_ticks.n_minor > 0)
    {
      anneal_chart_set_source (cr, &colors->grid_minor);
      for (guint i = 0; i < l->y_ticks.n_minor; i++)
        {
          double y = anneal_chart_map_y (l, l->y_ticks.minor[i]);

          if (y < y0 - 0.01 || y > y1 + 0.01)
            continue;
          y = anneal_chart_snap (cr, y, FALSE, n);
          cairo_move_to (cr, x0, y);
          cairo_line_to (cr, x1, y);
        }
      cairo_stroke (cr);
    }

  anneal_chart_set_source (cr, &colors->grid);
  for (guint i = 0; i < l->y_ticks.n; i++)
    {
      double y = anneal_chart_map_y (l, l->y_ticks.major[i]);

      if (y < y0 - 0.01 || y > y1 + 0.01)
        continue;
      y = anneal_chart_snap (cr, y, FALSE, n);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
    }
  for (guint i = 0; i < l->x_ticks.n; i++)
    {
      double x = anneal_chart_map_x (l, l->x_ticks.major[i]);

      if (x < x0 - 0.01 || x > x1 + 0.01)
        continue;
      x = anneal_chart_snap (cr, x, TRUE, n);
      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y1);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
anneal_chart_show_text (cairo_t     *cr,
                        PangoLayout *layout,
                        double       x,
                        double       y,
                        double       align_x,
                        double       align_y)
{
  double w, h;

  anneal_chart_text_size (layout, &w, &h);
  cairo_save (cr);
  cairo_rectangle (cr, x - w * align_x - h / 2, y - h * align_y - h / 2, w + h, h * 2);
  cairo_clip (cr);
  cairo_move_to (cr, x - w * align_x, y - h * align_y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static void
draw_axes (cairo_t                 *cr,
           const AnnealChartLayout *l,
           const AnnealChartColors *colors)
{
  int n = hairline_px (cr, 1.0);
  double lw = anneal_chart_device_px (cr, n);
  double ax = anneal_chart_snap (cr, l->plot.x - l->offset, TRUE, n);
  double ay = anneal_chart_snap (cr, l->plot.y + l->plot.height + l->offset, FALSE, n);
  double x0 = l->plot.x, x1 = l->plot.x + l->plot.width;
  double y0 = l->plot.y, y1 = l->plot.y + l->plot.height;

  cairo_save (cr);
  anneal_chart_set_source (cr, &colors->axis);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);

  /* The axes, standing a little off the plot area */
  cairo_move_to (cr, ax, anneal_chart_snap (cr, y0, FALSE, n));
  cairo_line_to (cr, ax, anneal_chart_snap (cr, y1, FALSE, n));
  cairo_move_to (cr, anneal_chart_snap (cr, x0, TRUE, n), ay);
  cairo_line_to (cr, anneal_chart_snap (cr, x1, TRUE, n), ay);
  cairo_stroke (cr);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
  for (guint i = 0; i < l->y_ticks.n; i++)
    {
      double y = anneal_chart_map_y (l, l->y_ticks.major[i]);

      if (y < y0 - 0.01 || y > y1 + 0.01)
        continue;
      y = anneal_chart_snap (cr, y, FALSE, n);
      cairo_move_to (cr, ax, y);
      cairo_line_to (cr, ax - l->tick_len, y);
    }
  for (guint i = 0; i < l->y_ticks.n_minor && l->log_y; i++)
    {
      double y = anneal_chart_map_y (l, l->y_ticks.minor[i]);

      if (y < y0 - 0.01 || y > y1 + 0.01)
        continue;
      y = anneal_chart_snap (cr, y, FALSE, n);
      cairo_move_to (cr, ax, y);
      cairo_line_to (cr, ax - l->tick_len * 0.55, y);
    }
  for (guint i = 0; i < l->x_ticks.n; i++)
    {
      double x = anneal_chart_map_x (l, l->x_ticks.major[i]);

      if (x < x0 - 0.01 || x > x1 + 0.01)
        continue;
      x = anneal_chart_snap (cr, x, TRUE, n);
      cairo_move_to (cr, x, ay);
      cairo_line_to (cr, x, ay + l->tick_len);
    }
  /* The other unit's secondary ticks (steps and epochs) */
  for (guint i = 0; i < l->x_ticks.n_minor; i++)
    {
      double x = anneal_chart_map_x (l, l->x_ticks.minor[i]);

      if (x < x0 - 0.01 || x > x1 + 0.01)
        continue;
      x = anneal_chart_snap (cr, x, TRUE, n);
      cairo_move_to (cr, x, ay);
      cairo_line_to (cr, x, ay + l->tick_len * 0.55);
    }
  cairo_stroke (cr);

  /* Tick labels */
  anneal_chart_set_source (cr, &colors->text);
  for (guint i = 0; i < l->y_ticks.n; i++)
    {
      double y = anneal_chart_map_y (l, l->y_ticks.major[i]);

      if (y < y0 - 0.01 || y > y1 + 0.01)
        continue;
      anneal_chart_show_text (cr, l->y_tick_labels[i], ax - l->tick_len - l->gap * 0.75, y, 1.0, 0.5);
    }
  for (guint i = 0; i < l->x_ticks.n; i++)
    {
      double x = anneal_chart_map_x (l, l->x_ticks.major[i]);

      if (x < x0 - 0.01 || x > x1 + 0.01)
        continue;
      anneal_chart_show_text (cr, l->x_tick_labels[i], x, ay + l->tick_len + l->gap * 0.5, 0.5, 0.0);
    }

  /* Axis labels */
  if (l->x_label != NULL)
    anneal_chart_show_text (cr, l->x_label, l->plot.x + l->plot.width / 2, l->height - l->pad, 0.5, 1.0);
  if (l->y_label != NULL)
    {
      double w, h;

      anneal_chart_text_size (l->y_label, &w, &h);
      cairo_save (cr);
      cairo_translate (cr, l->pad, l->plot.y + l->plot.height / 2 + w / 2);
      cairo_rotate (cr, -G_PI / 2);
      anneal_chart_show_text (cr, l->y_label, 0, 0, 0, 0);
      cairo_restore (cr);
    }

  if (l->title != NULL)
    {
      anneal_chart_set_source (cr, &colors->title);
      anneal_chart_show_text (cr, l->title, l->plot.x - l->offset, l->pad, 0.0, 0.0);
    }

  cairo_restore (cr);
}

gboolean
anneal_chart_use_markers (const AnnealChartLayout *l)
{
  gint64 n = l->epoch_last - l->epoch_first + 1;
  double spacing = n > 1 ? l->plot.width / ((l->x_hi - l->x_lo)) : l->plot.width;

  return spacing >= l->font_px * 0.75;
}

void
anneal_chart_draw_marker (cairo_t *cr,
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
dense_points_to_spans (cairo_t                 *cr,
                       const AnnealChartLayout *l,
                       const cairo_matrix_t    *m,
                       gint64                   first,
                       const double            *values,
                       gsize                    count,
                       double                   lw,
                       double                   limit)
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
      xs[i] = m->xx * anneal_chart_map_x (l, (double) (first + (gint64) i)) + m->x0;
      ys[i] = m->yy * anneal_chart_map_y (l, values[i]) + m->y0;
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
series_point_mode (const AnnealChartLayout *l,
                   guint         n_columns)
{
  gint64 n = l->epoch_last - l->epoch_first + 1;

  return n <= (gint64) n_columns && n <= 1 << 17;
}

/* The plot's left and right edges in device pixels, the device matrix and the pixel
 * columns between the edges: the same for every series of a figure. */
typedef struct
{
  double         x0, x1;
  cairo_matrix_t m;
  guint          n_columns;
} DeviceSpan;

static void
device_span (cairo_t                 *cr,
             const AnnealChartLayout *l,
             DeviceSpan              *span)
{
  double y0 = l->plot.y, y1 = l->plot.y;

  span->x0 = l->plot.x;
  span->x1 = l->plot.x + l->plot.width;
  cairo_user_to_device (cr, &span->x0, &y0);
  cairo_user_to_device (cr, &span->x1, &y1);
  cairo_get_matrix (cr, &span->m);
  span->n_columns = anneal_chart_envelope_n_columns (span->x0, span->x1);
}

/* Whether the series are drawn from per-column envelopes (else point by point, or
 * sampled on a rotated or sheared device) */
static gboolean
uses_envelope (const AnnealChartLayout *l,
               const DeviceSpan        *span)
{
  return !series_point_mode (l, span->n_columns) && span->m.xy == 0 && span->m.yx == 0 &&
         span->x1 > span->x0;
}

static void
draw_series (AnnealChart             *self,
             cairo_t                 *cr,
             const AnnealChartLayout *l,
             AnnealChartSeries       *s,
             AnnealChartTheme         theme)
{
  DeviceSpan span;
  double dx0, dxr;
  guint n_columns;
  double lw = l->line_width;
  gint64 divisor = anneal_chart_series_divisor (self, s);
  cairo_matrix_t m;

  device_span (cr, l, &span);
  dx0 = span.x0;
  dxr = span.x1;
  m = span.m;
  n_columns = span.n_columns;

  cairo_save (cr);
  anneal_chart_set_source_ink (cr, s->color, theme);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (!uses_envelope (l, &span))
    {
      gint64 first = MAX (l->epoch_first - 1, 0);
      gint64 last = MIN (l->epoch_last + 1, self->n_steps - 1);
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
              gint64 e = (gint64) CLAMP (nearbyint (t), 0, (double) (self->n_steps - 1));

              values[i] = anneal_chart_divided_value (s->schedule, divisor, e);
              if (i == 0)
                cairo_move_to (cr, anneal_chart_map_x (l, t), anneal_chart_map_y (l, values[i]));
              else
                cairo_line_to (cr, anneal_chart_map_x (l, t), anneal_chart_map_y (l, values[i]));
            }
          set_dash_unless_dense (cr, s->dash, lw, l->plot.width * DENSE_LENGTH);
          cairo_set_line_width (cr, lw);
          cairo_stroke (cr);
          cairo_restore (cr);
          return;
        }

      values = g_new (double, count);
      anneal_chart_divided_sample (s->schedule, divisor, first, count, values);

      for (gsize i = 0; i < count; i++)
        {
          double x = anneal_chart_map_x (l, (double) (first + (gint64) i));
          double y = anneal_chart_map_y (l, values[i]);

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

      if (anneal_chart_use_markers (l) || count == 1)
        {
          cairo_set_dash (cr, NULL, 0, 0);
          for (gsize i = 0; i < count; i++)
            {
              double v = values[i];

              if (!isfinite (v) || (l->log_y && !(v > 0)))
                continue;
              anneal_chart_draw_marker (cr, anneal_chart_map_x (l, (double) (first + (gint64) i)),
                                        anneal_chart_map_y (l, v), lw * 1.35);
            }
          cairo_fill (cr);
        }
    }
  else
    {
      /* The envelope: per device column the first value, the extreme nearer to
       * it, the other extreme and the last value, joined column to column. */
      const AnnealChartColumn *cols;
      g_autofree double *top = g_new (double, n_columns);
      g_autofree double *bottom = g_new (double, n_columns);
      double c0 = floor (dx0), dev_lw = lw, tmp = 0, length = 0, prev = NAN;
      gboolean started = FALSE;

      cols = anneal_chart_series_envelope (self, s, divisor, l->epoch_first, l->epoch_last,
                                           l->x_lo, l->x_hi, dx0, dxr,
                                           anneal_chart_column_scan (self), n_columns);
      if (cols == NULL)
        {
          /* deferred: drawn once computed */
          cairo_restore (cr);
          return;
        }
      cairo_matrix_transform_distance (&m, &dev_lw, &tmp);
      dev_lw = hypot (dev_lw, tmp);

      cairo_identity_matrix (cr);
      for (guint i = 0; i < n_columns; i++)
        {
          const AnnealChartColumn *c = &cols[i];
          double x = c0 + i + 0.5, yf, yl, ymin, ymax;

          top[i] = INFINITY;
          bottom[i] = -INFINITY;
          if (c->first > c->last)
            continue;

          /* No rotation here: device y = yy · user y + y0 */
          yf = m.yy * anneal_chart_map_y (l, c->v_first) + m.y0;
          yl = m.yy * anneal_chart_map_y (l, c->v_last) + m.y0;
          ymin = m.yy * anneal_chart_map_y (l, c->min) + m.y0;
          ymax = m.yy * anneal_chart_map_y (l, c->max) + m.y0;
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

/* Each visible series' envelope, as draw_series() will ask for it, folded into its
 * range: TRUE if some range grew, and the layout has to follow. */
static gboolean
fit_envelopes (AnnealChart             *self,
               cairo_t                 *cr,
               const AnnealChartLayout *l)
{
  gboolean widened = FALSE;
  DeviceSpan span;

  device_span (cr, l, &span);
  if (!uses_envelope (l, &span))
    return FALSE;
  for (guint i = 0; i < self->series->len; i++)
    {
      AnnealChartSeries *s = g_ptr_array_index (self->series, i);
      double lo = INFINITY, hi = -INFINITY;
      const AnnealChartColumn *cols;
      gint64 divisor;

      if (!s->visible)
        continue;
      divisor = anneal_chart_series_divisor (self, s);
      cols = anneal_chart_series_envelope (self, s, divisor, l->epoch_first, l->epoch_last,
                                           l->x_lo, l->x_hi, span.x0, span.x1,
                                           anneal_chart_column_scan (self), span.n_columns);
      if (cols == NULL)
        continue;
      for (guint k = 0; k < span.n_columns; k++)
        if (cols[k].first <= cols[k].last)
          {
            lo = MIN (lo, cols[k].min);
            hi = MAX (hi, cols[k].max);
          }
      widened |= anneal_chart_widen_range (self, s, divisor, l->epoch_first, l->epoch_last,
                                           lo, hi);
    }
  return widened;
}

void
anneal_chart_draw (AnnealChart *self,
                   cairo_t     *cr,
                   double       width,
                   double       height)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  anneal_chart_draw_with_theme (self, cr, width, height, self->theme);
}

void
anneal_chart_draw_with_theme (AnnealChart      *self,
                              cairo_t          *cr,
                              double            width,
                              double            height,
                              AnnealChartTheme  theme)
{
  const AnnealChartLayout *l;
  const AnnealChartColors *colors;

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (theme <= ANNEAL_CHART_THEME_TRANSPARENT);

  if (!(width >= 1) || !(height >= 1) || !isfinite (width) || !isfinite (height))
    return;

  colors = anneal_chart_theme_colors (theme);
  l = anneal_chart_get_layout (self, width, height);
  /* The axis fits what the curves show: a range grown from the envelopes lays the
   * chart out again (a wider range can move the plot's edge by a label's width, and
   * the new columns find a little more: a few rounds at most, as ranges only grow). */
  for (guint round = 0; round < 4 && !self->has_view && fit_envelopes (self, cr, l); round++)
    {
      anneal_chart_clear_layouts (self);
      l = anneal_chart_get_layout (self, width, height);
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (colors->fill_background)
    {
      anneal_chart_set_source (cr, &colors->background);
      cairo_paint (cr);
    }

  if (self->grid)
    draw_grid (cr, l, colors);

  /* Curves, clipped to the plot area and the half of a marker around it */
  cairo_save (cr);
  {
    double bleed = l->line_width * 1.5;

    cairo_rectangle (cr, l->plot.x - bleed, l->plot.y - bleed,
                     l->plot.width + 2 * bleed, l->plot.height + 2 * bleed);
    cairo_clip (cr);
  }
  /* The first series on top */
  for (guint i = self->series->len; i-- > 0;)
    {
      AnnealChartSeries *s = g_ptr_array_index (self->series, i);

      if (s->visible)
        draw_series (self, cr, l, s, theme);
    }
  cairo_restore (cr);

  draw_axes (cr, l, colors);
  anneal_chart_legend_draw (self, cr, l, theme);

  cairo_restore (cr);
}
