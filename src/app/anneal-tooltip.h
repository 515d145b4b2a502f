/* anneal-tooltip.h — tooltips set only when they change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* gtk_widget_set_tooltip_text() and _markup(), but nothing happens when @widget
 * already has this tooltip. In GTK 4 each call on a visible widget asks the display
 * where the pointer is (XQueryPointer, a round trip to the X server), and the window
 * refreshes its rows and cells after every edit; at start-up these round trips were
 * some sixty. NULL and "" both mean no tooltip, as in GTK. */
void anneal_widget_set_tooltip_text   (GtkWidget  *widget,
                                       const char *text);
void anneal_widget_set_tooltip_markup (GtkWidget  *widget,
                                       const char *markup);

G_END_DECLS
