/* anneal-window-actions.c — the window's actions: series, documents, export, presets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "anneal-atomic-file.h"
#include "anneal-code.h"
#include "anneal-export-dialog.h"
#include "anneal-file-chooser.h"
#include "anneal-import.h"
#include "anneal-presets.h"
#include "anneal-sweep-dialog.h"
#include "anneal-tooltip.h"
#include "anneal-window-private.h"

#define RECENT_APP_NAME "Anneal"
#define RECENT_MAX_ITEMS 8
#define DOCUMENT_MIME_TYPE "application/json"
#define DOCUMENT_SUFFIX ".anneal"

static AnnealChart *
get_chart (AnnealWindow *self)
{
  return anneal_document_get_chart (self->document);
}

static void
toast_error (AnnealWindow *self,
             const char   *what,
             const GError *error)
{
  g_autofree char *message = NULL;

  if (what == NULL)
    {
      _anneal_window_toast (self, error->message);
      return;
    }

  /* Translators: a failure and its reason, e.g. "Could not save: Permission denied" */
  message = g_strdup_printf (_("%s: %s"), what, error->message);
  _anneal_window_toast (self, message);
}

static void
set_enabled (AnnealWindow *self,
             const char   *name,
             gboolean      enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
set_state (AnnealWindow *self,
           const char   *name,
           gboolean      state)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);
  g_autoptr(GVariant) current = action ? g_action_get_state (action) : NULL;

  if (current != NULL && g_variant_get_boolean (current) != state)
    g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (state));
}

void
_anneal_window_update_actions (AnnealWindow *self)
{
  AnnealChart *chart = get_chart (self);
  int n = (int) anneal_chart_get_n_series (chart);
  gboolean selected = self->selected >= 0 && self->selected < n;
  gboolean has_twin = selected && _anneal_window_has_damped_twin (self);

  set_enabled (self, "duplicate-series", selected);
  set_enabled (self, "remove-series", selected);
  set_enabled (self, "move-up", selected && self->selected > 0);
  set_enabled (self, "move-down", selected && self->selected < n - 1);
  set_enabled (self, "sweep", selected);
  set_enabled (self, "add-warmup", selected);
  set_enabled (self, "copy-pytorch", selected);
  set_enabled (self, "copy-python", selected);
  set_enabled (self, "damped-twin", has_twin || (selected && _anneal_window_can_damp (self)));
  set_state (self, "damped-twin", has_twin);
  anneal_widget_set_tooltip_text (self->damped_button,
                                  has_twin ? _("Remove the Damped Variant beside This Series")
                                           : _("Add the Damped Variant beside This Series"));
  set_enabled (self, "undo", anneal_document_can_undo (self->document) || self->commit_source != 0);
  set_enabled (self, "redo", anneal_document_can_redo (self->document));
  set_enabled (self, "reset-zoom", anneal_chart_has_view (chart));
  set_state (self, "log-y", anneal_chart_get_log_y (chart));
  set_state (self, "x-axis-steps", anneal_chart_get_x_unit (chart) == ANNEAL_CHART_UNIT_STEP);
}

/* Adding, duplicating, removing, moving */

/* Whether @n more series fit in a comparison: no more than a document holds, so that
 * what is saved always opens again. */
static gboolean
room_for (AnnealWindow  *self,
          guint          n,
          GError       **error)
{
  if (anneal_chart_get_n_series (get_chart (self)) + n <= ANNEAL_DOCUMENT_MAX_SERIES)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
               _("A comparison holds at most %d series"), ANNEAL_DOCUMENT_MAX_SERIES);
  return FALSE;
}

static gboolean
room_for_or_toast (AnnealWindow *self,
                   guint         n)
{
  g_autoptr(GError) error = NULL;

  if (room_for (self, n, &error))
    return TRUE;
  _anneal_window_toast (self, error->message);
  return FALSE;
}

static guint
insert_series (AnnealWindow   *self,
               AnnealSchedule *schedule,
               const char     *label,
               guint           position)
{
  AnnealChart *chart = get_chart (self);
  guint index = anneal_chart_add_series (chart, schedule, label);

  /* A duplicate, a twin or a sweep is stepped as the series it comes from */
  if (self->selected >= 0 && (guint) self->selected < index)
    anneal_chart_set_series_unit (chart, index,
                                  anneal_chart_get_series_unit (chart, self->selected));
  if (position < index)
    {
      anneal_chart_move_series (chart, index, position);
      index = position;
    }

  return index;
}

