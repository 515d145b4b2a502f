/* anneal-document.c — a comparison of schedules as a document: JSON, undo, files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart model is the document. Its JSON text is both the file format and the
 * undo history: every committed edit pushes the previous text on the undo stack,
 * and undo loads it back. "Modified" means "differs from the text last saved".
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "anneal-atomic-file.h"
#include "anneal-document.h"
#include "anneal-text.h"

#define MAX_HISTORY 200

struct _AnnealDocument
{
  GObject      parent_instance;

  AnnealChart *chart;
  GFile       *file;

  char        *current;   /* JSON of the last committed state */
  char        *saved;     /* JSON as last saved or opened */
  GQueue       undo;      /* char * JSON, newest at the head */
  GQueue       redo;
};

G_DEFINE_FINAL_TYPE (AnnealDocument, anneal_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_REDO,
  PROP_CAN_UNDO,
  PROP_CHART,
  PROP_DISPLAY_NAME,
  PROP_FILE,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  RESTORED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (anneal-document-error-quark, anneal_document_error)

char *
anneal_color_to_string (guint32 rgb)
{
  return g_strdup_printf ("#%02x%02x%02x",
                          (rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff);
}

gboolean
anneal_color_parse (const char *text,
                    guint32    *rgb)
{
  guint32 value = 0;

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;

  for (guint i = 1; i < 7; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);

      if (digit < 0)
        return FALSE;
      value = (value << 4) | (guint32) digit;
    }

  if (rgb != NULL)
    *rgb = value;

  return TRUE;
}

static void
notify_state (AnnealDocument *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

char *
anneal_document_serialize (AnnealDocument *self)
{
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *title;
  guint n;

  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, ANNEAL_DOCUMENT_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, ANNEAL_DOCUMENT_VERSION);

  title = anneal_chart_get_title (self->chart);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title ? title : "");
  json_builder_set_member_name (builder, "epochs");
  json_builder_add_int_value (builder, anneal_chart_get_epochs (self->chart));
  json_builder_set_member_name (builder, "steps_per_epoch");
  json_builder_add_int_value (builder, anneal_chart_get_steps_per_epoch (self->chart));
  json_builder_set_member_name (builder, "x_axis");
  json_builder_add_string_value (builder,
                                 anneal_chart_unit_to_string (anneal_chart_get_x_unit (self->chart)));
  json_builder_set_member_name (builder, "log_y");
  json_builder_add_boolean_value (builder, anneal_chart_get_log_y (self->chart));

  json_builder_set_member_name (builder, "series");
  json_builder_begin_array (builder);

  n = anneal_chart_get_n_series (self->chart);
  for (guint i = 0; i < n; i++)
    {
      AnnealSchedule *schedule = anneal_chart_get_series_schedule (self->chart, i);
      g_autofree char *spec = anneal_schedule_to_string (schedule);
      guint32 rgb = anneal_chart_get_series_color (self->chart, i);
      g_autofree char *color = anneal_color_to_string (rgb);
      const char *label = anneal_chart_get_series_label (self->chart, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "spec");
      json_builder_add_string_value (builder, spec);
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, label ? label : "");
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, color);
      json_builder_set_member_name (builder, "dash");
      json_builder_add_int_value (builder, anneal_chart_get_series_dash (self->chart, i));
      json_builder_set_member_name (builder, "visible");
      json_builder_add_boolean_value (builder, anneal_chart_get_series_visible (self->chart, i));
      json_builder_set_member_name (builder, "stepped_per");
      json_builder_add_string_value (builder,
        anneal_chart_unit_to_string (anneal_chart_get_series_unit (self->chart, i)));
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

typedef struct
{
  AnnealSchedule *schedule;
  char           *label;
  guint32         color;
  gboolean        has_color;
  guint           dash;
  gboolean        visible;
  AnnealChartUnit unit;
} ParsedSeries;

static void
parsed_series_clear (gpointer data)
{
  ParsedSeries *series = data;

  g_clear_pointer (&series->schedule, anneal_schedule_unref);
  g_clear_pointer (&series->label, g_free);
}

