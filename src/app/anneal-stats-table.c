/* anneal-stats-table.c — first, last, min, max, mean and sum of every series
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The numbers come from anneal_schedule_stats_full(): on the spot for a series of
 * at most STATS_AT_ONCE values, otherwise in a thread of its own per series so that
 * the main loop never waits for them, whatever the epochs:
 * the library sums in O(pieces or cycles) where the kind can, and gives up as soon
 * as the job's cancellable is cancelled (its schedule is no longer shown). The
 * threads are the app's low-priority workers (anneal-worker.c). Results are kept
 * per (schedule, epochs), in a table keyed by both: editing one series recomputes
 * that series only. Results that arrive together are shown together, in one pass
 * over the rows before the next frame, not one pass (and one layout of the
 * sidebar) each. A row whose
 * numbers are being computed keeps its previous numbers, dimmed, and the table says
 * that it is updating.
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "anneal-number.h"
#include "anneal-series-row.h"
#include "anneal-stats-table.h"
#include "anneal-text.h"
#include "anneal-tooltip.h"
#include "anneal-wheel.h"
#include "anneal-worker.h"

#define N_COLUMNS 7
/* Up to this many values, a series' statistics are computed on the spot; beyond, in
 * a thread. Bounded whatever the epochs: 1024 values cost at most 0.25 ms for the
 * notebook's schedules and about 2 ms for the slowest kind measured (timm's restarts
 * with t_mul near 1 and a fractional power or k-decay, each value finding its cycle
 * by logarithms). */
#define STATS_AT_ONCE 1024

/* A column's width in the rows, for the header to take: the widest of its cells,
 * measured once per layout. The header and the rows are two grids (the header stays
 * in view while the rows scroll); a size group of every cell of a column aligned
 * them, but a size group measures all its members for each one it measures —
 * quadratic in the rows: 4.2 s of layout for a document of 1000 series. The group
 * now holds the header cell and this probe, an empty widget over the first row. */
#define ANNEAL_TYPE_COLUMN_PROBE (anneal_column_probe_get_type ())
G_DECLARE_FINAL_TYPE (AnnealColumnProbe, anneal_column_probe, ANNEAL, COLUMN_PROBE, GtkWidget)

struct _AnnealColumnProbe
{
  GtkWidget  parent_instance;
  GPtrArray *cells;    /* the table's, borrowed: N_COLUMNS + 1 widgets a row */
  guint      column;
};

G_DEFINE_FINAL_TYPE (AnnealColumnProbe, anneal_column_probe, GTK_TYPE_WIDGET)

