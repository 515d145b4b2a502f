/* anneal-file-chooser.c — open and save file choosers, through the portal where there is one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "anneal-file-chooser.h"

typedef struct
{
  AnnealFileChosenFunc callback;
  gpointer             user_data;
} ChooserData;

GtkFileFilter *
anneal_file_filter_new (const char *name,
                        const char *mime_type,
                        const char *pattern)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  if (pattern != NULL)
    gtk_file_filter_add_pattern (filter, pattern);

  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 4.10 API, above GDK_VERSION_MAX_ALLOWED */

static void
on_open_finished (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ChooserData *data = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_open_finish (GTK_FILE_DIALOG (object), result, NULL);

  data->callback (file, data->user_data);
  g_free (data);
}

static void
on_save_finished (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ChooserData *data = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  data->callback (file, data->user_data);
  g_free (data);
}

static GtkFileDialog *
create_dialog (const char *title,
               GFile      *folder,
               GListModel *filters)
{
  GtkFileDialog *dialog = gtk_file_dialog_new ();

  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_modal (dialog, TRUE);
  if (folder != NULL)
    gtk_file_dialog_set_initial_folder (dialog, folder);
  if (filters != NULL)
    gtk_file_dialog_set_filters (dialog, filters);

  return dialog;
}

void
anneal_file_chooser_open (GtkWindow           *parent,
                          const char          *title,
                          GFile               *folder,
                          GListModel          *filters,
                          AnnealFileChosenFunc callback,
                          gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = create_dialog (title, folder, filters);
  ChooserData *data = g_new0 (ChooserData, 1);

  data->callback = callback;
  data->user_data = user_data;
  gtk_file_dialog_open (dialog, parent, NULL, on_open_finished, data);
}

void
anneal_file_chooser_save (GtkWindow           *parent,
                          const char          *title,
                          GFile               *folder,
                          const char          *name,
                          GListModel          *filters,
                          AnnealFileChosenFunc callback,
                          gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = create_dialog (title, folder, filters);
  ChooserData *data = g_new0 (ChooserData, 1);

  if (name != NULL)
    gtk_file_dialog_set_initial_name (dialog, name);

  data->callback = callback;
  data->user_data = user_data;
  gtk_file_dialog_save (dialog, parent, NULL, on_save_finished, data);
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else /* GTK < 4.10 */

static void
on_native_response (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  ChooserData *data = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));

  data->callback (file, data->user_data);
  g_free (data);
  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

static void
run_native (GtkWindow            *parent,
            const char           *title,
            GtkFileChooserAction  action,
            const char           *accept,
            GFile                *folder,
            const char           *name,
            GListModel           *filters,
            AnnealFileChosenFunc  callback,
            gpointer              user_data)
{
  GtkFileChooserNative *native;
  ChooserData *data = g_new0 (ChooserData, 1);

  data->callback = callback;
  data->user_data = user_data;

  native = gtk_file_chooser_native_new (title, parent, action, accept, _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);

  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), folder, NULL);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  if (filters != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (filters); i++)
      {
        g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

        gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
      }

  g_signal_connect (native, "response", G_CALLBACK (on_native_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

void
anneal_file_chooser_open (GtkWindow           *parent,
                          const char          *title,
                          GFile               *folder,
                          GListModel          *filters,
                          AnnealFileChosenFunc callback,
                          gpointer             user_data)
{
  run_native (parent, title, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
              folder, NULL, filters, callback, user_data);
}

void
anneal_file_chooser_save (GtkWindow           *parent,
                          const char          *title,
                          GFile               *folder,
                          const char          *name,
                          GListModel          *filters,
                          AnnealFileChosenFunc callback,
                          gpointer             user_data)
{
  run_native (parent, title, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
              folder, name, filters, callback, user_data);
}

#endif

/* Opening a written file */

typedef struct
{
  AnnealFileLaunchedFunc callback;
  gpointer               user_data;
} LaunchData;

static void
launch_done (LaunchData   *data,
             const GError *error)
{
  if (data->callback != NULL)
    data->callback (error, data->user_data);
  g_free (data);
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 4.10 API, above GDK_VERSION_MAX_ALLOWED */
static void
on_launched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  gtk_file_launcher_launch_finish (GTK_FILE_LAUNCHER (object), result, &error);
  launch_done (user_data, error);
}
G_GNUC_END_IGNORE_DEPRECATIONS
#else
static void
on_launched (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  gtk_show_uri_full_finish (GTK_WINDOW (object), result, &error);
  launch_done (user_data, error);
}
#endif

void
anneal_file_launch (GtkWindow              *parent,
                    GFile                  *file,
                    AnnealFileLaunchedFunc  callback,
                    gpointer                user_data)
{
  LaunchData *data;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (LaunchData, 1);
  data->callback = callback;
  data->user_data = user_data;

#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 4.10 API, above GDK_VERSION_MAX_ALLOWED */
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (file);

    gtk_file_launcher_launch (launcher, parent, NULL, on_launched, data);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    g_autofree char *uri = g_file_get_uri (file);

    /* GIO's default handler, which in a sandbox is the OpenURI portal */
    gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, on_launched, data);
  }
#endif
}

void
anneal_file_chooser_remember_folder (GSettings *settings,
                                     GFile     *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *uri = NULL;

  if (settings == NULL || parent == NULL)
    return;
  uri = g_file_get_uri (parent);
  g_settings_set_string (settings, "last-folder", uri);
}

GFile *
anneal_file_chooser_last_folder (GSettings *settings)
{
  g_autofree char *uri = NULL;

  if (settings == NULL)
    return NULL;
  uri = g_settings_get_string (settings, "last-folder");
  if (uri == NULL || uri[0] == '\0')
    return NULL;
  return g_file_new_for_uri (uri);
}
