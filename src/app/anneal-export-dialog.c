/* anneal-export-dialog.c — format, size, scale and theme of an export, then the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "anneal-dialog.h"
#include "anneal-export-dialog.h"
#include "anneal-series-row.h"
#include "anneal-spin-row.h"
#include "anneal-text.h"
#include "anneal-tooltip.h"
#include "anneal-file-chooser.h"

struct _AnnealExportDialog
{
  AdwWindow        parent_instance;

  AnnealChart     *chart;
  GSettings       *settings;
  AdwToastOverlay *toasts;
  AdwToast        *failed;  /* what the last try said, if it is still shown */
  char            *document_name;
  int              series;  /* what the code formats write */

  GtkWidget       *title;
  GtkWidget       *format_row;
  GtkWidget       *width_spin;
  GtkWidget       *height_spin;
  GtkWidget       *scale_spin;
  GtkWidget       *theme_row;
  GtkWidget       *size_group;
  GtkWidget       *size_error;   /* why the size cannot be written, under it */
  GtkWidget       *copy_button;
  GtkWidget       *export_button;
  GtkWidget       *cancel_button;
  GtkWidget       *page;
  GtkWidget       *spinner;
  gboolean         busy;         /* a figure being drawn in a worker thread */
  GFile           *exporting;    /* the file it is written to, while busy */
  GCancellable    *cancellable;  /* stops that worker: Cancel, Escape, closing */
  GApplication    *held;         /* kept running until that worker returns */
};

G_DEFINE_FINAL_TYPE (AnnealExportDialog, anneal_export_dialog, ADW_TYPE_WINDOW)

static void
toast (AnnealExportDialog *self,
       const char         *message)
{
  AdwToast *shown;

  if (self->toasts == NULL)
    return;

  shown = adw_toast_new (message);
  g_set_weak_pointer (&self->failed, shown);
  adw_toast_overlay_add_toast (self->toasts, shown);
}

static void update_format_subtitle (AnnealExportDialog *self);
static void check_size             (AnnealExportDialog *self);

/* What the dialog and the file chooser are called: what the format writes. */
static const char *
format_title (AnnealExportFormat format)
{
  if (anneal_export_format_is_figure (format))
    return _("Export Figure");
  if (anneal_export_format_is_code (format))
    return _("Export Code");
  return _("Export Data");
}

void
anneal_export_dialog_set_series (AnnealExportDialog *self,
                                 int                 series)
{
  g_return_if_fail (ANNEAL_IS_EXPORT_DIALOG (self));

  self->series = series;
  update_format_subtitle (self);
}

void
anneal_export_dialog_get_options (AnnealExportDialog  *self,
                                  AnnealExportOptions *options)
{
  g_return_if_fail (ANNEAL_IS_EXPORT_DIALOG (self));

  anneal_export_options_init_default (options);
  options->format = adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row));
  options->width = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->width_spin));
  options->height = gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (self->height_spin));
  options->scale = gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->scale_spin));
  options->theme = adw_combo_row_get_selected (ADW_COMBO_ROW (self->theme_row));
  options->series = self->series;
}

static void
save_options (AnnealExportDialog *self)
{
  AnnealExportOptions options;

  if (self->settings == NULL)
    return;

  anneal_export_dialog_get_options (self, &options);
  g_settings_set_enum (self->settings, "export-format", options.format);
  g_settings_set_int (self->settings, "export-width", options.width);
  g_settings_set_int (self->settings, "export-height", options.height);
  g_settings_set_double (self->settings, "export-scale", options.scale);
  g_settings_set_enum (self->settings, "export-theme", options.theme);
}

/* The local path of @file and the options it is written with (remembered) */
static char *
prepare_export (AnnealExportDialog  *self,
                GFile               *file,
                AnnealExportOptions *options,
                GError             **error)
{
  char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Anneal can only export to local files"));
      return NULL;
    }
  anneal_export_dialog_get_options (self, options);
  save_options (self);
  return path;
}

