/* anneal-window.c — the main window: series, parameters, chart, statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The document's chart model is the one source of truth. Widgets are set from it
 * (with self->updating raised so that their signals are ignored), and every edit
 * goes to the model first, then to the widgets that show it, then into the undo
 * history through _anneal_window_commit().
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "anneal-number.h"
#include "anneal-presets.h"
#include "anneal-series-row.h"
#include "anneal-text.h"
#include "anneal-tooltip.h"
#include "anneal-wheel.h"
#include "anneal-window-private.h"
#include "anneal-worker.h"

/* The catalogue of kinds: its list's width, and what its popover takes around it */
#define CATALOGUE_WIDTH 340
#define CATALOGUE_MARGIN 40

#define COMMIT_DELAY_MS 700
#define STATS_SPINNER_DELAY_MS 250

/* Titles and labels longer than this are cut (with a message): a megabyte of text
 * in an entry or a list row would take the toolkit seconds to lay out. */
#define TEXT_MAX_CHARS 1000

G_DEFINE_FINAL_TYPE (AnnealWindow, anneal_window, ADW_TYPE_APPLICATION_WINDOW)

static void sync_selected (AnnealWindow *self);
static void update_title  (AnnealWindow *self);

void
_anneal_window_toast (AnnealWindow *self,
                      const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Under a sentence of its own, a detail starts with a capital ("Line 3, column 5: …"). */
static GtkWidget *
error_detail_label (const char *detail)
{
  gunichar first = g_utf8_get_char (detail);
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (g_unichar_islower (first))
    {
      char upper[8] = { 0 };

      g_unichar_to_utf8 (g_unichar_totitle (first), upper);
      text = g_strconcat (upper, g_utf8_next_char (detail), NULL);
    }
  label = gtk_label_new (text != NULL ? text : detail);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  /* as wide as the body at most: a long detail wraps instead of widening the dialog */
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

void
_anneal_window_show_error_detail (AnnealWindow *self,
                                  const char   *heading,
                                  const char   *body,
                                  const char   *detail)
{
#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.5 API, above ADW_VERSION_MAX_ALLOWED */
  AdwDialog *dialog = adw_alert_dialog_new (heading, body);

  adw_alert_dialog_add_response (ADW_ALERT_DIALOG (dialog), "close", _("_Close"));
  if (detail != NULL)
    adw_alert_dialog_set_extra_child (ADW_ALERT_DIALOG (dialog), error_detail_label (detail));
  adw_dialog_present (dialog, GTK_WIDGET (self));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (detail != NULL)
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), error_detail_label (detail));
  gtk_window_present (GTK_WINDOW (dialog));
#endif
}

void
_anneal_window_show_error (AnnealWindow *self,
                           const char   *heading,
                           const char   *body)
{
  _anneal_window_show_error_detail (self, heading, body, NULL);
}

AnnealSchedule *
_anneal_window_get_selected_schedule (AnnealWindow *self)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);

  if (self->selected < 0 || (guint) self->selected >= anneal_chart_get_n_series (chart))
    return NULL;

  return anneal_chart_get_series_schedule (chart, self->selected);
}

/* History */

static gboolean
commit_timeout (gpointer data)
{
  AnnealWindow *self = data;

  self->commit_source = 0;
  anneal_document_commit (self->document);
  update_title (self);
  _anneal_window_update_actions (self);

  return G_SOURCE_REMOVE;
}

void
_anneal_window_commit (AnnealWindow *self)
{
  gboolean was_pending = self->commit_source != 0;

  g_clear_handle_id (&self->commit_source, g_source_remove);
  anneal_document_commit (self->document);

  if (was_pending)
    {
      update_title (self);
      _anneal_window_update_actions (self);
    }
}

void
_anneal_window_commit_later (AnnealWindow *self)
{
  gboolean was_pending = self->commit_source != 0;

  g_clear_handle_id (&self->commit_source, g_source_remove);
  self->commit_source = g_timeout_add (COMMIT_DELAY_MS, commit_timeout, self);

  /* An edit waiting to be committed can already be undone, and is a change. */
  if (!was_pending)
    {
      update_title (self);
      _anneal_window_update_actions (self);
    }
}

/* Title and statistics */

static void
update_title (AnnealWindow *self)
{
  g_autofree char *name = anneal_document_dup_display_name (self->document);

  if (anneal_document_get_modified (self->document) || self->commit_source != 0)
    {
      /* Translators: the window subtitle of a document with unsaved changes */
      g_autofree char *text = g_strdup_printf (_("• %s"), name);

      adw_window_title_set_subtitle (self->window_title, text);
    }
  else
    adw_window_title_set_subtitle (self->window_title, name);
}

static gboolean
update_stats_cb (gpointer data)
{
  AnnealWindow *self = data;
  AnnealChart *chart = anneal_document_get_chart (self->document);
  g_autofree char *caption = NULL;
  gint64 n = anneal_chart_get_epochs (chart);
  char last[32];
  char last_step[32] = "";
  guint n_per_step = 0;

  self->stats_source = 0;

  /* Never waits: what is not known yet is computed in a thread, meanwhile dimmed. */
  anneal_stats_table_update (self->stats_table, chart);
  g_snprintf (last, sizeof last, "%" G_GINT64_FORMAT, MAX (0, n - 1));
  /* Each series is summed in its own unit: epochs, or steps for one stepped per step */
  for (guint i = 0; i < anneal_chart_get_n_series (chart); i++)
    {
      if (anneal_chart_get_series_unit (chart, i) == ANNEAL_CHART_UNIT_STEP)
        n_per_step++;
    }
  if (anneal_chart_get_steps_per_epoch (chart) > 1 && n_per_step > 0)
    g_snprintf (last_step, sizeof last_step, "%" G_GINT64_FORMAT,
                anneal_chart_get_n_steps (chart) - 1);
  if (last_step[0] == '\0')
    /* Translators: the heading of the statistics table; %s is the last epoch */
    caption = g_strdup_printf (_("Statistics over epochs 0 … %s"), last);
  else if (n_per_step == anneal_chart_get_n_series (chart))
    /* Translators: the heading of the statistics table; %s is the last step */
    caption = g_strdup_printf (_("Statistics over steps 0 … %s"), last_step);
  else
    /* Translators: the heading of the statistics table; the last epoch, then the last step */
    caption = g_strdup_printf (_("Statistics over epochs 0 … %s; series stepped per step "
                                 "over steps 0 … %s"), last, last_step);
  gtk_label_set_text (self->stats_caption, caption);

  return G_SOURCE_REMOVE;
}

/* The spinner turns for this long, then "Updating…" stays on its own: a turning
 * spinner redraws the window at the frame rate, which with software rendering
 * (llvmpipe) took the main thread and both rendering threads — 2.5 cores of 2 —
 * and left the statistics' worker 5 to 25 % of one, for as long as they took. */
#define STATS_SPINNER_SPIN_MS 2000

static gboolean
stop_stats_spinner_cb (gpointer data)
{
  AnnealWindow *self = data;

  self->stats_spinner_stop_source = 0;
  gtk_spinner_stop (self->stats_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->stats_spinner), FALSE);

  return G_SOURCE_REMOVE;
}

static gboolean
show_stats_spinner_cb (gpointer data)
{
  AnnealWindow *self = data;

  self->stats_spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->stats_spinner), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->stats_updating_label), TRUE);
  gtk_spinner_start (self->stats_spinner);
  g_clear_handle_id (&self->stats_spinner_stop_source, g_source_remove);
  self->stats_spinner_stop_source = g_timeout_add (STATS_SPINNER_SPIN_MS,
                                                   stop_stats_spinner_cb, self);

  return G_SOURCE_REMOVE;
}

static void
on_stats_updating (AnnealWindow     *self,
                   GParamSpec       *pspec,
                   AnnealStatsTable *table)
{
  /* The dimmed rows say it at once; the spinner only when it takes a while, so that
   * quick edits do not make it flicker. */
  if (anneal_stats_table_get_updating (table))
    {
      if (self->stats_spinner_source == 0 &&
          !gtk_widget_get_visible (GTK_WIDGET (self->stats_updating_label)))
        self->stats_spinner_source = g_timeout_add (STATS_SPINNER_DELAY_MS,
                                                    show_stats_spinner_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->stats_spinner_source, g_source_remove);
      g_clear_handle_id (&self->stats_spinner_stop_source, g_source_remove);
      gtk_spinner_stop (self->stats_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->stats_spinner), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->stats_updating_label), FALSE);
    }
}

static void update_pitfalls (AnnealWindow *self);

static void
on_chart_changed (AnnealWindow *self)
{
  /* Before the next frame is drawn, so that the table follows the chart. */
  if (self->stats_source == 0)
    self->stats_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_stats_cb, self, NULL);

  update_pitfalls (self);
  _anneal_window_update_actions (self);
}

/* The series list */

static int
row_index (GtkWidget *row)
{
  return gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
}

/* The pitfalls found for a schedule over n epochs, kept while a series shows it: the
 * rows and the panel follow every change of the chart (a title typed, the log scale,
 * another series selected), and looking again costs up to milliseconds a series
 * (restarts with t_mul = 1.0001 over 10^15 epochs) — for 50 series a third of a
 * second on the main loop at each key. */
typedef struct
{
  gint64        n;
  gboolean      per_step;
  guint         sweep;     /* the last update_pitfalls() that asked for it */
  GPtrArray    *pitfalls;  /* NULL while they are looked for: */
  GCancellable *job;       /* in a worker thread */
} PitfallsFound;

/* Up to this many epochs (or steps) a run's pitfalls are looked for on the spot,
 * there for the frame the edit draws; beyond, in a worker thread. The search is
 * bounded per stage whatever the run (4096 pieces at each end), but a sequence of 64
 * waves over 10^15 epochs takes 90 ms, and 50 of them held the main loop 4.4 s while
 * their document opened. Over 1024 epochs a stage costs at most some 1024 values. */
#define PITFALLS_AT_ONCE 1024

static void
pitfalls_found_free (gpointer data)
{
  PitfallsFound *found = data;

  if (found->job != NULL)
    g_cancellable_cancel (found->job);
  g_clear_object (&found->job);
  g_clear_pointer (&found->pitfalls, g_ptr_array_unref);
  g_free (found);
}

typedef struct
{
  AnnealSchedule *schedule;
  gint64          n;
  gboolean        per_step;
  GPtrArray      *pitfalls;
} PitfallsWork;

static void
pitfalls_work_free (gpointer data)
{
  PitfallsWork *work = data;

  g_clear_pointer (&work->schedule, anneal_schedule_unref);
  g_clear_pointer (&work->pitfalls, g_ptr_array_unref);
  g_free (work);
}