gboolean
_anneal_window_add_spec (AnnealWindow  *self,
                         const char    *spec,
                         const char    *label,
                         GError       **error)
{
  g_autoptr(AnnealSchedule) schedule = NULL;

  if (!room_for (self, 1, error))
    return FALSE;
  schedule = anneal_schedule_parse (spec, NULL, error);
  if (schedule == NULL)
    return FALSE;

  self->selected = anneal_chart_add_series (get_chart (self), schedule, label ? label : spec);
  self->stage = 0;
  _anneal_window_rebuild (self);
  _anneal_window_commit (self);

  return TRUE;
}

gboolean
_anneal_window_add_kind (AnnealWindow *self,
                         const char   *kind_name)
{
  const AnnealKind *kind = anneal_kind_lookup (kind_name);
  g_autoptr(AnnealSchedule) schedule = NULL;

  g_return_val_if_fail (kind != NULL, FALSE);

  if (!room_for_or_toast (self, 1))
    return FALSE;
  schedule = anneal_schedule_new_default (kind);
  self->selected = anneal_chart_add_series (get_chart (self), schedule,
                                            anneal_kind_get_name (kind));
  self->stage = 0;
  _anneal_window_rebuild (self);
  _anneal_window_commit (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->spec_entry));

  return TRUE;
}

void
_anneal_window_duplicate (AnnealWindow *self)
{
  AnnealChart *chart = get_chart (self);
  AnnealSchedule *schedule = _anneal_window_get_selected_schedule (self);
  g_autofree char *label = NULL;

  if (schedule == NULL || !room_for_or_toast (self, 1))
    return;

  /* Translators: the label of a duplicated series */
  label = g_strdup_printf (_("%s (copy)"), anneal_chart_get_series_label (chart, self->selected));
  self->selected = insert_series (self, schedule, label, self->selected + 1);
  _anneal_window_rebuild (self);
  _anneal_window_commit (self);
}

void
_anneal_window_remove (AnnealWindow *self)
{
  AnnealChart *chart = get_chart (self);

  if (_anneal_window_get_selected_schedule (self) == NULL)
    return;

  anneal_chart_remove_series (chart, self->selected);
  if (self->selected >= (int) anneal_chart_get_n_series (chart))
    self->selected--;
  self->stage = 0;
  _anneal_window_rebuild (self);
  _anneal_window_commit (self);
}

void
_anneal_window_move (AnnealWindow *self,
                     int           delta)
{
  AnnealChart *chart = get_chart (self);
  int n = (int) anneal_chart_get_n_series (chart);
  int to = self->selected + delta;

  if (self->selected < 0 || to < 0 || to >= n)
    return;

  anneal_chart_move_series (chart, self->selected, to);
  self->selected = to;
  _anneal_window_rebuild (self);
  _anneal_window_commit (self);
}

/* Damped twins: the kinds know their damped variants */

static AnnealSchedule *
make_damped_twin (AnnealSchedule *schedule)
{
  return schedule != NULL ? anneal_schedule_damped_twin (schedule) : NULL;
}

gboolean
_anneal_window_can_damp (AnnealWindow *self)
{
  g_autoptr(AnnealSchedule) twin = make_damped_twin (_anneal_window_get_selected_schedule (self));

  return twin != NULL;
}

gboolean
_anneal_window_has_damped_twin (AnnealWindow *self)
{
  AnnealChart *chart = get_chart (self);
  AnnealSchedule *schedule = _anneal_window_get_selected_schedule (self);
  g_autoptr(AnnealSchedule) twin = NULL;
  AnnealSchedule *next;

  if (schedule == NULL || self->selected + 1 >= (int) anneal_chart_get_n_series (chart))
    return FALSE;

  twin = make_damped_twin (schedule);
  if (twin == NULL)
    return FALSE;

  next = anneal_chart_get_series_schedule (chart, self->selected + 1);
  return anneal_schedule_equal (twin, next);
}

