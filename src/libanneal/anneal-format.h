/* anneal-format.h — numbers as text, in the C locale, shortest round trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (ANNEAL_INSIDE) && !defined (ANNEAL_COMPILATION)
# error "Only <anneal.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/* Large enough for any double written by anneal_format_double(), with its NUL. */
#define ANNEAL_FORMAT_DOUBLE_BUFSIZE 32

/*
 * Writes the shortest decimal text that reads back (with g_ascii_strtod or strtod
 * in the C locale) to exactly @value, NUL-terminated, and returns its length.
 * Plain notation ("0.1", "250", "0.00125") for decimal exponents -5 … 16,
 * scientific ("1e-07", "1.5e+20") otherwise, as %g does. NaN and infinities
 * come out as "nan", "inf", "-inf". Independent of the locale; thread-safe.
 */
gsize anneal_format_double (double  value,
                            char   *buffer);

G_END_DECLS
