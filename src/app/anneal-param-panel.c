/* anneal-param-panel.c — editors for one stage's parameters, generated from its kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here knows a schedule kind by name: the rows come from AnnealKind's table
 * of AnnealParam (type, range, flags, one-line description). A change is reported
 * as "param-changed" (name, value as spec text); the window applies it through
 * anneal_schedule_with_param() and hands the new schedule back.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <glib/gi18n.h>

#include "anneal-number.h"
#include "anneal-param-panel.h"
#include "anneal-series-row.h"
#include "anneal-wheel.h"
#include "anneal-tooltip.h"

#define STAGE_LENGTH_PARAM "for"

typedef struct
{
  AnnealParamPanel  *panel;
  const AnnealParam *param;    /* NULL for the stage length */
  char              *name;
  AnnealParamType    type;
  GtkWidget         *row;
  GtkWidget         *editor;
  char              *text;     /* the current value as canonical spec text */
  char              *subtitle; /* the row's own subtitle, while it shows a refusal */
} Editor;

struct _AnnealParamPanel
{
  AdwBin            parent_instance;

  GtkWidget        *box;
  GtkWidget        *pitfalls_box;
  GtkWidget        *pitfalls_group;
  char             *pitfalls_key;   /* what the pitfalls group shows, to rebuild only on change */
  GtkWidget        *group;
  AnnealSchedule   *schedule;
  const AnnealKind *kind;
  guint             stage;
  guint             n_stages;
  GPtrArray        *editors;
  guint             updating;
};

G_DEFINE_FINAL_TYPE (AnnealParamPanel, anneal_param_panel, ADW_TYPE_BIN)

enum {
  PARAM_CHANGED,
  FIX_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
editor_free (gpointer data)
{
  Editor *editor = data;

  g_free (editor->name);
  g_free (editor->text);
  g_free (editor->subtitle);
  g_free (editor);
}

static Editor *
find_editor (AnnealParamPanel *self,
             const char       *name)
{
  for (guint i = 0; i < self->editors->len; i++)
    {
      Editor *editor = g_ptr_array_index (self->editors, i);

      if (g_strcmp0 (editor->name, name) == 0)
        return editor;
    }

  return NULL;
}

/* Text of a number for the spec: integers exactly, reals rounded to ten significant
 * digits (so that stepping 0.1 by 0.01 gives 0.11, not 0.11000000000000001). */
static char *
number_to_text (double          value,
                AnnealParamType type)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char out[ANNEAL_FORMAT_DOUBLE_BUFSIZE];

  if (type == ANNEAL_PARAM_INTEGER)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) llround (value));

  g_ascii_formatd (buf, sizeof buf, "%.10g", value);
  anneal_format_double (g_ascii_strtod (buf, NULL), out);

  return g_strdup (out);
}

/* Reads "0.1", "1e-3" or "1/3", in the C locale. */
static gboolean
parse_number (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *slash = strchr (copy, '/');
  char *end = NULL;
  double num, den = 1;

  if (slash != NULL)
    *slash = '\0';

  num = g_ascii_strtod (copy, &end);
  if (end == copy || *g_strchug (end) != '\0')
    return FALSE;

  if (slash != NULL)
    {
      char *den_text = g_strstrip (slash + 1);

      den = g_ascii_strtod (den_text, &end);
      if (end == den_text || *end != '\0' || den == 0)
        return FALSE;
    }

  *value = num / den;
  return isfinite (*value);
}

static void
emit_changed (Editor     *editor,
              const char *text)
{
  AnnealParamPanel *self = editor->panel;

  if (self->updating > 0 || g_strcmp0 (text, editor->text) == 0)
    return;

  g_free (editor->text);
  editor->text = g_strdup (text);
  g_signal_emit (self, signals[PARAM_CHANGED], 0, editor->name, text);
}

static double
rate_step (double value)
{
  double magnitude;

  if (!(value > 0))
    return 0.001;

  magnitude = pow (10, floor (log10 (value) + 1e-9));
  return magnitude / 10;
}

static void
update_spin_steps (Editor *editor)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (editor->editor);
  double value = gtk_spin_button_get_value (spin);
  double step;

  if (editor->type == ANNEAL_PARAM_INTEGER)
    step = value >= 1000 ? pow (10, floor (log10 (value)) - 1) : 1;
  else if (editor->param != NULL &&
           (anneal_param_get_flags (editor->param) & ANNEAL_PARAM_FLAGS_RATE))
    step = rate_step (value);
  else
    step = fabs (value) >= 10 ? 1 : fabs (value) >= 1 ? 0.1 : 0.01;

  gtk_spin_button_set_increments (spin, step, step * 10);
}