static gboolean
get_member (JsonObject    *object,
            const char    *name,
            GType          value_type,
            JsonNode     **node,
            const char    *where,
            GError       **error)
{
  JsonNode *member = json_object_get_member (object, name);

  *node = NULL;

  if (member == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != value_type)
    {
      const char *expected = value_type == G_TYPE_STRING ? _("text")
                           : value_type == G_TYPE_BOOLEAN ? _("true or false")
                           : _("a whole number");

      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                   /* Translators: where in the file (e.g. "series 2: "), then the field's name */
                   _("%s“%s” should be %s"), where, name, expected);
      return FALSE;
    }

  /* JSON escapes can spell what UTF-8 cannot (a lone surrogate, \ud800): such
   * text could be shown but never saved again. */
  if (value_type == G_TYPE_STRING && !g_utf8_validate (json_node_get_string (member), -1, NULL))
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                   /* Translators: where in the file (e.g. "series 2: "), then the field's name */
                   _("%s“%s” is not valid text"), where, name);
      return FALSE;
    }

  *node = member;
  return TRUE;
}

/* Strict JSON (RFC 8259) ---------------------------------------------------
 *
 * json-glib 1.6 accepts more than JSON: single quotes, comments, several
 * documents one after the other; and it parses recursively, so a file nested a
 * hundred thousand levels deep would overflow the stack. Every file is checked
 * here first, without recursion: one value, JSON's grammar and nothing else, no
 * U+0000 in text (it would silently cut a spec or title short), at most
 * ANNEAL_DOCUMENT_MAX_DEPTH levels. The numbers of the top-level members are
 * kept as written, so that a message can quote them. */

typedef struct
{
  const char *start;
  const char *p;
  const char *end;
  /* The text of the number given to "version" and to "epochs" at the top level */
  const char *version_text;
  gsize       version_len;
  const char *epochs_text;
  gsize       epochs_len;
  const char *steps_text;
  gsize       steps_len;
} JsonScan;

static gboolean
scan_fail (JsonScan    *scan,
           GError     **error,
           const char  *reason)
{
  guint line = 1, column = 1;

  for (const char *q = scan->start; q < scan->p && q < scan->end; q = g_utf8_next_char (q))
    {
      /* \n, \r\n and a lone \r end a line, as editors show them */
      if (*q == '\n' || (*q == '\r' && (q + 1 >= scan->end || q[1] != '\n')))
        line++, column = 1;
      else if (*q != '\r')
        column++;
    }
  g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
               /* Translators: line, column, then a reason such as "comments are not allowed" */
               _("The file is damaged: line %u, column %u: %s"), line, column, reason);
  return FALSE;
}

static void
scan_space (JsonScan *scan)
{
  while (scan->p < scan->end &&
         (*scan->p == ' ' || *scan->p == '\t' || *scan->p == '\n' || *scan->p == '\r'))
    scan->p++;
}

/* A string at scan->p (a '"'); *key_is: whether its text is @key. */
static gboolean
scan_string (JsonScan    *scan,
             const char  *key,
             gboolean    *key_is,
             GError     **error)
{
  const char *text;

  scan->p++;
  text = scan->p;
  while (scan->p < scan->end && *scan->p != '"')
    {
      guchar c = (guchar) *scan->p;

      if (c < 0x20)
        return scan_fail (scan, error, _("a control character in text must be escaped"));
      if (c != '\\')
        {
          scan->p++;
          continue;
        }
      scan->p++;
      if (scan->p >= scan->end)
        break;
      if (strchr ("\"\\/bfnrt", *scan->p) != NULL && *scan->p != '\0')
        scan->p++;
      else if (*scan->p == 'u')
        {
          guint code = 0;

          for (int i = 1; i <= 4; i++)
            {
              int digit = scan->p + i < scan->end ? g_ascii_xdigit_value (scan->p[i]) : -1;

              if (digit < 0)
                return scan_fail (scan, error, _("invalid escape in text"));
              code = code * 16 + (guint) digit;
            }
          if (code == 0)
            return scan_fail (scan, error, _("text may not contain the character U+0000"));
          scan->p += 5;
          /* UTF-16: a high surrogate and a low one make one character; either alone is
           * half of one (json-glib would refuse it with its own, technical message). */
          if (code >= 0xdc00 && code <= 0xdfff)
            {
              scan->p -= 6;
              return scan_fail (scan, error, _("a \\u escape in text is half of a character"));
            }
          if (code >= 0xd800 && code <= 0xdbff)
            {
              guint low = 0;

              for (int i = 0; i < 6; i++)
                {
                  int digit = scan->p + i < scan->end ? g_ascii_xdigit_value (scan->p[i]) : -1;

                  if ((i == 0 && (scan->p >= scan->end || scan->p[0] != '\\')) ||
                      (i == 1 && (scan->p + 1 >= scan->end || scan->p[1] != 'u')))
                    {
                      low = 0;
                      break;
                    }
                  if (i >= 2)
                    {
                      if (digit < 0)
                        {
                          low = 0;
                          break;
                        }
                      low = low * 16 + (guint) digit;
                    }
                }
              if (low < 0xdc00 || low > 0xdfff)
                {
                  scan->p -= 6;
                  return scan_fail (scan, error,
                                    _("a \\u escape in text is half of a character"));
                }
              scan->p += 6;
            }
        }
      else
        return scan_fail (scan, error, _("invalid escape in text"));
    }
  if (scan->p >= scan->end)
    return scan_fail (scan, error, _("the file ends inside a text"));
  if (key_is != NULL)
    *key_is = key != NULL && (gsize) (scan->p - text) == strlen (key) &&
              memcmp (text, key, strlen (key)) == 0;
  scan->p++;
  return TRUE;
}

