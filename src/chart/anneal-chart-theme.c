/* anneal-chart-theme.c — the colours of each theme, the series' ink and dashes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "AnnealChart"

#include "config.h"

#include <math.h>

#include "anneal-chart-private.h"

static const AnnealChartColors themes[] = {
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

const AnnealChartColors *
anneal_chart_theme_colors (AnnealChartTheme theme)
{
  g_return_val_if_fail (theme < G_N_ELEMENTS (themes), &themes[0]);
  return &themes[theme];
}

void
anneal_chart_set_source (cairo_t               *cr,
                         const AnnealChartRgba *c)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a);
}

/* Black turns light on the dark theme and yellow a little deeper on paper,
 * the rest are Okabe–Ito as they are. */
guint32
anneal_chart_theme_ink (guint32          rgb,
                        AnnealChartTheme theme)
{
  rgb &= 0xFFFFFF;
  if (theme == ANNEAL_CHART_THEME_DARK && rgb == 0x000000)
    return 0xEBEBEB;
  if (theme != ANNEAL_CHART_THEME_DARK && rgb == 0xF0E442)
    return 0xC9BC1E;
  return rgb;
}

void
anneal_chart_set_source_ink (cairo_t          *cr,
                             guint32           rgb,
                             AnnealChartTheme  theme)
{
  rgb = anneal_chart_theme_ink (rgb, theme);
  cairo_set_source_rgb (cr,
                        ((rgb >> 16) & 0xFF) / 255.0,
                        ((rgb >> 8) & 0xFF) / 255.0,
                        (rgb & 0xFF) / 255.0);
}

/* The dash patterns in multiples of the line width, stroked with butt caps (as
 * matplotlib strokes its dashes): a dot is a square one line width wide. Round
 * caps look the same at the sizes drawn but cost: cairo strokes both caps of
 * every dot as a polygon, and a dotted curve of the notebook's comparison took
 * 4 ms to draw instead of 1. Gaps of at least 0.8 line widths; the long dash
 * keeps gaps of three so that it never reads as solid. */
static int
dash_pattern (guint   dash,
              double  lw,
              double *d)
{
  static const double patterns[ANNEAL_CHART_N_DASHES][6] = {
    { 0 },
    { 5.5, 1.2 },
    { 1, 1.2 },
    { 6, 1, 1, 1 },
    { 11, 3 },
    { 6, 1, 1, 1, 1, 1 },
    { 3, 0.8 },
  };
  static const int lengths[ANNEAL_CHART_N_DASHES] = { 0, 2, 2, 4, 2, 6, 2 };
  guint i = dash % ANNEAL_CHART_N_DASHES;

  for (int k = 0; k < lengths[i]; k++)
    d[k] = patterns[i][k] * lw;
  return lengths[i];
}

/* Sets the dash pattern, and butt caps unless it is solid (the caller's caps then). */
void
anneal_chart_set_dash (cairo_t *cr,
                       guint    dash,
                       double   lw)
{
  double d[6] = { 0 };
  int n = dash_pattern (dash, lw, d);

  cairo_set_dash (cr, d, n, 0);
  if (n > 0)
    cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* The pattern is centred on its first gap, so that a sample a little longer
 * than one period shows a gap in its middle: a dash on each side of it. */
void
anneal_chart_draw_line_sample (cairo_t          *cr,
                               guint32           rgb,
                               guint             dash,
                               AnnealChartTheme  theme,
                               double            x0,
                               double            x1,
                               double            y,
                               double            lw)
{
  double d[6], period = 0, offset = 0;
  int n = dash_pattern (dash, lw, d);

  g_return_if_fail (cr != NULL);
  g_return_if_fail (lw > 0);

  for (int k = 0; k < n; k++)
    period += d[k];
  if (n >= 2 && period > 0)
    {
      offset = fmod (d[0] + d[1] / 2 - (x1 - x0) / 2, period);
      if (offset < 0)
        offset += period;
    }

  cairo_save (cr);
  anneal_chart_set_source_ink (cr, rgb, theme);
  cairo_set_line_width (cr, lw);
  cairo_set_line_cap (cr, n > 0 ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
  cairo_set_dash (cr, d, n, offset);
  cairo_move_to (cr, x0, y);
  cairo_line_to (cr, x1, y);
  cairo_stroke (cr);
  cairo_restore (cr);
}

guint
anneal_chart_get_n_dashes (void)
{
  return ANNEAL_CHART_N_DASHES;
}
