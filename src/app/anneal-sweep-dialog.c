/* anneal-sweep-dialog.c — one parameter over a list or range of values: a family of curves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "anneal-dialog.h"
#include "anneal-number.h"
#include "anneal-sweep-dialog.h"
#include "anneal-spin-row.h"

struct _AnnealSweepDialog
{
  AdwWindow       parent_instance;

  AnnealSchedule *schedule;
  guint           stage;
  GPtrArray      *params;      /* const AnnealParam *, the numeric ones */

  GtkWidget      *param_row;
  GtkWidget      *mode_row;
  GtkWidget      *values_row;
  GtkWidget      *from_spin;
  GtkWidget      *to_spin;
  GtkWidget      *count_spin;
  GtkWidget      *range_group;
  GtkWidget      *error_label;
  GtkWidget      *create_button;
};

G_DEFINE_FINAL_TYPE (AnnealSweepDialog, anneal_sweep_dialog, ADW_TYPE_WINDOW)

enum {
  SWEEP,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Splits a list of values at ';', white space and commas. In a locale whose decimal
 * mark is the comma, a comma between two digits is that mark ("0,01, 0,1" is two
 * values), any other comma separates. */
static GPtrArray *
split_values (const char *text)
{
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  gboolean comma_mark = anneal_number_get_mark () == ',';
  GString *part = g_string_new (NULL);

  for (const char *p = text; ; p++)
    {
      gboolean separator = *p == '\0' || *p == ';' || g_ascii_isspace (*p);

      if (*p == ',')
        separator = !(comma_mark && p > text && g_ascii_isdigit (p[-1]) &&
                      g_ascii_isdigit (p[1]));

      if (!separator)
        {
          g_string_append_c (part, *p);
          continue;
        }

      if (part->len > 0)
        {
          g_ptr_array_add (parts, g_strdup (part->str));
          g_string_truncate (part, 0);
        }
      if (*p == '\0')
        break;
    }

  g_string_free (part, TRUE);
  return parts;
}

GArray *
anneal_sweep_parse_values (const char  *text,
                           GError     **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  parts = split_values (text);
  for (guint i = 0; i < parts->len; i++)
    {
      const char *part = g_ptr_array_index (parts, i);
      double value;

      if (!anneal_number_parse (part, &value))
        {
          g_autofree char *message = anneal_number_refusal (part);

          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, message);
          return NULL;
        }

      if (values->len >= ANNEAL_SWEEP_MAX_VALUES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("A sweep takes at most %d values"), ANNEAL_SWEEP_MAX_VALUES);
          return NULL;
        }
      g_array_append_val (values, value);
    }

  if (values->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Give at least one value, e.g. 1, 2, 3, 4"));
      return NULL;
    }

  return g_steal_pointer (&values);
}

GArray *
anneal_sweep_range_values (double   from,
                           double   to,
                           guint    count,
                           gboolean integer)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  count = CLAMP (count, 1, ANNEAL_SWEEP_MAX_VALUES);
  for (guint i = 0; i < count; i++)
    {
      double value = count == 1 ? from : from + (to - from) * i / (count - 1);

      if (integer)
        {
          value = round (value);
          if (values->len > 0 && g_array_index (values, double, values->len - 1) == value)
            continue;
        }
      else
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          /* 0.1 + 0.2 steps: keep ten significant digits, not binary noise */
          value = g_ascii_strtod (g_ascii_formatd (buf, sizeof buf, "%.10g", value), NULL);
        }
      g_array_append_val (values, value);
    }

  return values;
}

static const AnnealParam *
get_selected_param (AnnealSweepDialog *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->param_row));

  if (selected >= self->params->len)
    return NULL;

  return g_ptr_array_index (self->params, selected);
}

