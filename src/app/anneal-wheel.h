/* anneal-wheel.h — the mouse wheel scrolls the sidebar, not the values in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The mouse wheel over @widget, a spin button or a slider, scrolls the scrolled
 * window it is in unless @widget has the keyboard focus: wheeling down the sidebar
 * changed whichever parameter came under the pointer (GTK's spin buttons and
 * sliders take the wheel, and a spin button takes the focus with it). Outside a
 * scrolled window the wheel is left to @widget. */
void anneal_wheel_scrolls_unless_focused (GtkWidget *widget);

/* Moves @adjustment by @delta of @controller's scroll event as GtkScrolledWindow
 * moves itself: a wheel's notch by page_size^(2/3), a touchpad's delta in pixels. */
void anneal_wheel_scroll (GtkAdjustment            *adjustment,
                          GtkEventControllerScroll *controller,
                          double                    delta);

G_END_DECLS
