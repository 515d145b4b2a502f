/* anneal-text.c — text helpers shared by the library, the renderer and the programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Anneal"

#include "config.h"

#include <string.h>

#include "anneal-format.h"
#include "anneal-text.h"

/* Names longer than this are never close to anything we know. */
#define SUGGEST_MAX_CHARS 64

static guint
fold_chars (const char *text,
            gunichar   *out)
{
  guint n = 0;

  for (const char *p = text; *p != '\0' && n <= SUGGEST_MAX_CHARS; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        return G_MAXUINT;
      if (c >= 0x80)
        {
          /* a fullwidth or other compatibility form of an ASCII letter is that
           * letter (ｃｏｓｉｎｅ is cosine) */
          gunichar d[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];

          if (g_unichar_fully_decompose (c, TRUE, d, G_N_ELEMENTS (d)) == 1 && d[0] < 0x80)
            c = d[0];
        }
      out[n++] = c < 0x80 ? (gunichar) g_ascii_tolower ((char) c) : c;
    }
  return n;
}

/* Optimal string alignment distance over characters: Levenshtein plus adjacent
 * transpositions, so that "lr_strat" is one edit away from "lr_start". */
static guint
edit_distance (const gunichar *a,
               guint           la,
               const gunichar *b,
               guint           lb)
{
  guint d[SUGGEST_MAX_CHARS + 2][SUGGEST_MAX_CHARS + 2];

  for (guint i = 0; i <= la; i++)
    d[i][0] = i;
  for (guint j = 0; j <= lb; j++)
    d[0][j] = j;
  for (guint i = 1; i <= la; i++)
    for (guint j = 1; j <= lb; j++)
      {
        guint v = MIN (d[i - 1][j] + 1, d[i][j - 1] + 1);

        v = MIN (v, d[i - 1][j - 1] + (a[i - 1] != b[j - 1]));
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
          v = MIN (v, d[i - 2][j - 2] + 1);
        d[i][j] = v;
      }
  return d[la][lb];
}

const char *
anneal_text_suggest (const char         *word,
                     const char * const *candidates,
                     gsize               n_candidates)
{
  gunichar a[SUGGEST_MAX_CHARS + 1], b[SUGGEST_MAX_CHARS + 1];
  const char *best = NULL;
  guint best_distance = G_MAXUINT, best_len = 0;
  guint la;

  g_return_val_if_fail (word != NULL, NULL);
  g_return_val_if_fail (candidates != NULL || n_candidates == 0, NULL);

  la = fold_chars (word, a);
  if (la > SUGGEST_MAX_CHARS)
    return NULL;

  for (gsize i = 0; i < n_candidates; i++)
    {
      guint lb = fold_chars (candidates[i], b);
      guint distance;

      if (lb > SUGGEST_MAX_CHARS)
        continue;
      distance = edit_distance (a, la, b, lb);
      if (distance < best_distance)
        {
          best_distance = distance;
          best = candidates[i];
          best_len = lb;
        }
    }

  /* One edit in a short name, up to a third of a longer one. */
  if (best != NULL && best_distance <= MAX (1, MAX (la, best_len) / 3))
    return best;
  return NULL;
}

static gboolean
must_escape (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL ||             /* C0, DEL, C1 (U+009B CSI among them) */
         type == G_UNICODE_FORMAT ||              /* bidi overrides and isolates, ZWJ, BOM */
         type == G_UNICODE_LINE_SEPARATOR ||
         type == G_UNICODE_PARAGRAPH_SEPARATOR ||
         type == G_UNICODE_SURROGATE ||
         type == G_UNICODE_UNASSIGNED ||
         type == G_UNICODE_PRIVATE_USE;
}

/* @c as \xNN, \uNNNN or \UNNNNNNNN */
static void
append_escaped (GString  *s,
                gunichar  c)
{
  if (c < 0x80)
    g_string_append_printf (s, "\\x%02x", c);
  else if (c <= 0xffff)
    g_string_append_printf (s, "\\u%04X", c);
  else
    g_string_append_printf (s, "\\U%08X", c);
}

