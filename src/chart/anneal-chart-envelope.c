/* anneal-chart-envelope.c — exact per-pixel-column minimum and maximum of a schedule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A schedule longer than the plot is wide is drawn from, for each device-pixel
 * column, the integer epochs whose x falls in it: their exact minimum and maximum
 * (the library's range query) and the values at the first and last of them. The
 * memory used is O(columns) whatever the number of epochs.
 */

#include "config.h"

#include <math.h>

#include "anneal-chart-private.h"

guint
anneal_chart_envelope_n_columns (double x0,
                                 double x1)
{
  /* The columns from the one holding x0 to the one holding x1, both included:
   * an epoch exactly at x1 belongs to column floor (x1). */
  double c0 = floor (MIN (x0, x1));
  double c1 = floor (MAX (x0, x1));

  if (!isfinite (c0) || !isfinite (c1) || c1 - c0 >= 1 << 20)
    return 0;
  return (guint) (c1 - c0) + 1;
}

/* The first integer epoch whose device x is ≥ @x */
static gint64
boundary (double view_first,
          double view_last,
          double x0,
          double x1,
          double x)
{
  double t = view_first + (x - x0) * (view_last - view_first) / (x1 - x0);

  if (t <= -1e18)
    return G_MININT64 / 2;
  if (t >= 1e18)
    return G_MAXINT64 / 2;
  return (gint64) ceil (t);
}

guint
anneal_chart_envelope (const AnnealSchedule *schedule,
                       gint64                divisor,
                       gint64                epoch_first,
                       gint64                epoch_last,
                       double                view_first,
                       double                view_last,
                       double                x0,
                       double                x1,
                       guint                 scan,
                       AnnealChartColumn    *columns,
                       guint                 n_columns)
{
  double c0;
  gint64 b;

  g_return_val_if_fail (schedule != NULL, 0);
  g_return_val_if_fail (columns != NULL || n_columns == 0, 0);
  g_return_val_if_fail (x1 > x0, 0);
  g_return_val_if_fail (view_last > view_first, 0);
  g_return_val_if_fail (divisor >= 1, 0);

  c0 = floor (x0);
  b = boundary (view_first, view_last, x0, x1, c0);

  for (guint i = 0; i < n_columns; i++)
    {
      gint64 next = boundary (view_first, view_last, x0, x1, c0 + i + 1);
      AnnealChartColumn *col = &columns[i];

      col->first = MAX (b, epoch_first);
      col->last = MIN (next - 1, epoch_last);
      if (col->first <= col->last)
        {
          anneal_chart_column_range (schedule, divisor, col->first, col->last, scan,
                                      &col->min, &col->max);
          col->v_first = anneal_chart_divided_value (schedule, divisor, col->first);
          col->v_last = col->first / divisor == col->last / divisor
                          ? col->v_first
                          : anneal_chart_divided_value (schedule, divisor, col->last);
        }
      else
        {
          col->min = col->max = col->v_first = col->v_last = NAN;
        }
      b = next;
    }

  return n_columns;
}

void
anneal_chart_series_clear_envelope (AnnealChartSeries *s)
{
  g_clear_pointer (&s->envelope.schedule, anneal_schedule_unref);
  g_clear_pointer (&s->envelope.columns, g_free);
  s->envelope.n_columns = 0;
}

const AnnealChartColumn *
anneal_chart_series_envelope (AnnealChart       *self,
                              AnnealChartSeries *s,
                              gint64             divisor,
                              gint64             epoch_first,
                              gint64             epoch_last,
                              double             view_first,
                              double             view_last,
                              double             x0,
                              double             x1,
                              guint              scan,
                              guint              n_columns)
{
  AnnealChartEnvelopeCache *e = &s->envelope;

  if (e->columns != NULL && e->schedule == s->schedule && e->divisor == divisor &&
      e->epoch_first == epoch_first && e->epoch_last == epoch_last &&
      e->view_first == view_first && e->view_last == view_last &&
      e->x0 == x0 && e->x1 == x1 && e->n_columns == n_columns && e->scan == scan)
    return e->columns;

  if (anneal_chart_defers (self, epoch_first, epoch_last))
    {
      /* its geometry is the one to come only when every range is known */
      if (!anneal_chart_has_deferred_range (self))
        anneal_chart_defer_envelope (self, s, divisor, epoch_first, epoch_last, view_first,
                                     view_last, x0, x1, scan, n_columns);
      return NULL;
    }
  anneal_chart_series_clear_envelope (s);
  e->columns = g_new (AnnealChartColumn, n_columns);
  anneal_chart_envelope (s->schedule, divisor, epoch_first, epoch_last, view_first, view_last,
                         x0, x1, scan, e->columns, n_columns);
  e->schedule = anneal_schedule_ref (s->schedule);
  e->divisor = divisor;
  e->epoch_first = epoch_first;
  e->epoch_last = epoch_last;
  e->view_first = view_first;
  e->view_last = view_last;
  e->x0 = x0;
  e->x1 = x1;
  e->n_columns = n_columns;
  e->scan = scan;
  return e->columns;
}
