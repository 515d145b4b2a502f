/* anneal-format.h — numbers as text, in the C locale, shortest round trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (ANNEAL_INSIDE) && !defined (ANNEAL_COMPILATION)
# error "Only <anneal.h> can be included directly."
#endif

#include <glib.h>

#include "anneal-version-macros.h"

G_BEGIN_DECLS

/**
 * ANNEAL_FORMAT_DOUBLE_BUFSIZE:
 *
 * The size of a buffer large enough for any double written by
 * [func@Anneal.format_double], with its terminating NUL.
 */
#define ANNEAL_FORMAT_DOUBLE_BUFSIZE 32

/**
 * anneal_format_double: (skip)
 * @value: a number
 * @buffer: where the text is written: at least %ANNEAL_FORMAT_DOUBLE_BUFSIZE bytes
 *
 * Writes the shortest decimal text that reads back (with g_ascii_strtod() or
 * strtod() in the C locale) to exactly @value, NUL-terminated. Plain notation
 * (`0.1`, `250`, `0.00125`) for decimal exponents −5 … 16, scientific (`1e-07`,
 * `1.5e+20`) otherwise, as `%g` does. NaN and infinities come out as `nan`,
 * `inf`, `-inf`. Independent of the locale; thread-safe.
 *
 * Not available through introspection: languages there have their own shortest
 * round-trip formatting (Python's repr()).
 *
 * Returns: the length of the text, without the NUL
 */
ANNEAL_AVAILABLE_IN_ALL
gsize anneal_format_double (double  value,
                            char   *buffer);

G_END_DECLS