char *
anneal_text_escape_char (const char *p)
{
  gunichar c;

  g_return_val_if_fail (p != NULL, NULL);

  c = g_utf8_get_char_validated (p, -1);
  if (c != (gunichar) -1 && c != (gunichar) -2 && c >= 0x80 &&
      (g_unichar_isspace (c) || !g_unichar_isgraph (c)))
    {
      GString *s = g_string_new (NULL);

      append_escaped (s, c);
      return g_string_free (s, FALSE);
    }
  return anneal_text_escape (p, g_utf8_next_char (p) - p);
}

char *
anneal_text_escape (const char *text,
                    gssize      len)
{
  GString *s;
  const char *p, *end;

  g_return_val_if_fail (text != NULL, NULL);

  if (len < 0)
    len = (gssize) strlen (text);
  end = text + len;
  s = g_string_sized_new ((gsize) len);

  for (p = text; p < end;)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0)
        {
          g_string_append_printf (s, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (must_escape (c))
        append_escaped (s, c);
      else
        g_string_append_len (s, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (s, FALSE);
}

/* Lines as Pango breaks them. A paragraph ends at \n, \r, \r\n (one break) or
 * U+2029 (pango_find_paragraph_boundary); within one, U+2028 forces a new line
 * when more of the paragraph follows it (a trailing one opens no empty line).
 * Pango breaks nowhere else: not at \v, \f or U+0085. */

#define LINE_SEPARATOR_UTF8      "\xe2\x80\xa8"
#define PARAGRAPH_SEPARATOR_UTF8 "\xe2\x80\xa9"

/* The bytes of the paragraph separator at @p, or 0 */
static gsize
paragraph_break_len (const char *p)
{
  switch (*p)
    {
    case '\n':
      return 1;
    case '\r':
      return p[1] == '\n' ? 2 : 1;
    case '\xe2':
      return strncmp (p, PARAGRAPH_SEPARATOR_UTF8, 3) == 0 ? 3 : 0;
    default:
      return 0;
    }
}

/* The bytes of the line break at @p, or 0 */
static gsize
line_break_len (const char *p)
{
  gsize len = paragraph_break_len (p);

  if (len == 0 && *p == '\xe2' && strncmp (p, LINE_SEPARATOR_UTF8, 3) == 0 &&
      p[3] != '\0' && paragraph_break_len (p + 3) == 0)
    len = 3;
  return len;
}

/* The first line break at or after @p (its bytes in @len), or the end of @p */
static const char *
find_line_break (const char *p,
                 gsize      *len)
{
  *len = 0;
  for (;;)
    {
      p += strcspn (p, "\n\r\xe2");
      if (*p == '\0' || (*len = line_break_len (p)) > 0)
        return p;
      p++;
    }
}

static gboolean
is_regional_indicator (gunichar c)
{
  return c >= 0x1f1e6 && c <= 0x1f1ff;
}

/* Whether @c continues the grapheme cluster of the character before it, @prev (the
 * @n_ri regional indicators before @c in a row), so that a cut before @c splits what
 * is shown as one character: a combining mark or variation selector (é written as
 * e and U+0301), a joiner and what follows it (the family 👨‍👩‍👧 is five code
 * points), a skin tone, an emoji tag, the second regional indicator of a flag.
 * UAX #29's extended grapheme clusters, less Hangul jamo and prepended marks. */
static gboolean
continues_cluster (gunichar prev,
                   gunichar c,
                   guint    n_ri)
{
  return g_unichar_ismark (c)
         || c == 0x200c || c == 0x200d || prev == 0x200d
         || (c >= 0x1f3fb && c <= 0x1f3ff)
         || (c >= 0xe0020 && c <= 0xe007f)
         || (is_regional_indicator (c) && n_ri % 2 == 1);
}

/* Past at most @max_chars characters from @p, to the end or, with @lines, to a line
 * break (its bytes in @brk, else 0); moved back to where a grapheme cluster it would
 * split begins, unless that is @p (one cluster longer than the bound, a letter under
 * 10^5 accents, is cut too). */
static const char *
scan_chars (const char *p,
            guint       max_chars,
            gboolean    lines,
            gsize      *brk)
{
  const char *start = p, *cluster = p;
  gunichar prev = 0;
  guint n_ri = 0, n = 0;

  *brk = 0;
  while (*p != '\0' && (!lines || (*brk = line_break_len (p)) == 0) && n < max_chars)
    {
      gunichar c = g_utf8_get_char (p);

      if (!continues_cluster (prev, c, n_ri))
        cluster = p;
      n_ri = is_regional_indicator (c) ? n_ri + 1 : 0;
      prev = c;
      p = g_utf8_next_char (p);
      n++;
    }
  if (*p != '\0' && *brk == 0 && cluster > start &&
      continues_cluster (prev, g_utf8_get_char (p), n_ri))
    p = cluster;
  return p;
}

gsize
anneal_text_cluster_prefix (const char *text,
                            guint       max_chars)
{
  gsize brk;

  g_return_val_if_fail (text != NULL, 0);

  return (gsize) (scan_chars (text, max_chars, FALSE, &brk) - text);
}

char *
anneal_text_bound (const char *text,
                   guint       max_lines,
                   guint       max_chars)
{
  g_autofree char *valid = NULL;
  GString *out = NULL;
  const char *p;
  guint line = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (max_lines >= 1 && max_chars >= 1, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  /* One pass: each line is copied up to its limit, the rest of it skipped up to
   * its break; nothing after the last line kept is looked at. */
  for (p = text; ; line++)
    {
      const char *start = p;
      const char *end;
      gsize brk;

      p = scan_chars (p, max_chars, TRUE, &brk);
      /* What is kept of this line ends at p, the line itself at end */
      end = (*p == '\0' || brk > 0) ? p : find_line_break (p, &brk);

      if (end != p || (brk > 0 && line + 1 >= max_lines))
        {
          /* This line is cut, or it is the last one kept and more follow */
          if (out == NULL)
            out = g_string_new_len (text, start - text);
          g_string_append_len (out, start, p - start);
          g_string_append (out, "…");
          if (brk == 0 || line + 1 >= max_lines)
            break;
          g_string_append_len (out, end, brk);
          p = end + brk;
          continue;
        }
      if (out != NULL)
        g_string_append_len (out, start, p - start);
      if (brk == 0)
        break;
      if (out != NULL)
        g_string_append_len (out, p, brk);
      p += brk;
    }

  if (out == NULL)
    return valid != NULL ? g_steal_pointer (&valid) : NULL;
  return g_string_free (out, FALSE);
}

void
anneal_text_append_csv_field (GString    *out,
                              const char *field)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (field != NULL);

  if (strpbrk (field, ",\"\r\n") == NULL)
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
anneal_text_append_json_string (GString    *out,
                                const char *text)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (text != NULL);

  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      guchar c = (guchar) *p;

      switch (c)
        {
        case '"':  g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

static inline gsize
format_epoch (gint64  t,
              char   *buf)
{
  char tmp[24];
  gsize n = 0, len;
  guint64 u = (guint64) t;

  if (t < 0)
    {
      *buf++ = '-';
      u = 0 - u;
    }
  do
    tmp[n++] = (char) ('0' + u % 10);
  while ((u /= 10) > 0);
  len = n + (t < 0);
  while (n > 0)
    *buf++ = tmp[--n];
  return len;
}

gsize
anneal_text_format_row (char               *buffer,
                        gint64              epoch,
                        const double       *values,
                        gsize               stride,
                        guint               n,
                        AnnealTextRowStyle  style)
{
  char *p = buffer;

  if (style == ANNEAL_TEXT_ROW_JSON)
    *p++ = '[';
  p += format_epoch (epoch, p);
  for (guint i = 0; i < n; i++)
    {
      *p++ = ',';
      p += anneal_format_double (values[(gsize) i * stride], p);
    }
  *p++ = style == ANNEAL_TEXT_ROW_JSON ? ']' : '\n';
  return (gsize) (p - buffer);
}
