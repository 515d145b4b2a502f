/* anneal-sweep-dialog.h — one parameter over a list or range of values: a family of curves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <anneal.h>

G_BEGIN_DECLS

#define ANNEAL_TYPE_SWEEP_DIALOG (anneal_sweep_dialog_get_type ())
G_DECLARE_FINAL_TYPE (AnnealSweepDialog, anneal_sweep_dialog, ANNEAL, SWEEP_DIALOG, AdwWindow)

#define ANNEAL_SWEEP_MAX_VALUES 64

/* "1, 2, 3, 4" (also "1 2 3", "1/3, 1/2"), in the C locale. */
GArray            *anneal_sweep_parse_values (const char        *text,
                                              GError           **error);
/* @count values evenly from @from to @to, both included. */
GArray            *anneal_sweep_range_values (double             from,
                                              double             to,
                                              guint              count,
                                              gboolean           integer);

/* Emits "sweep" (param name, GArray of double) when the user confirms. */
AnnealSweepDialog *anneal_sweep_dialog_new   (GtkWindow         *parent,
                                              AnnealSchedule    *schedule,
                                              guint              stage);
/* What "Add Curves" does: emits "sweep" if the values are good, then closes. */
void               anneal_sweep_dialog_confirm (AnnealSweepDialog *self);

G_END_DECLS
