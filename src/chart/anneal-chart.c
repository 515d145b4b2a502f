/* anneal-chart.c — the chart model: series, epochs, view, texts and settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model only stores what is drawn and says what a change makes stale
 * (anneal_chart_changed()); the range and the layout are computed from it in
 * anneal-chart-layout.c and kept until then, the drawing is anneal-chart-draw.c.
 */

#define G_LOG_DOMAIN "AnnealChart"

#include "config.h"

#include <math.h>
#include <string.h>

#include "anneal-chart-private.h"

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
  AnnealChartSeries *s = data;

  anneal_chart_series_clear_envelope (s);
  anneal_chart_series_clear_coverage (s);
  anneal_chart_series_clear_range (s);
  g_clear_pointer (&s->schedule, anneal_schedule_unref);
  g_clear_pointer (&s->label, g_free);
  g_free (s);
}

void
anneal_chart_clear_layouts (AnnealChart *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->layouts); i++)
    g_clear_pointer (&self->layouts[i], anneal_chart_layout_free);
}

void
anneal_chart_changed (AnnealChart      *self,
                      AnnealChartDirty  dirty)
{
  if ((dirty & ANNEAL_CHART_DIRTY_RANGE) == ANNEAL_CHART_DIRTY_RANGE)
    self->range_valid = FALSE;
  if (dirty & ANNEAL_CHART_DIRTY_LAYOUT)
    anneal_chart_clear_layouts (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

AnnealChartSeries *
anneal_chart_get_series (AnnealChart *self,
                         guint        index)
{
  g_return_val_if_fail (index < self->series->len, NULL);
  return g_ptr_array_index (self->series, index);
}

static void
anneal_chart_finalize (GObject *object)
{
  AnnealChart *self = (AnnealChart *)object;

  anneal_chart_clear_layouts (self);
  g_clear_pointer (&self->requests, g_ptr_array_unref);
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
  self->steps_per_epoch = 1;
  self->n_steps = 50;
  self->x_unit = ANNEAL_CHART_UNIT_EPOCH;
  self->theme = ANNEAL_CHART_THEME_LIGHT;
  self->legend = ANNEAL_CHART_LEGEND_AUTO;
  self->grid = TRUE;
}

AnnealChart *
anneal_chart_new (void)
{
  return g_object_new (ANNEAL_TYPE_CHART, NULL);
}

AnnealChart *
anneal_chart_copy (AnnealChart *self)
{
  AnnealChart *copy;

  g_return_val_if_fail (ANNEAL_IS_CHART (self), NULL);

  copy = anneal_chart_new ();
  for (guint i = 0; i < self->series->len; i++)
    {
      const AnnealChartSeries *s = g_ptr_array_index (self->series, i);
      AnnealChartSeries *c = g_new0 (AnnealChartSeries, 1);

      c->schedule = anneal_schedule_ref (s->schedule);
      c->label = g_strdup (s->label);
      c->color = s->color;
      c->dash = s->dash;
      c->visible = s->visible;
      c->unit = s->unit;
      g_ptr_array_add (copy->series, c);
    }
  copy->n_visible = self->n_visible;
  copy->n_epochs = self->n_epochs;
  copy->steps_per_epoch = self->steps_per_epoch;
  copy->n_steps = self->n_steps;
  copy->x_unit = self->x_unit;
  copy->has_view = self->has_view;
  copy->view_first = self->view_first;
  copy->view_last = self->view_last;
  copy->view_y_min = self->view_y_min;
  copy->view_y_max = self->view_y_max;
  copy->title = g_strdup (self->title);
  copy->x_label = g_strdup (self->x_label);
  copy->y_label = g_strdup (self->y_label);
  copy->theme = self->theme;
  copy->legend = self->legend;
  copy->log_y = self->log_y;
  copy->grid = self->grid;
  copy->font_size = self->font_size;
  return copy;
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
  AnnealChartSeries *s;
  guint style = 0;

  g_return_val_if_fail (ANNEAL_IS_CHART (self), 0);
  g_return_val_if_fail (schedule != NULL, 0);

  /* The first palette entry that no series uses yet */
  for (style = 0; style < G_N_ELEMENTS (palette); style++)
    {
      gboolean used = FALSE;

      for (guint i = 0; i < self->series->len && !used; i++)
        used = ((AnnealChartSeries *) g_ptr_array_index (self->series, i))->color == palette[style];
      if (!used)
        break;
    }
  if (style == G_N_ELEMENTS (palette))
    style = self->series->len;

  s = g_new0 (AnnealChartSeries, 1);
  s->schedule = anneal_schedule_ref (schedule);
  s->label = g_strdup (label);
  if (s->label == NULL)
    s->label = anneal_schedule_to_string (schedule);
  s->color = anneal_chart_palette_color (style);
  s->dash = style % ANNEAL_CHART_N_DASHES;
  s->visible = TRUE;
  g_ptr_array_add (self->series, s);
  self->n_visible++;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);

  return self->series->len - 1;
}

void
anneal_chart_remove_series (AnnealChart *self,
                            guint        index)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  self->n_visible -= anneal_chart_get_series (self, index)->visible;
  g_ptr_array_remove_index (self->series, index);
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);
}