/* a per-step series' t counts steps, and so do its explanations */
static GPtrArray *
find_pitfalls (AnnealSchedule *schedule,
               gint64          n,
               gboolean        per_step)
{
  return per_step ? anneal_schedule_find_pitfalls_per_step (schedule, n)
                  : anneal_schedule_find_pitfalls (schedule, n);
}

static void
find_pitfalls_in_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  PitfallsWork *work = task_data;

  work->pitfalls = find_pitfalls (work->schedule, work->n, work->per_step);
  g_task_return_boolean (task, TRUE);
}

static gboolean
pitfalls_arrived_cb (gpointer data)
{
  AnnealWindow *self = data;

  self->pitfalls_source = 0;
  update_pitfalls (self);
  return G_SOURCE_REMOVE;
}

static void
on_pitfalls_found (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  AnnealWindow *self = ANNEAL_WINDOW (object);
  PitfallsWork *work = g_task_get_task_data (G_TASK (result));
  PitfallsFound *found;

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;  /* cancelled: no series shows that schedule over that run any more */
  found = g_hash_table_lookup (self->pitfalls_found, work->schedule);
  if (found == NULL || found->job != g_task_get_cancellable (G_TASK (result)))
    return;
  g_clear_object (&found->job);
  found->pitfalls = g_steal_pointer (&work->pitfalls);
  /* those that arrive together are shown together, before the next frame */
  if (self->pitfalls_source == 0)
    self->pitfalls_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, pitfalls_arrived_cb,
                                             self, NULL);
}

static void
start_pitfalls_job (AnnealWindow   *self,
                    AnnealSchedule *schedule,
                    PitfallsFound  *found)
{
  g_autoptr(GTask) task = NULL;
  PitfallsWork *work = g_new0 (PitfallsWork, 1);

  work->schedule = anneal_schedule_ref (schedule);
  work->n = found->n;
  work->per_step = found->per_step;
  found->job = g_cancellable_new ();
  task = g_task_new (self, found->job, on_pitfalls_found, NULL);
  g_task_set_source_tag (task, start_pitfalls_job);
  g_task_set_task_data (task, work, pitfalls_work_free);
  anneal_worker_run (task, find_pitfalls_in_thread, ANNEAL_WORKER_PITFALLS);
}

/* Pitfalls (anneal-pitfalls.h): over the run as the series is stepped, n epochs or
 * n·K steps; *steps_per_unit: K for a series stepped per step, else 1. NULL while
 * they are looked for in a worker thread: update_pitfalls() runs again when they
 * are found. */
static GPtrArray *
series_pitfalls (AnnealWindow *self,
                 guint         index,
                 gint64       *steps_per_unit)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  AnnealSchedule *schedule = anneal_chart_get_series_schedule (chart, index);
  gint64 n = anneal_chart_get_epochs (chart);
  gint64 k = 1;
  PitfallsFound *found;
  gboolean per_step = anneal_chart_get_series_unit (chart, index) == ANNEAL_CHART_UNIT_STEP;

  if (per_step)
    k = anneal_chart_get_steps_per_epoch (chart);
  if (steps_per_unit != NULL)
    *steps_per_unit = k;
  n = k > 0 && n <= ANNEAL_EPOCH_MAX / k ? n * k : ANNEAL_EPOCH_MAX;
  n = MAX (n, 1);

  /* Schedules do not change: the same one over the same run has the same pitfalls. */
  found = g_hash_table_lookup (self->pitfalls_found, schedule);
  if (found == NULL || found->n != n || found->per_step != per_step)
    {
      found = g_new0 (PitfallsFound, 1);
      found->n = n;
      found->per_step = per_step;
      g_hash_table_replace (self->pitfalls_found, anneal_schedule_ref (schedule), found);
      if (n <= PITFALLS_AT_ONCE)
        found->pitfalls = find_pitfalls (schedule, n, per_step);
      else
        start_pitfalls_job (self, schedule, found);
    }
  found->sweep = self->pitfalls_sweep;
  return found->pitfalls != NULL ? g_ptr_array_ref (found->pitfalls) : NULL;
}

static gboolean
pitfalls_found_stale (gpointer key,
                      gpointer value,
                      gpointer user_data)
{
  PitfallsFound *found = value;

  return found->sweep != GPOINTER_TO_UINT (user_data);
}

/* The warning icon of each row and the explanations in the panel, after any change. */
static void
update_pitfalls (AnnealWindow *self)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  guint n = anneal_chart_get_n_series (chart);

  /* what this sweep does not ask for is no series' any more */
  self->pitfalls_sweep++;
  for (guint i = 0; i < n; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->series_list, i);
      g_autoptr(GPtrArray) pitfalls = NULL;
      gint64 k = 1;

      if ((row == NULL || !ANNEAL_IS_SERIES_ROW (row)) && (int) i != self->selected)
        continue;
      pitfalls = series_pitfalls (self, i, &k);
      /* While they are looked for, a row keeps its icon and the panel what it shows
       * of the same series (a moment, as the statistics keep their numbers); the
       * panel shows none rather than another series'. */
      if (pitfalls != NULL && row != NULL && ANNEAL_IS_SERIES_ROW (row))
        anneal_series_row_set_pitfalls (ANNEAL_SERIES_ROW (row), pitfalls);
      if ((int) i == self->selected &&
          (pitfalls != NULL || self->pitfalls_shown_for != self->selected))
        {
          anneal_param_panel_set_pitfalls (self->param_panel, pitfalls, k,
                                           anneal_chart_get_series_unit (chart, i)
                                             == ANNEAL_CHART_UNIT_STEP);
          self->pitfalls_shown_for = self->selected;
        }
    }
  if (self->selected < 0 || (guint) self->selected >= n)
    {
      anneal_param_panel_set_pitfalls (self->param_panel, NULL, 1, FALSE);
      self->pitfalls_shown_for = -1;
    }
  g_hash_table_foreach_remove (self->pitfalls_found, pitfalls_found_stale,
                               GUINT_TO_POINTER (self->pitfalls_sweep));
}

static void
on_pitfall_fix (AnnealWindow     *self,
                guint             stage,
                const char       *param,
                const char       *value,
                gint64            epochs,
                AnnealParamPanel *panel)
{
  AnnealSchedule *current = _anneal_window_get_selected_schedule (self);

  if (current == NULL)
    return;
  if (epochs > 0)
    {
      /* on_epochs_changed applies it as if typed. */
      gtk_spin_button_set_value (self->epochs_spin, (double) epochs);
      return;
    }
  if (param != NULL && value != NULL && stage < anneal_schedule_get_n_stages (current))
    {
      g_autoptr(AnnealSchedule) schedule = NULL;

      schedule = anneal_schedule_with_param (current, stage, param, value, NULL);
      if (schedule == NULL)
        return;
      _anneal_window_apply_schedule (self, schedule, TRUE);
      _anneal_window_commit (self);
    }
}

static void
update_row (AnnealWindow *self,
            guint         index)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->series_list, index);
  g_autofree char *spec = NULL;

  if (row == NULL || !ANNEAL_IS_SERIES_ROW (row))
    return;

  spec = anneal_schedule_to_string (anneal_chart_get_series_schedule (chart, index));
  anneal_series_row_update (ANNEAL_SERIES_ROW (row),
                            anneal_chart_get_series_label (chart, index),
                            spec,
                            anneal_chart_get_series_color (chart, index),
                            anneal_chart_get_series_dash (chart, index),
                            anneal_chart_get_series_visible (chart, index));
  /* The row shows the label and the spec on one line each, cut short when long: the
   * tooltip has both in full. */
  {
    g_autofree char *tooltip = g_markup_printf_escaped ("<b>%s</b>\n%s",
                                                        anneal_chart_get_series_label (chart, index),
                                                        spec);

    anneal_widget_set_tooltip_markup (GTK_WIDGET (row), tooltip);
  }
  {
    g_autoptr(GPtrArray) pitfalls = series_pitfalls (self, index, NULL);

    if (pitfalls != NULL)
      anneal_series_row_set_pitfalls (ANNEAL_SERIES_ROW (row), pitfalls);
  }
}

static void
on_row_color_chosen (AnnealWindow    *self,
                     guint            rgb,
                     AnnealSeriesRow *row)
{
  int index = row_index (GTK_WIDGET (row));

  anneal_chart_set_series_color (anneal_document_get_chart (self->document), index, rgb);
  update_row (self, index);
  _anneal_window_commit (self);
}

static void
on_row_dash_chosen (AnnealWindow    *self,
                    guint            dash,
                    AnnealSeriesRow *row)
{
  int index = row_index (GTK_WIDGET (row));

  anneal_chart_set_series_dash (anneal_document_get_chart (self->document), index, dash);
  update_row (self, index);
  _anneal_window_commit (self);
}

static void
on_row_visibility_toggled (AnnealWindow    *self,
                           gboolean         visible,
                           AnnealSeriesRow *row)
{
  int index = row_index (GTK_WIDGET (row));

  anneal_chart_set_series_visible (anneal_document_get_chart (self->document), index, visible);
  update_row (self, index);
  _anneal_window_commit (self);
}

/* @text cut to TEXT_MAX_CHARS characters, between two (not within an emoji sequence
 * or before an accent: a family of four was saved as three and a joiner), or NULL
 * when it is short enough. */
static char *
bound_text (const char *text)
{
  if (text == NULL || strlen (text) <= TEXT_MAX_CHARS)
    return NULL;
  if (g_utf8_strlen (text, 4 * TEXT_MAX_CHARS + 4) <= TEXT_MAX_CHARS)
    return NULL;

  return g_strndup (text, anneal_text_cluster_prefix (text, TEXT_MAX_CHARS));
}

/* A document's title and labels within the bound; says so when one was cut. */
static void
bound_document_texts (AnnealWindow *self)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  g_autofree char *title = bound_text (anneal_chart_get_title (chart));
  gboolean cut = title != NULL;

  if (title != NULL)
    anneal_chart_set_title (chart, title);

  for (guint i = 0; i < anneal_chart_get_n_series (chart); i++)
    {
      g_autofree char *label = bound_text (anneal_chart_get_series_label (chart, i));

      if (label != NULL)
        {
          anneal_chart_set_series_label (chart, i, label);
          cut = TRUE;
        }
    }

  if (cut)
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("Titles and labels are cut to %d character",
                                   "Titles and labels are cut to %d characters",
                                   TEXT_MAX_CHARS), TEXT_MAX_CHARS);

      _anneal_window_toast (self, message);
    }
}

/* The header's Epochs and the steps per epoch show the chart's, each up to what the
 * other leaves of N·K ≤ 10^15 (a spin button holds a typed value at its bounds, where
 * the chart would cut the steps to fit), each as wide as its number where there is
 * room (its natural width) and as narrow as the template's in a narrow window. */
