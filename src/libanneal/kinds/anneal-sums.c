/* anneal-sums.c — closed-form sums the kinds' sum() hooks are built from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each helper costs the same for 10 epochs as for 10^15. Short spans are added up
 * value by value instead (ANNEAL_SUM_DIRECT_MAX): there a closed form would only
 * lose digits to cancellation, and the loop costs nothing.
 */
#include "config.h"

#include <float.h>
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
anneal_sum_fill (const AnnealStage *stage,
                 gint64             a,
                 gint64             b)
{
  double chunk[1024];
  double sum = 0, compensation = 0;

  if (stage->klass->fill == NULL)
    return anneal_sum_direct (stage, a, b);
  for (gint64 t = a; t <= b;)
    {
      gsize n = (gsize) MIN ((gint64) G_N_ELEMENTS (chunk), b - t + 1);

      stage->klass->fill (stage, t, n, chunk);
      for (gsize i = 0; i < n; i++)
        {
          double s = sum + chunk[i];

          if (fabs (sum) >= fabs (chunk[i]))
            compensation += (sum - s) + chunk[i];
          else
            compensation += (chunk[i] - s) + sum;
          sum = s;
        }
      t += (gint64) n;
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
anneal_sum_cos_pi (double alpha,
                   double r,
                   gint64 p,
                   gint64 q)
{
  double n = (double) (q - p + 1), half, middle;

  if (q < p)
    return 0;
  /* The increment in turns of π reduced modulo 2 first (fmod is exact, and so is the
   * shift into [−1, 1]): one that is a whole number of turns (Hugging Face's
   * 2·cycles/steps = 1600 for cycles = 10^6 over 1250 steps) lands every epoch on
   * the same phase, and as π·r it was 5026.5… with an error that sin(n·d/2)/sin(d/2),
   * both near 0, turned into any number (a mean above the maximum). */
  r = fmod (r, 2.0);
  if (r > 1)
    r -= 2;
  else if (r < -1)
    r += 2;
  half = sin (G_PI * r / 2);
  middle = fmod (alpha + fmod (((double) p + (double) q) / 2 * r, 2.0), 2.0);
  if (half == 0)
    return n * cos (G_PI * middle);
  return cos (G_PI * middle) * sin (G_PI * fmod (n * r / 2, 2.0)) / half;
}

double
anneal_sum_sin2_phase (double phi,
                       double theta,
                       gint64 count)
{
  double n = (double) count, x, gap, kernel, middle;

  if (count <= 0)
    return 0;
  /* Σ sin²(φ + jθ) = (n − D·cos(2φ + (n − 1)θ))/2 with D = sin(nθ)/sin θ, written as
   * the two terms ≥ 0 it is made of, (n − D) + 2D·sin²(φ + (n − 1)θ/2), so that
   * nothing cancels where the sines are small (each term ~(φ + jθ)²):
   * n − D = (n·sin θ − sin nθ)/sin θ, by its series for nθ ≤ 1, each term
   * ((nθ)^k − n·θ^k)/k!, k odd ≥ 3, at most a twentieth of the one before. */
  x = n * theta;
  if (x <= 1)
    {
      double power_x = x, power_theta = theta, factorial = 1, term;
      int k = 1;

      gap = 0;
      do
        {
          power_x *= x * x;
          power_theta *= theta * theta;
          factorial *= (double) ((k + 1) * (k + 2));
          k += 2;
          term = (power_x - n * power_theta) / factorial;
          gap += (k % 4 == 3) ? term : -term;
        }
      while (term > 1e-18 * gap && k < 41);
    }
  else
    gap = n * sin (theta) - sin (x);
  kernel = sin (x) / sin (theta);
  middle = sin (phi + (n - 1) * theta / 2);
  return (gap / sin (theta) + 2 * kernel * middle * middle) / 2;
}

double
anneal_sum_sin2 (gint64 m,
                 gint64 p,
                 gint64 q)
{
  double theta = G_PI / (2 * (double) m);

  if (q < p)
    return 0;
  return anneal_sum_sin2_phase ((double) p * theta, theta, q - p + 1);
}

/* Σ sin²(π·k/(2m)), k = lo … hi within one period, 0 ≤ lo ≤ hi < 2m: the half past m
 * mirrored (k → 2m − k), so that each piece's small sines are near its j = 0. */
static double
sum_sin2_period (gint64 m,
                 gint64 lo,
                 gint64 hi)
{
  double sum = 0;

  if (lo <= m)
    sum += anneal_sum_sin2 (m, lo, MIN (hi, m));
  if (hi > m)
    sum += anneal_sum_sin2 (m, 2 * m - hi, 2 * m - MAX (lo, m + 1));
  return sum;
}

double
anneal_sum_half_cosine (gint64 m,
                        gint64 p,
                        gint64 q,
                        int    sign)
{
  gint64 period = 2 * m;
  gint64 whole, rest, start, end;

  /* (1 − cos(π·k/m))/2 = sin²(π·k/(2m)), and (1 + cos(π·k/m))/2 the same m epochs on;
   * it repeats every 2m epochs, and one repeat sums to m exactly (the cosines of a
   * whole period cancel). The rest as sums of sin², which keep their digits where the
   * values are small (near a trough). */
  if (q < p)
    return 0;
  whole = (q - p + 1) / period;
  rest = (q - p + 1) - whole * period;
  if (rest == 0)
    return (double) whole * (double) m;
  start = (p % period + (sign > 0 ? m : 0)) % period;
  end = start + rest - 1;
  if (end < period)
    return (double) whole * (double) m + sum_sin2_period (m, start, end);
  return (double) whole * (double) m + sum_sin2_period (m, start, period - 1)
         + sum_sin2_period (m, 0, end - period);
}

/* Gauss–Kronrod 7/15 nodes and weights (QUADPACK's qk15). */
static const double gk_nodes[8] = {
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
  0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0.0,
};
static const double gk_weights[8] = {
  0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
  0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
};
static const double g_weights[4] = {
  0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
  0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
};

/* f around an origin, so that the points are exact however far out the span is. */
typedef struct
{
  AnnealSmoothFunc f;
  gconstpointer    data;
  gint64           origin;
} Smooth;

/* ∫ f over [lo, hi] (relative to the origin) by Kronrod's 15 points; *gauss: Gauss'
 * 7 of them; *absolute: ∫|f|. */
static double
gauss_kronrod (const Smooth *smooth,
               double        lo,
               double        hi,
               double       *gauss,
               double       *absolute)
{
  double centre = lo / 2 + hi / 2, half = hi / 2 - lo / 2;
  double whole = floor (centre);
  gint64 origin = smooth->origin + (gint64) whole;
  double dx = centre - whole;
  double fc = smooth->f (smooth->data, origin, dx);
  double k = fc * gk_weights[7], g = fc * g_weights[3], k_abs = fabs (k);

  for (guint i = 0; i < 7; i++)
    {
      double f1 = smooth->f (smooth->data, origin, dx - half * gk_nodes[i]);
      double f2 = smooth->f (smooth->data, origin, dx + half * gk_nodes[i]);

      k += gk_weights[i] * (f1 + f2);
      k_abs += gk_weights[i] * (fabs (f1) + fabs (f2));
      if (i % 2 == 1)
        g += g_weights[i / 2] * (f1 + f2);
    }
  *gauss = g * half;
  *absolute = k_abs * half;
  return k * half;
}

typedef struct
{
  double lo, hi;
  guint  depth;
} Panel;

#define SMOOTH_PANELS_MAX 4096
#define SMOOTH_DEPTH_MAX 64
#define SMOOTH_GRADED_MAX 72  /* the first panels, at most (~2·log4 of 10^19) */

/* A panel whose ∫|f| is below this fraction of the span's mean |f| times its width
 * is taken as it is, converged or not: all of them together are below that fraction
 * of the span's ∫|f|. */
#define SMOOTH_NEGLIGIBLE 1e-17

/* A panel whose K and G differ by less than this fraction of the span's mean |f| times
 * its width is taken as it is: that is f's own rounding (the epoch t + dx rounded to
 * 1/8 near 10^15, a value 1 − p that cancels near the end of a decay to 0), which
 * bisecting does not reduce, and all such panels together are off by less than this
 * fraction of the span's ∫|f|. Bisecting them ran out of panels on phases of 10^12
 * epochs and more, and the sums fell back to adding up, which did not finish. */
#define SMOOTH_NOISE (32 * DBL_EPSILON)

/* ∫ f over [lo, hi], bisecting until QUADPACK's error estimate of each panel,
 * ∫|f|·min(1, (200·|K − G|/∫|f|)^1.5), is below 1e-15 of its ∫|f| (for an analytic f
 * the Kronrod result is then correct to about that), or the panel is negligible
 * next to the whole span: where f is subnormal (k ≥ 50 in restarts' shape near
 * x^k ≈ 1e-160) it has only a few bits, K and G differ by their rounding, and
 * bisecting could never meet a relative criterion there. NAN if it takes more than
 * SMOOTH_PANELS_MAX panels (f is not smooth enough to be worth it).
 *
 * The first panels are graded from both ends, each ending 8 times as far from its
 * end as it starts (the first, @edge wide, at it): the nodes of a panel nearest its
 * ends are 0.0043 of its width in, and what f does closer than that goes unseen. A
 * steep end flattening out just past the epochs added up (restarts' x^1000 in a cycle
 * of 4000 epochs, 32 of them added up) was missed by one panel as wide as the span,
 * 1e-10 of the sum; graded, what a panel cannot see has fallen by e^−29 since the
 * panel before (by e^−116 since the end for the first). */
static double
integrate (const Smooth *smooth,
           double        lo,
           double        hi,
           double        edge)
{
  Panel stack[SMOOTH_DEPTH_MAX + SMOOTH_GRADED_MAX + 2];
  guint top = 0, panels = 0;
  double total = 0, compensation = 0, density, gauss, absolute, reach = 0;

  /* The mean |f| over the span, as one panel over it all estimates it: where that
   * is too low, panels are only kept bisecting */
  gauss_kronrod (smooth, lo, hi, &gauss, &absolute);
  density = absolute / (hi - lo);
  for (double next = edge; 2 * next < hi - lo && top + 2 < SMOOTH_GRADED_MAX; next *= 8)
    {
      stack[top++] = (Panel) { hi - next, hi - reach, 0 };
      stack[top++] = (Panel) { lo + reach, lo + next, 0 };
      reach = next;
    }
  stack[top++] = (Panel) { lo + reach, hi - reach, 0 };
  while (top > 0)
    {
      Panel panel = stack[--top];
      double k = gauss_kronrod (smooth, panel.lo, panel.hi, &gauss, &absolute);
      double difference = fabs (k - gauss);

      if (++panels > SMOOTH_PANELS_MAX || !isfinite (k))
        return NAN;
      if (difference > 0 && absolute > 0 && 200 * difference > 1e-10 * absolute &&
          absolute >= SMOOTH_NEGLIGIBLE * density * (panel.hi - panel.lo) &&
          difference > SMOOTH_NOISE * density * (panel.hi - panel.lo) &&
          panel.depth < SMOOTH_DEPTH_MAX)
        {
          double middle = panel.lo / 2 + panel.hi / 2;

          stack[top++] = (Panel) { middle, panel.hi, panel.depth + 1 };
          stack[top++] = (Panel) { panel.lo, middle, panel.depth + 1 };
          continue;
        }
      {
        double s = total + k;

        compensation += fabs (total) >= fabs (k) ? (total - s) + k : (k - s) + total;
        total = s;
      }
    }
  return total + compensation;
}

double
anneal_sum_smooth_direct (AnnealSmoothFunc f,
                          gconstpointer    data,
                          gint64           a,
                          gint64           b)
{
  double sum = 0, compensation = 0;

  for (gint64 t = a; t <= b; t++)
    {
      double v = f (data, t, 0);
      double s = sum + v;

      if (fabs (sum) >= fabs (v))
        compensation += (sum - s) + v;
      else
        compensation += (v - s) + sum;
      sum = s;
    }
  return sum + compensation;
}

/* f′, f‴ and f⁽⁵⁾ at t + ½ from f at t + ½ ± 1, ± 2, ± 3 (central differences; errors
 * about f⁽⁵⁾/30, f⁽⁵⁾/4 and f⁽⁷⁾/3). */
static void
derivatives (AnnealSmoothFunc  f,
             gconstpointer     data,
             gint64            t,
             double           *d1,
             double           *d3,
             double           *d5)
{
  double m3 = f (data, t, -2.5), m2 = f (data, t, -1.5), m1 = f (data, t, -0.5);
  double p1 = f (data, t, 1.5), p2 = f (data, t, 2.5), p3 = f (data, t, 3.5);

  *d1 = (8 * (p1 - m1) - (p2 - m2)) / 12;
  *d3 = (p2 - 2 * p1 + 2 * m1 - m2) / 2;
  *d5 = ((p3 - m3) - 4 * (p2 - m2) + 5 * (p1 - m1)) / 2;
}

double
anneal_sum_smooth_ends (AnnealSmoothFunc f,
                        gconstpointer    data,
                        gint64           a,
                        gint64           b,
                        gint64           ends)
{
  Smooth smooth = { f, data, a + ends };
  double head, tail, integral, sum;
  double d1_lo, d3_lo, d5_lo, d1_hi, d3_hi, d5_hi;

  g_assert (ends >= 4);
  if (b < a)
    return 0;
  if (b - a < 3 * ends)
    return anneal_sum_smooth_direct (f, data, a, b);

  /* The ends one by one: whatever is steep or singular near them (a power of the
   * distance to the end, a fast exponential) is left with derivatives that are
   * negligible at that distance (4096 epochs for anneal_sum_smooth()), which the
   * check below verifies. */
  head = anneal_sum_smooth_direct (f, data, a, a + ends - 1);
  tail = anneal_sum_smooth_direct (f, data, b - ends + 1, b);

  /* The middle, p … q, by Euler–Maclaurin for the midpoint rule:
   * Σ f(t) = ∫ f over [p − ½, q + ½] − [f′]/24 + 7·[f‴]/5760 − 31·[f⁽⁵⁾]/967680 + …,
   * [g] = g(q + ½) − g(p − ½). */
  integral = integrate (&smooth, -0.5, (double) (b - ends - smooth.origin) + 0.5,
                        2 * (double) ends);
  if (isnan (integral))
    return NAN;
  derivatives (f, data, a + ends - 1, &d1_lo, &d3_lo, &d5_lo);
  derivatives (f, data, b - ends, &d1_hi, &d3_hi, &d5_hi);
  sum = head + tail + integral - (d1_hi - d1_lo) / 24 + 7 * (d3_hi - d3_lo) / 5760;
  /* The first term left out must be negligible, or f is too steep at the ends for
   * this (a fast oscillation, say). */
  if (31 * (fabs (d5_lo) + fabs (d5_hi)) / 967680 > 1e-15 * fabs (sum))
    return NAN;
  return sum;
}

double
anneal_sum_smooth (AnnealSmoothFunc f,
                   gconstpointer    data,
                   gint64           a,
                   gint64           b)
{
  G_STATIC_ASSERT (ANNEAL_SUM_SMOOTH_MIN == 3 * ANNEAL_SUM_DIRECT_MAX);
  return anneal_sum_smooth_ends (f, data, a, b, ANNEAL_SUM_DIRECT_MAX);
}

double
anneal_sum_pieces (const AnnealStage *stage,
                   AnnealSmoothFunc   f,
                   gint64             a,
                   gint64             b)
{
  double sum = 0;
  guint pieces = 0;

  for (gint64 t = a; t <= b; pieces++)
    {
      gint64 end = MIN (b, anneal_stage_piece_end (stage, t));

      if (pieces >= 1024)
        return NAN;
      sum += anneal_sum_smooth (f, stage, t, end);
      if (end == b)
        break;
      t = end + 1;
    }
  return sum;
}

double
anneal_sum_smooth_span (AnnealSmoothFunc f,
                        gconstpointer    data,
                        gint64           a,
                        gint64           b,
                        gint64           lo,
                        gint64           hi)
{
  return anneal_sum_smooth (f, data, MAX (a, lo), MIN (b, hi));
}
