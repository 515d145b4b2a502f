/* anneal-chart-work.c — what a deferred draw left out, computed elsewhere
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart in deferred mode (the app's) does not compute, while it lays out or draws,
 * a series' y range or envelope over more than ANNEAL_CHART_DEFER_MIN epochs that it
 * has not kept: it notes what it would have computed, leaves the series out of the
 * range or the figure, and anneal_chart_take_work() hands the notes over. They are
 * computed in any thread (from the schedules, immutable, and numbers copied into
 * them: nothing of the chart), and anneal_chart_install_work() puts the results
 * into the series' caches on the chart's thread, where the next draw finds them. A
 * result whose series has since changed is dropped: its key no longer matches.
 *
 * 50 sequences of 64 waves over 10^15 epochs held the app's main loop 1.5 s after
 * their window mapped, and again at each step of a zoom.
 */

#include "config.h"

#include <math.h>

#include "anneal-chart-private.h"

typedef enum
{
  REQUEST_RANGE,
  REQUEST_POSITIVE,
  REQUEST_ENVELOPE,
} RequestKind;

typedef struct
{
  RequestKind        kind;
  guint              index;      /* the series' */
  AnnealSchedule    *schedule;   /* a reference: the key, and what is computed */
  gint64             divisor;
  gint64             first;      /* RANGE, POSITIVE: epochs; ENVELOPE: epoch_first … */
  gint64             last;
  guint              scan;
  /* ENVELOPE */
  double             view_first;
  double             view_last;
  double             x0;
  double             x1;
  guint              n_columns;
  /* results */
  gboolean           done;
  double             min;        /* RANGE */
  double             max;
  double             positive;   /* POSITIVE */
  AnnealChartColumn *columns;    /* ENVELOPE */
} Request;

struct _AnnealChartWork
{
  GPtrArray *requests;
};

static void
request_free (gpointer data)
{
  Request *r = data;

  g_clear_pointer (&r->schedule, anneal_schedule_unref);
  g_free (r->columns);
  g_free (r);
}

void
anneal_chart_set_deferred (AnnealChart *self,
                           gboolean     deferred)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  self->deferred = !!deferred;
}

gboolean
anneal_chart_get_deferred (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);
  return self->deferred;
}

gboolean
anneal_chart_defers (AnnealChart *self,
                     gint64       first,
                     gint64       last)
{
  return self->deferred && last - first >= ANNEAL_CHART_DEFER_MIN;
}

/* Whether @s's request of @kind is already noted */
static Request *
find_request (AnnealChart       *self,
              AnnealChartSeries *s,
              RequestKind        kind)
{
  for (guint i = 0; self->requests != NULL && i < self->requests->len; i++)
    {
      Request *r = g_ptr_array_index (self->requests, i);

      if (r->kind == kind && r->schedule == s->schedule &&
          r->index < self->series->len && g_ptr_array_index (self->series, r->index) == s)
        return r;
    }
  return NULL;
}

static guint
series_index (AnnealChart       *self,
              AnnealChartSeries *s)
{
  guint index = 0;

  g_ptr_array_find (self->series, s, &index);
  return index;
}

static Request *
add_request (AnnealChart       *self,
             AnnealChartSeries *s,
             RequestKind        kind)
{
  Request *r = find_request (self, s, kind);

  if (r != NULL)
    {
      /* the latest key: the earlier one is stale */
      g_clear_pointer (&r->columns, g_free);
      return r;
    }
  if (self->requests == NULL)
    self->requests = g_ptr_array_new_with_free_func (request_free);
  r = g_new0 (Request, 1);
  r->kind = kind;
  r->index = series_index (self, s);
  r->schedule = anneal_schedule_ref (s->schedule);
  g_ptr_array_add (self->requests, r);
  return r;
}

void
anneal_chart_defer_range (AnnealChart       *self,
                          AnnealChartSeries *s,
                          gint64             divisor,
                          gint64             first,
                          gint64             last,
                          guint              scan)
{
  Request *r = add_request (self, s, REQUEST_RANGE);

  r->divisor = divisor;
  r->first = first;
  r->last = last;
  r->scan = scan;
}

void
anneal_chart_defer_positive (AnnealChart       *self,
                             AnnealChartSeries *s,
                             guint              scan)
{
  Request *r = add_request (self, s, REQUEST_POSITIVE);

  r->divisor = s->range.divisor;
  r->first = s->range.first;
  r->last = s->range.last;
  r->scan = scan;
}

void
anneal_chart_defer_envelope (AnnealChart       *self,
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
  Request *r = add_request (self, s, REQUEST_ENVELOPE);

  r->divisor = divisor;
  r->first = epoch_first;
  r->last = epoch_last;
  r->view_first = view_first;
  r->view_last = view_last;
  r->x0 = x0;
  r->x1 = x1;
  r->scan = scan;
  r->n_columns = n_columns;
}

gboolean
anneal_chart_has_deferred_range (AnnealChart *self)
{
  for (guint i = 0; self->requests != NULL && i < self->requests->len; i++)
    {
      Request *r = g_ptr_array_index (self->requests, i);

      if (r->kind != REQUEST_ENVELOPE)
        return TRUE;
    }
  return FALSE;
}