gboolean
anneal_export_dialog_write (AnnealExportDialog  *self,
                            GFile               *file,
                            GError             **error)
{
  g_autofree char *path = NULL;
  AnnealExportOptions options;

  g_return_val_if_fail (ANNEAL_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = prepare_export (self, file, &options, error);
  if (path == NULL || !anneal_export_to_file (self->chart, path, &options, error))
    return FALSE;
  anneal_file_chooser_remember_folder (self->settings, file);
  return TRUE;
}

/* While a figure or table is written: a spinner and nothing to press but Cancel; the
 * dialog goes when it is written or copied. Cancel, Escape or closing (also with the
 * window) stop the worker: a CSV of a 10^15-epoch run is petabytes, and it was
 * written on with nothing to stop it. The application is held until the worker has
 * returned, so that quitting leaves no temporary file behind. */
static void
set_busy (AnnealExportDialog *self,
          gboolean            busy)
{
  if (busy && !self->busy)
    {
      g_clear_object (&self->cancellable);
      self->cancellable = g_cancellable_new ();
      g_set_object (&self->held, g_application_get_default ());
      if (self->held != NULL)
        g_application_hold (self->held);
    }
  self->busy = busy;
  gtk_widget_set_visible (self->spinner, busy);
  if (busy)
    gtk_spinner_start (GTK_SPINNER (self->spinner));
  else
    gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_sensitive (self->page, !busy);
  check_size (self);
}

/* The end of a worker's job: whether the dialog is still there to show it (FALSE
 * once it was cancelled: closed, or being destroyed). */
static gboolean
job_done (AnnealExportDialog *self,
          GCancellable       *cancellable)
{
  gboolean cancelled = g_cancellable_is_cancelled (cancellable);

  if (self->held != NULL)
    g_application_release (self->held);
  g_clear_object (&self->held);
  if (cancelled)
    return FALSE;
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  return TRUE;
}

static void
cancel_job (AnnealExportDialog *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
anneal_export_dialog_get_busy (AnnealExportDialog *self)
{
  g_return_val_if_fail (ANNEAL_IS_EXPORT_DIALOG (self), FALSE);
  return self->busy;
}

static gboolean
on_close_request (AnnealExportDialog *self)
{
  cancel_job (self);
  return FALSE;
}

static void
toast_export_failed (AnnealExportDialog *self,
                     const GError       *error)
{
  g_autofree char *message = g_strdup_printf (_("Could not export: %s"), error->message);

  toast (self, message);
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AnnealExportDialog) self = user_data;
  g_autoptr(GFile) file = g_steal_pointer (&self->exporting);
  g_autoptr(GError) error = NULL;
  gboolean written = anneal_export_to_file_finish (result, &error);

  if (!job_done (self, g_task_get_cancellable (G_TASK (result))))
    return;
  if (!written)
    {
      toast_export_failed (self, error);
      return;
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *display = g_filename_display_name (name);
      g_autofree char *message = g_strdup_printf (_("Exported “%s”"), display);
      g_autofree char *uri = g_file_get_uri (file);

      anneal_file_chooser_remember_folder (self->settings, file);
      /* A failure of an earlier try is old news. */
      if (self->failed != NULL)
        adw_toast_dismiss (self->failed);

      if (self->toasts != NULL)
        {
          AdwToast *done = adw_toast_new (message);

          /* The window's action: the toast outlives this dialog. */
          adw_toast_set_button_label (done, _("_Open"));
          adw_toast_set_action_name (done, "win.open-exported");
          adw_toast_set_action_target_value (done, g_variant_new_string (uri));
          adw_toast_set_timeout (done, 8);
          adw_toast_overlay_add_toast (self->toasts, done);
        }
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

void
anneal_export_dialog_start (AnnealExportDialog *self,
                            GFile              *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  AnnealExportOptions options;

  g_return_if_fail (ANNEAL_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->busy);

  path = prepare_export (self, file, &options, &error);
  if (path == NULL)
    {
      toast_export_failed (self, error);
      return;
    }

  g_set_object (&self->exporting, file);
  set_busy (self, TRUE);
  anneal_export_to_file_async (self->chart, path, &options, self->cancellable, on_exported,
                               g_object_ref (self));
}

static void
on_file_chosen (GFile    *file,
                gpointer  user_data)
{
  g_autoptr(AnnealExportDialog) self = user_data;

  if (file != NULL && !self->busy)
    anneal_export_dialog_start (self, file);
}

static void
on_export_clicked (AnnealExportDialog *self)
{
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;
  AnnealExportOptions options;
  static const struct {
    const char *name;
    const char *mime;
    const char *pattern;
  } types[] = {
    { N_("PNG Image"), "image/png", "*.png" },
    { N_("SVG Drawing"), "image/svg+xml", "*.svg" },
    { N_("PDF Document"), "application/pdf", "*.pdf" },
    { N_("CSV Table"), "text/csv", "*.csv" },
    { N_("Python Source"), "text/x-python", "*.py" },
    { N_("Python Source"), "text/x-python", "*.py" },
  };

  anneal_export_dialog_get_options (self, &options);
  save_options (self);

  if (options.format < G_N_ELEMENTS (types))
    {
      g_autoptr(GtkFileFilter) filter = anneal_file_filter_new (_(types[options.format].name),
                                                                types[options.format].mime,
                                                                types[options.format].pattern);
      g_list_store_append (filters, filter);
    }

  folder = anneal_file_chooser_last_folder (self->settings);

  name = anneal_export_suggest_name (self->document_name, options.format);
  anneal_file_chooser_save (GTK_WINDOW (self), format_title (options.format), folder, name,
                            G_LIST_MODEL (filters), on_file_chosen, g_object_ref (self));
}

static void
on_copied (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(AnnealExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!job_done (self, g_task_get_cancellable (G_TASK (result))))
    return;
  if (!anneal_export_to_clipboard_finish (gtk_widget_get_clipboard (GTK_WIDGET (self)), result,
                                          &error))
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("Could not copy the figure: %s"), error->message);

      toast (self, message);
      return;
    }

  toast (self, _("Figure copied to the clipboard"));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_copy_clicked (AnnealExportDialog *self)
{
  AnnealExportOptions options;

  anneal_export_dialog_get_options (self, &options);
  save_options (self);
  set_busy (self, TRUE);
  anneal_export_to_clipboard_async (self->chart, &options, self->cancellable, on_copied,
                                    g_object_ref (self));
}

/* The code formats write one series: the row says which. */
static void
update_format_subtitle (AnnealExportDialog *self)
{
  guint format = adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row));
  g_autofree char *subtitle = NULL;

  if (anneal_export_format_is_code (format))
    {
      if (self->chart != NULL && self->series >= 0 &&
          self->series < (int) anneal_chart_get_n_series (self->chart))
        {
          const char *label = anneal_chart_get_series_label (self->chart, self->series);
          g_autofree char *line = anneal_text_bound (label, 1, ANNEAL_SERIES_LABEL_SHOWN);

          /* Translators: under the format row, for the code formats: the series written */
          subtitle = g_strdup_printf (_("The series “%s”"), line != NULL ? line : label);
        }
      else
        subtitle = g_strdup (_("No series is selected"));
    }

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row), subtitle ? subtitle : "");
}

