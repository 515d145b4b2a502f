/* anneal-code.c — training code out: a schedule as PyTorch or plain Python
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind writes the Python of its own value (AnnealKindClass.python, with the
 * same operations as its value(), so Python computes the same double); this file
 * puts the stages together: lr_at(step) for plain Python, and for PyTorch a native
 * scheduler where one is exact (StepLR, MultiStepLR) or a LambdaLR over lr_at with
 * the optimizer's rate set to 1, so that the rate before the t-th step() is
 * 1.0 · lr_at(t), exactly. The unit only changes the words: the spec maps its own
 * unit's t to a rate, and the comments say whether t counts epochs (step() after each
 * epoch) or the optimizer steps of the whole run (step() inside the batch loop), with
 * the loop to write — test-code runs that loop.
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

void
anneal_py_return_lerp (GString    *body,
                       const char *w,
                       double      a,
                       double      b)
{
  if (a >= b)
    g_string_append_printf (body, "    return %s + %s * %s\n", anneal_py_float (b).text, w,
                            anneal_py_float (a - b).text);
  else
    g_string_append_printf (body, "    return %s + (1 - %s) * %s\n", anneal_py_float (a).text, w,
                            anneal_py_float (b - a).text);
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

/* How a training loop uses the program, as a comment block of Python that runs:
 * every line of it begins with "#     ". */
static void
append_usage (GString            *out,
              AnnealCodeLanguage  language,
              AnnealCodeUnit      unit)
{
  if (language == ANNEAL_CODE_PYTORCH && unit == ANNEAL_CODE_PER_STEP)
    g_string_append (out,
                     "# Stepped per optimizer step: t counts the optimizer steps (batches) of the "
                     "whole run,\n"
                     "# not epochs. make_scheduler(optimizer) sets the optimizer's rate itself; "
                     "call\n"
                     "# scheduler.step() once per optimizer step, inside the batch loop:\n"
                     "#\n"
                     "#     scheduler = make_scheduler(optimizer)\n"
                     "#     for epoch in range(epochs):\n"
                     "#         for batch in loader:\n"
                     "#             ...  # forward, backward\n"
                     "#             optimizer.step()\n"
                     "#             scheduler.step()\n");
  else if (language == ANNEAL_CODE_PYTORCH)
    g_string_append (out,
                     "# make_scheduler(optimizer) sets the optimizer's rate itself; call "
                     "scheduler.step() once per epoch.\n"
                     "#\n"
                     "#     scheduler = make_scheduler(optimizer)\n"
                     "#     for epoch in range(epochs):\n"
                     "#         for batch in loader:\n"
                     "#             ...  # forward, backward\n"
                     "#             optimizer.step()\n"
                     "#         scheduler.step()\n");
  else if (unit == ANNEAL_CODE_PER_STEP)
    g_string_append (out,
                     "# Stepped per optimizer step: lr_at(step) is the rate of optimizer step "
                     "`step`, counted\n"
                     "# over the whole run (every batch of every epoch), not of an epoch: set it "
                     "before each\n"
                     "# optimizer step (not in Keras' LearningRateScheduler, called once per "
                     "epoch):\n"
                     "#\n"
                     "#     for epoch in range(epochs):\n"
                     "#         for i, batch in enumerate(loader):\n"
                     "#             lr = lr_at(epoch * len(loader) + i)\n"
                     "#             ...  # one optimizer step at the rate lr\n");
  else
    g_string_append (out,
                     "# lr_at(step) works as a Keras LearningRateScheduler, in a training "
                     "loop, anywhere:\n"
                     "#\n"
                     "#     for epoch in range(epochs):\n"
                     "#         lr = lr_at(epoch)\n"
                     "#         for batch in loader:\n"
                     "#             ...  # one optimizer step at the rate lr\n");
}

static void
append_lr_at (GString              *out,
              const AnnealSchedule *schedule,
              AnnealCodeUnit        unit)
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
  g_string_append (out, "\n\ndef lr_at(step):\n");
  if (unit == ANNEAL_CODE_PER_STEP)
    g_string_append (out, "    \"\"\"The learning rate at optimizer step `step` = 0, 1, 2, ... "
                          "of the whole run.\"\"\"\n");
  else
    g_string_append (out, "    \"\"\"The learning rate at step (epoch) `step` = 0, 1, 2, "
                          "...\"\"\"\n");
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

/* The def line and docstring of make_scheduler(). */
static void
append_make_scheduler (GString        *out,
                       AnnealCodeUnit  unit)
{
  g_string_append (out, "\n\ndef make_scheduler(optimizer):\n");
  g_string_append (out, unit == ANNEAL_CODE_PER_STEP
                          ? "    \"\"\"A torch.optim.lr_scheduler scheduler, stepped once per "
                            "optimizer step: the rate\n"
                            "    before the t-th step() is lr_at(t).\"\"\"\n"
                          : "    \"\"\"A torch.optim.lr_scheduler scheduler: the rate before the "
                            "t-th step() is lr_at(t).\"\"\"\n");
}

/* A native PyTorch scheduler for a one-stage schedule, where one is exact. */
static gboolean
append_native (GString              *out,
               const AnnealSchedule *schedule,
               AnnealCodeUnit        unit)
{
  const AnnealStage *stage = &schedule->stages[0];
  const char *kind = stage->klass->info.name;

  if (schedule->n_stages != 1)
    return FALSE;
  append_make_scheduler (out, unit);
  g_string_append_printf (out, "    for group in optimizer.param_groups:\n"
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
                      AnnealCodeUnit        unit,
                      GError              **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gsize before;

  g_return_val_if_fail (schedule != NULL, NULL);
  g_return_val_if_fail (unit == ANNEAL_CODE_PER_EPOCH || unit == ANNEAL_CODE_PER_STEP, NULL);
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
  append_usage (out, language, unit);
  if (language == ANNEAL_CODE_PYTHON)
    {
      g_string_append (out, "\nimport math\n");
      append_lr_at (out, schedule, unit);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  g_string_append (out, "\nimport math\n\nimport torch\n");
  append_lr_at (out, schedule, unit);
  before = out->len;
  if (!append_native (out, schedule, unit))
    {
      g_string_truncate (out, before);
      append_make_scheduler (out, unit);
      g_string_append (out, "    # LambdaLR multiplies the initial rate by lr_at(t): with an "
                            "initial rate of 1.0 it is lr_at(t) exactly.\n"
                            "    for group in optimizer.param_groups:\n"
                            "        group[\"lr\"] = group[\"initial_lr\"] = 1.0\n"
                            "    return torch.optim.lr_scheduler.LambdaLR(optimizer, lr_at)\n");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
