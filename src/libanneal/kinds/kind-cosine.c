/* kind-cosine.c — PyTorch's CosineAnnealingLR
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * eta_min + (lr − eta_min)·(1 + cos(π·t/t_max))/2; past t_max it rises again, as
 * PyTorch's does. The phase is reduced modulo 2·t_max, so the wave is exactly
 * periodic at any epoch.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, T_MAX, ETA_MIN, EXPONENT, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial (maximum) learning rate")),
  [T_MAX] = ANNEAL_EPOCHS_PARAM ("t_max", "50", 1, N_("Epochs from the maximum to the minimum")),
  [ETA_MIN] = ANNEAL_RATE_PARAM ("eta_min", "0", N_("Minimum learning rate")),
  [EXPONENT] = { .name = "exponent", .type = ANNEAL_PARAM_NUMBER, .default_value = "1",
                 .min = 0, .max = 1000, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
                 .summary = N_("Power of the cosine factor (1 + cos)/2 (optax)") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static gboolean
cosine_prepare (AnnealStage *stage,
                guint       *bad_param,
                GError     **error)
{
  stage->cycle_length = ANNEAL_INT (stage, T_MAX);  /* half-waves, each monotone */
  stage->uniform_classes = 2;  /* falling, then rising */
  stage->period = 2 * ANNEAL_INT (stage, T_MAX);
  return TRUE;
}

static double
cosine_value (const AnnealStage *stage,
              gint64             t)
{
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double lr = ANNEAL_NUM (stage, LR);
  gint64 phase = t % (2 * t_max);
  double c = cos (G_PI * (double) phase / (double) t_max);

  /* PyTorch's eta_min + (lr − eta_min)·(1 + cos)/2 when eta_min ≤ lr. With
   * eta_min > lr the wave rises from lr, and is written from there: PyTorch's form
   * would cancel (eta_min = 1, lr = 1e-12 gives 9.9998e-13 at epoch 0). */
  if (ANNEAL_NUM (stage, EXPONENT) != 1)
    {
      /* optax's cosine_decay_schedule: (0.5 * (1 + cos(pi * t / T))) ** exponent */
      double w = pow (0.5 * (1 + c), ANNEAL_NUM (stage, EXPONENT));

      if (eta_min <= lr)
        return eta_min + (lr - eta_min) * w;
      return lr + (eta_min - lr) * (1 - w);
    }
  if (eta_min <= lr)
    return eta_min + (lr - eta_min) * (1 + c) / 2;
  return lr + (eta_min - lr) * (1 - c) / 2;
}

/* Half-waves in closed form, whole periods exact; NAN (no closed form) for an
 * exponent other than 1. */
static double
cosine_sum (const AnnealStage *stage,
            gint64             a,
            gint64             b)
{
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);
  double lr = ANNEAL_NUM (stage, LR);
  double n = (double) (b - a + 1);

  if (ANNEAL_NUM (stage, EXPONENT) != 1)
    return NAN;
  if (b - a < ANNEAL_SUM_DIRECT_MAX)
    return anneal_sum_direct (stage, a, b);
  if (eta_min <= lr)
    return n * eta_min + (lr - eta_min) * anneal_sum_half_cosine (t_max, a, b, 1);
  return n * lr + (eta_min - lr) * anneal_sum_half_cosine (t_max, a, b, -1);
}

static void
cosine_python (const AnnealStage *stage,
               GString           *body)
{
  gint64 t_max = ANNEAL_INT (stage, T_MAX);
  double eta_min = ANNEAL_NUM (stage, ETA_MIN);

  g_string_append_printf (body, "    c = 1 + math.cos(math.pi * (t %% %" G_GINT64_FORMAT ") / %"
                          G_GINT64_FORMAT ")\n", 2 * t_max, t_max);
  if (ANNEAL_NUM (stage, EXPONENT) != 1)
    g_string_append_printf (body, "    return %s + %s * math.pow(0.5 * c, %s)\n",
                            anneal_py_float (eta_min).text,
                            anneal_py_float (ANNEAL_NUM (stage, LR) - eta_min).text,
                            anneal_py_float (ANNEAL_NUM (stage, EXPONENT)).text);
  else
    g_string_append_printf (body, "    return %s + %s * c / 2\n", anneal_py_float (eta_min).text,
                            anneal_py_float (ANNEAL_NUM (stage, LR) - eta_min).text);
}

const AnnealKindClass anneal_kind_cosine = {
  .info = {
    .name = "cosine",
    .summary = N_("Cosine annealing from lr to eta_min over t_max epochs"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch CosineAnnealingLR, Keras CosineDecay, optax cosine_decay_schedule",
  },
  .prepare = cosine_prepare,
  .value = cosine_value,
  .sum = cosine_sum,
  .python = cosine_python,
};