static void
sync_run_length (AnnealWindow *self)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  gint64 n = anneal_chart_get_epochs (chart);
  gint64 k = anneal_chart_get_steps_per_epoch (chart);
  GtkSpinButton *spins[] = { self->epochs_spin, self->steps_spin };
  gint64 values[] = { n, k };
  gint64 others[] = { k, n };

  self->updating++;
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      char digits[24];

      gtk_spin_button_set_range (spins[i], 1, (double) (ANNEAL_EPOCH_MAX / others[i]));
      gtk_spin_button_set_value (spins[i], (double) values[i]);
      gtk_editable_set_max_width_chars (GTK_EDITABLE (spins[i]),
                                        g_snprintf (digits, sizeof digits,
                                                    "%" G_GINT64_FORMAT, values[i]));
    }
  self->updating--;
}

void
_anneal_window_rebuild (AnnealWindow *self)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  const char *title = anneal_chart_get_title (chart);
  GtkWidget *child;
  GAction *action;
  guint n;

  bound_document_texts (self);
  title = anneal_chart_get_title (chart);

  self->updating++;

  /* The rows there are show the series at their place, more are made or the rest
   * let go: an undo in a document of 1000 series made 1000 rows again, seconds on
   * the main loop each time. A row shown what it shows already changes nothing. */
  n = anneal_chart_get_n_series (chart);
  while ((child = GTK_WIDGET (gtk_list_box_get_row_at_index (self->series_list, n))) != NULL)
    gtk_list_box_remove (self->series_list, child);
  for (guint i = 0; i < n; i++)
    {
      if (gtk_list_box_get_row_at_index (self->series_list, i) == NULL)
        {
          GtkWidget *row = anneal_series_row_new ();

          g_signal_connect_swapped (row, "color-chosen", G_CALLBACK (on_row_color_chosen), self);
          g_signal_connect_swapped (row, "dash-chosen", G_CALLBACK (on_row_dash_chosen), self);
          g_signal_connect_swapped (row, "visibility-toggled",
                                    G_CALLBACK (on_row_visibility_toggled), self);
          gtk_list_box_append (self->series_list, row);
        }
      update_row (self, i);
    }

  sync_run_length (self);
  adw_combo_row_set_selected (self->x_axis_row,
                              anneal_chart_get_x_unit (chart) == ANNEAL_CHART_UNIT_STEP);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->title_row)), title ? title : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->title_row), title ? title : "");

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "log-y");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_boolean (anneal_chart_get_log_y (chart)));

  self->updating--;

  if (self->selected >= (int) n)
    self->selected = (int) n - 1;
  if (self->selected < 0 && n > 0)
    self->selected = 0;

  _anneal_window_select (self, self->selected);
  on_chart_changed (self);
}

void
_anneal_window_select (AnnealWindow *self,
                       int           index)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  int n = (int) anneal_chart_get_n_series (chart);

  if (index >= n)
    index = n - 1;

  if (index != self->selected)
    self->stage = 0;
  self->selected = index;

  self->updating++;
  if (index >= 0)
    gtk_list_box_select_row (self->series_list,
                             gtk_list_box_get_row_at_index (self->series_list, index));
  else
    gtk_list_box_unselect_all (self->series_list);
  self->updating--;

  sync_selected (self);
}

static void
on_series_selected (AnnealWindow  *self,
                    GtkListBoxRow *row)
{
  int index;

  if (self->updating > 0)
    return;

  index = row ? gtk_list_box_row_get_index (row) : -1;
  if (index == self->selected)
    return;

  /* Leaving a series: its pending text edits become one undo step. */
  if (self->commit_source != 0)
    _anneal_window_commit (self);

  self->stage = 0;
  self->selected = index;
  sync_selected (self);
}

/* The arrow keys move the series list's cursor (the focus), not the selection, as Tab
 * does (see anneal_series_row_focus()): Enter, Space or a click selects. */
static void
on_series_move_cursor (GtkListBox      *list,
                       GtkMovementStep  step,
                       int              count,
                       gboolean         extend,
                       gboolean         modify)
{
  if (modify)
    return;

  g_signal_stop_emission_by_name (list, "move-cursor");
  g_signal_emit_by_name (list, "move-cursor", step, count, FALSE, TRUE);
}

/* The selected series: label, spec text, stages, parameters */

static void
clear_spec_error (AnnealWindow *self)
{
  self->spec_valid = TRUE;
  self->spec_error_column = 0;
  gtk_widget_remove_css_class (GTK_WIDGET (self->spec_entry), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->spec_error_label), FALSE);
  gtk_label_set_text (self->spec_error_label, "");
  gtk_entry_set_attributes (self->spec_entry, NULL);
  gtk_accessible_reset_state (GTK_ACCESSIBLE (self->spec_entry), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
show_spec_error (AnnealWindow *self,
                 const char   *message,
                 guint         column)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->spec_entry));
  glong length = g_utf8_strlen (text, -1);

  self->spec_valid = FALSE;
  self->spec_error_column = column;
  gtk_widget_add_css_class (GTK_WIDGET (self->spec_entry), "error");
  gtk_label_set_text (self->spec_error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->spec_error_label), TRUE);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->spec_entry),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);

  /* Underline from the offending column to the end of the text. */
  if (column > 0 && length > 0)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      PangoAttribute *attr;
      glong start = MIN ((glong) column - 1, length - 1);

      attr = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
      attr->start_index = g_utf8_offset_to_pointer (text, start) - text;
      attr->end_index = strlen (text);
      pango_attr_list_insert (attrs, attr);
      gtk_entry_set_attributes (self->spec_entry, attrs);
      pango_attr_list_unref (attrs);
    }
}

static void
set_entry_text (AnnealWindow *self,
                const char   *text)
{
  self->updating++;
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->spec_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->spec_entry), text);
  clear_spec_error (self);
  self->updating--;
}

static void
update_stage_model (AnnealWindow   *self,
                    AnnealSchedule *schedule)
{
  guint n = schedule ? anneal_schedule_get_n_stages (schedule) : 0;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->stage_model));

  for (guint i = 0; i < n; i++)
    {
      const AnnealKind *kind = anneal_schedule_get_kind (schedule, i);

      if (i + 1 < n)
        {
          gint64 length = anneal_schedule_get_stage_length (schedule, i);
          char number[32];

          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, length);
          /* Translators: a stage of a sequence: number, kind, length, e.g. "1. linear, 5 epochs" */
          g_ptr_array_add (items,
                           g_strdup_printf (ngettext ("%u. %s, %s epoch", "%u. %s, %s epochs",
                                                      (gulong) length),
                                            i + 1, anneal_kind_get_name (kind), number));
        }
      else
        /* Translators: the last stage of a sequence, e.g. "2. cosine, to the end" */
        g_ptr_array_add (items, g_strdup_printf (_("%u. %s, to the end"), i + 1,
                                                 anneal_kind_get_name (kind)));
    }
  g_ptr_array_add (items, NULL);

  self->updating++;
  gtk_string_list_splice (self->stage_model, 0, old_n, (const char * const *) items->pdata);
  if (self->stage >= MAX (n, 1))
    self->stage = n > 0 ? n - 1 : 0;
  adw_combo_row_set_selected (self->stage_row, self->stage);
  gtk_widget_set_visible (GTK_WIDGET (self->stage_row), n > 1);
  self->updating--;
}

static void
sync_selected (AnnealWindow *self)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  AnnealSchedule *schedule = _anneal_window_get_selected_schedule (self);

  self->updating++;

  gtk_widget_set_visible (self->schedule_group, schedule != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->param_panel), schedule != NULL);

  if (schedule != NULL)
    {
      g_autofree char *spec = anneal_schedule_to_string (schedule);
      const char *label = anneal_chart_get_series_label (chart, self->selected);

      if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->label_row)), label) != 0)
        gtk_editable_set_text (GTK_EDITABLE (self->label_row), label);
      set_entry_text (self, spec);
      update_stage_model (self, schedule);
      adw_combo_row_set_selected (self->unit_row,
                                  anneal_chart_get_series_unit (chart, self->selected)
                                    == ANNEAL_CHART_UNIT_STEP);
      anneal_param_panel_set_schedule (self->param_panel, schedule, self->stage);
    }
  else
    {
      anneal_param_panel_set_schedule (self->param_panel, NULL, 0);
      update_stage_model (self, NULL);
    }
  update_pitfalls (self);

  self->updating--;

  _anneal_window_update_actions (self);
}

void
_anneal_window_apply_schedule (AnnealWindow   *self,
                               AnnealSchedule *schedule,
                               gboolean        update_text)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);

  g_return_if_fail (self->selected >= 0);

  anneal_chart_set_series_schedule (chart, self->selected, schedule);
  update_row (self, self->selected);
  update_stage_model (self, schedule);
  anneal_param_panel_set_schedule (self->param_panel, schedule, self->stage);

  if (update_text)
    {
      g_autofree char *spec = anneal_schedule_to_string (schedule);

      set_entry_text (self, spec);
    }

  _anneal_window_update_actions (self);
}

static void
on_param_changed (AnnealWindow     *self,
                  const char       *name,
                  const char       *value,
                  AnnealParamPanel *panel)
{
  AnnealSchedule *current = _anneal_window_get_selected_schedule (self);
  g_autoptr(AnnealSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;

  if (self->updating > 0 || current == NULL)
    return;

  schedule = anneal_schedule_with_param (current, self->stage, name, value, &error);
  if (schedule == NULL)
    {
      anneal_param_panel_set_invalid (panel, name, error->message);
      return;
    }

  anneal_param_panel_set_invalid (panel, name, NULL);
  _anneal_window_apply_schedule (self, schedule, TRUE);
  _anneal_window_commit_later (self);
}

void
_anneal_window_set_spec_text (AnnealWindow *self,
                              const char   *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->spec_entry), text);
}

/* The 1-based character column in @text of @line, @column (1-based, characters). */
static guint
text_column (const char *text,
             guint       line,
             guint       column)
{
  const char *p = text;

  if (line == 0 || column == 0)
    return 0;
  for (guint i = 1; i < line && p != NULL; i++)
    {
      p = strchr (p, '\n');
      if (p != NULL)
        p++;
    }
  if (p == NULL)
    return 0;

  return (guint) g_utf8_pointer_to_offset (text, p) + column;
}

/* Training code in the spec entry: the schedule it builds becomes the series,
 * labelled by the call. When it cannot be read, its error is shown (marked like a
 * spec error) if @looks_like_code, and FALSE returned otherwise. */
