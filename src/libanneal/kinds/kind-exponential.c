/* kind-exponential.c — PyTorch's ExponentialLR: lr·gamma^t
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, GAMMA, DECAY_STEPS, STAIRCASE, END, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
  [GAMMA] = { .name = "gamma", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.95",
              .min = 0, .max = 1, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
              .summary = N_("Factor applied every decay_steps epochs") },
  [DECAY_STEPS] = ANNEAL_EPOCHS_PARAM ("decay_steps", "1", 1,
                                       N_("Epochs over which the rate falls by gamma")),
  [STAIRCASE] = { .name = "staircase", .type = ANNEAL_PARAM_BOOLEAN, .default_value = "false",
                  .min = 0, .max = 1,
                  .summary = N_("Fall in whole steps of decay_steps epochs") },
  [END] = ANNEAL_RATE_PARAM ("end", "0", N_("The rate never falls below this")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
exponential_value (const AnnealStage *stage,
                   gint64             t)
{
  /* Keras' ExponentialDecay and optax's exponential_decay: p = t/decay_steps (t itself
   * for the default 1, so PyTorch's lr·gamma^t is unchanged), floored for a staircase. */
  double p = (double) t / (double) ANNEAL_INT (stage, DECAY_STEPS);

  if (ANNEAL_NUM (stage, STAIRCASE) != 0)
    p = floor (p);
  return MAX (ANNEAL_NUM (stage, LR) * pow (ANNEAL_NUM (stage, GAMMA), p), ANNEAL_NUM (stage, END));
}

/* A geometric series from the first value. */
/* lr·gamma^p without the floor. */
static double
unfloored (const AnnealStage *stage,
           gint64             t)
{
  double p = (double) t / (double) ANNEAL_INT (stage, DECAY_STEPS);

  if (ANNEAL_NUM (stage, STAIRCASE) != 0)
    p = floor (p);
  return ANNEAL_NUM (stage, LR) * pow (ANNEAL_NUM (stage, GAMMA), p);
}

/* The first epoch ≥ a from which the floor `end` holds (the rate only falls), or
 * b + 1 if none up to b: a logarithm, then corrected on the values themselves. */
static gint64
floor_start (const AnnealStage *stage,
             gint64             a,
             gint64             b)
{
  double end = ANNEAL_NUM (stage, END);
  double per_epoch = log (ANNEAL_NUM (stage, GAMMA)) / (double) ANNEAL_INT (stage, DECAY_STEPS);
  double guess;
  gint64 t;

  if (unfloored (stage, a) <= end)
    return a;
  if (end <= 0 || per_epoch == 0 || unfloored (stage, b) > end)
    return b + 1;
  guess = log (end / ANNEAL_NUM (stage, LR)) / per_epoch;
  if (ANNEAL_NUM (stage, STAIRCASE) != 0)
    {
      /* The rate falls at block starts only: the search is over blocks (epoch by
       * epoch it walked up to decay_steps of them, 10^10 for a sum) */
      gint64 steps = ANNEAL_INT (stage, DECAY_STEPS);
      gint64 first = a / steps + 1, last = b / steps;  /* the block of a is above end */
      gint64 k = (gint64) CLAMP (floor (guess / (double) steps), (double) first, (double) last);

      while (k > first && unfloored (stage, (k - 1) * steps) <= end)
        k--;
      while (k <= last && unfloored (stage, k * steps) > end)
        k++;
      return k <= last ? k * steps : b + 1;
    }
  t = (gint64) CLAMP (guess, (double) a, (double) b);  /* a guess past 2^63 is no cast */
  while (t > a && unfloored (stage, t - 1) <= end)
    t--;
  while (t <= b && unfloored (stage, t) > end)
    t++;
  return t;
}

/* A geometric series (per epoch, or per block of decay_steps for a staircase) until
 * the floor, then the floor. */
static double
exponential_sum (const AnnealStage *stage,
                 gint64             a,
                 gint64             b)
{
  gint64 steps = ANNEAL_INT (stage, DECAY_STEPS);
  double gamma = ANNEAL_NUM (stage, GAMMA);
  gint64 f, e;
  double sum = 0;

  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  f = floor_start (stage, a, b);
  sum = (double) (b - f + 1) * ANNEAL_NUM (stage, END);
  e = f - 1;
  if (e < a)
    return sum;
  if (ANNEAL_NUM (stage, STAIRCASE) == 0)
    return sum + unfloored (stage, a)
                 * anneal_sum_geometric_log (log (gamma) / (double) steps, e - a + 1);
  else
    {
      gint64 ka = a / steps, ke = e / steps;

      if (ka == ke)
        return sum + (double) (e - a + 1) * unfloored (stage, a);
      sum += (double) ((ka + 1) * steps - a) * unfloored (stage, a)
             + (double) (e - ke * steps + 1) * unfloored (stage, e);
      if (ke - ka > 1)
        sum += (double) steps * unfloored (stage, (ka + 1) * steps)
               * anneal_sum_geometric (gamma, ke - ka - 1);
      return sum;
    }
}

static void
exponential_python (const AnnealStage *stage,
                    GString           *body)
{
  g_string_append_printf (body, "    p = t / %" G_GINT64_FORMAT "\n", ANNEAL_INT (stage, DECAY_STEPS));
  if (ANNEAL_NUM (stage, STAIRCASE) != 0)
    g_string_append (body, "    p = math.floor(p)\n");
  g_string_append_printf (body, "    return max(%s * math.pow(%s, p), %s)\n",
                          anneal_py_float (ANNEAL_NUM (stage, LR)).text,
                          anneal_py_float (ANNEAL_NUM (stage, GAMMA)).text,
                          anneal_py_float (ANNEAL_NUM (stage, END)).text);
}

/* A staircase falls first at decay_steps. */
static void
exponential_pitfalls (const AnnealStage  *stage,
                      AnnealPitfallScope *scope)
{
  if (ANNEAL_NUM (stage, STAIRCASE) != 0)
    anneal_pitfalls_every (scope, "decay_steps", ANNEAL_INT (stage, DECAY_STEPS));
}

const AnnealKindClass anneal_kind_exponential = {
  .info = {
    .name = "exponential",
    .summary = N_("Multiply the rate by gamma every epoch"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch ExponentialLR, Keras ExponentialDecay, optax exponential_decay",
  },
  .value = exponential_value,
  .sum = exponential_sum,
  .python = exponential_python,
  .pitfalls = exponential_pitfalls,
};