static void
anneal_column_probe_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  AnnealColumnProbe *self = ANNEAL_COLUMN_PROBE (widget);

  *minimum = *natural = 0;
  if (orientation != GTK_ORIENTATION_HORIZONTAL)
    return;
  for (guint i = self->column; i < self->cells->len; i += N_COLUMNS + 1)
    {
      GtkWidget *cell = g_ptr_array_index (self->cells, i);
      int min = 0, nat = 0;

      if (!gtk_widget_get_visible (cell))
        continue;
      gtk_widget_measure (cell, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

static void
anneal_column_probe_class_init (AnnealColumnProbeClass *klass)
{
  GTK_WIDGET_CLASS (klass)->measure = anneal_column_probe_measure;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass),
                                        GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
anneal_column_probe_init (AnnealColumnProbe *self)
{
  gtk_widget_set_can_target (GTK_WIDGET (self), FALSE);
}

static GtkWidget *
anneal_column_probe_new (GPtrArray *cells,
                         guint      column)
{
  AnnealColumnProbe *self = g_object_new (ANNEAL_TYPE_COLUMN_PROBE, NULL);

  self->cells = cells;
  self->column = column;
  return GTK_WIDGET (self);
}

struct _AnnealStatsTable
{
  AdwBin        parent_instance;

  GtkWidget    *header;
  GtkWidget    *grid;
  GtkWidget    *scroller;   /* the rows, up and down */
  GtkWidget    *outer;      /* the whole table, sideways; the keyboard's one stop */
  GtkSizeGroup *groups[N_COLUMNS + 1]; /* a column's header cell and its probe */
  GtkWidget    *probes[N_COLUMNS + 1];
  AnnealChart  *chart;
  GHashTable   *cache;   /* key() → AnnealStats: results for the series shown */
  GHashTable   *jobs;    /* key() → GCancellable: computations under way */
  guint         rebuild_id; /* results arrived, the rows not yet brought up to date */
  GPtrArray    *cells;   /* the grid's rows, one after the other: swatch, name, numbers
                            (N_COLUMNS + 1 widgets each); the grid owns them */
};

G_DEFINE_FINAL_TYPE (AnnealStatsTable, anneal_stats_table, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_UPDATING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void rebuild_rows (AnnealStatsTable *self);

/* A job dropped from the table: stopped */
static void
job_cancel (gpointer data)
{
  g_cancellable_cancel (data);
  g_object_unref (data);
}

/* What results and jobs are kept by: the epochs and the canonical spec, which two
 * schedules share exactly when anneal_schedule_equal() says they are equal. */
static char *
key (AnnealSchedule *schedule,
     gint64          epochs)
{
  g_autofree char *spec = anneal_schedule_to_string (schedule);

  return g_strdup_printf ("%" G_GINT64_FORMAT " %s", epochs, spec);
}

/* The worker */

typedef struct
{
  AnnealSchedule *schedule;
  gint64          epochs;
  AnnealStats     stats;
} Work;

static void
work_free (gpointer data)
{
  Work *work = data;

  g_clear_pointer (&work->schedule, anneal_schedule_unref);
  g_free (work);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Work *work = task_data;
  GError *error = NULL;

  if (!anneal_schedule_stats_full (work->schedule, 0, MAX (0, work->epochs - 1), &work->stats,
                                   cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The statistics of the series of @result_key (taken), kept for the rows that show it */
static void
keep_result (AnnealStatsTable  *self,
             char              *result_key,
             const AnnealStats *stats)
{
  g_hash_table_replace (self->cache, result_key, g_memdup2 (stats, sizeof *stats));
}

static gboolean
rebuild_now (gpointer data)
{
  AnnealStatsTable *self = data;

  self->rebuild_id = 0;
  rebuild_rows (self);
  return G_SOURCE_REMOVE;
}

static void
on_computed (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  AnnealStatsTable *self = ANNEAL_STATS_TABLE (object);
  Work *work = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  char *k;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;  /* cancelled: its schedule is no longer shown */

  k = key (work->schedule, work->epochs);
  g_hash_table_remove (self->jobs, k);
  keep_result (self, k, &work->stats);
  /* after the other results that are ready, before the next frame's layout */
  if (self->rebuild_id == 0)
    self->rebuild_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_now, self, NULL);

  if (g_hash_table_size (self->jobs) == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
}

/* A thousand values or fewer: summed here, faster than a thread is started, and
 * the numbers are there for the frame this edit draws. */
static void
compute_at_once (AnnealStatsTable *self,
                 AnnealSchedule   *schedule,
                 gint64            count,
                 char             *result_key)
{
  AnnealStats stats;

  anneal_schedule_stats_full (schedule, 0, MAX (0, count - 1), &stats, NULL, NULL);
  keep_result (self, result_key, &stats);
}

static void
start_job (AnnealStatsTable *self,
           AnnealSchedule   *schedule,
           gint64            epochs,
           char             *job_key)
{
  g_autoptr(GTask) task = NULL;
  GCancellable *cancellable = g_cancellable_new ();
  Work *work = g_new0 (Work, 1);

  g_hash_table_insert (self->jobs, job_key, cancellable);

  work->schedule = anneal_schedule_ref (schedule);
  work->epochs = epochs;

  task = g_task_new (self, cancellable, on_computed, NULL);
  g_task_set_source_tag (task, start_job);
  g_task_set_task_data (task, work, work_free);
  anneal_worker_run (task, compute_in_thread, ANNEAL_WORKER_STATISTICS);
}

/* The grid */

static GtkWidget *
add_label (AnnealStatsTable *self,
           GtkWidget        *grid,
           const char       *text,
           guint             column,
           guint             row,
           gboolean          numeric)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), numeric ? 1.0 : 0.0);
  if (numeric)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_widget_set_overflow (label, GTK_OVERFLOW_HIDDEN);  /* combining marks stay in */
    }
  gtk_label_set_selectable (GTK_LABEL (label), grid == self->grid);
  /* Not one Tab stop per cell: the table is one (see on_key_pressed). Not merely
   * unfocusable either: a selectable label's focus() claims success even then, and
   * Tab would never get past the statistics. */
  gtk_widget_set_can_focus (label, FALSE);
  gtk_grid_attach (GTK_GRID (grid), label, column + 1, row, 1, 1);
  if (grid == self->header)
    gtk_size_group_add_widget (self->groups[column + 1], label);

  return label;
}

static void
set_label_text (GtkWidget  *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

/* The widget in grid column @column of row @row (0: the swatch, 1: the name, 2…: the
 * numbers), NULL past the rows built. */
static GtkWidget *
cell (AnnealStatsTable *self,
      guint             row,
      guint             column)
{
  if (row >= self->cells->len / (N_COLUMNS + 1))
    return NULL;
  return g_ptr_array_index (self->cells, row * (N_COLUMNS + 1) + column);
}

/* How many values series @i has, in its own unit: the epochs, or for a series
 * stepped per step the steps of all epochs. Its statistics are over those. */
static gint64
series_count (AnnealChart *chart,
              guint        i)
{
  if (anneal_chart_get_series_unit (chart, i) == ANNEAL_CHART_UNIT_STEP)
    return anneal_chart_get_n_steps (chart);
  return anneal_chart_get_epochs (chart);
}

static void
remeasure_columns (AnnealStatsTable *self)
{
  for (guint c = 0; c <= N_COLUMNS; c++)
    if (self->probes[c] != NULL)
      gtk_widget_queue_resize (self->probes[c]);
}

/* Brings the rows up to date: the rows of series that went are removed, new ones
 * built, and the others changed in place, so that a result or an edit changes a few
 * labels rather than building the table again. A row still being computed keeps
 * what it showed, dimmed ("…" when new). */
static void
rebuild_rows (AnnealStatsTable *self)
{
  guint n, built;

  if (self->chart == NULL)
    return;

  n = anneal_chart_get_n_series (self->chart);
  built = self->cells->len / (N_COLUMNS + 1);

  for (guint i = built; i-- > n;)
    for (guint c = 0; c <= N_COLUMNS; c++)
      {
        gtk_grid_remove (GTK_GRID (self->grid), cell (self, i, c));
      }
  if (built > n)
    g_ptr_array_set_size (self->cells, n * (N_COLUMNS + 1));

  for (guint i = 0; i < n; i++)
    {
      AnnealSchedule *schedule = anneal_chart_get_series_schedule (self->chart, i);
      gboolean visible = anneal_chart_get_series_visible (self->chart, i);
      g_autofree char *k = key (schedule, series_count (self->chart, i));
      const AnnealStats *stats = g_hash_table_lookup (self->cache, k);
      const char *name = anneal_chart_get_series_label (self->chart, i);
      /* One line, wherever Pango would break it: the tooltip has it whole */
      g_autofree char *line = anneal_text_bound (name, 1, ANNEAL_SERIES_LABEL_SHOWN);
      GtkWidget *swatch, *label;

      if (i >= built)
        {
          swatch = anneal_swatch_new (anneal_chart_get_series_color (self->chart, i),
                                      anneal_chart_get_series_dash (self->chart, i));
          gtk_grid_attach (GTK_GRID (self->grid), swatch, 0, i + 1, 1, 1);
          g_ptr_array_add (self->cells, swatch);
          label = add_label (self, self->grid, line != NULL ? line : name, 0, i + 1, FALSE);
          g_ptr_array_add (self->cells, label);
        }
      else
        {
          swatch = cell (self, i, 0);
          anneal_swatch_set (swatch, anneal_chart_get_series_color (self->chart, i),
                             anneal_chart_get_series_dash (self->chart, i));
          label = cell (self, i, 1);
          set_label_text (label, line != NULL ? line : name);
        }
      gtk_widget_set_opacity (swatch, visible ? 1.0 : 0.35);
      /* The whole name where it is cut short. */
      anneal_widget_set_tooltip_text (label, name);

      for (guint c = 1; c < N_COLUMNS; c++)
        {
          char buf[ANNEAL_NUMBER_BUFSIZE];
          const char *text = NULL;

          if (stats != NULL)
            {
              const double values[N_COLUMNS - 1] = {
                stats->first, stats->last, stats->min, stats->max, stats->mean, stats->sum,
              };

              text = anneal_number_format (values[c - 1], buf, sizeof buf);
            }

          if (i >= built)
            {
              label = add_label (self, self->grid, text != NULL ? text : "…", c, i + 1, TRUE);
              g_ptr_array_add (self->cells, label);
            }
          else
            {
              label = cell (self, i, c + 1);
              if (text != NULL)
                set_label_text (label, text);
            }
          if (stats == NULL)
            gtk_widget_add_css_class (label, "updating");
          else
            gtk_widget_remove_css_class (label, "updating");
        }
    }

  /* the cells changed: the columns' widths are measured again, once each */
  remeasure_columns (self);
}

/* The keyboard: Tab stops once on the table, whose rows and columns then scroll with
 * the arrow keys, Page Up/Down, Home and End. */

static void
scroll_by (GtkAdjustment *adjustment,
           double         delta)
{
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + delta);
}

static gboolean
on_key_pressed (AnnealStatsTable      *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->outer));

  if (state & (GDK_CONTROL_MASK | GDK_ALT_MASK))
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      scroll_by (v, -gtk_adjustment_get_step_increment (v));
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      scroll_by (v, gtk_adjustment_get_step_increment (v));
      return TRUE;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      scroll_by (v, -gtk_adjustment_get_page_increment (v));
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      scroll_by (v, gtk_adjustment_get_page_increment (v));
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      gtk_adjustment_set_value (v, gtk_adjustment_get_lower (v));
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      scroll_by (h, -gtk_adjustment_get_step_increment (h));
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      scroll_by (h, gtk_adjustment_get_step_increment (h));
      return TRUE;
    default:
      return FALSE;
    }
}