static gboolean
take_code (AnnealWindow *self,
           const char   *text,
           gboolean      looks_like_code)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  g_autoptr(AnnealImport) import = NULL;
  g_autoptr(AnnealSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  guint line = 0, column = 0;
  const char *label;

  import = _anneal_window_import (self, text, -1, &line, &column, &error);
  if (import != NULL)
    schedule = anneal_schedule_parse (import->spec, NULL, &error);
  if (schedule == NULL)
    {
      if (!looks_like_code)
        return FALSE;
      show_spec_error (self, error->message, text_column (text, line, column));
      return TRUE;
    }

  /* Hugging Face, Keras and optax step their schedules per optimizer step. */
  label = _(import->label);
  anneal_chart_set_series_label (chart, self->selected, label);
  anneal_chart_set_series_unit (chart, self->selected,
                                import->per_step ? ANNEAL_CHART_UNIT_STEP : ANNEAL_CHART_UNIT_EPOCH);
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self->label_row), label);
  adw_combo_row_set_selected (self->unit_row, import->per_step ? 1 : 0);
  self->updating--;
  self->stage = 0;
  _anneal_window_apply_schedule (self, schedule, TRUE);
  _anneal_window_commit (self);

  return TRUE;
}

/* Whether @text surely fits @available pixels in @widget's font, told without laying
 * it out (which, as the window is built, loads the font first): a character is at
 * most an em wide, counted as 1.25 em to be safe, and as 2.5 em where it is not
 * ASCII (wide and emoji glyphs, or another font's). */
static gboolean
surely_fits (GtkWidget  *widget,
             const char *text,
             int         available)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double em, dpi = pango_cairo_context_get_resolution (context), width = 0;

  if (font == NULL || pango_font_description_get_size (font) <= 0)
    return FALSE;
  em = (double) pango_font_description_get_size (font) / PANGO_SCALE;
  if (!pango_font_description_get_size_is_absolute (font))
    em *= (dpi > 0 ? dpi : 96) / 72;
  for (const char *p = text; *p != '\0' && width <= available; p = g_utf8_next_char (p))
    width += ((guchar) *p < 0x80 ? 1.25 : 2.5) * em;
  return width <= available;
}

/* The longest run of characters without a space that the spec's wrapped views break
 * between words: Pango breaks a longer word character by character in time
 * quadratic in its length (16,000 characters took 0.27 s a layout, and a label is
 * laid out several times; a pasted 200 KB word froze the window), so a spec with
 * one is wrapped at any character instead, in linear time. */
#define SPEC_WORD_MAX 64

static gboolean
has_long_word (const char *text)
{
  guint run = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      run = g_unichar_isspace (g_utf8_get_char (p)) ? 0 : run + 1;
      if (run > SPEC_WORD_MAX)
        return TRUE;
    }
  return FALSE;
}

static gboolean
more_characters_than (const char *text,
                      int         n)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (n-- == 0)
      return TRUE;
  return FALSE;
}

/* A spec longer than the entry scrolls out of sight: its tooltip shows it whole, a
 * stage on each line, instead of the help. NULL when it fits. Past the longest spec
 * there is (which the parser refuses, saying so), only that much of it, and "…". */
char *
_anneal_window_dup_spec_tooltip (AnnealWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->spec_entry));
  GtkWidget *entry = GTK_WIDGET (self->spec_entry);
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *bounded = NULL;
  g_auto(GStrv) stages = NULL;
  int width = 0, available;
  gsize length;

  if (text[0] == '\0')
    return NULL;

  /* less the entry's padding on both sides; before it is laid out, the width it
   * takes in the sidebar (340 pixels, less the margins) */
  available = (gtk_widget_get_width (entry) > 0 ? gtk_widget_get_width (entry) : 316) - 24;
  if (surely_fits (entry, text, available))
    return NULL;
  /* more characters than pixels does not fit either (glyphs narrower than a pixel
   * are zero-width marks): no layout of a pasted megabyte */
  if (!more_characters_than (text, available))
    {
      layout = gtk_widget_create_pango_layout (entry, text);
      pango_layout_get_pixel_size (layout, &width, NULL);
      if (width <= available)
        return NULL;
    }

  length = strlen (text);
  if (length > ANNEAL_SPEC_MAX_LENGTH)
    {
      const char *end = g_utf8_find_prev_char (text, text + ANNEAL_SPEC_MAX_LENGTH + 1);

      bounded = g_strdup_printf ("%.*s…", (int) (end - text), text);
      text = bounded;
    }
  stages = g_strsplit (text, "->", -1);
  for (guint i = 0; stages[i] != NULL; i++)
    g_strstrip (stages[i]);

  return g_strjoinv ("\n-> ", stages);
}

static gboolean
on_spec_query_tooltip (AnnealWindow *self,
                       int           x,
                       int           y,
                       gboolean      keyboard,
                       GtkTooltip   *tooltip)
{
  g_autofree char *whole = _anneal_window_dup_spec_tooltip (self);

  /* the help, from the template; a spec with a long word is shown below the entry
   * only (a tooltip's label breaks words, in quadratic time) */
  if (whole == NULL || has_long_word (whole))
    return FALSE;

  gtk_tooltip_set_text (tooltip, whole);
  return TRUE;
}

/* A spec too long for the entry is shown whole below it too, wrapped, a stage on
 * each line: a long sequence is never out of sight (issue 13). */
static void
update_spec_whole (AnnealWindow *self)
{
  g_autofree char *whole = _anneal_window_dup_spec_tooltip (self);

  gtk_label_set_wrap_mode (self->spec_whole_label,
                           whole != NULL && has_long_word (whole) ? PANGO_WRAP_CHAR
                                                                   : PANGO_WRAP_WORD_CHAR);
  gtk_label_set_text (self->spec_whole_label, whole != NULL ? whole : "");
  gtk_widget_set_visible (GTK_WIDGET (self->spec_whole_label), whole != NULL);
}

static void
on_spec_changed (AnnealWindow *self,
                 GtkEditable  *editable)
{
  AnnealSchedule *current = _anneal_window_get_selected_schedule (self);
  g_autoptr(AnnealSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (editable);
  guint column = 0;

  if (self->updating > 0 || current == NULL)
    return;

  schedule = anneal_schedule_parse (text, &column, &error);
  if (schedule == NULL)
    {
      /* Not a spec: training code ("StepLR(opt, 30)", a script) is read as such;
       * its own errors are shown when the text looks like code. Otherwise the chart
       * keeps the last valid schedule. */
      if (!take_code (self, text, anneal_import_looks_like_code (text)))
        show_spec_error (self, error->message, column);
      return;
    }

  self->updating++;
  clear_spec_error (self);
  self->updating--;

  if (!anneal_schedule_equal (schedule, current))
    {
      _anneal_window_apply_schedule (self, schedule, FALSE);
      _anneal_window_commit_later (self);
    }
}

static void
on_spec_activated (AnnealWindow *self,
                   GtkEntry     *entry)
{
  AnnealSchedule *current = _anneal_window_get_selected_schedule (self);

  if (current == NULL)
    return;

  if (!self->spec_valid)
    {
      /* Put the cursor where the library says the text goes wrong. */
      gtk_widget_grab_focus (GTK_WIDGET (entry));
      if (self->spec_error_column > 0)
        gtk_editable_set_position (GTK_EDITABLE (entry), (int) self->spec_error_column - 1);
      gtk_widget_error_bell (GTK_WIDGET (entry));
      return;
    }

  /* Show the canonical text and make the edit one undo step now. */
  {
    g_autofree char *spec = anneal_schedule_to_string (current);

    set_entry_text (self, spec);
    gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  }
  _anneal_window_commit (self);
}

static void
on_stage_selected (AnnealWindow *self,
                   GParamSpec   *pspec,
                   AdwComboRow  *row)
{
  AnnealSchedule *schedule = _anneal_window_get_selected_schedule (self);
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || schedule == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;

  self->stage = selected;
  anneal_param_panel_set_schedule (self->param_panel, schedule, self->stage);
  _anneal_window_update_actions (self);
}

static void
on_label_changed (AnnealWindow *self,
                  GtkEditable  *editable)
{
  g_autofree char *bounded = NULL;

  if (self->updating > 0 || self->selected < 0)
    return;

  bounded = bound_text (gtk_editable_get_text (editable));
  anneal_chart_set_series_label (anneal_document_get_chart (self->document), self->selected,
                                 bounded ? bounded : gtk_editable_get_text (editable));
  if (bounded != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The label was cut to its first %d characters"), TEXT_MAX_CHARS);

      self->updating++;
      gtk_editable_set_text (editable, bounded);
      self->updating--;
      _anneal_window_toast (self, message);
    }
  update_row (self, self->selected);
  _anneal_window_commit_later (self);
}

static void
on_label_activated (AnnealWindow *self,
                    AdwEntryRow  *row)
{
  _anneal_window_commit (self);
}

static void
on_title_changed (AnnealWindow *self,
                  GtkEditable  *editable)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *bounded = NULL;

  if (self->updating > 0)
    return;

  bounded = bound_text (text);
  if (bounded != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The title was cut to its first %d characters"), TEXT_MAX_CHARS);

      self->updating++;
      gtk_editable_set_text (editable, bounded);
      self->updating--;
      text = gtk_editable_get_text (editable);
      _anneal_window_toast (self, message);
    }

  anneal_chart_set_title (anneal_document_get_chart (self->document), text[0] ? text : NULL);
  _anneal_window_commit_later (self);
}

static void
on_epochs_changed (AnnealWindow  *self,
                   GtkSpinButton *spin)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  gint64 n = (gint64) gtk_spin_button_get_value (spin);

  if (self->updating > 0 || n == anneal_chart_get_epochs (chart))
    return;

  anneal_chart_set_epochs (chart, n);
  anneal_chart_reset_view (chart);
  sync_run_length (self);
  _anneal_window_commit_later (self);
}

/* The Epochs field in a window too narrow for its number showed its first digits
 * (10^15 as "1000000", a million): there it shows the number in short exact form,
 * "1e15", "2.5e9", or marked as rounded, "≈1.2e14" (the whole number in its tooltip).
 * Numbers of up to six digits, and any where there is room, are written whole. */