void
anneal_chart_clear (AnnealChart *self)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  if (self->series->len == 0)
    return;
  g_ptr_array_set_size (self->series, 0);
  self->n_visible = 0;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);
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
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_LAYOUT);
}

AnnealSchedule *
anneal_chart_get_series_schedule (AnnealChart *self,
                                  guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);
  return anneal_chart_get_series (self, index)->schedule;
}

void
anneal_chart_set_series_schedule (AnnealChart    *self,
                                  guint           index,
                                  AnnealSchedule *schedule)
{
  AnnealChartSeries *s;

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);
  g_return_if_fail (schedule != NULL);

  s = anneal_chart_get_series (self, index);
  anneal_schedule_ref (schedule);
  anneal_chart_series_clear_envelope (s);
  anneal_chart_series_clear_range (s);
  g_clear_pointer (&s->schedule, anneal_schedule_unref);
  s->schedule = schedule;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);
}

const char *
anneal_chart_get_series_label (AnnealChart *self,
                               guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);
  return anneal_chart_get_series (self, index)->label;
}

void
anneal_chart_set_series_label (AnnealChart *self,
                               guint        index,
                               const char  *label)
{
  AnnealChartSeries *s;

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  s = anneal_chart_get_series (self, index);
  if (g_strcmp0 (s->label, label) == 0)
    return;
  g_free (s->label);
  s->label = g_strdup (label != NULL ? label : "");
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_LAYOUT);
}

guint32
anneal_chart_get_series_color (AnnealChart *self,
                               guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), 0);
  g_return_val_if_fail (index < self->series->len, 0);
  return anneal_chart_get_series (self, index)->color;
}

void
anneal_chart_set_series_color (AnnealChart *self,
                               guint        index,
                               guint32      rgb)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  anneal_chart_get_series (self, index)->color = rgb & 0xFFFFFF;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_STYLE);
}

guint
anneal_chart_get_series_dash (AnnealChart *self,
                              guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), 0);
  g_return_val_if_fail (index < self->series->len, 0);
  return anneal_chart_get_series (self, index)->dash;
}

void
anneal_chart_set_series_dash (AnnealChart *self,
                              guint        index,
                              guint        dash)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  anneal_chart_get_series (self, index)->dash = dash % ANNEAL_CHART_N_DASHES;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_STYLE);
}

gboolean
anneal_chart_get_series_visible (AnnealChart *self,
                                 guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);
  g_return_val_if_fail (index < self->series->len, FALSE);
  return anneal_chart_get_series (self, index)->visible;
}

void
anneal_chart_set_series_visible (AnnealChart *self,
                                 guint        index,
                                 gboolean     visible)
{
  AnnealChartSeries *s;

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);

  s = anneal_chart_get_series (self, index);
  visible = !!visible;
  if (s->visible == visible)
    return;
  s->visible = visible;
  self->n_visible = visible ? self->n_visible + 1 : self->n_visible - 1;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);
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
  self->steps_per_epoch = MIN (self->steps_per_epoch, ANNEAL_EPOCH_MAX / n);
  self->n_steps = n * self->steps_per_epoch;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);
}

