/* kind-multistep.c — PyTorch's MultiStepLR: lr·gamma^(milestones ≤ t)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

enum { LR, MILESTONES, GAMMA, N_PARAMS };

static const AnnealParam params[] = {
  [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
  [MILESTONES] = { .name = "milestones", .type = ANNEAL_PARAM_LIST, .default_value = "[30, 80]",
                   .min = 0, .max = ANNEAL_EPOCHS_MAX,
                   .summary = N_("Epochs at which the rate is multiplied by gamma") },
  [GAMMA] = { .name = "gamma", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.1",
              .min = 0, .max = 1, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
              .summary = N_("Factor applied at each milestone") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);

static double
multistep_value (const AnnealStage *stage,
                 gint64             t)
{
  const AnnealValue *m = &stage->values[MILESTONES];
  guint lo = 0, hi = m->n_list;

  /* bisect_right: how many milestones are ≤ t (the list is sorted). */
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (m->list[mid] <= (double) t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return ANNEAL_NUM (stage, LR) * pow (ANNEAL_NUM (stage, GAMMA), (double) lo);
}

/* One constant piece per milestone. */
static double
multistep_sum (const AnnealStage *stage,
               gint64             a,
               gint64             b)
{
  const AnnealValue *m = &stage->values[MILESTONES];
  double sum = 0;
  gint64 t = a;

  for (guint i = 0; i <= m->n_list && t <= b; i++)
    {
      gint64 end = i < m->n_list ? (gint64) m->list[i] - 1 : b;

      if (end < t)
        continue;
      end = MIN (end, b);
      sum += (double) (end - t + 1) * multistep_value (stage, t);
      t = end + 1;
    }
  return sum;
}

static void
multistep_python (const AnnealStage *stage,
                  GString           *body)
{
  const AnnealValue *m = &stage->values[MILESTONES];

  g_string_append (body, "    passed = sum(1 for m in (");
  for (guint i = 0; i < m->n_list; i++)
    g_string_append_printf (body, "%" G_GINT64_FORMAT ", ", (gint64) m->list[i]);
  g_string_append_printf (body, ") if m <= t)\n    return %s * math.pow(%s, passed)\n",
                          anneal_py_float (ANNEAL_NUM (stage, LR)).text,
                          anneal_py_float (ANNEAL_NUM (stage, GAMMA)).text);
}

static void
multistep_pitfalls (const AnnealStage  *stage,
                    AnnealPitfallScope *scope)
{
  anneal_pitfalls_milestones (scope, stage->values[MILESTONES].list,
                              stage->values[MILESTONES].n_list);
}

const AnnealKindClass anneal_kind_multistep = {
  .info = {
    .name = "multistep",
    .summary = N_("Multiply the rate by gamma at each milestone epoch"),
    .params = params,
    .n_params = N_PARAMS,
    .origin = "PyTorch MultiStepLR, timm MultiStepLRScheduler (milestones − 1)",
  },
  .value = multistep_value,
  .sum = multistep_sum,
  .python = multistep_python,
  .pitfalls = multistep_pitfalls,
};