static GArray *
get_values (AnnealSweepDialog  *self,
            GError            **error)
{
  const AnnealParam *param = get_selected_param (self);

  if (adw_combo_row_get_selected (ADW_COMBO_ROW (self->mode_row)) == 0)
    return anneal_sweep_parse_values (gtk_editable_get_text (GTK_EDITABLE (self->values_row)),
                                      error);

  return anneal_sweep_range_values (gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->from_spin)),
                                    gtk_spin_button_get_value (GTK_SPIN_BUTTON (self->to_spin)),
                                    gtk_spin_button_get_value_as_int (
                                      GTK_SPIN_BUTTON (self->count_spin)),
                                    param != NULL &&
                                    anneal_param_get_value_type (param) == ANNEAL_PARAM_INTEGER);
}

/* A value as spec text, as the window writes it into the curve and its label. */
static void
value_to_text (const AnnealParam *param,
               double             value,
               char               text[ANNEAL_FORMAT_DOUBLE_BUFSIZE])
{
  if (anneal_param_get_value_type (param) == ANNEAL_PARAM_INTEGER &&
      fabs (value - round (value)) < 1e-9)
    g_snprintf (text, ANNEAL_FORMAT_DOUBLE_BUFSIZE, "%" G_GINT64_FORMAT,
                (gint64) llround (value));
  else
    anneal_format_double (value, text);
}

/* The values, each one tried on the schedule: a value the parameter refuses
 * ("-1" for a learning rate) is an error here, before the dialog closes. */
static GArray *
get_checked_values (AnnealSweepDialog  *self,
                    GError            **error)
{
  const AnnealParam *param = get_selected_param (self);
  g_autoptr(GArray) values = get_values (self, error);

  if (values == NULL || param == NULL)
    return g_steal_pointer (&values);

  for (guint i = 0; i < values->len; i++)
    {
      char text[ANNEAL_FORMAT_DOUBLE_BUFSIZE];
      AnnealSchedule *member;

      value_to_text (param, g_array_index (values, double, i), text);
      member = anneal_schedule_with_param (self->schedule, self->stage,
                                           anneal_param_get_name (param), text, error);
      if (member == NULL)
        return NULL;
      anneal_schedule_unref (member);
    }

  return g_steal_pointer (&values);
}

static void
validate (AnnealSweepDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = get_checked_values (self, &error);
  gboolean list = adw_combo_row_get_selected (ADW_COMBO_ROW (self->mode_row)) == 0;

  gtk_widget_set_visible (self->values_row, list);
  gtk_widget_set_visible (self->range_group, !list);

  if (values == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
      if (list)
        {
          gtk_widget_add_css_class (self->values_row, "error");
          gtk_accessible_update_state (GTK_ACCESSIBLE (self->values_row),
                                       GTK_ACCESSIBLE_STATE_INVALID,
                                       GTK_ACCESSIBLE_INVALID_TRUE, -1);
        }
    }
  else
    gtk_label_set_text (GTK_LABEL (self->error_label), "");

  if (values != NULL || !list)
    {
      gtk_widget_remove_css_class (self->values_row, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->values_row),
                                  GTK_ACCESSIBLE_STATE_INVALID);
    }

  gtk_widget_set_visible (self->error_label, values == NULL);
  gtk_widget_set_sensitive (self->create_button,
                            values != NULL && get_selected_param (self) != NULL);
}

