/* anneal-tooltip.c — tooltips set only when they change
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "anneal-tooltip.h"

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

void
anneal_widget_set_tooltip_text (GtkWidget  *widget,
                                const char *text)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* GTK keeps a text tooltip as markup too, escaped: that tells it from a markup
   * tooltip with the same text. */
  if (nonempty (text) != NULL)
    markup = g_markup_escape_text (text, -1);
  if (g_strcmp0 (nonempty (gtk_widget_get_tooltip_markup (widget)), markup) == 0)
    return;
  gtk_widget_set_tooltip_text (widget, text);
}

void
anneal_widget_set_tooltip_markup (GtkWidget  *widget,
                                  const char *markup)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (g_strcmp0 (nonempty (gtk_widget_get_tooltip_markup (widget)), nonempty (markup)) == 0)
    return;
  gtk_widget_set_tooltip_markup (widget, markup);
}
