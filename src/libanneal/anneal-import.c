/* anneal-import.c — training code in: read the schedule a Python script builds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small reader of Python source: a tokenizer, an expression parser and an
 * evaluator of the little that training scripts compute before they build a
 * schedule (numbers, arithmetic, names assigned earlier, import aliases). Calls of
 * the five libraries' schedules are matched against each library's signature and
 * turned into a spec whose value at every step is the library's. Anything that
 * cannot be reproduced exactly is refused at its line and column.
 *
 * Work is linear in the input: tokens are read once, every statement is parsed and
 * evaluated once, in order (so a name means what it was last assigned), and a
 * bracket's partner is found through a table built by the tokenizer.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "anneal-private.h"
#include "anneal-import.h"
#include "anneal-import-private.h"
#include "anneal-text.h"

G_DEFINE_QUARK (anneal-import-error-quark, anneal_import_error)

/* ------------------------------------------------------------------ tokens */

/* Messages quote the user's text (a character, a name, a string, a call's source), which
 * may hold any character: control characters and line separators are shown escaped, as
 * Python writes them, so that a message is always one line of UTF-8. */
static char *
escape_message (const char *message)
{
  GString *escaped = g_string_sized_new (strlen (message));

  for (const char *p = message; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not reached with UTF-8 input; a stray byte is shown, not copied. */
          g_string_append_printf (escaped, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\n')
        g_string_append (escaped, "\\n");
      else if (c == '\r')
        g_string_append (escaped, "\\r");
      else if (c == '\t')
        g_string_append (escaped, "\\t");
      else if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        g_string_append_printf (escaped, "\\x%02x", c);
      else if (c == 0x2028 || c == 0x2029)
        g_string_append_printf (escaped, "\\u%04x", c);
      else
        g_string_append_len (escaped, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (escaped, FALSE);
}

static void
ctx_fail (Ctx        *ctx,
          guint       line,
          guint       column,
          int         code,
          const char *format,
          ...) G_GNUC_PRINTF (5, 6);

static void
ctx_fail (Ctx        *ctx,
          guint       line,
          guint       column,
          int         code,
          const char *format,
          ...)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  if (ctx->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  escaped = escape_message (message);
  ctx->error_line = line;
  ctx->error_column = column;
  ctx->error = g_error_new (ANNEAL_IMPORT_ERROR, code, _("line %u, column %u: %s"),
                            line, column, escaped);
}

static Token *
tok (Ctx  *ctx,
     guint i)
{
  return &g_array_index (ctx->toks, Token, MIN (i, ctx->toks->len - 1));
}

static gboolean
is_name_start (guchar c)
{
  return g_ascii_isalpha (c) || c == '_' || c >= 0x80;
}

static gboolean
is_name_char (guchar c)
{
  return g_ascii_isalnum (c) || c == '_' || c >= 0x80;
}

static const char * const ops3[] = { "**=", "//=", ">>=", "<<=", "...", NULL };
static const char * const ops2[] = {
  "**", "//", "==", "!=", "<=", ">=", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=",
  "^=", "@=", ":=", "<<", ">>", NULL
};

/* Whether a double holds the integer @v exactly: its odd part fits in 53 bits. */
static gboolean
uint64_exact (guint64 v)
{
  while (v > (G_GUINT64_CONSTANT (1) << 53) && (v & 1) == 0)
    v >>= 1;
  return v <= (G_GUINT64_CONSTANT (1) << 53);
}

/* Reads a number literal at src[*i]: ints (with '_', 0x, 0o, 0b), floats, j. */
static void
lex_number (Ctx   *ctx,
            gsize *i,
            Token *t)
{
  const char *s = ctx->src;
  gsize p = *i;
  GString *digits = g_string_new (NULL);
  gboolean is_float = FALSE;

  if (s[p] == '0' && p + 1 < ctx->len && strchr ("xXoObB", s[p + 1]) != NULL)
    {
      int base = (s[p + 1] == 'x' || s[p + 1] == 'X') ? 16
                 : (s[p + 1] == 'o' || s[p + 1] == 'O') ? 8 : 2;
      guint64 v = 0;
      gboolean big = FALSE;

      p += 2;
      while (p < ctx->len && (g_ascii_isxdigit (s[p]) || s[p] == '_'))
        {
          if (s[p] != '_')
            {
              int d = g_ascii_xdigit_value (s[p]);

              if (d >= base)
                break;
              if (v > (G_MAXUINT64 - (guint64) d) / (guint64) base)
                big = TRUE;
              else
                v = v * (guint64) base + (guint64) d;
            }
          p++;
        }
      t->number = (double) v;
      t->is_int = TRUE;
      t->big = big || !uint64_exact (v);
      g_string_free (digits, TRUE);
      *i = p;
      return;
    }

  while (p < ctx->len && (g_ascii_isdigit (s[p]) || s[p] == '_'))
    {
      if (s[p] != '_')
        g_string_append_c (digits, s[p]);
      p++;
    }
  if (p < ctx->len && s[p] == '.')
    {
      is_float = TRUE;
      g_string_append_c (digits, '.');
      p++;
      while (p < ctx->len && (g_ascii_isdigit (s[p]) || s[p] == '_'))
        {
          if (s[p] != '_')
            g_string_append_c (digits, s[p]);
          p++;
        }
    }
  if (p < ctx->len && (s[p] == 'e' || s[p] == 'E'))
    {
      gsize q = p + 1;

      if (q < ctx->len && (s[q] == '+' || s[q] == '-'))
        q++;
      if (q < ctx->len && g_ascii_isdigit (s[q]))
        {
          is_float = TRUE;
          g_string_append_c (digits, 'e');
          p++;
          if (s[p] == '+' || s[p] == '-')
            g_string_append_c (digits, s[p++]);
          while (p < ctx->len && (g_ascii_isdigit (s[p]) || s[p] == '_'))
            {
              if (s[p] != '_')
                g_string_append_c (digits, s[p]);
              p++;
            }
        }
    }
  if (p < ctx->len && (s[p] == 'j' || s[p] == 'J'))
    {
      t->imaginary = TRUE;
      p++;
    }
  if (is_float)
    t->number = g_ascii_strtod (digits->str, NULL);  /* any number of digits, as Python */
  else if (digits->len > 400)
    {
      t->big = TRUE;  /* an integer far past what a double holds */
      t->number = 0;
    }
  else
    {
      guint64 v = 0;

      for (gsize k = 0; k < digits->len; k++)
        {
          if (v > (G_MAXUINT64 - 9) / 10)
            {
              t->big = TRUE;
              break;
            }
          v = v * 10 + (guint64) (digits->str[k] - '0');
        }
      t->number = (double) v;
      t->is_int = TRUE;
      if (!t->big && !uint64_exact (v))
        t->big = TRUE;
      else if (t->big)
        {
          /* past 2^64: exact when the double reads back as these digits (printf
           * writes a double's exact value) */
          const char *significant = digits->str + strspn (digits->str, "0");
          char exact[G_ASCII_DTOSTR_BUF_SIZE + 400];
          double d = g_ascii_strtod (digits->str, NULL);

          if (isfinite (d) && strcmp (g_ascii_formatd (exact, sizeof exact, "%.0f", d),
                                      significant) == 0)
            {
              t->number = d;
              t->big = FALSE;
            }
        }
    }
  g_string_free (digits, TRUE);
  *i = p;
}

/* The column (1-based, in characters) of byte @pos on the line starting at @start. */
static guint
column_of (Ctx  *ctx,
           gsize line_start,
           gsize pos)
{
  guint col = 1;

  for (gsize k = line_start; k < pos; k++)
    if (((guchar) ctx->src[k] & 0xC0) != 0x80)
      col++;
  return col;
}

/* Reads a string literal whose quote is at src[*i] (prefix already skipped). */
static gboolean
lex_string (Ctx     *ctx,
            gsize   *i,
            gboolean raw,
            Token   *t,
            guint   *line,
            gsize   *line_start,
            guint   *col_base)
{
  const char *s = ctx->src;
  char q = s[*i];
  gboolean triple = *i + 2 < ctx->len && s[*i + 1] == q && s[*i + 2] == q;
  gsize p = *i + (triple ? 3 : 1);
  GString *text = g_string_new (NULL);

  for (;;)
    {
      if (p >= ctx->len || (!triple && s[p] == '\n'))
        {
          g_string_free (text, TRUE);
          ctx_fail (ctx, t->line, t->column, ANNEAL_IMPORT_ERROR_SYNTAX,
                    _("unterminated string"));
          return FALSE;
        }
      if (s[p] == q && (!triple || (p + 2 < ctx->len && s[p + 1] == q && s[p + 2] == q)))
        {
          p += triple ? 3 : 1;
          break;
        }
      if (s[p] == '\n')
        {
          (*line)++;
          *line_start = p + 1;
          *col_base = 1;
        }
      if (s[p] == '\\' && p + 1 < ctx->len)
        {
          char e = s[p + 1];

          if (raw)
            {
              g_string_append_c (text, '\\');
              g_string_append_c (text, e);
            }
          else
            {
              /* Python's escapes: \xHH, \uXXXX, \UXXXXXXXX, octal \ooo, one letter */
              int digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
              gunichar code = 0;
              int n = 0;

              if (digits > 0)
                {
                  while (n < digits && p + 2 + n < ctx->len &&
                         g_ascii_isxdigit (s[p + 2 + n]))
                    code = code * 16 + (gunichar) g_ascii_xdigit_value (s[p + 2 + n++]);
                  if (n == digits && g_unichar_validate (code))
                    {
                      g_string_append_unichar (text, code);
                      p += 2 + n;
                      continue;
                    }
                }
              else if (e == 'N' && !t->bytes)
                {
                  /* \N{name}: a character by its Unicode name, which only a table of
                   * the names decodes (GLib has none): the string is not read */
                  if (t->unread == NULL)
                    {
                      t->unread = N_("a \\N{…} escape (a character by its Unicode name), "
                                     "which Anneal does not read: write the character "
                                     "itself");
                      t->unread_line = *line;
                      t->unread_column = *line == t->line
                                           ? t->column + column_of (ctx, t->start, p) - 1
                                           : column_of (ctx, *line_start, p);
                    }
                }
              else if (e >= '0' && e <= '7')
                {
                  while (n < 3 && p + 1 + n < ctx->len && s[p + 1 + n] >= '0' && s[p + 1 + n] <= '7')
                    code = code * 8 + (gunichar) (s[p + 1 + n++] - '0');
                  g_string_append_unichar (text, code);
                  p += 1 + n;
                  continue;
                }
              switch (e)
                {
                case 'n': g_string_append_c (text, '\n'); break;
                case 't': g_string_append_c (text, '\t'); break;
                case 'r': g_string_append_c (text, '\r'); break;
                case 'a': g_string_append_c (text, '\a'); break;
                case 'b': g_string_append_c (text, '\b'); break;
                case 'f': g_string_append_c (text, '\f'); break;
                case 'v': g_string_append_c (text, '\v'); break;
                case '\n': break;
                case '\\': case '\'': case '"': g_string_append_c (text, e); break;
                default: g_string_append_c (text, '\\'); g_string_append_c (text, e); break;
                }
            }
          if (e == '\n')
            {
              (*line)++;
              *line_start = p + 2;
              *col_base = 1;
            }
          p += 2;
          continue;
        }
      g_string_append_c (text, s[p]);
      p++;
    }
  t->str = g_string_chunk_insert_len (ctx->strings, text->str, (gssize) text->len);
  t->str_len = text->len;
  g_string_free (text, TRUE);
  *i = p;
  return TRUE;
}

static gboolean
tokenize (Ctx *ctx)
{
  const char *s = ctx->src;
  gsize i = 0, line_start = 0, col_pos = 0;
  guint line = 1, col_base = 1, depth = 0;
  guint stack[ANNEAL_IMPORT_MAX_NESTING];

  while (i <= ctx->len)
    {
      Token t = { 0 };
      gboolean at_end = i == ctx->len;
      guchar c = at_end ? '\0' : (guchar) s[i];

      if (!at_end && (c == ' ' || c == '\t' || c == '\f'))
        {
          i++;
          continue;
        }
      if (!at_end && c == '#')
        {
          while (i < ctx->len && s[i] != '\n')
            i++;
          continue;
        }
      if (!at_end && c == '\\' && i + 1 < ctx->len && s[i + 1] == '\n')
        {
          i += 2;
          line++;
          line_start = col_pos = i;
          col_base = 1;
          continue;
        }

      /* Columns are counted incrementally from the last token on this line. */
      if (col_pos < line_start)
        {
          col_pos = line_start;
          col_base = 1;
        }
      col_base += column_of (ctx, col_pos, i) - 1;
      col_pos = i;
      t.line = line;
      t.column = col_base;
      t.start = i;

      if (at_end || c == '\n' || (c == ';' && depth == 0))
        {
          if (depth > 0 && at_end)
            {
              Token *open = tok (ctx, stack[depth - 1]);

              ctx_fail (ctx, open->line, open->column, ANNEAL_IMPORT_ERROR_SYNTAX,
                        _("'%c' is never closed"), ctx->src[open->start]);
              return FALSE;
            }
          if (depth == 0 && ctx->toks->len > 0 && tok (ctx, ctx->toks->len - 1)->type != TOK_NEWLINE)
            {
              t.type = TOK_NEWLINE;
              t.end = i;
              g_array_append_val (ctx->toks, t);
            }
          if (at_end)
            {
              t.type = TOK_EOF;
              t.end = i;
              g_array_append_val (ctx->toks, t);
              break;
            }
          i++;
          if (c == '\n')
            {
              line++;
              line_start = col_pos = i;
              col_base = 1;
            }
          continue;
        }

      if (ctx->toks->len >= ANNEAL_IMPORT_MAX_TOKENS)
        {
          ctx_fail (ctx, line, t.column, ANNEAL_IMPORT_ERROR_LIMIT,
                    _("more than %d tokens: Anneal reads shorter scripts"),
                    ANNEAL_IMPORT_MAX_TOKENS);
          return FALSE;
        }

      if (g_ascii_isdigit (c) || (c == '.' && i + 1 < ctx->len && g_ascii_isdigit (s[i + 1])))
        {
          t.type = TOK_NUMBER;
          lex_number (ctx, &i, &t);
          if (i < ctx->len && is_name_char ((guchar) s[i]))
            {
              ctx_fail (ctx, line, t.column, ANNEAL_IMPORT_ERROR_SYNTAX, _("invalid number"));
              return FALSE;
            }
        }
      else if (is_name_start (c))
        {
          gsize p = i;

          while (p < ctx->len && is_name_char ((guchar) s[p]))
            {
              gunichar u;
              GUnicodeType type;

              if ((guchar) s[p] < 0x80)
                {
                  p++;
                  continue;
                }
              /* Outside ASCII, what Python's identifiers take: letters, marks, digits,
               * connectors; a no-break space or an arrow is not part of a name */
              u = g_utf8_get_char (s + p);
              type = g_unichar_type (u);
              if (!g_unichar_isalnum (u) && type != G_UNICODE_NON_SPACING_MARK &&
                  type != G_UNICODE_SPACING_MARK && type != G_UNICODE_CONNECT_PUNCTUATION &&
                  type != G_UNICODE_LETTER_NUMBER)
                {
                  g_autofree char *shown = anneal_text_escape_char (s + p);

                  if (g_unichar_isspace (u) || !g_unichar_isgraph (u))
                    ctx_fail (ctx, line, t.column + column_of (ctx, i, p) - 1,
                              ANNEAL_IMPORT_ERROR_SYNTAX,
                              _("invalid non-printable character U+%04X"), u);
                  else
                    ctx_fail (ctx, line, t.column + column_of (ctx, i, p) - 1,
                              ANNEAL_IMPORT_ERROR_SYNTAX, _("invalid character '%s' (U+%04X)"),
                              shown, u);
                  return FALSE;
                }
              p = (gsize) (g_utf8_next_char (s + p) - s);
            }
          if (p < ctx->len && (s[p] == '\'' || s[p] == '"') && p - i <= 2)
            {
              gboolean raw = FALSE, fstring = FALSE, bytes = FALSE, ok = TRUE;

              for (gsize k = i; k < p; k++)
                switch (g_ascii_tolower (s[k]))
                  {
                  case 'r': raw = TRUE; break;
                  case 'f': fstring = TRUE; break;
                  case 'b': bytes = TRUE; break;
                  case 'u': break;
                  default: ok = FALSE; break;
                  }
              if (ok)
                {
                  t.type = TOK_STRING;
                  t.fstring = fstring;
                  t.bytes = bytes;
                  i = p;
                  if (!lex_string (ctx, &i, raw, &t, &line, &line_start, &col_base))
                    return FALSE;
                  col_pos = MAX (col_pos, line_start);
                  goto append;
                }
            }
          t.type = TOK_NAME;
          i = p;
        }
      else if (c == '\'' || c == '"')
        {
          t.type = TOK_STRING;
          if (!lex_string (ctx, &i, FALSE, &t, &line, &line_start, &col_base))
            return FALSE;
          col_pos = MAX (col_pos, line_start);
        }
      else
        {
          gsize n = 1;

          for (guint k = 0; ops3[k] != NULL && n == 1; k++)
            if (i + 3 <= ctx->len && memcmp (s + i, ops3[k], 3) == 0)
              n = 3;
          for (guint k = 0; ops2[k] != NULL && n == 1; k++)
            if (i + 2 <= ctx->len && memcmp (s + i, ops2[k], 2) == 0)
              n = 2;
          if (n == 1 && strchr ("()[]{},:.;@=+-*/%<>&|^~!", c) == NULL)
            {
              ctx_fail (ctx, line, t.column, ANNEAL_IMPORT_ERROR_SYNTAX,
                        _("unexpected character '%c'"), c < 0x80 ? c : '?');
              return FALSE;
            }
          t.type = TOK_OP;
          t.match = G_MAXUINT;
          if (c == '(' || c == '[' || c == '{')
            {
              if (depth >= ANNEAL_IMPORT_MAX_NESTING)
                {
                  ctx_fail (ctx, line, t.column, ANNEAL_IMPORT_ERROR_LIMIT,
                            _("brackets nested deeper than %d levels"),
                            ANNEAL_IMPORT_MAX_NESTING);
                  return FALSE;
                }
              stack[depth++] = ctx->toks->len;
            }
          else if (c == ')' || c == ']' || c == '}')
            {
              char want = c == ')' ? '(' : c == ']' ? '[' : '{';
              Token *open;

              if (depth == 0 || s[(open = tok (ctx, stack[depth - 1]))->start] != want)
                {
                  ctx_fail (ctx, line, t.column, ANNEAL_IMPORT_ERROR_SYNTAX,
                            _("unmatched '%c'"), c);
                  return FALSE;
                }
              depth--;
              open->match = ctx->toks->len;
              t.match = stack[depth];
            }
          i += n;
        }
    append:
      t.end = i;
      g_array_append_val (ctx->toks, t);
    }
  return TRUE;
}

static gboolean
tok_is (Ctx        *ctx,
        guint       i,
        const char *text)
{
  Token *t = tok (ctx, i);
  gsize n = strlen (text);

  return (t->type == TOK_OP || t->type == TOK_NAME) && t->end - t->start == n &&
         memcmp (ctx->src + t->start, text, n) == 0;
}

static char *
tok_text (Ctx  *ctx,
          guint i)
{
  Token *t = tok (ctx, i);
  const char *text = ctx->src + t->start;
  gsize len = t->end - t->start;

  /* Python reads a name in its NFKC form: ｎ is n, ＳｔｅｐＬＲ is StepLR */
  if (t->type == TOK_NAME)
    for (gsize k = 0; k < len; k++)
      if ((guchar) text[k] >= 0x80)
        {
          g_autofree char *nfkc = g_utf8_normalize (text, (gssize) len, G_NORMALIZE_NFKC);

          if (nfkc != NULL)
            return g_string_chunk_insert (ctx->strings, nfkc);
          break;
        }
  return g_string_chunk_insert_len (ctx->strings, text, (gssize) len);
}

static const char * const keywords[] = {
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
  "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
  "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "while", "with", "yield", NULL
};

static gboolean
tok_is_keyword (Ctx  *ctx,
                guint i)
{
  if (tok (ctx, i)->type != TOK_NAME)
    return FALSE;
  for (guint k = 0; keywords[k] != NULL; k++)
    if (tok_is (ctx, i, keywords[k]))
      return TRUE;
  return FALSE;
}

/* ------------------------------------------------------------------ parser */

static Node *
node_new (Ctx      *ctx,
          NodeType  type,
          guint     at)
{
  Node *n = g_new0 (Node, 1);

  n->type = type;
  n->tok = at;
  g_ptr_array_add (ctx->nodes, n);
  return n;
}

static void
node_add (Ctx        *ctx,
          Node       *parent,
          Node       *child,
          const char *keyword)
{
  if (parent->items == NULL)
    {
      parent->items = g_ptr_array_new ();
      parent->keys = g_ptr_array_new ();
    }
  g_ptr_array_add (parent->items, child);
  g_ptr_array_add (parent->keys, (gpointer) keyword);
}

static gboolean
parse_fail (Ctx        *ctx,
            guint       at,
            const char *reason)
{
  if (ctx->parse_error == NULL)
    {
      ctx->parse_error = reason;
      ctx->parse_error_tok = at;
    }
  return FALSE;
}

/* One more level of nesting at token @at: a bracket, a unary operator, or one more link
 * of a chain (a.b, f(x), a[i], a + b, a < b, a and b, a ** b) — each makes the tree one
 * level deeper, and evaluation recurses through it. The levels an expression uses add
 * up until parse_expr() returns, so that no tree is deeper than about twice
 * ANNEAL_IMPORT_MAX_NESTING, however long its chains. */
static gboolean
nest (Ctx  *ctx,
      guint at)
{
  if (++ctx->depth > ANNEAL_IMPORT_MAX_NESTING)
    return parse_fail (ctx, at, N_("an expression nested too deeply"));
  return TRUE;
}

static Node *parse_expr (Ctx *ctx);
static const LibFunc *schedule_function_at (Ctx  *ctx,
                                            guint i);

static gboolean
at_expr_end (Ctx *ctx)
{
  Token *t = tok (ctx, ctx->pos);

  return t->type == TOK_NEWLINE || t->type == TOK_EOF ||
         tok_is (ctx, ctx->pos, ")") || tok_is (ctx, ctx->pos, "]") ||
         tok_is (ctx, ctx->pos, "}") || tok_is (ctx, ctx->pos, ",") ||
         tok_is (ctx, ctx->pos, ":") || tok_is (ctx, ctx->pos, "=");
}

/* Arguments of a call, items of a list, tuple, set or dict, up to the closing
 * bracket at @close. A comprehension makes the whole bracket opaque. */
static gboolean
parse_items (Ctx        *ctx,
             Node       *n,
             guint       close,
             gboolean    call,
             gboolean    dict)
{
  g_autoptr(GHashTable) seen = NULL;  /* this call's keywords, made at its first */

  while (ctx->pos < close)
    {
      const char *keyword = NULL;
      Node *item;

      if (tok_is (ctx, ctx->pos, "*") || tok_is (ctx, ctx->pos, "**"))
        {
          gboolean two = tok_is (ctx, ctx->pos, "**");
          guint at = ctx->pos++;

          item = parse_expr (ctx);
          if (item == NULL)
            return FALSE;
          item = NULL;
          n->star = n->star ? n->star : at;
          (void) two;
        }
      else
        {
          if (call && tok (ctx, ctx->pos)->type == TOK_NAME && tok_is (ctx, ctx->pos + 1, "="))
            {
              keyword = tok_text (ctx, ctx->pos);
              /* Python refuses f(lr=0.1, lr=0.2) before it runs (SyntaxError); a set,
               * as a call may have tens of thousands of them */
              if (seen == NULL)
                seen = g_hash_table_new (g_str_hash, g_str_equal);
              if (!g_hash_table_add (seen, (gpointer) keyword))
                return parse_fail (ctx, ctx->pos, N_("a keyword argument given twice"));
              ctx->pos += 2;
            }
          else if (call && seen != NULL)
            /* f(step_size=4, 0.5): Python's SyntaxError, before it runs */
            return parse_fail (ctx, ctx->pos, N_("a positional argument after a keyword "
                                                 "argument"));
          item = parse_expr (ctx);
          if (item == NULL)
            return FALSE;
          if (tok_is (ctx, ctx->pos, "for") || tok_is (ctx, ctx->pos, "async"))
            {
              n->type = NODE_OPAQUE;
              n->reason = N_("a comprehension");
              ctx->pos = close;
              return TRUE;
            }
          if (dict)
            {
              Node *value;

              if (!tok_is (ctx, ctx->pos, ":"))
                {
                  /* A set: nothing Anneal reads. */
                  n->type = NODE_OPAQUE;
                  n->reason = N_("a set");
                  ctx->pos = close;
                  return TRUE;
                }
              ctx->pos++;
              value = parse_expr (ctx);
              if (value == NULL)
                return FALSE;
              if (tok_is (ctx, ctx->pos, "for"))
                {
                  n->type = NODE_OPAQUE;
                  n->reason = N_("a comprehension");
                  ctx->pos = close;
                  return TRUE;
                }
              node_add (ctx, n, item, NULL);
              item = value;
            }
          node_add (ctx, n, item, keyword);
        }
      if (ctx->pos < close)
        {
          if (!tok_is (ctx, ctx->pos, ","))
            return parse_fail (ctx, ctx->pos, N_("expected ',' or a closing bracket"));
          ctx->pos++;
          n->trailing_comma = ctx->pos == close;
        }
    }
  return TRUE;
}

static Node *
parse_atom (Ctx *ctx)
{
  Token *t = tok (ctx, ctx->pos);
  guint at = ctx->pos, body;
  Node *n;

  switch (t->type)
    {
    case TOK_NUMBER:
      n = node_new (ctx, NODE_NUMBER, at);
      ctx->pos++;
      return n;

    case TOK_STRING:
      n = node_new (ctx, NODE_STRING, at);
      {
        GString *joined = g_string_new_len (t->str, (gssize) t->str_len);
        gboolean fstring = t->fstring, bytes = t->bytes;
        Token *unread = t->unread != NULL ? t : NULL;

        ctx->pos++;
        while (tok (ctx, ctx->pos)->type == TOK_STRING)
          {
            Token *u = tok (ctx, ctx->pos++);

            if (u->bytes != bytes)
              {
                g_string_free (joined, TRUE);
                parse_fail (ctx, ctx->pos - 1, N_("bytes and text literals cannot be joined"));
                return NULL;
              }
            g_string_append_len (joined, u->str, (gssize) u->str_len);
            fstring |= u->fstring;
            if (unread == NULL && u->unread != NULL)
              unread = u;
          }
        n->text = g_string_chunk_insert_len (ctx->strings, joined->str, (gssize) joined->len);
        n->text_len = joined->len;
        g_string_free (joined, TRUE);
        if (unread != NULL)
          {
            n->type = NODE_OPAQUE;
            n->reason = unread->unread;
            n->reason_line = unread->unread_line;
            n->reason_column = unread->unread_column;
          }
        /* an f-string with no {placeholder} is its text */
        else if (fstring && (memchr (n->text, '{', n->text_len) != NULL ||
                        memchr (n->text, '}', n->text_len) != NULL))
          {
            n->type = NODE_OPAQUE;
            n->reason = N_("an f-string");
          }
        else if (bytes)
          {
            n->type = NODE_OPAQUE;
            n->reason = N_("a bytes literal, not text");
          }
      }
      return n;

    case TOK_NAME:
      if (tok_is (ctx, at, "True") || tok_is (ctx, at, "False"))
        {
          n = node_new (ctx, NODE_BOOL, at);
          n->number = tok_is (ctx, at, "True");
          ctx->pos++;
          return n;
        }
      if (tok_is (ctx, at, "None"))
        {
          ctx->pos++;
          return node_new (ctx, NODE_NONE, at);
        }
      if (tok_is (ctx, at, "lambda"))
        {
          /* lambda params: body — the body is read to find where it ends. */
          while (ctx->pos < ctx->toks->len && !tok_is (ctx, ctx->pos, ":") &&
                 tok (ctx, ctx->pos)->type != TOK_NEWLINE && tok (ctx, ctx->pos)->type != TOK_EOF)
            ctx->pos++;
          if (!tok_is (ctx, ctx->pos, ":"))
            {
              parse_fail (ctx, at, N_("a lambda without ':'"));
              return NULL;
            }
          ctx->pos++;
          body = ctx->pos;
          if (parse_expr (ctx) == NULL)
            return NULL;
          n = node_new (ctx, NODE_OPAQUE, at);
          n->reason = N_("a lambda");
          n->lambda = TRUE;
          /* `lambda opt: StepLR(opt, 3)` builds a schedule each time it is called */
          for (guint i = body; i + 1 < ctx->pos && n->builds == NULL; i++)
            if (tok_is (ctx, i + 1, "("))
              {
                const LibFunc *func = schedule_function_at (ctx, i);

                if (func != NULL)
                  n->builds = func->name;
              }
          return n;
        }
      if (tok_is (ctx, at, "await") || tok_is (ctx, at, "yield"))
        {
          while (tok_is (ctx, ctx->pos, "await") || tok_is (ctx, ctx->pos, "yield"))
            ctx->pos++;
          return parse_atom (ctx);
        }
      if (tok_is_keyword (ctx, at))
        {
          parse_fail (ctx, at, N_("unexpected keyword"));
          return NULL;
        }
      n = node_new (ctx, NODE_NAME, at);
      n->text = tok_text (ctx, at);
      ctx->pos++;
      return n;

    case TOK_OP:
      if (tok_is (ctx, at, "..."))
        {
          n = node_new (ctx, NODE_OPAQUE, at);
          n->reason = N_("'...'");
          ctx->pos++;
          return n;
        }
      if (tok_is (ctx, at, "(") || tok_is (ctx, at, "[") || tok_is (ctx, at, "{"))
        {
          guint close = t->match;
          gboolean paren = tok_is (ctx, at, "(");

          n = node_new (ctx, paren ? NODE_TUPLE : tok_is (ctx, at, "[") ? NODE_LIST : NODE_DICT, at);
          ctx->pos++;
          if (!parse_items (ctx, n, close, FALSE, n->type == NODE_DICT))
            return NULL;
          ctx->pos = close + 1;
          /* (x) is x; (x,) and () are tuples. */
          if (paren && n->type == NODE_TUPLE && n->items != NULL && n->items->len == 1 &&
              !n->trailing_comma && !n->star)
            return g_ptr_array_index (n->items, 0);
          if (n->star && n->type != NODE_OPAQUE)
            {
              n->type = NODE_OPAQUE;
              n->reason = N_("an unpacked value");
            }
          return n;
        }
      break;

    case TOK_NEWLINE:
    case TOK_EOF:
    default:
      break;
    }
  parse_fail (ctx, at, N_("expected a value"));
  return NULL;
}

static Node *
parse_primary (Ctx *ctx)
{
  Node *n = parse_atom (ctx);

  while (n != NULL)
    {
      guint at = ctx->pos;

      if ((tok_is (ctx, at, ".") || tok_is (ctx, at, "(") || tok_is (ctx, at, "[")) &&
          !nest (ctx, at))
        return NULL;
      if (tok_is (ctx, at, "."))
        {
          Node *a;

          if (tok (ctx, at + 1)->type != TOK_NAME)
            {
              parse_fail (ctx, at + 1, N_("expected a name after '.'"));
              return NULL;
            }
          a = node_new (ctx, NODE_ATTR, n->tok);
          a->left = n;
          a->text = tok_text (ctx, at + 1);
          ctx->pos += 2;
          n = a;
        }
      else if (tok_is (ctx, at, "("))
        {
          Node *c = node_new (ctx, NODE_CALL, n->tok);
          guint close = tok (ctx, at)->match;

          c->left = n;
          c->paren = at;
          ctx->pos++;
          if (!parse_items (ctx, c, close, TRUE, FALSE))
            return NULL;
          ctx->pos = close + 1;
          n = c;
        }
      else if (tok_is (ctx, at, "["))
        {
          Node *sub = node_new (ctx, NODE_SUBSCRIPT, n->tok);
          guint close = tok (ctx, at)->match;
          Node *index;

          sub->left = n;
          ctx->pos++;
          index = parse_expr (ctx);
          if (index == NULL || ctx->pos != close)
            {
              /* Slices and tuples of indices: nothing Anneal reads. */
              ctx->parse_error = NULL;
              sub->type = NODE_OPAQUE;
              sub->reason = N_("a slice");
            }
          else
            sub->right = index;
          ctx->pos = close + 1;
          n = sub;
        }
      else
        break;
    }
  return n;
}

static Node *
binop_new (Ctx        *ctx,
           const char *op,
           guint       at,
           Node       *left,
           Node       *right)
{
  Node *n = node_new (ctx, NODE_BINOP, at);

  n->op = op;
  n->left = left;
  n->right = right;
  return n;
}

static Node *parse_unary (Ctx *ctx);

static Node *
parse_power (Ctx *ctx)
{
  Node *n = parse_primary (ctx);

  if (n != NULL && tok_is (ctx, ctx->pos, "**"))
    {
      guint at = ctx->pos++;
      Node *r;

      if (!nest (ctx, at))
        return NULL;
      r = parse_unary (ctx);

      return r == NULL ? NULL : binop_new (ctx, "**", at, n, r);
    }
  return n;
}

static Node *
parse_unary (Ctx *ctx)
{
  guint at = ctx->pos;
  Node *n, *operand;

  if (!tok_is (ctx, at, "-") && !tok_is (ctx, at, "+") && !tok_is (ctx, at, "~"))
    return parse_power (ctx);
  if (!nest (ctx, at))
    return NULL;
  ctx->pos++;
  operand = parse_unary (ctx);
  ctx->depth--;
  if (operand == NULL)
    return NULL;
  n = node_new (ctx, NODE_UNARY, at);
  n->op = tok_is (ctx, at, "-") ? "-" : tok_is (ctx, at, "+") ? "+" : "~";
  n->left = operand;
  return n;
}

/* Binary operators by precedence, loosest first; all left-associative. */
static const char * const levels[][8] = {
  { "|", NULL },
  { "^", NULL },
  { "&", NULL },
  { "<<", ">>", NULL },
  { "+", "-", NULL },
  { "*", "/", "//", "%", "@", NULL },
};

static Node *
parse_level (Ctx  *ctx,
             guint level)
{
  Node *n;

  if (level == G_N_ELEMENTS (levels))
    return parse_unary (ctx);
  n = parse_level (ctx, level + 1);
  while (n != NULL)
    {
      const char *op = NULL;
      guint at = ctx->pos;
      Node *r;

      for (guint k = 0; levels[level][k] != NULL; k++)
        if (tok_is (ctx, at, levels[level][k]))
          op = levels[level][k];
      if (op == NULL)
        break;
      if (!nest (ctx, at))
        return NULL;
      ctx->pos++;
      r = parse_level (ctx, level + 1);
      if (r == NULL)
        return NULL;
      n = binop_new (ctx, op, at, n, r);
    }
  return n;
}

static gboolean
at_comparison (Ctx *ctx)
{
  static const char * const cmp[] = { "<", ">", "==", ">=", "<=", "!=", "in", "is", NULL };

  for (guint k = 0; cmp[k] != NULL; k++)
    if (tok_is (ctx, ctx->pos, cmp[k]))
      return TRUE;
  return tok_is (ctx, ctx->pos, "not") && tok_is (ctx, ctx->pos + 1, "in");
}

static Node *
parse_not (Ctx *ctx)
{
  guint at = ctx->pos;
  Node *n;

  if (tok_is (ctx, at, "not"))
    {
      if (!nest (ctx, at))
        return NULL;
      ctx->pos++;
      n = parse_not (ctx);
      ctx->depth--;
      if (n == NULL)
        return NULL;
      n = binop_new (ctx, "not", at, n, n);
      return n;
    }
  n = parse_level (ctx, 0);
  while (n != NULL && at_comparison (ctx))
    {
      guint op_at = ctx->pos;
      Node *r;

      if (!nest (ctx, op_at))
        return NULL;
      ctx->pos += (tok_is (ctx, ctx->pos, "not") || (tok_is (ctx, ctx->pos, "is") &&
                                                       tok_is (ctx, ctx->pos + 1, "not"))) ? 2 : 1;
      r = parse_level (ctx, 0);
      if (r == NULL)
        return NULL;
      n = binop_new (ctx, "cmp", op_at, n, r);
    }
  return n;
}

static Node *
parse_bool (Ctx        *ctx,
            const char *op)
{
  Node *n = strcmp (op, "or") == 0 ? parse_bool (ctx, "and") : parse_not (ctx);

  while (n != NULL && tok_is (ctx, ctx->pos, op))
    {
      guint at = ctx->pos++;
      Node *r;

      if (!nest (ctx, at))
        return NULL;
      r = strcmp (op, "or") == 0 ? parse_bool (ctx, "and") : parse_not (ctx);
      if (r == NULL)
        return NULL;
      n = binop_new (ctx, op, at, n, r);
    }
  return n;
}

static Node *
parse_expr (Ctx *ctx)
{
  guint outer = ctx->depth;
  Node *n = NULL, *cond, *other;
  guint at;

  /* The levels used inside (see nest()) are given back at the end. */
  if (!nest (ctx, ctx->pos))
    goto out;
  if (at_expr_end (ctx))
    {
      parse_fail (ctx, ctx->pos, N_("expected a value"));
      goto out;
    }
  n = parse_bool (ctx, "or");
  if (n != NULL && tok_is (ctx, ctx->pos, "if"))
    {
      at = ctx->pos++;
      cond = parse_bool (ctx, "or");
      if (cond == NULL || !tok_is (ctx, ctx->pos, "else"))
        {
          if (cond != NULL)
            parse_fail (ctx, ctx->pos, N_("expected 'else'"));
          n = NULL;
          goto out;
        }
      ctx->pos++;
      other = parse_expr (ctx);
      if (other == NULL)
        {
          n = NULL;
          goto out;
        }
      n = binop_new (ctx, "if", at, n, other);
      n->cond = cond;
    }
  if (n != NULL && tok_is (ctx, ctx->pos, ":="))
    {
      ctx->pos++;
      n = parse_expr (ctx);
    }

out:
  ctx->depth = outer;
  return n;
}

/* expr, expr, … (a bare tuple) */
static Node *
parse_expr_list (Ctx *ctx)
{
  guint at = ctx->pos;
  Node *first = parse_expr (ctx), *tuple;

  if (first == NULL || !tok_is (ctx, ctx->pos, ","))
    return first;
  tuple = node_new (ctx, NODE_TUPLE, at);
  node_add (ctx, tuple, first, NULL);
  while (tok_is (ctx, ctx->pos, ","))
    {
      Node *item;

      ctx->pos++;
      if (at_expr_end (ctx))
        break;
      item = parse_expr (ctx);
      if (item == NULL)
        return NULL;
      node_add (ctx, tuple, item, NULL);
    }
  return tuple;
}

/* ------------------------------------------------------------------ values */

Value *
value_new (Ctx      *ctx,
           ValueType type,
           guint     line,
           guint     column)
{
  Value *v = g_new0 (Value, 1);

  v->type = type;
  v->line = line;
  v->column = column;
  g_ptr_array_add (ctx->values, v);
  return v;
}

const char *
ctx_strdup_printf (Ctx        *ctx,
                   const char *format,
                   ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  return g_string_chunk_insert (ctx->strings, text);
}

Schedule *
schedule_new (const LibFunc *func)
{
  Schedule *s = g_new0 (Schedule, 1);

  s->stages = g_array_new (FALSE, FALSE, sizeof (Stage));
  s->label = func->label;
  s->library = func->library;
  s->per_step = func->per_step;
  return s;
}

void
schedule_free (Schedule *schedule)
{
  g_array_unref (schedule->stages);
  g_clear_pointer (&schedule->alone, schedule_free);
  g_free (schedule);
}

static void
value_free (gpointer data)
{
  Value *v = data;

  g_clear_pointer (&v->items, g_ptr_array_unref);
  if (v->optimizer != NULL)
    g_free (v->optimizer);
  g_clear_pointer (&v->schedule, schedule_free);
  g_free (v);
}

static void
node_free (gpointer data)
{
  Node *n = data;

  g_clear_pointer (&n->items, g_ptr_array_unref);
  g_clear_pointer (&n->keys, g_ptr_array_unref);
  g_free (n);
}

static Value *
value_at (Ctx      *ctx,
          ValueType type,
          guint     at)
{
  return value_new (ctx, type, tok (ctx, at)->line, tok (ctx, at)->column);
}

/* A string Value holding @name (a keyword, a key written out) */
static Value *
name_value (Ctx        *ctx,
            guint       line,
            guint       column,
            const char *name)
{
  Value *v = value_new (ctx, VAL_STRING, line, column);

  v->str = name;
  v->str_len = strlen (name);
  return v;
}

static Value *
opaque_at (Ctx        *ctx,
           guint       at,
           const char *reason)
{
  Value *v = value_at (ctx, VAL_OPAQUE, at);

  v->reason = reason;
  return v;
}

/* Source bytes @start … @end for a message: whole characters, at most 40 of them and
 * only those of the first line; "…" when shortened. */
static const char *
shorten_source (Ctx  *ctx,
                gsize start,
                gsize end)
{
  const char *text = ctx->src + start;
  const char *p = text;
  const char *cut = NULL;
  guint n_chars = 0;

  while (p < ctx->src + end && *p != '\n')
    {
      if (n_chars == 37)
        cut = p;
      if (n_chars == 40)
        break;
      p = g_utf8_next_char (p);
      n_chars++;
    }
  if (p == ctx->src + end)
    return ctx_strdup_printf (ctx, "%.*s", (int) (end - start), text);
  if (cut == NULL)
    cut = p;
  return ctx_strdup_printf (ctx, "%.*s…", (int) (cut - text), text);
}

/* The source text of a node, shortened for messages. */
static const char *
node_source (Ctx  *ctx,
             Node *n)
{
  Token *t = tok (ctx, n->tok);
  gsize end = t->end;

  if (n->type == NODE_CALL && n->paren < ctx->toks->len)
    end = tok (ctx, tok (ctx, n->paren)->match)->end;
  else if (n->type == NODE_ATTR || n->type == NODE_SUBSCRIPT)
    {
      /* NAME.NAME…: up to the last name read. */
      Node *last = n;

      end = tok (ctx, last->tok)->end;
    }
  return shorten_source (ctx, t->start, end);
}

static Value *
number_at (Ctx     *ctx,
           guint    at,
           double   number,
           gboolean is_int)
{
  Value *v;

  /* an integer is Python's exact one: what the arithmetic below would have to round
   * is refused there (inexact_integer()) */
  if (!isfinite (number) && is_int)
    return opaque_at (ctx, at, _("an integer too large for a double"));
  v = value_at (ctx, VAL_NUMBER, at);
  v->number = number;
  v->is_int = is_int;
  return v;
}

/* Python's integers are exact; a double holds an integer exactly up to 2^53, and past
 * it those whose odd part has at most 53 bits (10**16, not 3**40). */
static Value *
inexact_integer (Ctx  *ctx,
                 guint at)
{
  return opaque_at (ctx, at, _("an integer too large to be exact in a double: past 2^53 it "
                               "needs more than 53 significant bits"));
}

/* The rounding error of the sum @s = @a + @b, exactly (Knuth's two-sum). */
static double
sum_error (double a,
           double b,
           double s)
{
  return (a - (s - (s - a))) + (b - (s - a));
}

/* x ** y of integers, y ≥ 0, exact as Python's: |x| = odd·2^k, so x^y = odd^y·2^(k·y),
 * exact in a double where odd^y < 2^53 (3^34 is past it). */
static Value *
int_power (Ctx   *ctx,
           guint  at,
           double x,
           double y)
{
  const guint64 limit = G_GUINT64_CONSTANT (1) << 53;
  double odd = fabs (x), twos = 0, r;
  guint64 m = 1;

  if (y == 0)
    return number_at (ctx, at, 1, TRUE);
  if (x == 0)
    return number_at (ctx, at, 0, TRUE);
  while (fmod (odd, 2) == 0)
    {
      odd /= 2;
      twos++;
    }
  if (odd > 1)
    {
      if (y >= 34)
        return inexact_integer (ctx, at);
      for (int k = 0; k < (int) y; k++)
        {
          if (m > limit / (guint64) odd)
            return inexact_integer (ctx, at);
          m *= (guint64) odd;
        }
    }
  if (twos * y > 2000)
    return opaque_at (ctx, at, _("an integer too large for a double"));
  r = ldexp ((double) m, (int) (twos * y));
  if (x < 0 && fmod (y, 2) == 1)
    r = -r;
  return number_at (ctx, at, r, TRUE);
}

/* Python's float floor division and modulo (Objects/floatobject.c, float_divmod). */
static void
py_divmod (double  a,
           double  b,
           double *floordiv,
           double *mod)
{
  double m = fmod (a, b), div = (a - m) / b, fd;

  if (m != 0)
    {
      if ((b < 0) != (m < 0))
        {
          m += b;
          div -= 1.0;
        }
    }
  else
    m = copysign (0.0, b);
  if (div != 0)
    {
      fd = floor (div);
      if (div - fd > 0.5)
        fd += 1.0;
    }
  else
    fd = copysign (0.0, a / b);
  *floordiv = fd;
  *mod = m;
}

static gboolean
truthy (Value    *v,
        gboolean *known)
{
  *known = TRUE;
  switch (v->type)
    {
    case VAL_NONE: return FALSE;
    case VAL_BOOL:
    case VAL_NUMBER: return v->number != 0;
    case VAL_STRING: return v->str_len > 0;
    case VAL_LIST:
    case VAL_DICT: return v->items->len > 0;
    case VAL_OPAQUE:
    case VAL_REF:
    case VAL_OPTIMIZER:
    case VAL_SCHEDULE:
    case VAL_FAILED:
    case VAL_GROUP:
    default:
      *known = FALSE;
      return FALSE;
    }
}

static Value *
as_number (Value *v)
{
  return (v->type == VAL_BOOL || v->type == VAL_NUMBER) ? v : NULL;
}

/* A list made by `+` or `*` holds at most IMPORT_LIST_MAX items, a string joined by
 * `+` at most IMPORT_STRING_MAX bytes, and all of them together IMPORT_MADE_MAX items
 * and bytes: `s = s + s` doubles at each line, and 60 such lines (746 bytes) took
 * 9 GB before they were bounded. */
#define IMPORT_LIST_MAX   4096
#define IMPORT_STRING_MAX 65536
#define IMPORT_MADE_MAX   ((gsize) 1 << 22)

/* Whether @n more items or bytes may be made; else @v is what to return */
static gboolean
may_make (Ctx    *ctx,
          guint   at,
          gsize   n,
          Value **v)
{
  if (n > IMPORT_MADE_MAX - ctx->made)
    {
      *v = opaque_at (ctx, at, _("more lists and strings joined than Anneal follows"));
      return FALSE;
    }
  ctx->made += n;
  return TRUE;
}

static Value *
binop (Ctx        *ctx,
       const char *op,
       guint       at,
       Value      *a,
       Value      *b)
{
  Value *x = as_number (a), *y = as_number (b);
  gboolean ints;
  double r;

  if (a->type == VAL_OPAQUE)
    return a;
  if (b->type == VAL_OPAQUE)
    return b;

  if (strcmp (op, "+") == 0 && a->type == VAL_LIST && b->type == VAL_LIST)
    {
      gsize n = (gsize) a->items->len + b->items->len;
      Value *v;

      if (n > IMPORT_LIST_MAX)
        return opaque_at (ctx, at, _("a list too long for Anneal"));
      if (!may_make (ctx, at, n, &v))
        return v;
      v = value_at (ctx, VAL_LIST, at);
      v->items = g_ptr_array_new ();
      g_ptr_array_extend (v->items, a->items, NULL, NULL);
      g_ptr_array_extend (v->items, b->items, NULL, NULL);
      return v;
    }
  if (strcmp (op, "*") == 0 && (a->type == VAL_LIST || b->type == VAL_LIST))
    {
      Value *list = a->type == VAL_LIST ? a : b, *count = a->type == VAL_LIST ? y : x;
      Value *v;

      if (count == NULL || !count->is_int)
        return opaque_at (ctx, at, _("a list multiplied by something that is not a whole number"));
      if (count->number * list->items->len > IMPORT_LIST_MAX)
        return opaque_at (ctx, at, _("a list too long for Anneal"));
      if (count->number > 0 && !may_make (ctx, at, (gsize) count->number * list->items->len, &v))
        return v;
      v = value_at (ctx, VAL_LIST, at);
      v->items = g_ptr_array_new ();
      /* [] * 10**15 is [] at once: the count is bounded only for a list with items. */
      for (double k = 0; list->items->len > 0 && k < count->number; k++)
        g_ptr_array_extend (v->items, list->items, NULL, NULL);
      return v;
    }
  if (strcmp (op, "+") == 0 && a->type == VAL_STRING && b->type == VAL_STRING)
    {
      g_autofree char *joined = NULL;
      Value *v;

      if (a->str_len + b->str_len > IMPORT_STRING_MAX)
        return opaque_at (ctx, at, _("a string too long for Anneal"));
      if (!may_make (ctx, at, a->str_len + b->str_len, &v))
        return v;
      v = value_at (ctx, VAL_STRING, at);
      joined = g_strconcat (a->str, b->str, NULL);

      v->str = g_string_chunk_insert (ctx->strings, joined);
      v->str_len = a->str_len + b->str_len;
      return v;
    }
  if (x == NULL || y == NULL)
    return opaque_at (ctx, at, _("arithmetic on something that is not a number"));

  ints = (x->is_int || x->type == VAL_BOOL) && (y->is_int || y->type == VAL_BOOL);
  if (ints && (strcmp (op, "+") == 0 || strcmp (op, "-") == 0 || strcmp (op, "*") == 0))
    {
      /* Python's integers are exact: a sum or product the double had to round (2**53
       * + 1 is 2**53 in a double, so 2**53 + 1 - 2**53 + 2 would be 2, not 3) is
       * refused. The rounding error of a sum (Knuth's two-sum) or a product (fma) is
       * exact. */
      double other = op[0] == '-' ? -y->number : y->number;
      double result = op[0] == '*' ? x->number * other : x->number + other;
      double err = op[0] == '*' ? fma (x->number, other, -result)
                                : sum_error (x->number, other, result);

      if (!isfinite (result))
        return opaque_at (ctx, at, _("an integer too large for a double"));
      if (err != 0)
        return inexact_integer (ctx, at);
      return number_at (ctx, at, result, TRUE);
    }
  if (strcmp (op, "+") == 0)
    return number_at (ctx, at, x->number + y->number, ints);
  if (strcmp (op, "-") == 0)
    return number_at (ctx, at, x->number - y->number, ints);
  if (strcmp (op, "*") == 0)
    return number_at (ctx, at, x->number * y->number, ints);
  if (strcmp (op, "/") == 0)
    {
      if (y->number == 0)
        return opaque_at (ctx, at, _("a division by zero"));
      return number_at (ctx, at, x->number / y->number, FALSE);
    }
  if (strcmp (op, "//") == 0 || strcmp (op, "%") == 0)
    {
      double fd, m;

      if (y->number == 0)
        return opaque_at (ctx, at, _("a division by zero"));
      if (ints)
        {
          /* exactly, as Python's integers: the remainder (fmod is exact) with the
           * divisor's sign, and the quotient of the exact multiple x − r; a step the
           * double would round is refused */
          double rem = fmod (x->number, y->number), d, q;

          if (rem != 0 && (rem < 0) != (y->number < 0))
            {
              double sum = rem + y->number;

              if (sum_error (rem, y->number, sum) != 0)
                return inexact_integer (ctx, at);
              rem = sum;
            }
          if (strcmp (op, "%") == 0)
            return number_at (ctx, at, rem + 0.0, TRUE);  /* + 0.0: an integer has no −0 */
          d = x->number - rem;
          if (sum_error (x->number, -rem, d) != 0)
            return inexact_integer (ctx, at);
          q = d / y->number;
          if (fma (q, y->number, -d) != 0)
            return inexact_integer (ctx, at);
          return number_at (ctx, at, q + 0.0, TRUE);
        }
      py_divmod (x->number, y->number, &fd, &m);
      return number_at (ctx, at, strcmp (op, "//") == 0 ? fd : m, FALSE);
    }
  if (strcmp (op, "**") == 0)
    {
      if (ints && y->number >= 0)
        return int_power (ctx, at, x->number, y->number);
      if (x->number == 0 && y->number < 0)
        return opaque_at (ctx, at, _("a division by zero"));
      if (x->number < 0 && y->number != floor (y->number))
        return opaque_at (ctx, at, _("a complex number"));
      r = pow (x->number, y->number);
      if (!isfinite (r))
        return opaque_at (ctx, at, _("a number too large for a double"));
      return number_at (ctx, at, r, FALSE);
    }
  if (strcmp (op, "cmp") == 0)
    {
      const char *c = tok_text (ctx, at);
      gboolean res;

      if (strcmp (c, "<") == 0) res = x->number < y->number;
      else if (strcmp (c, ">") == 0) res = x->number > y->number;
      else if (strcmp (c, "<=") == 0) res = x->number <= y->number;
      else if (strcmp (c, ">=") == 0) res = x->number >= y->number;
      else if (strcmp (c, "==") == 0) res = x->number == y->number;
      else if (strcmp (c, "!=") == 0) res = x->number != y->number;
      else
        return opaque_at (ctx, at, _("a comparison Anneal does not read"));
      r = res;
      {
        Value *v = value_at (ctx, VAL_BOOL, at);

        v->number = r;
        v->is_int = TRUE;
        return v;
      }
    }
  return opaque_at (ctx, at, _("an operator Anneal does not read"));
}

static Value *eval (Ctx *ctx, Node *n);
static Value *eval_update (Ctx *ctx, Node *n);
static Value *set_at_run_time (Ctx *ctx, guint line, guint column, Value *value);
static void set_group_item (Ctx *ctx, guint line, guint column, Node *base_node, Value *base,
                            Value *key, Value *value);
static void set_group_rate (Optimizer *o, gboolean initial, Value *value, guint line);
static Value *opaque_rate (Ctx *ctx, guint line, guint column, const char *reason);

/* A list or dict changed in place where Anneal does not follow the change
 * (ms.append(10), del ms[0], ms[1:] = […], ms *= 2): it is unknown from then on, under
 * every name it is bound to (after m2 = ms both are the one list, as in Python). It
 * was read as it was before, silently: milestones appended to were dropped. */
static void
changed_in_place (Ctx   *ctx,
                  Value *v,
                  guint  at)
{
  Token *t = tok (ctx, at);

  if (v->type != VAL_LIST && v->type != VAL_DICT)
    return;
  if (v->type == VAL_LIST)
    v->was_list = v->items == NULL || v->items->len == 0 ? 2 : 1;
  /* said where it was changed; an empty list keeps where it was written (`groups = []`
   * filled as the program runs) */
  if (v->was_list != 2)
    {
      v->line = t->line;
      v->column = t->column;
    }
  v->type = VAL_OPAQUE;
  v->reason = ctx_strdup_printf (ctx, _("a list or dict changed in place on line %u, which "
                                        "Anneal does not follow"), t->line);
}

/* A scheduler changed after it was built: refused (its steps would go on from what
 * Anneal does not know) */
static void
schedule_changed (Ctx        *ctx,
                  Value      *v,
                  guint       at,
                  const char *what)
{
  Token *t = tok (ctx, at);

  if (v->type != VAL_SCHEDULE || ctx->changed != NULL)
    return;
  ctx->changed = ctx_strdup_printf (ctx, _("the scheduler is changed after it is built (%s), "
                                           "which Anneal does not follow"), what);
  ctx->changed_line = t->line;
  ctx->changed_column = t->column;
}

static gboolean
is_mutating_method (const char *name)
{
  static const char * const methods[] = {
    "append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse",
    "setdefault", "popitem", "__setitem__", "__delitem__", "__iadd__", "__imul__",
    "__ior__", NULL
  };

  return g_strv_contains (methods, name);
}

static const char *
last_part (const char *path)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL ? dot + 1 : path;
}

static gboolean
has_root (const char *path,
          const char *root)
{
  gsize n = strlen (root);

  return strncmp (path, root, n) == 0 && (path[n] == '.' || path[n] == '\0');
}

static gboolean
is_math_module (const char *path,
                gsize       len)
{
  return (len == 4 && strncmp (path, "math", 4) == 0) ||
         (len == 2 && strncmp (path, "np", 2) == 0) ||
         (len == 5 && strncmp (path, "numpy", 5) == 0);
}

/* math.pi and the like, or NULL. */
static Value *
math_constant (Ctx        *ctx,
               const char *path,
               guint       at)
{
  const char *name = last_part (path);

  if (name == path || !is_math_module (path, (gsize) (name - 1 - path)))
    return NULL;
  if (strcmp (name, "pi") == 0)
    return number_at (ctx, at, G_PI, FALSE);
  if (strcmp (name, "e") == 0)
    return number_at (ctx, at, G_E, FALSE);
  if (strcmp (name, "tau") == 0)
    return number_at (ctx, at, 2 * G_PI, FALSE);
  if (strcmp (name, "inf") == 0)
    return number_at (ctx, at, INFINITY, FALSE);
  return NULL;
}

/* A dotted name NAME.NAME… as text, or NULL. */
static const char *
dotted_name (Ctx  *ctx,
             Node *n)
{
  const char *base;

  if (n->type == NODE_NAME)
    return n->text;
  if (n->type != NODE_ATTR || (base = dotted_name (ctx, n->left)) == NULL)
    return NULL;
  return ctx_strdup_printf (ctx, "%s.%s", base, n->text);
}

static Value *
lookup (Ctx        *ctx,
        const char *name,
        guint       at)
{
  Value *v = g_hash_table_lookup (ctx->env, name);

  if (v != NULL)
    return v;
  v = value_at (ctx, VAL_REF, at);
  v->str = name;
  return v;
}

static Value *
builtin_call (Ctx        *ctx,
              const char *name,
              guint       at,
              Value     **args,
              guint       n_args,
              gboolean    math)
{
  double a, b;

  for (guint i = 0; i < n_args; i++)
    if (args[i]->type == VAL_OPAQUE)
      return args[i];

  if ((strcmp (name, "min") == 0 || strcmp (name, "max") == 0) && !math)
    {
      Value **items = args, *best = NULL;
      guint n = n_args;

      if (n_args == 1 && args[0]->type == VAL_LIST)
        {
          items = (Value **) args[0]->items->pdata;
          n = args[0]->items->len;
        }
      for (guint i = 0; i < n; i++)
        {
          if (as_number (items[i]) == NULL)
            return opaque_at (ctx, at, _("min() or max() of something that is not a number"));
          if (best == NULL || (name[1] == 'i' ? items[i]->number < best->number
                                             : items[i]->number > best->number))
            best = items[i];
        }
      if (best == NULL)
        return opaque_at (ctx, at, _("min() or max() of nothing"));
      return best;
    }
  if (strcmp (name, "dict") == 0 && !math)
    return NULL;  /* keywords: built by the caller */

  if (n_args < 1 || as_number (args[0]) == NULL)
    return opaque_at (ctx, at, _("a function of something that is not a number"));
  a = args[0]->number;
  b = n_args > 1 && as_number (args[1]) != NULL ? args[1]->number : NAN;

  if (strcmp (name, "int") == 0 && !math && n_args == 1)
    {
      if (!isfinite (a))
        return opaque_at (ctx, at, _("int() of an infinite number"));
      return number_at (ctx, at, trunc (a), TRUE);
    }
  if (strcmp (name, "float") == 0 && !math && n_args == 1)
    return number_at (ctx, at, a, FALSE);
  if (strcmp (name, "abs") == 0 && !math && n_args == 1)
    return number_at (ctx, at, fabs (a), args[0]->is_int);
  if (strcmp (name, "round") == 0 && !math)
    {
      if (n_args == 1)
        {
          if (!isfinite (a))
            return opaque_at (ctx, at, _("round() of an infinite number"));
          return number_at (ctx, at, nearbyint (a), TRUE);
        }
      if (n_args == 2 && args[1]->is_int)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE + 400];
          char format[16];

          if (args[0]->is_int && b >= 0)
            return args[0];
          if (b < 0 || b > 300 || !isfinite (a))
            return opaque_at (ctx, at, _("round() with digits Anneal does not read"));
          g_snprintf (format, sizeof format, "%%.%df", (int) b);
          g_ascii_formatd (buffer, sizeof buffer, format, a);
          return number_at (ctx, at, g_ascii_strtod (buffer, NULL), FALSE);
        }
    }
  if (strcmp (name, "pow") == 0 && n_args == 2 && !isnan (b))
    return binop (ctx, "**", at, args[0], math ? number_at (ctx, at, b, FALSE) : args[1]);
  if (math && n_args == 1)
    {
      static const struct { const char *name; double (*fn) (double); } fns[] = {
        { "sqrt", sqrt }, { "exp", exp }, { "log", log }, { "log2", log2 }, { "log10", log10 },
        { "cos", cos }, { "sin", sin }, { "tan", tan }, { "tanh", tanh }, { "expm1", expm1 },
        { "log1p", log1p },
      };

      if (strcmp (name, "floor") == 0 || strcmp (name, "ceil") == 0)
        {
          if (!isfinite (a))
            return opaque_at (ctx, at, _("floor() or ceil() of an infinite number"));
          return number_at (ctx, at, name[0] == 'f' ? floor (a) : ceil (a), TRUE);
        }
      for (guint i = 0; i < G_N_ELEMENTS (fns); i++)
        if (strcmp (name, fns[i].name) == 0)
          {
            double r = fns[i].fn (a);

            if (!isfinite (r))
              return opaque_at (ctx, at, _("a math function outside its domain"));
            return number_at (ctx, at, r, FALSE);
          }
    }
  if (math && n_args == 2 && strcmp (name, "log") == 0 && !isnan (b))
    {
      double r = log (a) / log (b);

      if (!isfinite (r))
        return opaque_at (ctx, at, _("a math function outside its domain"));
      return number_at (ctx, at, r, FALSE);
    }
  return opaque_at (ctx, at, _("a call Anneal does not read"));
}