static gboolean
scan_number (JsonScan  *scan,
             GError   **error)
{
  const char *q = scan->p;

  if (q < scan->end && *q == '-')
    q++;
  if (q < scan->end && *q == '0')
    q++;
  else if (q < scan->end && *q >= '1' && *q <= '9')
    while (q < scan->end && g_ascii_isdigit (*q))
      q++;
  else
    return scan_fail (scan, error, _("invalid number"));
  if (q < scan->end && *q == '.')
    {
      q++;
      if (q >= scan->end || !g_ascii_isdigit (*q))
        return scan_fail (scan, error, _("invalid number"));
      while (q < scan->end && g_ascii_isdigit (*q))
        q++;
    }
  if (q < scan->end && (*q == 'e' || *q == 'E'))
    {
      q++;
      if (q < scan->end && (*q == '+' || *q == '-'))
        q++;
      if (q >= scan->end || !g_ascii_isdigit (*q))
        return scan_fail (scan, error, _("invalid number"));
      while (q < scan->end && g_ascii_isdigit (*q))
        q++;
    }
  scan->p = q;
  return TRUE;
}

/* The text of a JSON string whose escapes scan_string() checked (@len bytes from
 * after its opening quote), decoded. */
static char *
decode_string (const char *text,
               gsize       len)
{
  GString *out = g_string_sized_new (len);
  const char *end = text + len;

  for (const char *p = text; p < end;)
    {
      guint code, low;

      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'b': g_string_append_c (out, '\b'); p++; break;
        case 'f': g_string_append_c (out, '\f'); p++; break;
        case 'n': g_string_append_c (out, '\n'); p++; break;
        case 'r': g_string_append_c (out, '\r'); p++; break;
        case 't': g_string_append_c (out, '\t'); p++; break;
        case 'u':
          code = 0;
          for (int i = 1; i <= 4; i++)
            code = code * 16 + (guint) g_ascii_xdigit_value (p[i]);
          p += 5;
          if (code >= 0xd800 && code <= 0xdbff)
            {
              low = 0;
              for (int i = 2; i <= 5; i++)
                low = low * 16 + (guint) g_ascii_xdigit_value (p[i]);
              code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
              p += 6;
            }
          g_string_append_unichar (out, code);
          break;
        default:  /* \" \\ \/ */
          g_string_append_c (out, *p++);
          break;
        }
    }
  return g_string_free (out, FALSE);
}