/* The rows' scroller goes up and down only, yet took a sideways wheel (shift+wheel,
 * a touchpad's sideways swipe) over the rows and did nothing with it: that one scrolls
 * the whole table sideways, as it does over the header. */
static gboolean
on_rows_scroll (AnnealStatsTable         *self,
                double                    dx,
                double                    dy,
                GtkEventControllerScroll *controller)
{
  GtkEventController *c = GTK_EVENT_CONTROLLER (controller);
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (self->outer));
  double delta = dx;

  if (gtk_event_controller_get_current_event_state (c) & GDK_SHIFT_MASK)
    delta = dx != 0 ? dx : dy;
  if (delta == 0)
    return GDK_EVENT_PROPAGATE;
  anneal_wheel_scroll (h, controller, delta);
  return GDK_EVENT_STOP;
}

/* Public */

void
anneal_stats_table_update (AnnealStatsTable *self,
                           AnnealChart      *chart)
{
  g_autoptr(GHashTable) needed = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  GHashTableIter iter;
  gboolean was_updating;
  gpointer k;
  guint n;

  g_return_if_fail (ANNEAL_IS_STATS_TABLE (self));
  g_return_if_fail (ANNEAL_IS_CHART (chart));

  was_updating = g_hash_table_size (self->jobs) > 0;
  g_set_object (&self->chart, chart);
  n = anneal_chart_get_n_series (chart);

  /* Stop what no series needs any more; forget results no series shows. */
  keys = g_ptr_array_new_full (n, g_free);
  needed = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < n; i++)
    {
      char *k_i = key (anneal_chart_get_series_schedule (chart, i), series_count (chart, i));

      g_ptr_array_add (keys, k_i);
      g_hash_table_add (needed, k_i);
    }
  g_hash_table_iter_init (&iter, self->jobs);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    if (!g_hash_table_contains (needed, k))
      g_hash_table_iter_remove (&iter);  /* cancels it */
  g_hash_table_iter_init (&iter, self->cache);
  while (g_hash_table_iter_next (&iter, &k, NULL))
    if (!g_hash_table_contains (needed, k))
      g_hash_table_iter_remove (&iter);

  for (guint i = 0; i < n; i++)
    {
      AnnealSchedule *schedule = anneal_chart_get_series_schedule (chart, i);
      gint64 count = series_count (chart, i);
      const char *series_key = g_ptr_array_index (keys, i);

      if (!g_hash_table_contains (self->cache, series_key) &&
          !g_hash_table_contains (self->jobs, series_key))
        {
          if (count <= STATS_AT_ONCE)
            compute_at_once (self, schedule, count, g_strdup (series_key));
          else
            start_job (self, schedule, count, g_strdup (series_key));
        }
    }

  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  rebuild_rows (self);

  if (was_updating != (g_hash_table_size (self->jobs) > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATING]);
}

