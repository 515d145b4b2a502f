/* anneal-dialog.h — what the app's dialogs share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void anneal_dialog_fit_parent (GtkWindow *dialog,
                               int        width);

G_END_DECLS