static gboolean
check_strict_json (JsonScan  *scan,
                   GError   **error)
{
  char stack[ANNEAL_DOCUMENT_MAX_DEPTH];
  /* the names of each open object so far: RFC 8259 leaves a repeated one to the
   * reader, json-glib keeps the last, and {"epochs": 5, "epochs": 10^15} opened at
   * 10^15 without a word — refused instead */
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  int depth = 0;
  int member = 0;  /* at depth 1: 1 = "version", 2 = "epochs", 3 = "steps_per_epoch" */

  for (;;)
    {
      /* A value */
      scan_space (scan);
      if (scan->p >= scan->end)
        return scan_fail (scan, error, _("the file ends where a value should be"));
      switch (*scan->p)
        {
        case '{':
        case '[':
          if (depth >= ANNEAL_DOCUMENT_MAX_DEPTH)
            {
              g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                           _("The file is damaged: it is nested more than %d levels deep"),
                           ANNEAL_DOCUMENT_MAX_DEPTH);
              return FALSE;
            }
          if (*scan->p == '{')
            g_ptr_array_add (names, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL));
          stack[depth++] = *scan->p++;
          scan_space (scan);
          if (scan->p < scan->end && *scan->p == (stack[depth - 1] == '{' ? '}' : ']'))
            {
              if (stack[depth - 1] == '{')
                g_ptr_array_set_size (names, names->len - 1);
              scan->p++;
              depth--;
              break;
            }
          if (stack[depth - 1] == '[')
            continue;
          goto member_name;
        case '"':
          if (!scan_string (scan, NULL, NULL, error))
            return FALSE;
          break;
        case 't':
        case 'f':
        case 'n':
          {
            const char *word = *scan->p == 't' ? "true" : *scan->p == 'f' ? "false" : "null";
            gsize len = strlen (word);

            if ((gsize) (scan->end - scan->p) < len || memcmp (scan->p, word, len) != 0)
              return scan_fail (scan, error, _("expected a JSON value"));
            scan->p += len;
          }
          break;
        case '\'':
          return scan_fail (scan, error, _("text must be in double quotes"));
        case '/':
          return scan_fail (scan, error, _("comments are not allowed in JSON"));
        default:
          {
            const char *number = scan->p;

            if (*scan->p != '-' && !g_ascii_isdigit (*scan->p))
              return scan_fail (scan, error, _("expected a JSON value"));
            if (!scan_number (scan, error))
              return FALSE;
            if (depth == 1 && member == 1)
              scan->version_text = number, scan->version_len = (gsize) (scan->p - number);
            else if (depth == 1 && member == 2)
              scan->epochs_text = number, scan->epochs_len = (gsize) (scan->p - number);
            else if (depth == 1 && member == 3)
              scan->steps_text = number, scan->steps_len = (gsize) (scan->p - number);
          }
          break;
        }

      /* After a value: the end, a separator or a closing bracket */
      for (;;)
        {
          scan_space (scan);
          if (depth == 0)
            {
              if (scan->p < scan->end)
                return scan_fail (scan, error, *scan->p == '/'
                                  ? _("comments are not allowed in JSON")
                                  : _("text after the end of the document"));
              return TRUE;
            }
          if (scan->p >= scan->end)
            return scan_fail (scan, error, _("the file ends before its last bracket"));
          if (*scan->p == (stack[depth - 1] == '{' ? '}' : ']'))
            {
              if (stack[depth - 1] == '{')
                g_ptr_array_set_size (names, names->len - 1);
              scan->p++;
              depth--;
              continue;
            }
          if (*scan->p != ',')
            return scan_fail (scan, error, *scan->p == '/'
                              ? _("comments are not allowed in JSON")
                              : _("expected ',' or a closing bracket"));
          scan->p++;
          break;
        }
      if (stack[depth - 1] == '[')
        continue;

    member_name:
      {
        gboolean is_version = FALSE, is_epochs = FALSE, is_steps = FALSE;
        const char *name = NULL;

        scan_space (scan);
        if (scan->p >= scan->end || *scan->p != '"')
          return scan_fail (scan, error, scan->p < scan->end && *scan->p == '\''
                            ? _("text must be in double quotes")
                            : scan->p < scan->end && *scan->p == '/'
                            ? _("comments are not allowed in JSON")
                            : _("expected a name in double quotes"));
        name = scan->p;
        if (!scan_string (scan, "version", &is_version, error))
          return FALSE;
        if (!is_version)
          {
            const char *after = scan->p;

            scan->p = name;
            if (!scan_string (scan, "epochs", &is_epochs, error))
              return FALSE;
            scan->p = name;
            if (!scan_string (scan, "steps_per_epoch", &is_steps, error))
              return FALSE;
            scan->p = after;
          }
        {
          char *decoded = decode_string (name + 1, (gsize) (scan->p - 1 - (name + 1)));

          if (!g_hash_table_add (g_ptr_array_index (names, names->len - 1), decoded))
            {
              g_autofree char *line = anneal_text_bound (decoded, 1, 64);
              g_autofree char *shown = anneal_text_escape (line != NULL ? line : decoded, -1);
              g_autofree char *reason = NULL;

              /* Translators: a name in a JSON object, such as "epochs" */
              reason = g_strdup_printf (_("the name “%s” is given twice"), shown);
              scan->p = name;
              return scan_fail (scan, error, reason);
            }
        }
        member = depth == 1 ? (is_version ? 1 : is_epochs ? 2 : is_steps ? 3 : 0) : member;
        scan_space (scan);
        if (scan->p >= scan->end || *scan->p != ':')
          return scan_fail (scan, error, _("expected ':' after a name"));
        scan->p++;
      }
    }
}

/* A whole number as written, for messages: "99999999999999999999". */
static char *
number_as_written (const char *text,
                   gsize       len,
                   gint64      parsed)
{
  if (text != NULL)
    return g_strndup (text, len);
  return g_strdup_printf ("%" G_GINT64_FORMAT, parsed);
}

