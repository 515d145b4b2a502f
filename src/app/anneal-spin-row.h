/* anneal-spin-row.h — an action row holding a spin button, for the dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

GtkWidget *anneal_spin_row_new (const char  *title,
                                const char  *subtitle,
                                double       lower,
                                double       upper,
                                double       step,
                                guint        digits,
                                GtkWidget  **spin_out);

G_END_DECLS
