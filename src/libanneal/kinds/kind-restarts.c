/* kind-restarts.c — timm's cosine, polynomial and tanh cycles; Keras' CosineDecayRestarts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cycle i lasts t_0·t_mul^i epochs (t_mul real). The cycle of epoch u is found as
 * timm's CosineLRScheduler._get_lr and Keras' CosineDecayRestarts find it,
 * i = ⌊log(1 − u/t_0·(1 − t_mul))/log(t_mul)⌋, so that a restart falls on the
 * same step as there even where the cycle lengths are not whole numbers; in it,
 * t_i = t_mul^i·t_0 and t_cur = u − (1 − t_mul^i)/(1 − t_mul)·t_0. With
 * x = t_cur^k/t_i^k the shape s is (1 + cos(π·x))/2 (cos), (1 − x)^power (poly) or
 * (1 − tanh(lb·(1 − x) + ub·x))/2 (tanh, with x = t_cur/t_i); the value is
 * eta_min + (lr·decay^i − eta_min)·s (damp=peak: timm's cycle_decay) or
 * eta_min + (lr − eta_min)·decay^i·s (damp=range: Keras' m_mul, with
 * eta_min = lr·alpha), and eta_min once cycle_limit cycles are over (0: never).
 * timm's warm-up: warmup_lr + t·(target − warmup_lr)/warmup for t < warmup, the
 * target being lr, or for tanh without warmup_prefix the value at `warmup`; with
 * warmup_prefix the cycles start after the warm-up, without it they start at 0
 * and the warm-up covers their beginning.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum
{
  LR, T_0, T_MUL, ETA_MIN, DECAY, DAMP, SHAPE, POWER, K, LB, UB, CYCLE_LIMIT, WARMUP,
  WARMUP_LR, WARMUP_PREFIX, N_PARAMS
};
enum { DAMP_PEAK, DAMP_RANGE };
enum { SHAPE_COS, SHAPE_POLY, SHAPE_TANH };

static const char * const damp_choices[] = { "peak", "range", NULL };
static const char * const shape_choices[] = { "cos", "poly", "tanh", NULL };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Rate at the start of the first cycle")),
  [T_0] = ANNEAL_EPOCHS_PARAM ("t_0", "10", 1, N_("Length of the first cycle in epochs")),
  [T_MUL] = { .name = "t_mul", .type = ANNEAL_PARAM_NUMBER, .default_value = "1",
              .min = 1, .max = 1000,
              .summary = N_("Each cycle is this many times longer than the one before") },
  [ETA_MIN] = ANNEAL_RATE_PARAM ("eta_min", "0", N_("Rate at the end of each cycle")),
  [DECAY] = ANNEAL_WEIGHT_PARAM ("decay", "1", N_("Factor per restart (timm cycle_decay, "
                                                  "Keras m_mul)")),
  [DAMP] = { .name = "damp", .type = ANNEAL_PARAM_CHOICE, .default_value = "peak",
             .min = 0, .max = 1, .choices = damp_choices,
             .summary = N_("What decay shrinks: the peak (timm) or the range above eta_min "
                           "(Keras)") },
  [SHAPE] = { .name = "shape", .type = ANNEAL_PARAM_CHOICE, .default_value = "cos",
              .min = 0, .max = 2, .choices = shape_choices,
              .summary = N_("Shape of each cycle: cosine, polynomial or tanh") },
  [POWER] = { .name = "power", .type = ANNEAL_PARAM_NUMBER, .default_value = "1",
              .min = 0, .max = 1000, .summary = N_("Power of the polynomial shape") },
  [K] = { .name = "k", .type = ANNEAL_PARAM_NUMBER, .default_value = "1", .min = 0, .max = 1000,
          .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
          .summary = N_("k-decay: the position in the cycle is raised to this power") },
  [LB] = { .name = "lb", .type = ANNEAL_PARAM_NUMBER, .default_value = "-7", .min = -1000,
           .max = 1000, .summary = N_("Lower bound of the tanh shape's argument") },
  [UB] = { .name = "ub", .type = ANNEAL_PARAM_NUMBER, .default_value = "3", .min = -1000,
           .max = 1000, .summary = N_("Upper bound of the tanh shape's argument") },
  [CYCLE_LIMIT] = ANNEAL_EPOCHS_PARAM ("cycle_limit", "0", 0,
                                       N_("Cycles before the rate stays at eta_min (0: no "
                                          "limit)")),
  [WARMUP] = ANNEAL_EPOCHS_PARAM ("warmup", "0", 0, N_("Epochs of linear warm-up")),
  [WARMUP_LR] = ANNEAL_RATE_PARAM ("warmup_lr", "0", N_("Rate at the start of the warm-up")),
  [WARMUP_PREFIX] = { .name = "warmup_prefix", .type = ANNEAL_PARAM_BOOLEAN,
                      .default_value = "false", .min = 0, .max = 1,
                      .summary = N_("Start the cycles after the warm-up, not under it") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

typedef struct
{
  double warmup_step;  /* (target − warmup_lr)/warmup */
  gint64 shift;        /* warmup with warmup_prefix, else 0: epoch u = t − shift */
  gint64 first;        /* the first cycle that begins after the warm-up */
  gint64 head_end;     /* with a warm-up: last epoch of cycle 0 (the warm-up and what
                          is left of the cycle it ends in) */
  gint64 tail_start;   /* first epoch at eta_min for good (G_MAXINT64: never) */
} RestartsState;

