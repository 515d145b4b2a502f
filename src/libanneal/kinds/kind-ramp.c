/* kind-ramp.c — from one rate to another over a number of epochs, then hold it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * While t < steps: from + (to − from)·t/steps (linear), or
 * to + (from − to)/2·(1 + cos(π·t/steps)) (cos); from `steps` on: to.
 * The warm-ups of Hugging Face (from exactly 0: lr·t/w) and Keras' CosineDecay
 * (initial_learning_rate to warmup_target) and the pieces of optax's
 * piecewise_interpolate_schedule (_linear_interpolate, _cosine_interpolate),
 * operation for operation; timm's warm-up, warmup_lr_init + t·((lr − init)/w),
 * within an ulp. optax's linear_schedule is poly's order, not this one.
 *
 * anchor=to writes the linear ramp from its other end,
 * to + (from − to)·((steps − t)/steps): the share of steps left is exact in
 * integers, so a decay to 0 keeps its full relative precision down to the last
 * step, where from + (to − from)·t/steps cancels (off by 2e-11 relative at the
 * last of 10^6 steps, by 1e-3 at 10^15). Hugging Face's linear decay,
 * lr·((T − s)/(T − w)), operation for operation.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { FROM, TO, STEPS, SHAPE, ANCHOR, N_PARAMS };
enum { SHAPE_LINEAR, SHAPE_COS };
enum { ANCHOR_FROM, ANCHOR_TO };

static const char * const shape_choices[] = { "linear", "cos", NULL };
static const char * const anchor_choices[] = { "from", "to", NULL };

static const AnnealParam params[] = {
  [FROM] = ANNEAL_RATE_PARAM ("from", "0", N_("Rate at epoch 0")),
  [TO] = ANNEAL_PEAK_RATE_PARAM ("to", "0.1", N_("Rate reached after steps epochs and kept")),
  [STEPS] = ANNEAL_EPOCHS_PARAM ("steps", "5", 1, N_("Epochs from one rate to the other")),
  [SHAPE] = { .name = "shape", .type = ANNEAL_PARAM_CHOICE, .default_value = "linear",
              .min = 0, .max = 1, .choices = shape_choices,
              .summary = N_("Shape of the ramp: a straight line or half a cosine") },
  [ANCHOR] = { .name = "anchor", .type = ANNEAL_PARAM_CHOICE, .default_value = "from",
               .min = 0, .max = 1, .choices = anchor_choices,
               .summary = N_("End a straight ramp is computed from: to keeps a decay to 0 "
                             "exact to the last step (Hugging Face)") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
ramp_value (const AnnealStage *stage,
            gint64             t)
{
  gint64 steps = ANNEAL_INT (stage, STEPS);
  double from = ANNEAL_NUM (stage, FROM);
  double to = ANNEAL_NUM (stage, TO);
  double pct, v;

  if (t >= steps)
    return to;
  pct = (double) t / (double) steps;
  if (ANNEAL_INT (stage, SHAPE) == SHAPE_COS)
    v = to + (from - to) / 2.0 * (cos (G_PI * pct) + 1);
  else if (ANNEAL_INT (stage, ANCHOR) == ANCHOR_TO)
    v = to + (from - to) * ((double) (steps - t) / (double) steps);
  else
    v = (to - from) * pct + from;
  /* Both lie between from and to; rounding can step past `to` by an ulp just
   * before the end, which would make the ramp non-monotone. */
  return CLAMP (v, MIN (from, to), MAX (from, to));
}