gboolean
anneal_chart_has_work (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);
  return self->requests != NULL && self->requests->len > 0;
}

AnnealChartWork *
anneal_chart_take_work (AnnealChart *self)
{
  AnnealChartWork *work;

  g_return_val_if_fail (ANNEAL_IS_CHART (self), NULL);

  if (self->requests == NULL || self->requests->len == 0)
    return NULL;
  work = g_new0 (AnnealChartWork, 1);
  work->requests = g_steal_pointer (&self->requests);
  return work;
}

GPtrArray *
anneal_chart_work_split (AnnealChartWork *work,
                         guint            n)
{
  GPtrArray *parts;

  g_return_val_if_fail (work != NULL, NULL);
  g_return_val_if_fail (n >= 1, NULL);

  n = MIN (n, work->requests->len);
  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) anneal_chart_work_free);
  for (guint k = 0; k < n; k++)
    {
      AnnealChartWork *part = g_new0 (AnnealChartWork, 1);

      part->requests = g_ptr_array_new_with_free_func (request_free);
      g_ptr_array_add (parts, part);
    }
  /* dealt round: the series of one kind, alike in cost, spread over the parts; the
   * requests move, @work is left empty */
  g_ptr_array_set_free_func (work->requests, NULL);
  for (guint i = 0; i < work->requests->len; i++)
    g_ptr_array_add (((AnnealChartWork *) g_ptr_array_index (parts, i % n))->requests,
                     g_ptr_array_index (work->requests, i));
  g_ptr_array_set_size (work->requests, 0);
  g_ptr_array_set_free_func (work->requests, request_free);
  return parts;
}

gboolean
anneal_chart_work_run (AnnealChartWork *work,
                       GCancellable    *cancellable)
{
  g_return_val_if_fail (work != NULL, FALSE);

  for (guint i = 0; i < work->requests->len; i++)
    {
      Request *r = g_ptr_array_index (work->requests, i);

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      switch (r->kind)
        {
        case REQUEST_RANGE:
          anneal_chart_column_range (r->schedule, r->divisor, r->first, r->last, r->scan,
                                     &r->min, &r->max);
          break;
        case REQUEST_POSITIVE:
          r->positive = anneal_chart_smallest_positive (r->schedule, r->divisor, r->first,
                                                        r->last, r->scan);
          break;
        case REQUEST_ENVELOPE:
          r->columns = g_new (AnnealChartColumn, r->n_columns);
          anneal_chart_envelope (r->schedule, r->divisor, r->first, r->last, r->view_first,
                                 r->view_last, r->x0, r->x1, r->scan, r->columns,
                                 r->n_columns);
          break;
        default:
          g_assert_not_reached ();
        }
      r->done = TRUE;
    }
  return TRUE;
}

gboolean
anneal_chart_install_work (AnnealChart     *self,
                           AnnealChartWork *work)
{
  gboolean installed = FALSE;

  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);
  g_return_val_if_fail (work != NULL, FALSE);

  for (guint i = 0; i < work->requests->len; i++)
    {
      Request *r = g_ptr_array_index (work->requests, i);
      AnnealChartSeries *s;

      if (!r->done || r->index >= self->series->len)
        continue;
      s = g_ptr_array_index (self->series, r->index);
      if (s->schedule != r->schedule)
        continue;  /* changed since: the result is another schedule's */
      switch (r->kind)
        {
        case REQUEST_RANGE:
          anneal_chart_series_clear_range (s);
          s->range.schedule = anneal_schedule_ref (r->schedule);
          s->range.divisor = r->divisor;
          s->range.first = r->first;
          s->range.last = r->last;
          s->range.scan = r->scan;
          s->range.min = r->min;
          s->range.max = r->max;
          break;
        case REQUEST_POSITIVE:
          /* kept with the range it is of */
          if (s->range.schedule != r->schedule || s->range.divisor != r->divisor ||
              s->range.first != r->first || s->range.last != r->last)
            continue;
          s->range.positive = r->positive;
          s->range.positive_scan = r->scan;
          break;
        case REQUEST_ENVELOPE:
          anneal_chart_series_clear_envelope (s);
          s->envelope.columns = g_steal_pointer (&r->columns);
          s->envelope.schedule = anneal_schedule_ref (r->schedule);
          s->envelope.divisor = r->divisor;
          s->envelope.epoch_first = r->first;
          s->envelope.epoch_last = r->last;
          s->envelope.view_first = r->view_first;
          s->envelope.view_last = r->view_last;
          s->envelope.x0 = r->x0;
          s->envelope.x1 = r->x1;
          s->envelope.n_columns = r->n_columns;
          s->envelope.scan = r->scan;
          break;
        default:
          g_assert_not_reached ();
        }
      installed = TRUE;
    }
  if (installed)
    {
      /* what was laid out without them is stale; nothing of the model changed */
      self->range_valid = FALSE;
      anneal_chart_clear_layouts (self);
    }
  return installed;
}

void
anneal_chart_work_free (AnnealChartWork *work)
{
  if (work == NULL)
    return;
  g_ptr_array_unref (work->requests);
  g_free (work);
}