static void
on_spin_value_changed (GtkSpinButton *spin,
                       Editor        *editor)
{
  g_autofree char *text = number_to_text (gtk_spin_button_get_value (spin), editor->type);

  if (editor->panel->updating == 0)
    update_spin_steps (editor);
  emit_changed (editor, text);
}

static gboolean
on_spin_output (GtkSpinButton *spin,
                Editor        *editor)
{
  double value = gtk_spin_button_get_value (spin);
  g_autofree char *text = NULL;
  double current;

  /* Keep the text as written ("1/3") while the value is the same. */
  if (editor->text != NULL && parse_number (editor->text, &current) &&
      fabs (current - value) <= 1e-12 * MAX (1.0, fabs (value)))
    text = g_strdup (editor->text);
  else
    text = number_to_text (value, editor->type);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

/* Text that is not a number: the row says so in its subtitle (the spin button puts
 * back the last valid value), until a number is typed. */
static void
show_refused (Editor     *editor,
              const char *text)
{
  const char *mark = localeconv ()->decimal_point;
  g_autofree char *example = g_strdup_printf ("0%s01", mark && mark[0] ? mark : ".");
  g_autofree char *message = NULL;

  if (editor->subtitle == NULL)
    editor->subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (editor->row)));

  /* Translators: %s is what was typed, then an example number in the user's locale */
  message = g_strdup_printf (_("“%s” is not a number: write it like %s, 1e-3 or 1/3"),
                             text, example);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (editor->row), message);
  gtk_widget_add_css_class (editor->editor, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (editor->editor),
                               GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
  gtk_widget_error_bell (editor->editor);
}

static void
clear_refused (Editor *editor)
{
  if (editor->subtitle == NULL)
    return;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (editor->row), editor->subtitle);
  g_clear_pointer (&editor->subtitle, g_free);
  gtk_widget_remove_css_class (editor->editor, "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (editor->editor), GTK_ACCESSIBLE_STATE_INVALID);
}

/* What a person types: the locale's decimal mark or '.', fractions too. */
static int
on_spin_input (GtkSpinButton *spin,
               double        *new_value,
               Editor        *editor)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (!anneal_number_parse (text, new_value))
    {
      show_refused (editor, text);
      /* GTK sets whatever is returned here, error or not: keep the value. */
      *new_value = gtk_spin_button_get_value (spin);
      return GTK_INPUT_ERROR;
    }

  clear_refused (editor);
  return TRUE;
}

static void
on_scale_value_changed (GtkRange *range,
                        Editor   *editor)
{
  g_autofree char *text = number_to_text (gtk_range_get_value (range), ANNEAL_PARAM_NUMBER);

  emit_changed (editor, text);
}

static char *
format_scale_value (GtkScale *scale,
                    double    value,
                    gpointer  user_data)
{
  return g_strdup_printf ("%.2f", value);
}

static void
on_combo_selected (AdwComboRow *row,
                   GParamSpec  *pspec,
                   Editor      *editor)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == GTK_INVALID_LIST_POSITION || editor->param == NULL)
    return;

  emit_changed (editor, anneal_param_get_choices (editor->param)[selected]);
}

static void
on_switch_active (GtkSwitch  *widget,
                  GParamSpec *pspec,
                  Editor     *editor)
{
  emit_changed (editor, gtk_switch_get_active (widget) ? "true" : "false");
}

static void
on_list_changed (GtkEditable *editable,
                 Editor      *editor)
{
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *value = NULL;

  if (editor->panel->updating > 0)
    return;

  /* Accept "30, 80" as well as "[30, 80]". */
  if (strchr (text, '[') == NULL)
    value = g_strdup_printf ("[%s]", text);
  else
    value = g_strdup (text);

  emit_changed (editor, value);
}