static char *
run_length_text (gint64   n,
                 gboolean squeezed)
{
  gint64 m = n;
  int zeros = 0, digits = 0;

  if (!squeezed || n < 1000000)
    return g_strdup_printf ("%" G_GINT64_FORMAT, n);
  while (m % 10 == 0)
    m /= 10, zeros++;
  for (gint64 d = m; d > 0; d /= 10)
    digits++;
  if (digits <= 3)
    {
      /* m·10^zeros = m.mmm·10^(zeros + digits − 1), written with no locale */
      char text[8], out[32];
      int len = g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, m);

      if (len == 1)
        g_snprintf (out, sizeof out, "%se%d", text, zeros);
      else
        g_snprintf (out, sizeof out, "%c.%se%d", text[0], text + 1, zeros + digits - 1);
      return g_strdup (out);
    }
  {
    char mantissa[G_ASCII_DTOSTR_BUF_SIZE];
    int exponent = -1;
    double scaled;

    for (gint64 d = n; d > 0; d /= 10)
      exponent++;
    scaled = (double) n / pow (10, exponent);  /* 10^exponent is exact up to 10^22 */

    /* ≈ and two significant digits: 9.96e14 is ≈1e15 written ≈10e14, so at most 9.9 */
    g_ascii_formatd (mantissa, sizeof mantissa, "%.1f", MIN (floor (scaled * 10) / 10, 9.9));
    return g_strdup_printf ("\u2248%se%d", mantissa, exponent);
  }
}

/* The whole number in the Epochs field's tooltip while it is shown short. */
static void
update_epochs_tooltip (AnnealWindow  *self,
                       GtkSpinButton *spin)
{
  gint64 n = (gint64) gtk_spin_button_get_value (spin);
  g_autofree char *shown = run_length_text (n, self->epochs_squeezed);
  g_autofree char *whole = g_strdup_printf ("%" G_GINT64_FORMAT, n);
  g_autofree char *tooltip = NULL;

  if (strcmp (shown, whole) != 0)
    {
      /* Translators: the tooltip of the Epochs field when it is too narrow to show its
       * number whole, e.g. "N = 123456789012345 epochs" */
      tooltip = g_strdup_printf (_("N = %s epochs"), whole);
    }
  anneal_widget_set_tooltip_text (GTK_WIDGET (spin), tooltip);
}

static gboolean epochs_squeezed (GtkSpinButton *spin);

/* The text the Epochs field shows for its value: whole where it fits. */
static gboolean
on_epochs_output (GtkSpinButton *spin,
                  AnnealWindow  *self)
{
  g_autofree char *text = NULL;

  self->epochs_squeezed = epochs_squeezed (spin);
  text = run_length_text ((gint64) gtk_spin_button_get_value (spin), self->epochs_squeezed);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (spin)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  update_epochs_tooltip (self, spin);
  return TRUE;
}

/* Whether the Epochs field's text part is narrower than its number written whole
 * (what the field's natural width asks for is not a measure of that on every GTK). */
static gboolean
epochs_squeezed (GtkSpinButton *spin)
{
  GtkWidget *text = gtk_widget_get_first_child (GTK_WIDGET (spin));
  g_autofree char *digits = NULL;
  PangoLayout *layout;
  int width;

  while (text != NULL && !GTK_IS_TEXT (text))
    text = gtk_widget_get_next_sibling (text);
  if (text == NULL || gtk_widget_get_width (text) == 0)  /* not laid out yet */
    return FALSE;
  digits = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) gtk_spin_button_get_value (spin));
  layout = gtk_widget_create_pango_layout (text, digits);
  pango_layout_get_pixel_size (layout, &width, NULL);
  g_object_unref (layout);
  return width > gtk_widget_get_width (text);
}

/* The header gave the Epochs field another width: in one too narrow for its number
 * it shows the short form, in a wider one the number whole — unless it is being
 * typed in. */
static void
on_header_child_resized (AnnealWindow *self,
                         GtkWidget    *child)
{
  GtkRoot *root;
  GtkWidget *focus;

  if (self->epochs_spin == NULL || child != GTK_WIDGET (self->epochs_spin))
    return;
  root = gtk_widget_get_root (child);
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || !gtk_widget_is_ancestor (focus, child))
    on_epochs_output (self->epochs_spin, self);
  else
    {
      self->epochs_squeezed = epochs_squeezed (self->epochs_spin);
      update_epochs_tooltip (self, self->epochs_spin);
    }
}

/* The header's Epochs and the steps per epoch read what is typed as every number
 * entry does; other text is refused and the value kept. GTK's own reading took
 * "abc" as 0, held at 1 (a run of 50 epochs became one), and "7/2" as 7. */
static int
on_run_length_input (GtkSpinButton *spin,
                     double        *new_value,
                     AnnealWindow  *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (spin == self->epochs_spin)
    {
      /* the short form shown is the value itself (≈1.2e14 is no number to read) */
      g_autofree char *shown = run_length_text ((gint64) gtk_spin_button_get_value (spin),
                                                self->epochs_squeezed);

      if (strcmp (text, shown) == 0)
        {
          *new_value = gtk_spin_button_get_value (spin);
          return TRUE;
        }
    }
  if (!anneal_number_parse (text, new_value))
    {
      g_autofree char *refusal = anneal_number_refusal (text);
      g_autofree char *markup = g_markup_escape_text (refusal, -1);

      _anneal_window_toast (self, markup);
      /* GTK sets whatever is returned here, error or not: keep the value. */
      *new_value = gtk_spin_button_get_value (spin);
      return GTK_INPUT_ERROR;
    }
  return TRUE;
}

/* Steps and epochs: the steps in an epoch, each series' unit, the x axis' unit */

static void
on_steps_changed (AnnealWindow  *self,
                  GtkSpinButton *spin)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  gint64 k = (gint64) gtk_spin_button_get_value (spin);

  if (self->updating > 0 || k == anneal_chart_get_steps_per_epoch (chart))
    return;

  anneal_chart_set_steps_per_epoch (chart, k);
  sync_run_length (self);
  _anneal_window_commit_later (self);
}

static void
on_unit_selected (AnnealWindow *self,
                  GParamSpec   *pspec,
                  AdwComboRow  *row)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || self->selected < 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  anneal_chart_set_series_unit (chart, self->selected,
                                selected == 1 ? ANNEAL_CHART_UNIT_STEP : ANNEAL_CHART_UNIT_EPOCH);
  _anneal_window_commit (self);
}

static void
on_x_axis_selected (AnnealWindow *self,
                    GParamSpec   *pspec,
                    AdwComboRow  *row)
{
  AnnealChart *chart = anneal_document_get_chart (self->document);
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating > 0 || selected == GTK_INVALID_LIST_POSITION)
    return;

  anneal_chart_set_x_unit (chart,
                           selected == 1 ? ANNEAL_CHART_UNIT_STEP : ANNEAL_CHART_UNIT_EPOCH);
  _anneal_window_commit (self);
  _anneal_window_update_actions (self);
}

/* Adding a series from the catalogue */

static void
on_kind_activated (AnnealWindow  *self,
                   GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "kind");

  gtk_menu_button_popdown (GTK_MENU_BUTTON (self->add_series_button));
  _anneal_window_add_kind (self, name);
}

/* A popover pops up from its button's place on screen. Popped up while the button is
 * not there — in a folded sidebar that is closed or still sliding in, or before a
 * list change is laid out — GTK positions it against no monitor and a negative size
 * ("gdk_monitor_get_geometry: assertion 'GDK_IS_MONITOR (monitor)' failed",
 * "attempt to allocate GtkPopoverContent … with width -45") and it shows beside the
 * window. So it waits, frame by frame, until the button is mapped, laid out, scrolled
 * into view and the sidebar is in place. */
#define CATALOGUE_WAIT_USEC (2 * G_USEC_PER_SEC)

/* Whether the button is inside the part of the sidebar scrolled into view; if not,
 * scrolls it there for a later frame (the popover would point out of the window). */
static gboolean
catalogue_button_in_view (AnnealWindow *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (self->add_series_button,
                                                 GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;
  GtkAdjustment *v;

  if (scroller == NULL)
    return TRUE;
  if (!gtk_widget_compute_bounds (self->add_series_button, scroller, &bounds))
    return FALSE;
  if (bounds.origin.y >= 0 &&
      bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller))
    return TRUE;

  v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (v, gtk_adjustment_get_value (v) + bounds.origin.y - 12);
  return FALSE;
}

static gboolean
catalogue_button_ready (AnnealWindow *self)
{
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t at;

  if (!gtk_widget_get_mapped (self->add_series_button) ||
      gtk_widget_get_width (self->add_series_button) <= 0 ||
      gtk_widget_get_height (self->add_series_button) <= 0 ||
      !catalogue_button_in_view (self))
    return FALSE;

  /* the sidebar has finished sliding in: its left edge is the window's */
  if (!gtk_widget_compute_point (self->sidebar, GTK_WIDGET (self), &origin, &at))
    return FALSE;

  return at.x >= 0;
}

static gboolean
catalogue_tick (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  AnnealWindow *self = ANNEAL_WINDOW (widget);

  if (catalogue_button_ready (self))
    {
      self->catalogue_tick = 0;
      gtk_menu_button_popup (GTK_MENU_BUTTON (self->add_series_button));
      return G_SOURCE_REMOVE;
    }

  if (g_get_monotonic_time () - self->catalogue_since > CATALOGUE_WAIT_USEC)
    {
      self->catalogue_tick = 0;
      return G_SOURCE_REMOVE;  /* the sidebar was closed again meanwhile */
    }

  return G_SOURCE_CONTINUE;
}

void
_anneal_window_show_catalogue (AnnealWindow *self)
{
  g_return_if_fail (ANNEAL_IS_WINDOW (self));

  if (self->catalogue_tick != 0)
    return;

  if (!_anneal_window_get_sidebar_shown (self))
    gtk_toggle_button_set_active (self->sidebar_button, TRUE);

  /* Right away when everything is in place (the common case, and what tests without
   * frames see); otherwise on the frame when it is. */
  if (catalogue_button_ready (self))
    {
      gtk_menu_button_popup (GTK_MENU_BUTTON (self->add_series_button));
      return;
    }
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  self->catalogue_since = g_get_monotonic_time ();
  self->catalogue_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), catalogue_tick,
                                                       NULL, NULL);
}

/* The search matches the name, the summary and where the kind comes from, each word
 * typed anywhere in them ("cos warm" finds sgdr). */
static gboolean
filter_kind (GtkListBoxRow *row,
             gpointer       user_data)
{
  AnnealWindow *self = user_data;
  const char *haystack = g_object_get_data (G_OBJECT (row), "search-text");
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->kinds_search));
  g_autofree char *folded = g_utf8_casefold (query, -1);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t", -1);

  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0' && strstr (haystack, words[i]) == NULL)
      return FALSE;

  return TRUE;
}

static GtkListBoxRow *
first_visible_kind (AnnealWindow *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->kinds_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row) &&
        g_object_get_data (G_OBJECT (row), "kind") != NULL)
      return GTK_LIST_BOX_ROW (row);

  return NULL;
}

static void
on_kinds_search_changed (AnnealWindow *self)
{
  gtk_list_box_invalidate_filter (self->kinds_list);
}

