/* anneal-spec.c — spec strings: parsing, checking, printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   spec   := stage ( "->" stage )*
 *   stage  := kind "(" [ arg ( "," arg )* ] ")"
 *   arg    := name "=" value
 *   value  := number | number "/" number | word | "[" [ number ( "," number )* ] "]"
 */
#define G_LOG_DOMAIN "Anneal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "anneal-private.h"

G_DEFINE_QUARK (anneal-spec-error-quark, anneal_spec_error)

typedef enum
{
  RAW_NUMBER,
  RAW_WORD,
  RAW_LIST,
} RawType;

typedef struct
{
  RawType     type;
  const char *start;
  const char *end;
  double      number;
  gboolean    fraction;
  char       *word;
  GArray     *list;      /* of double */
  const char *unrepresentable;  /* where a number too large or too small for a double is */
  gboolean    overflow;         /* … and whether it is too large */
} RawValue;

typedef struct
{
  const char *text;
  const char *p;
  guint      *error_column;
  GError    **error;
} Parser;

static void
raw_value_clear (RawValue *raw)
{
  g_clear_pointer (&raw->word, g_free);
  g_clear_pointer (&raw->list, g_array_unref);
}

static gboolean
parser_fail (Parser     *ps,
             const char *at,
             int         code,
             const char *format,
             ...) G_GNUC_PRINTF (4, 5);

static gboolean
parser_fail (Parser     *ps,
             const char *at,
             int         code,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  guint column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  column = (guint) g_utf8_strlen (ps->text, at - ps->text) + 1;
  if (ps->error_column != NULL)
    *ps->error_column = column;
  /* TRANSLATORS: "column 12: unknown parameter …" */
  g_set_error (ps->error, ANNEAL_SPEC_ERROR, code, _("column %u: %s"), column, message);
  return FALSE;
}

static void
skip_space (Parser *ps)
{
  while (g_ascii_isspace (*ps->p))
    ps->p++;
}

static gboolean
is_name_start (char c)
{
  return g_ascii_isalpha (c) || c == '_';
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '-';
}

/* Kind names may contain '-' (hold-decay) but never end in it, so that
 * "cosine->step" is not read as a kind named "cosine-". */
static char *
scan_name (Parser *ps)
{
  const char *start = ps->p;

  if (!is_name_start (*ps->p))
    return NULL;
  while (is_name_char (*ps->p) && !(ps->p[0] == '-' && ps->p[1] == '>'))
    ps->p++;
  return g_strndup (start, ps->p - start);
}

/* Reads a decimal number. *exact is FALSE when it does not fit in a double:
 * it overflows to infinity, or has non-zero digits yet underflows to zero. */
static gboolean
scan_number (Parser     *ps,
             double     *number,
             gboolean   *exact)
{
  const char *start = ps->p;
  const char *q = ps->p;
  gboolean digits = FALSE;
  gboolean nonzero = FALSE;
  g_autofree char *copy = NULL;

  if (*q == '+' || *q == '-')
    q++;
  while (g_ascii_isdigit (*q))
    nonzero |= *q != '0', q++, digits = TRUE;
  if (*q == '.')
    {
      q++;
      while (g_ascii_isdigit (*q))
        nonzero |= *q != '0', q++, digits = TRUE;
    }
  if (!digits)
    return FALSE;
  if (*q == 'e' || *q == 'E')
    {
      const char *e = q + 1;

      if (*e == '+' || *e == '-')
        e++;
      if (g_ascii_isdigit (*e))
        {
          while (g_ascii_isdigit (*e))
            e++;
          q = e;
        }
    }

  copy = g_strndup (start, q - start);
  *number = g_ascii_strtod (copy, NULL);
  *exact = !isinf (*number) && !(nonzero && *number == 0);
  if (isinf (*number))
    *number = INFINITY;  /* marks the overflow for the caller */
  ps->p = q;
  return TRUE;
}