/* A size the figure cannot be written at is said under the size, and Export… and
 * Copy (a PNG) are off until it can: 16384 × 16384 at scale 8 was taken, and refused
 * only once pressed. */
static void
check_size (AnnealExportDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) png_error = NULL;
  AnnealExportOptions options;
  gboolean figure, fits, png_fits;

  if (self->copy_button == NULL)
    return;  /* still being built */
  anneal_export_dialog_get_options (self, &options);
  figure = anneal_export_format_is_figure (options.format);
  fits = !figure || anneal_chart_export_check_size (options.width, options.height, options.scale,
                                                    (AnnealChartFormat) options.format, &error);
  png_fits = anneal_chart_export_check_size (options.width, options.height, options.scale,
                                             ANNEAL_CHART_FORMAT_PNG, &png_error);

  gtk_label_set_text (GTK_LABEL (self->size_error), !fits ? error->message : "");
  gtk_widget_set_visible (self->size_error, !fits);
  gtk_widget_set_sensitive (self->export_button, fits && !self->busy);
  gtk_widget_set_sensitive (self->copy_button, figure && png_fits);
  if (figure && fits && !png_fits)
    anneal_widget_set_tooltip_text (self->copy_button, png_error->message);
  else
    anneal_widget_set_tooltip_text (self->copy_button, NULL);
}