gboolean
_anneal_window_toggle_damped_twin (AnnealWindow  *self,
                                   GError       **error)
{
  AnnealChart *chart = get_chart (self);
  AnnealSchedule *schedule = _anneal_window_get_selected_schedule (self);
  g_autoptr(AnnealSchedule) twin = NULL;
  g_autofree char *label = NULL;

  if (schedule == NULL)
    return FALSE;

  if (_anneal_window_has_damped_twin (self))
    {
      anneal_chart_remove_series (chart, self->selected + 1);
      _anneal_window_rebuild (self);
      _anneal_window_commit (self);
      return TRUE;
    }

  if (!room_for (self, 1, error))
    return FALSE;
  twin = make_damped_twin (schedule);
  if (twin == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s has no damped variant"),
                   anneal_kind_get_name (anneal_schedule_get_kind (schedule, 0)));
      return FALSE;
    }

  /* Translators: the label of a damped twin, e.g. "damped cosine wave" */
  label = g_strdup_printf (_("damped %s"), anneal_chart_get_series_label (chart, self->selected));
  insert_series (self, twin, label, self->selected + 1);
  _anneal_window_rebuild (self);
  _anneal_window_commit (self);

  return TRUE;
}

/* Sweeps */

gboolean
_anneal_window_add_sweep (AnnealWindow  *self,
                          const char    *name,
                          const double  *values,
                          guint          n_values,
                          GError       **error)
{
  AnnealSchedule *schedule = _anneal_window_get_selected_schedule (self);
  g_autoptr(GPtrArray) family = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  const AnnealParam *param;
  guint position;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  if (schedule == NULL)
    return FALSE;

  family = g_ptr_array_new_with_free_func ((GDestroyNotify) anneal_schedule_unref);
  param = anneal_kind_find_param (anneal_schedule_get_kind (schedule, self->stage), name);
  if (param == NULL)
    {
      g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_UNKNOWN_PARAM,
                   _("unknown parameter '%s'"), name);
      return FALSE;
    }

  /* Build every curve first: one refused value adds none. */
  for (guint i = 0; i < n_values; i++)
    {
      char text[ANNEAL_FORMAT_DOUBLE_BUFSIZE];
      AnnealSchedule *member;

      if (anneal_param_get_value_type (param) == ANNEAL_PARAM_INTEGER &&
          fabs (values[i] - round (values[i])) < 1e-9)
        g_snprintf (text, sizeof text, "%" G_GINT64_FORMAT, (gint64) llround (values[i]));
      else
        anneal_format_double (values[i], text);

      member = anneal_schedule_with_param (schedule, self->stage, name, text, error);
      if (member == NULL)
        return FALSE;

      g_ptr_array_add (family, member);
      g_ptr_array_add (labels, g_strdup_printf ("%s = %s", name, text));
    }

  if (!room_for (self, family->len, error))
    return FALSE;
  position = self->selected + 1;
  for (guint i = 0; i < family->len; i++)
    insert_series (self, g_ptr_array_index (family, i), g_ptr_array_index (labels, i),
                   position + i);

  _anneal_window_rebuild (self);
  _anneal_window_commit (self);

  return TRUE;
}

/* Warm-up */

gboolean
_anneal_window_add_warmup (AnnealWindow  *self,
                           GError       **error)
{
  AnnealSchedule *schedule = _anneal_window_get_selected_schedule (self);
  g_autoptr(AnnealSchedule) result = NULL;

  if (schedule == NULL)
    return FALSE;

  /* Five epochs climbing from 1 % to the schedule's peak rate. */
  result = anneal_schedule_with_warmup (schedule, 5, 0.01, error);
  if (result == NULL)
    return FALSE;

  self->stage = 0;
  _anneal_window_apply_schedule (self, result, TRUE);
  _anneal_window_commit (self);

  return TRUE;
}

/* Presets */

gboolean
_anneal_window_apply_preset (AnnealWindow  *self,
                             const char    *id,
                             GError       **error)
{
  const AnnealPreset *preset = anneal_preset_lookup (id);

  if (preset == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No preset called “%s”"), id);
      return FALSE;
    }

  if (!anneal_preset_apply (preset, get_chart (self), error))
    return FALSE;

  anneal_chart_set_title (get_chart (self), NULL);
  self->selected = 0;
  self->stage = 0;
  _anneal_window_rebuild (self);
  _anneal_window_commit (self);

  return TRUE;
}

