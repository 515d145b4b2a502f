/* anneal-wheel.c — the mouse wheel scrolls the sidebar, not the values in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "anneal-wheel.h"

/* Seen first, in the capture phase of @widget itself (GTK delivers a wheel event to
 * the widget the pointer last crossed into, which the sidebar cannot tell from a
 * position: 4.8's scroll events carry none). */
static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           gpointer                  user_data)
{
  GtkWidget *widget = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);

  if (scroller == NULL || (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_WITHIN))
    return GDK_EVENT_PROPAGATE;
  anneal_wheel_scroll (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                       controller, dy);
  return GDK_EVENT_STOP;
}

void
anneal_wheel_scroll (GtkAdjustment            *adjustment,
                     GtkEventControllerScroll *controller,
                     double                    delta)
{
  if (gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL)
    delta *= pow (gtk_adjustment_get_page_size (adjustment), 2.0 / 3.0);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + delta);
}

void
anneal_wheel_scrolls_unless_focused (GtkWidget *widget)
{
  GtkEventController *scroll;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (scroll, "anneal-wheel");
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), NULL);
  gtk_widget_add_controller (widget, scroll);
}