/* i = ⌊log(1 − u/t_0·(1 − t_mul))/log(t_mul)⌋, as timm and Keras compute it. */
static gint64
cycle_index (const AnnealStage *stage,
             gint64             u)
{
  double m = ANNEAL_NUM (stage, T_MUL);

  if (m == 1)
    return u / ANNEAL_INT (stage, T_0);
  return (gint64) floor (log (1 - (double) u / ANNEAL_NUM (stage, T_0) * (1 - m)) / log (m));
}

/* The first u in cycle i. */
static gint64
cycle_start (const AnnealStage *stage,
             gint64             i)
{
  double m = ANNEAL_NUM (stage, T_MUL);
  double estimate;
  gint64 u;

  if (m == 1)
    return i > G_MAXINT64 / 4 / ANNEAL_INT (stage, T_0) ? G_MAXINT64 / 4
                                                          : i * ANNEAL_INT (stage, T_0);
  estimate = ceil (ANNEAL_NUM (stage, T_0) * (pow (m, (double) i) - 1) / (m - 1));
  if (!(estimate < (double) (G_MAXINT64 / 4)))
    return G_MAXINT64 / 4;
  u = MAX ((gint64) estimate, 0);
  while (u > 0 && cycle_index (stage, u - 1) >= i)
    u--;
  while (cycle_index (stage, u) < i)
    u++;
  return u;
}

/* The rate of the cycles at epoch u (warm-up aside). */
static double
cycles_value (const AnnealStage *stage,
              gint64             u)
{
  double m = ANNEAL_NUM (stage, T_MUL);
  double t0 = ANNEAL_NUM (stage, T_0);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double k = ANNEAL_NUM (stage, K);
  gint64 i = cycle_index (stage, u);
  double t_i, t_cur, gamma, amplitude, x;

  if (ANNEAL_INT (stage, CYCLE_LIMIT) > 0 && i >= ANNEAL_INT (stage, CYCLE_LIMIT))
    return eta_min;
  if (m != 1)
    {
      t_i = pow (m, (double) i) * t0;
      t_cur = (double) u - (1 - pow (m, (double) i)) / (1 - m) * t0;
    }
  else
    {
      t_i = t0;
      t_cur = (double) (u - ANNEAL_INT (stage, T_0) * i);
    }
  t_cur = CLAMP (t_cur, 0, t_i);  /* rounding at a restart must not step outside */
  gamma = pow (ANNEAL_NUM (stage, DECAY), (double) i);
  if (ANNEAL_INT (stage, DAMP) == DAMP_PEAK)
    amplitude = ANNEAL_NUM (stage, LR) * gamma - eta_min;
  else
    amplitude = (ANNEAL_NUM (stage, LR) - eta_min) * gamma;

  switch (ANNEAL_INT (stage, SHAPE))
    {
    case SHAPE_POLY:
      x = pow (t_cur, k) / pow (t_i, k);
      return eta_min + amplitude * pow (MAX (0.0, 1 - x), ANNEAL_NUM (stage, POWER));
    case SHAPE_TANH:
      x = t_cur / t_i;
      return eta_min + 0.5 * amplitude
                       * (1 - tanh (ANNEAL_NUM (stage, LB) * (1. - x) + ANNEAL_NUM (stage, UB) * x));
    case SHAPE_COS:
    default:
      return eta_min + 0.5 * amplitude * (1 + cos (G_PI * pow (t_cur, k) / pow (t_i, k)));
    }
}