static gboolean
is_builtin (const char *name)
{
  static const char * const names[] = { "int", "float", "round", "min", "max", "abs", "pow",
                                        "dict", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (name, names[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Binds positional and keyword arguments to the library function's signature. */
static gboolean
bind_call (Call      *c,
           Node      *n,
           Value    **vals,
           guint     *arg_toks)
{
  Ctx *ctx = c->ctx;
  g_auto(GStrv) params = g_strsplit (c->func->signature, " ", -1);
  guint n_positional = 0, next = 0;
  gboolean keyword_only = FALSE;

  c->n_params = 0;
  for (guint i = 0; params[i] != NULL && c->n_params < CALL_MAX_PARAMS; i++)
    {
      const char *p = params[i];

      if (strcmp (p, "*") == 0)
        {
          keyword_only = TRUE;
          continue;
        }
      c->names[c->n_params] = g_string_chunk_insert (ctx->strings, p[0] == '?' ? p + 1 : p);
      if (!keyword_only)
        n_positional = c->n_params + 1;
      c->n_params++;
    }

  for (guint i = 0; n->items != NULL && i < n->items->len; i++)
    {
      const char *kw = g_ptr_array_index (n->keys, i);
      Token *t = tok (ctx, arg_toks[i]);
      guint k;

      if (kw == NULL)
        {
          if (next >= n_positional)
            {
              c->fail_reason = ctx_strdup_printf (ctx, _("%s takes at most %u positional "
                                                         "arguments"),
                                                  c->func->name, n_positional);
              c->fail_line = t->line;
              c->fail_column = t->column;
              return FALSE;
            }
          k = next++;
        }
      else
        {
          for (k = 0; k < c->n_params; k++)
            if (strcmp (c->names[k], kw) == 0)
              break;
          if (k == c->n_params)
            {
              c->fail_reason = ctx_strdup_printf (ctx, _("%s has no argument '%s'"),
                                                  c->func->name, kw);
              c->fail_line = t->line;
              c->fail_column = t->column;
              return FALSE;
            }
        }
      if (c->args[k] != NULL)
        {
          c->fail_reason = ctx_strdup_printf (ctx, _("argument '%s' given twice"), c->names[k]);
          c->fail_line = t->line;
          c->fail_column = t->column;
          return FALSE;
        }
      c->args[k] = vals[i];
      c->arg_line[k] = t->line;
      c->arg_column[k] = t->column;
    }

  for (guint i = 0, k = 0; params[i] != NULL; i++)
    {
      if (strcmp (params[i], "*") == 0)
        continue;
      if (params[i][0] != '?' && c->args[k] == NULL)
        {
          c->fail_reason = ctx_strdup_printf (ctx, _("%s needs the argument '%s'"),
                                              c->func->name, c->names[k]);
          c->fail_line = c->line;
          c->fail_column = c->column;
          return FALSE;
        }
      k++;
    }
  return TRUE;
}

static Value *
lib_call (Ctx           *ctx,
          const LibFunc *func,
          Node          *n,
          Value        **vals,
          guint         *arg_toks)
{
  Call c = { 0 };
  Schedule *s;
  Value *v;

  c.ctx = ctx;
  c.func = func;
  c.line = tok (ctx, n->tok)->line;
  c.column = tok (ctx, n->tok)->column;

  s = schedule_new (func);

  if (n->star)
    {
      c.fail_reason = _("arguments unpacked with * or ** cannot be read");
      c.fail_line = tok (ctx, n->star)->line;
      c.fail_column = tok (ctx, n->star)->column;
    }
  else if (bind_call (&c, n, vals, arg_toks) && anneal_import_call (&c, s))
    {
      v = value_at (ctx, VAL_SCHEDULE, n->tok);
      s->optimizer = c.optimizer;
      v->schedule = s;
      g_ptr_array_add (ctx->schedules, v);
      return v;
    }
  schedule_free (s);
  v = value_new (ctx, VAL_FAILED, c.fail_line ? c.fail_line : c.line,
                 c.fail_line ? c.fail_column : c.column);
  v->reason = c.fail_reason != NULL ? c.fail_reason : _("this call cannot be reproduced");
  g_ptr_array_add (ctx->schedules, v);
  return v;
}

/* Which optimizer a call of @lib (a schedule, refused or not, @v) is built on, as far as
 * Anneal can tell: the one it starts from, the value or name its optimizer argument
 * gives; and in which body */
static Value *
built_on (Ctx           *ctx,
          const LibFunc *lib,
          Node          *n,
          Value        **vals,
          Value         *v)
{
  g_auto(GStrv) params = g_strsplit (lib->signature, " ", -1);
  Value *arg = NULL;
  guint n_args = n->items != NULL ? n->items->len : 0;
  gint index = -1;

  for (guint i = 0; params[i] != NULL && index < 0; i++)
    if (strcmp (params[i] + (params[i][0] == '?'), "optimizer") == 0)
      index = (gint) i;
  for (guint i = 0; index >= 0 && i < n_args; i++)
    {
      const char *kw = g_ptr_array_index (n->keys, i);

      if (kw != NULL ? strcmp (kw, "optimizer") == 0 : i == (guint) index)
        arg = vals[i];
    }
  v->scope = ctx->scope_id;
  if (v->type == VAL_SCHEDULE && v->schedule->optimizer != NULL)
    v->on = v->schedule->optimizer;
  else if (arg != NULL && arg->type == VAL_OPTIMIZER)
    v->on = arg->optimizer;
  if (arg != NULL && arg->type == VAL_REF)
    v->on_name = arg->str;
  return v;
}

/* Keras and optax: a schedule is given to the optimizer that follows it
 * (`optax.adam(learning_rate=s)`, `keras.optimizers.Adam(s)`, `optax.inject_hyperparams
 * (optax.adam)(learning_rate=s)`): that one is drawn, not the last one built (another,
 * for the weight decay or built and left, was taken). Two optimizers given different
 * ones are refused at the end. */
static void
note_given_schedule (Ctx        *ctx,
                     Node       *n,
                     Value      *func,
                     Value     **vals,
                     guint       n_args)
{
  gboolean positional = func->type == VAL_REF &&
                        (has_root (func->str, "optax") || has_root (func->str, "keras") ||
                         has_root (func->str, "tf") || has_root (func->str, "tensorflow"));

  if (func->type == VAL_REF && anneal_import_lookup_func (last_part (func->str)) != NULL)
    return;  /* a schedule of schedules (join_schedules, SequentialLR) */
  for (guint i = 0; i < n_args; i++)
    {
      const char *kw = g_ptr_array_index (n->keys, i);
      Value *v = vals[i];

      if (v->type != VAL_SCHEDULE && v->type != VAL_FAILED)
        continue;
      if (g_strcmp0 (kw, "learning_rate") != 0 && g_strcmp0 (kw, "lr") != 0 &&
          !(kw == NULL && i == 0 && positional))
        continue;
      if (ctx->given == NULL)
        {
          ctx->given = v;
          ctx->given_line = tok (ctx, n->tok)->line;
        }
      else if (ctx->given != v && ctx->other_given_line == 0)
        ctx->other_given_line = tok (ctx, n->tok)->line;
    }
}

static Value *
eval_call (Ctx  *ctx,
           Node *n)
{
  Value *func = eval (ctx, n->left);
  guint n_args = n->items != NULL ? n->items->len : 0;
  g_autofree Value **vals = g_new0 (Value *, n_args + 1);
  g_autofree guint *toks = g_new0 (guint, n_args + 1);
  const char *path, *name;
  double default_lr;
  const LibFunc *lib;

  for (guint i = 0; i < n_args; i++)
    {
      Node *arg = g_ptr_array_index (n->items, i);

      vals[i] = eval (ctx, arg);
      toks[i] = g_ptr_array_index (n->keys, i) != NULL ? arg->tok - 2 : arg->tok;
    }
  note_given_schedule (ctx, n, func, vals, n_args);

  if (func->type == VAL_OPAQUE && func->builds)
    {
      /* make(o) with make = lambda opt: StepLR(opt, 3): the schedule built last */
      Value *v = value_new (ctx, VAL_FAILED, func->line, func->column);

      v->reason = func->reason;
      g_ptr_array_add (ctx->schedules, v);
      return v;
    }
  /* StepLR(o, 5) where StepLR is the code's own, or known only at run time: a schedule
   * Anneal would miss or misread */
  if (func->type == VAL_OPAQUE && n->left->type == NODE_NAME &&
      anneal_import_lookup_func (n->left->text) != NULL)
    {
      Value *v = value_at (ctx, VAL_FAILED, n->tok);

      v->reason = func->reason;
      g_ptr_array_add (ctx->schedules, v);
      return v;
    }
  if (func->type != VAL_REF)
    return opaque_at (ctx, n->tok, ctx_strdup_printf (ctx, _("'%s' is known only at run time"),
                                                      node_source (ctx, n)));
  path = func->str;
  name = last_part (path);

  if (path == name && is_builtin (name) && !n->star)
    {
      guint n_pos = 0;
      Value *r;

      for (guint i = 0; i < n_args; i++)
        if (g_ptr_array_index (n->keys, i) == NULL)
          vals[n_pos++] = vals[i];
      if (strcmp (name, "dict") == 0)
        {
          Value *d = value_at (ctx, VAL_DICT, n->tok);

          if (n_pos > 0)
            return opaque_at (ctx, n->tok, _("dict() of something other than keywords"));
          d->items = g_ptr_array_new ();
          for (guint i = 0; i < n_args; i++)
            {
              Token *t = tok (ctx, toks[i]);

              g_ptr_array_add (d->items, name_value (ctx, t->line, t->column,
                                                     g_ptr_array_index (n->keys, i)));
              g_ptr_array_add (d->items, eval (ctx, g_ptr_array_index (n->items, i)));
            }
          return d;
        }
      if (n_pos != n_args)
        return opaque_at (ctx, n->tok, _("a call Anneal does not read"));
      r = builtin_call (ctx, name, n->tok, vals, n_pos, FALSE);
      return r;
    }
  if (name != path && is_math_module (path, (gsize) (name - 1 - path)) && !n->star)
    {
      for (guint i = 0; i < n_args; i++)
        if (g_ptr_array_index (n->keys, i) != NULL)
          return opaque_at (ctx, n->tok, _("a call Anneal does not read"));
      return builtin_call (ctx, name, n->tok, vals, n_args, TRUE);
    }

  lib = anneal_import_lookup_func (name);
  /* LambdaLR(o, lambda e: StepLR(o, 3)): the lambda is the matter */
  for (guint i = 0; lib != NULL && i < n_args; i++)
    if (vals[i]->type == VAL_OPAQUE && vals[i]->builds)
      {
        Value *v = value_new (ctx, VAL_FAILED, vals[i]->line, vals[i]->column);

        v->reason = vals[i]->reason;
        g_ptr_array_add (ctx->schedules, v);
        return v;
      }
  if (lib != NULL && ctx->run_time != NULL)
    {
      Value *v = value_at (ctx, VAL_FAILED, n->tok);

      v->reason = ctx_strdup_printf (ctx, _("%s is built %s: which schedule runs is "
                                            "decided at run time"), lib->name, ctx->run_time);
      g_ptr_array_add (ctx->schedules, v);
      return built_on (ctx, lib, n, vals, v);
    }
  if (lib != NULL)
    return built_on (ctx, lib, n, vals, lib_call (ctx, lib, n, vals, toks));

  if (anneal_import_is_optimizer (name, &default_lr) && !has_root (path, "keras") &&
      !has_root (path, "tf") && !has_root (path, "tensorflow") && !has_root (path, "optax"))
    {
      Value *v = value_at (ctx, VAL_OPTIMIZER, n->tok);
      Value *lr = NULL;

      v->optimizer = g_new0 (Optimizer, 1);
      v->optimizer->name = name;
      for (guint i = 0; i < n_args; i++)
        {
          const char *kw = g_ptr_array_index (n->keys, i);

          if ((kw == NULL && i == 1) || g_strcmp0 (kw, "lr") == 0)
            lr = vals[i];
          if ((kw == NULL && i == 0) || g_strcmp0 (kw, "params") == 0)
            v->optimizer->params = vals[i];
        }
      if (lr == NULL && !isnan (default_lr))
        lr = number_at (ctx, n->tok, default_lr, FALSE);
      if (n->star && lr == NULL)
        lr = opaque_at (ctx, n->star, _("arguments unpacked with * or ** cannot be read"));
      v->optimizer->lr = lr;
      if (ctx->run_time != NULL)
        return opaque_at (ctx, n->tok, ctx_strdup_printf (ctx, _("an optimizer built %s: "
                                                                 "which one runs is decided at "
                                                                 "run time"), ctx->run_time));
      ctx->last_optimizer = v;
      ctx->n_optimizers++;
      g_ptr_array_add (ctx->optimizers, v->optimizer);
      return v;
    }

  if (strcmp (path, "len") == 0 || g_str_has_suffix (path, ".item") ||
      g_str_has_suffix (path, ".get_last_lr"))
    return opaque_at (ctx, n->tok, ctx_strdup_printf (ctx, _("'%s' is known only at run time"),
                                                      node_source (ctx, n)));
  return opaque_at (ctx, n->tok, ctx_strdup_printf (ctx, _("'%s' is not a call Anneal knows"),
                                                    path));
}

/* The optimizer the text names @name but does not build (`optimizer.param_groups`,
 * the optimizer given from outside the text): made at its first mention. */
static Optimizer *
named_optimizer (Ctx        *ctx,
                 const char *name)
{
  Optimizer *o = g_hash_table_lookup (ctx->named_optimizers, name);

  if (o == NULL)
    {
      o = g_new0 (Optimizer, 1);
      g_hash_table_insert (ctx->named_optimizers, (gpointer) name, o);
      g_ptr_array_add (ctx->optimizers, o);
    }
  return o;
}

/* `a if c else b`, `c and a`, `c or a` where c is known only at run time (@op, at @at):
 * either side may be what runs, so what they build is decided at run time, as under an
 * `if` block; the value is not known */
static Value *
either_side (Ctx        *ctx,
             const char *op,
             guint       at,
             Node       *a,
             Node       *b)
{
  const char *outer = ctx->run_time;

  if (outer == NULL)
    ctx->run_time = ctx_strdup_printf (ctx, _("under '%s' on line %u"), op, tok (ctx, at)->line);
  if (a != NULL)
    eval (ctx, a);
  eval (ctx, b);
  ctx->run_time = outer;
  return opaque_at (ctx, at, _("a condition known only at run time"));
}

static Value *
eval (Ctx  *ctx,
      Node *n)
{
  Value *v, *a, *b;
  Token *t = tok (ctx, n->tok);

  switch (n->type)
    {
    case NODE_NUMBER:
      if (t->imaginary)
        return opaque_at (ctx, n->tok, _("a complex number"));
      if (t->big)
        return inexact_integer (ctx, n->tok);
      return number_at (ctx, n->tok, t->number, t->is_int);

    case NODE_STRING:
      v = value_at (ctx, VAL_STRING, n->tok);
      v->str = n->text;
      v->str_len = n->text_len;
      return v;

    case NODE_BOOL:
      v = value_at (ctx, VAL_BOOL, n->tok);
      v->number = n->number;
      v->is_int = TRUE;
      return v;

    case NODE_NONE:
      return value_at (ctx, VAL_NONE, n->tok);

    case NODE_NAME:
      return lookup (ctx, n->text, n->tok);

    case NODE_ATTR:
      {
        const char *dotted = dotted_name (ctx, n);

        if (dotted != NULL && g_hash_table_contains (ctx->env, dotted))
          return g_hash_table_lookup (ctx->env, dotted);
        a = eval (ctx, n->left);
        if (strcmp (n->text, "param_groups") == 0 &&
            (a->type == VAL_OPTIMIZER || a->type == VAL_REF))
          {
            v = value_at (ctx, VAL_GROUP, n->tok);
            v->group = a->type == VAL_OPTIMIZER ? a->optimizer : named_optimizer (ctx, a->str);
            return v;
          }
        if (a->type == VAL_REF)
          {
            const char *path = ctx_strdup_printf (ctx, "%s.%s", a->str, n->text);
            Value *c = math_constant (ctx, path, n->tok);

            if (c != NULL)
              return c;
            v = value_at (ctx, VAL_REF, n->tok);
            v->str = path;
            return v;
          }
        if (a->type == VAL_OPAQUE)
          return a;
        return opaque_at (ctx, n->tok, ctx_strdup_printf (ctx, _("'%s' is known only at run time"),
                                                          dotted != NULL ? dotted : n->text));
      }

    case NODE_CALL:
      /* X.update(…): perhaps a parameter group's */
      if (n->left->type == NODE_ATTR && strcmp (n->left->text, "update") == 0)
        {
          const char *dotted = dotted_name (ctx, n->left);

          if (dotted == NULL || !g_hash_table_contains (ctx->env, dotted))
            return eval_update (ctx, n);
        }
      /* group.__setitem__("lr", x), as group["lr"] = x (it was not followed) */
      if (n->left->type == NODE_ATTR && strcmp (n->left->text, "__setitem__") == 0 &&
          n->items != NULL && n->items->len == 2 && n->star == 0 &&
          (n->keys == NULL || (g_ptr_array_index (n->keys, 0) == NULL &&
                               g_ptr_array_index (n->keys, 1) == NULL)))
        {
          Value *base = eval (ctx, n->left->left);

          if (base->type == VAL_GROUP || base->type == VAL_OPAQUE || base->type == VAL_REF)
            {
              Value *key = eval (ctx, g_ptr_array_index (n->items, 0));
              Value *value = eval (ctx, g_ptr_array_index (n->items, 1));
              Token *at = tok (ctx, n->tok);

              value = set_at_run_time (ctx, at->line, at->column, value);
              set_group_item (ctx, at->line, at->column, n->left->left, base, key, value);
              return value_at (ctx, VAL_NONE, n->tok);
            }
        }
      /* ms.append(10) and the like; scheduler.load_state_dict(…) */
      if (n->left->type == NODE_ATTR && is_mutating_method (n->left->text))
        changed_in_place (ctx, eval (ctx, n->left->left), n->tok);
      if (n->left->type == NODE_ATTR && strcmp (n->left->text, "load_state_dict") == 0)
        {
          Value *base = eval (ctx, n->left->left);

          schedule_changed (ctx, base, n->tok, "load_state_dict()");
          /* optimizer.load_state_dict(…) sets its groups' lr and initial_lr to what
           * was saved: unknown from then on (it was read as before, silently) */
          if (base->type == VAL_OPTIMIZER)
            {
              Token *at = tok (ctx, n->tok);
              Value *unknown = opaque_rate (ctx, at->line, at->column,
                                            ctx_strdup_printf (ctx, _("the optimizer's state "
                                                                      "is loaded on line %u "
                                                                      "(load_state_dict()), "
                                                                      "which Anneal does not "
                                                                      "follow"), at->line));

              set_group_rate (base->optimizer, FALSE, unknown, at->line);
              set_group_rate (base->optimizer, TRUE, unknown, at->line);
            }
        }
      /* setattr(scheduler, "gamma", 0.9) */
      if (n->left->type == NODE_NAME && strcmp (n->left->text, "setattr") == 0 &&
          n->items != NULL && n->items->len >= 1)
        schedule_changed (ctx, eval (ctx, g_ptr_array_index (n->items, 0)), n->tok, "setattr()");
      return eval_call (ctx, n);

    case NODE_SUBSCRIPT:
      a = eval (ctx, n->left);
      b = eval (ctx, n->right);
      if (a->type == VAL_DICT && (b->type == VAL_STRING || as_number (b) != NULL))
        {
          for (guint i = a->items->len; i >= 2; i -= 2)
            {
              Value *key = g_ptr_array_index (a->items, i - 2);

              if (key->type == b->type && (b->type == VAL_STRING ? strcmp (key->str, b->str) == 0
                                                                 : key->number == b->number))
                return g_ptr_array_index (a->items, i - 1);
            }
        }
      if (a->type == VAL_LIST && as_number (b) != NULL && b->is_int)
        {
          double i = b->number < 0 ? b->number + a->items->len : b->number;

          if (i >= 0 && i < a->items->len)
            return g_ptr_array_index (a->items, (guint) i);
        }
      /* param_groups[0] is a group; its "lr", the rate the text gave it, as long as no
       * scheduler has stepped it. param_groups[1] and on are other groups: what is set
       * there is not the first group's, whose schedule is drawn (PyTorch runs each group
       * from its own rate), and their rate is not read here */
      if (a->type == VAL_GROUP && as_number (b) != NULL && b->is_int)
        {
          if (b->number >= 1 && !a->other_group)
            {
              v = value_at (ctx, VAL_GROUP, n->tok);
              v->group = a->group;
              v->other_group = TRUE;
              return v;
            }
          return a;
        }
      if (a->type == VAL_GROUP && b->type == VAL_STRING && strcmp (b->str, "lr") == 0 &&
          !a->other_group && !a->group->has_initial)
        {
          Value *rate = a->group->group_lr != NULL ? a->group->group_lr : a->group->lr;

          if (rate != NULL)
            return rate;
        }
      if (a->type == VAL_OPAQUE)
        return a;
      return opaque_at (ctx, n->tok, ctx_strdup_printf (ctx, _("'%s' is known only at run time"),
                                                        node_source (ctx, n)));

    case NODE_UNARY:
      a = eval (ctx, n->left);
      if (a->type == VAL_OPAQUE)
        return a;
      if (as_number (a) == NULL)
        return opaque_at (ctx, n->tok, _("arithmetic on something that is not a number"));
      if (strcmp (n->op, "-") == 0)
        return number_at (ctx, n->tok, -a->number, a->is_int);
      if (strcmp (n->op, "+") == 0)
        return number_at (ctx, n->tok, a->number, a->is_int);
      if (a->is_int)  /* ~a is −a − 1, exact or refused as any difference */
        return binop (ctx, "-", n->tok, number_at (ctx, n->tok, -a->number, TRUE),
                      number_at (ctx, n->tok, 1, TRUE));
      return opaque_at (ctx, n->tok, _("an operator Anneal does not read"));

    case NODE_BINOP:
      if (strcmp (n->op, "if") == 0)
        {
          gboolean known, yes;

          yes = truthy (eval (ctx, n->cond), &known);
          if (!known)
            return either_side (ctx, "if", n->tok, n->left, n->right);
          return eval (ctx, yes ? n->left : n->right);
        }
      if (strcmp (n->op, "not") == 0)
        {
          gboolean known, yes = truthy (eval (ctx, n->left), &known);

          if (!known)
            return opaque_at (ctx, n->tok, _("a condition known only at run time"));
          v = value_at (ctx, VAL_BOOL, n->tok);
          v->number = !yes;
          v->is_int = TRUE;
          return v;
        }
      a = eval (ctx, n->left);
      if (strcmp (n->op, "and") == 0 || strcmp (n->op, "or") == 0)
        {
          gboolean known, yes = truthy (a, &known);

          if (!known)
            return either_side (ctx, n->op, n->tok, NULL, n->right);
          if (yes == (n->op[0] == 'o'))
            return a;
          return eval (ctx, n->right);
        }
      b = eval (ctx, n->right);
      return binop (ctx, n->op, n->tok, a, b);

    case NODE_LIST:
    case NODE_TUPLE:
    case NODE_DICT:
      v = value_at (ctx, n->type == NODE_DICT ? VAL_DICT : VAL_LIST, n->tok);
      v->items = g_ptr_array_new ();
      for (guint i = 0; n->items != NULL && i < n->items->len; i++)
        {
          Value *item = eval (ctx, g_ptr_array_index (n->items, i));

          /* A repeated dict key keeps its place and takes the later value. */
          if (n->type == NODE_DICT && i % 2 == 1)
            {
              Value *key = g_ptr_array_index (v->items, v->items->len - 1);
              gboolean replaced = FALSE;

              for (guint k = 0; k + 2 < v->items->len; k += 2)
                {
                  Value *old = g_ptr_array_index (v->items, k);

                  if (as_number (old) != NULL && as_number (key) != NULL &&
                      old->number == key->number)
                    replaced = TRUE;
                  else if (old->type == VAL_STRING && key->type == VAL_STRING &&
                           strcmp (old->str, key->str) == 0)
                    replaced = TRUE;
                  if (replaced)
                    {
                      v->items->pdata[k + 1] = item;
                      g_ptr_array_set_size (v->items, v->items->len - 1);
                      break;
                    }
                }
              if (replaced)
                continue;
            }
          g_ptr_array_add (v->items, item);
        }
      return v;

    case NODE_OPAQUE:
    default:
      v = opaque_at (ctx, n->tok, n->reason != NULL ? _(n->reason) : _("an expression Anneal "
                                                                        "does not read"));
      if (n->reason_line > 0)
        {
          v->line = n->reason_line;
          v->column = n->reason_column;
        }
      v->lambda = n->lambda;
      if (n->builds != NULL)
        {
          /* a schedule Anneal would miss: refused at the lambda, called or not */
          Value *failed = value_at (ctx, VAL_FAILED, n->tok);

          v->builds = TRUE;
          v->reason = failed->reason =
            ctx_strdup_printf (ctx, _("this lambda builds %s when it is called: Anneal does "
                                      "not follow lambdas (build the scheduler without one)"),
                               n->builds);
          g_ptr_array_add (ctx->schedules, failed);
        }
      return v;
    }
}

/* ------------------------------------------------------------------ statements */

/* In a def or class body, what @name was before the body set it, the first time */
static void
shadow (Ctx        *ctx,
        const char *name)
{
  if (ctx->scope != NULL && !g_hash_table_contains (ctx->scope, name))
    g_hash_table_insert (ctx->scope, (gpointer) name, g_hash_table_lookup (ctx->env, name));
}

/* A name of the libraries' schedules that the code defines itself, at token @at (`def
 * StepLR(…)`, `class StepLR`, `StepLR = …`, a parameter): from then on it is not the
 * library's, and a call of it is refused (eval_call) */
static Value *
defined_here (Ctx        *ctx,
              const char *name,
              guint       at)
{
  return opaque_at (ctx, at, ctx_strdup_printf (ctx, _("%s is defined in this code (line %u): "
                                                       "Anneal reads the library's %s only"),
                                                name, tok (ctx, at)->line, name));
}

/* Whether @v is a library's schedule function (`ExponentialLR`, imported or not) */
static gboolean
is_schedule_function (Value *v)
{
  return v->type == VAL_REF && v->str != NULL &&
         anneal_import_lookup_func (last_part (v->str)) != NULL;
}

/* A parameter group's "lr" (or, @initial, "initial_lr") set to @value on line @line:
 * the rate its first scheduler starts from (or the initial_lr PyTorch keeps), or, once
 * a scheduler was built on it, a rate its steps go on from */
static void
set_group_rate (Optimizer *o,
                gboolean   initial,
                Value     *value,
                guint      line)
{
  if (o->has_initial)
    {
      if (o->set_again == 0)
        o->set_again = line;
      return;
    }
  if (!initial)
    o->group_lr = value;
  else
    {
      o->group_initial = value;
      o->group_initial_line = line;
    }
}

/* An opaque value at @line, @column: the rate a line sets, when Anneal cannot read it */
static Value *
opaque_rate (Ctx        *ctx,
             guint       line,
             guint       column,
             const char *reason)
{
  Value *v = value_new (ctx, VAL_OPAQUE, line, column);

  v->reason = reason;
  return v;
}

/* @base[@key] = @value on @line, @column, @base being what @base_node is: an
 * optimizer's parameter group sets its rate; something that may be one (a name
 * Anneal cannot follow, a value known only at run time) may set the rate of any
 * optimizer built so far, or of one the text does not build (Ctx.group_lr): it is
 * unknown for them; a dict, a list, … is no optimizer's. */
static void
set_group_item (Ctx   *ctx,
                guint  line,
                guint  column,
                Node  *base_node,
                Value *base,
                Value *key,
                Value *value)
{
  gboolean initial = key->type == VAL_STRING && strcmp (key->str, "initial_lr") == 0;

  if (key->type == VAL_STRING && strcmp (key->str, "lr") != 0 && !initial)
    return;
  if (base->type == VAL_GROUP && base->other_group)
    return;  /* another group's rate: the first group's schedule is drawn */
  if (base->type == VAL_GROUP)
    {
      if (key->type != VAL_STRING && value->type != VAL_OPAQUE)
        value = opaque_rate (ctx, line, column, _("a key known only at run time"));
      set_group_rate (base->group, initial, value, line);
      return;
    }
  /* a dotted name Anneal cannot follow (`wandb.config`) is a module's, not a group */
  if (key->type != VAL_STRING ||
      (base->type != VAL_OPAQUE && (base->type != VAL_REF || strchr (base->str, '.') != NULL)))
    return;
  if (value->type != VAL_OPAQUE)
    value = opaque_rate (ctx, line, column,
                         ctx_strdup_printf (ctx, _("'%s' may be one of its parameter groups, "
                                                   "and Anneal cannot tell whose"),
                                            node_source (ctx, base_node)));
  for (guint i = 0; i < ctx->optimizers->len; i++)
    set_group_rate (g_ptr_array_index (ctx->optimizers, i), initial, value, line);
  ctx->group_lr = value;
}

/* @container[@key] = @value on a dict or a list the text built: the item a later line
 * reads (every value shares it, as Python's names share the object). A key known only
 * at run time may be any item's. */
static void
set_item (Ctx   *ctx,
          guint  line,
          guint  column,
          Value *container,
          Value *key,
          Value *value)
{
  GPtrArray *items = container->items;

  if (container->type == VAL_DICT && (key->type == VAL_STRING || as_number (key) != NULL))
    {
      for (guint i = 0; i + 1 < items->len; i += 2)
        {
          Value *old = g_ptr_array_index (items, i);

          if (old->type == VAL_STRING && key->type == VAL_STRING
                ? strcmp (old->str, key->str) == 0
                : as_number (old) != NULL && as_number (key) != NULL &&
                  old->number == key->number)
            {
              items->pdata[i + 1] = value;
              return;
            }
        }
      g_ptr_array_add (items, key);
      g_ptr_array_add (items, value);
      return;
    }
  if (container->type == VAL_LIST && as_number (key) != NULL && key->is_int)
    {
      double i = key->number < 0 ? key->number + items->len : key->number;

      if (i >= 0 && i < items->len)
        items->pdata[(guint) i] = value;
      return;
    }
  if (container->type != VAL_DICT && container->type != VAL_LIST)
    return;
  for (guint i = container->type == VAL_DICT ? 1 : 0; i < items->len;
       i += container->type == VAL_DICT ? 2 : 1)
    items->pdata[i] = opaque_rate (ctx, line, column, _("an item set with a key known only "
                                                        "at run time"));
}

/* What a block that may not run (or runs many times) sets is known only then. */
static Value *
set_at_run_time (Ctx   *ctx,
                 guint  line,
                 guint  column,
                 Value *value)
{
  if (ctx->run_time == NULL || value->type == VAL_FAILED)
    return value;
  return opaque_rate (ctx, line, column, ctx_strdup_printf (ctx, _("set %s: known only at run "
                                                                   "time"), ctx->run_time));
}

/* group.update(lr=…), group.update({"lr": …}), group.update(dict(lr=…)): the dict's
 * update(), which sets each item as `group[key] = value` does (on a dict of the text
 * too); on either, None. */
static Value *
eval_update (Ctx  *ctx,
             Node *n)
{
  Value *base = eval (ctx, n->left->left);
  guint n_args = n->items != NULL ? n->items->len : 0;

  for (guint i = 0; i < n_args; i++)
    {
      Node *arg = g_ptr_array_index (n->items, i);
      const char *kw = g_ptr_array_index (n->keys, i);
      Value *v = eval (ctx, arg);
      Token *t = tok (ctx, kw != NULL ? arg->tok - 2 : arg->tok);

      if (kw != NULL)
        {
          Value *key = name_value (ctx, t->line, t->column, kw);

          v = set_at_run_time (ctx, t->line, t->column, v);
          set_item (ctx, t->line, t->column, base, key, v);
          set_group_item (ctx, t->line, t->column, n->left->left, base, key, v);
        }
      else if (v->type == VAL_DICT)
        for (guint k = 0; k + 1 < v->items->len; k += 2)
          {
            Value *key = g_ptr_array_index (v->items, k);
            Value *item = set_at_run_time (ctx, key->line, key->column,
                                           g_ptr_array_index (v->items, k + 1));

            set_item (ctx, key->line, key->column, base, key, item);
            set_group_item (ctx, key->line, key->column, n->left->left, base, key, item);
          }
      else if (base->type == VAL_DICT)
        {
          /* pairs, or what Anneal cannot read: any of its items */
          Value *key = opaque_at (ctx, arg->tok, _("a key known only at run time"));

          set_item (ctx, t->line, t->column, base, key, key);
        }
      else if (base->type == VAL_GROUP)
        {
          /* pairs, or what Anneal cannot read: any key, the rate among them (on what
           * may be a group, only a key written out counts: ema.update(model) sets
           * no rate) */
          Value *unknown = opaque_rate (ctx, t->line, t->column,
                                        ctx_strdup_printf (ctx, _("update() with '%s', which "
                                                                  "Anneal cannot read, may set "
                                                                  "it"),
                                                           node_source (ctx, arg)));
          set_group_item (ctx, t->line, t->column, n->left->left, base,
                          name_value (ctx, t->line, t->column, "lr"),
                          set_at_run_time (ctx, t->line, t->column, unknown));
        }
    }
  if (n->star && base->type == VAL_GROUP)
    {
      Token *t = tok (ctx, n->star);

      set_group_item (ctx, t->line, t->column, n->left->left, base,
                      name_value (ctx, t->line, t->column, "lr"),
                      opaque_rate (ctx, t->line, t->column,
                                   _("arguments unpacked with * or ** cannot be read")));
    }
  if (base->type == VAL_GROUP || base->type == VAL_DICT)
    return value_at (ctx, VAL_NONE, n->tok);
  return opaque_at (ctx, n->tok, ctx_strdup_printf (ctx, _("'%s' is known only at run time"),
                                                    node_source (ctx, n)));
}

static void
bind_target (Ctx   *ctx,
             Node  *target,
             Value *value)
{
  const char *name = dotted_name (ctx, target);
  Token *t = tok (ctx, target->tok);

  value = set_at_run_time (ctx, t->line, t->column, value);
  /* scheduler.gamma = 0.9, scheduler.last_epoch = 5: but for what only prints */
  if (target->type == NODE_ATTR && strcmp (target->text, "verbose") != 0)
    {
      Value *base = eval (ctx, target->left);

      if (base->type == VAL_SCHEDULE)
        schedule_changed (ctx, base, target->tok,
                          ctx_strdup_printf (ctx, _("its '%s' is set"), target->text));
    }
  /* `StepLR = ExponentialLR` is that one, as in Python; `StepLR = make` is not StepLR */
  if (target->type == NODE_NAME && anneal_import_lookup_func (name) != NULL &&
      !is_schedule_function (value))
    value = defined_here (ctx, name, target->tok);
  if (name != NULL)
    {
      shadow (ctx, name);
      g_hash_table_insert (ctx->env, (gpointer) name, value);
      return;
    }
  /* for group in optimizer.param_groups: group["lr"] = 0.1 */
  if (target->type == NODE_SUBSCRIPT && target->right != NULL)
    {
      Value *base = eval (ctx, target->left), *key = eval (ctx, target->right);

      set_item (ctx, t->line, t->column, base, key, value);
      set_group_item (ctx, t->line, t->column, target->left, base, key, value);
      return;
    }
  /* ms[1:] = […] */
  if (target->type == NODE_OPAQUE && target->left != NULL)
    {
      changed_in_place (ctx, eval (ctx, target->left), target->tok);
      return;
    }
  if (target->type == NODE_TUPLE || target->type == NODE_LIST)
    {
      guint n = target->items != NULL ? target->items->len : 0;

      for (guint i = 0; i < n; i++)
        {
          Value *item = value;

          if (value->type == VAL_LIST && value->items->len == n)
            item = g_ptr_array_index (value->items, i);
          else if (value->type != VAL_OPAQUE)
            item = opaque_at (ctx, target->tok, _("a value unpacked from something Anneal does "
                                                  "not read"));
          bind_target (ctx, g_ptr_array_index (target->items, i), item);
        }
    }
}

static void
run_import (Ctx  *ctx,
            guint end)
{
  gboolean from = tok_is (ctx, ctx->pos, "from");
  g_autoptr(GString) module = g_string_new (NULL);

  ctx->pos++;
  if (from)
    {
      while (ctx->pos < end && !tok_is (ctx, ctx->pos, "import"))
        {
          Token *t = tok (ctx, ctx->pos);

          if (t->type == TOK_NAME || tok_is (ctx, ctx->pos, "."))
            g_string_append_len (module, ctx->src + t->start, (gssize) (t->end - t->start));
          ctx->pos++;
        }
      ctx->pos++;
    }
  while (ctx->pos < end)
    {
      g_autoptr(GString) path = g_string_new (NULL);
      const char *first = NULL, *alias = NULL;
      Value *v;

      if (tok_is (ctx, ctx->pos, "(") || tok_is (ctx, ctx->pos, ")") ||
          tok_is (ctx, ctx->pos, ",") || tok_is (ctx, ctx->pos, "*"))
        {
          ctx->pos++;
          continue;
        }
      while (ctx->pos < end && (tok (ctx, ctx->pos)->type == TOK_NAME ||
                                tok_is (ctx, ctx->pos, ".")) &&
             !tok_is (ctx, ctx->pos, "as"))
        {
          if (tok (ctx, ctx->pos)->type == TOK_NAME && first == NULL)
            first = tok_text (ctx, ctx->pos);
          g_string_append (path, tok_text (ctx, ctx->pos));
          ctx->pos++;
        }
      if (tok_is (ctx, ctx->pos, "as") && tok (ctx, ctx->pos + 1)->type == TOK_NAME)
        {
          alias = tok_text (ctx, ctx->pos + 1);
          ctx->pos += 2;
        }
      if (first == NULL)
        {
          ctx->pos++;
          continue;
        }
      v = value_at (ctx, VAL_REF, ctx->pos - 1);
      if (from)
        {
          v->str = ctx_strdup_printf (ctx, "%s%s%s", module->str, module->len > 0 ? "." : "",
                                      path->str);
          g_hash_table_insert (ctx->env, (gpointer) (alias != NULL ? alias : last_part (v->str)),
                               v);
        }
      else if (alias != NULL)
        {
          v->str = g_string_chunk_insert (ctx->strings, path->str);
          g_hash_table_insert (ctx->env, (gpointer) alias, v);
        }
      else
        {
          v->str = first;
          g_hash_table_insert (ctx->env, (gpointer) first, v);
        }
    }
}

/* The schedule function of a library token @i names, itself or by an alias imported
 * earlier (`from optax import cosine_decay_schedule as cds`), or NULL. */
static const LibFunc *
schedule_function_at (Ctx  *ctx,
                      guint i)
{
  const LibFunc *func;
  const char *text;
  Value *v;

  if (tok (ctx, i)->type != TOK_NAME)
    return NULL;
  text = tok_text (ctx, i);
  if ((func = anneal_import_lookup_func (text)) != NULL)
    return func;
  v = g_hash_table_lookup (ctx->env, text);
  if (v != NULL && v->type == VAL_REF && v->str != NULL)
    return anneal_import_lookup_func (last_part (v->str));
  return NULL;
}

static gboolean
names_schedule_function (Ctx  *ctx,
                         guint i)
{
  return schedule_function_at (ctx, i) != NULL;
}

static const char * const skipped_keywords[] = {
  "def", "class", "if", "elif", "else", "for", "while", "with", "try", "except", "finally",
  "async", "assert", "del", "pass", "break", "continue", "raise", "global", "nonlocal",
  "@", NULL
};

/* The token closing the bracket token @i opens, or @i when it opens none */
static guint
past_bracket (Ctx   *ctx,
              guint  i)
{
  guint match = tok (ctx, i)->match;

  return match != 0 && match != G_MAXUINT && match > i ? match : i;
}

/* The indentation of the line of token @i, its first: 1 + the spaces and tabs before
 * it, counted from 0 again after a form feed, as Python's tokenizer counts them (a
 * tab is one, as in the count Python checks tabs against: code Python accepts
 * compares alike either way). */
static guint
indent_of (Ctx   *ctx,
           guint  i)
{
  gsize start = tok (ctx, i)->start, p = start;
  guint indent = 1;

  while (p > 0 && ctx->src[p - 1] != '\n')
    p--;
  for (; p < start; p++)
    indent = ctx->src[p] == '\f' ? 1 : indent + 1;
  return indent;
}

/* Blocks: Python's indentation, followed far enough to tell straight-line code from
 * code that runs or not, or many times, as the program goes. */
typedef struct
{
  guint       indent;     /* the column of its header */
  const char *run_time;   /* as Ctx.run_time for what it holds, or NULL */
  GHashTable *scope;      /* a def or class body's: see Ctx.scope */
  guint       scope_id;   /* and its number: see Ctx.scope_id */
} Block;

/* Whether the statement at @start is a def or a class */
static gboolean
is_definition (Ctx   *ctx,
               guint  start)
{
  guint k = tok_is (ctx, start, "async") ? start + 1 : start;

  return tok_is (ctx, k, "def") || tok_is (ctx, k, "class");
}

/* A def or class body is a scope of its own: the names it sets are put back when it
 * ends (`n = 3`, a helper setting n = 7, then StepLR(o, n): 3), and a def's
 * parameters are not the module's names of the same spelling while it lasts. NULL
 * for any other block. */
static GHashTable *
open_scope (Ctx   *ctx,
            guint  start,
            guint  colon)
{
  GHashTable *scope, *outer = ctx->scope;
  guint k = tok_is (ctx, start, "async") ? start + 1 : start;

  if (!tok_is (ctx, k, "def") && !tok_is (ctx, k, "class"))
    return NULL;
  scope = ctx->scope = g_hash_table_new (g_str_hash, g_str_equal);
  if (tok_is (ctx, k, "def") && k + 2 < colon && past_bracket (ctx, k + 2) > k + 2)
    {
      guint close = past_bracket (ctx, k + 2);

      /* def name(a, b=1, *c, d: int = 2, **e): a name after '(' ',' '*' '**' */
      for (guint i = k + 3; i < close; i = past_bracket (ctx, i) + 1)
        {
          Token *t = tok (ctx, i);

          if (t->type == TOK_NAME &&
              (tok_is (ctx, i - 1, "(") || tok_is (ctx, i - 1, ",") ||
               tok_is (ctx, i - 1, "*") || tok_is (ctx, i - 1, "**")))
            {
              const char *name = tok_text (ctx, i);

              shadow (ctx, name);
              if (anneal_import_lookup_func (name) != NULL)
                g_hash_table_insert (ctx->env, (gpointer) name, defined_here (ctx, name, i));
              else
                g_hash_table_remove (ctx->env, name);
            }
        }
    }
  ctx->scope = outer;
  return scope;
}

/* `def NAME` or `class NAME` at @start: NAME, a name of the libraries' schedules, is the
 * code's own from then on (in the scope around it) */
static void
bind_definition (Ctx   *ctx,
                 guint  start,
                 guint  colon)
{
  guint k = tok_is (ctx, start, "async") ? start + 1 : start;
  const char *name;

  if ((!tok_is (ctx, k, "def") && !tok_is (ctx, k, "class")) || k + 1 >= colon ||
      tok (ctx, k + 1)->type != TOK_NAME)
    return;
  name = tok_text (ctx, k + 1);
  if (anneal_import_lookup_func (name) == NULL)
    return;
  shadow (ctx, name);
  g_hash_table_insert (ctx->env, (gpointer) name, defined_here (ctx, name, k + 1));
}

/* The end of a block: a scope's names as they were before it */
static void
close_block (Ctx   *ctx,
             Block *block)
{
  GHashTableIter iter;
  gpointer name, before;

  if (block->scope == NULL)
    return;
  g_hash_table_iter_init (&iter, block->scope);
  while (g_hash_table_iter_next (&iter, &name, &before))
    {
      if (before != NULL)
        g_hash_table_insert (ctx->env, name, before);
      else
        g_hash_table_remove (ctx->env, name);
    }
  g_clear_pointer (&block->scope, g_hash_table_unref);
}

/* The ':' ending the compound statement's header at @start, or @end */
static guint
header_colon (Ctx   *ctx,
              guint  start,
              guint  end)
{
  guint lambdas = 0;

  /* what is inside a bracket cannot end the header */
  for (guint i = start + 1; i < end; i = past_bracket (ctx, i) + 1)
    {
      if (tok_is (ctx, i, "lambda"))
        lambdas++;
      else if (tok_is (ctx, i, ":") && lambdas > 0)
        lambdas--;
      else if (tok_is (ctx, i, ":"))
        return i;
    }
  return end;
}

/* The names a block's header binds — `for NAME, NAME in`, `with … as NAME`,
 * `except … as NAME` — are known only at run time (after `for n in range(3)`, n is
 * 2, not what it was) */
static void
bind_header_names (Ctx   *ctx,
                   guint  start,
                   guint  colon)
{
  gboolean in_for_target = tok_is (ctx, start, "for") ||
                           (tok_is (ctx, start, "async") && tok_is (ctx, start + 1, "for"));
  guint target = tok_is (ctx, start, "async") ? start + 2 : start + 1;

  /* `for group in optimizer.param_groups:`: group is a group of that optimizer's */
  if (in_for_target && tok (ctx, target)->type == TOK_NAME && !tok_is_keyword (ctx, target) &&
      tok_is (ctx, target + 1, "in") && colon > target + 3 &&
      tok_is (ctx, colon - 1, "param_groups") && tok_is (ctx, colon - 2, "."))
    {
      Node *iterable;

      ctx->pos = target + 2;
      ctx->depth = 0;
      ctx->parse_error = NULL;
      iterable = parse_expr (ctx);
      if (iterable != NULL && ctx->pos == colon)
        {
          Value *groups = eval (ctx, iterable);

          if (groups->type == VAL_GROUP)
            {
              const char *name = tok_text (ctx, target);

              shadow (ctx, name);
              g_hash_table_insert (ctx->env, (gpointer) name, groups);
              return;
            }
        }
    }

  for (guint i = start + 1; i < colon; i = in_for_target ? i + 1 : past_bracket (ctx, i) + 1)
    {
      Token *t = tok (ctx, i);
      gboolean after_as = tok_is (ctx, i - 1, "as");

      if (tok_is (ctx, i, "in"))
        in_for_target = FALSE;
      if (t->type == TOK_NAME && (in_for_target || after_as) && !tok_is_keyword (ctx, i) &&
          !tok_is (ctx, i, "for"))
        g_hash_table_insert (ctx->env, (gpointer) tok_text (ctx, i),
                             opaque_at (ctx, i, ctx_strdup_printf (ctx,
                                        _("set by the '%s' on line %u: known only at run "
                                          "time"), tok_text (ctx, start), tok (ctx, start)->line)));
    }
}

/* Whether the statement at @start opens a block; where its header ends (@colon) and
 * what runs in it: NULL for blocks that run once, in order (def, class, with, try,
 * finally, `if __name__ == "__main__"`), else "under 'KEYWORD' on line N". */
static gboolean
opens_block (Ctx         *ctx,
             guint        start,
             guint        end,
             guint       *colon,
             const char **run_time)
{
  static const char * const once[] = { "def", "class", "with", "try", "finally", "@", NULL };
  static const char * const maybe[] = { "if", "elif", "else", "for", "while", "except", "case",
                                        "match", NULL };
  guint k = tok_is (ctx, start, "async") && start + 1 < end ? start + 1 : start;

  *run_time = NULL;
  *colon = header_colon (ctx, start, end);
  for (guint i = 0; once[i] != NULL; i++)
    if (tok_is (ctx, k, once[i]))
      return TRUE;
  for (guint i = 0; maybe[i] != NULL; i++)
    if (tok_is (ctx, k, maybe[i]))
      {
        Token *t = tok (ctx, k);

        /* match and case are keywords only in a header: `match = 5` is a name */
        if ((tok_is (ctx, k, "match") || tok_is (ctx, k, "case")) &&
            (*colon == end || k + 1 >= end ||
             (tok (ctx, k + 1)->type == TOK_OP && !tok_is (ctx, k + 1, "(") &&
              !tok_is (ctx, k + 1, "[") && !tok_is (ctx, k + 1, "{") &&
              !tok_is (ctx, k + 1, "-"))))
          return FALSE;
        /* the script's own body: exactly `if __name__ == "__main__":` (not `… and x`,
         * not b"__main__", not "__main__\0") */
        if (tok_is (ctx, k, "if") && *colon == k + 4 && tok_is (ctx, k + 1, "__name__") &&
            tok_is (ctx, k + 2, "==") && tok (ctx, k + 3)->type == TOK_STRING &&
            (ctx->src[tok (ctx, k + 3)->start] == '"' || ctx->src[tok (ctx, k + 3)->start] == '\'') &&
            tok (ctx, k + 3)->str_len == 8 && memcmp (tok (ctx, k + 3)->str, "__main__", 8) == 0)
          return TRUE;
        /* `for group in optimizer.param_groups:` sets every group alike */
        if (tok_is (ctx, k, "for") && *colon > k + 2 && *colon < end &&
            tok_is (ctx, *colon - 1, "param_groups") && tok_is (ctx, *colon - 2, "."))
          return TRUE;
        *run_time = ctx_strdup_printf (ctx, _("under '%s' on line %u"), maybe[i], t->line);
        return TRUE;
      }
  return FALSE;
}

/* del ms[0], del cfg["ms"], del ms[1:]: the list or dict is changed in place; del x:
 * the name is gone */
static void
run_del (Ctx  *ctx,
         guint start,
         guint end)
{
  ctx->pos = start + 1;
  while (ctx->pos < end)
    {
      guint at = ctx->pos;
      Node *target = parse_expr (ctx);

      if (target == NULL)
        {
          /* what does not parse: the name it starts with is changed (a slice parses,
           * as an opaque subscript, below) */
          Token *t = tok (ctx, at);

          if (t->type == TOK_NAME)
            {
              Value *v = g_hash_table_lookup (ctx->env, tok_text (ctx, at));

              if (v != NULL)
                changed_in_place (ctx, v, at);
            }
          return;
        }
      if (target->type == NODE_SUBSCRIPT || target->type == NODE_ATTR ||
          (target->type == NODE_OPAQUE && target->left != NULL))  /* a slice */
        changed_in_place (ctx, eval (ctx, target->left), target->tok);
      else if (target->type == NODE_NAME)
        bind_target (ctx, target, opaque_at (ctx, target->tok, _("a name deleted with 'del'")));
      if (!tok_is (ctx, ctx->pos, ","))
        return;
      ctx->pos++;
    }
}

static void
run_statement (Ctx  *ctx,
               guint start,
               guint end)
{
  Node *targets[16], *value = NULL, *first;
  guint n_targets = 0;
  const char *aug = NULL;

  ctx->pos = start;
  ctx->depth = 0;
  ctx->parse_error = NULL;

  if (tok_is (ctx, start, "import") || tok_is (ctx, start, "from"))
    {
      run_import (ctx, end);
      return;
    }
  if (tok_is (ctx, start, "del"))
    {
      run_del (ctx, start, end);
      return;
    }
  for (guint k = 0; skipped_keywords[k] != NULL; k++)
    if (tok_is (ctx, start, skipped_keywords[k]))
      return;
  if (tok_is (ctx, start, "return") || tok_is (ctx, start, "yield"))
    {
      ctx->pos++;
      if (ctx->pos >= end)
        return;
    }

  first = parse_expr_list (ctx);
  if (first == NULL)
    goto failed;
  value = first;
  if (tok_is (ctx, ctx->pos, ":") && first->type == NODE_NAME)
    {
      /* name: annotation [= value] */
      ctx->pos++;
      if (parse_expr (ctx) == NULL)
        goto failed;
      if (!tok_is (ctx, ctx->pos, "="))
        return;
    }
  while (tok_is (ctx, ctx->pos, "="))
    {
      if (n_targets < G_N_ELEMENTS (targets))
        targets[n_targets++] = value;
      ctx->pos++;
      value = parse_expr_list (ctx);
      if (value == NULL)
        goto failed;
    }
  if (n_targets == 0 && tok (ctx, ctx->pos)->type == TOK_OP &&
      tok (ctx, ctx->pos)->end - tok (ctx, ctx->pos)->start >= 2 &&
      ctx->src[tok (ctx, ctx->pos)->end - 1] == '=' && !tok_is (ctx, ctx->pos, "==") &&
      !tok_is (ctx, ctx->pos, "!=") && !tok_is (ctx, ctx->pos, "<=") &&
      !tok_is (ctx, ctx->pos, ">="))
    {
      Token *t = tok (ctx, ctx->pos);

      aug = g_string_chunk_insert_len (ctx->strings, ctx->src + t->start,
                                       (gssize) (t->end - t->start - 1));
      targets[n_targets++] = first;
      ctx->pos++;
      value = parse_expr_list (ctx);
      if (value == NULL)
        goto failed;
    }
  if (ctx->pos != end)
    {
      parse_fail (ctx, ctx->pos, N_("unexpected text after the expression"));
      goto failed;
    }

  {
    Value *v = eval (ctx, value);

    if (aug != NULL)
      {
        Value *old = eval (ctx, targets[0]);

        v = binop (ctx, aug, targets[0]->tok, old, v);
        /* ms += [10] extends the list itself, which other names may hold too */
        if (strcmp (aug, "+") == 0 && old->type == VAL_LIST && v->type == VAL_LIST)
          {
            g_ptr_array_set_size (old->items, 0);
            g_ptr_array_extend (old->items, v->items, NULL, NULL);
            v = old;
          }
        else
          changed_in_place (ctx, old, targets[0]->tok);
      }
    for (guint i = 0; i < n_targets; i++)
      bind_target (ctx, targets[i], v);
  }
  return;

failed:
  /* Python Anneal does not read: the names it assigns become unknown. */
  {
    guint at = ctx->parse_error != NULL ? ctx->parse_error_tok : start;
    const char *reason = ctx->parse_error != NULL ? ctx->parse_error : N_("unexpected text");

    /* Other lines are skipped, but a schedule call that does not parse is a schedule
     * Anneal would miss or get wrong: it is reported (the first one). */
    for (guint i = start; i < end && ctx->broken_reason == NULL; i++)
      if (names_schedule_function (ctx, i))
        {
          ctx->broken_tok = at;
          ctx->broken_reason = reason;
          ctx->broken_call = tok_text (ctx, i);
        }

    /* ms[1:] = […] (a slice Anneal does not parse): ms is changed in place */
    if (tok (ctx, start)->type == TOK_NAME && start + 1 < end &&
        (tok_is (ctx, start + 1, "[") || tok_is (ctx, start + 1, ".")))
      {
        Value *v = g_hash_table_lookup (ctx->env, tok_text (ctx, start));

        for (guint i = start + 1; v != NULL && i < end; i++)
          if (tok_is (ctx, i, "="))
            {
              changed_in_place (ctx, v, start);
              break;
            }
      }
    for (guint i = start; i + 1 < end; i++)
      if (tok (ctx, i)->type == TOK_NAME && tok_is (ctx, i + 1, "=") &&
          (i == start || tok_is (ctx, i - 1, ",")))
        {
          Value *v = opaque_at (ctx, at, ctx_strdup_printf (ctx, _("Python Anneal does not read "
                                                                   "(%s)"), _(reason)));

          g_hash_table_insert (ctx->env, tok_text (ctx, i), v);
        }
  }
}

/* ------------------------------------------------------------------ driver */

/* Whether two schedules are built on the same optimizer, as far as Anneal can tell */
static gboolean
same_optimizer (const Value *a,
                const Value *b)
{
  return (a->on != NULL && a->on == b->on) ||
         (a->on_name != NULL && b->on_name != NULL && strcmp (a->on_name, b->on_name) == 0);
}

static char *
schedule_spec (Schedule *s)
{
  GString *spec = g_string_new (NULL);

  for (guint i = 0; i < s->stages->len; i++)
    {
      Stage *st = &g_array_index (s->stages, Stage, i);
      gboolean last = i + 1 == s->stages->len;
      gsize len = strlen (st->text);

      if (i > 0)
        g_string_append (spec, " -> ");
      if (last)
        {
          g_string_append (spec, st->text);
          break;
        }
      /* kind(a=1) → kind(a=1, for=N); kind() → kind(for=N) */
      g_string_append_len (spec, st->text, (gssize) (len - 1));
      g_string_append_printf (spec, "%sfor=%" G_GINT64_FORMAT ")",
                              st->text[len - 2] == '(' ? "" : ", ", st->length);
    }
  return g_string_free (spec, FALSE);
}

void
anneal_import_free (AnnealImport *import)
{
  if (import == NULL)
    return;
  g_free (import->spec);
  g_free (import);
}

AnnealImport *
anneal_import (const char  *source,
               gssize       length,
               double       base_lr,
               guint       *error_line,
               guint       *error_column,
               GError     **error)
{
  Ctx ctx = { 0 };
  AnnealImport *result = NULL;
  g_autofree char *normalized = NULL;
  Block blocks[ANNEAL_IMPORT_MAX_NESTING];
  guint n_blocks = 0;
  const char *inline_run_time = NULL;
  guint inline_scope_id = 0, n_scopes = 0;
  const char *bad = NULL;
  Value *chosen = NULL;
  guint start = 0;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx.len = length < 0 ? strlen (source) : (gsize) length;
  ctx.src = source;
  ctx.base_lr = base_lr;
  ctx.toks = g_array_new (FALSE, FALSE, sizeof (Token));
  ctx.strings = g_string_chunk_new (4096);
  ctx.nodes = g_ptr_array_new_with_free_func (node_free);
  ctx.values = g_ptr_array_new_with_free_func (value_free);
  ctx.env = g_hash_table_new (g_str_hash, g_str_equal);
  ctx.schedules = g_ptr_array_new ();
  ctx.optimizers = g_ptr_array_new ();
  ctx.named_optimizers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (ctx.len > ANNEAL_IMPORT_MAX_LENGTH)
    {
      ctx_fail (&ctx, 1, 1, ANNEAL_IMPORT_ERROR_LIMIT,
                _("the text is longer than %d bytes"), ANNEAL_IMPORT_MAX_LENGTH);
      goto out;
    }
  /* a UTF-8 byte order mark, which Python skips (columns count from after it) */
  if (ctx.len >= 3 && memcmp (source, "\xef\xbb\xbf", 3) == 0)
    {
      source += 3;
      ctx.len -= 3;
      ctx.src = source;
    }
  if (memchr (source, '\r', ctx.len) != NULL)
    {
      /* Python reads \r\n and a lone \r as \n, in strings too (universal newlines) */
      char *to = normalized = g_malloc (ctx.len + 1);

      for (gsize i = 0; i < ctx.len; i++)
        {
          if (source[i] != '\r')
            *to++ = source[i];
          else if (i + 1 == ctx.len || source[i + 1] != '\n')
            *to++ = '\n';
        }
      *to = '\0';
      ctx.len = (gsize) (to - normalized);
      ctx.src = source = normalized;
    }
  if (!g_utf8_validate (source, (gssize) ctx.len, &bad))
    {
      const char *line_start = source;
      guint line = 1;

      for (const char *p = source; p < bad; p++)
        if (*p == '\n')
          {
            line++;
            line_start = p + 1;
          }
      /* g_utf8_validate() stops at a NUL too, which is UTF-8 but not Python source */
      ctx_fail (&ctx, line, (guint) g_utf8_strlen (line_start, bad - line_start) + 1,
                ANNEAL_IMPORT_ERROR_SYNTAX, "%s",
                *bad == '\0' ? _("a NUL character (U+0000), which Python source cannot hold")
                              : _("the text is not valid UTF-8"));
      goto out;
    }
  if (!tokenize (&ctx))
    goto out;

  for (guint i = 0, line = 0, indent = 0, inline_line = 0; i < ctx.toks->len; i++)
    {
      TokenType type = tok (&ctx, i)->type;
      const char *run_time = NULL;
      guint colon;

      if (type != TOK_NEWLINE && type != TOK_EOF)
        continue;
      if (i == start)
        {
          start = i + 1;
          continue;
        }
      /* `if x: a = 1; s = StepLR(o, 3)`: what follows a one-line block's body after a
       * ';' is in that block */
      if (tok (&ctx, start)->line == inline_line)
        {
          ctx.run_time = inline_run_time;
          ctx.scope_id = inline_scope_id;
          if (!opens_block (&ctx, start, i, &colon, &run_time))
            run_statement (&ctx, start, i);
          start = i + 1;
          continue;
        }
      /* statements after ';' share their line's indentation */
      if (tok (&ctx, start)->line != line)
        {
          line = tok (&ctx, start)->line;
          indent = indent_of (&ctx, start);
        }
      while (n_blocks > 0 && blocks[n_blocks - 1].indent >= indent)
        close_block (&ctx, &blocks[--n_blocks]);
      ctx.run_time = NULL;
      for (guint b = n_blocks; b > 0 && ctx.run_time == NULL; b--)
        ctx.run_time = blocks[b - 1].run_time;
      ctx.scope = NULL;
      ctx.scope_id = 0;
      for (guint b = n_blocks; b > 0 && ctx.scope == NULL; b--)
        {
          ctx.scope = blocks[b - 1].scope;
          ctx.scope_id = blocks[b - 1].scope_id;
        }

      if (opens_block (&ctx, start, i, &colon, &run_time))
        {
          bind_header_names (&ctx, start, colon);
          bind_definition (&ctx, start, colon);
          if (run_time == NULL)
            run_time = ctx.run_time;
          if (colon + 1 < i)
            {
              /* a body on the header's line: `if x: s = StepLR(o, 3)`, and what
               * follows it after ';' (a def's a body of its own) */
              inline_line = tok (&ctx, start)->line;
              inline_run_time = run_time;
              if (is_definition (&ctx, start))
                ctx.scope_id = ++n_scopes;
              inline_scope_id = ctx.scope_id;
              ctx.run_time = run_time;
              run_statement (&ctx, colon + 1, i);
            }
          else if (n_blocks == G_N_ELEMENTS (blocks))
            {
              ctx_fail (&ctx, tok (&ctx, start)->line, tok (&ctx, start)->column,
                        ANNEAL_IMPORT_ERROR_LIMIT,
                        _("more than %d nested blocks: Anneal reads shallower code"),
                        (int) G_N_ELEMENTS (blocks));
              goto out;
            }
          else
            {
              blocks[n_blocks].indent = indent;
              blocks[n_blocks].run_time = run_time;
              blocks[n_blocks].scope = open_scope (&ctx, start, colon);
              blocks[n_blocks].scope_id = blocks[n_blocks].scope != NULL ? ++n_scopes : 0;
              n_blocks++;
            }
        }
      else
        run_statement (&ctx, start, i);
      start = i + 1;
    }
  ctx.run_time = NULL;

  if (ctx.broken_reason != NULL)
    {
      Token *t = tok (&ctx, ctx.broken_tok);

      ctx_fail (&ctx, t->line, t->column, ANNEAL_IMPORT_ERROR_SYNTAX,
                _("Anneal cannot parse the statement calling %s: %s"),
                ctx.broken_call, _(ctx.broken_reason));
      goto out;
    }
  if (ctx.other_given_line != 0)
    {
      ctx_fail (&ctx, ctx.other_given_line, 1, ANNEAL_IMPORT_ERROR_UNSUPPORTED,
                _("optimizers are given different schedules on line %u and line %u: "
                  "Anneal cannot tell which to draw"),
                ctx.given_line, ctx.other_given_line);
      goto out;
    }
  /* Keras, optax: the schedule the optimizer is given */
  chosen = ctx.given;
  for (guint i = ctx.schedules->len; i > 0 && chosen == NULL; i--)
    {
      Value *v = g_ptr_array_index (ctx.schedules, i - 1);

      if (v->type == VAL_FAILED || !v->schedule->consumed)
        chosen = v;
    }
  if (chosen == NULL)
    {
      ctx_fail (&ctx, 1, 1, ANNEAL_IMPORT_ERROR_NOT_FOUND,
                _("no learning-rate schedule of PyTorch, Hugging Face, Keras, timm or optax "
                  "found"));
      goto out;
    }
  if (chosen->type == VAL_FAILED)
    {
      ctx_fail (&ctx, chosen->line, chosen->column, ANNEAL_IMPORT_ERROR_UNSUPPORTED,
                "%s", chosen->reason);
      goto out;
    }
  if (ctx.changed != NULL)
    {
      ctx_fail (&ctx, ctx.changed_line, ctx.changed_column, ANNEAL_IMPORT_ERROR_UNSUPPORTED,
                "%s", ctx.changed);
      goto out;
    }
  /* another one on its optimizer, in the same body, used in no other (or refused: its
   * constructor runs too): its constructor may set the rate (LinearLR's, ConstantLR's
   * do), its steps too */
  for (guint i = ctx.schedules->len; i > 0; i--)
    {
      Value *v = g_ptr_array_index (ctx.schedules, i - 1);

      if (v != chosen && (v->type == VAL_FAILED || !v->schedule->consumed) &&
          v->scope == chosen->scope && same_optimizer (v, chosen))
        {
          ctx_fail (&ctx, chosen->line, chosen->column, ANNEAL_IMPORT_ERROR_UNSUPPORTED,
                    _("two schedulers are built on this optimizer (line %u and line %u): "
                      "Anneal cannot tell which sets its rate"), v->line, chosen->line);
          goto out;
        }
    }
  if (chosen->schedule->optimizer != NULL && chosen->schedule->optimizer->set_again != 0)
    {
      ctx_fail (&ctx, chosen->line, chosen->column, ANNEAL_IMPORT_ERROR_UNSUPPORTED,
                _("the optimizer's rate is set again on line %u, after this scheduler was "
                  "built: its steps go on from that rate"),
                chosen->schedule->optimizer->set_again);
      goto out;
    }

  /* stepped alone, from the optimizer's rate where initial_lr was set apart from it */
  if (chosen->schedule->alone_error != NULL)
    {
      ctx_fail (&ctx, chosen->schedule->alone_line, chosen->schedule->alone_column,
                ANNEAL_IMPORT_ERROR_UNSUPPORTED, "%s", chosen->schedule->alone_error);
      goto out;
    }
  if (chosen->schedule->alone != NULL)
    {
      Schedule *alone = chosen->schedule->alone;

      chosen->schedule->alone = NULL;
      schedule_free (chosen->schedule);
      chosen->schedule = alone;
    }

  {
    g_autofree char *spec = schedule_spec (chosen->schedule);
    g_autoptr(GError) spec_error = NULL;
    g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (spec, NULL, &spec_error);

    if (schedule == NULL)
      {
        /* the reason alone: the column is one of the spec written here, not of the code */
        const char *reason = anneal_spec_error_get_reason (spec_error);

        ctx_fail (&ctx, chosen->line, chosen->column, ANNEAL_IMPORT_ERROR_UNSUPPORTED,
                  _("Anneal cannot hold this schedule: %s"),
                  reason != NULL ? reason : spec_error->message);
        goto out;
      }
    result = g_new0 (AnnealImport, 1);
    result->spec = anneal_schedule_to_string (schedule);
    result->label = chosen->schedule->label;
    result->library = chosen->schedule->library;
    result->per_step = chosen->schedule->per_step;
    result->line = chosen->line;
    result->column = chosen->column;
  }

out:
  while (n_blocks > 0)
    close_block (&ctx, &blocks[--n_blocks]);
  if (ctx.error != NULL)
    {
      if (error_line != NULL)
        *error_line = ctx.error_line;
      if (error_column != NULL)
        *error_column = ctx.error_column;
      g_propagate_error (error, ctx.error);
    }
  g_array_unref (ctx.toks);
  g_string_chunk_free (ctx.strings);
  g_ptr_array_unref (ctx.nodes);
  g_ptr_array_unref (ctx.values);
  g_hash_table_unref (ctx.env);
  g_ptr_array_unref (ctx.schedules);
  g_ptr_array_unref (ctx.optimizers);
  g_hash_table_unref (ctx.named_optimizers);
  return result;
}

gboolean
anneal_import_looks_like_code (const char *text)
{
  g_return_val_if_fail (text != NULL, FALSE);

  if (strchr (text, '\n') != NULL || strstr (text, "import ") != NULL)
    return TRUE;
  /* A spec never has a dot right after a letter (numbers are "0.1"), code does. */
  for (const char *p = text; *p != '\0'; p++)
    if (*p == '.' && p > text && (g_ascii_isalpha (p[-1]) || p[-1] == '_') &&
        g_ascii_isalpha (p[1]))
      return TRUE;
  return strstr (text, "get_") != NULL && strstr (text, "schedule") != NULL;
}