static gboolean
parse_value (Parser   *ps,
             RawValue *raw)
{
  memset (raw, 0, sizeof *raw);
  raw->start = ps->p;

  if (*ps->p == '[')
    {
      ps->p++;
      raw->type = RAW_LIST;
      raw->list = g_array_new (FALSE, FALSE, sizeof (double));
      skip_space (ps);
      if (*ps->p == ']')
        {
          ps->p++;
          raw->end = ps->p;
          return TRUE;
        }
      for (;;)
        {
          double item;
          gboolean exact;
          const char *item_at;

          skip_space (ps);
          item_at = ps->p;
          if (!scan_number (ps, &item, &exact))
            return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                                _("expected a number in the list"));
          if (raw->list->len >= ANNEAL_LIST_MAX_LENGTH)
            return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_LIMIT,
                                _("a list may hold at most %u numbers"),
                                (guint) ANNEAL_LIST_MAX_LENGTH);
          if (!exact && raw->unrepresentable == NULL)
            raw->unrepresentable = item_at, raw->overflow = isinf (item);
          g_array_append_val (raw->list, item);
          skip_space (ps);
          if (*ps->p == ',')
            {
              ps->p++;
              continue;
            }
          if (*ps->p == ']')
            {
              ps->p++;
              break;
            }
          return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                              _("expected ',' or ']' in the list"));
        }
    }
  else if (is_name_start (*ps->p))
    {
      raw->type = RAW_WORD;
      while (g_ascii_isalnum (*ps->p) || *ps->p == '_')
        ps->p++;
      raw->word = g_strndup (raw->start, ps->p - raw->start);
    }
  else
    {
      gboolean exact;

      raw->type = RAW_NUMBER;
      if (!scan_number (ps, &raw->number, &exact))
        {
          if (*ps->p == '\0' || *ps->p == ',' || *ps->p == ')')
            return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX, _("expected a value"));
          return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                              _("expected a number, a word or a [list], not '%.*s'"),
                              (int) (g_utf8_next_char (ps->p) - ps->p), ps->p);
        }
      if (!exact)
        raw->unrepresentable = raw->start, raw->overflow = isinf (raw->number);
      skip_space (ps);
      if (*ps->p == '/')
        {
          const char *slash = ps->p;
          const char *denominator_at;
          double denominator;

          ps->p++;
          skip_space (ps);
          denominator_at = ps->p;
          if (!scan_number (ps, &denominator, &exact))
            return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                                _("expected a number after '/'"));
          if (!exact && raw->unrepresentable == NULL)
            raw->unrepresentable = denominator_at, raw->overflow = isinf (denominator);
          if (denominator == 0 && raw->unrepresentable == NULL)
            return parser_fail (ps, slash, ANNEAL_SPEC_ERROR_RANGE, _("division by zero"));
          raw->number = raw->number / denominator;
          raw->fraction = TRUE;
        }
    }

  raw->end = ps->p;
  return TRUE;
}

static const char *
param_label (const AnnealParam *param)
{
  return param ? param->name : "for";
}

static gboolean
check_number (Parser            *ps,
              const AnnealParam *param,
              const char        *at,
              double             v,
              double             min,
              double             max,
              AnnealParamFlags   flags)
{
  char got[ANNEAL_FORMAT_DOUBLE_BUFSIZE];
  char bound[ANNEAL_FORMAT_DOUBLE_BUFSIZE];

  if (isnan (v))
    return parser_fail (ps, at, ANNEAL_SPEC_ERROR_RANGE,
                        _("'%s' must be a number, not NaN"), param_label (param));
  if (isinf (v))
    return parser_fail (ps, at, ANNEAL_SPEC_ERROR_RANGE,
                        _("'%s' must be finite; this number is too large"), param_label (param));

  anneal_format_double (v, got);
  if (v < min || (v == min && (flags & ANNEAL_PARAM_FLAGS_MIN_OPEN)))
    {
      anneal_format_double (min, bound);
      if ((flags & ANNEAL_PARAM_FLAGS_RATE) && v < 0)
        return parser_fail (ps, at, ANNEAL_SPEC_ERROR_RANGE,
                            _("'%s' is a learning rate and cannot be negative (got %s)"),
                            param_label (param), got);
      if (flags & ANNEAL_PARAM_FLAGS_MIN_OPEN)
        return parser_fail (ps, at, ANNEAL_SPEC_ERROR_RANGE,
                            _("'%s' must be greater than %s (got %s)"),
                            param_label (param), bound, got);
      return parser_fail (ps, at, ANNEAL_SPEC_ERROR_RANGE,
                          _("'%s' must be at least %s (got %s)"),
                          param_label (param), bound, got);
    }
  if (v > max || (v == max && (flags & ANNEAL_PARAM_FLAGS_MAX_OPEN)))
    {
      anneal_format_double (max, bound);
      if (flags & ANNEAL_PARAM_FLAGS_MAX_OPEN)
        return parser_fail (ps, at, ANNEAL_SPEC_ERROR_RANGE,
                            _("'%s' must be less than %s (got %s)"),
                            param_label (param), bound, got);
      return parser_fail (ps, at, ANNEAL_SPEC_ERROR_RANGE,
                          _("'%s' must be at most %s (got %s)"),
                          param_label (param), bound, got);
    }
  return TRUE;
}

