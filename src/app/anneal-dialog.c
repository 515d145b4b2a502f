/* anneal-dialog.c — what the app's dialogs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "anneal-dialog.h"

/**
 * anneal_dialog_fit_parent:
 * @dialog: a dialog, transient for its window
 * @width: the width it takes beside a wide window
 *
 * Gives @dialog @width, or its window's width when that is narrower (a window
 * tiled to a phone-sized 360 pixels): the dialog never stands out beyond it. Call
 * it once @dialog is transient for its window, before it is shown.
 */
void
anneal_dialog_fit_parent (GtkWindow *dialog,
                          int        width)
{
  GtkWindow *parent = gtk_window_get_transient_for (dialog);
  int parent_width = parent != NULL ? gtk_widget_get_width (GTK_WIDGET (parent)) : 0;

  if (parent_width > 0 && parent_width < width)
    width = parent_width;
  gtk_window_set_default_size (dialog, width, -1);
}
