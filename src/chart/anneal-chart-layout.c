/* anneal-chart-layout.c — the data range and the layout of a figure, cached
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The range (the epochs and values the axes span) depends on the data only;
 * the layout (texts, ticks, margins, the plot area, the legend) on the data and
 * the figure's size. Both are computed when first asked for and kept by the
 * chart until anneal_chart_changed() says the model changed: drawing, and every
 * coordinate query of a pointer motion, reads them without laying text out.
 */

#define G_LOG_DOMAIN "AnnealChart"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "anneal-chart-private.h"
#include "anneal-text.h"

#define FONT_FAMILY "Cantarell, Inter, Noto Sans, DejaVu Sans, Sans"

/* Texts ------------------------------------------------------------------ */

PangoLayout *
anneal_chart_make_text (AnnealChartLayout *l,
                        const char        *text,
                        double             size,
                        int                weight,
                        gboolean           tabular)
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
  /* A noncharacter (U+FDD0 … U+FDEF, U+FFFE, U+FFFF and their like in every plane)
   * drawn into a PDF made cairo refuse the whole figure as "not valid UTF-8": it is
   * drawn as the replacement character, what it would show as anyway. */
  if (anneal_chart_has_noncharacter (text))
    {
      GString *shown = g_string_sized_new (strlen (text));

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (anneal_chart_is_noncharacter (g_utf8_get_char (p)))
            g_string_append (shown, "\uFFFD");
          else
            g_string_append_len (shown, p, g_utf8_next_char (p) - p);
        }
      pango_layout_set_text (layout, shown->str, (int) shown->len);
      g_string_free (shown, TRUE);
    }
  else
    pango_layout_set_text (layout, text, -1);
  return layout;
}