/* Enter in the search adds the first kind that matches. */
static void
on_kinds_search_activate (AnnealWindow *self)
{
  GtkListBoxRow *row = first_visible_kind (self);

  if (row != NULL)
    on_kind_activated (self, row);
}

/* Down from the search goes into the list. */
static gboolean
on_kinds_search_key (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     AnnealWindow          *self)
{
  GtkListBoxRow *row;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;

  row = first_visible_kind (self);
  if (row == NULL)
    return FALSE;

  gtk_widget_grab_focus (GTK_WIDGET (row));
  return TRUE;
}

/* Escape (the search entry's stop-search) clears a search first, as GNOME's search
 * entries do, then closes the catalogue: the entry takes the key before the popover
 * could see it. */
static void
on_kinds_search_stop (AnnealWindow *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->kinds_search)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->kinds_search), "");
  else
    gtk_popover_popdown (GTK_POPOVER (self->kinds_popover));
}

static GtkWidget *kind_row_new (const AnnealKind *kind);

/* The catalogue, centred under its button near the window's right edge, stood out
 * of a narrow window by half its width (135 pixels at 360 × 640): it is moved left
 * to end inside the window, and made narrower where the window is narrower still. */
static void
keep_catalogue_in_window (AnnealWindow *self)
{
  GtkWidget *button = self->add_series_button;
  GtkWidget *content = gtk_popover_get_child (GTK_POPOVER (self->kinds_popover));
  int window_width = gtk_widget_get_width (GTK_WIDGET (self));
  int list_width = MIN (CATALOGUE_WIDTH, window_width - CATALOGUE_MARGIN);
  int natural = 0, shift = 0;
  double x = 0, y = 0;

  gtk_widget_set_size_request (GTK_WIDGET (self->kinds_list), MAX (list_width, 200), -1);
  gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  /* the popover's frame and shadow around its content */
  natural += CATALOGUE_MARGIN / 2;
  if (window_width > 0 &&
      gtk_widget_translate_coordinates (button, GTK_WIDGET (self),
                                        gtk_widget_get_width (button) / 2.0, 0, &x, &y))
    {
      double right = x + natural / 2.0, left = x - natural / 2.0;

      if (right > window_width)
        shift = (int) floor (window_width - right);
      else if (left < 0)
        shift = (int) ceil (-left);
    }
  gtk_popover_set_offset (GTK_POPOVER (self->kinds_popover), shift, 0);
}

/* Each opening starts with an empty search, typed into at once. The rows are made
 * at the first (a widget tree per kind that start-up need not build). */
static void
on_kinds_popover_show (AnnealWindow *self)
{
  if (gtk_list_box_get_row_at_index (self->kinds_list, 0) == NULL)
    {
      guint n = anneal_kind_get_count ();

      for (guint i = 0; i < n; i++)
        gtk_list_box_append (self->kinds_list, kind_row_new (anneal_kind_get_nth (i)));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->kinds_search), "");
  gtk_list_box_invalidate_filter (self->kinds_list);
  gtk_widget_grab_focus (GTK_WIDGET (self->kinds_search));
  keep_catalogue_in_window (self);
}

/* A row of the catalogue: the name, where it comes from (on the same line, cut with
 * an ellipsis when long, in full in the tooltip) and the summary below, wrapped; the
 * row's width never depends on how long the source is. */
static GtkWidget *
kind_row_new (const AnnealKind *kind)
{
  const char *name = anneal_kind_get_name (kind);
  const char *summary = anneal_kind_get_summary (kind);
  const char *origin = anneal_kind_get_origin (kind);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *title = gtk_label_new (name);
  GtkWidget *description = gtk_label_new (summary);
  g_autofree char *search = g_strjoin (" ", name, summary, origin ? origin : "", NULL);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 10);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (line), title);

  if (origin != NULL)
    {
      GtkWidget *source = gtk_label_new (origin);

      gtk_label_set_ellipsize (GTK_LABEL (source), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (source), 28);
      gtk_label_set_xalign (GTK_LABEL (source), 1);
      anneal_widget_set_tooltip_text (source, origin);
      gtk_widget_add_css_class (source, "dim-label");
      gtk_widget_add_css_class (source, "caption");
      gtk_box_append (GTK_BOX (line), source);
    }
  gtk_box_append (GTK_BOX (box), line);

  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (description), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 44);
  gtk_label_set_width_chars (GTK_LABEL (description), 30);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_box_append (GTK_BOX (box), description);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, summary,
                                  -1);
  g_object_set_data (G_OBJECT (row), "kind", (gpointer) name);
  g_object_set_data_full (G_OBJECT (row), "search-text", g_utf8_casefold (search, -1), g_free);

  return row;
}

static void
populate_kinds (AnnealWindow *self)
{
  GtkWidget *placeholder = gtk_label_new (_("No kind matches"));
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_list_box_set_filter_func (self->kinds_list, filter_kind, self, NULL);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 18);
  gtk_widget_set_margin_bottom (placeholder, 18);
  gtk_list_box_set_placeholder (self->kinds_list, placeholder);

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_kinds_search_key), self);
  g_signal_connect_swapped (self->kinds_search, "stop-search", G_CALLBACK (on_kinds_search_stop),
                            self);
  gtk_widget_add_controller (GTK_WIDGET (self->kinds_search), keys);
  gtk_search_entry_set_key_capture_widget (self->kinds_search, self->kinds_popover);
}

static void
populate_presets (AnnealWindow *self)
{
  g_autoptr(GMenu) notebook = g_menu_new ();
  g_autoptr(GMenu) recipes = g_menu_new ();
  guint n = anneal_preset_get_count ();

  for (guint i = 0; i < n; i++)
    {
      const AnnealPreset *preset = anneal_preset_get_nth (i);
      g_autofree char *action = g_strdup_printf ("win.preset::%s", preset->id);

      g_menu_append (preset->recipe ? recipes : notebook, _(preset->title), action);
    }

  g_menu_append_section (self->presets_menu, _("The Notebook’s Figures"), G_MENU_MODEL (notebook));
  g_menu_append_section (self->presets_menu, _("Recipes"), G_MENU_MODEL (recipes));

  /* In the main menu too, for when the header bar is too narrow for its button. */
  g_menu_prepend_submenu (self->view_section, _("_Presets"), G_MENU_MODEL (self->presets_menu));
}

/* Narrow windows */

/* The sidebar and the chart pane of the template are put in a split view here, in C,
 * since the template uses libadwaita 1.2's widgets only: an AdwFlap, which folds by
 * itself when the window is narrower than both minimum widths, or with libadwaita 1.4
 * and later (where AdwFlap is deprecated) an AdwOverlaySplitView, collapsed by a
 * breakpoint at the same width. Either way the sidebar button shows and hides the
 * sidebar. */

#define SIDEBAR_WIDTH 340  /* as in the template */

gboolean
_anneal_window_get_sidebar_folded (AnnealWindow *self)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.4 API, above ADW_VERSION_MAX_ALLOWED */
  return adw_overlay_split_view_get_collapsed (ADW_OVERLAY_SPLIT_VIEW (self->split));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  return adw_flap_get_folded (ADW_FLAP (self->split));
#endif
}

gboolean
_anneal_window_get_sidebar_shown (AnnealWindow *self)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.4 API, above ADW_VERSION_MAX_ALLOWED */
  return adw_overlay_split_view_get_show_sidebar (ADW_OVERLAY_SPLIT_VIEW (self->split));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  return adw_flap_get_reveal_flap (ADW_FLAP (self->split));
#endif
}

static void
on_split_folded (AnnealWindow *self)
{
  /* Folded, the sidebar covers the chart: it opens on demand and starts closed;
   * unfolded, it is shown beside the chart. */
  gtk_toggle_button_set_active (self->sidebar_button, !_anneal_window_get_sidebar_folded (self));
}