/* Files */

static void
remember_file (AnnealWindow *self,
               GFile        *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = { 0, };
  static char *groups[] = { (char *) "anneal", NULL };

  data.mime_type = (char *) DOCUMENT_MIME_TYPE;
  data.app_name = (char *) RECENT_APP_NAME;
  data.app_exec = (char *) "anneal %u";
  data.groups = groups;
  gtk_recent_manager_add_full (_anneal_window_get_recent (self), uri, &data);
  anneal_file_chooser_remember_folder (self->settings, file);
}

gboolean
_anneal_window_load_file (AnnealWindow  *self,
                          GFile         *file,
                          GError       **error)
{
  if (!anneal_document_load_file (self->document, file, error))
    return FALSE;

  remember_file (self, file);
  return TRUE;
}

gboolean
_anneal_window_save_file (AnnealWindow  *self,
                          GFile         *file,
                          GError       **error)
{
  _anneal_window_commit (self);

  if (!anneal_document_save_file (self->document, file, error))
    return FALSE;

  remember_file (self, file);
  return TRUE;
}

static GFile *
get_last_folder (AnnealWindow *self)
{
  if (self->document != NULL && anneal_document_get_file (self->document) != NULL)
    return g_file_get_parent (anneal_document_get_file (self->document));
  return anneal_file_chooser_last_folder (self->settings);
}

static GListModel *
document_filters (void)
{
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) anneal = NULL;
  g_autoptr(GtkFileFilter) all = anneal_file_filter_new (_("All Files"), NULL, "*");

  anneal = anneal_file_filter_new (_("Anneal Comparisons"), NULL, "*.anneal");

  gtk_file_filter_add_pattern (anneal, "*.json");
  g_list_store_append (filters, anneal);
  g_list_store_append (filters, all);

  return G_LIST_MODEL (filters);
}

static void
open_in_window (AnnealWindow *self,
                GFile        *file)
{
  /* A document with edits stays; the file opens beside it. */
  if (anneal_document_get_modified (self->document) ||
      anneal_document_get_file (self->document) != NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      anneal_window_open_in_new (ANNEAL_IS_APPLICATION (app) ? ANNEAL_APPLICATION (app) : NULL,
                                 self, file);
      return;
    }

  anneal_window_open_file (self, file);
}

static void
on_open_chosen (GFile    *file,
                gpointer  user_data)
{
  g_autoptr(AnnealWindow) self = user_data;

  if (file != NULL)
    open_in_window (self, file);
}

static void
open_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  AnnealWindow *self = user_data;
  g_autoptr(GListModel) filters = document_filters ();
  g_autoptr(GFile) folder = get_last_folder (self);

  anneal_file_chooser_open (GTK_WINDOW (self), _("Open Comparison"), folder, filters,
                            on_open_chosen, g_object_ref (self));
}

static void
open_recent_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  AnnealWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  open_in_window (self, file);
}

typedef struct
{
  AnnealWindow *self;
  gboolean      close;
} SaveData;

static void
on_save_chosen (GFile    *file,
                gpointer  user_data)
{
  SaveData *data = user_data;
  g_autoptr(AnnealWindow) self = data->self;
  gboolean close = data->close;
  g_autoptr(GError) error = NULL;

  g_free (data);

  if (file == NULL)
    return;

  /* "Could not write “…”: reason" says it: no "Could not save: " before it */
  if (!_anneal_window_save_file (self, file, &error))
    {
      toast_error (self, NULL, error);
      return;
    }

  if (close)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static void
save_as (AnnealWindow *self,
         gboolean      close)
{
  g_autoptr(GListModel) filters = document_filters ();
  g_autoptr(GFile) folder = get_last_folder (self);
  g_autofree char *name = anneal_document_dup_display_name (self->document);
  g_autofree char *suggested = NULL;
  SaveData *data = g_new0 (SaveData, 1);

  suggested = g_str_has_suffix (name, DOCUMENT_SUFFIX) ? g_strdup (name)
                                                       : g_strconcat (name, DOCUMENT_SUFFIX, NULL);
  data->self = g_object_ref (self);
  data->close = close;
  anneal_file_chooser_save (GTK_WINDOW (self), _("Save Comparison"), folder, suggested, filters,
                            on_save_chosen, data);
}

static void
save_as_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  save_as (user_data, FALSE);
}

