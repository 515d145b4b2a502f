/* anneal-tooltip.h — tooltips that cost no round trip to the display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* gtk_widget_set_tooltip_text() and _markup(), without asking the display where
 * the pointer is. GTK's setters do, on every call for a visible widget, so that a
 * tooltip already shown follows the change: on X11 two round trips to the server
 * (the default seat and XIQueryPointer), forty of them while the window is built,
 * before it is even on screen. Here the widget keeps its tooltip, gives it to GTK
 * when GTK asks for one (::query-tooltip) and to screen readers as its accessible
 * description, as GTK does; only a widget on screen has a shown tooltip follow.
 * Nothing happens when @widget already has this tooltip. NULL and "" both mean no
 * tooltip, as in GTK. */
void        anneal_widget_set_tooltip_text   (GtkWidget  *widget,
                                              const char *text);
void        anneal_widget_set_tooltip_markup (GtkWidget  *widget,
                                              const char *markup);
/* The tooltip as text (markup taken out) and as markup; GTK's own when the
 * widget's tooltip was not set here. */
const char *anneal_widget_get_tooltip_text   (GtkWidget  *widget);
const char *anneal_widget_get_tooltip_markup (GtkWidget  *widget);

G_END_DECLS
