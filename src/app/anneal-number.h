/* anneal-number.h — how the app shows numbers and reads them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Enough for any number anneal_number_format() writes. */
#define ANNEAL_NUMBER_BUFSIZE 32

/* The one style of every number the app shows (statistics, readout, ticks): five
 * significant digits, trailing zeros dropped, an exponent below 1e-4 and from 1e5
 * up written short ("4e-7"), '.' as the decimal mark as in spec text and on the chart's
 * axes, whatever the locale. Not finite: "—". Returns @buffer. */
char     *anneal_number_format (double      value,
                                char       *buffer,
                                gsize       size);

/* Reads a number typed by a person: "0.01", "1e-3", "1/3", and with the locale's
 * decimal mark too ("0,01" in German). Surrounding spaces are allowed; anything else
 * is refused. */
gboolean  anneal_number_parse  (const char *text,
                                double     *value);

/* What the number entries say to text that is not a number: what was typed and an
 * example in the user's locale ("0,01" in German). Free with g_free(). */
char     *anneal_number_refusal (const char *text);

/* The locale's decimal mark when it is one character, else '.'. */
char      anneal_number_get_mark (void);

G_END_DECLS
