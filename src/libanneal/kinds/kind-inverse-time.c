/* kind-inverse-time.c — Keras' InverseTimeDecay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * lr / (1 + decay_rate·p), with p = t/decay_steps, or ⌊t/decay_steps⌋ when
 * staircase: Keras' InverseTimeDecay.__call__, operation for operation.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, DECAY_RATE, DECAY_STEPS, STAIRCASE, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
  [DECAY_RATE] = { .name = "decay_rate", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.5",
                   .min = 0, .max = 1e6,
                   .summary = N_("How fast the rate falls: 1/(1 + decay_rate·t/decay_steps)") },
  [DECAY_STEPS] = ANNEAL_EPOCHS_PARAM ("decay_steps", "1", 1, N_("Epochs per unit of decay")),
  [STAIRCASE] = { .name = "staircase", .type = ANNEAL_PARAM_BOOLEAN, .default_value = "false",
                  .min = 0, .max = 1,
                  .summary = N_("Decay in whole steps of decay_steps epochs") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
inverse_time_value (const AnnealStage *stage,
                    gint64             t)
{
  double p = (double) t / ANNEAL_NUM (stage, DECAY_STEPS);

  if (ANNEAL_NUM (stage, STAIRCASE) != 0)
    p = floor (p);
  return ANNEAL_NUM (stage, LR) / (1.0 + ANNEAL_NUM (stage, DECAY_RATE) * p);
}

/* lr/(1 + decay_rate·p) at a real p. */
static double
inverse_time_at (const AnnealStage *stage,
                 double             p)
{
  return ANNEAL_NUM (stage, LR) / (1.0 + ANNEAL_NUM (stage, DECAY_RATE) * p);
}

/* Without a staircase, p = t/decay_steps smoothly; with it, whole blocks of
 * decay_steps epochs at p = 0, 1, 2, …: decay_steps times a smooth sum over the
 * blocks, plus the partial blocks at both ends. */
static double
inverse_time_smooth (gconstpointer data,
                     gint64        t,
                     double        dx)
{
  const AnnealStage *stage = data;

  return inverse_time_at (stage, ((double) t + dx) / ANNEAL_NUM (stage, DECAY_STEPS));
}

/* The same per block of the staircase. */
static double
inverse_time_block (gconstpointer data,
                    gint64        k,
                    double        dx)
{
  return inverse_time_at (data, (double) k + dx);
}

static double
inverse_time_sum (const AnnealStage *stage,
                  gint64             a,
                  gint64             b)
{
  gint64 steps = ANNEAL_INT (stage, DECAY_STEPS);
  gint64 ka, kb;

  if (ANNEAL_NUM (stage, STAIRCASE) == 0)
    return anneal_sum_smooth (inverse_time_smooth, stage, a, b);
  ka = a / steps;
  kb = b / steps;
  if (ka == kb)
    return (double) (b - a + 1) * inverse_time_at (stage, (double) ka);
  return (double) ((ka + 1) * steps - a) * inverse_time_at (stage, (double) ka)
         + (double) steps * anneal_sum_smooth (inverse_time_block, stage, ka + 1, kb - 1)
         + (double) (b - kb * steps + 1) * inverse_time_at (stage, (double) kb);
}

static void
inverse_time_python (const AnnealStage *stage,
                     GString           *body)
{
  g_string_append_printf (body, "    p = t / %s\n", anneal_py_float (ANNEAL_NUM (stage, DECAY_STEPS)).text);
  if (ANNEAL_NUM (stage, STAIRCASE) != 0)
    g_string_append (body, "    p = math.floor(p)\n");
  g_string_append_printf (body, "    return %s / (1.0 + %s * p)\n",
                          anneal_py_float (ANNEAL_NUM (stage, LR)).text,
                          anneal_py_float (ANNEAL_NUM (stage, DECAY_RATE)).text);
}

/* A staircase falls first at decay_steps. */
static void
inverse_time_pitfalls (const AnnealStage  *stage,
                       AnnealPitfallScope *scope)
{
  if (ANNEAL_NUM (stage, STAIRCASE) != 0)
    anneal_pitfalls_every (scope, "decay_steps", ANNEAL_INT (stage, DECAY_STEPS));
}

const AnnealKindClass anneal_kind_inverse_time = {
  .info = {
    .name = "inverse-time",
    .summary = N_("Decay with the inverse of the time: lr/(1 + decay_rate·t/decay_steps)"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "Keras InverseTimeDecay",
  },
  .value = inverse_time_value,
  .sum = inverse_time_sum,
  .python = inverse_time_python,
  .pitfalls = inverse_time_pitfalls,
};
