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
#include "anneal-text.h"

/* The column and the reason travel with the error as data, so that nobody parses
 * them back out of a translated message. */
typedef struct
{
  guint  column;
  char  *reason;
} AnnealSpecErrorPrivate;

static void
anneal_spec_error_private_init (AnnealSpecErrorPrivate *priv)
{
  priv->column = 0;
  priv->reason = NULL;
}

static void
anneal_spec_error_private_copy (const AnnealSpecErrorPrivate *src,
                                AnnealSpecErrorPrivate       *dest)
{
  dest->column = src->column;
  dest->reason = g_strdup (src->reason);
}

static void
anneal_spec_error_private_clear (AnnealSpecErrorPrivate *priv)
{
  g_clear_pointer (&priv->reason, g_free);
}

G_DEFINE_EXTENDED_ERROR (AnnealSpecError, anneal_spec_error)

guint
anneal_spec_error_get_column (const GError *error)
{
  AnnealSpecErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, 0);

  priv = anneal_spec_error_get_private (error);
  return priv != NULL ? priv->column : 0;
}

const char *
anneal_spec_error_get_reason (const GError *error)
{
  AnnealSpecErrorPrivate *priv;

  g_return_val_if_fail (error != NULL, NULL);

  priv = anneal_spec_error_get_private (error);
  return priv != NULL && priv->reason != NULL ? priv->reason : error->message;
}

/* Sets an ANNEAL_SPEC_ERROR "column N: reason" that keeps N and the reason. */
void
anneal_spec_error_set (GError     **error,
                       int          code,
                       guint        column,
                       const char  *reason)
{
  AnnealSpecErrorPrivate *priv;

  if (error == NULL)
    return;
  if (column > 0)
    /* TRANSLATORS: "column 12: unknown parameter …" */
    g_set_error (error, ANNEAL_SPEC_ERROR, code, _("column %u: %s"), column, reason);
  else
    g_set_error_literal (error, ANNEAL_SPEC_ERROR, code, reason);
  priv = anneal_spec_error_get_private (*error);
  priv->column = column;
  priv->reason = g_strdup (reason);
}

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
  GArray     *list_at;   /* of const char *: where each element starts */
  const char *foreign;   /* the first letter outside ASCII or control character of a word */
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
  g_clear_pointer (&raw->list_at, g_array_unref);
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
  anneal_spec_error_set (ps->error, code, column, message);
  return FALSE;
}

/* White space between tokens: GLib's ASCII spaces, and the vertical tab, which
 * C's isspace() and Python count too. */
static gboolean
is_space (char c)
{
  return g_ascii_isspace (c) || c == '\v';
}