static gboolean
check_integer (Parser            *ps,
               const AnnealParam *param,
               const char        *at,
               double             v,
               double             min,
               double             max,
               AnnealParamFlags   flags)
{
  if (!isnan (v) && !isinf (v) && v != floor (v))
    {
      char got[ANNEAL_FORMAT_DOUBLE_BUFSIZE];

      anneal_format_double (v, got);
      return parser_fail (ps, at, ANNEAL_SPEC_ERROR_TYPE,
                          _("'%s' must be a whole number (got %s)"), param_label (param), got);
    }
  return check_number (ps, param, at, v, min, max, flags);
}

static char *
describe_choices (const AnnealParam *param)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; param->choices[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, param->choices[i + 1] == NULL ? _(" or ") : ", ");
      g_string_append (s, param->choices[i]);
    }
  return g_string_free (s, FALSE);
}

static const char *
raw_type_name (const RawValue *raw)
{
  switch (raw->type)
    {
    case RAW_NUMBER: return _("a number");
    case RAW_WORD:   return _("a word");
    case RAW_LIST:   return _("a list");
    default:         g_return_val_if_reached ("");
    }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static gboolean
fail_unrepresentable (Parser            *ps,
                      const AnnealParam *param,
                      const RawValue    *raw)
{
  /* Neither silently infinite nor silently zero. */
  if (raw->overflow)
    return parser_fail (ps, raw->unrepresentable, ANNEAL_SPEC_ERROR_RANGE,
                        _("'%s' must be finite; this number is too large"), param_label (param));
  return parser_fail (ps, raw->unrepresentable, ANNEAL_SPEC_ERROR_RANGE,
                      _("'%s': this number is too small to compute with (write 0 for zero)"),
                      param_label (param));
}

/* Turns a raw value into a parameter value, or fails at the value's column. */
static gboolean
convert_value (Parser            *ps,
               const AnnealKind  *kind,
               const AnnealParam *param,
               RawValue          *raw,
               AnnealValue       *value)
{
  memset (value, 0, sizeof *value);
  value->set = TRUE;

  switch (param->type)
    {
    case ANNEAL_PARAM_NUMBER:
    case ANNEAL_PARAM_INTEGER:
      if (raw->type == RAW_WORD &&
          (g_ascii_strcasecmp (raw->word, "nan") == 0 ||
           g_ascii_strcasecmp (raw->word, "inf") == 0 ||
           g_ascii_strcasecmp (raw->word, "infinity") == 0))
        return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_RANGE,
                            _("'%s' must be a finite number, not '%s'"),
                            param->name, raw->word);
      if (raw->type == RAW_NUMBER && raw->unrepresentable != NULL)
        return fail_unrepresentable (ps, param, raw);
      if (raw->type != RAW_NUMBER)
        return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_TYPE,
                            param->type == ANNEAL_PARAM_NUMBER
                              ? _("'%s' expects a number, not %s")
                              : _("'%s' expects a whole number, not %s"),
                            param->name, raw_type_name (raw));
      if (param->type == ANNEAL_PARAM_INTEGER)
        {
          if (!check_integer (ps, param, raw->start, raw->number,
                              param->min, param->max, param->flags))
            return FALSE;
        }
      else if (!check_number (ps, param, raw->start, raw->number,
                              param->min, param->max, param->flags))
        return FALSE;
      value->number = raw->number + 0.0;  /* no negative zero */
      return TRUE;

    case ANNEAL_PARAM_BOOLEAN:
      if (raw->type == RAW_WORD && strcmp (raw->word, "true") == 0)
        value->number = 1;
      else if (raw->type == RAW_WORD && strcmp (raw->word, "false") == 0)
        value->number = 0;
      else
        return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_TYPE,
                            _("'%s' expects true or false"), param->name);
      return TRUE;

    case ANNEAL_PARAM_CHOICE:
      if (raw->type != RAW_WORD)
        {
          g_autofree char *choices = describe_choices (param);
          return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_TYPE,
                              _("'%s' expects one of %s, not %s"),
                              param->name, choices, raw_type_name (raw));
        }
      for (guint i = 0; param->choices[i] != NULL; i++)
        if (strcmp (param->choices[i], raw->word) == 0)
          {
            value->number = i;
            return TRUE;
          }
      {
        g_autofree char *choices = describe_choices (param);
        const char *best = NULL;
        guint best_distance = G_MAXUINT;

        for (guint i = 0; param->choices[i] != NULL; i++)
          {
            guint d = anneal_edit_distance (raw->word, param->choices[i]);
            if (d < best_distance)
              best_distance = d, best = param->choices[i];
          }
        if (best != NULL && best_distance <= MAX (1, strlen (best) / 3))
          return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_RANGE,
                              _("unknown %s '%s' for %s (did you mean '%s'?)"),
                              param->name, raw->word, kind->name, best);
        return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_RANGE,
                            _("unknown %s '%s' for %s: choose %s"),
                            param->name, raw->word, kind->name, choices);
      }

    case ANNEAL_PARAM_LIST:
      if (raw->type != RAW_LIST)
        return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_TYPE,
                            _("'%s' expects a list such as [30, 80], not %s"),
                            param->name, raw_type_name (raw));
      if (raw->unrepresentable != NULL)
        return fail_unrepresentable (ps, param, raw);
      for (guint i = 0; i < raw->list->len; i++)
        if (!check_integer (ps, param, raw->start, g_array_index (raw->list, double, i),
                            param->min, param->max, param->flags))
          return FALSE;
      value->n_list = raw->list->len;
      value->list = g_memdup2 (raw->list->data, sizeof (double) * raw->list->len);
      /* Order does not matter to a milestone list (PyTorch sorts it too). */
      if (value->n_list > 1)
        qsort (value->list, value->n_list, sizeof (double), compare_doubles);
      return TRUE;

    default:
      g_return_val_if_reached (FALSE);
    }
}