static void
get_bounds (const AnnealParam *param,
            AnnealParamType    type,
            double            *lower,
            double            *upper)
{
  double min = param ? anneal_param_get_minimum (param) : 1;
  double max = param ? anneal_param_get_maximum (param) : (double) ANNEAL_EPOCH_MAX;
  double limit = type == ANNEAL_PARAM_INTEGER ? (double) ANNEAL_EPOCH_MAX : 1e15;

  if (!isfinite (min) || min < -limit)
    min = -limit;
  if (!isfinite (max) || max > limit)
    max = limit;

  if (param != NULL && (anneal_param_get_flags (param) & ANNEAL_PARAM_FLAGS_MIN_OPEN))
    min = type == ANNEAL_PARAM_INTEGER ? min + 1
        : min == 0 ? 1e-12 : nextafter (min, G_MAXDOUBLE);
  if (param != NULL && (anneal_param_get_flags (param) & ANNEAL_PARAM_FLAGS_MAX_OPEN))
    max = type == ANNEAL_PARAM_INTEGER ? max - 1 : nextafter (max, -G_MAXDOUBLE);

  *lower = min;
  *upper = MAX (min, max);
}

static void
set_editor_value (Editor *editor,
                  const char *text)
{
  double value;

  g_free (editor->text);
  editor->text = g_strdup (text);
  gtk_widget_remove_css_class (editor->editor, "error");

  switch (editor->type)
    {
    case ANNEAL_PARAM_NUMBER:
    case ANNEAL_PARAM_INTEGER:
      if (!parse_number (text, &value))
        break;
      if (GTK_IS_SCALE (editor->editor))
        gtk_range_set_value (GTK_RANGE (editor->editor), value);
      else
        {
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor->editor), value);
          update_spin_steps (editor);
          on_spin_output (GTK_SPIN_BUTTON (editor->editor), editor);
        }
      break;

    case ANNEAL_PARAM_CHOICE:
      {
        const char * const *choices = anneal_param_get_choices (editor->param);

        for (guint i = 0; choices[i] != NULL; i++)
          if (g_strcmp0 (choices[i], text) == 0)
            adw_combo_row_set_selected (ADW_COMBO_ROW (editor->row), i);
      }
      break;

    case ANNEAL_PARAM_BOOLEAN:
      gtk_switch_set_active (GTK_SWITCH (editor->editor), g_strcmp0 (text, "true") == 0);
      break;

    case ANNEAL_PARAM_LIST:
      {
        g_autofree char *inner = g_strdup (text);

        /* Shown without the brackets: "30, 80". */
        if (inner[0] == '[')
          {
            gsize len = strlen (inner);

            memmove (inner, inner + 1, len);
            if (len > 1 && inner[len - 2] == ']')
              inner[len - 2] = '\0';
          }
        if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (editor->editor)), inner) != 0)
          gtk_editable_set_text (GTK_EDITABLE (editor->editor), inner);
      }
      break;

    default:
      break;
    }
}

/* An action row titled @title with @widget, the editor of @editor, at its end.
 * @description, when given, is also read out by screen readers. */