static double
restarts_value (const AnnealStage *stage,
                gint64             t)
{
  const RestartsState *state = ANNEAL_STATE (stage, RestartsState);

  if (t < ANNEAL_INT (stage, WARMUP))
    return ANNEAL_NUM (stage, WARMUP_LR) + (double) t * state->warmup_step;
  return cycles_value (stage, t - state->shift);
}

static gboolean
restarts_prepare (AnnealStage *stage,
                  guint       *bad_param,
                  GError     **error)
{
  RestartsState *state = ANNEAL_STATE_MUT (stage, RestartsState);
  gint64 warmup = ANNEAL_INT (stage, WARMUP);
  gint64 limit = ANNEAL_INT (stage, CYCLE_LIMIT);
  double target = ANNEAL_NUM (stage, LR);

  if (ANNEAL_INT (stage, SHAPE) == SHAPE_TANH && !(ANNEAL_NUM (stage, LB) < ANNEAL_NUM (stage, UB)))
    {
      *bad_param = UB;
      g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID,
                   _("ub must be larger than lb"));
      return FALSE;
    }

  state->shift = ANNEAL_NUM (stage, WARMUP_PREFIX) != 0 ? warmup : 0;
  if (warmup > 0)
    {
      if (ANNEAL_INT (stage, SHAPE) == SHAPE_TANH && state->shift == 0)
        target = cycles_value (stage, warmup);  /* timm's _get_lr(warmup_t) */
      state->warmup_step = (target - ANNEAL_NUM (stage, WARMUP_LR)) / (double) warmup;
    }

  /* Cycle 0 is the warm-up with the rest of the cycle it ends in; the cycles
   * after it are the regular ones; the rate is eta_min from tail_start on. */
  state->tail_start = G_MAXINT64;
  if (limit > 0)
    state->tail_start = MAX (warmup, state->shift + cycle_start (stage, limit));
  if (warmup > 0)
    {
      gint64 j = cycle_index (stage, warmup - state->shift);

      state->first = cycle_start (stage, j) + state->shift == warmup ? j : j + 1;
      state->head_end = MIN (state->shift + cycle_start (stage, state->first),
                             state->tail_start) - 1;
    }
  else
    {
      state->first = 0;
      state->head_end = -1;
    }

  /* Equal cycles whose values fall from cycle to cycle at each offset. */
  if (ANNEAL_NUM (stage, T_MUL) == 1)
    {
      stage->uniform_classes = 1;
      if (warmup == 0 && limit == 0 && ANNEAL_NUM (stage, DECAY) == 1)
        stage->period = ANNEAL_INT (stage, T_0);
    }
  return TRUE;
}

static void
restarts_cycle (const AnnealStage *stage,
                gint64             t,
                AnnealCycle       *cycle)
{
  const RestartsState *state = ANNEAL_STATE (stage, RestartsState);
  gint64 base = state->head_end >= 0 ? 1 : 0;
  gint64 i;

  if (t >= state->tail_start)
    {
      gint64 last = ANNEAL_INT (stage, CYCLE_LIMIT);

      cycle->index = base + MAX (last - state->first, 0);
      cycle->start = state->tail_start;
      cycle->length = G_MAXINT64 - state->tail_start;
      return;
    }
  if (t <= state->head_end)
    {
      cycle->index = 0;
      cycle->start = 0;
      cycle->length = state->head_end + 1;
      return;
    }
  i = cycle_index (stage, t - state->shift);
  cycle->index = base + i - state->first;
  cycle->start = state->shift + cycle_start (stage, i);
  cycle->length = MIN (state->shift + cycle_start (stage, i + 1), state->tail_start)
                  - cycle->start;
}

static gint64
restarts_piece_end (const AnnealStage *stage,
                    gint64             t)
{
  AnnealCycle cycle;

  if (t < ANNEAL_INT (stage, WARMUP))
    return ANNEAL_INT (stage, WARMUP) - 1;
  restarts_cycle (stage, t, &cycle);
  if (cycle.length >= G_MAXINT64 - cycle.start)
    return G_MAXINT64;
  return cycle.start + cycle.length - 1;
}

