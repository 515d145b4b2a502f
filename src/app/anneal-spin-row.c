/* anneal-spin-row.c — an action row holding a spin button, for the dialogs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "anneal-number.h"
#include "anneal-spin-row.h"
#include "anneal-wheel.h"

#define SUBTITLE_KEY "anneal-spin-row-subtitle"

/* Text that is not a number: the row says so in its subtitle (the spin button puts
 * back the last valid value) until a number is typed; the locale's decimal mark and
 * '.' are both numbers. */
static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               AdwActionRow  *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (!anneal_number_parse (text, new_value))
    {
      g_autofree char *message = anneal_number_refusal (text);

      adw_action_row_set_subtitle (row, message);
      gtk_widget_add_css_class (GTK_WIDGET (spin), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (spin),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      /* GTK sets whatever is returned here, error or not: keep the value. */
      *new_value = gtk_spin_button_get_value (spin);
      return GTK_INPUT_ERROR;
    }

  adw_action_row_set_subtitle (row, g_object_get_data (G_OBJECT (row), SUBTITLE_KEY));
  gtk_widget_remove_css_class (GTK_WIDGET (spin), "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_STATE_INVALID);
  return TRUE;
}

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
  /* Not GTK's numeric filter: it takes only the locale's mark, not '.', "1e-3" or "1/3";
   * the input handler reads and refuses instead. */
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  anneal_wheel_scrolls_unless_focused (spin);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
  g_object_set_data_full (G_OBJECT (row), SUBTITLE_KEY,
                          g_strdup (subtitle != NULL ? subtitle : ""), g_free);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  gtk_widget_set_focusable (row, FALSE);  /* one Tab stop: the spin button */
  g_signal_connect_object (spin, "input", G_CALLBACK (on_spin_input), row, 0);

  *spin_out = spin;
  return row;
}