static void
skip_space (Parser *ps)
{
  while (is_space (*ps->p))
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

/* A letter, digit or mark outside ASCII: a look-alike ("cоsine" with a Cyrillic о)
 * is read with the rest of its word, so that the message names the whole word. */
static gsize
foreign_letter_length (const char *p)
{
  gunichar c;

  if ((guchar) *p < 0x80)
    return 0;
  c = g_utf8_get_char (p);
  if (g_unichar_isalnum (c) || g_unichar_ismark (c))
    return (gsize) (g_utf8_next_char (p) - p);
  return 0;
}

/* A character a terminal would obey or that reorders text, inside a word: C0 but
 * for spaces, DEL, C1, bidi controls and other format characters. Read with the
 * word too, so that the message points at it rather than at the word before it. */
static gsize
control_char_length (const char *p)
{
  GUnicodeType type;

  if (*p == '\0' || is_space (*p))
    return 0;
  type = g_unichar_type (g_utf8_get_char (p));
  if (type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT)
    return (gsize) (g_utf8_next_char (p) - p);
  return 0;
}

/* Scans a name: ASCII letters, digits, '_' and '-', starting with a letter or '_'.
 * Kind names may contain '-' (hold-decay) but never end in it, so that
 * "cosine->step" is not read as a kind named "cosine-". Letters outside ASCII,
 * and control characters after the first character, are read too; *foreign is
 * then set to the first of them (else NULL). */
static char *
scan_name (Parser      *ps,
           const char **foreign)
{
  const char *start = ps->p;

  *foreign = NULL;
  if (!is_name_start (*ps->p) && foreign_letter_length (ps->p) == 0)
    return NULL;
  for (;;)
    {
      gsize n = foreign_letter_length (ps->p);

      if (n == 0 && ps->p > start)
        n = control_char_length (ps->p);

      if (n > 0)
        {
          if (*foreign == NULL)
            *foreign = ps->p;
          ps->p += n;
        }
      else if (is_name_char (*ps->p) && !(ps->p[0] == '-' && ps->p[1] == '>'))
        ps->p++;
      else
        break;
    }
  return g_strndup (start, ps->p - start);
}

/* The character at @p, escaped for a message. */
static char *
describe_char (const char *p)
{
  return anneal_text_escape_char (p);
}

/* Refuses a name with a letter outside ASCII or a control character, at that
 * character: @unknown says what is unknown ("unknown schedule kind 'cоsine'"), then
 * come the character (escaped if a control), its code point and what the name may
 * have meant. */
static gboolean
fail_foreign (Parser     *ps,
              int         code,
              const char *unknown,
              const char *foreign,
              const char *suggestion)
{
  g_autofree char *shown = describe_char (foreign);
  gunichar c = g_utf8_get_char (foreign);

  if (foreign_letter_length (foreign) == 0)
    {
      if (suggestion != NULL)
        /* TRANSLATORS: the first %s is a message such as "unknown schedule kind 'cos\x1b'",
         * the second the character escaped, such as \x1b */
        return parser_fail (ps, foreign, code,
                            _("%s: '%s' (U+%04X) is a control character (did you mean '%s'?)"),
                            unknown, shown, c, suggestion);
      return parser_fail (ps, foreign, code, _("%s: '%s' (U+%04X) is a control character"),
                          unknown, shown, c);
    }
  if (suggestion != NULL)
    /* TRANSLATORS: the first %s is a message such as "unknown schedule kind 'cоsine'" */
    return parser_fail (ps, foreign, code,
                        _("%s: '%s' (U+%04X) is not an ASCII letter (did you mean '%s'?)"),
                        unknown, shown, c, suggestion);
  return parser_fail (ps, foreign, code, _("%s: '%s' (U+%04X) is not an ASCII letter"),
                      unknown, shown, c);
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
      raw->list_at = g_array_new (FALSE, FALSE, sizeof (const char *));
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
          g_array_append_val (raw->list_at, item_at);
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
          /* "[3/2]": a fraction is a value of its own, not a list item */
          if (*ps->p == '/')
            return parser_fail (ps, item_at, ANNEAL_SPEC_ERROR_SYNTAX,
                                _("a list holds plain numbers, not fractions"));
          return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                              _("expected ',' or ']' in the list"));
        }
    }
  else if (is_name_start (*ps->p) || foreign_letter_length (ps->p) > 0)
    {
      raw->type = RAW_WORD;
      /* '-' too, so that "exp-range" is one word that gets its "did you mean" */
      raw->word = scan_name (ps, &raw->foreign);
    }
  else
    {
      gboolean exact;

      raw->type = RAW_NUMBER;
      if (!scan_number (ps, &raw->number, &exact))
        {
          g_autofree char *shown = NULL;

          if (*ps->p == '\0' || *ps->p == ',' || *ps->p == ')')
            return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX, _("expected a value"));
          shown = describe_char (ps->p);
          return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                              _("expected a number, a word or a [list], not '%s'"), shown);
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
          /* The quotient of two representable numbers may not be: 1e-300/1e300
           * is refused as too small, never silently taken as 0. */
          if (raw->unrepresentable == NULL &&
              (isinf (raw->number / denominator) ||
               (raw->number != 0 && raw->number / denominator == 0)))
            raw->unrepresentable = raw->start,
            raw->overflow = isinf (raw->number / denominator);
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

