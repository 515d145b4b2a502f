/* anneal-file-chooser.h — open and save file choosers, through the portal where there is one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GtkFileDialog on GTK ≥ 4.10, GtkFileChooserNative before it; a written file opens
 * in the user's app for it with GtkFileLauncher (≥ 4.10) or gtk_show_uri_full().
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @file is NULL when the user cancelled. */
typedef void (*AnnealFileChosenFunc) (GFile    *file,
                                      gpointer  user_data);

/* @error is NULL when the file was opened. */
typedef void (*AnnealFileLaunchedFunc) (const GError *error,
                                        gpointer      user_data);

GtkFileFilter *anneal_file_filter_new  (const char           *name,
                                        const char           *mime_type,
                                        const char           *pattern);
void           anneal_file_chooser_open (GtkWindow           *parent,
                                         const char          *title,
                                         GFile               *folder,
                                         GListModel          *filters,
                                         AnnealFileChosenFunc callback,
                                         gpointer             user_data);
void           anneal_file_chooser_save (GtkWindow           *parent,
                                         const char          *title,
                                         GFile               *folder,
                                         const char          *name,
                                         GListModel          *filters,
                                         AnnealFileChosenFunc callback,
                                         gpointer             user_data);
/* The "last-folder" setting of @settings (may be NULL): the folder of @file kept as
 * the one to start choosers in, and read back (NULL when there is none). */
void           anneal_file_chooser_remember_folder (GSettings *settings,
                                                    GFile     *file);
GFile         *anneal_file_chooser_last_folder     (GSettings *settings);
/* Opens @file in the app the user has for its type (through the portal in a sandbox).
 * @callback may be NULL. */
void           anneal_file_launch       (GtkWindow             *parent,
                                         GFile                 *file,
                                         AnnealFileLaunchedFunc callback,
                                         gpointer               user_data);

G_END_DECLS
