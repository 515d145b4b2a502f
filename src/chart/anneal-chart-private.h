/* anneal-chart-private.h — internals of the chart shared by its files and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anneal-chart.h"

G_BEGIN_DECLS

/* Ticks ------------------------------------------------------------------ */

#define ANNEAL_TICKS_MAX 64

typedef struct
{
  guint    n;                         /* major ticks inside [lo, hi] */
  double   major[ANNEAL_TICKS_MAX];
  guint    n_minor;                   /* minor ticks (log axes), without the majors */
  double   minor[ANNEAL_TICKS_MAX * 8];
  double   step;                      /* linear: the step; log: decades per major tick */
  gboolean log;                       /* positions on a log scale */
  gboolean decades;                   /* log: the majors are powers of ten */
  gboolean integer;                   /* only whole numbers (epochs) */
} AnnealTicks;

/* Heckbert's "nice numbers": the nice number (1, 2, 2.5, 5 × 10^k) close to @x;
 * rounded to the nearest when @round, else the smallest nice number ≥ @x. */
double   anneal_ticks_nice_number   (double       x,
                                     gboolean     round);

/* Linear ticks for [lo, hi] aiming at about @target ticks (at most ANNEAL_TICKS_MAX). */
void     anneal_ticks_linear        (double       lo,
                                     double       hi,
                                     guint        target,
                                     gboolean     integer,
                                     AnnealTicks *ticks);

/* Log ticks for [lo, hi] (lo > 0): majors at decades (every k-th when there are many),
 * minors at 2…9 × 10^k when the decades are few; a range inside one decade falls
 * back to linear nice ticks. */
void     anneal_ticks_log           (double       lo,
                                     double       hi,
                                     guint        target,
                                     AnnealTicks *ticks);

/* A compact label for @value on an axis whose ticks are @ticks, e.g. "0.02", "1e-5",
 * "250k" (integer axes), "−0.5". C locale. Returns the length. */
gsize    anneal_ticks_format        (const AnnealTicks *ticks,
                                     double             value,
                                     char              *buffer,
                                     gsize              size);

/* Envelope --------------------------------------------------------------- */

typedef struct
{
  gint64 first;   /* epochs first … last fall in this device-pixel column; */
  gint64 last;    /* first > last when none does */
  double min;     /* exact minimum and maximum over them */
  double max;
  double v_first; /* values at first and last */
  double v_last;
} AnnealChartColumn;

/* The device-pixel columns floor(x0) … floor(x0) + n_columns − 1 of a plot whose
 * epoch axis maps @view_first to device x @x0 and @view_last to @x1: for each column,
 * the integer epochs in [@epoch_first, @epoch_last] whose device x falls in
 * [column, column + 1), with their exact min and max (anneal_schedule_range).
 * Returns the number of columns filled: n_columns. */
guint    anneal_chart_envelope      (const AnnealSchedule *schedule,
                                     gint64                epoch_first,
                                     gint64                epoch_last,
                                     double                view_first,
                                     double                view_last,
                                     double                x0,
                                     double                x1,
                                     AnnealChartColumn    *columns,
                                     guint                 n_columns);

/* Number of device-pixel columns for x0 … x1: floor (x1) − floor (x0) + 1. */
guint    anneal_chart_envelope_n_columns (double x0,
                                          double x1);

/* Model ------------------------------------------------------------------ */

/* The visible series' schedules (and their labels, when @labels is not NULL) */
GPtrArray *anneal_chart_get_visible_series (AnnealChart  *self,
                                            GPtrArray   **labels);
/* The integer epochs the view shows */
void       anneal_chart_get_visible_epochs (AnnealChart  *self,
                                            gint64       *first,
                                            gint64       *last);

/* Files ------------------------------------------------------------------ */

/* Writes @path atomically: a temporary file beside it, fsync, rename. */
typedef struct _AnnealAtomicFile AnnealAtomicFile;

AnnealAtomicFile *anneal_atomic_file_open   (const char        *path,
                                             GError           **error);
gboolean          anneal_atomic_file_write  (AnnealAtomicFile  *file,
                                             const void        *data,
                                             gsize              len,
                                             GError           **error);
gboolean          anneal_atomic_file_commit (AnnealAtomicFile  *file,
                                             GError           **error);
void              anneal_atomic_file_abort  (AnnealAtomicFile  *file);

G_END_DECLS
