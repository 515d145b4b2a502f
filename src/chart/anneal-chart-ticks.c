/* anneal-chart-ticks.c — nice-number ticks and compact tick labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Linear axes follow Heckbert's "Nice numbers for graph labels" (Graphics Gems, 1990):
 * the step is a nice number (1, 2, 2.5 or 5 × 10^k) near range / (target − 1) and the
 * ticks are its multiples inside the range. Log axes put majors at decades (every
 * k-th decade when there are many) and minors at 2…9 × 10^k.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "anneal-chart-private.h"

double
anneal_ticks_nice_number (double   x,
                          gboolean round)
{
  double e, f, nf;

  if (!(x > 0) || !isfinite (x))
    return 1.0;

  e = floor (log10 (x));
  f = x / pow (10.0, e);

  if (round)
    {
      if (f < 1.5)
        nf = 1;
      else if (f < 2.25)
        nf = 2;
      else if (f < 3.5)
        nf = 2.5;
      else if (f < 7.5)
        nf = 5;
      else
        nf = 10;
    }
  else
    {
      if (f <= 1)
        nf = 1;
      else if (f <= 2)
        nf = 2;
      else if (f <= 2.5)
        nf = 2.5;
      else if (f <= 5)
        nf = 5;
      else
        nf = 10;
    }

  return nf * pow (10.0, e);
}

static void
ticks_fill_multiples (double       lo,
                      double       hi,
                      double       step,
                      AnnealTicks *ticks)
{
  double k0 = ceil (lo / step - 1e-9);

  ticks->n = 0;
  for (guint i = 0; ticks->n < ANNEAL_TICKS_MAX; i++)
    {
      double v = (k0 + i) * step;

      if (v > hi + step * 1e-9)
        break;
      if (fabs (v) < step * 1e-9)
        v = 0.0;
      ticks->major[ticks->n++] = v;
    }
}

void
anneal_ticks_linear (double       lo,
                     double       hi,
                     guint        target,
                     gboolean     integer,
                     AnnealTicks *ticks)
{
  double step;

  g_return_if_fail (ticks != NULL);

  memset (ticks, 0, sizeof *ticks);
  ticks->integer = integer;

  if (!isfinite (lo) || !isfinite (hi))
    return;
  if (hi < lo)
    {
      double tmp = lo;
      lo = hi;
      hi = tmp;
    }
  if (hi == lo)
    {
      ticks->step = 1.0;
      ticks->major[ticks->n++] = lo;
      return;
    }

  target = CLAMP (target, 2, ANNEAL_TICKS_MAX - 1);
  /* Heckbert rounds the range to a nice number first; the axis range here is
   * the data's (with padding), so the step is taken from it directly. */
  step = anneal_ticks_nice_number ((hi - lo) / (target - 1), TRUE);

  /* Never more ticks than asked for by a wide margin */
  while ((hi - lo) / step > target * 1.5 + 1)
    step = anneal_ticks_nice_number (step * 1.01, FALSE);

  if (integer)
    {
      if (step < 1.0)
        step = 1.0;
      else if (step < 10.0 && floor (step) != step)
        step = floor (step);  /* 2.5 → 2 */
    }

  ticks->step = step;
  ticks_fill_multiples (lo, hi, step, ticks);

  /* At least two ticks when a smaller nice step allows it */
  for (int i = 0; i < 8 && ticks->n < 2; i++)
    {
      double smaller = anneal_ticks_nice_number (step / 2.1, FALSE);

      if (integer && smaller < 1.0)
        break;
      step = smaller;
      ticks->step = step;
      ticks_fill_multiples (lo, hi, step, ticks);
    }
}

void
anneal_ticks_log (double       lo,
                  double       hi,
                  guint        target,
                  AnnealTicks *ticks)
{
  double dlo, dhi;
  int kmin, kmax, every, n_decades;

  g_return_if_fail (ticks != NULL);

  memset (ticks, 0, sizeof *ticks);
  ticks->log = TRUE;

  if (!(lo > 0) || !(hi > 0) || !isfinite (lo) || !isfinite (hi))
    return;
  if (hi < lo)
    {
      double tmp = lo;
      lo = hi;
      hi = tmp;
    }

  dlo = log10 (lo);
  dhi = log10 (hi);
  kmin = (int) ceil (dlo - 1e-9);
  kmax = (int) floor (dhi + 1e-9);
  n_decades = kmax - kmin + 1;
  target = CLAMP (target, 2, ANNEAL_TICKS_MAX - 1);

  if (dhi - dlo < 1.0 || n_decades < 2)
    {
      /* Less than a decade: linear nice numbers, placed on the log scale */
      anneal_ticks_linear (lo, hi, MIN (target, 6), FALSE, ticks);
      ticks->log = TRUE;
      return;
    }

  ticks->decades = TRUE;
  every = (n_decades + (int) target - 1) / (int) target;
  if (every < 1)
    every = 1;
  /* Decades at multiples of `every` so that 10^0 is a tick when in range */
  ticks->step = every;
  for (int k = kmin; k <= kmax && ticks->n < ANNEAL_TICKS_MAX; k++)
    {
      if (((k % every) + every) % every != 0)
        continue;
      ticks->major[ticks->n++] = pow (10.0, k);
    }

  if (every == 1 && n_decades <= 12)
    {
      for (int k = kmin - 1; k <= kmax; k++)
        for (int m = 2; m <= 9; m++)
          {
            double v = m * pow (10.0, k);

            if (v >= lo && v <= hi && ticks->n_minor < G_N_ELEMENTS (ticks->minor))
              ticks->minor[ticks->n_minor++] = v;
          }
    }
  else if (every > 1)
    {
      for (int k = kmin; k <= kmax; k++)
        if (((k % every) + every) % every != 0 && ticks->n_minor < G_N_ELEMENTS (ticks->minor))
          ticks->minor[ticks->n_minor++] = pow (10.0, k);
    }
}