/* Whether a JSON integer @text is larger than G_MAXINT64 or smaller than G_MININT64. */
static gboolean
number_overflows (const char *text,
                  gsize       len)
{
  guint64 v = 0;
  gsize i = 0;

  if (text == NULL)
    return FALSE;
  if (text[0] == '-')
    i++;
  for (; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;  /* not an integer: refused for its type */
      if (v > (G_MAXUINT64 - 9) / 10)
        return TRUE;
      v = v * 10 + (guint64) (text[i] - '0');
    }
  return text[0] == '-' ? v > (guint64) G_MAXINT64 + 1 : v > (guint64) G_MAXINT64;
}

/* Reads and checks everything first; touches the chart only when all of it is good. */
static gboolean
apply_json (AnnealDocument  *self,
            const char      *data,
            gssize           length,
            GError         **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *root;
  JsonNode *node;
  JsonArray *array;
  const char *format;
  gint64 version;
  gint64 epochs = 50;
  gint64 steps_per_epoch = 1;
  AnnealChartUnit x_unit = ANNEAL_CHART_UNIT_EPOCH;
  gboolean log_y = FALSE;
  const char *title = "";
  g_autofree char *number = NULL;
  JsonScan scan = { NULL };
  guint n;

  if (length < 0)
    length = strlen (data);

  if (length > ANNEAL_DOCUMENT_MAX_SIZE)
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_FOREIGN,
                   _("The file is too large to be an Anneal document"));
      return FALSE;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_FOREIGN,
                   _("The file is not text: it is not an Anneal document"));
      return FALSE;
    }

  scan.start = scan.p = data;
  scan.end = data + length;
  if (!check_strict_json (&scan, error))
    return FALSE;

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      guint line = 0, column = 0;

      /* What the strict scan lets through and json-glib refuses. Its message
       * ("<data>:1:3: Parse error: unexpected identifier") is the parser's own,
       * untranslated and may quote bytes that are not UTF-8: only the place is kept. */
      if (sscanf (local_error->message, "<data>:%u:%u:", &line, &column) == 2)
        g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                     _("The file is damaged: line %u, column %u: %s"), line, column,
                     _("it is not valid JSON"));
      else
        g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                     _("The file is damaged: %s"), _("it is not valid JSON"));
      return FALSE;
    }

  node = json_parser_get_root (parser);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_FOREIGN,
                   _("The file is not an Anneal document"));
      return FALSE;
    }
  root = json_node_get_object (node);

  if (!get_member (root, "format", G_TYPE_STRING, &node, "", NULL) || node == NULL)
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_FOREIGN,
                   _("The file is not an Anneal document"));
      return FALSE;
    }
  format = json_node_get_string (node);
  if (g_strcmp0 (format, ANNEAL_DOCUMENT_FORMAT) != 0)
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_FOREIGN,
                   _("The file is not an Anneal document"));
      return FALSE;
    }

  if (!get_member (root, "version", G_TYPE_INT64, &node, "", error))
    return FALSE;
  if (node == NULL)
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                   _("The file is damaged: it has no format version"));
      return FALSE;
    }
  version = json_node_get_int (node);
  number = number_as_written (scan.version_text, scan.version_len, version);
  if (number_overflows (scan.version_text, scan.version_len))
    version = scan.version_text[0] == '-' ? G_MININT64 : G_MAXINT64;
  if (version > ANNEAL_DOCUMENT_VERSION)
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_VERSION,
                   _("The file was written by a newer version of Anneal (format %s); "
                     "this version reads format %d"),
                   number, ANNEAL_DOCUMENT_VERSION);
      return FALSE;
    }
  if (version < 1)
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                   _("The file is damaged: unknown format version %s"), number);
      return FALSE;
    }

  if (!get_member (root, "epochs", G_TYPE_INT64, &node, "", error))
    return FALSE;
  if (node != NULL)
    {
      epochs = json_node_get_int (node);
      if (number_overflows (scan.epochs_text, scan.epochs_len) ||
          epochs < 1 || epochs > ANNEAL_EPOCH_MAX)
        {
          g_free (number);
          number = number_as_written (scan.epochs_text, scan.epochs_len, epochs);
          g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_INVALID,
                       _("The number of epochs, %s, is out of range"), number);
          return FALSE;
        }
    }

  if (!get_member (root, "steps_per_epoch", G_TYPE_INT64, &node, "", error))
    return FALSE;
  if (node != NULL)
    {
      steps_per_epoch = json_node_get_int (node);
      if (!number_overflows (scan.steps_text, scan.steps_len) && steps_per_epoch >= 1 &&
          steps_per_epoch <= ANNEAL_EPOCH_MAX && steps_per_epoch > ANNEAL_EPOCH_MAX / epochs)
        {
          /* each is fine alone; their product is what is out of range */
          g_autofree char *n_text = g_strdup_printf ("%" G_GINT64_FORMAT, epochs);
          g_autofree char *k = g_strdup_printf ("%" G_GINT64_FORMAT, steps_per_epoch);
          g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) ANNEAL_EPOCH_MAX);

          /* Translators: "1000 epochs of 1000000000001 steps are more than the
           * 1000000000000000 steps a comparison holds" */
          g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_INVALID,
                       _("%s epochs of %s steps are more than the %s steps a comparison "
                         "holds"), n_text, k, max);
          return FALSE;
        }
      if (number_overflows (scan.steps_text, scan.steps_len) ||
          steps_per_epoch < 1 || steps_per_epoch > ANNEAL_EPOCH_MAX / epochs)
        {
          g_free (number);
          number = number_as_written (scan.steps_text, scan.steps_len, steps_per_epoch);
          g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_INVALID,
                       _("The number of steps per epoch, %s, is out of range"), number);
          return FALSE;
        }
    }

  if (!get_member (root, "x_axis", G_TYPE_STRING, &node, "", error))
    return FALSE;
  if (node != NULL && !anneal_chart_unit_from_string (json_node_get_string (node), &x_unit))
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_INVALID,
                   _("The x axis is in an unknown unit, “%s”: Anneal knows epoch and step"),
                   json_node_get_string (node));
      return FALSE;
    }

  if (!get_member (root, "log_y", G_TYPE_BOOLEAN, &node, "", error))
    return FALSE;
  if (node != NULL)
    log_y = json_node_get_boolean (node);

  if (!get_member (root, "title", G_TYPE_STRING, &node, "", error))
    return FALSE;
  if (node != NULL)
    title = json_node_get_string (node);

  node = json_object_get_member (root, "series");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                   _("The file is damaged: it has no list of series"));
      return FALSE;
    }
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > ANNEAL_DOCUMENT_MAX_SERIES)
    {
      g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_INVALID,
                   _("The file has %u series; Anneal opens at most %u"),
                   n, ANNEAL_DOCUMENT_MAX_SERIES);
      return FALSE;
    }

  parsed = g_array_sized_new (FALSE, TRUE, sizeof (ParsedSeries), n);
  g_array_set_clear_func (parsed, parsed_series_clear);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *where = g_strdup_printf (_("series %u: "), i + 1);
      ParsedSeries series = { NULL, NULL, 0, FALSE, 0, TRUE, ANNEAL_CHART_UNIT_EPOCH };
      JsonObject *object;
      guint column = 0;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                       _("The file is damaged: series %u is not an object"), i + 1);
          return FALSE;
        }
      object = json_node_get_object (element);

      if (!get_member (object, "spec", G_TYPE_STRING, &node, where, error))
        return FALSE;
      if (node == NULL)
        {
          g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                       _("The file is damaged: series %u has no schedule"), i + 1);
          return FALSE;
        }

      series.schedule = anneal_schedule_parse (json_node_get_string (node), &column, &local_error);
      if (series.schedule == NULL)
        {
          g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_INVALID,
                       _("Series %u has a schedule Anneal refuses: %s"),
                       i + 1, local_error->message);
          return FALSE;
        }
      g_array_append_val (parsed, series);

      if (!get_member (object, "label", G_TYPE_STRING, &node, where, error))
        return FALSE;
      g_array_index (parsed, ParsedSeries, i).label =
        g_strdup (node ? json_node_get_string (node)
                       : json_object_get_string_member (object, "spec"));

      if (!get_member (object, "color", G_TYPE_STRING, &node, where, error))
        return FALSE;
      if (node != NULL)
        {
          if (!anneal_color_parse (json_node_get_string (node),
                                   &g_array_index (parsed, ParsedSeries, i).color))
            {
              g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED,
                           _("The file is damaged: series %u has a colour that is not #rrggbb"),
                           i + 1);
              return FALSE;
            }
          g_array_index (parsed, ParsedSeries, i).has_color = TRUE;
        }

      if (!get_member (object, "dash", G_TYPE_INT64, &node, where, error))
        return FALSE;
      if (node != NULL)
        {
          gint64 dash = json_node_get_int (node);

          if (dash < 0 || dash > 64)
            {
              g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_INVALID,
                           _("Series %u has an unknown dash style"), i + 1);
              return FALSE;
            }
          g_array_index (parsed, ParsedSeries, i).dash = (guint) dash;
        }
      else
        g_array_index (parsed, ParsedSeries, i).dash = i;

      if (!get_member (object, "visible", G_TYPE_BOOLEAN, &node, where, error))
        return FALSE;
      if (node != NULL)
        g_array_index (parsed, ParsedSeries, i).visible = json_node_get_boolean (node);

      if (!get_member (object, "stepped_per", G_TYPE_STRING, &node, where, error))
        return FALSE;
      if (node != NULL &&
          !anneal_chart_unit_from_string (json_node_get_string (node),
                                          &g_array_index (parsed, ParsedSeries, i).unit))
        {
          g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_INVALID,
                       _("Series %u is stepped per “%s”: Anneal knows epoch and step"),
                       i + 1, json_node_get_string (node));
          return FALSE;
        }
    }

  /* Everything read: now replace the chart's contents. */
  g_object_freeze_notify (G_OBJECT (self->chart));
  anneal_chart_clear (self->chart);
  for (guint i = 0; i < parsed->len; i++)
    {
      ParsedSeries *series = &g_array_index (parsed, ParsedSeries, i);
      guint index = anneal_chart_add_series (self->chart, series->schedule, series->label);

      if (series->has_color)
        anneal_chart_set_series_color (self->chart, index, series->color);
      anneal_chart_set_series_dash (self->chart, index, series->dash);
      anneal_chart_set_series_visible (self->chart, index, series->visible);
      anneal_chart_set_series_unit (self->chart, index, series->unit);
    }
  anneal_chart_set_steps_per_epoch (self->chart, 1);
  anneal_chart_set_epochs (self->chart, epochs);
  anneal_chart_set_steps_per_epoch (self->chart, steps_per_epoch);
  anneal_chart_set_x_unit (self->chart, x_unit);
  anneal_chart_set_log_y (self->chart, log_y);
  anneal_chart_set_title (self->chart, title[0] ? title : NULL);
  anneal_chart_reset_view (self->chart);
  g_object_thaw_notify (G_OBJECT (self->chart));

  return TRUE;
}