static void
save_as_then_close_activated (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  save_as (user_data, TRUE);
}

static void
save_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  AnnealWindow *self = user_data;
  GFile *file = anneal_document_get_file (self->document);
  g_autoptr(GError) error = NULL;

  if (file == NULL)
    {
      save_as (self, FALSE);
      return;
    }

  if (!_anneal_window_save_file (self, file, &error))
    toast_error (self, NULL, error);
}

static void
update_recent_menu (AnnealWindow *self)
{
  GList *items = gtk_recent_manager_get_items (_anneal_window_get_recent (self));
  guint count = 0;

  g_menu_remove_all (self->recent_menu);

  for (GList *l = items; l != NULL && count < RECENT_MAX_ITEMS; l = l->next)
    {
      GtkRecentInfo *info = l->data;
      g_autoptr(GMenuItem) item = NULL;

      if (!gtk_recent_info_has_application (info, RECENT_APP_NAME) ||
          !gtk_recent_info_exists (info))
        continue;

      item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);
      g_menu_item_set_action_and_target_value (
        item, "win.open-recent", g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
      count++;
    }

  if (count == 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("No Recent Comparisons"), "win.none");

      g_menu_append_item (self->recent_menu, item);
    }

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
on_recent_changed (AnnealWindow *self)
{
  update_recent_menu (self);
}

/* GTK's recent files, loaded when first asked for: creating the manager reads
 * and parses the whole list (recently-used.xbel, of every program, often some
 * hundred kilobytes), which start-up need not wait for. The recent menu is
 * filled then, and kept up to date from there on. */
GtkRecentManager *
_anneal_window_get_recent (AnnealWindow *self)
{
  if (self->recent == NULL)
    {
      self->recent = gtk_recent_manager_get_default ();
      g_signal_connect_swapped (self->recent, "changed", G_CALLBACK (on_recent_changed), self);
      update_recent_menu (self);
    }
  return self->recent;
}

/* History */

static void
undo_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  AnnealWindow *self = user_data;

  g_clear_handle_id (&self->commit_source, g_source_remove);
  anneal_document_undo (self->document);
}

static void
redo_activated (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  AnnealWindow *self = user_data;

  g_clear_handle_id (&self->commit_source, g_source_remove);
  anneal_document_redo (self->document);
}

/* Export */

static void
export_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  AnnealWindow *self = user_data;
  g_autofree char *name = anneal_document_dup_display_name (self->document);
  AnnealExportDialog *dialog;

  dialog = anneal_export_dialog_new (GTK_WINDOW (self), get_chart (self), self->settings,
                                     self->toast_overlay, name);
  anneal_export_dialog_set_series (dialog, self->selected);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The "Open" button of the toast that says a file was exported */
static void
on_exported_launched (const GError *error,
                      gpointer      user_data)
{
  g_autoptr(AnnealWindow) self = user_data;

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 4.10 API, above GDK_VERSION_MAX_ALLOWED */
  /* the user closed the app chooser: nothing to say */
  if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
    return;
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif

  if (error != NULL)
    {
      /* Translators: the reason a written file could not be shown in its app */
      g_autofree char *message = g_strdup_printf (_("Could not open the file: %s"),
                                                  error->message);

      _anneal_window_toast (self, message);
    }
}

static void
open_exported_activated (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  AnnealWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  anneal_file_launch (GTK_WINDOW (self), file, on_exported_launched, g_object_ref (self));
}

static void
on_figure_copied (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(AnnealWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!anneal_export_to_clipboard_finish (gtk_widget_get_clipboard (GTK_WIDGET (self)), result,
                                          &error))
    toast_error (self, _("Could not copy the figure"), error);
  else
    _anneal_window_toast (self, _("Figure copied to the clipboard"));
}

