/* anneal-sums.c — closed-form sums the kinds' sum() hooks are built from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each helper costs the same for 10 epochs as for 10^15. Short spans are added up
 * value by value instead (ANNEAL_SUM_DIRECT_MAX): there a closed form would only
 * lose digits to cancellation, and the loop costs nothing.
 */
#include "config.h"

#include <math.h>

#include "anneal-private.h"

double
anneal_sum_direct (const AnnealStage *stage,
                   gint64             a,
                   gint64             b)
{
  double sum = 0, compensation = 0;

  /* Neumaier's compensated sum, as the brute-force path adds. */
  for (gint64 t = a; t <= b; t++)
    {
      double v = stage->klass->value (stage, t);
      double s = sum + v;

      if (fabs (sum) >= fabs (v))
        compensation += (sum - s) + v;
      else
        compensation += (v - s) + sum;
      sum = s;
    }
  return sum + compensation;
}

double
anneal_sum_geometric_log (double log_q,
                          gint64 n)
{
  if (n <= 0)
    return 0;
  if (log_q == 0)
    return (double) n;
  /* (1 − q^n)/(1 − q), with expm1 for q close to 1 */
  return expm1 ((double) n * log_q) / expm1 (log_q);
}

double
anneal_sum_geometric (double q,
                      gint64 n)
{
  if (n <= 0)
    return 0;
  if (q == 0)
    return 1;
  return anneal_sum_geometric_log (log (q), n);
}

double
anneal_sum_cos (double alpha,
                double d,
                gint64 p,
                gint64 q)
{
  double n = (double) (q - p + 1);
  double half = sin (d / 2);

  if (q < p)
    return 0;
  if (half == 0)
    return n * cos (alpha);
  /* Σ cos(α + k·d), k = p … q: the cosine of the middle angle times
   * sin(n·d/2)/sin(d/2). */
  return cos (alpha + ((double) p + (double) q) * d / 2) * sin (n * d / 2) / half;
}

double
anneal_sum_half_cosine (gint64 m,
                        gint64 p,
                        gint64 q,
                        int    sign)
{
  gint64 period = 2 * m;
  gint64 whole, rest;
  double d = G_PI / (double) m;

  /* (1 ± cos(π·k/m))/2 repeats every 2m epochs, and one repeat sums to m exactly
   * (the cosines of a whole period cancel). */
  if (q < p)
    return 0;
  whole = (q - p + 1) / period;
  rest = (q - p + 1) - whole * period;
  p %= period;
  return (double) whole * (double) m
         + ((double) rest + sign * anneal_sum_cos (0, d, p, p + rest - 1)) / 2;
}
