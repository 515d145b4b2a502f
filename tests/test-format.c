/* test-format.c — anneal_format_double(): exact strings, round trip, shortest, locale
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <anneal.h>

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define RANDOM_SEED 20261128

static double
from_bits (guint64 bits)
{
  double v;

  memcpy (&v, &bits, sizeof v);
  return v;
}

static guint64
to_bits (double v)
{
  guint64 bits;

  memcpy (&bits, &v, sizeof bits);
  return bits;
}

static guint64
random_bits (GRand *rand)
{
  return ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
}

/* Formats @v, checks the length returned, the terminator and the buffer bound. */
static const char *
format (double  v,
        char   *buffer)
{
  gsize len;

  memset (buffer, 'x', ANNEAL_FORMAT_DOUBLE_BUFSIZE);
  len = anneal_format_double (v, buffer);
  g_assert_cmpuint (len, <, ANNEAL_FORMAT_DOUBLE_BUFSIZE);
  g_assert_cmpuint (strlen (buffer), ==, len);
  return buffer;
}

/*
 * Checks that @text follows the documented layout and extracts its significant
 * digits (no leading or trailing zeros) and the decimal exponent of the first.
 * Zero, infinities and NaN are not accepted here.
 */
static gboolean
parse_layout (const char *text,
              char        digits[32],
              int        *exponent10)
{
  const char *p = text;
  const char *e_mark = strchr (text, 'e');
  int n = 0;

  if (*p == '-')
    p++;

  if (e_mark != NULL)
    {
      /* d[.ddd]e±XX */
      int e = 0;
      int exp_digits = 0;
      char sign;

      if (*p < '1' || *p > '9')
        return FALSE;
      digits[n++] = *p++;
      if (*p == '.')
        {
          p++;
          while (p < e_mark && g_ascii_isdigit (*p) && n < 17)
            digits[n++] = *p++;
          if (n == 1 || digits[n - 1] == '0')
            return FALSE;
        }
      if (p != e_mark)
        return FALSE;
      p++;
      sign = *p++;
      if (sign != '+' && sign != '-')
        return FALSE;
      while (g_ascii_isdigit (*p))
        {
          e = 10 * e + (*p++ - '0');
          exp_digits++;
        }
      if (*p != '\0' || exp_digits < 2 || exp_digits > 3)
        return FALSE;
      if (exp_digits == 3 && e < 100)
        return FALSE;
      if (exp_digits == 2 && e >= 100)
        return FALSE;
      e = sign == '-' ? -e : e;
      if (e >= -5 && e <= 16)
        return FALSE;
      digits[n] = '\0';
      *exponent10 = e;
      return TRUE;
    }
  else
    {
      /* ddd, ddd.ddd or 0.000ddd */
      const char *point = strchr (p, '.');
      int e;

      if (point == NULL)
        {
          int len = (int) strlen (p);

          if (len == 0 || *p < '1' || *p > '9')
            return FALSE;
          for (int i = 0; i < len; i++)
            if (!g_ascii_isdigit (p[i]))
              return FALSE;
          e = len - 1;
          while (len > 1 && p[len - 1] == '0')
            len--;
          if (len > 17)
            return FALSE;
          memcpy (digits, p, (gsize) len);
          n = len;
        }
      else if (*p == '0')
        {
          if (point != p + 1)
            return FALSE;
          p += 2;
          e = -1;
          while (*p == '0')
            {
              p++;
              e--;
            }
          while (g_ascii_isdigit (*p) && n < 17)
            digits[n++] = *p++;
          if (*p != '\0' || n == 0 || digits[n - 1] == '0')
            return FALSE;
        }
      else
        {
          e = (int) (point - p) - 1;
          while (p < point && g_ascii_isdigit (*p) && n < 17)
            digits[n++] = *p++;
          if (p != point || digits[0] == '0')
            return FALSE;
          p++;
          while (g_ascii_isdigit (*p) && n < 17)
            digits[n++] = *p++;
          if (*p != '\0' || point[1] == '\0' || digits[n - 1] == '0')
            return FALSE;
        }
      if (e < -5 || e > 16)
        return FALSE;
      digits[n] = '\0';
      *exponent10 = e;
      return TRUE;
    }
}

