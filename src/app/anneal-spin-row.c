/* anneal-spin-row.c — an action row holding a spin button, for the dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "anneal-spin-row.h"

/* @title may carry a mnemonic; @subtitle may be NULL. The spin button is
 * returned in @spin_out and activates with the row. */
GtkWidget *
anneal_spin_row_new (const char  *title,
                     const char  *subtitle,
                     double       lower,
                     double       upper,
                     double       step,
                     guint        digits,
                     GtkWidget  **spin_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);

  *spin_out = spin;
  return row;
}
