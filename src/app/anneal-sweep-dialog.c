/* anneal-sweep-dialog.c — one parameter over a list or range of values: a family of curves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

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

GArray *
anneal_sweep_parse_values (const char  *text,
                           GError     **error)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit_set (text, ", ;\t", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      char *slash, *end = NULL;
      double value, den = 1;

      if (part[0] == '\0')
        continue;

      slash = strchr (part, '/');
      if (slash != NULL)
        *slash = '\0';
      value = g_ascii_strtod (part, &end);
      if (end == part || *end != '\0')
        goto bad;
      if (slash != NULL)
        {
          den = g_ascii_strtod (slash + 1, &end);
          if (end == slash + 1 || *end != '\0' || den == 0)
            goto bad;
        }
      value /= den;
      if (!isfinite (value))
        goto bad;

      if (values->len >= ANNEAL_SWEEP_MAX_VALUES)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("A sweep takes at most %d values"), ANNEAL_SWEEP_MAX_VALUES);
          return NULL;
        }
      g_array_append_val (values, value);
      continue;

    bad:
      if (slash != NULL)
        *slash = '/';
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a number"), part);
      return NULL;
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

static void
validate (AnnealSweepDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = get_values (self, &error);
  gboolean list = adw_combo_row_get_selected (ADW_COMBO_ROW (self->mode_row)) == 0;

  gtk_widget_set_visible (self->values_row, list);
  gtk_widget_set_visible (self->range_group, !list);

  if (values == NULL)
    {
      gtk_label_set_text (GTK_LABEL (self->error_label), error->message);
      gtk_widget_add_css_class (self->values_row, "error");
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->error_label), "");
      gtk_widget_remove_css_class (self->values_row, "error");
    }

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

          anneal_format_double (lo, a);
          anneal_format_double (value, b);
          anneal_format_double (hi, c);
          text = g_strdup_printf ("%s, %s, %s", a, b, c);
          gtk_editable_set_text (GTK_EDITABLE (self->values_row), text);
        }
    }

  validate (self);
}

static void
on_create_clicked (AnnealSweepDialog *self)
{
  g_autoptr(GArray) values = get_values (self, NULL);
  const AnnealParam *param = get_selected_param (self);

  if (values == NULL || param == NULL)
    return;

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
  gtk_window_set_default_size (GTK_WINDOW (self), 440, -1);
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