static void
on_param_selected (AnnealSweepDialog *self)
{
  const AnnealParam *param = get_selected_param (self);
  double value;

  if (param == NULL)
    return;

  value = anneal_schedule_get_number (self->schedule, self->stage, anneal_param_get_name (param));
  if (isfinite (value))
    {
      gboolean integer = anneal_param_get_value_type (param) == ANNEAL_PARAM_INTEGER;
      double min = anneal_param_get_minimum (param);
      double max = anneal_param_get_maximum (param);
      double lo = integer ? MAX (1, round (value / 2)) : value / 2;
      double hi = integer ? round (value * 2) : value * 2;

      if (isfinite (min) && lo < min)
        lo = min;
      if (isfinite (max) && hi > max)
        hi = max;
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->from_spin), lo);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->to_spin), hi);

      /* A list around the current value; the notebook's 1 … 4 for the steepness. */
      if (g_strcmp0 (anneal_param_get_name (param), "a") == 0)
        gtk_editable_set_text (GTK_EDITABLE (self->values_row), "1, 2, 3, 4");
      else
        {
          char a[ANNEAL_FORMAT_DOUBLE_BUFSIZE], b[ANNEAL_FORMAT_DOUBLE_BUFSIZE];
          char c[ANNEAL_FORMAT_DOUBLE_BUFSIZE];
          g_autofree char *text = NULL;

          /* Written as the spin buttons write numbers: the locale's mark. */
          anneal_format_double (lo, a);
          anneal_format_double (value, b);
          anneal_format_double (hi, c);
          g_strdelimit (a, ".", anneal_number_get_mark ());
          g_strdelimit (b, ".", anneal_number_get_mark ());
          g_strdelimit (c, ".", anneal_number_get_mark ());
          /* (where the comma is the decimal mark, "0,05; 0,1; 0,2" reads better than
           * "0,05, 0,1, 0,2", which split_values() reads the same) */
          if (anneal_number_get_mark () == ',')
            text = g_strdup_printf ("%s; %s; %s", a, b, c);
          else
            text = g_strdup_printf ("%s, %s, %s", a, b, c);
          gtk_editable_set_text (GTK_EDITABLE (self->values_row), text);
        }
    }

  validate (self);
}

static void
on_create_clicked (AnnealSweepDialog *self)
{
  g_autoptr(GArray) values = get_checked_values (self, NULL);
  const AnnealParam *param = get_selected_param (self);

  /* Refused values stay in the dialog, with the reason under them. */
  if (values == NULL || param == NULL)
    {
      validate (self);
      return;
    }

  g_signal_emit (self, signals[SWEEP], 0, anneal_param_get_name (param), values);
  gtk_window_destroy (GTK_WINDOW (self));
}

void
anneal_sweep_dialog_confirm (AnnealSweepDialog *self)
{
  g_return_if_fail (ANNEAL_IS_SWEEP_DIALOG (self));

  on_create_clicked (self);
}

static void
anneal_sweep_dialog_dispose (GObject *object)
{
  AnnealSweepDialog *self = (AnnealSweepDialog *)object;

  g_clear_pointer (&self->schedule, anneal_schedule_unref);
  g_clear_pointer (&self->params, g_ptr_array_unref);

  G_OBJECT_CLASS (anneal_sweep_dialog_parent_class)->dispose (object);
}