void
anneal_chart_set_steps_per_epoch (AnnealChart *self,
                                  gint64       steps_per_epoch)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (steps_per_epoch >= 1 && steps_per_epoch <= ANNEAL_EPOCH_MAX);

  steps_per_epoch = MIN (steps_per_epoch, ANNEAL_EPOCH_MAX / self->n_epochs);
  if (self->steps_per_epoch == steps_per_epoch)
    return;
  /* The view is in steps: keep the same epochs in it */
  if (self->has_view)
    {
      double f = (double) steps_per_epoch / (double) self->steps_per_epoch;

      self->view_first *= f;
      self->view_last *= f;
    }
  self->steps_per_epoch = steps_per_epoch;
  self->n_steps = self->n_epochs * steps_per_epoch;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);
}

gint64
anneal_chart_get_steps_per_epoch (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), 1);
  return self->steps_per_epoch;
}

gint64
anneal_chart_get_n_steps (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), 1);
  return self->n_steps;
}

void
anneal_chart_set_series_unit (AnnealChart     *self,
                              guint            index,
                              AnnealChartUnit  unit)
{
  AnnealChartSeries *s;

  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (index < self->series->len);
  g_return_if_fail (unit == ANNEAL_CHART_UNIT_EPOCH || unit == ANNEAL_CHART_UNIT_STEP);

  s = anneal_chart_get_series (self, index);
  if (s->unit == unit)
    return;
  s->unit = unit;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);
}

AnnealChartUnit
anneal_chart_get_series_unit (AnnealChart *self,
                              guint        index)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), ANNEAL_CHART_UNIT_EPOCH);
  g_return_val_if_fail (index < self->series->len, ANNEAL_CHART_UNIT_EPOCH);
  return anneal_chart_get_series (self, index)->unit;
}

double
anneal_chart_get_series_value (AnnealChart *self,
                               guint        index,
                               gint64       step)
{
  AnnealChartSeries *s;

  g_return_val_if_fail (ANNEAL_IS_CHART (self), NAN);
  g_return_val_if_fail (index < self->series->len, NAN);
  g_return_val_if_fail (step >= 0, NAN);

  s = anneal_chart_get_series (self, index);
  return anneal_chart_divided_value (s->schedule, anneal_chart_series_divisor (self, s), step);
}

void
anneal_chart_set_x_unit (AnnealChart     *self,
                         AnnealChartUnit  unit)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (unit == ANNEAL_CHART_UNIT_EPOCH || unit == ANNEAL_CHART_UNIT_STEP);

  if (self->x_unit == unit)
    return;
  self->x_unit = unit;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_LAYOUT);
}

AnnealChartUnit
anneal_chart_get_x_unit (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), ANNEAL_CHART_UNIT_EPOCH);
  return self->x_unit;
}

const char *
anneal_chart_unit_to_string (AnnealChartUnit unit)
{
  return unit == ANNEAL_CHART_UNIT_STEP ? "step" : "epoch";
}

gboolean
anneal_chart_unit_from_string (const char      *text,
                               AnnealChartUnit *unit)
{
  if (g_strcmp0 (text, "epoch") == 0)
    *unit = ANNEAL_CHART_UNIT_EPOCH;
  else if (g_strcmp0 (text, "step") == 0)
    *unit = ANNEAL_CHART_UNIT_STEP;
  else
    return FALSE;
  return TRUE;
}

gint64
anneal_chart_series_divisor (AnnealChart             *self,
                             const AnnealChartSeries *s)
{
  return s->unit == ANNEAL_CHART_UNIT_EPOCH ? self->steps_per_epoch : 1;
}

double
anneal_chart_divided_value (const AnnealSchedule *schedule,
                            gint64                divisor,
                            gint64                step)
{
  return anneal_schedule_value_fast (schedule, step / divisor);
}

void
anneal_chart_divided_sample (const AnnealSchedule *schedule,
                             gint64                divisor,
                             gint64                first,
                             gsize                 count,
                             double               *values)
{
  gint64 epoch = -1;

  for (gsize k = 0; k < count; k++)
    {
      gint64 e = (first + (gint64) k) / divisor;

      if (e != epoch)
        values[k] = anneal_schedule_value_fast (schedule, e);
      else
        values[k] = values[k - 1];
      epoch = e;
    }
}