gboolean
anneal_param_parse_text (const AnnealParam *param,
                         const char        *text,
                         AnnealValue       *value,
                         GError           **error)
{
  Parser ps = { text, text, NULL, error };
  RawValue raw;
  gboolean ok;
  static const AnnealKind no_kind = { "" };

  skip_space (&ps);
  if (!parse_value (&ps, &raw))
    {
      raw_value_clear (&raw);
      return FALSE;
    }
  skip_space (&ps);
  if (*ps.p != '\0')
    {
      raw_value_clear (&raw);
      return parser_fail (&ps, ps.p, ANNEAL_SPEC_ERROR_SYNTAX,
                          _("unexpected text after the value"));
    }
  ok = convert_value (&ps, &no_kind, param, &raw, value);
  raw_value_clear (&raw);
  return ok;
}

gboolean
anneal_check_value (const AnnealKind  *kind,
                    const AnnealParam *param,
                    const AnnealValue *value,
                    GError           **error)
{
  Parser ps = { "", "", NULL, error };

  if (param->type == ANNEAL_PARAM_NUMBER)
    return check_number (&ps, param, ps.p, value->number, param->min, param->max, param->flags);
  if (param->type == ANNEAL_PARAM_INTEGER)
    return check_integer (&ps, param, ps.p, value->number, param->min, param->max, param->flags);
  return TRUE;
}

typedef struct
{
  const char *kind_at;
  const char *for_at;
  const char *param_at[32];
} StagePositions;

