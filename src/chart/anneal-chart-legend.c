/* anneal-chart-legend.c — the legend: its size, its place and its drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Placed in the inside corner of the plot area that hides the fewest curve
 * samples, or in rows above the plot area when every corner hides some.
 */

#define G_LOG_DOMAIN "AnnealChart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "anneal-chart-private.h"
#include "anneal-text.h"

static void
legend_measure (AnnealChart          *self,
                AnnealChartLayout    *l,
                AnnealChartLegendBox *lg)
{
  double text_w = 0, text_h = 0;

  memset (lg, 0, sizeof *lg);
  lg->inner = round (l->font_px * 0.6);
  lg->sample_w = round (l->font_px * 2.4);  /* 16 line widths or more */

  for (guint i = 0; i < self->series->len; i++)
    {
      AnnealChartSeries *s = g_ptr_array_index (self->series, i);
      const char *label_text = s->label != NULL ? s->label : "";
      g_autofree char *bounded = NULL;
      PangoLayout *label;
      double w, h;

      if (!s->visible)
        continue;
      lg->n_visible++;
      if (lg->n == G_N_ELEMENTS (lg->labels))
        continue;
      /* One line of bounded length: a label of megabytes is never shaped */
      bounded = anneal_text_bound (label_text, 1, ANNEAL_CHART_TEXT_MAX_CHARS);
      label = anneal_chart_make_text (l, bounded != NULL ? bounded : label_text,
                                             l->font_px * 0.9, PANGO_WEIGHT_NORMAL, FALSE);
      pango_layout_set_width (label, (int) (MAX (l->plot.width * 0.5, 60) * PANGO_SCALE));
      /* laid out from the left whatever the script: with a width set, a label that
       * starts right-to-left was put at the far end of it, away from its swatch (and
       * outside the box it is drawn in) */
      pango_layout_set_auto_dir (label, FALSE);
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
      lg->series[lg->n] = i;
      lg->n++;
    }

  lg->row_h = round (text_h * 1.25);
  lg->w = ceil (lg->inner * 2 + lg->sample_w + l->font_px * 0.6 + text_w);
  lg->h = ceil (lg->inner * 1.6 + lg->row_h * lg->n - (text_h * 0.25));
}

static void
legend_rect (const AnnealChartLayout    *l,
             const AnnealChartLegendBox *lg,
             AnnealChartLegend           where,
             double                     *x,
             double                     *y)
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

/* Value of the curve drawn through the integer steps, at real step t */
double
anneal_chart_interpolate (const AnnealSchedule *schedule,
                          gint64                divisor,
                          gint64                n_steps,
                          double                t)
{
  double f = floor (t);
  gint64 a = (gint64) CLAMP (f, 0, (double) (n_steps - 1));
  gint64 b = MIN (a + 1, n_steps - 1);
  double va = anneal_chart_divided_value (schedule, divisor, a);
  double w = CLAMP (t - f, 0, 1);

  if (b == a || w == 0)
    return va;
  return va + (anneal_chart_divided_value (schedule, divisor, b) - va) * w;
}

/* How many 2-px column samples of the curve of @s fall inside the rectangle */
static guint
series_coverage (AnnealChart             *self,
                 const AnnealChartLayout *l,
                 AnnealChartSeries       *s,
                 double                   rx,
                 double                   ry,
                 double                   rw,
                 double                   rh)
{
  guint count = 0;
  double margin = l->line_width * 2;
  gint64 divisor = anneal_chart_series_divisor (self, s);
  guint scan = anneal_chart_column_scan (self);
  double y_next = NAN;

  for (double x = rx - margin; x < rx + rw + margin; x += 2)
    {
      double tl = l->x_lo + (x - l->plot.x) / l->plot.width * (l->x_hi - l->x_lo);
      double tr = l->x_lo + (x + 2 - l->plot.x) / l->plot.width * (l->x_hi - l->x_lo);
      double ya, yb, lo, hi;
      gint64 a = (gint64) ceil (tl), b = (gint64) floor (tr);

      /* a sample's left end is the previous one's right end, the same double: one
       * value the less (a value can cost a library's recursion) */
      ya = !isnan (y_next) ? y_next
                           : anneal_chart_map_y (l, anneal_chart_interpolate (s->schedule, divisor,
                                                                              self->n_steps, tl));
      yb = anneal_chart_map_y (l, anneal_chart_interpolate (s->schedule, divisor, self->n_steps, tr));
      y_next = yb;
      lo = MIN (ya, yb);
      hi = MAX (ya, yb);
      a = MAX (a, 0);
      b = MIN (b, self->n_steps - 1);
      if (a <= b)
        {
          double mn, mx;

          anneal_chart_column_range (s->schedule, divisor, a, b, scan, &mn, &mx);
          lo = MIN (lo, anneal_chart_map_y (l, mx));
          hi = MAX (hi, anneal_chart_map_y (l, mn));
        }
      if (hi >= ry - margin && lo <= ry + rh + margin)
        count++;
    }
  return count;
}