static void
build_split (AnnealWindow *self)
{
  g_autoptr(GtkWidget) sidebar = g_object_ref (self->sidebar);
  g_autoptr(GtkWidget) content = g_object_ref (GTK_WIDGET (self->chart_pane));
  const char *shown_property;
  const char *folded_property;

  gtk_box_remove (GTK_BOX (self->split_box), sidebar);
  gtk_box_remove (GTK_BOX (self->split_box), content);

#if ADW_CHECK_VERSION (1, 4, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.4 API, above ADW_VERSION_MAX_ALLOWED */
  {
    AdwOverlaySplitView *split = ADW_OVERLAY_SPLIT_VIEW (adw_overlay_split_view_new ());
    AdwBreakpoint *breakpoint;
    GValue collapsed = G_VALUE_INIT;

    adw_overlay_split_view_set_sidebar (split, sidebar);
    adw_overlay_split_view_set_content (split, content);
    adw_overlay_split_view_set_sidebar_width_unit (split, ADW_LENGTH_UNIT_PX);
    adw_overlay_split_view_set_min_sidebar_width (split, SIDEBAR_WIDTH);
    adw_overlay_split_view_set_max_sidebar_width (split, SIDEBAR_WIDTH);

    breakpoint = adw_breakpoint_new (
      adw_breakpoint_condition_new_length (ADW_BREAKPOINT_CONDITION_MAX_WIDTH,
                                           ANNEAL_WINDOW_FOLD_WIDTH - 1,
                                           ADW_LENGTH_UNIT_PX));
    g_value_init (&collapsed, G_TYPE_BOOLEAN);
    g_value_set_boolean (&collapsed, TRUE);
    adw_breakpoint_add_setter (breakpoint, G_OBJECT (split), "collapsed", &collapsed);
    adw_application_window_add_breakpoint (ADW_APPLICATION_WINDOW (self), breakpoint);

    self->split = GTK_WIDGET (split);
    shown_property = "show-sidebar";
    folded_property = "notify::collapsed";
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  self->split = adw_flap_new ();
  adw_flap_set_flap (ADW_FLAP (self->split), sidebar);
  adw_flap_set_content (ADW_FLAP (self->split), content);
  adw_flap_set_separator (ADW_FLAP (self->split), gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  shown_property = "reveal-flap";
  folded_property = "notify::folded";
#endif

  gtk_widget_set_hexpand (self->split, TRUE);
  gtk_box_append (GTK_BOX (self->split_box), self->split);

  g_object_bind_property (self->sidebar_button, "active", self->split, shown_property,
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_swapped (self->split, folded_property, G_CALLBACK (on_split_folded), self);
}

static gboolean
toggle_sidebar (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  AnnealWindow *self = ANNEAL_WINDOW (widget);

  gtk_toggle_button_set_active (self->sidebar_button,
                                !gtk_toggle_button_get_active (self->sidebar_button));
  return TRUE;
}

/* Closing */

static void
save_window_state (AnnealWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

static gboolean
close_idle (gpointer data)
{
  g_autoptr(AnnealWindow) self = data;

  gtk_window_close (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
close_after_save (AnnealWindow *self)
{
  /* Not from inside the dialog's response: let it go away before its parent. */
  self->close_confirmed = TRUE;
  g_idle_add (close_idle, g_object_ref (self));
}

static void
on_save_before_close (GFile    *file,
                      gpointer  user_data)
{
  g_autoptr(AnnealWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (file == NULL)
    return;

  if (!_anneal_window_save_file (self, file, &error))
    {
      _anneal_window_toast (self, error->message);  /* "Could not write “…”: reason" */
      return;
    }

  close_after_save (self);
}

/* Closing several windows (quitting): one at a time, so that at most one asks about
 * unsaved changes; "Cancel" on any stops the rest. */
static GQueue close_queue = G_QUEUE_INIT;

static void close_next (void);

static gboolean
close_next_idle (gpointer data)
{
  close_next ();
  return G_SOURCE_REMOVE;
}

static void
on_queued_window_destroyed (GtkWidget *window)
{
  g_idle_add (close_next_idle, NULL);
}

static void
close_next (void)
{
  GtkWindow *window;

  while ((window = g_queue_pop_head (&close_queue)) != NULL)
    {
      gboolean alive = gtk_widget_get_visible (GTK_WIDGET (window)) ||
                       gtk_widget_get_realized (GTK_WIDGET (window));

      if (alive)
        {
          g_signal_connect (window, "destroy", G_CALLBACK (on_queued_window_destroyed), NULL);
          gtk_window_close (window);
          g_object_unref (window);
          return;  /* the next one when this one is gone */
        }
      g_object_unref (window);
    }
}

static void
cancel_close_queue (void)
{
  GtkWindow *window;

  while ((window = g_queue_pop_head (&close_queue)) != NULL)
    g_object_unref (window);
}

void
anneal_window_close_in_turn (GList *windows)
{
  cancel_close_queue ();
  for (GList *l = windows; l != NULL; l = l->next)
    g_queue_push_tail (&close_queue, g_object_ref (l->data));
  close_next ();
}

static void
handle_close_response (AnnealWindow *self,
                       const char   *response)
{
  if (g_strcmp0 (response, "cancel") == 0)
    {
      g_signal_handlers_disconnect_by_func (self, on_queued_window_destroyed, NULL);
      cancel_close_queue ();
    }
  else if (g_strcmp0 (response, "discard") == 0)
    close_after_save (self);
  else if (g_strcmp0 (response, "save") == 0)
    {
      GFile *file = anneal_document_get_file (self->document);

      if (file != NULL)
        on_save_before_close (file, g_object_ref (self));
      else
        gtk_widget_activate_action (GTK_WIDGET (self), "win.save-as-then-close", NULL);
    }
}

#if ADW_CHECK_VERSION (1, 5, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.5 API, above ADW_VERSION_MAX_ALLOWED */
static void
on_alert_response (AdwAlertDialog *dialog,
                   const char     *response,
                   AnnealWindow   *self)
{
  handle_close_response (self, response);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static void
on_message_response (AdwMessageDialog *dialog,
                     const char       *response,
                     AnnealWindow     *self)
{
  handle_close_response (self, response);
}
#endif

static gboolean
anneal_window_close_request (GtkWindow *window)
{
  AnnealWindow *self = ANNEAL_WINDOW (window);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  /* Text being typed counts. */
  if (self->commit_source != 0)
    _anneal_window_commit (self);

  if (!self->close_confirmed && anneal_document_get_modified (self->document))
    {
      name = anneal_document_dup_display_name (self->document);
      body = g_strdup_printf (_("“%s” has changes that were not saved. "
                                "Save them before closing?"), name);
#if ADW_CHECK_VERSION (1, 5, 0)
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.5 API, above ADW_VERSION_MAX_ALLOWED */
      {
        AdwDialog *dialog = adw_alert_dialog_new (_("Save Changes?"), body);

        adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                        "cancel", _("_Cancel"),
                                        "discard", _("_Discard"),
                                        "save", _("_Save"),
                                        NULL);
        adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "discard",
                                                  ADW_RESPONSE_DESTRUCTIVE);
        adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "save",
                                                  ADW_RESPONSE_SUGGESTED);
        adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "save");
        adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
        g_signal_connect (dialog, "response", G_CALLBACK (on_alert_response), self);
        g_set_weak_pointer (&self->confirm_dialog, GTK_WIDGET (dialog));
        adw_dialog_present (dialog, GTK_WIDGET (self));
      }
      G_GNUC_END_IGNORE_DEPRECATIONS
#else
      {
        GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Save Changes?"), body);

        adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                          "cancel", _("_Cancel"),
                                          "discard", _("_Discard"),
                                          "save", _("_Save"),
                                          NULL);
        adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                                    ADW_RESPONSE_DESTRUCTIVE);
        adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                                    ADW_RESPONSE_SUGGESTED);
        adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
        adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
        g_signal_connect (dialog, "response", G_CALLBACK (on_message_response), self);
        g_set_weak_pointer (&self->confirm_dialog, dialog);
        gtk_window_present (GTK_WINDOW (dialog));
      }
#endif
      return TRUE;
    }

  save_window_state (self);

  return GTK_WINDOW_CLASS (anneal_window_parent_class)->close_request (window);
}

/* Construction */

static void
on_document_restored (AnnealWindow *self)
{
  _anneal_window_rebuild (self);
}

static void
on_document_notify (AnnealWindow *self)
{
  update_title (self);
  _anneal_window_update_actions (self);
}

AnnealDocument *
anneal_window_get_document (AnnealWindow *self)
{
  g_return_val_if_fail (ANNEAL_IS_WINDOW (self), NULL);
  return self->document;
}

/* The loader's reason without the "The file is damaged: " the body already says:
 * "line 1, column 3: expected a JSON value". */
static char *
open_error_detail (const GError *error)
{
  g_autofree char *damaged = g_strdup_printf (_("The file is damaged: %s"), "");
  const char *detail = error->message;

  if (g_error_matches (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED) &&
      damaged[0] != '\0' && g_str_has_prefix (detail, damaged) && detail[strlen (damaged)] != '\0')
    detail += strlen (damaged);

  return g_strdup (detail);
}

static void
show_open_error (AnnealWindow *self,
                 GFile        *file,
                 const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (name);
  g_autofree char *body = NULL;
  g_autofree char *detail = open_error_detail (error);
  const char *heading;

  /* What is wrong in words in the heading and body, what the loader found below in
   * small print. The file name goes in the body, which wraps: libadwaita 1.7 measures
   * an alert's heading unwrapped at the dialog's width, and a heading wider than the
   * dialog (a long name, or German) makes GTK warn that the label does not fit. */
  if (error->domain == ANNEAL_DOCUMENT_ERROR && error->code == ANNEAL_DOCUMENT_ERROR_DAMAGED)
    {
      heading = _("File Is Damaged");
      /* Translators: a file name */
      body = g_strdup_printf (_("“%s” is damaged: it is not a valid Anneal comparison."),
                              display);
    }
  else if (error->domain == ANNEAL_DOCUMENT_ERROR &&
           error->code == ANNEAL_DOCUMENT_ERROR_FOREIGN)
    {
      heading = _("Not a Comparison");
      /* Translators: a file name */
      body = g_strdup_printf (_("“%s” is not a comparison saved by Anneal."), display);
    }
  else if (error->domain == ANNEAL_DOCUMENT_ERROR &&
           error->code == ANNEAL_DOCUMENT_ERROR_VERSION)
    {
      heading = _("Made by a Newer Anneal");
      /* Translators: a file name */
      body = g_strdup_printf (_("“%s” was saved by a newer version of Anneal. "
                                "Update Anneal to open it."), display);
    }
  else if (error->domain == ANNEAL_DOCUMENT_ERROR &&
           error->code == ANNEAL_DOCUMENT_ERROR_INVALID)
    {
      heading = _("Could Not Open Comparison");
      /* Translators: a file name */
      body = g_strdup_printf (_("“%s” holds a value Anneal does not accept."), display);
    }
  else
    {
      heading = _("Could Not Open File");
      /* Translators: a file name */
      body = g_strdup_printf (_("“%s” could not be read."), display);
    }

  _anneal_window_show_error_detail (self, heading, body, detail);
}

void
anneal_window_open_file (AnnealWindow *self,
                         GFile        *file)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ANNEAL_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!_anneal_window_load_file (self, file, &error))
    show_open_error (self, file, error);
}

void
anneal_window_open_in_new (AnnealApplication *application,
                           AnnealWindow      *parent,
                           GFile             *file)
{
  g_autoptr(GError) error = NULL;
  AnnealWindow *window;

  g_return_if_fail (application == NULL || ANNEAL_IS_APPLICATION (application));
  g_return_if_fail (parent == NULL || ANNEAL_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (file));

  /* Loaded before it is shown: a refused file leaves no empty window behind. */
  window = anneal_window_new (application);
  if (_anneal_window_load_file (window, file, &error))
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (parent != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      gtk_window_present (GTK_WINDOW (parent));
      show_open_error (parent, file, error);
      return;
    }

  /* Nothing else open (the app was started with this file): the window the app would
   * open anyway, with the reason on it. */
  gtk_window_present (GTK_WINDOW (window));
  show_open_error (window, file, error);
}

static void
anneal_window_constructed (GObject *object)
{
  AnnealWindow *self = (AnnealWindow *)object;
  GtkApplication *app;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (anneal_window_parent_class)->constructed (object);

  app = gtk_window_get_application (GTK_WINDOW (self));
  if (ANNEAL_IS_APPLICATION (app))
    g_set_object (&self->settings, anneal_application_get_settings (ANNEAL_APPLICATION (app)));
  else
    self->settings = anneal_settings_new ();

  /* Without settings (no schema), the template's defaults stand. */
  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }

  /* First start: the notebook's comparison, not an empty canvas. */
  if (!_anneal_window_apply_preset (self, ANNEAL_PRESET_DEFAULT, &error))
    g_warning ("The default comparison does not parse: %s", error->message);
  anneal_document_reset_history (self->document);

  update_title (self);
}

/* The statistics of what the window opens with are in its first frame. The idle
 * that follows the chart's changes comes too late for it: GTK draws a window's
 * first frame as the X events of its mapping come in, ahead of idles. Its rows
 * built then made the second frame lay the window out again, with the chart
 * 22 px shorter, drawn a second time. */
