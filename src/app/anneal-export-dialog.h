/* anneal-export-dialog.h — format, size, scale and theme of an export, then the file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "anneal-chart.h"
#include "anneal-export.h"

G_BEGIN_DECLS

#define ANNEAL_TYPE_EXPORT_DIALOG (anneal_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnnealExportDialog, anneal_export_dialog, ANNEAL, EXPORT_DIALOG, AdwWindow)

/* @toasts receives the outcome; @settings holds the remembered options. */
AnnealExportDialog *anneal_export_dialog_new         (GtkWindow           *parent,
                                                      AnnealChart         *chart,
                                                      GSettings           *settings,
                                                      AdwToastOverlay     *toasts,
                                                      const char          *document_name);
/* The series the training-code formats write (−1: none, the default). */
void                anneal_export_dialog_set_series  (AnnealExportDialog  *self,
                                                      int                  series);
void                anneal_export_dialog_get_options (AnnealExportDialog  *self,
                                                      AnnealExportOptions *options);
/* What "Export…" does once a file is chosen, here at once (public for tests: no
 * portal needed). */
gboolean            anneal_export_dialog_write       (AnnealExportDialog  *self,
                                                      GFile               *file,
                                                      GError             **error);
/* What "Export…" does once a file is chosen, as it does it: in a worker thread, the
 * dialog busy until it is written (then it goes) or it failed (then a toast says
 * why). */
void                anneal_export_dialog_start       (AnnealExportDialog  *self,
                                                      GFile               *file);

/* Whether a figure or table is being written or copied (in a worker thread): only
 * Cancel can be pressed, and it, Escape or closing the dialog stop the worker; the
 * dialog goes once the file is written or the figure copied. */
gboolean            anneal_export_dialog_get_busy (AnnealExportDialog *self);

G_END_DECLS