void
anneal_chart_series_clear_coverage (AnnealChartSeries *s)
{
  g_clear_pointer (&s->coverage.schedule, anneal_schedule_unref);
  memset (s->coverage.valid, 0, sizeof s->coverage.valid);
}

/* How many (series, 2-px column) samples of the drawn curves fall inside the
 * rectangle of corner @corner; each series' count is kept while everything it
 * depends on stays the same */
static guint
legend_coverage (AnnealChart             *self,
                 const AnnealChartLayout *l,
                 guint                    corner,
                 double                   rx,
                 double                   ry,
                 double                   rw,
                 double                   rh)
{
  guint count = 0;

  for (guint i = 0; i < self->series->len; i++)
    {
      AnnealChartSeries *s = g_ptr_array_index (self->series, i);
      AnnealChartCoverageCache *c = &s->coverage;
      double key[ANNEAL_CHART_COVERAGE_KEY] = {
        rx, ry, rw, rh, l->line_width,
        l->x_lo, l->x_hi, l->plot.x, l->plot.width, l->plot.y, l->plot.height,
        l->y_lo, l->y_hi, l->log_y,
        (double) anneal_chart_series_divisor (self, s), (double) self->n_steps,
        (double) anneal_chart_column_scan (self),
      };

      if (!s->visible)
        continue;
      if (c->schedule != s->schedule)
        {
          anneal_chart_series_clear_coverage (s);
          c->schedule = anneal_schedule_ref (s->schedule);
        }
      if (!c->valid[corner] || memcmp (c->key[corner], key, sizeof key) != 0)
        {
          c->count[corner] = series_coverage (self, l, s, rx, ry, rw, rh);
          memcpy (c->key[corner], key, sizeof key);
          c->valid[corner] = TRUE;
        }
      count += c->count[corner];
    }
  return count;
}

static PangoLayout *
more_label (const AnnealChartLayout *l,
            guint                    count)
{
  g_autofree char *text = NULL;

  /* Translators: the end of a chart's legend that has no room for every series */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "…and %u more", "…and %u more", count),
                          count);
  return anneal_chart_make_text ((AnnealChartLayout *) l, text, l->font_px * 0.9,
                                 PANGO_WEIGHT_NORMAL, FALSE);
}

/* Lays the legend out in rows above the plot area; returns the band height. The rows
 * take at most a third of the figure's height: past that (50 series in a window of
 * 360 × 640 left the plot no room) and past the labels there are, the last row ends
 * with how many more series there are. */
/* An entry's width: its sample, a gap, its label. */
static double
entry_width (const AnnealChartLayout    *l,
             const AnnealChartLegendBox *lg,
             guint                       i)
{
  return lg->sample_w + l->font_px * 0.5 + lg->label_w[i];
}

static double
legend_rows (const AnnealChartLayout *l,
             AnnealChartLegendBox    *lg)
{
  double max_w = l->plot.width + l->offset, gap = l->font_px * 1.6, x = 0;
  guint max_rows = (guint) MAX (1.0, floor ((l->height / 3 - l->font_px * 0.5) / lg->row_h));
  guint row = 0, shown;

  for (shown = 0; shown < lg->n; shown++)
    {
      double w = entry_width (l, lg, shown);

      if (x > 0 && x + w > max_w)
        {
          row++;
          x = 0;
        }
      if (row == max_rows)
        break;
      lg->row_of[shown] = row;
      lg->x_of[shown] = x;
      x += w + gap;
    }

  lg->more_x = 0;
  lg->more_row = 0;
  if (shown < lg->n_visible)
    {
      /* as wide as it can be (the count only falls): entries give way from the end
       * until it fits after the last one */
      g_autoptr(PangoLayout) widest = more_label (l, lg->n_visible);
      PangoRectangle logical;

      pango_layout_get_pixel_extents (widest, NULL, &logical);
      for (; shown > 0; shown--)
        {
          guint last = shown - 1;

          lg->more_row = lg->row_of[last];
          lg->more_x = lg->x_of[last] + entry_width (l, lg, last) + gap;
          if (lg->more_x + logical.width <= max_w || lg->x_of[last] == 0)
            break;
        }
      if (shown == 0)
        {
          lg->more_row = 0;
          lg->more_x = 0;
        }
      lg->more = more_label (l, lg->n_visible - shown);
    }
  lg->n_shown = shown;
  lg->n_rows = (shown > 0 ? lg->row_of[shown - 1] : 0) + 1;
  return lg->n_rows * lg->row_h + l->font_px * 0.5;
}