gboolean
anneal_chart_is_noncharacter (gunichar c)
{
  return (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

gboolean
anneal_chart_has_noncharacter (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0xef && anneal_chart_is_noncharacter (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

void
anneal_chart_text_size (PangoLayout *layout,
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

/* A title or axis label: at most ANNEAL_CHART_TEXT_MAX_LINES lines of
 * ANNEAL_CHART_TEXT_MAX_CHARS characters (pango's line breaking is quadratic
 * in the number of lines), each line ellipsized at @max_width */
static PangoLayout *
make_bounded_text (AnnealChartLayout *l,
                   const char        *text,
                   double             size,
                   int                weight,
                   double             max_width)
{
  g_autofree char *bounded = anneal_text_bound (text, ANNEAL_CHART_TEXT_MAX_LINES,
                                                ANNEAL_CHART_TEXT_MAX_CHARS);
  PangoLayout *layout = anneal_chart_make_text (l, bounded != NULL ? bounded : text,
                                                       size, weight, FALSE);

  pango_layout_set_width (layout, (int) (MAX (max_width, 1) * PANGO_SCALE));
  /* from the left whatever the script (a right-to-left title went to the far end of
   * the width, outside the box it is drawn and clipped in) */
  pango_layout_set_auto_dir (layout, FALSE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  return layout;
}

/* Range ------------------------------------------------------------------ */

static void
visible_epochs (AnnealChart *self,
                double       x_lo,
                double       x_hi,
                gint64      *first,
                gint64      *last)
{
  double a = ceil (x_lo), b = floor (x_hi);

  a = CLAMP (a, 0, (double) (self->n_steps - 1));
  b = CLAMP (b, 0, (double) (self->n_steps - 1));
  if (a > b)
    {
      /* A view between two epochs: show the two around it */
      a = CLAMP (floor (x_lo), 0, (double) (self->n_steps - 1));
      b = CLAMP (ceil (x_hi), 0, (double) (self->n_steps - 1));
    }
  *first = (gint64) a;
  *last = (gint64) b;
}

/* The smallest positive value over the epochs, found from an envelope of
 * 1024 columns: what a log axis can show of a schedule that reaches zero. */
double
anneal_chart_smallest_positive (const AnnealSchedule *schedule,
                                gint64                divisor,
                                gint64                first,
                                gint64                last,
                                guint                 scan)
{
  AnnealChartColumn cols[1024];
  double best = INFINITY;
  guint n;

  if (last - first < 1024)
    {
      double buf[1024];
      gsize count = (gsize) (last - first + 1);

      anneal_chart_divided_sample (schedule, divisor, first, count, buf);
      for (gsize i = 0; i < count; i++)
        if (buf[i] > 0 && buf[i] < best)
          best = buf[i];
      return best;
    }

  n = anneal_chart_envelope (schedule, divisor, first, last, first, last + 1, 0, 1024, scan,
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

void
anneal_chart_series_clear_range (AnnealChartSeries *s)
{
  g_clear_pointer (&s->range.schedule, anneal_schedule_unref);
  s->range.positive_scan = 0;
}

/* anneal_chart_column_range() over the epochs shown, computed or kept; NaN when a
 * deferred chart leaves it to anneal_chart_take_work() */
static void
series_range (AnnealChart       *self,
              AnnealChartSeries *s,
              gint64             divisor,
              gint64             first,
              gint64             last,
              guint              scan,
              double            *min,
              double            *max)
{
  AnnealChartRangeCache *r = &s->range;

  if (r->schedule != s->schedule || r->divisor != divisor || r->first != first ||
      r->last != last || r->scan != scan)
    {
      if (anneal_chart_defers (self, first, last))
        {
          anneal_chart_defer_range (self, s, divisor, first, last, scan);
          *min = *max = NAN;
          return;
        }
      anneal_chart_series_clear_range (s);
      anneal_chart_column_range (s->schedule, divisor, first, last, scan, &r->min, &r->max);
      r->schedule = anneal_schedule_ref (s->schedule);
      r->divisor = divisor;
      r->first = first;
      r->last = last;
      r->scan = scan;
    }
  *min = r->min;
  *max = r->max;
}

/* Widens the kept range of @s over @first … @last to @lo … @hi, what its envelope
 * found there: where a range looks at a stretch's ends only (PyTorch's cosine drifting
 * past t_max over 10^15 epochs) the columns, each looking at its own ends, can find
 * more, and the curve was cut at the top of the axis. TRUE if it changed. */
gboolean
anneal_chart_widen_range (AnnealChart       *self,
                          AnnealChartSeries *s,
                          gint64             divisor,
                          gint64             first,
                          gint64             last,
                          double             lo,
                          double             hi)
{
  AnnealChartRangeCache *r = &s->range;
  gboolean changed = FALSE;

  if (r->schedule != s->schedule || r->divisor != divisor || r->first != first ||
      r->last != last || isnan (r->min) || isnan (r->max))
    return FALSE;
  if (isfinite (lo) && lo < r->min)
    {
      r->min = lo;
      r->positive_scan = 0;
      changed = TRUE;
    }
  if (isfinite (hi) && hi > r->max)
    {
      r->max = hi;
      changed = TRUE;
    }
  if (changed)
    self->range_valid = FALSE;
  return changed;
}

/* anneal_chart_smallest_positive() over the epochs of the last series_range(),
 * computed or kept; NaN when a deferred chart leaves it to anneal_chart_take_work() */
static double
series_smallest_positive (AnnealChart       *self,
                          AnnealChartSeries *s,
                          guint              scan)
{
  AnnealChartRangeCache *r = &s->range;

  if (r->positive_scan != scan)
    {
      if (anneal_chart_defers (self, r->first, r->last))
        {
          anneal_chart_defer_positive (self, s, scan);
          return NAN;
        }
      r->positive = anneal_chart_smallest_positive (s->schedule, r->divisor, r->first,
                                                    r->last, scan);
      r->positive_scan = scan;
    }
  return r->positive;
}

/* The y range the visible series ask for over the visible epochs */
static void
data_range (AnnealChart      *self,
            AnnealChartRange *l)
{
  double lo = INFINITY, hi = -INFINITY, pos = INFINITY;

  for (guint i = 0; i < self->series->len; i++)
    {
      AnnealChartSeries *s = g_ptr_array_index (self->series, i);
      gint64 divisor = anneal_chart_series_divisor (self, s);
      double mn, mx;

      if (!s->visible)
        continue;
      series_range (self, s, divisor, l->epoch_first, l->epoch_last,
                    anneal_chart_range_scan (self), &mn, &mx);
      if (isnan (mn) && anneal_chart_defers (self, l->epoch_first, l->epoch_last))
        l->partial = TRUE;
      if (!isfinite (mn) || !isfinite (mx))
        continue;
      lo = MIN (lo, mn);
      hi = MAX (hi, mx);
      if (l->log_y)
        {
          if (mn > 0)
            pos = MIN (pos, mn);
          else if (mx > 0)
            {
              double p = series_smallest_positive (self, s, anneal_chart_column_scan (self));

              if (!isnan (p))
                pos = MIN (pos, p);
              else
                l->partial = TRUE;
            }
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
      l->auto_y_lo = lo - pad;
      l->auto_y_hi = hi + pad;
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
      l->auto_y_lo = pow (10.0, dlo - pad);
      l->auto_y_hi = pow (10.0, dhi + pad);
    }
}

const AnnealChartRange *
anneal_chart_get_range (AnnealChart *self)
{
  AnnealChartRange *r = &self->range;

  if (self->range_valid)
    return r;

  memset (r, 0, sizeof *r);
  r->log_y = self->log_y;
  if (self->has_view)
    {
      r->x_lo = self->view_first;
      r->x_hi = self->view_last;
    }
  else
    {
      r->x_lo = 0;
      r->x_hi = MAX (self->n_steps - 1, 1);
    }
  visible_epochs (self, r->x_lo, r->x_hi, &r->epoch_first, &r->epoch_last);
  data_range (self, r);

  r->y_lo = r->auto_y_lo;
  r->y_hi = r->auto_y_hi;
  if (self->has_view)
    {
      if (!r->log_y)
        {
          r->y_lo = self->view_y_min;
          r->y_hi = self->view_y_max;
        }
      else if (self->view_y_max > 0)
        {
          if (self->view_y_min > 0)
            r->y_lo = self->view_y_min;
          r->y_hi = self->view_y_max;
          if (r->y_lo >= r->y_hi)
            r->y_lo = r->y_hi * 1e-3;
        }
    }

  /* one that left out deferred series is not kept: it notes them again until they
   * are computed, and the work taken may be dropped (cancelled) */
  self->range_valid = !r->partial;
  return r;
}

/* Layout ----------------------------------------------------------------- */

static void
layout_y_ticks (AnnealChart       *self,
                AnnealChartLayout *l)
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
      l->y_tick_labels[i] = anneal_chart_make_text (l, buf, l->font_px * 0.92,
                                                    PANGO_WEIGHT_NORMAL, TRUE);
      anneal_chart_text_size (l->y_tick_labels[i], &w, NULL);
      l->y_labels_width = MAX (l->y_labels_width, w);
    }
}

/* The x axis in its unit: epochs are K steps wide, and the chart's x is steps.
 * The ticks are nice numbers of that unit; their positions are then steps. The
 * other unit gets secondary ticks (x_ticks.minor): epoch boundaries on a step
 * axis, nice step counts on an epoch axis, as long as they stay apart. */
static void
layout_x_ticks (AnnealChart       *self,
                AnnealChartLayout *l)
{
  char buf[64];
  double est_w;
  g_autoptr(PangoLayout) probe = NULL;
  guint target;
  double k = (double) self->steps_per_epoch;
  double scale = self->x_unit == ANNEAL_CHART_UNIT_EPOCH ? k : 1.0;
  double lo = l->x_lo / scale, hi = l->x_hi / scale;

  /* Room for the widest label, about three label widths apart */
  anneal_ticks_linear (lo, hi, 5, TRUE, &l->x_ticks);
  anneal_ticks_format (&l->x_ticks, l->x_ticks.n ? l->x_ticks.major[l->x_ticks.n - 1] : 0,
                       buf, sizeof buf);
  probe = anneal_chart_make_text (l, buf, l->font_px * 0.92, PANGO_WEIGHT_NORMAL, TRUE);
  anneal_chart_text_size (probe, &est_w, NULL);
  target = (guint) CLAMP (l->plot.width / (est_w + l->font_px * 4.5), 2, 12);

  for (;;)
    {
      double widest = 0, step_px;

      anneal_ticks_linear (lo, hi, target, TRUE, &l->x_ticks);
      for (guint i = 0; i < ANNEAL_TICKS_MAX; i++)
        g_clear_object (&l->x_tick_labels[i]);
      for (guint i = 0; i < l->x_ticks.n; i++)
        {
          double w;

          anneal_ticks_format (&l->x_ticks, l->x_ticks.major[i], buf, sizeof buf);
          l->x_tick_labels[i] = anneal_chart_make_text (l, buf, l->font_px * 0.92,
                                                        PANGO_WEIGHT_NORMAL, TRUE);
          anneal_chart_text_size (l->x_tick_labels[i], &w, NULL);
          widest = MAX (widest, w);
        }
      step_px = l->x_ticks.step / (hi - lo) * l->plot.width;
      if (l->x_ticks.n < 2 || target <= 2 || step_px >= widest + l->font_px * 1.5)
        break;
      target--;
    }

  for (guint i = 0; i < l->x_ticks.n; i++)
    l->x_ticks.major[i] *= scale;
  l->x_ticks.step *= scale;
  l->x_ticks.n_minor = 0;

  if (self->steps_per_epoch > 1)
    {
      double other = self->x_unit == ANNEAL_CHART_UNIT_EPOCH ? 1.0 : k;
      guint dense = (guint) CLAMP (l->plot.width / (l->font_px * 0.8), 2, ANNEAL_TICKS_MAX);
      AnnealTicks secondary;

      anneal_ticks_linear (l->x_lo / other, l->x_hi / other, dense, TRUE, &secondary);
      for (guint i = 0; i < secondary.n && l->x_ticks.n_minor < G_N_ELEMENTS (l->x_ticks.minor);
           i++)
        {
          double x = secondary.major[i] * other;
          gboolean on_major = FALSE;

          for (guint j = 0; j < l->x_ticks.n && !on_major; j++)
            on_major = fabs (l->x_ticks.major[j] - x) < 1e-9 * MAX (1.0, fabs (x));
          if (!on_major)
            l->x_ticks.minor[l->x_ticks.n_minor++] = x;
        }
    }
}

static void
layout_texts (AnnealChart       *self,
              double             width,
              double             height,
              AnnealChartLayout *l)
{
  cairo_font_options_t *options;
  double title_h = 0, x_label_h = 0, y_label_h = 0;
  const char *x_label, *y_label;
  g_autofree char *x_label_owned = NULL;
  char k_text[32];
  const AnnealChartRange *range;

  g_snprintf (k_text, sizeof k_text, "%" G_GINT64_FORMAT, self->steps_per_epoch);

  l->width = width;
  l->height = height;
  if (self->font_size > 0)
    l->font_px = self->font_size;
  else
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

  /* Epochs and values */
  range = anneal_chart_get_range (self);
  l->x_lo = range->x_lo;
  l->x_hi = range->x_hi;
  l->epoch_first = range->epoch_first;
  l->epoch_last = range->epoch_last;
  l->y_lo = range->y_lo;
  l->y_hi = range->y_hi;
  l->partial = range->partial;

  /* Texts */
  if (self->x_label != NULL)
    x_label = self->x_label;
  else if (self->steps_per_epoch == 1)
    x_label = self->x_unit == ANNEAL_CHART_UNIT_STEP ? _("step") : _("epoch");
  else
    {
      /* TRANSLATORS: the x axis label; %s is the number of steps in an epoch */
      x_label_owned = g_strdup_printf (self->x_unit == ANNEAL_CHART_UNIT_STEP
                                         ? _("step (epochs of %s steps)")
                                         : _("epoch (of %s steps)"), k_text);
      x_label = x_label_owned;
    }
  y_label = self->y_label != NULL ? self->y_label : _("learning rate");
  if (self->title != NULL)
    {
      l->title = make_bounded_text (l, self->title, l->font_px * 1.2, PANGO_WEIGHT_SEMIBOLD,
                                    width - 2 * l->pad);
      anneal_chart_text_size (l->title, NULL, &title_h);
    }
  if (*x_label != '\0')
    {
      l->x_label = make_bounded_text (l, x_label, l->font_px, PANGO_WEIGHT_NORMAL,
                                      width - 2 * l->pad);
      anneal_chart_text_size (l->x_label, NULL, &x_label_h);
    }
  if (*y_label != '\0')
    {
      l->y_label = make_bounded_text (l, y_label, l->font_px, PANGO_WEIGHT_NORMAL,
                                      height - 2 * l->pad);
      anneal_chart_text_size (l->y_label, NULL, &y_label_h);
    }
  {
    g_autoptr(PangoLayout) probe = anneal_chart_make_text (l, "0123456789", l->font_px * 0.92,
                                                           PANGO_WEIGHT_NORMAL, TRUE);

    anneal_chart_text_size (probe, NULL, &l->tick_label_height);
  }

  l->title_height = title_h;
  l->x_label_height = x_label_h;
  l->y_label_height = y_label_h;
}

/* Margins and ticks, with @band pixels above the plot area for the legend */
void
anneal_chart_layout_place (AnnealChart       *self,
                           AnnealChartLayout *l,
                           double             band)
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

      anneal_chart_text_size (l->x_tick_labels[l->x_ticks.n - 1], &w, NULL);
      x = anneal_chart_map_x (l, l->x_ticks.major[l->x_ticks.n - 1]);
      overflow = x + w / 2 - (width - l->pad * 0.6);
      if (overflow > 0)
        l->plot.width = MAX (1.0, l->plot.width - ceil (overflow));
    }

  /* Each text is ellipsized where it would leave the figure, now that the place it is
   * drawn at is known: the title from the y axis to the right margin, the axis labels
   * centred on the plot (a long title was laid out as wide as the whole figure and
   * drawn from the axis, cut mid-word at the right edge with no "…"). A line is never
   * wrapped, so the heights measured before stay. */
  if (l->title != NULL)
    pango_layout_set_width (l->title,
                            (int) (MAX (width - l->pad - (l->plot.x - l->offset), 1) * PANGO_SCALE));
  if (l->x_label != NULL)
    {
      double centre = l->plot.x + l->plot.width / 2;

      pango_layout_set_width (l->x_label,
                              (int) (MAX (2 * MIN (centre - l->pad, width - l->pad - centre), 1)
                                     * PANGO_SCALE));
    }
  if (l->y_label != NULL)
    {
      double centre = l->plot.y + l->plot.height / 2;

      pango_layout_set_width (l->y_label,
                              (int) (MAX (2 * MIN (centre - l->pad, height - l->pad - centre), 1)
                                     * PANGO_SCALE));
    }
}


static void
layout_compute (AnnealChart       *self,
                double             width,
                double             height,
                AnnealChartLayout *l)
{
  layout_texts (self, width, height, l);
  anneal_chart_layout_place (self, l, 0);
  anneal_chart_legend_layout (self, l);
}

void
anneal_chart_layout_free (AnnealChartLayout *l)
{
  if (l == NULL)
    return;
  for (guint i = 0; i < l->legend.n; i++)
    g_clear_object (&l->legend.labels[i]);
  g_clear_object (&l->legend.more);
  g_clear_object (&l->title);
  g_clear_object (&l->x_label);
  g_clear_object (&l->y_label);
  for (guint i = 0; i < ANNEAL_TICKS_MAX; i++)
    {
      g_clear_object (&l->x_tick_labels[i]);
      g_clear_object (&l->y_tick_labels[i]);
    }
  g_clear_object (&l->context);
  g_free (l);
}

const AnnealChartLayout *
anneal_chart_get_layout (AnnealChart *self,
                         double       width,
                         double       height)
{
  AnnealChartLayout *l = NULL;
  guint i, n = G_N_ELEMENTS (self->layouts);

  for (i = 0; i < n; i++)
    if (self->layouts[i] != NULL &&
        self->layouts[i]->width == width && self->layouts[i]->height == height)
      {
        /* one of a range some series were left out of is laid out again */
        if (!self->layouts[i]->partial)
          l = self->layouts[i];
        break;
      }

  if (l == NULL)
    {
      l = g_new0 (AnnealChartLayout, 1);
      layout_compute (self, width, height, l);
      self->n_layouts_computed++;
      if (i == n)
        i = n - 1;
      g_clear_pointer (&self->layouts[i], anneal_chart_layout_free);
    }

  /* Most recently used first */
  memmove (&self->layouts[1], &self->layouts[0], i * sizeof self->layouts[0]);
  self->layouts[0] = l;
  return l;
}