static GtkWidget *
editor_row (Editor     *editor,
            const char *title,
            const char *subtitle,
            const char *description,
            GtkWidget  *widget,
            gboolean    activatable)
{
  GtkWidget *row = adw_action_row_new ();

  gtk_widget_set_valign (widget, GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), widget);
  if (activatable)
    adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), widget);
  /* One Tab stop per parameter: its editor, not the row and then the editor. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  editor->editor = widget;
  return row;
}

static GtkWidget *
add_spin_row (AnnealParamPanel  *self,
              Editor            *editor,
              const char        *title,
              const char        *subtitle)
{
  GtkWidget *spin;
  double lower, upper;

  get_bounds (editor->param, editor->type, &lower, &upper);

  spin = gtk_spin_button_new_with_range (lower, upper, 1);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin),
                              editor->type == ANNEAL_PARAM_INTEGER ? 0 : 10);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 10);
  g_signal_connect (spin, "output", G_CALLBACK (on_spin_output), editor);
  g_signal_connect (spin, "input", G_CALLBACK (on_spin_input), editor);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_value_changed), editor);
  anneal_wheel_scrolls_unless_focused (spin);

  return editor_row (editor, title, subtitle, subtitle, spin, TRUE);
}

static GtkWidget *
create_row (AnnealParamPanel  *self,
            Editor            *editor)
{
  const AnnealParam *param = editor->param;
  g_autofree char *range = anneal_param_describe_range (param);
  const char *summary = anneal_param_get_summary (param);
  GtkWidget *row = NULL;

  switch (anneal_param_get_value_type (param))
    {
    case ANNEAL_PARAM_NUMBER:
    case ANNEAL_PARAM_INTEGER:
      if ((anneal_param_get_flags (param) & ANNEAL_PARAM_FLAGS_WEIGHT) &&
          isfinite (anneal_param_get_minimum (param)) &&
          isfinite (anneal_param_get_maximum (param)))
        {
          GtkWidget *scale;
          double lower, upper;

          get_bounds (param, anneal_param_get_value_type (param), &lower, &upper);
          scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, lower, upper, 0.01);
          gtk_scale_set_draw_value (GTK_SCALE (scale), TRUE);
          gtk_scale_set_value_pos (GTK_SCALE (scale), GTK_POS_RIGHT);
          gtk_scale_set_digits (GTK_SCALE (scale), 2);
          gtk_scale_set_format_value_func (GTK_SCALE (scale), format_scale_value, NULL, NULL);
          gtk_widget_set_size_request (scale, 150, -1);
          g_signal_connect (scale, "value-changed", G_CALLBACK (on_scale_value_changed), editor);
          anneal_wheel_scrolls_unless_focused (scale);
          row = editor_row (editor, anneal_param_get_name (param), summary, summary, scale, FALSE);
        }
      else
        row = add_spin_row (self, editor, anneal_param_get_name (param), summary);
      break;

    case ANNEAL_PARAM_CHOICE:
      {
        g_autoptr(GtkStringList) model = NULL;

        model = gtk_string_list_new (anneal_param_get_choices (param));

        row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), anneal_param_get_name (param));
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), summary);
        g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), editor);
        editor->editor = row;
      }
      break;

    case ANNEAL_PARAM_BOOLEAN:
      {
        GtkWidget *widget = gtk_switch_new ();

        g_signal_connect (widget, "notify::active", G_CALLBACK (on_switch_active), editor);
        row = editor_row (editor, anneal_param_get_name (param), summary, NULL, widget, TRUE);
      }
      break;

    case ANNEAL_PARAM_LIST:
    default:
      {
        GtkWidget *entry = gtk_entry_new ();

        gtk_editable_set_width_chars (GTK_EDITABLE (entry), 12);
        gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "30, 80");
        g_signal_connect (entry, "changed", G_CALLBACK (on_list_changed), editor);
        row = editor_row (editor, anneal_param_get_name (param), summary, NULL, entry, TRUE);
      }
      break;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (range != NULL && range[0] != '\0')
    {
      /* Translators: a tooltip: the parameter's description, then its allowed range */
      g_autofree char *tooltip = g_strdup_printf (_("%s\nAllowed: %s"), summary, range);

      anneal_widget_set_tooltip_text (editor->editor, tooltip);
    }

  editor->row = row;
  return row;
}

static void
rebuild (AnnealParamPanel *self)
{
  g_autofree char *title = NULL;

  if (self->group != NULL)
    gtk_box_remove (GTK_BOX (self->box), self->group);
  self->group = NULL;
  g_ptr_array_set_size (self->editors, 0);

  if (self->kind == NULL)
    return;

  self->group = adw_preferences_group_new ();
  /* Translators: the title of the parameter list, e.g. "Parameters of cosine-wave" */
  title = g_strdup_printf (_("Parameters of %s"), anneal_kind_get_name (self->kind));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), title);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group),
                                         anneal_kind_get_summary (self->kind));
  gtk_box_append (GTK_BOX (self->box), self->group);

  for (guint i = 0; i < anneal_kind_get_n_params (self->kind); i++)
    {
      Editor *editor = g_new0 (Editor, 1);

      editor->panel = self;
      editor->param = anneal_kind_get_param (self->kind, i);
      editor->name = g_strdup (anneal_param_get_name (editor->param));
      editor->type = anneal_param_get_value_type (editor->param);
      g_ptr_array_add (self->editors, editor);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), create_row (self, editor));
    }

  if (self->stage + 1 < self->n_stages)
    {
      Editor *editor = g_new0 (Editor, 1);

      editor->panel = self;
      editor->name = g_strdup (STAGE_LENGTH_PARAM);
      editor->type = ANNEAL_PARAM_INTEGER;
      g_ptr_array_add (self->editors, editor);
      editor->row = add_spin_row (self, editor, STAGE_LENGTH_PARAM,
                                  _("Epochs this stage lasts before the next one starts"));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->group), editor->row);
    }
}