static void
copy_figure_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  AnnealWindow *self = user_data;
  AnnealExportOptions options;

  anneal_export_options_init_default (&options);
  if (self->settings != NULL)
    {
      options.width = g_settings_get_int (self->settings, "export-width");
      options.height = g_settings_get_int (self->settings, "export-height");
      options.scale = g_settings_get_double (self->settings, "export-scale");
      options.theme = g_settings_get_enum (self->settings, "export-theme");
    }

  /* drawn in a worker thread: 8192 × 8192 at scale 1.4 held the main loop 7 to 17 s */
  anneal_export_to_clipboard_async (get_chart (self), &options, NULL, on_figure_copied,
                                    g_object_ref (self));
}

gboolean
_anneal_window_copy_code (AnnealWindow        *self,
                          AnnealCodeLanguage   language,
                          GError             **error)
{
  g_autofree char *code = anneal_export_code (get_chart (self), self->selected, language, error);

  if (code == NULL)
    return FALSE;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), code);
  return TRUE;
}

static void
copy_code (AnnealWindow       *self,
           AnnealCodeLanguage  language)
{
  g_autoptr(GError) error = NULL;

  if (!_anneal_window_copy_code (self, language, &error))
    toast_error (self, _("Could not copy the code"), error);
  else if (language == ANNEAL_CODE_PYTORCH)
    _anneal_window_toast (self, _("Copied PyTorch code"));
  else
    _anneal_window_toast (self, _("Copied Python code"));
}

static void
copy_pytorch_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  copy_code (user_data, ANNEAL_CODE_PYTORCH);
}

static void
copy_python_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  copy_code (user_data, ANNEAL_CODE_PYTHON);
}

/* Training code in: pasted into the spec entry, or a .py file dropped on the window */

AnnealImport *
_anneal_window_import (AnnealWindow  *self,
                       const char    *source,
                       gssize         length,
                       guint         *error_line,
                       guint         *error_column,
                       GError       **error)
{
  AnnealSchedule *current = _anneal_window_get_selected_schedule (self);

  /* Code that builds a scheduler on an optimizer it does not show (HF, timm, a bare
   * PyTorch scheduler) runs at the selected series' peak rate. */
  return anneal_import (source, length, current != NULL ? anneal_schedule_get_peak_rate (current)
                                                        : NAN,
                        error_line, error_column, error);
}

gboolean
_anneal_window_import_file (AnnealWindow  *self,
                            GFile         *file,
                            GError       **error)
{
  AnnealChart *chart = get_chart (self);
  g_autoptr(AnnealImport) import = NULL;
  g_autoptr(AnnealSchedule) schedule = NULL;
  g_autofree char *source = NULL;
  gboolean too_large = FALSE;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!room_for (self, 1, error))
    return FALSE;
  /* Nothing longer than the import reads is loaded. */
  if (!anneal_file_load_bounded (file, ANNEAL_IMPORT_MAX_LENGTH, &source, &length, &too_large,
                                 error))
    {
      if (too_large)
        g_set_error (error, ANNEAL_IMPORT_ERROR, ANNEAL_IMPORT_ERROR_LIMIT,
                     _("The file is longer than the %d bytes Anneal reads as code"),
                     ANNEAL_IMPORT_MAX_LENGTH);
      return FALSE;
    }

  import = _anneal_window_import (self, source, (gssize) length, NULL, NULL, error);
  if (import == NULL)
    return FALSE;
  schedule = anneal_schedule_parse (import->spec, NULL, error);
  if (schedule == NULL)
    return FALSE;

  /* Hugging Face, Keras and optax step their schedules per optimizer step. */
  self->selected = anneal_chart_add_series (chart, schedule, _(import->label));
  anneal_chart_set_series_unit (chart, self->selected,
                                import->per_step ? ANNEAL_CHART_UNIT_STEP : ANNEAL_CHART_UNIT_EPOCH);
  self->stage = 0;
  _anneal_window_rebuild (self);
  _anneal_window_commit (self);

  return TRUE;
}