static void
clear_history (AnnealDocument *self)
{
  g_queue_clear_full (&self->undo, g_free);
  g_queue_clear_full (&self->redo, g_free);
}

void
anneal_document_reset_history (AnnealDocument *self)
{
  g_return_if_fail (ANNEAL_IS_DOCUMENT (self));

  clear_history (self);
  g_free (self->current);
  self->current = anneal_document_serialize (self);
  g_free (self->saved);
  self->saved = g_strdup (self->current);
  notify_state (self);
}

gboolean
anneal_document_load_data (AnnealDocument  *self,
                           const char      *data,
                           gssize           length,
                           GError         **error)
{
  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  /* a UTF-8 byte order mark in front, which RFC 8259 lets a reader ignore (some
   * Windows editors write one) */
  if (length < 0)
    length = (gssize) strlen (data);
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!apply_json (self, data, length, error))
    return FALSE;

  anneal_document_reset_history (self);
  g_signal_emit (self, signals[RESTORED], 0);

  return TRUE;
}

gboolean
anneal_document_load_file (AnnealDocument  *self,
                           GFile           *file,
                           GError         **error)
{
  g_autofree char *contents = NULL;
  gboolean too_large = FALSE;
  gsize length = 0;

  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!anneal_file_load_bounded (file, ANNEAL_DOCUMENT_MAX_SIZE, &contents, &length,
                                 &too_large, error))
    {
      if (too_large)
        g_set_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_FOREIGN,
                     _("The file is too large to be an Anneal document"));
      return FALSE;
    }

  if (!anneal_document_load_data (self, contents, length, error))
    return FALSE;

  anneal_document_set_file (self, file);
  return TRUE;
}

