/* anneal-chart-coords.c — pixels and data: the mapping of a laid-out figure
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every query reads the cached layout of its size: a pointer motion costs a few
 * arithmetic operations, not a layout.
 */

#define G_LOG_DOMAIN "AnnealChart"

#include "config.h"

#include <math.h>

#include "anneal-chart-private.h"

double
anneal_chart_map_x (const AnnealChartLayout *l,
                    double                   epoch)
{
  double x = l->plot.x + (epoch - l->x_lo) / (l->x_hi - l->x_lo) * l->plot.width;

  return CLAMP (x, l->plot.x - 1e5, l->plot.x + l->plot.width + 1e5);
}

double
anneal_chart_map_y (const AnnealChartLayout *l,
                    double                   v)
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

double
anneal_chart_unmap_x (const AnnealChartLayout *l,
                      double                   x)
{
  return l->x_lo + (x - l->plot.x) / l->plot.width * (l->x_hi - l->x_lo);
}

double
anneal_chart_unmap_y (const AnnealChartLayout *l,
                      double                   y)
{
  double f = 1.0 - (y - l->plot.y) / l->plot.height;

  if (l->log_y)
    return pow (10.0, log10 (l->y_lo) + f * (log10 (l->y_hi) - log10 (l->y_lo)));
  return l->y_lo + f * (l->y_hi - l->y_lo);
}

void
anneal_chart_get_plot_area (AnnealChart       *self,
                            double             width,
                            double             height,
                            cairo_rectangle_t *area)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (area != NULL);

  *area = anneal_chart_get_layout (self, width, height)->plot;
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
  const AnnealChartLayout *l;

  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);

  l = anneal_chart_get_layout (self, width, height);
  if (epoch)
    *epoch = anneal_chart_unmap_x (l, x);
  if (value)
    *value = anneal_chart_unmap_y (l, y);

  return x >= l->plot.x && x <= l->plot.x + l->plot.width &&
         y >= l->plot.y && y <= l->plot.y + l->plot.height;
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
  const AnnealChartLayout *l;

  g_return_if_fail (ANNEAL_IS_CHART (self));

  l = anneal_chart_get_layout (self, width, height);
  if (x)
    *x = anneal_chart_map_x (l, epoch);
  if (y)
    *y = anneal_chart_map_y (l, value);
}

void
anneal_chart_get_view (AnnealChart *self,
                       double      *first_epoch,
                       double      *last_epoch,
                       double      *y_min,
                       double      *y_max)
{
  const AnnealChartRange *range;

  g_return_if_fail (ANNEAL_IS_CHART (self));

  /* The automatic view needs no text: only the data range */
  range = anneal_chart_get_range (self);
  if (first_epoch)
    *first_epoch = range->x_lo;
  if (last_epoch)
    *last_epoch = range->x_hi;
  if (y_min)
    *y_min = self->has_view ? self->view_y_min : range->auto_y_lo;
  if (y_max)
    *y_max = self->has_view ? self->view_y_max : range->auto_y_hi;
}