static void
on_format_changed (AnnealExportDialog *self)
{
  guint format = adw_combo_row_get_selected (ADW_COMBO_ROW (self->format_row));
  gboolean figure = anneal_export_format_is_figure (format);

  /* Size, scale and theme are the figure's: a table or code has none. */
  gtk_widget_set_sensitive (self->size_group, figure);
  gtk_widget_set_sensitive (gtk_widget_get_ancestor (self->scale_spin, ADW_TYPE_ACTION_ROW),
                            format == ANNEAL_EXPORT_FORMAT_PNG);
  gtk_widget_set_sensitive (self->theme_row, figure);
  gtk_window_set_title (GTK_WINDOW (self), format_title (format));
  adw_window_title_set_title (ADW_WINDOW_TITLE (self->title), format_title (format));
  update_format_subtitle (self);
  check_size (self);
}

static GtkWidget *
combo_row (const char         *title,
           const char * const *items)
{
  GtkWidget *row = adw_combo_row_new ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  for (guint i = 0; items[i] != NULL; i++)
    gtk_string_list_append (model, _(items[i]));

  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);

  return row;
}

static void
anneal_export_dialog_dispose (GObject *object)
{
  AnnealExportDialog *self = (AnnealExportDialog *)object;

  cancel_job (self);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->chart);
  g_clear_object (&self->settings);
  g_clear_object (&self->exporting);
  g_clear_weak_pointer (&self->toasts);
  g_clear_weak_pointer (&self->failed);
  g_clear_pointer (&self->document_name, g_free);

  G_OBJECT_CLASS (anneal_export_dialog_parent_class)->dispose (object);
}

/* gtk_window_destroy() (also with the parent, destroy-with-parent) unrealizes the
 * dialog but does not dispose of it while the worker's callback holds it. */
static void
anneal_export_dialog_unrealize (GtkWidget *widget)
{
  cancel_job (ANNEAL_EXPORT_DIALOG (widget));

  GTK_WIDGET_CLASS (anneal_export_dialog_parent_class)->unrealize (widget);
}