/* The output reads back to exactly @v, with g_ascii_strtod and with strtod. */
static void
assert_round_trip (double      v,
                   const char *text)
{
  char *end = NULL;
  double back = g_ascii_strtod (text, &end);

  g_assert_nonnull (end);
  g_assert_cmpint (*end, ==, '\0');
  if (to_bits (back) != to_bits (v))
    g_error ("%s read back as %.17g, not %.17g", text, back, v);
}

static void
test_format_table (void)
{
  static const struct {
    double value;
    const char *text;
  } cases[] = {
    { 0.1, "0.1" },
    { 1 / 3., "0.3333333333333333" },
    { 0.10000000000000001, "0.1" },
    { 0.1 + 0.2, "0.30000000000000004" },
    { 0.2, "0.2" },
    { 0.3, "0.3" },
    { 0.5, "0.5" },
    { 0.7, "0.7" },
    { 0.095, "0.095" },
    { 4.35, "4.35" },
    { 1.0, "1" },
    { -1.0, "-1" },
    { 250.0, "250" },
    { 123.5, "123.5" },
    { -2.5, "-2.5" },
    { -123.456, "-123.456" },
    { 123456.789, "123456.789" },
    { 299792458.0, "299792458" },
    { 0.001, "0.001" },
    { 1e-4, "0.0001" },
    { 1e-5, "0.00001" },
    { 2.5e-5, "0.000025" },
    { 0.00001234, "0.00001234" },
    { 0.0009765625, "0.0009765625" },
    { 0.000123456789012345678, "0.00012345678901234567" },
    { 0.00009999999999999999, "0.00009999999999999999" },
    { 9.999999999999999e-6, "9.999999999999999e-06" },
    { 1e-6, "1e-06" },
    { 1.5e-6, "1.5e-06" },
    { 1e-7, "1e-07" },
    { -1e-7, "-1e-07" },
    { 1.2345e-7, "1.2345e-07" },
    { 9.5367431640625e-07, "9.5367431640625e-07" },
    { 1e-100, "1e-100" },
    { 5e-324, "5e-324" },
    { -5e-324, "-5e-324" },
    { 1.5e-323, "1.5e-323" },
    { 2.2250738585072009e-308, "2.225073858507201e-308" },
    { DBL_MIN, "2.2250738585072014e-308" },
    { 1.5 * DBL_MIN, "3.337610787760802e-308" },
    { DBL_MAX, "1.7976931348623157e+308" },
    { -DBL_MAX, "-1.7976931348623157e+308" },
    { 1e308, "1e+308" },
    { 9007199254740992.0, "9007199254740992" },   /* 2^53 */
    { 9999999999999998.0, "9999999999999998" },
    { 1e15 + 0.3, "1000000000000000.2" },
    { 1e16, "10000000000000000" },
    { 99999999999999990.0, "99999999999999980" },
    { 1e17, "1e+17" },
    { 123456789012345680.0, "1.2345678901234568e+17" },
    { 9223372036854775808.0, "9.223372036854776e+18" },   /* 2^63 */
    { 12345678901234567890.0, "1.2345678901234567e+19" },
    { 1e21, "1e+21" },
    { 8.41e21, "8.41e+21" },
    { 1e22, "1e+22" },
    { 1e23, "1e+23" },
    { 1e100, "1e+100" },
    { 0.0, "0" },
    { -0.0, "-0" },
  };
  char buffer[ANNEAL_FORMAT_DOUBLE_BUFSIZE];

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (format (cases[i].value, buffer), ==, cases[i].text);
      assert_round_trip (cases[i].value, buffer);
    }
}