static gboolean
parse_stage (Parser         *ps,
             AnnealStage    *stage,
             StagePositions *pos)
{
  g_autofree char *kind_name = NULL;
  const AnnealKindClass *klass;
  const AnnealKind *kind;

  memset (pos, 0, sizeof *pos);
  skip_space (ps);
  pos->kind_at = ps->p;
  stage->length = -1;

  kind_name = scan_name (ps);
  if (kind_name == NULL)
    {
      if (*ps->p == '\0')
        return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                            _("expected a schedule kind such as cosine(lr=0.1)"));
      return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                          _("expected a schedule kind, not '%.*s'"),
                          (int) (g_utf8_next_char (ps->p) - ps->p), ps->p);
    }

  klass = anneal_kind_class_lookup (kind_name);
  if (klass == NULL)
    {
      const char *best = anneal_kind_closest_name (kind_name);

      if (best != NULL)
        return parser_fail (ps, pos->kind_at, ANNEAL_SPEC_ERROR_UNKNOWN_KIND,
                            _("unknown schedule kind '%s' (did you mean '%s'?)"),
                            kind_name, best);
      return parser_fail (ps, pos->kind_at, ANNEAL_SPEC_ERROR_UNKNOWN_KIND,
                          _("unknown schedule kind '%s' (anneal-cli list shows them all)"),
                          kind_name);
    }
  kind = &klass->info;
  g_assert (kind->n_params <= G_N_ELEMENTS (pos->param_at));

  stage->klass = klass;
  stage->values = g_new0 (AnnealValue, kind->n_params);
  for (guint i = 0; i < kind->n_params; i++)
    anneal_param_default (&kind->params[i], &stage->values[i]);

  skip_space (ps);
  if (*ps->p != '(')
    return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                        _("expected '(' after '%s'"), kind_name);
  ps->p++;
  skip_space (ps);
  if (*ps->p == ')')
    {
      ps->p++;
      return TRUE;
    }

  for (;;)
    {
      g_autofree char *name = NULL;
      const char *name_at;
      const AnnealParam *param;
      RawValue raw;
      gboolean ok;

      skip_space (ps);
      name_at = ps->p;
      name = scan_name (ps);
      if (name == NULL)
        return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                            *ps->p == '\0' ? _("expected a parameter name or ')'")
                                           : _("expected a parameter name"));

      param = anneal_kind_find_param (kind, name);
      if (param == NULL && strcmp (name, "for") != 0)
        {
          const char *best = anneal_param_closest_name (kind, name);

          if (best != NULL)
            return parser_fail (ps, name_at, ANNEAL_SPEC_ERROR_UNKNOWN_PARAM,
                                _("unknown parameter '%s' for %s (did you mean '%s'?)"),
                                name, kind->name, best);
          return parser_fail (ps, name_at, ANNEAL_SPEC_ERROR_UNKNOWN_PARAM,
                              _("unknown parameter '%s' for %s"), name, kind->name);
        }
      if ((param == NULL && pos->for_at != NULL) ||
          (param != NULL && pos->param_at[param - kind->params] != NULL))
        return parser_fail (ps, name_at, ANNEAL_SPEC_ERROR_DUPLICATE_PARAM,
                            _("parameter '%s' is given twice"), name);

      skip_space (ps);
      if (*ps->p != '=')
        return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                            _("expected '=' after '%s'"), name);
      ps->p++;
      skip_space (ps);

      if (!parse_value (ps, &raw))
        {
          raw_value_clear (&raw);
          return FALSE;
        }

      if (param == NULL)
        {
          pos->for_at = name_at;
          if (raw.type != RAW_NUMBER)
            ok = parser_fail (ps, raw.start, ANNEAL_SPEC_ERROR_TYPE,
                              _("'for' expects a whole number of epochs, not %s"),
                              raw_type_name (&raw));
          else if (raw.unrepresentable != NULL)
            ok = fail_unrepresentable (ps, NULL, &raw);
          else
            ok = check_integer (ps, NULL, raw.start, raw.number, 1,
                                (double) ANNEAL_EPOCH_MAX, ANNEAL_PARAM_FLAGS_NONE);
          if (ok)
            stage->length = (gint64) raw.number;
        }
      else
        {
          guint index = param - kind->params;

          pos->param_at[index] = name_at;
          g_free (stage->values[index].list);
          ok = convert_value (ps, kind, param, &raw, &stage->values[index]);
        }
      raw_value_clear (&raw);
      if (!ok)
        return FALSE;

      skip_space (ps);
      if (*ps->p == ',')
        {
          ps->p++;
          continue;
        }
      if (*ps->p == ')')
        {
          ps->p++;
          return TRUE;
        }
      if (*ps->p == '\0')
        return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                            _("expected ')' to close %s("), kind->name);
      return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                          _("expected ',' or ')', not '%.*s'"),
                          (int) (g_utf8_next_char (ps->p) - ps->p), ps->p);
    }
}