static void
update_values (AnnealParamPanel *self)
{
  self->updating++;

  for (guint i = 0; i < self->editors->len; i++)
    {
      Editor *editor = g_ptr_array_index (self->editors, i);
      g_autofree char *text = NULL;

      if (editor->param == NULL)
        text = g_strdup_printf ("%" G_GINT64_FORMAT,
                                anneal_schedule_get_stage_length (self->schedule, self->stage));
      else
        text = anneal_schedule_get_param (self->schedule, self->stage, editor->name);

      if (text != NULL)
        set_editor_value (editor, text);
    }

  self->updating--;
}

void
anneal_param_panel_set_schedule (AnnealParamPanel *self,
                                 AnnealSchedule   *schedule,
                                 guint             stage)
{
  const AnnealKind *kind = NULL;
  guint n_stages = 0;

  g_return_if_fail (ANNEAL_IS_PARAM_PANEL (self));

  if (schedule != NULL)
    {
      n_stages = anneal_schedule_get_n_stages (schedule);
      stage = MIN (stage, n_stages - 1);
      kind = anneal_schedule_get_kind (schedule, stage);
      anneal_schedule_ref (schedule);
    }

  g_clear_pointer (&self->schedule, anneal_schedule_unref);
  self->schedule = schedule;

  if (kind != self->kind || stage != self->stage ||
      (self->stage + 1 < self->n_stages) != (stage + 1 < n_stages))
    {
      self->kind = kind;
      self->stage = stage;
      self->n_stages = n_stages;
      rebuild (self);
    }
  self->n_stages = n_stages;

  if (schedule != NULL)
    update_values (self);
}

AnnealSchedule *
anneal_param_panel_get_schedule (AnnealParamPanel *self)
{
  g_return_val_if_fail (ANNEAL_IS_PARAM_PANEL (self), NULL);
  return self->schedule;
}

guint
anneal_param_panel_get_stage (AnnealParamPanel *self)
{
  g_return_val_if_fail (ANNEAL_IS_PARAM_PANEL (self), 0);
  return self->stage;
}

GtkWidget *
anneal_param_panel_get_editor (AnnealParamPanel *self,
                               const char       *name)
{
  Editor *editor;

  g_return_val_if_fail (ANNEAL_IS_PARAM_PANEL (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  editor = find_editor (self, name);
  return editor ? editor->editor : NULL;
}

void
anneal_param_panel_set_invalid (AnnealParamPanel *self,
                                const char       *name,
                                const char       *message)
{
  Editor *editor;

  g_return_if_fail (ANNEAL_IS_PARAM_PANEL (self));

  editor = find_editor (self, name);
  if (editor == NULL)
    return;

  if (message != NULL)
    {
      gtk_widget_add_css_class (editor->editor, "error");
      anneal_widget_set_tooltip_text (editor->editor, message);
      /* The refused value is not the schedule's: forget it so that retyping it is noticed. */
      g_clear_pointer (&editor->text, g_free);
    }
  else
    gtk_widget_remove_css_class (editor->editor, "error");
}

/* Pitfalls: what goes wrong over the run, each with its fix when there is one */

static void
on_fix_clicked (GtkButton        *button,
                AnnealParamPanel *self)
{
  guint stage = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "stage"));
  const char *param = g_object_get_data (G_OBJECT (button), "param");
  const char *value = g_object_get_data (G_OBJECT (button), "value");
  const gint64 *epochs = g_object_get_data (G_OBJECT (button), "epochs");

  g_signal_emit (self, signals[FIX_REQUESTED], 0, stage, param, value,
                 epochs != NULL ? *epochs : (gint64) 0);
}

/* A fix button whose "=" stays with the name when its label wraps: "Set t_max =" over
 * the number, not an "=" on a line of its own between them. */
static GtkWidget *
fix_button_new (const char *label)
{
  g_autoptr(GString) kept = g_string_new (label);

  g_string_replace (kept, " =", "\u00A0=", 0);
  return gtk_button_new_with_label (kept->str);
}