static void
anneal_export_dialog_class_init (AnnealExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anneal_export_dialog_dispose;
  widget_class->unrealize = anneal_export_dialog_unrealize;

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
anneal_export_dialog_init (AnnealExportDialog *self)
{
  static const char * const formats[] = {
    N_("PNG image"), N_("SVG drawing"), N_("PDF document"), N_("CSV table of values"),
    N_("PyTorch code (.py)"), N_("Plain Python code (.py)"), NULL
  };
  static const char * const themes[] = {
    N_("Light paper"), N_("Dark"), N_("Transparent"), N_("As displayed"), NULL
  };
  GtkWidget *box, *header, *cancel, *export, *page, *group, *row;

  self->series = -1;
  gtk_window_set_title (GTK_WINDOW (self), _("Export Figure"));
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  self->title = adw_window_title_new (_("Export Figure"), NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), self->title);

  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->cancel_button = cancel;

  export = gtk_button_new_with_mnemonic (_("_Export…"));
  gtk_widget_add_css_class (export, "suggested-action");
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (on_export_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  self->export_button = export;
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->spinner),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Drawing the figure"), -1);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->spinner);
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), NULL);
  gtk_window_set_default_widget (GTK_WINDOW (self), export);
  /* Enter exports: the focus starts on Export…, not on Cancel, the first button
   * (GtkWindow picks the first focusable widget when it is shown) */
  g_signal_connect_object (self, "map", G_CALLBACK (gtk_widget_grab_focus), export,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_box_append (GTK_BOX (box), header);

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);

  group = adw_preferences_group_new ();
  self->format_row = combo_row (_("_Format"), formats);
  g_signal_connect_swapped (self->format_row, "notify::selected",
                            G_CALLBACK (on_format_changed), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->format_row);
  self->theme_row = combo_row (_("_Theme"), themes);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->theme_row);
  gtk_box_append (GTK_BOX (page), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Size"));
  self->size_group = group;
  row = anneal_spin_row_new (_("_Width"), _("Logical pixels"), 16, 16384, 10, 0,
                             &self->width_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = anneal_spin_row_new (_("_Height"), _("Logical pixels"), 16, 16384, 10, 0,
                             &self->height_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = anneal_spin_row_new (_("_Scale"), _("Device pixels per logical pixel, 2 for HiDPI"),
                             0.25, 8, 0.25, 2, &self->scale_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  gtk_box_append (GTK_BOX (page), group);
  self->size_error = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->size_error), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->size_error), 0);
  gtk_widget_add_css_class (self->size_error, "error");
  gtk_widget_set_visible (self->size_error, FALSE);
  gtk_box_append (GTK_BOX (page), self->size_error);
  g_signal_connect_swapped (self->width_spin, "value-changed", G_CALLBACK (check_size), self);
  g_signal_connect_swapped (self->height_spin, "value-changed", G_CALLBACK (check_size), self);
  g_signal_connect_swapped (self->scale_spin, "value-changed", G_CALLBACK (check_size), self);

  /* An icon and a label that wraps (AdwButtonContent's cannot before libadwaita
   * 1.4): in a window 360 pixels wide, a long translation takes two lines instead
   * of widening the dialog. */
  {
    GtkWidget *content = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *label = gtk_label_new_with_mnemonic (_("_Copy Figure to Clipboard"));

    self->copy_button = gtk_button_new ();
    gtk_box_append (GTK_BOX (content), gtk_image_new_from_icon_name ("edit-copy-symbolic"));
    gtk_label_set_wrap (GTK_LABEL (label), TRUE);
    gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 48);
    gtk_label_set_mnemonic_widget (GTK_LABEL (label), self->copy_button);
    gtk_box_append (GTK_BOX (content), label);
    gtk_widget_set_halign (content, GTK_ALIGN_CENTER);
    gtk_button_set_child (GTK_BUTTON (self->copy_button), content);
  }
  gtk_widget_set_halign (self->copy_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->copy_button, "pill");
  g_signal_connect_swapped (self->copy_button, "clicked", G_CALLBACK (on_copy_clicked), self);
  gtk_box_append (GTK_BOX (page), self->copy_button);

  gtk_box_append (GTK_BOX (box), page);
  self->page = page;
  adw_window_set_content (ADW_WINDOW (self), box);
}

AnnealExportDialog *
anneal_export_dialog_new (GtkWindow       *parent,
                          AnnealChart     *chart,
                          GSettings       *settings,
                          AdwToastOverlay *toasts,
                          const char      *document_name)
{
  AnnealExportDialog *self;
  AnnealExportOptions options;

  g_return_val_if_fail (ANNEAL_IS_CHART (chart), NULL);

  self = g_object_new (ANNEAL_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  anneal_dialog_fit_parent (GTK_WINDOW (self), 460);
  /* The application's shortcuts work here too: Ctrl+Q closes this dialog (stopping
   * an export) and then the windows, in turn. */
  if (parent != NULL && gtk_window_get_application (parent) != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
  self->chart = g_object_ref (chart);
  self->settings = settings ? g_object_ref (settings) : NULL;
  g_set_weak_pointer (&self->toasts, toasts);
  self->document_name = g_strdup (document_name);

  anneal_export_options_init_default (&options);
  if (settings != NULL)
    {
      options.format = g_settings_get_enum (settings, "export-format");
      options.width = g_settings_get_int (settings, "export-width");
      options.height = g_settings_get_int (settings, "export-height");
      options.scale = g_settings_get_double (settings, "export-scale");
      options.theme = g_settings_get_enum (settings, "export-theme");
    }

  adw_combo_row_set_selected (ADW_COMBO_ROW (self->format_row), options.format);
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->theme_row), options.theme);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->width_spin), options.width);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->height_spin), options.height);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->scale_spin), options.scale);
  on_format_changed (self);

  return self;
}
