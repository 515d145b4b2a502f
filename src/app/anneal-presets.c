/* anneal-presets.c — the notebook's figures and common recipes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "anneal-presets.h"

static const AnnealPreset presets[] = {
  { ANNEAL_PRESET_DEFAULT, N_("Standard vs Damped"), FALSE, 50, FALSE, {
      { "cosine-wave()", N_("cosine wave") },
      { "damped-cosine-wave()", N_("damped cosine wave") },
      { "exp-cycles()", N_("exponential cycles") },
      { "damped-exp-cycles()", N_("damped exponential cycles") },
    } },
  { "simple-decay", N_("Simple Decay"), FALSE, 50, FALSE, {
      { "hold-decay()", N_("simple decay") },
    } },
  { "cosine-vs-damped", N_("Cosine vs Damped Cosine"), FALSE, 50, FALSE, {
      { "cosine-wave()", N_("cosine decay") },
      { "damped-cosine-wave()", N_("damped cosine decay") },
    } },
  { "exp-vs-damped", N_("Exponential vs Damped Exponential"), FALSE, 50, FALSE, {
      { "exp-cycles()", N_("exponential decay") },
      { "damped-exp-cycles()", N_("damped exponential decay") },
    } },
  { "steepness", N_("Steepness Sweep, a = 1 … 4"), FALSE, 50, FALSE, {
      { "exp-cycles(a=1)", "a = 1" },
      { "exp-cycles(a=2)", "a = 2" },
      { "exp-cycles(a=3)", "a = 3" },
      { "exp-cycles(a=4)", "a = 4" },
    } },
  { "all-five", N_("All Five Schedules"), FALSE, 50, FALSE, {
      { "hold-decay()", N_("simple decay") },
      { "cosine-wave()", N_("cosine decay") },
      { "exp-cycles()", N_("exponential decay") },
      { "damped-cosine-wave()", N_("damped cosine decay") },
      { "damped-exp-cycles()", N_("damped exponential decay") },
    } },
  { "warmup-cosine", N_("Warm-up + Cosine"), TRUE, 50, FALSE, {
      { "linear(lr=0.1, start_factor=0.01, total_iters=5, for=5) -> cosine(lr=0.1, t_max=45)",
        N_("warm-up + cosine") },
    } },
  { "onecycle", N_("One-Cycle"), TRUE, 100, FALSE, {
      { "onecycle(max_lr=0.1, total_steps=100)", N_("one-cycle") },
    } },
  { "sgdr", N_("SGDR with Restarts"), TRUE, 70, FALSE, {
      { "sgdr(lr=0.1, t_0=10, t_mult=2)", N_("SGDR") },
    } },
  { "step", N_("Step Decay"), TRUE, 50, FALSE, {
      { "step(lr=0.1, step_size=10, gamma=0.5)", N_("step decay") },
    } },
};

guint
anneal_preset_get_count (void)
{
  return G_N_ELEMENTS (presets);
}

const AnnealPreset *
anneal_preset_get_nth (guint i)
{
  g_return_val_if_fail (i < G_N_ELEMENTS (presets), NULL);
  return &presets[i];
}

const AnnealPreset *
anneal_preset_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (presets[i].id, id) == 0)
      return &presets[i];

  return NULL;
}

gboolean
anneal_preset_apply (const AnnealPreset  *preset,
                     AnnealChart         *chart,
                     GError             **error)
{
  g_autoptr(GPtrArray) schedules = NULL;
  guint n = 0;

  g_return_val_if_fail (preset != NULL, FALSE);
  g_return_val_if_fail (ANNEAL_IS_CHART (chart), FALSE);

  schedules = g_ptr_array_new_with_free_func ((GDestroyNotify) anneal_schedule_unref);
  while (n < ANNEAL_PRESET_MAX_SERIES && preset->series[n].spec != NULL)
    {
      AnnealSchedule *schedule = anneal_schedule_parse (preset->series[n].spec, NULL, error);

      if (schedule == NULL)
        return FALSE;
      g_ptr_array_add (schedules, schedule);
      n++;
    }

  anneal_chart_clear (chart);
  for (guint i = 0; i < n; i++)
    anneal_chart_add_series (chart, g_ptr_array_index (schedules, i), _(preset->series[i].label));
  anneal_chart_set_epochs (chart, preset->epochs);
  /* A preset is a whole comparison, in epochs */
  anneal_chart_set_steps_per_epoch (chart, 1);
  anneal_chart_set_x_unit (chart, ANNEAL_CHART_UNIT_EPOCH);
  anneal_chart_set_log_y (chart, preset->log_y);
  anneal_chart_reset_view (chart);

  return TRUE;
}