static GtkWidget *
create_pitfall_row (AnnealParamPanel    *self,
                    const AnnealPitfall *pitfall,
                    gint64               steps_per_unit)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  const char *value = NULL;
  const char *param = anneal_pitfall_get_fix_param (pitfall, &value);
  gint64 epochs = anneal_pitfall_get_fix_epochs (pitfall);
  GtkWidget *button = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 anneal_pitfall_id_to_string (anneal_pitfall_get_id (pitfall)));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), anneal_pitfall_get_explanation (pitfall));
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  /* A run length in steps is a fix in epochs only when it is whole epochs. */
  if (epochs > 0 && steps_per_unit > 0 && epochs % steps_per_unit == 0)
    {
      gint64 *stored = g_new (gint64, 1);
      g_autofree char *label = NULL;
      g_autofree char *number = NULL;

      *stored = epochs / steps_per_unit;
      number = g_strdup_printf ("%" G_GINT64_FORMAT, *stored);
      /* Translators: a button that sets the number of epochs of the run, e.g. "Train N = 70" */
      label = g_strdup_printf (_("Train N = %s"), number);
      button = fix_button_new (label);
      g_object_set_data_full (G_OBJECT (button), "epochs", stored, g_free);
    }
  else if (param != NULL && value != NULL)
    {
      g_autofree char *label = NULL;

      /* Translators: a button that changes a parameter, e.g. "Set t_max = 49" */
      label = g_strdup_printf (_("Set %s = %s"), param, value);
      button = fix_button_new (label);
      g_object_set_data_full (G_OBJECT (button), "param", g_strdup (param), g_free);
      g_object_set_data_full (G_OBJECT (button), "value", g_strdup (value), g_free);
    }
  if (button != NULL)
    {
      GtkWidget *text = gtk_button_get_child (GTK_BUTTON (button));

      /* "Set t_max = 999999999999999" on one line took the row's width and left the
       * explanation a column of a letter or two: the button's label wraps instead */
      if (GTK_IS_LABEL (text))
        {
          gtk_label_set_wrap (GTK_LABEL (text), TRUE);
          gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
          gtk_label_set_width_chars (GTK_LABEL (text), 9);
          gtk_label_set_max_width_chars (GTK_LABEL (text), 16);
          gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
        }
      g_object_set_data (G_OBJECT (button), "stage",
                         GUINT_TO_POINTER (anneal_pitfall_get_stage (pitfall)));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      anneal_widget_set_tooltip_text (button, _("Fix this pitfall"));
      g_signal_connect (button, "clicked", G_CALLBACK (on_fix_clicked), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  return row;
}

typedef struct
{
  GPtrArray *pitfalls;
  gint64     steps_per_unit;
} MorePitfalls;

static void
more_pitfalls_free (gpointer data)
{
  MorePitfalls *more = data;

  g_ptr_array_unref (more->pitfalls);
  g_free (more);
}

/* The rest, laid out when asked for */
static void
on_more_pitfalls_expanded (AdwExpanderRow   *expander,
                           GParamSpec       *pspec,
                           AnnealParamPanel *self)
{
  MorePitfalls *more = g_object_get_data (G_OBJECT (expander), "more");

  if (more == NULL || !adw_expander_row_get_expanded (expander))
    return;
  for (guint i = ANNEAL_PITFALLS_SHOWN; i < more->pitfalls->len; i++)
    adw_expander_row_add_row (expander,
                              create_pitfall_row (self, g_ptr_array_index (more->pitfalls, i),
                                                  more->steps_per_unit));
  g_object_set_data (G_OBJECT (expander), "more", NULL);
}

/* Past the first ANNEAL_PITFALLS_SHOWN, the pitfalls (a sequence of 64 waves has
 * one a stage) are behind an expander: 64 rows of wrapped explanations held the
 * main loop 1.5 s each time the panel was laid out anew. */
static GtkWidget *
create_more_pitfalls_row (AnnealParamPanel *self,
                          GPtrArray        *pitfalls,
                          gint64            steps_per_unit)
{
  GtkWidget *expander = adw_expander_row_new ();
  guint rest = pitfalls->len - ANNEAL_PITFALLS_SHOWN;
  MorePitfalls *more = g_new0 (MorePitfalls, 1);
  g_autofree char *title = NULL;

  more->pitfalls = g_ptr_array_ref (pitfalls);
  more->steps_per_unit = steps_per_unit;
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more pitfall", "%u more pitfalls",
                                        rest),
                           rest);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
  g_object_set_data_full (G_OBJECT (expander), "more", more, more_pitfalls_free);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_more_pitfalls_expanded), self);
  return expander;
}

