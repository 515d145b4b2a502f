/* anneal-priority-box.h — a box that hides its least important children when short of room
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define ANNEAL_TYPE_PRIORITY_BOX (anneal_priority_box_get_type ())
G_DECLARE_FINAL_TYPE (AnnealPriorityBox, anneal_priority_box, ANNEAL, PRIORITY_BOX, GtkWidget)

GtkWidget *anneal_priority_box_new              (GtkOrientation     orientation,
                                                 int                spacing);
/* @priority 0: always shown; 1, 2, …: hidden when short of room, highest first. */
void       anneal_priority_box_append           (AnnealPriorityBox *self,
                                                 GtkWidget         *child,
                                                 guint              priority);
void       anneal_priority_box_set_priority     (AnnealPriorityBox *self,
                                                 GtkWidget         *child,
                                                 guint              priority);
/* Whether the optional children give way before @child (of any priority) gets less
 * than its natural size, as they do before it gets less than its minimum. */
void       anneal_priority_box_set_keeps_natural (AnnealPriorityBox *self,
                                                  GtkWidget         *child,
                                                  gboolean           keeps_natural);
/* Whether @child is visible and was given room at the last allocation. */
gboolean   anneal_priority_box_is_child_shown   (AnnealPriorityBox *self,
                                                 GtkWidget         *child);

G_END_DECLS