/* A word of the spec as a message echoes it: escaped, and cut at 64 characters with
 * "…" (a spec may hold an 8,000-character name) */
static char *
shown_word (const char *word)
{
  g_autofree char *bounded = anneal_text_bound (word, 1, 64);

  return anneal_text_escape (bounded != NULL ? bounded : word, -1);
}

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
        g_autofree char *shown = shown_word (raw->word);
        const char *best = anneal_text_suggest (raw->word, param->choices,
                                                g_strv_length ((char **) param->choices));

        if (raw->foreign != NULL)
          {
            g_autofree char *unknown = g_strdup_printf (_("unknown %s '%s' for %s"),
                                                        param->name, shown, kind->name);

            return fail_foreign (ps, ANNEAL_SPEC_ERROR_RANGE, unknown, raw->foreign, best);
          }
        if (best != NULL)
          return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_RANGE,
                              _("unknown %s '%s' for %s (did you mean '%s'?)"),
                              param->name, shown, kind->name, best);
        return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_RANGE,
                            _("unknown %s '%s' for %s: choose %s"),
                            param->name, shown, kind->name, choices);
      }

    case ANNEAL_PARAM_LIST:
      if (raw->type != RAW_LIST)
        return parser_fail (ps, raw->start, ANNEAL_SPEC_ERROR_TYPE,
                            _("'%s' expects a list such as [30, 80], not %s"),
                            param->name, raw_type_name (raw));
      if (raw->unrepresentable != NULL)
        return fail_unrepresentable (ps, param, raw);
      for (guint i = 0; i < raw->list->len; i++)
        if (!check_integer (ps, param, g_array_index (raw->list_at, const char *, i),
                            g_array_index (raw->list, double, i),
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
  const char *foreign = NULL;
  const AnnealKindClass *klass;
  const AnnealKind *kind;

  memset (pos, 0, sizeof *pos);
  skip_space (ps);
  pos->kind_at = ps->p;
  stage->length = -1;

  kind_name = scan_name (ps, &foreign);
  if (kind_name == NULL)
    {
      g_autofree char *shown = NULL;

      if (*ps->p == '\0')
        return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                            _("expected a schedule kind such as cosine(lr=0.1)"));
      shown = describe_char (ps->p);
      return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                          _("expected a schedule kind, not '%s'"), shown);
    }

  klass = foreign == NULL ? anneal_kind_class_lookup (kind_name) : NULL;
  if (klass == NULL)
    {
      guint n = anneal_kind_get_count ();
      g_autofree const char **names = g_new (const char *, n);
      g_autofree char *shown = shown_word (kind_name);
      const char *best;

      for (guint i = 0; i < n; i++)
        names[i] = anneal_kind_get_nth (i)->name;
      best = anneal_text_suggest (kind_name, names, n);
      if (foreign != NULL)
        {
          g_autofree char *unknown = g_strdup_printf (_("unknown schedule kind '%s'"), shown);

          return fail_foreign (ps, ANNEAL_SPEC_ERROR_UNKNOWN_KIND, unknown, foreign, best);
        }
      if (best != NULL)
        return parser_fail (ps, pos->kind_at, ANNEAL_SPEC_ERROR_UNKNOWN_KIND,
                            _("unknown schedule kind '%s' (did you mean '%s'?)"),
                            shown, best);
      return parser_fail (ps, pos->kind_at, ANNEAL_SPEC_ERROR_UNKNOWN_KIND,
                          _("unknown schedule kind '%s' (anneal-cli list shows them all)"),
                          shown);
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
      name = scan_name (ps, &foreign);
      if (name == NULL)
        {
          g_autofree char *shown = NULL;

          if (*ps->p == '\0')
            return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                                _("expected a parameter name or ')'"));
          /* what it stopped at, a no-break space as \u00A0 */
          shown = describe_char (ps->p);
          return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                              _("expected a parameter name, not '%s'"), shown);
        }

      param = foreign == NULL ? anneal_kind_find_param (kind, name) : NULL;
      if (param == NULL && (foreign != NULL || strcmp (name, "for") != 0))
        {
          const char *names[G_N_ELEMENTS (pos->param_at) + 1];
          g_autofree char *shown = shown_word (name);
          const char *best;

          for (guint i = 0; i < kind->n_params; i++)
            names[i] = kind->params[i].name;
          names[kind->n_params] = "for";
          best = anneal_text_suggest (name, names, kind->n_params + 1);
          if (foreign != NULL)
            {
              g_autofree char *unknown = g_strdup_printf (_("unknown parameter '%s' for %s"),
                                                          shown, kind->name);

              return fail_foreign (ps, ANNEAL_SPEC_ERROR_UNKNOWN_PARAM, unknown, foreign, best);
            }
          if (best != NULL)
            return parser_fail (ps, name_at, ANNEAL_SPEC_ERROR_UNKNOWN_PARAM,
                                _("unknown parameter '%s' for %s (did you mean '%s'?)"),
                                shown, kind->name, best);
          return parser_fail (ps, name_at, ANNEAL_SPEC_ERROR_UNKNOWN_PARAM,
                              _("unknown parameter '%s' for %s"), shown, kind->name);
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
      {
        g_autofree char *shown = describe_char (ps->p);

        return parser_fail (ps, ps->p, ANNEAL_SPEC_ERROR_SYNTAX,
                            _("expected ',' or ')', not '%s'"), shown);
      }
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
      /* Count columns only within the limit: the text may not even be UTF-8, and
       * the limit may fall inside a character. */
      ps.text = spec;
      if (g_utf8_validate (spec, ANNEAL_SPEC_MAX_LENGTH, &invalid))
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
      {
        g_autofree char *shown = describe_char (ps.p);

        parser_fail (&ps, ps.p, ANNEAL_SPEC_ERROR_SYNTAX,
                     _("unexpected text after the schedule: '%s' (join stages with '->')"),
                     shown);
        return NULL;
      }
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

  /* What is accepted must also be accepted written out (canonically), as the app
   * saves it: its length counts against the same limit as the text's. */
  {
    g_autoptr(GError) local_error = NULL;
    guint bad_stage = 0;

    if (!anneal_stages_check_length ((AnnealStage *) stages->data, stages->len,
                                     &bad_stage, &local_error))
      {
        parser_fail (&ps, g_array_index (positions, StagePositions, bad_stage).kind_at,
                     local_error->code, "%s", anneal_spec_error_get_reason (local_error));
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

static void
append_stage (GString           *s,
              const AnnealStage *stage)
{
  const AnnealKind *kind = &stage->klass->info;
  gboolean first = TRUE;

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

#define STAGE_SEPARATOR " -> "

char *
anneal_schedule_to_string (const AnnealSchedule *self)
{
  GString *s;

  g_return_val_if_fail (self != NULL, NULL);

  s = g_string_new (NULL);
  for (guint i = 0; i < self->n_stages; i++)
    {
      if (i > 0)
        g_string_append (s, STAGE_SEPARATOR);
      append_stage (s, &self->stages[i]);
    }

  return g_string_free (s, FALSE);
}

gboolean
anneal_stages_check_length (const AnnealStage  *stages,
                            guint               n_stages,
                            guint              *bad_stage,
                            GError            **error)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; i < n_stages; i++)
    {
      if (i > 0)
        g_string_append (s, STAGE_SEPARATOR);
      append_stage (s, &stages[i]);
      if (s->len > ANNEAL_SPEC_MAX_LENGTH)
        {
          g_autofree char *reason =
            g_strdup_printf (_("written out, this schedule is longer than %u bytes"),
                             (guint) ANNEAL_SPEC_MAX_LENGTH);

          if (bad_stage != NULL)
            *bad_stage = i;
          anneal_spec_error_set (error, ANNEAL_SPEC_ERROR_LIMIT, 0, reason);
          return FALSE;
        }
    }
  return TRUE;
}