static void
anneal_sweep_dialog_class_init (AnnealSweepDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = anneal_sweep_dialog_dispose;

  signals[SWEEP] = g_signal_new ("sweep", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                 G_TYPE_STRING, G_TYPE_ARRAY);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
anneal_sweep_dialog_init (AnnealSweepDialog *self)
{
  static const char * const modes[] = { N_("List of values"), N_("Evenly spaced range"), NULL };
  g_autoptr(GtkStringList) mode_model = gtk_string_list_new (NULL);
  GtkWidget *box, *header, *cancel, *page, *group, *row;

  self->params = g_ptr_array_new ();

  gtk_window_set_title (GTK_WINDOW (self), _("Sweep a Parameter"));
  gtk_window_set_resizable (GTK_WINDOW (self), FALSE);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Sweep a Parameter"), NULL));
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "window.close");
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), cancel);
  self->create_button = gtk_button_new_with_mnemonic (_("_Add Curves"));
  gtk_widget_add_css_class (self->create_button, "suggested-action");
  g_signal_connect_swapped (self->create_button, "clicked", G_CALLBACK (on_create_clicked), self);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->create_button);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->create_button);
  gtk_box_append (GTK_BOX (box), header);

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  gtk_widget_set_margin_top (page, 18);
  gtk_widget_set_margin_bottom (page, 18);
  gtk_widget_set_margin_start (page, 18);
  gtk_widget_set_margin_end (page, 18);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("Adds one curve for each value, labelled with it."));
  self->param_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->param_row), _("_Parameter"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->param_row), TRUE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->param_row);

  for (guint i = 0; modes[i] != NULL; i++)
    gtk_string_list_append (mode_model, _(modes[i]));
  self->mode_row = adw_combo_row_new ();
  adw_combo_row_set_model (ADW_COMBO_ROW (self->mode_row), G_LIST_MODEL (mode_model));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mode_row), _("_Values"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->mode_row), TRUE);
  g_signal_connect_swapped (self->mode_row, "notify::selected", G_CALLBACK (validate), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->mode_row);

  self->values_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->values_row),
                                 _("Values, separated by commas"));
  gtk_editable_set_text (GTK_EDITABLE (self->values_row), "1, 2, 3, 4");
  g_signal_connect_swapped (self->values_row, "changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->values_row, "entry-activated",
                            G_CALLBACK (on_create_clicked), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), self->values_row);
  gtk_box_append (GTK_BOX (page), group);

  group = adw_preferences_group_new ();
  self->range_group = group;
  row = anneal_spin_row_new (_("_From"), NULL, -1e15, 1e15, 0.1, 4, &self->from_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = anneal_spin_row_new (_("_To"), NULL, -1e15, 1e15, 0.1, 4, &self->to_spin);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  row = anneal_spin_row_new (_("_Number of curves"), NULL, 1, ANNEAL_SWEEP_MAX_VALUES, 1, 0,
                             &self->count_spin);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->count_spin), 4);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  g_signal_connect_swapped (self->from_spin, "value-changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->to_spin, "value-changed", G_CALLBACK (validate), self);
  g_signal_connect_swapped (self->count_spin, "value-changed", G_CALLBACK (validate), self);
  gtk_box_append (GTK_BOX (page), group);

  self->error_label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->error_label, "error");
  gtk_label_set_wrap (GTK_LABEL (self->error_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->error_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->error_label), 0);
  gtk_box_append (GTK_BOX (page), self->error_label);

  gtk_box_append (GTK_BOX (box), page);
  adw_window_set_content (ADW_WINDOW (self), box);
}

AnnealSweepDialog *
anneal_sweep_dialog_new (GtkWindow      *parent,
                         AnnealSchedule *schedule,
                         guint           stage)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  AnnealSweepDialog *self;
  const AnnealKind *kind;
  guint preferred = 0;

  g_return_val_if_fail (schedule != NULL, NULL);

  self = g_object_new (ANNEAL_TYPE_SWEEP_DIALOG, "transient-for", parent, NULL);
  anneal_dialog_fit_parent (GTK_WINDOW (self), 440);
  self->schedule = anneal_schedule_ref (schedule);
  self->stage = stage;

  kind = anneal_schedule_get_kind (schedule, stage);
  for (guint i = 0; i < anneal_kind_get_n_params (kind); i++)
    {
      const AnnealParam *param = anneal_kind_get_param (kind, i);
      AnnealParamType type = anneal_param_get_value_type (param);

      if (type != ANNEAL_PARAM_NUMBER && type != ANNEAL_PARAM_INTEGER)
        continue;

      /* The notebook's sweep is over the steepness "a": prefer it when there is one. */
      if (g_strcmp0 (anneal_param_get_name (param), "a") == 0)
        preferred = self->params->len;
      g_ptr_array_add (self->params, (gpointer) param);
      gtk_string_list_append (model, anneal_param_get_name (param));
    }

  adw_combo_row_set_model (ADW_COMBO_ROW (self->param_row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->param_row), preferred);
  g_signal_connect_swapped (self->param_row, "notify::selected",
                            G_CALLBACK (on_param_selected), self);
  on_param_selected (self);

  return self;
}