static void
restarts_python (const AnnealStage *stage,
                 GString           *body)
{
  const RestartsState *state = ANNEAL_STATE (stage, RestartsState);
  double m = ANNEAL_NUM (stage, T_MUL);
  g_autofree char *t0 = g_strdup (anneal_py_float (ANNEAL_NUM (stage, T_0)).text);
  g_autofree char *eta = g_strdup (anneal_py_float (ANNEAL_NUM (stage, ETA_MIN)).text);
  g_autofree char *k = g_strdup (anneal_py_float (ANNEAL_NUM (stage, K)).text);
  g_autofree char *mt = g_strdup (anneal_py_float (m).text);

  g_string_append_printf (body, "    if t < %" G_GINT64_FORMAT ":\n        return %s + t * %s\n"
                          "    u = t - %" G_GINT64_FORMAT "\n", ANNEAL_INT (stage, WARMUP),
                          anneal_py_float (ANNEAL_NUM (stage, WARMUP_LR)).text,
                          anneal_py_float (state->warmup_step).text, state->shift);
  if (m == 1)
    g_string_append_printf (body, "    i = u // %" G_GINT64_FORMAT "\n", ANNEAL_INT (stage, T_0));
  else
    g_string_append_printf (body, "    i = math.floor(math.log(1 - u / %s * (1 - %s)) / math.log(%s))\n",
                            t0, mt, mt);
  if (ANNEAL_INT (stage, CYCLE_LIMIT) > 0)
    g_string_append_printf (body, "    if i >= %" G_GINT64_FORMAT ":\n        return %s\n",
                            ANNEAL_INT (stage, CYCLE_LIMIT), eta);
  if (m != 1)
    g_string_append_printf (body, "    t_i = math.pow(%s, i) * %s\n"
                            "    t_cur = u - (1 - math.pow(%s, i)) / (1 - %s) * %s\n",
                            mt, t0, mt, mt, t0);
  else
    g_string_append_printf (body, "    t_i = %s\n    t_cur = float(u - %" G_GINT64_FORMAT " * i)\n",
                            t0, ANNEAL_INT (stage, T_0));
  g_string_append (body, "    t_cur = t_i if t_cur > t_i else (0.0 if t_cur < 0 else t_cur)\n");
  if (ANNEAL_INT (stage, DAMP) == DAMP_PEAK)
    g_string_append_printf (body, "    amplitude = %s * math.pow(%s, i) - %s\n",
                            anneal_py_float (ANNEAL_NUM (stage, LR)).text,
                            anneal_py_float (ANNEAL_NUM (stage, DECAY)).text, eta);
  else
    g_string_append_printf (body, "    amplitude = (%s - %s) * math.pow(%s, i)\n",
                            anneal_py_float (ANNEAL_NUM (stage, LR)).text, eta,
                            anneal_py_float (ANNEAL_NUM (stage, DECAY)).text);
  switch (ANNEAL_INT (stage, SHAPE))
    {
    case SHAPE_POLY:
      g_string_append_printf (body, "    x = math.pow(t_cur, %s) / math.pow(t_i, %s)\n"
                              "    return %s + amplitude * math.pow(max(0.0, 1 - x), %s)\n",
                              k, k, eta, anneal_py_float (ANNEAL_NUM (stage, POWER)).text);
      break;
    case SHAPE_TANH:
      g_string_append_printf (body, "    x = t_cur / t_i\n"
                              "    return %s + 0.5 * amplitude * (1 - math.tanh(%s * (1. - x) + "
                              "%s * x))\n", eta, anneal_py_float (ANNEAL_NUM (stage, LB)).text,
                              anneal_py_float (ANNEAL_NUM (stage, UB)).text);
      break;
    case SHAPE_COS:
    default:
      g_string_append_printf (body, "    return %s + 0.5 * amplitude * (1 + math.cos(math.pi * "
                              "math.pow(t_cur, %s) / math.pow(t_i, %s)))\n", eta, k, k);
      break;
    }
}

const AnnealKindClass anneal_kind_restarts = {
  .info = {
    .name = "restarts",
    .summary = N_("Cycles of cosine, polynomial or tanh decay, restarting at a falling peak"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "timm CosineLRScheduler, PolyLRScheduler, TanhLRScheduler; "
              "Keras CosineDecayRestarts",
  },
  .state_size = sizeof (RestartsState),
  .prepare = restarts_prepare,
  .value = restarts_value,
  .piece_end = restarts_piece_end,
  .cycle = restarts_cycle,
  .python = restarts_python,
};