gboolean
anneal_document_save_file (AnnealDocument  *self,
                           GFile           *file,
                           GError         **error)
{
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  text = anneal_document_serialize (self);

  path = g_file_get_path (file);
  if (path != NULL)
    {
      /* The one atomic writer: what it guarantees is in anneal-atomic-file.h. */
      if (!anneal_atomic_file_set_contents (path, text, strlen (text), error))
        return FALSE;
    }
  else if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                     G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    return FALSE;

  g_free (self->current);
  self->current = g_strdup (text);
  g_free (self->saved);
  self->saved = g_steal_pointer (&text);
  anneal_document_set_file (self, file);
  notify_state (self);

  return TRUE;
}

void
anneal_document_commit (AnnealDocument *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ANNEAL_IS_DOCUMENT (self));

  text = anneal_document_serialize (self);
  if (g_strcmp0 (text, self->current) == 0)
    return;

  g_queue_push_head (&self->undo, g_steal_pointer (&self->current));
  while (g_queue_get_length (&self->undo) > MAX_HISTORY)
    g_free (g_queue_pop_tail (&self->undo));
  g_queue_clear_full (&self->redo, g_free);
  self->current = g_steal_pointer (&text);

  notify_state (self);
}

gboolean
anneal_document_can_undo (AnnealDocument *self)
{
  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

gboolean
anneal_document_can_redo (AnnealDocument *self)
{
  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), FALSE);
  return !g_queue_is_empty (&self->redo);
}