void
anneal_param_panel_set_pitfalls (AnnealParamPanel *self,
                                 GPtrArray        *pitfalls,
                                 gint64            steps_per_unit,
                                 gboolean          per_step)
{
  g_autoptr(GString) key = g_string_new (NULL);

  g_return_if_fail (ANNEAL_IS_PARAM_PANEL (self));

  g_string_append_printf (key, "%" G_GINT64_FORMAT " %d", steps_per_unit, per_step);
  for (guint i = 0; pitfalls != NULL && i < pitfalls->len; i++)
    {
      const AnnealPitfall *p = g_ptr_array_index (pitfalls, i);
      const char *value = NULL;
      const char *param = anneal_pitfall_get_fix_param (p, &value);

      g_string_append_printf (key, "\n%u %s %" G_GINT64_FORMAT " %s %s",
                              anneal_pitfall_get_stage (p), anneal_pitfall_get_explanation (p),
                              anneal_pitfall_get_fix_epochs (p), param ? param : "",
                              value ? value : "");
    }
  if (g_strcmp0 (key->str, self->pitfalls_key) == 0)
    return;
  g_free (self->pitfalls_key);
  self->pitfalls_key = g_string_free (g_steal_pointer (&key), FALSE);

  if (self->pitfalls_group != NULL)
    gtk_box_remove (GTK_BOX (self->pitfalls_box), self->pitfalls_group);
  self->pitfalls_group = NULL;
  if (pitfalls == NULL || pitfalls->len == 0)
    {
      gtk_widget_set_visible (self->pitfalls_box, FALSE);
      return;
    }

  self->pitfalls_group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->pitfalls_group), _("Pitfalls"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->pitfalls_group),
                                         per_step ? _("What goes wrong over this run of steps")
                                                  : _("What goes wrong over this run of epochs"));
  for (guint i = 0; i < MIN (pitfalls->len, ANNEAL_PITFALLS_SHOWN); i++)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->pitfalls_group),
                               create_pitfall_row (self, g_ptr_array_index (pitfalls, i),
                                                   steps_per_unit));
  if (pitfalls->len > ANNEAL_PITFALLS_SHOWN)
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self->pitfalls_group),
                               create_more_pitfalls_row (self, pitfalls, steps_per_unit));
  gtk_box_append (GTK_BOX (self->pitfalls_box), self->pitfalls_group);
  gtk_widget_set_visible (self->pitfalls_box, TRUE);
}

GtkWidget *
anneal_param_panel_get_pitfalls_group (AnnealParamPanel *self)
{
  g_return_val_if_fail (ANNEAL_IS_PARAM_PANEL (self), NULL);
  return self->pitfalls_group;
}

GtkWidget *
anneal_param_panel_new (void)
{
  return g_object_new (ANNEAL_TYPE_PARAM_PANEL, NULL);
}

static void
anneal_param_panel_dispose (GObject *object)
{
  AnnealParamPanel *self = (AnnealParamPanel *)object;

  g_clear_pointer (&self->schedule, anneal_schedule_unref);
  adw_bin_set_child (ADW_BIN (self), NULL);
  self->group = NULL;
  self->pitfalls_group = NULL;
  self->pitfalls_box = NULL;
  g_clear_pointer (&self->pitfalls_key, g_free);
  self->box = NULL;
  g_clear_pointer (&self->editors, g_ptr_array_unref);

  G_OBJECT_CLASS (anneal_param_panel_parent_class)->dispose (object);
}

static void
anneal_param_panel_class_init (AnnealParamPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = anneal_param_panel_dispose;

  signals[PARAM_CHANGED] =
    g_signal_new ("param-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* A pitfall's fix: (stage, parameter, value) to set, or (…, NULL, NULL, epochs)
   * to train for. */
  signals[FIX_REQUESTED] =
    g_signal_new ("fix-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_STRING,
                  G_TYPE_STRING, G_TYPE_INT64);
}

static void
anneal_param_panel_init (AnnealParamPanel *self)
{
  self->editors = g_ptr_array_new_with_free_func (editor_free);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  adw_bin_set_child (ADW_BIN (self), self->box);
  /* First in the box: rebuild() appends the parameters after it. */
  self->pitfalls_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_bottom (self->pitfalls_box, 18);
  gtk_widget_set_visible (self->pitfalls_box, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->pitfalls_box);
}