gboolean
anneal_stats_table_get_updating (AnnealStatsTable *self)
{
  g_return_val_if_fail (ANNEAL_IS_STATS_TABLE (self), FALSE);

  return g_hash_table_size (self->jobs) > 0;
}

gboolean
anneal_stats_table_row_is_updating (AnnealStatsTable *self,
                                    guint             row)
{
  GtkWidget *child;

  g_return_val_if_fail (ANNEAL_IS_STATS_TABLE (self), FALSE);

  child = cell (self, row, 2);
  return child != NULL && gtk_widget_has_css_class (child, "updating");
}

const char *
anneal_stats_table_get_cell (AnnealStatsTable *self,
                             guint             row,
                             guint             column)
{
  GtkWidget *child;

  g_return_val_if_fail (ANNEAL_IS_STATS_TABLE (self), NULL);

  if (column >= N_COLUMNS)
    return NULL;

  child = cell (self, row, column + 1);
  return GTK_IS_LABEL (child) ? gtk_label_get_text (GTK_LABEL (child)) : NULL;
}

GtkWidget *
anneal_stats_table_get_swatch (AnnealStatsTable *self,
                               guint             row)
{
  g_return_val_if_fail (ANNEAL_IS_STATS_TABLE (self), NULL);

  return cell (self, row, 0);
}

