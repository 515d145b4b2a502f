/* anneal-window.h — the main window: series, parameters, chart, statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "anneal-application.h"
#include "anneal-document.h"

G_BEGIN_DECLS

#define ANNEAL_TYPE_WINDOW (anneal_window_get_type ())
G_DECLARE_FINAL_TYPE (AnnealWindow, anneal_window, ANNEAL, WINDOW, AdwApplicationWindow)

AnnealWindow   *anneal_window_new           (AnnealApplication *application);
AnnealDocument *anneal_window_get_document  (AnnealWindow      *self);
/* Opens @file into this window; a refusal is shown as a toast and changes nothing. */
void            anneal_window_open_file     (AnnealWindow      *self,
                                             GFile             *file);
/* Opens @file in a new window, or when it is refused shows why on @parent (on the new
 * window only when there is no other, as at start-up) and leaves no empty window. */
void            anneal_window_open_in_new   (AnnealApplication *application,
                                             AnnealWindow      *parent,
                                             GFile             *file);

/* Closes @windows one after the other: each with unsaved changes asks in turn, and
 * "Cancel" keeps it and the rest open (quitting with several windows). */
void            anneal_window_close_in_turn (GList             *windows);

G_END_DECLS