static void
test_format_special (void)
{
  char buffer[ANNEAL_FORMAT_DOUBLE_BUFSIZE];

  g_assert_cmpstr (format (NAN, buffer), ==, "nan");
  g_assert_cmpstr (format (-NAN, buffer), ==, "nan");
  g_assert_cmpstr (format (from_bits (0x7ff0000000000001ull), buffer), ==, "nan");
  g_assert_cmpstr (format (from_bits (0xfff8000000000123ull), buffer), ==, "nan");
  g_assert_cmpstr (format (INFINITY, buffer), ==, "inf");
  g_assert_cmpstr (format (-INFINITY, buffer), ==, "-inf");
  g_assert_true (isinf (g_ascii_strtod (format (INFINITY, buffer), NULL)));
  g_assert_true (isnan (g_ascii_strtod (format (NAN, buffer), NULL)));
  g_assert_cmpuint (anneal_format_double (-INFINITY, buffer), ==, 4);
  g_assert_cmpuint (anneal_format_double (-0.0, buffer), ==, 2);
  /* The longest outputs */
  g_assert_cmpuint (anneal_format_double (-1.2345678901234567e-200, buffer), ==, 24);
  g_assert_cmpstr (buffer, ==, "-1.2345678901234567e-200");
  g_assert_cmpuint (anneal_format_double (-0.000012345678901234568, buffer), ==, 24);
  g_assert_cmpstr (buffer, ==, "-0.000012345678901234568");
}

/* Powers of two (whose lower neighbour is closer), their neighbours, small
 * integers and short decimals: the cases random bit patterns rarely hit. */
static void
test_format_edges (void)
{
  char buffer[ANNEAL_FORMAT_DOUBLE_BUFSIZE];
  char digits[32];
  int e;

  for (guint64 biased = 0; biased < 0x7ff; biased++)
    {
      static const guint64 fractions[] = { 0, 1, 2, 3, 0xfffffffffffffull, 0x8000000000000ull };

      for (gsize i = 0; i < G_N_ELEMENTS (fractions); i++)
        {
          double v = from_bits ((biased << 52) | fractions[i]);

          if (v == 0)
            continue;
          format (v, buffer);
          g_assert_true (parse_layout (buffer, digits, &e));
          assert_round_trip (v, buffer);
          format (-v, buffer);
          g_assert_true (parse_layout (buffer, digits, &e));
          assert_round_trip (-v, buffer);
        }
    }

  for (int i = 1; i <= 100000; i++)
    {
      char expected[32];

      g_snprintf (expected, sizeof expected, "%d", i);
      g_assert_cmpstr (format ((double) i, buffer), ==, expected);
      g_snprintf (expected, sizeof expected, "%d000000000", i);
      g_assert_cmpstr (format (i * 1e9, buffer), ==, expected);
      /* i / 1000 is the double nearest to the decimal, which has fewer than 16
       * digits, so that decimal is the shortest text for it. */
      if (i % 1000 == 0)
        g_snprintf (expected, sizeof expected, "%d", i / 1000);
      else
        {
          int fraction = i % 1000;
          int width = 3;

          while (fraction % 10 == 0)
            {
              fraction /= 10;
              width--;
            }
          g_snprintf (expected, sizeof expected, "%d.%0*d", i / 1000, width, fraction);
        }
      g_assert_cmpstr (format (i / 1000.0, buffer), ==, expected);
    }
}

/* 2 million random bit patterns: layout and exact round trip. */
static void
test_format_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED);
  char buffer[ANNEAL_FORMAT_DOUBLE_BUFSIZE];
  char digits[32];
  int e;
  guint checked = 0;

  while (checked < 2000000)
    {
      double v = from_bits (random_bits (rand));

      if (!isfinite (v))
        {
          g_assert_cmpstr (format (v, buffer), ==, isnan (v) ? "nan" : (v < 0 ? "-inf" : "inf"));
          continue;
        }
      format (v, buffer);
      assert_round_trip (v, buffer);
      if (v != 0)
        {
          if (!parse_layout (buffer, digits, &e))
            g_error ("bad layout: %s", buffer);
          g_assert_cmpint (buffer[0] == '-', ==, signbit (v) != 0);
        }
      checked++;
    }
}