void
anneal_chart_legend_layout (AnnealChart       *self,
                            AnnealChartLayout *l)
{
  AnnealChartLegendBox *lg = &l->legend;

  if (self->legend == ANNEAL_CHART_LEGEND_NONE)
    return;
  legend_measure (self, l, lg);
  if (lg->n == 0)
    return;

  lg->where = self->legend;
  if (lg->n < lg->n_visible)
    lg->outside = TRUE;  /* a box has no room to say how many more there are */
  else if (self->legend == ANNEAL_CHART_LEGEND_AUTO)
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

          if (lg->w > l->plot.width || lg->h > l->plot.height || best == 0)
            break;
          legend_rect (l, lg, order[i], &x, &y);
          cover = legend_coverage (self, l, i, x, y, lg->w, lg->h);
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
      anneal_chart_layout_place (self, l, l->band);
    }
}

static void
draw_legend_entry (AnnealChart                *self,
                   cairo_t                    *cr,
                   const AnnealChartLayout    *l,
                   const AnnealChartLegendBox *lg,
                   guint                       i,
                   double                      sx,
                   double                      cy,
                   AnnealChartTheme            theme)
{
  AnnealChartSeries *s = anneal_chart_get_series (self, lg->series[i]);

  anneal_chart_draw_line_sample (cr, s->color, s->dash, theme,
                                 sx, sx + lg->sample_w, cy, l->line_width);
  anneal_chart_set_source_ink (cr, s->color, theme);
  if (anneal_chart_use_markers (l))
    {
      anneal_chart_draw_marker (cr, sx + lg->sample_w / 2, cy, l->line_width * 1.35);
      cairo_fill (cr);
    }

  anneal_chart_set_source (cr, &anneal_chart_theme_colors (theme)->title);
  anneal_chart_show_text (cr, lg->labels[i], sx + lg->sample_w + l->font_px * 0.5, cy, 0, 0.5);
}

void
anneal_chart_legend_draw (AnnealChart             *self,
                          cairo_t                 *cr,
                          const AnnealChartLayout *l,
                          AnnealChartTheme         theme)
{
  const AnnealChartColors *colors = anneal_chart_theme_colors (theme);
  const AnnealChartLegendBox *lg = &l->legend;
  double x, y;
  int n = 1;

  if (lg->n == 0)
    return;

  cairo_save (cr);
  if (lg->outside)
    {
      /* Rows between the title and the plot area, as legend_rows() laid them out */
      double x0 = l->plot.x - l->offset;
      double top = l->plot.y - l->band;

      for (guint i = 0; i < lg->n_shown; i++)
        draw_legend_entry (self, cr, l, lg, i, x0 + lg->x_of[i],
                           top + lg->row_h * (lg->row_of[i] + 0.5), theme);
      if (lg->more != NULL)
        {
          anneal_chart_set_source (cr, &colors->text);
          anneal_chart_show_text (cr, lg->more, x0 + lg->more_x,
                                  top + lg->row_h * (lg->more_row + 0.5), 0, 0.5);
        }
      cairo_restore (cr);
      return;
    }

  legend_rect (l, lg, lg->where, &x, &y);
  x = anneal_chart_snap (cr, x, TRUE, n);
  y = anneal_chart_snap (cr, y, FALSE, n);
  {
    double r = l->font_px * 0.3, w = lg->w, h = lg->h;

    cairo_new_sub_path (cr);
    cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
    cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
    cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
    cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
    cairo_close_path (cr);
    anneal_chart_set_source (cr, &colors->legend_background);
    cairo_fill_preserve (cr);
    anneal_chart_set_source (cr, &colors->legend_border);
    cairo_set_line_width (cr, anneal_chart_device_px (cr, n));
    cairo_stroke (cr);
  }

  for (guint i = 0; i < lg->n; i++)
    draw_legend_entry (self, cr, l, lg, i, x + lg->inner,
                       y + lg->inner * 0.8 + lg->row_h * (i + 0.5) - lg->row_h * 0.1, theme);
  cairo_restore (cr);
}