/* Smallest number of decimals that writes @step exactly (to 1e-6 relative) */
static int
decimals_for (double step)
{
  for (int d = 0; d < 15; d++)
    {
      double s = step * pow (10.0, d);

      if (fabs (s - nearbyint (s)) <= 1e-6 * MAX (1.0, fabs (s)))
        return d;
    }
  return 15;
}

/* "0.10" → "0.1", "2.50" → "2.5", "3.0" → "3" */
static void
trim_zeros (char *buf)
{
  char *end;

  if (strchr (buf, '.') == NULL)
    return;
  end = buf + strlen (buf);
  while (end > buf && end[-1] == '0')
    *--end = '\0';
  if (end > buf && end[-1] == '.')
    *--end = '\0';
}

/* "1.5e-05" → "1.5e-5", "2e+06" → "2e6" */
static void
compact_exponent (char *buf)
{
  char *e = strchr (buf, 'e');
  char *p, *q;

  if (e == NULL)
    return;
  p = e + 1;
  q = p;
  if (*q == '+')
    q++;
  else if (*q == '-')
    *p++ = *q++;
  while (*q == '0' && q[1] != '\0')
    q++;
  memmove (p, q, strlen (q) + 1);
}

static gsize
put_minus (double  value,
           char   *buffer,
           gsize   size,
           double *abs_value)
{
  *abs_value = fabs (value);
  if (value < 0 && size > 4)
    {
      /* U+2212 MINUS SIGN */
      memcpy (buffer, "\xe2\x88\x92", 3);
      buffer[3] = '\0';
      return 3;
    }
  buffer[0] = '\0';
  return 0;
}

gsize
anneal_ticks_format (const AnnealTicks *ticks,
                     double             value,
                     char              *buffer,
                     gsize              size)
{
  double maxabs = 0, minabs, a;
  gsize off;
  char fmt[16];

  g_return_val_if_fail (ticks != NULL, 0);
  g_return_val_if_fail (buffer != NULL && size >= 32, 0);

  for (guint i = 0; i < ticks->n; i++)
    maxabs = MAX (maxabs, fabs (ticks->major[i]));
  maxabs = MAX (maxabs, fabs (value));

  if (value == 0)
    {
      g_strlcpy (buffer, "0", size);
      return 1;
    }

  off = put_minus (value, buffer, size, &a);

  /* Decades of a log axis: "0.0001" … "10000", else "1e-5" — where the app's readout
   * and statistics (five significant digits, %g) change to an exponent too */
  if (ticks->decades)
    {
      int k = (int) floor (log10 (a) + 0.5);

      if (fabs (a / pow (10.0, k) - 1.0) < 1e-9)
        {
          if (k >= -4 && k <= 4)
            {
              g_snprintf (fmt, sizeof fmt, "%%.%df", MAX (0, -k));
              g_ascii_formatd (buffer + off, size - off, fmt, a);
            }
          else
            g_snprintf (buffer + off, size - off, "1e%d", k);
          return strlen (buffer);
        }
      /* a minor tick: fall through to a plain label */
      g_ascii_formatd (buffer + off, size - off, "%.3g", a);
      compact_exponent (buffer);
      return strlen (buffer);
    }

  /* Epochs: 250k, 1.5M, 200M */
  if (ticks->integer && maxabs >= 1e4 && ticks->step >= 1000)
    {
      static const char suffix[] = "kMGTPE";
      int k = (int) floor (log10 (ticks->step) / 3 + 1e-9);
      double unit;

      k = CLAMP (k, 1, 6);
      unit = pow (1000.0, k);
      g_snprintf (fmt, sizeof fmt, "%%.%df", decimals_for (ticks->step / unit));
      g_ascii_formatd (buffer + off, size - off, fmt, a / unit);
      trim_zeros (buffer + off);
      off = strlen (buffer);
      if (off + 2 <= size)
        {
          buffer[off++] = suffix[k - 1];
          buffer[off] = '\0';
        }
      return off;
    }

  /* Scientific when a label would need it in the readout's style: below 1e-4 or from
   * 1e5 up */
  minabs = maxabs;
  for (guint i = 0; i < ticks->n; i++)
    if (ticks->major[i] != 0)
      minabs = MIN (minabs, fabs (ticks->major[i]));
  if (maxabs >= 1e5 || minabs < 1e-4)
    {
      /* Scientific, as few digits as tell the ticks apart */
      for (int p = 1; p <= 17; p++)
        {
          g_snprintf (fmt, sizeof fmt, "%%.%de", p - 1);
          g_ascii_formatd (buffer + off, size - off, fmt, a);
          if (ticks->step <= 0 ||
              fabs (g_ascii_strtod (buffer + off, NULL) - a) <= ticks->step * 1e-6)
            break;
        }
      /* drop trailing zeros of the mantissa: 2.50e-5 → 2.5e-5 */
      {
        char *e = strchr (buffer + off, 'e');

        if (e != NULL)
          {
            char *m = e;

            while (m > buffer + off && m[-1] == '0' && strchr (buffer + off, '.') != NULL &&
                   strchr (buffer + off, '.') < m - 1)
              m--;
            if (m > buffer + off && m[-1] == '.')
              m--;
            memmove (m, e, strlen (e) + 1);
          }
      }
      compact_exponent (buffer);
      return strlen (buffer);
    }

  g_snprintf (fmt, sizeof fmt, "%%.%df",
              ticks->step > 0 ? decimals_for (ticks->step) : 6);
  g_ascii_formatd (buffer + off, size - off, fmt, a);
  trim_zeros (buffer + off);
  return strlen (buffer);
}