AnnealSchedule *
anneal_schedule_parse (const char  *spec,
                       guint       *error_column,
                       GError     **error)
{
  g_autoptr(AnnealSchedule) self = NULL;
  g_autoptr(GArray) stages = NULL;
  g_autoptr(GArray) positions = NULL;
  Parser ps;
  const char *invalid = NULL;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (error_column != NULL)
    *error_column = 0;

  ps.text = spec;
  ps.p = spec;
  ps.error_column = error_column;
  ps.error = error;

  if (strlen (spec) > ANNEAL_SPEC_MAX_LENGTH)
    {
      /* Count columns only within the limit: the text may not even be UTF-8. */
      ps.text = spec;
      if (!g_utf8_validate (spec, ANNEAL_SPEC_MAX_LENGTH, &invalid))
        invalid = spec;
      else
        invalid = spec + ANNEAL_SPEC_MAX_LENGTH;
      parser_fail (&ps, invalid, ANNEAL_SPEC_ERROR_LIMIT,
                   _("the spec is longer than %u bytes"), (guint) ANNEAL_SPEC_MAX_LENGTH);
      return NULL;
    }
  if (!g_utf8_validate (spec, -1, &invalid))
    {
      ps.text = spec;
      /* Columns are counted over the valid prefix only. */
      parser_fail (&ps, invalid, ANNEAL_SPEC_ERROR_SYNTAX, _("the text is not valid UTF-8"));
      return NULL;
    }

  stages = g_array_new (FALSE, TRUE, sizeof (AnnealStage));
  g_array_set_clear_func (stages, (GDestroyNotify) anneal_stage_clear);
  positions = g_array_new (FALSE, TRUE, sizeof (StagePositions));

  for (;;)
    {
      AnnealStage stage = { 0 };
      StagePositions pos;
      gboolean ok;

      if (stages->len >= ANNEAL_SPEC_MAX_STAGES)
        {
          skip_space (&ps);
          parser_fail (&ps, ps.p, ANNEAL_SPEC_ERROR_LIMIT,
                       _("a schedule may have at most %u stages"),
                       (guint) ANNEAL_SPEC_MAX_STAGES);
          return NULL;
        }

      ok = parse_stage (&ps, &stage, &pos);
      g_array_append_val (stages, stage);
      g_array_append_val (positions, pos);
      if (!ok)
        return NULL;

      skip_space (&ps);
      if (ps.p[0] == '-' && ps.p[1] == '>')
        {
          ps.p += 2;
          continue;
        }
      if (*ps.p == '\0')
        break;
      parser_fail (&ps, ps.p, ANNEAL_SPEC_ERROR_SYNTAX,
                   _("unexpected text after the schedule: '%.*s' (join stages with '->')"),
                   (int) (g_utf8_next_char (ps.p) - ps.p), ps.p);
      return NULL;
    }

  /* Whole-stage checks, in the order a reader meets them. */
  for (guint i = 0; i < stages->len; i++)
    {
      AnnealStage *stage = &g_array_index (stages, AnnealStage, i);
      StagePositions *pos = &g_array_index (positions, StagePositions, i);
      gboolean last = i + 1 == stages->len;
      guint bad_param = G_MAXUINT;
      g_autoptr(GError) local_error = NULL;

      if (!last && stage->length < 0)
        {
          parser_fail (&ps, pos->kind_at, ANNEAL_SPEC_ERROR_MISSING_FOR,
                       _("stage %u (%s) is followed by '->' and needs for=N, "
                         "the number of epochs it lasts"),
                       i + 1, stage->klass->info.name);
          return NULL;
        }
      if (last && stage->length >= 0)
        {
          parser_fail (&ps, pos->for_at, ANNEAL_SPEC_ERROR_INVALID,
                       _("'for' is only for stages followed by '->'; the last stage "
                         "runs to the end"));
          return NULL;
        }
      if (!anneal_stage_prepare (stage, &bad_param, &local_error))
        {
          const char *at = pos->kind_at;

          if (bad_param < stage->klass->info.n_params && pos->param_at[bad_param] != NULL)
            at = pos->param_at[bad_param];
          parser_fail (&ps, at, local_error->code, "%s", local_error->message);
          return NULL;
        }
    }

  self = anneal_schedule_alloc (stages->len);
  memcpy (self->stages, stages->data, sizeof (AnnealStage) * stages->len);
  g_array_set_clear_func (stages, NULL);
  anneal_schedule_layout (self);

  return g_steal_pointer (&self);
}