/* The ramp in closed form (short ones added up), then `to` held. */
static double
ramp_sum (const AnnealStage *stage,
          gint64             a,
          gint64             b)
{
  gint64 steps = ANNEAL_INT (stage, STEPS);
  gint64 held = b - MAX (a, steps) + 1;
  double to = ANNEAL_NUM (stage, TO), from = ANNEAL_NUM (stage, FROM);
  double sum = held > 0 ? (double) held * to : 0;
  gint64 p = a, q = MIN (b, steps - 1);

  /* a short ramp as value() has it, clamp included (a sum of one epoch was an ulp
   * below the value) */
  if (q - p < ANNEAL_SUM_DIRECT_MAX)
    return (q >= p ? anneal_sum_direct (stage, p, q) : 0) + sum;
  if (ANNEAL_INT (stage, SHAPE) != SHAPE_COS)
    {
      /* An arithmetic series, from the end whose values are small: n times the value
       * at the middle, (p + q)/2 epochs from 0 or (steps − q) + (q − p)/2 from the
       * end. (The smooth sum of a part of a long ramp, anchored at `to`, cancelled
       * near the start, bisected that rounding and fell back to adding up.) */
      double n = (double) (q - p + 1), half = (double) (q - p) / 2;

      if (from <= to)
        return sum + n * from + (to - from) * n * (((double) p + half) / (double) steps);
      return sum + n * to
             + (from - to) * n * (((double) (steps - q) + half) / (double) steps);
    }
  /* from + (to − from)·sin²(π·t/(2·steps)), or to + (from − to)·sin²(π·(steps − t)/(2·steps)):
   * the one whose sines are small where the values are, a sum of terms ≥ 0. (The smooth
   * sum's finite differences drown in rounding past ~10^8 steps.) */
  if (from <= to)
    return sum + (double) (q - p + 1) * from + (to - from) * anneal_sum_sin2 (steps, p, q);
  return sum + (double) (q - p + 1) * to + (from - to) * anneal_sum_sin2 (steps, steps - q,
                                                                          steps - p);
}

static void
ramp_python (const AnnealStage *stage,
             GString           *body)
{
  double from = ANNEAL_NUM (stage, FROM), to = ANNEAL_NUM (stage, TO);
  g_autofree char *f = g_strdup (anneal_py_float (from).text);
  g_autofree char *e = g_strdup (anneal_py_float (to).text);

  g_string_append_printf (body, "    if t >= %" G_GINT64_FORMAT ":\n        return %s\n"
                          "    pct = t / %" G_GINT64_FORMAT "\n", ANNEAL_INT (stage, STEPS), e,
                          ANNEAL_INT (stage, STEPS));
  if (ANNEAL_INT (stage, SHAPE) == SHAPE_COS)
    g_string_append_printf (body, "    v = %s + (%s - %s) / 2.0 * (math.cos(math.pi * pct) + 1)\n",
                            e, f, e);
  else if (ANNEAL_INT (stage, ANCHOR) == ANCHOR_TO)
    g_string_append_printf (body, "    v = %s + (%s - %s) * ((%" G_GINT64_FORMAT " - t) / %"
                            G_GINT64_FORMAT ")\n", e, f, e, ANNEAL_INT (stage, STEPS),
                            ANNEAL_INT (stage, STEPS));
  else
    g_string_append_printf (body, "    v = (%s - %s) * pct + %s\n", e, f, f);
  g_string_append_printf (body, "    return min(max(v, %s), %s)\n",
                          anneal_py_float (MIN (from, to)).text, anneal_py_float (MAX (from, to)).text);
}

static void
ramp_pitfalls (const AnnealStage  *stage,
               AnnealPitfallScope *scope)
{
  if (ANNEAL_NUM (stage, TO) > ANNEAL_NUM (stage, FROM))
    anneal_pitfalls_rise (scope, ANNEAL_NUM (stage, STEPS));
}

const AnnealKindClass anneal_kind_ramp = {
  .info = {
    .name = "ramp",
    .summary = N_("Go from one rate to another, linearly or along a cosine, then hold it"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "Hugging Face, timm and Keras warm-ups; Hugging Face's linear decay "
              "(anchor=to); optax piecewise_interpolate_schedule",
  },
  .value = ramp_value,
  .sum = ramp_sum,
  .python = ramp_python,
  .pitfalls = ramp_pitfalls,
};