void
_anneal_window_import_dropped_file (AnnealWindow *self,
                                    GFile        *file)
{
  g_autoptr(GError) error = NULL;

  if (!_anneal_window_import_file (self, file, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *body = NULL;

      /* As for a comparison that does not open: the name in the body, which wraps (not
       * in the heading, which libadwaita 1.7 measures unwrapped), where the code goes
       * wrong below. */
      /* Translators: a file name */
      body = g_strdup_printf (_("Anneal could not read a schedule from “%s”."), display);
      _anneal_window_show_error_detail (self, _("Could Not Import Code"), body, error->message);
    }
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  AnnealWindow *self = user_data;
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *name = g_file_get_basename (l->data);

      /* A comparison opens; anything else is read as training code. */
      if (name != NULL && (g_str_has_suffix (name, DOCUMENT_SUFFIX) ||
                           g_str_has_suffix (name, ".json")))
        open_in_window (self, l->data);
      else
        _anneal_window_import_dropped_file (self, l->data);
    }
  g_slist_free (files);

  return TRUE;
}

/* Series actions */

static void
add_series_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  _anneal_window_show_catalogue (user_data);
}

static void
duplicate_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  _anneal_window_duplicate (user_data);
}

static void
remove_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  _anneal_window_remove (user_data);
}

static void
move_up_activated (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  _anneal_window_move (user_data, -1);
}

static void
move_down_activated (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  _anneal_window_move (user_data, 1);
}

static void
damped_twin_activated (GSimpleAction *action,
                       GVariant      *param,
                       gpointer       user_data)
{
  AnnealWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!_anneal_window_toggle_damped_twin (self, &error) && error != NULL)
    toast_error (self, NULL, error);
  _anneal_window_update_actions (self);
}

static void
on_sweep (AnnealWindow      *self,
          const char        *name,
          GArray            *values,
          AnnealSweepDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (!_anneal_window_add_sweep (self, name, (const double *) values->data, values->len, &error))
    toast_error (self, _("Could not sweep"), error);
}

static void
sweep_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  AnnealWindow *self = user_data;
  AnnealSchedule *schedule = _anneal_window_get_selected_schedule (self);
  AnnealSweepDialog *dialog;

  if (schedule == NULL)
    return;

  dialog = anneal_sweep_dialog_new (GTK_WINDOW (self), schedule, self->stage);
  g_signal_connect_object (dialog, "sweep", G_CALLBACK (on_sweep), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_warmup_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  AnnealWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!_anneal_window_add_warmup (self, &error) && error != NULL)
    toast_error (self, _("Could not add a warm-up"), error);
}

static void
apply_preset_or_toast (AnnealWindow *self,
                       const char   *id)
{
  g_autoptr(GError) error = NULL;

  if (!_anneal_window_apply_preset (self, id, &error))
    toast_error (self, NULL, error);
}

static void
on_replace_response (GObject    *dialog,
                     const char *response,
                     gpointer    user_data)
{
  AnnealWindow *self = user_data;

  if (g_strcmp0 (response, "replace") == 0)
    apply_preset_or_toast (self, g_object_get_data (dialog, "preset"));
}

void
_anneal_window_request_preset (AnnealWindow *self,
                               const char   *id)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;

  /* Unsaved work is not replaced without asking (text being typed counts). */
  if (self->commit_source != 0)
    _anneal_window_commit (self);
  if (!anneal_document_get_modified (self->document))
    {
      apply_preset_or_toast (self, id);
      return;
    }

  name = anneal_document_dup_display_name (self->document);
  body = g_strdup_printf (_("“%s” has changes that were not saved. The preset replaces "
                            "all of its series."), name);
#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.5 API, above ADW_VERSION_MAX_ALLOWED */
  {
    AdwDialog *dialog = adw_alert_dialog_new (_("Replace the Comparison?"), body);

    adw_alert_dialog_add_responses (ADW_ALERT_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "replace", _("_Replace"),
                                    NULL);
    adw_alert_dialog_set_response_appearance (ADW_ALERT_DIALOG (dialog), "replace",
                                              ADW_RESPONSE_DESTRUCTIVE);
    adw_alert_dialog_set_default_response (ADW_ALERT_DIALOG (dialog), "cancel");
    adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), "cancel");
    g_object_set_data_full (G_OBJECT (dialog), "preset", g_strdup (id), g_free);
    g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), self);
    g_set_weak_pointer (&self->confirm_dialog, GTK_WIDGET (dialog));
    adw_dialog_present (dialog, GTK_WIDGET (self));
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                                _("Replace the Comparison?"), body);

    adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                      "cancel", _("_Cancel"),
                                      "replace", _("_Replace"),
                                      NULL);
    adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "replace",
                                                ADW_RESPONSE_DESTRUCTIVE);
    adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
    g_object_set_data_full (G_OBJECT (dialog), "preset", g_strdup (id), g_free);
    g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), self);
    g_set_weak_pointer (&self->confirm_dialog, dialog);
    gtk_window_present (GTK_WINDOW (dialog));
  }