static gboolean
step_history (AnnealDocument *self,
              GQueue         *from,
              GQueue         *to)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  /* Take any edit not yet committed into account first. */
  anneal_document_commit (self);

  if (g_queue_is_empty (from))
    return FALSE;

  text = g_queue_pop_head (from);
  if (!apply_json (self, text, -1, &error))
    {
      /* Our own text: this cannot fail unless the library changed under us. */
      g_critical ("Could not restore a state from the history: %s", error->message);
      return FALSE;
    }

  g_queue_push_head (to, g_steal_pointer (&self->current));
  self->current = g_steal_pointer (&text);

  notify_state (self);
  g_signal_emit (self, signals[RESTORED], 0);

  return TRUE;
}

gboolean
anneal_document_undo (AnnealDocument *self)
{
  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), FALSE);
  return step_history (self, &self->undo, &self->redo);
}

gboolean
anneal_document_redo (AnnealDocument *self)
{
  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), FALSE);
  return step_history (self, &self->redo, &self->undo);
}

AnnealChart *
anneal_document_get_chart (AnnealDocument *self)
{
  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), NULL);
  return self->chart;
}

GFile *
anneal_document_get_file (AnnealDocument *self)
{
  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), NULL);
  return self->file;
}

void
anneal_document_set_file (AnnealDocument *self,
                          GFile          *file)
{
  g_return_if_fail (ANNEAL_IS_DOCUMENT (self));
  g_return_if_fail (!file || G_IS_FILE (file));

  if (g_set_object (&self->file, file))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
    }
}

char *
anneal_document_dup_display_name (AnnealDocument *self)
{
  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), NULL);

  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);

      if (basename != NULL)
        return g_filename_display_name (basename);
    }

  return g_strdup (_("Untitled Comparison"));
}

gboolean
anneal_document_get_modified (AnnealDocument *self)
{
  g_return_val_if_fail (ANNEAL_IS_DOCUMENT (self), FALSE);
  return g_strcmp0 (self->current, self->saved) != 0;
}

AnnealDocument *
anneal_document_new (void)
{
  return g_object_new (ANNEAL_TYPE_DOCUMENT, NULL);
}

static void
anneal_document_finalize (GObject *object)
{
  AnnealDocument *self = (AnnealDocument *)object;

  clear_history (self);
  g_clear_object (&self->chart);
  g_clear_object (&self->file);
  g_clear_pointer (&self->current, g_free);
  g_clear_pointer (&self->saved, g_free);

  G_OBJECT_CLASS (anneal_document_parent_class)->finalize (object);
}

static void
anneal_document_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AnnealDocument *self = ANNEAL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_CAN_REDO:
      g_value_set_boolean (value, anneal_document_can_redo (self));
      break;

    case PROP_CAN_UNDO:
      g_value_set_boolean (value, anneal_document_can_undo (self));
      break;

    case PROP_CHART:
      g_value_set_object (value, self->chart);
      break;

    case PROP_DISPLAY_NAME:
      g_value_take_string (value, anneal_document_dup_display_name (self));
      break;

    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_MODIFIED:
      g_value_set_boolean (value, anneal_document_get_modified (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anneal_document_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AnnealDocument *self = ANNEAL_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_FILE:
      anneal_document_set_file (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
anneal_document_class_init (AnnealDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = anneal_document_finalize;
  object_class->get_property = anneal_document_get_property;
  object_class->set_property = anneal_document_set_property;

  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CHART] =
    g_param_spec_object ("chart", NULL, NULL, ANNEAL_TYPE_CHART,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The contents were replaced (open, undo, redo): views rebuild from the chart. */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
anneal_document_init (AnnealDocument *self)
{
  self->chart = anneal_chart_new ();
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->current = anneal_document_serialize (self);
  self->saved = g_strdup (self->current);
}