/* Writes a number so that it reads back exactly; simple fractions as "p/q". */
static void
append_number (GString *s,
               double   v)
{
  char buf[ANNEAL_FORMAT_DOUBLE_BUFSIZE];
  gsize len = anneal_format_double (v, buf);

  if (len > 10 && v == v && fabs (v) < 1e6)
    {
      for (int q = 2; q <= 100; q++)
        {
          double p = nearbyint (v * q);

          if (p / q == v && fabs (p) < 1e7)
            {
              g_string_append_printf (s, "%.0f/%d", p, q);
              return;
            }
        }
    }
  g_string_append_len (s, buf, len);
}

char *
anneal_value_to_string (const AnnealParam *param,
                        const AnnealValue *value)
{
  GString *s = g_string_new (NULL);

  switch (param->type)
    {
    case ANNEAL_PARAM_NUMBER:
      append_number (s, value->number);
      break;
    case ANNEAL_PARAM_INTEGER:
      g_string_append_printf (s, "%" G_GINT64_FORMAT, (gint64) value->number);
      break;
    case ANNEAL_PARAM_BOOLEAN:
      g_string_append (s, value->number != 0 ? "true" : "false");
      break;
    case ANNEAL_PARAM_CHOICE:
      g_string_append (s, param->choices[(guint) value->number]);
      break;
    case ANNEAL_PARAM_LIST:
      g_string_append_c (s, '[');
      for (guint i = 0; i < value->n_list; i++)
        {
          if (i > 0)
            g_string_append (s, ", ");
          g_string_append_printf (s, "%" G_GINT64_FORMAT, (gint64) value->list[i]);
        }
      g_string_append_c (s, ']');
      break;
    default:
      g_assert_not_reached ();
    }

  return g_string_free (s, FALSE);
}

char *
anneal_schedule_to_string (const AnnealSchedule *self)
{
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new (NULL);
  for (guint i = 0; i < self->n_stages; i++)
    {
      const AnnealStage *stage = &self->stages[i];
      const AnnealKind *kind = &stage->klass->info;
      gboolean first = TRUE;

      if (i > 0)
        g_string_append (s, " -> ");
      g_string_append (s, kind->name);
      g_string_append_c (s, '(');
      for (guint j = 0; j < kind->n_params; j++)
        {
          const AnnealParam *param = &kind->params[j];
          AnnealValue def;
          gboolean is_default;
          g_autofree char *text = NULL;

          if (!stage->values[j].set)
            continue;
          if (param->default_value != NULL)
            {
              anneal_param_default (param, &def);
              is_default = anneal_value_equal (&def, &stage->values[j]);
              g_free (def.list);
              if (is_default)
                continue;
            }

          text = anneal_value_to_string (param, &stage->values[j]);
          g_string_append_printf (s, "%s%s=%s", first ? "" : ", ", param->name, text);
          first = FALSE;
        }
      if (stage->length >= 0)
        g_string_append_printf (s, "%sfor=%" G_GINT64_FORMAT, first ? "" : ", ", stage->length);
      g_string_append_c (s, ')');
    }

  return g_string_free (s, FALSE);
}