#endif
}

static void
preset_activated (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  _anneal_window_request_preset (user_data, g_variant_get_string (param, NULL));
}

/* View */

static void
log_y_activated (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  AnnealWindow *self = user_data;
  AnnealChart *chart = get_chart (self);
  gboolean log_y = !anneal_chart_get_log_y (chart);

  anneal_chart_reset_view (chart);
  anneal_chart_set_log_y (chart, log_y);
  g_simple_action_set_state (action, g_variant_new_boolean (log_y));
  _anneal_window_commit (self);
}

/* The x axis in steps or epochs, as the sidebar's X Axis In row chooses it */
static void
x_axis_steps_activated (GSimpleAction *action,
                        GVariant      *param,
                        gpointer       user_data)
{
  AnnealWindow *self = user_data;
  AnnealChart *chart = get_chart (self);
  gboolean steps = anneal_chart_get_x_unit (chart) != ANNEAL_CHART_UNIT_STEP;

  anneal_chart_set_x_unit (chart, steps ? ANNEAL_CHART_UNIT_STEP : ANNEAL_CHART_UNIT_EPOCH);
  g_simple_action_set_state (action, g_variant_new_boolean (steps));
  self->updating++;
  adw_combo_row_set_selected (self->x_axis_row, steps);
  self->updating--;
  _anneal_window_commit (self);
}

static void
reset_zoom_activated (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  AnnealWindow *self = user_data;

  anneal_chart_reset_view (get_chart (self));
}

/* The shortcuts window, built when first asked for rather than with every window
 * (GtkApplication builds gtk/help-overlay.ui for each one it adds: start-up), and
 * kept as GtkApplicationWindow keeps its help overlay: hidden on close, gone with
 * the window. */
static void
show_help_overlay_activated (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       data)
{
  AnnealWindow *self = data;

  if (self->shortcuts_window == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/annealapp/Anneal/anneal-shortcuts.ui");
      GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

      /* As the window's help overlay (modal, hidden on close, over the window): its
       * entries named by their action (Open, Save, Undo …) are given their keys
       * only so — a window of its own showed none for them. The window keeps this
       * action, which makes it on first use. */
      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (self),
                                               GTK_SHORTCUTS_WINDOW (window));
      gtk_window_set_destroy_with_parent (window, TRUE);
      g_set_weak_pointer (&self->shortcuts_window, window);
    }
  gtk_window_present (self->shortcuts_window);
}

static const GActionEntry win_actions[] = {
  { "open", open_activated },
  { "open-recent", open_recent_activated, "s" },
  { "save", save_activated },
  { "save-as", save_as_activated },
  { "save-as-then-close", save_as_then_close_activated },
  { "export", export_activated },
  { "open-exported", open_exported_activated, "s" },
  { "copy-figure", copy_figure_activated },
  { "copy-pytorch", copy_pytorch_activated },
  { "copy-python", copy_python_activated },
  { "undo", undo_activated },
  { "redo", redo_activated },
  { "add-series", add_series_activated },
  { "duplicate-series", duplicate_activated },
  { "remove-series", remove_activated },
  { "move-up", move_up_activated },
  { "move-down", move_down_activated },
  { "damped-twin", damped_twin_activated, NULL, "false" },
  { "sweep", sweep_activated },
  { "add-warmup", add_warmup_activated },
  { "preset", preset_activated, "s" },
  { "log-y", log_y_activated, NULL, "false" },
  { "x-axis-steps", x_axis_steps_activated, NULL, "false" },
  { "reset-zoom", reset_zoom_activated },
  { "show-help-overlay", show_help_overlay_activated },
};

void
_anneal_window_actions_init (AnnealWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   win_actions, G_N_ELEMENTS (win_actions), self);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
