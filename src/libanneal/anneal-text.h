/* anneal-text.h — text helpers shared by the library, the renderer and the programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not installed: each of these is written once, here, for the parser, anneal-cli,
 * the chart's file export and the document. The programs link libanneal statically.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "Did you mean": the candidate closest to @word (case-insensitive, in characters,
 * counting an adjacent transposition as one edit), or NULL when none is close:
 * at most one edit in a short name, up to a third of a longer one. */
const char *anneal_text_suggest            (const char         *word,
                                            const char * const *candidates,
                                            gsize               n_candidates);

/* A copy of @text safe to echo on a terminal or in a label: control characters
 * (C0, DEL, C1), format characters (bidi overrides, zero-width marks), line and
 * paragraph separators and bytes that are not UTF-8 are written as \xNN or \uNNNN.
 * @len: bytes, or −1 for NUL-terminated. */
char       *anneal_text_escape             (const char         *text,
                                            gssize              len);
/* The character at @p as anneal_text_escape() writes it; shown alone, a space or an
 * invisible character outside ASCII (a no-break space looks like ' ', U+200B like
 * nothing) is written as its code point too. */
char       *anneal_text_escape_char        (const char         *p);

/* @text cut to at most @max_lines lines of at most @max_chars characters (code
 * points) each, each cut followed by "…" and made between grapheme clusters (not
 * within an emoji sequence or before an accent) unless one cluster fills the line;
 * NULL when nothing needs cutting (a copy made valid when @text
 * is not UTF-8). Linear time: past the UTF-8 check, nothing after the end of the
 * last line kept is read. A line is what Pango
 * lays out as one: it ends at \n, \r, \r\n, U+2029 and at a U+2028 that more of
 * its paragraph follows, never at \v, \f or U+0085. The one bound of every title
 * and label shown (the chart's title, axis labels and legend, the app's rows). */
char       *anneal_text_bound              (const char         *text,
                                            guint               max_lines,
                                            guint               max_chars);

/* The bytes of the longest start of @text (UTF-8) of at most @max_chars characters
 * (code points) that ends between grapheme clusters, as anneal_text_bound() cuts a
 * line (unless the first cluster is longer than that: then within it). */
gsize       anneal_text_cluster_prefix     (const char         *text,
                                            guint               max_chars);

/* Appends @field to @out as one RFC 4180 field: quoted when it holds a comma, a
 * quote or a line break, quotes doubled. */
void        anneal_text_append_csv_field   (GString            *out,
                                            const char         *field);

/* Appends @text to @out as a JSON string: quotes, backslashes and control
 * characters escaped. @text must be UTF-8. */
void        anneal_text_append_json_string (GString            *out,
                                            const char         *text);

typedef enum
{
  ANNEAL_TEXT_ROW_CSV,   /* t,v1,…,vn\n */
  ANNEAL_TEXT_ROW_JSON,  /* [t,v1,…,vn] */
} AnnealTextRowStyle;

/* The most bytes anneal_text_format_row() writes for @n values (no NUL). */
#define ANNEAL_TEXT_ROW_MAX(n) ((gsize) 24 + 3 + (gsize) (n) * 33)

/* One row of values: the epoch, then @n values each read from @values with a
 * stride of @stride doubles, in the shortest form that reads back to the same
 * double. Writes at most ANNEAL_TEXT_ROW_MAX (@n) bytes to @buffer, not
 * NUL-terminated, and returns how many. The one row writer of `eval` and of the
 * chart's CSV export. */
gsize       anneal_text_format_row         (char               *buffer,
                                            gint64              epoch,
                                            const double       *values,
                                            gsize               stride,
                                            guint               n,
                                            AnnealTextRowStyle  style);

G_END_DECLS
