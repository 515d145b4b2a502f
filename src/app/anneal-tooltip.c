/* anneal-tooltip.c — tooltips that cost no round trip to the display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "anneal-tooltip.h"

typedef struct
{
  char *text;    /* NULL: no tooltip */
  char *markup;
} Tooltip;

static GQuark
tooltip_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("anneal-tooltip");
  return quark;
}

static void
tooltip_free (gpointer data)
{
  Tooltip *tooltip = data;

  g_free (tooltip->text);
  g_free (tooltip->markup);
  g_free (tooltip);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *gtk_tooltip,
                  Tooltip    *tooltip)
{
  if (tooltip->markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (gtk_tooltip, tooltip->markup);
  return TRUE;
}

/* Takes @text and @markup, both NULL or neither */
static void
set_tooltip (GtkWidget *widget,
             char      *text,
             char      *markup)
{
  Tooltip *tooltip = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());

  if (tooltip == NULL)
    {
      if (markup == NULL)
        return;
      tooltip = g_new0 (Tooltip, 1);
      g_object_set_qdata_full (G_OBJECT (widget), tooltip_quark (), tooltip, tooltip_free);
      g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), tooltip);
    }
  else if (g_strcmp0 (tooltip->markup, markup) == 0)
    {
      g_free (text);
      g_free (markup);
      return;
    }

  g_free (tooltip->text);
  g_free (tooltip->markup);
  tooltip->text = text;
  tooltip->markup = markup;

  if (text != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget),
                                   GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
  gtk_widget_set_has_tooltip (widget, markup != NULL);
  /* A tooltip shown now is updated: one can be shown only for a widget under the
   * pointer (or with the focus). The query asks the X server where the pointer is,
   * two round trips, and a document of 1000 series asked it for every row, name and
   * warning whose tooltip changed: thousands, seconds of the main loop for each
   * removal or undo. */
  if (gtk_widget_get_mapped (widget) &&
      (gtk_widget_get_state_flags (widget) &
       (GTK_STATE_FLAG_PRELIGHT | GTK_STATE_FLAG_FOCUS_WITHIN)) != 0)
    gtk_widget_trigger_tooltip_query (widget);
}

/* Whether @widget has this tooltip already (not parsed again: a row's tooltip holds
 * its label, up to 1000 characters, and a document's rows are all shown theirs again
 * when it is opened or an edit undone) */
static gboolean
has_tooltip_markup (GtkWidget  *widget,
                    const char *markup)
{
  Tooltip *tooltip = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());

  return tooltip != NULL ? g_strcmp0 (tooltip->markup, markup) == 0 : markup == NULL;
}

void
anneal_widget_set_tooltip_text (GtkWidget  *widget,
                                const char *text)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  text = nonempty (text);
  set_tooltip (widget, g_strdup (text), text != NULL ? g_markup_escape_text (text, -1) : NULL);
}

void
anneal_widget_set_tooltip_markup (GtkWidget  *widget,
                                  const char *markup)
{
  char *text = NULL;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  markup = nonempty (markup);
  if (has_tooltip_markup (widget, markup))
    return;
  /* As GTK: the text is the markup's, or none where it does not parse */
  if (markup != NULL && !pango_parse_markup (markup, -1, 0, NULL, &text, NULL, NULL))
    text = NULL;
  set_tooltip (widget, text, g_strdup (markup));
}

const char *
anneal_widget_get_tooltip_text (GtkWidget *widget)
{
  Tooltip *tooltip;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  tooltip = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());
  return tooltip != NULL ? tooltip->text : gtk_widget_get_tooltip_text (widget);
}

const char *
anneal_widget_get_tooltip_markup (GtkWidget *widget)
{
  Tooltip *tooltip;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  tooltip = g_object_get_qdata (G_OBJECT (widget), tooltip_quark ());
  return tooltip != NULL ? tooltip->markup : gtk_widget_get_tooltip_markup (widget);
}
