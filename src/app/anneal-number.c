/* anneal-number.c — how the app shows numbers and reads them back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>

#include "anneal-number.h"
#include "anneal-text.h"

char *
anneal_number_format (double  value,
                      char   *buffer,
                      gsize   size)
{
  char *e;

  g_return_val_if_fail (buffer != NULL && size >= ANNEAL_NUMBER_BUFSIZE, buffer);

  if (!isfinite (value))
    {
      g_strlcpy (buffer, "—", size);
      return buffer;
    }

  if (value == 0)
    value = 0;  /* no "-0" */

  g_ascii_formatd (buffer, size, "%.5g", value);

  /* "4e-07" → "4e-7", "1.5e+06" → "1.5e6", as the axis writes exponents. */
  e = strchr (buffer, 'e');
  if (e != NULL)
    {
      char *digits = e + 1;
      char *out = e + 1;

      if (*digits == '+')
        digits++;
      else if (*digits == '-')
        *out++ = *digits++;
      while (*digits == '0' && digits[1] != '\0')
        digits++;
      memmove (out, digits, strlen (digits) + 1);
    }

  return buffer;
}

/* One decimal number, with either mark. @out_of_range: set when it is written as one
 * but no double holds it (1e-400 would be 0, 1e999 infinite). */
static gboolean
parse_decimal (const char *text,
               double     *value,
               gboolean   *out_of_range)
{
  const char *mark = localeconv ()->decimal_point;
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (copy[0] == '\0')
    return FALSE;

  /* The locale's mark (one character in every locale GNOME ships) becomes '.'. */
  if (mark != NULL && mark[0] != '\0' && mark[0] != '.' && mark[1] == '\0')
    {
      char *comma = strchr (copy, mark[0]);

      if (comma != NULL)
        {
          if (strchr (copy, '.') != NULL || strchr (comma + 1, mark[0]) != NULL)
            return FALSE;
          *comma = '.';
        }
    }

  /* A decimal number as a spec writes one: g_ascii_strtod() also reads "0x10", "inf"
   * and "nan", and reads "1e-400" as 0 (a rate typed as 1e-400 became 0, silently) */
  {
    const char *q = copy;
    gboolean digits = FALSE, nonzero = FALSE;

    if (*q == '+' || *q == '-')
      q++;
    for (; g_ascii_isdigit (*q); q++)
      digits = TRUE, nonzero |= *q != '0';
    if (*q == '.')
      for (q++; g_ascii_isdigit (*q); q++)
        digits = TRUE, nonzero |= *q != '0';
    if (!digits)
      return FALSE;
    if (*q == 'e' || *q == 'E')
      {
        q++;
        if (*q == '+' || *q == '-')
          q++;
        if (!g_ascii_isdigit (*q))
          return FALSE;
        while (g_ascii_isdigit (*q))
          q++;
      }
    if (*q != '\0')
      return FALSE;

    *value = g_ascii_strtod (copy, &end);
    if (end == q && (!isfinite (*value) || (nonzero && *value == 0)))
      *out_of_range = TRUE;
    return end == q && isfinite (*value) && !(nonzero && *value == 0);
  }
}

/* A number or a fraction; @out_of_range as parse_decimal(). */
static gboolean
parse_number (const char *text,
              double     *value,
              gboolean   *out_of_range)
{
  g_autofree char *copy = NULL;
  const char *slash;
  double num, den;

  *out_of_range = FALSE;
  slash = strchr (text, '/');
  if (slash == NULL)
    return parse_decimal (text, value, out_of_range);

  copy = g_strndup (text, slash - text);
  if (!parse_decimal (copy, &num, out_of_range) ||
      !parse_decimal (slash + 1, &den, out_of_range) || den == 0)
    return FALSE;

  /* 1e-300/1e300 is too small, as in a spec, not 0 */
  *value = num / den;
  if (!isfinite (*value) || (num != 0 && *value == 0))
    *out_of_range = TRUE;
  return !*out_of_range;
}

gboolean
anneal_number_parse (const char *text,
                     double     *value)
{
  gboolean out_of_range;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return parse_number (text, value, &out_of_range);
}

/* What a refusal quotes of the text typed: a pasted word of 20,000 characters, quoted
 * whole, made the sweep dialog as wide as it (wider than the screen, a second of
 * layout) and a parameter's row likewise */
#define REFUSAL_QUOTED_CHARS 40

char *
anneal_number_refusal (const char *text)
{
  const char *mark = localeconv ()->decimal_point;
  g_autofree char *example = g_strdup_printf ("0%s01", mark && mark[0] ? mark : ".");
  g_autofree char *bounded = NULL;
  gboolean out_of_range;
  double value;

  g_return_val_if_fail (text != NULL, NULL);

  bounded = anneal_text_bound (text, 1, REFUSAL_QUOTED_CHARS);
  if (!parse_number (text, &value, &out_of_range) && out_of_range)
    /* Translators: %s is what was typed: a number like 1e-400 or 1e999 that no
     * double holds */
    return g_strdup_printf (_("“%s” is too small or too large to compute with (write 0 "
                              "for zero)"), bounded != NULL ? bounded : text);
  /* Translators: %s is what was typed, then an example number in the user's locale */
  return g_strdup_printf (_("“%s” is not a number: write it like %s, 1e-3 or 1/3"),
                          bounded != NULL ? bounded : text, example);
}

char
anneal_number_get_mark (void)
{
  const char *mark = localeconv ()->decimal_point;

  if (mark != NULL && mark[0] != '\0' && mark[1] == '\0')
    return mark[0];

  return '.';
}