/* The fewest significant digits with which printf's correctly rounded %.*e
 * reads back to @v, and those digits. */
static int
shortest_by_printf (double  v,
                    char    digits[32])
{
  char text[64];

  for (int precision = 1; precision <= 17; precision++)
    {
      int n = 0;

      g_snprintf (text, sizeof text, "%.*e", precision - 1, fabs (v));
      if (strtod (text, NULL) != fabs (v))
        continue;
      for (const char *p = text; *p != 'e'; p++)
        if (g_ascii_isdigit (*p))
          digits[n++] = *p;
      while (n > 1 && digits[n - 1] == '0')
        n--;
      digits[n] = '\0';
      return n;
    }
  g_assert_not_reached ();
  return 0;
}

static void
assert_shortest (double v)
{
  char buffer[ANNEAL_FORMAT_DOUBLE_BUFSIZE];
  char digits[32];
  char reference[32];
  int e;
  int n, n_reference;

  format (v, buffer);
  g_assert_true (parse_layout (buffer, digits, &e));
  n = (int) strlen (digits);
  n_reference = shortest_by_printf (v, reference);
  if (n > n_reference)
    g_error ("%s has %d significant digits; %.*e has %d", buffer, n, n_reference - 1, v,
             n_reference);
  /* Same length: the correctly rounded digits, which are the closest to v. */
  if (n == n_reference)
    g_assert_cmpstr (digits, ==, reference);
}

/* 200 000 random bit patterns and 100 000 values like the ones schedules write,
 * against a brute force search with printf. */
static void
test_format_shortest (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED + 1);
  guint checked = 0;

  while (checked < 200000)
    {
      double v = from_bits (random_bits (rand));

      if (!isfinite (v) || v == 0)
        continue;
      assert_shortest (v);
      checked++;
    }

  for (int k = 0; k < 100000; k++)
    {
      assert_shortest (0.1 * exp (-k * 1e-4));
      assert_shortest (1e-3 * (1 + cos (G_PI * k / 100000.0)) / 2 + 1e-6);
    }
}

static void
test_format_locale (void)
{
  static const double values[] = {
    0.1, -2.5, 1234.5678, 1e-7, 6.02214076e23, 0.00001234, 1e16 + 2, -0.0,
  };
  char expected[G_N_ELEMENTS (values)][ANNEAL_FORMAT_DOUBLE_BUFSIZE];
  char buffer[ANNEAL_FORMAT_DOUBLE_BUFSIZE];
  char printed[32];
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    format (values[i], expected[i]);

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("locale de_DE.UTF-8 is not available");
      return;
    }

  /* The locale really uses a decimal comma, as printf shows. */
  snprintf (printed, sizeof printed, "%g", 2.5);
  g_assert_cmpstr (printed, ==, "2,5");

  for (gsize i = 0; i < G_N_ELEMENTS (values); i++)
    g_assert_cmpstr (format (values[i], buffer), ==, expected[i]);
  g_assert_cmpstr (expected[2], ==, "1234.5678");

  setlocale (LC_NUMERIC, saved);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anneal/format/table", test_format_table);
  g_test_add_func ("/anneal/format/special", test_format_special);
  g_test_add_func ("/anneal/format/edges", test_format_edges);
  g_test_add_func ("/anneal/format/round-trip", test_format_round_trip);
  g_test_add_func ("/anneal/format/shortest", test_format_shortest);
  g_test_add_func ("/anneal/format/locale", test_format_locale);

  return g_test_run ();
}
