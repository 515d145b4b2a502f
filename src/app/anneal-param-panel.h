/* anneal-param-panel.h — editors for one stage's parameters, generated from its kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <anneal.h>

G_BEGIN_DECLS

#define ANNEAL_TYPE_PARAM_PANEL (anneal_param_panel_get_type ())
G_DECLARE_FINAL_TYPE (AnnealParamPanel, anneal_param_panel, ANNEAL, PARAM_PANEL, AdwBin)

GtkWidget      *anneal_param_panel_new          (void);
/* Shows the parameters of @stage of @schedule: rebuilds the rows when the kind or the
 * stage changed, otherwise only updates the values. */
void            anneal_param_panel_set_schedule (AnnealParamPanel *self,
                                                 AnnealSchedule   *schedule,
                                                 guint             stage);
AnnealSchedule *anneal_param_panel_get_schedule (AnnealParamPanel *self);
guint           anneal_param_panel_get_stage    (AnnealParamPanel *self);
/* The editing widget of a parameter: GtkSpinButton, GtkScale, AdwComboRow, GtkSwitch
 * or GtkEntry. "for" is the stage's length in a sequence. */
GtkWidget      *anneal_param_panel_get_editor   (AnnealParamPanel *self,
                                                 const char       *name);
void            anneal_param_panel_set_invalid  (AnnealParamPanel *self,
                                                 const char       *name,
                                                 const char       *message);
/* Shows the series' pitfalls above the parameters (none: hidden), each with a fix
 * button where it has one; "fix-requested" reports the click. @steps_per_unit: the
 * run's steps per epoch for a series stepped per step (fixes in steps that are not
 * whole epochs get no button), else 1. */
void            anneal_param_panel_set_pitfalls (AnnealParamPanel *self,
                                                 GPtrArray        *pitfalls,
                                                 gint64            steps_per_unit,
                                                 gboolean          per_step);
GtkWidget      *anneal_param_panel_get_pitfalls_group (AnnealParamPanel *self);

G_END_DECLS
