/* anneal-code.c — training code out: a schedule as PyTorch or plain Python
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind writes the Python of its own value (AnnealKindClass.python, with the
 * same operations as its value(), so Python computes the same double); this file
 * puts the stages together: lr_at(step) for plain Python, and for PyTorch a native
 * scheduler where one is exact (StepLR, MultiStepLR) or a LambdaLR over lr_at with
 * the optimizer's rate set to 1, so that the rate before the t-th step() is
 * 1.0 · lr_at(t), exactly.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "anneal-private.h"
#include "anneal-code.h"

AnnealPyFloat
anneal_py_float (double value)
{
  AnnealPyFloat f;
  gsize n = anneal_format_double (value, f.text);

  /* "250" is an int to Python: write "250.0", as repr() does. */
  if (strpbrk (f.text, ".en") == NULL)
    memcpy (f.text + n, ".0", 3);
  return f;
}

static void
append_header (GString              *out,
               const AnnealSchedule *schedule)
{
  g_autofree char *spec = anneal_schedule_to_string (schedule);

  g_string_append (out, "# Learning-rate schedule written by Anneal (anneal-cli code) from the spec\n#   ");
  /* A spec is one line of printable text: safe inside a comment. */
  g_string_append (out, spec);
  g_string_append (out, "\n");
}

static void
append_lr_at (GString              *out,
              const AnnealSchedule *schedule)
{
  gint64 offset = 0;

  for (guint i = 0; i < schedule->n_stages; i++)
    {
      const AnnealStage *stage = &schedule->stages[i];
      g_autoptr(AnnealSchedule) one = anneal_schedule_get_stage (schedule, i);
      g_autofree char *text = anneal_schedule_to_string (one);

      g_string_append_printf (out, "\n\ndef _stage_%u(t):\n    # %s\n", i, text);
      stage->klass->python (stage, out);
    }
  g_string_append (out, "\n\ndef lr_at(step):\n"
                        "    \"\"\"The learning rate at step (epoch) `step` = 0, 1, 2, ...\"\"\"\n");
  for (guint i = 0; i < schedule->n_stages; i++)
    {
      const AnnealStage *stage = &schedule->stages[i];

      if (i + 1 < schedule->n_stages)
        g_string_append_printf (out, "    if step < %" G_GINT64_FORMAT ":\n    ",
                                offset + stage->length);
      if (offset > 0)
        g_string_append_printf (out, "    return _stage_%u(step - %" G_GINT64_FORMAT ")\n", i,
                                offset);
      else
        g_string_append_printf (out, "    return _stage_%u(step)\n", i);
      offset += MAX (stage->length, 0);
    }
}

/* A native PyTorch scheduler for a one-stage schedule, where one is exact. */
static gboolean
append_native (GString              *out,
               const AnnealSchedule *schedule)
{
  const AnnealStage *stage = &schedule->stages[0];
  const char *kind = stage->klass->info.name;
  g_autofree char *gamma = NULL;

  if (schedule->n_stages != 1)
    return FALSE;
  gamma = anneal_schedule_get_param (schedule, 0, "gamma");
  g_string_append_printf (out, "\n\ndef make_scheduler(optimizer):\n"
                          "    \"\"\"A torch.optim.lr_scheduler scheduler: the rate before the t-th "
                          "step() is lr_at(t).\"\"\"\n"
                          "    for group in optimizer.param_groups:\n"
                          "        group[\"lr\"] = group[\"initial_lr\"] = %s\n",
                          strcmp (kind, "step") == 0 || strcmp (kind, "multistep") == 0
                            ? anneal_py_float (anneal_schedule_get_number (schedule, 0, "lr")).text
                            : "1.0");
  if (strcmp (kind, "step") == 0)
    {
      g_autofree char *size = anneal_schedule_get_param (schedule, 0, "step_size");

      g_string_append_printf (out, "    return torch.optim.lr_scheduler.StepLR(optimizer, "
                              "step_size=%s, gamma=%s)\n", size,
                              anneal_py_float (anneal_schedule_get_number (schedule, 0,
                                                                           "gamma")).text);
      return TRUE;
    }
  if (strcmp (kind, "multistep") == 0)
    {
      g_autofree char *milestones = anneal_schedule_get_param (schedule, 0, "milestones");

      g_string_append_printf (out, "    return torch.optim.lr_scheduler.MultiStepLR(optimizer, "
                              "milestones=%s, gamma=%s)\n", milestones,
                              anneal_py_float (anneal_schedule_get_number (schedule, 0,
                                                                           "gamma")).text);
      return TRUE;
    }
  return FALSE;
}

char *
anneal_code_generate (const AnnealSchedule *schedule,
                      AnnealCodeLanguage    language,
                      GError              **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize before;

  g_return_val_if_fail (schedule != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < schedule->n_stages; i++)
    if (schedule->stages[i].klass->python == NULL)
      {
        g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID,
                     _("no Python is written for the kind %s yet"),
                     schedule->stages[i].klass->info.name);
        return NULL;
      }

  append_header (out, schedule);
  if (language == ANNEAL_CODE_PYTHON)
    {
      g_string_append (out, "# lr_at(step) works as a Keras LearningRateScheduler, in a training "
                            "loop, anywhere.\n\nimport math\n");
      append_lr_at (out, schedule);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  g_string_append (out, "# make_scheduler(optimizer) sets the optimizer's rate itself; call "
                        "scheduler.step() once per epoch.\n\nimport math\n\nimport torch\n");
  append_lr_at (out, schedule);
  before = out->len;
  if (!append_native (out, schedule))
    {
      g_string_truncate (out, before);
      g_string_append (out, "\n\ndef make_scheduler(optimizer):\n"
                            "    \"\"\"A torch.optim.lr_scheduler scheduler: the rate before the "
                            "t-th step() is lr_at(t).\"\"\"\n"
                            "    # LambdaLR multiplies the initial rate by lr_at(t): with an "
                            "initial rate of 1.0 it is lr_at(t) exactly.\n"
                            "    for group in optimizer.param_groups:\n"
                            "        group[\"lr\"] = group[\"initial_lr\"] = 1.0\n"
                            "    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_at)\n");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
