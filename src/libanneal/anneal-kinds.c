/* anneal-kinds.c — the catalogue of schedule kinds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Anneal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "anneal-private.h"

#include "anneal-kind-list.h"

#define DECLARE_KIND(name) extern const AnnealKindClass anneal_kind_##name;
ANNEAL_KIND_LIST (DECLARE_KIND)
#undef DECLARE_KIND

/* The one table, in the order of src/libanneal/kinds/meson.build. */
#define KIND_ENTRY(name) &anneal_kind_##name,
static const AnnealKindClass * const kind_classes[] = {
  ANNEAL_KIND_LIST (KIND_ENTRY)
};
#undef KIND_ENTRY

guint
anneal_kind_class_count (void)
{
  return G_N_ELEMENTS (kind_classes);
}

const AnnealKindClass *
anneal_kind_class_nth (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (kind_classes), NULL);
  return kind_classes[i];
}

const AnnealKindClass *
anneal_kind_class_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_classes); i++)
    if (strcmp (kind_classes[i]->info.name, name) == 0)
      return kind_classes[i];
  return NULL;
}

const AnnealKindClass *
anneal_kind_get_class (const AnnealKind *kind)
{
  /* AnnealKind is the first member of AnnealKindClass. */
  return (const AnnealKindClass *) kind;
}

guint
anneal_kind_get_count (void)
{
  return G_N_ELEMENTS (kind_classes);
}

const AnnealKind *
anneal_kind_get_nth (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (kind_classes), NULL);
  return &kind_classes[i]->info;
}

const AnnealKind *
anneal_kind_lookup (const char *name)
{
  const AnnealKindClass *klass;

  g_return_val_if_fail (name != NULL, NULL);

  klass = anneal_kind_class_lookup (name);
  return klass ? &klass->info : NULL;
}

const AnnealParam *
anneal_kind_find_param (const AnnealKind *kind,
                        const char       *name)
{
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < kind->n_params; i++)
    if (strcmp (kind->params[i].name, name) == 0)
      return &kind->params[i];
  return NULL;
}

const char *
anneal_kind_get_summary (const AnnealKind *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, kind->summary);
}

const char *
anneal_param_get_summary (const AnnealParam *param)
{
  g_return_val_if_fail (param != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, param->summary);
}

const char *
anneal_kind_get_name (const AnnealKind *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);
  return kind->name;
}

const char *
anneal_kind_get_origin (const AnnealKind *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);
  return kind->origin;
}

const char *
anneal_kind_get_damped_twin (const AnnealKind *kind)
{
  g_return_val_if_fail (kind != NULL, NULL);
  return kind->damped_twin;
}

guint
anneal_kind_get_n_params (const AnnealKind *kind)
{
  g_return_val_if_fail (kind != NULL, 0);
  return kind->n_params;
}

const AnnealParam *
anneal_kind_get_param (const AnnealKind *kind,
                       guint             i)
{
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (i < kind->n_params, NULL);
  return &kind->params[i];
}

const char *
anneal_param_get_name (const AnnealParam *param)
{
  g_return_val_if_fail (param != NULL, NULL);
  return param->name;
}

AnnealParamType
anneal_param_get_value_type (const AnnealParam *param)
{
  g_return_val_if_fail (param != NULL, ANNEAL_PARAM_NUMBER);
  return param->type;
}

const char *
anneal_param_get_default_value (const AnnealParam *param)
{
  g_return_val_if_fail (param != NULL, NULL);
  return param->default_value;
}

double
anneal_param_get_minimum (const AnnealParam *param)
{
  g_return_val_if_fail (param != NULL, NAN);
  return param->min;
}

double
anneal_param_get_maximum (const AnnealParam *param)
{
  g_return_val_if_fail (param != NULL, NAN);
  return param->max;
}

AnnealParamFlags
anneal_param_get_flags (const AnnealParam *param)
{
  g_return_val_if_fail (param != NULL, ANNEAL_PARAM_FLAGS_NONE);
  return param->flags;
}

const char * const *
anneal_param_get_choices (const AnnealParam *param)
{
  g_return_val_if_fail (param != NULL, NULL);
  return param->choices;
}

const char *
anneal_param_type_to_string (AnnealParamType type)
{
  switch (type)
    {
    case ANNEAL_PARAM_NUMBER:  return "number";
    case ANNEAL_PARAM_INTEGER: return "integer";
    case ANNEAL_PARAM_CHOICE:  return "choice";
    case ANNEAL_PARAM_LIST:    return "list";
    case ANNEAL_PARAM_BOOLEAN: return "boolean";
    default:                   g_return_val_if_reached (NULL);
    }
}

static void
append_bound (GString *s,
              double   v)
{
  char buf[ANNEAL_FORMAT_DOUBLE_BUFSIZE];

  if (isinf (v))
    g_string_append (s, v < 0 ? "-∞" : "∞");
  else if (v >= 1e5 && v == pow (10, floor (log10 (v) + 0.5)))
    g_string_append_printf (s, "1e%d", (int) floor (log10 (v) + 0.5));  /* 1e15, not 16 digits */
  else
    {
      anneal_format_double (v, buf);
      g_string_append (s, buf);
    }
}

static void
append_interval (GString           *s,
                 const AnnealParam *param)
{
  g_string_append_c (s, (param->flags & ANNEAL_PARAM_FLAGS_MIN_OPEN) || isinf (param->min)
                          ? '(' : '[');
  append_bound (s, param->min);
  g_string_append (s, ", ");
  append_bound (s, param->max);
  g_string_append_c (s, (param->flags & ANNEAL_PARAM_FLAGS_MAX_OPEN) || isinf (param->max)
                          ? ')' : ']');
}

/* "[0, ∞)", "(0, 1]", "triangular | triangular2 | exp_range", "true | false" */
char *
anneal_param_describe_range (const AnnealParam *param)
{
  GString *s;

  g_return_val_if_fail (param != NULL, NULL);

  s = g_string_new (NULL);
  switch (param->type)
    {
    case ANNEAL_PARAM_CHOICE:
      for (guint i = 0; param->choices[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (s, " | ");
          g_string_append (s, param->choices[i]);
        }
      break;

    case ANNEAL_PARAM_BOOLEAN:
      g_string_append (s, "true | false");
      break;

    case ANNEAL_PARAM_LIST:
      /* TRANSLATORS: the range of each element of a list, e.g. "each in [0, 1e15]" */
      g_string_append (s, _("each in "));
      append_interval (s, param);
      break;

    case ANNEAL_PARAM_NUMBER:
    case ANNEAL_PARAM_INTEGER:
    default:
      append_interval (s, param);
      break;
    }

  return g_string_free (s, FALSE);
}

void
anneal_param_default (const AnnealParam *param,
                      AnnealValue       *value)
{
  g_autoptr(GError) error = NULL;

  memset (value, 0, sizeof *value);
  if (param->default_value == NULL)
    return;  /* follows another parameter; the kind's prepare() resolves it */

  if (!anneal_param_parse_text (param, param->default_value, value, &error))
    g_error ("built-in default of %s is broken: %s", param->name, error->message);
  value->set = FALSE;
}