void
anneal_chart_divided_fill (const AnnealSchedule *schedule,
                           gint64                divisor,
                           gint64                first,
                           gsize                 count,
                           double               *values)
{
  gint64 e0, n_epochs;

  if (divisor == 1 || count == 0)
    {
      anneal_schedule_fill (schedule, first, count, values);
      return;
    }
  /* The epochs, at most count of them, written at the end of @values and
   * spread forwards, each over its steps */
  e0 = first / divisor;
  n_epochs = (first + (gint64) count - 1) / divisor - e0 + 1;
  anneal_schedule_fill (schedule, e0, (gsize) n_epochs, values + count - (gsize) n_epochs);
  for (gsize k = 0; k < count; k++)
    values[k] = values[count - (gsize) n_epochs + (gsize) ((first + (gint64) k) / divisor - e0)];
}

void
anneal_chart_column_range (const AnnealSchedule *schedule,
                           gint64                divisor,
                           gint64                first,
                           gint64                last,
                           guint                 scan,
                           double               *min,
                           double               *max)
{
  anneal_schedule_range_limited (schedule, first / divisor, last / divisor, scan, min, max);
}

/* The number of series shown, rounded up to a power of two, that the budgets are
 * shared among: each series' share, and with it every series' kept envelope and
 * range, changes only when that number crosses a power of two. Shared among the
 * exact number, adding, removing or showing one series of 1000 changed every
 * series' share, and the next frame computed the range of all 1000 again (2.6 s of
 * the main loop for a removal in a document of 1000 series over 10^15 epochs). */
static guint
shares (AnnealChart *self)
{
  guint shown = self->n_visible, n = 1;

  while (n < shown && n < G_MAXUINT / 2)
    n *= 2;
  return n;
}

guint
anneal_chart_column_scan (AnnealChart *self)
{
  guint shown = self->n_visible;

  if (shown <= ANNEAL_CHART_SCAN_BUDGET / ANNEAL_CHART_COLUMN_SCAN)
    return ANNEAL_CHART_COLUMN_SCAN;
  return MAX (ANNEAL_CHART_SCAN_BUDGET / shares (self), ANNEAL_CHART_SCAN_MIN);
}

guint
anneal_chart_range_scan (AnnealChart *self)
{
  guint shown = self->n_visible;

  if (shown <= 8)
    return G_MAXUINT;
  return MAX (8 * ANNEAL_CHART_RANGE_SCAN / shares (self), ANNEAL_CHART_COLUMN_SCAN);
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
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);
}

void
anneal_chart_reset_view (AnnealChart *self)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  if (!self->has_view)
    return;
  self->has_view = FALSE;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);
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
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_RANGE);
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
    anneal_chart_changed (self, ANNEAL_CHART_DIRTY_LAYOUT);
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
    anneal_chart_changed (self, ANNEAL_CHART_DIRTY_LAYOUT);
}

void
anneal_chart_set_y_label (AnnealChart *self,
                          const char  *label)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));

  if (set_str (&self->y_label, label))
    anneal_chart_changed (self, ANNEAL_CHART_DIRTY_LAYOUT);
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
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_STYLE);
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
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_LAYOUT);
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
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_STYLE);
}

void
anneal_chart_set_font_size (AnnealChart *self,
                            double       px)
{
  g_return_if_fail (ANNEAL_IS_CHART (self));
  g_return_if_fail (px == 0 || (px >= ANNEAL_CHART_MIN_FONT_SIZE &&
                                px <= ANNEAL_CHART_MAX_FONT_SIZE));

  if (self->font_size == px)
    return;
  self->font_size = px;
  anneal_chart_changed (self, ANNEAL_CHART_DIRTY_LAYOUT);
}

double
anneal_chart_get_font_size (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), 0);
  return self->font_size;
}

gboolean
anneal_chart_get_grid (AnnealChart *self)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (self), FALSE);
  return self->grid;
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
      AnnealChartSeries *s = g_ptr_array_index (self->series, i);

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
  const AnnealChartRange *range = anneal_chart_get_range (self);

  *first = range->epoch_first;
  *last = range->epoch_last;
}