GtkWidget *
anneal_stats_table_new (void)
{
  return g_object_new (ANNEAL_TYPE_STATS_TABLE, NULL);
}

static void
anneal_stats_table_dispose (GObject *object)
{
  AnnealStatsTable *self = ANNEAL_STATS_TABLE (object);

  if (self->jobs != NULL)
    g_hash_table_remove_all (self->jobs);  /* cancels them */
  g_clear_handle_id (&self->rebuild_id, g_source_remove);
  g_clear_object (&self->chart);
  for (guint c = 0; c <= N_COLUMNS; c++)
    g_clear_object (&self->groups[c]);

  G_OBJECT_CLASS (anneal_stats_table_parent_class)->dispose (object);
}

static void
anneal_stats_table_finalize (GObject *object)
{
  AnnealStatsTable *self = ANNEAL_STATS_TABLE (object);

  g_clear_pointer (&self->jobs, g_hash_table_unref);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_pointer (&self->cells, g_ptr_array_unref);

  G_OBJECT_CLASS (anneal_stats_table_parent_class)->finalize (object);
}

static void
anneal_stats_table_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AnnealStatsTable *self = ANNEAL_STATS_TABLE (object);

  switch (prop_id)
    {
    case PROP_UPDATING:
      g_value_set_boolean (value, anneal_stats_table_get_updating (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anneal_stats_table_class_init (AnnealStatsTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anneal_stats_table_dispose;
  object_class->finalize = anneal_stats_table_finalize;
  object_class->get_property = anneal_stats_table_get_property;

  /**
   * AnnealStatsTable:updating:
   * Whether some numbers are still being computed (their rows are dimmed).
   */
  properties[PROP_UPDATING] =
    g_param_spec_boolean ("updating", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "statstable");
}

static void
anneal_stats_table_init (AnnealStatsTable *self)
{
  static const char *headers[N_COLUMNS] = {
    NC_("statistics column", "Series"), N_("First"), N_("Last"), N_("Min"), N_("Max"), N_("Mean"), N_("Sum"),
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkEventController *controller;
  GtkSettings *settings;
  GtkWidget *outer;
  GtkWidget *spacer;

  self->cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, job_cancel);
  self->cells = g_ptr_array_new ();

  for (guint c = 0; c <= N_COLUMNS; c++)
    self->groups[c] = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);

  /* The header stays in view; the rows below it scroll. Size groups of a header cell
   * and its column's probe keep the columns of the two grids aligned. */
  self->header = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->header), 14);
  spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_grid_attach (GTK_GRID (self->header), spacer, 0, 0, 1, 1);
  gtk_size_group_add_widget (self->groups[0], spacer);
  for (guint c = 0; c < N_COLUMNS; c++)
    {
      const char *text = c == 0 ? g_dpgettext2 (NULL, "statistics column", headers[c])
                                : _(headers[c]);
      GtkWidget *label = add_label (self, self->header, text, c, 0, c > 0);

      gtk_widget_add_css_class (label, "caption-heading");
      gtk_widget_add_css_class (label, "dim-label");
    }
  gtk_box_append (GTK_BOX (box), self->header);

  self->grid = gtk_grid_new ();
  gtk_grid_set_column_spacing (GTK_GRID (self->grid), 14);
  gtk_grid_set_row_spacing (GTK_GRID (self->grid), 4);
  settings = gtk_settings_get_default ();
  if (settings != NULL)
    {
      /* text that grows with the font: the columns are measured again */
      g_signal_connect_object (settings, "notify::gtk-font-name",
                               G_CALLBACK (remeasure_columns), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (settings, "notify::gtk-xft-dpi",
                               G_CALLBACK (remeasure_columns), self, G_CONNECT_SWAPPED);
    }
  /* over the first row (the rows start at 1), taking no room */
  for (guint c = 0; c <= N_COLUMNS; c++)
    {
      self->probes[c] = anneal_column_probe_new (self->cells, c);
      gtk_grid_attach (GTK_GRID (self->grid), self->probes[c], c, 1, 1, 1);
      gtk_size_group_add_widget (self->groups[c], self->probes[c]);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Statistics"),
                                  -1);

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), 160);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->grid);
  gtk_widget_set_can_focus (self->scroller, FALSE);  /* the outer one is the stop */
  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "anneal-wheel");
  g_signal_connect_swapped (controller, "scroll", G_CALLBACK (on_rows_scroll), self);
  gtk_widget_add_controller (self->scroller, controller);
  gtk_box_append (GTK_BOX (box), self->scroller);

  /* Too narrow for seven columns: the table scrolls sideways, header and all. */
  outer = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (outer),
                                  GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (outer), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (outer), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (outer), box);
  adw_bin_set_child (ADW_BIN (self), outer);
  self->outer = outer;

  /* One Tab stop for the whole table (a scrolled window takes the focus itself when
   * nothing inside it can), read out as the statistics. */
  gtk_widget_set_focusable (outer, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (outer),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Statistics"),
                                  -1);
  controller = gtk_event_controller_key_new ();
  g_signal_connect_swapped (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (outer, controller);
}