static void
anneal_window_map (GtkWidget *widget)
{
  AnnealWindow *self = ANNEAL_WINDOW (widget);

  if (self->stats_source != 0)
    {
      g_clear_handle_id (&self->stats_source, g_source_remove);
      update_stats_cb (self);
    }

  GTK_WIDGET_CLASS (anneal_window_parent_class)->map (widget);
}

static void
anneal_window_dispose (GObject *object)
{
  AnnealWindow *self = (AnnealWindow *)object;

  g_clear_handle_id (&self->commit_source, g_source_remove);
  g_clear_handle_id (&self->stats_source, g_source_remove);
  g_clear_handle_id (&self->stats_spinner_source, g_source_remove);
  g_clear_handle_id (&self->stats_spinner_stop_source, g_source_remove);
  /* the pitfalls being looked for are not wanted any more */
  g_clear_handle_id (&self->pitfalls_source, g_source_remove);
  if (self->pitfalls_found != NULL)
    g_hash_table_remove_all (self->pitfalls_found);
  if (self->catalogue_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->catalogue_tick);
      self->catalogue_tick = 0;
    }
  /* The question may outlive the window (a window of its own before libadwaita 1.5). */
  g_clear_weak_pointer (&self->confirm_dialog);
  if (self->shortcuts_window != NULL)
    gtk_window_destroy (self->shortcuts_window);
  g_clear_weak_pointer (&self->shortcuts_window);

  /* Widgets going away emit signals (a list row unselected …): ignore them. */
  self->updating++;

  if (self->document != NULL)
    {
      g_signal_handlers_disconnect_by_data (anneal_document_get_chart (self->document), self);
      g_signal_handlers_disconnect_by_data (self->document, self);
    }
  if (self->recent != NULL)
    g_signal_handlers_disconnect_by_data (self->recent, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), ANNEAL_TYPE_WINDOW);

  G_OBJECT_CLASS (anneal_window_parent_class)->dispose (object);
}

static void
anneal_window_finalize (GObject *object)
{
  AnnealWindow *self = (AnnealWindow *)object;

  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->pitfalls_found, g_hash_table_unref);

  G_OBJECT_CLASS (anneal_window_parent_class)->finalize (object);
}

static void
anneal_window_class_init (AnnealWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = anneal_window_constructed;
  object_class->dispose = anneal_window_dispose;
  object_class->finalize = anneal_window_finalize;

  widget_class->map = anneal_window_map;
  window_class->close_request = anneal_window_close_request;

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F9, 0, toggle_sidebar, NULL);

  g_type_ensure (ANNEAL_TYPE_CHART_VIEW);
  g_type_ensure (ANNEAL_TYPE_PARAM_PANEL);
  g_type_ensure (ANNEAL_TYPE_PRIORITY_BOX);
  g_type_ensure (ANNEAL_TYPE_STATS_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/annealapp/Anneal/anneal-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, add_series_button);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, chart_view);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, damped_button);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, epochs_spin);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, steps_spin);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, x_axis_row);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, kinds_list);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, kinds_popover);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, kinds_search);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, label_row);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, chart_pane);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, epochs_label);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, split_box);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, header_end);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, header_start);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, header_title);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, log_button);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, presets_button);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, main_menu_button);
  /* Only found by id, for their tooltips: set_template_tooltips() */
  gtk_widget_class_bind_template_child_full (widget_class, "move_up_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "move_down_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "duplicate_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "remove_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "sweep_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "warmup_button", FALSE, 0);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, reset_zoom_button);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, stats_card);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, view_section);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, param_panel);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, presets_menu);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, schedule_group);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, series_list);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, spec_entry);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, spec_error_label);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, spec_whole_label);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, stage_model);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, stage_row);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, stats_caption);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, stats_spinner);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, stats_table);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, stats_updating_label);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, title_row);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AnnealWindow, window_title);
  gtk_widget_class_bind_template_callback (widget_class, on_epochs_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_pitfall_fix);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_kinds_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, on_kinds_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_kinds_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_label_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_label_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_param_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_series_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_spec_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_spec_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stage_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_steps_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_unit_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_x_axis_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_stats_updating);
  gtk_widget_class_bind_template_callback (widget_class, on_title_changed);
}

/* GtkMenuButton's create-popup-func, called each time the menu opens. */
static void
set_menu_when_shown (GtkMenuButton *button,
                     gpointer       menu)
{
  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
}

/* The main menu's, which shows the recent files too */
static void
show_main_menu (GtkMenuButton *button,
                gpointer       data)
{
  AnnealWindow *self = data;

  _anneal_window_get_recent (self);
  set_menu_when_shown (button, self->primary_menu);
}

/* The template's tooltips are set here, not in the template, where GTK would ask
 * the display for the pointer for each of them (see anneal-tooltip.h). The damped
 * twin's button says what it will do: _anneal_window_update_actions(). */
static void
set_template_tooltips (AnnealWindow *self)
{
  static const struct
  {
    const char *id;
    const char *tooltip;
  } tooltips[] = {
    { "sidebar_button", N_("Show Series and Parameters (F9)") },
    { "open_button", N_("Open a Comparison (Ctrl+O)") },
    { "presets_button", N_("The Notebook’s Figures and Common Recipes") },
    { "epochs_spin", N_("Number of Epochs Shown, N") },
    { "log_button", N_("Logarithmic Learning-Rate Axis (Ctrl+L)") },
    { "reset_zoom_button", N_("Reset Zoom (Ctrl+0)") },
    { "export_button", N_("Export Figure or Data (Ctrl+E)") },
    { "main_menu_button", N_("Main Menu") },
    { "add_series_button", N_("Add Series") },
    { "move_up_button", N_("Move Up") },
    { "move_down_button", N_("Move Down") },
    { "duplicate_button", N_("Duplicate (Ctrl+D)") },
    { "remove_button", N_("Remove (Ctrl+Delete)") },
    { "sweep_button", N_("Add a Family of Curves over One Parameter") },
    { "warmup_button", N_("Put a 5-epoch linear warm-up in front of this schedule") },
    { "spec_entry", N_("The schedule as text, e.g. cosine(lr=0.1, t_max=50); join stages "
                       "with ->. Training code pasted here (PyTorch, Hugging Face, Keras, "
                       "timm, optax) becomes its schedule") },
    { "steps_spin", N_("Optimizer Steps in One Epoch") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tooltips); i++)
    {
      GObject *widget = gtk_widget_get_template_child (GTK_WIDGET (self), ANNEAL_TYPE_WINDOW,
                                                       tooltips[i].id);

      g_assert (GTK_IS_WIDGET (widget));
      anneal_widget_set_tooltip_text (GTK_WIDGET (widget), _(tooltips[i].tooltip));
    }
}

static void
anneal_window_init (AnnealWindow *self)
{
  AnnealChart *chart;

  self->selected = -1;
  self->pitfalls_shown_for = -1;
  self->spec_valid = TRUE;
  self->updating++;
  self->pitfalls_found = g_hash_table_new_full (NULL, NULL,
                                                (GDestroyNotify) anneal_schedule_unref,
                                                pitfalls_found_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  set_template_tooltips (self);

  anneal_wheel_scrolls_unless_focused (GTK_WIDGET (self->steps_spin));

  self->document = anneal_document_new ();
  chart = anneal_document_get_chart (self->document);
  anneal_chart_view_set_chart (self->chart_view, chart);

  g_signal_connect_swapped (chart, "changed", G_CALLBACK (on_chart_changed), self);
  g_signal_connect_swapped (self->document, "restored", G_CALLBACK (on_document_restored), self);
  g_signal_connect_swapped (self->document, "notify::modified",
                            G_CALLBACK (on_document_notify), self);
  g_signal_connect_swapped (self->document, "notify::display-name",
                            G_CALLBACK (on_document_notify), self);
  g_signal_connect_swapped (self->document, "notify::can-undo",
                            G_CALLBACK (on_document_notify), self);
  g_signal_connect_swapped (self->document, "notify::can-redo",
                            G_CALLBACK (on_document_notify), self);

  g_signal_connect_swapped (self->spec_entry, "query-tooltip",
                            G_CALLBACK (on_spec_query_tooltip), self);
  g_signal_connect_swapped (self->spec_entry, "changed", G_CALLBACK (update_spec_whole), self);

  /* Ctrl+Z in these goes to the document's history, which holds their edits too. */
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->spec_entry), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->label_row), FALSE);
  gtk_editable_set_enable_undo (GTK_EDITABLE (self->title_row), FALSE);

  g_signal_connect (self->series_list, "move-cursor", G_CALLBACK (on_series_move_cursor), NULL);
  g_signal_connect (self->epochs_spin, "input", G_CALLBACK (on_run_length_input), self);
  g_signal_connect (self->epochs_spin, "output", G_CALLBACK (on_epochs_output), self);
  /* the box may outlive the window by an idle's time: no call after it is gone */
  g_signal_connect_object (self->header_end, "child-resized",
                           G_CALLBACK (on_header_child_resized), self, G_CONNECT_SWAPPED);
  g_signal_connect (self->steps_spin, "input", G_CALLBACK (on_run_length_input), self);

  /* Narrow windows: what gives way first has the highest number (the chart's own
   * controls are in the main menu too, and the statistics give way to the chart). */
  anneal_priority_box_set_priority (self->header_end, self->epochs_label, 5);
  anneal_priority_box_set_priority (self->header_end, self->reset_zoom_button, 4);
  anneal_priority_box_set_priority (self->header_end, self->log_button, 3);
  anneal_priority_box_set_priority (self->header_end, self->export_button, 2);
  anneal_priority_box_set_priority (self->header_start, self->presets_button, 2);
  anneal_priority_box_set_priority (self->header_start, self->open_button, 1);
  anneal_priority_box_set_priority (self->header_title, GTK_WIDGET (self->window_title), 1);
  anneal_priority_box_set_priority (self->chart_pane, self->stats_card, 1);
  /* The number of epochs is read whole (10^15 cut to its first 7 digits read as a
   * million) while any optional control is left to give way. */
  anneal_priority_box_set_keeps_natural (self->header_end, GTK_WIDGET (self->epochs_spin), TRUE);

  /* The menus' widgets (some hundred buttons, boxes and labels, the presets twice:
   * in their own menu and as a submenu of the main one) are built when each menu
   * first opens, not at start-up. */
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->presets_button),
                                         set_menu_when_shown, self->presets_menu, NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->main_menu_button),
                                         show_main_menu, self, NULL);

  /* The sidebar folds over the chart when the window is too narrow for both. */
  build_split (self);

  _anneal_window_actions_init (self);
  populate_kinds (self);
  populate_presets (self);

  self->updating--;
}

AnnealWindow *
anneal_window_new (AnnealApplication *application)
{
  return g_object_new (ANNEAL_TYPE_WINDOW,
                       "application", application,
                       NULL);
}
