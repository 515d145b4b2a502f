/* anneal-cli-code.c — training code in and out: `anneal-cli import` and `anneal-cli code`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anneal-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "anneal-cli.h"
#include "anneal-text.h"
#include "anneal-code.h"
#include "anneal-import.h"

/* Reads all of @path ("-": standard input), refusing more than the import limit. */
static char *
read_source (const char  *path,
             gsize       *length,
             GError     **error)
{
  FILE *file = strcmp (path, "-") == 0 ? stdin : fopen (path, "rb");
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[65536];
  gsize n;

  if (file == NULL)
    {
      int saved = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("cannot read '%s': %s"), path, g_strerror (saved));
      return NULL;
    }
  while ((n = fread (buffer, 1, sizeof buffer, file)) > 0)
    {
      g_string_append_len (text, buffer, (gssize) n);
      if (text->len > ANNEAL_IMPORT_MAX_LENGTH)
        break;
    }
  if (ferror (file))
    {
      int saved = errno ? errno : EIO;

      if (file != stdin)
        fclose (file);
      if (file == stdin)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("cannot read standard input: %s"), g_strerror (saved));
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                     _("cannot read '%s': %s"), path, g_strerror (saved));
      return NULL;
    }
  if (file != stdin)
    fclose (file);
  *length = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

int
anneal_cli_import (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealImport) import = NULL;
  g_autofree char *source = NULL;
  g_autofree char *lr_text = NULL;
  double lr = NAN;
  gsize length = 0;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "lr", 0, 0, G_OPTION_ARG_STRING, &lr_text,
      N_("The optimizer's learning rate, when the code sets none"), N_("LR") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json,
      N_("Print JSON: the spec, the library and whether it steps per epoch or per step"),
      NULL },
    { NULL }
  };

  context = g_option_context_new (_("FILE|- — read the schedule a Python training script "
                                    "builds"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Reads PyTorch, Hugging Face, Keras, timm or optax code (a file, or standard\n"
      "input for '-') and prints one spec with the library's value at every step.\n"
      "Code it cannot reproduce exactly is refused with its line and column (exit 2)."));
  if (!anneal_cli_parse_options (context, &argc, &argv))
    return ANNEAL_CLI_EXIT_USAGE;
  if (argc != 2)
    {
      anneal_cli_error (argc < 2 ? _("import needs one FILE (or '-' for standard input)")
                                 : _("import reads one FILE, got several"));
      return ANNEAL_CLI_EXIT_USAGE;
    }
  if (lr_text != NULL)
    {
      char *end = NULL;

      lr = g_ascii_strtod (lr_text, &end);
      if (end == lr_text || *end != '\0' || !isfinite (lr) || lr < 0 || lr > 1e6)
        {
          anneal_cli_error (_("--lr: expected a learning rate between 0 and 1e6, got '%s'"),
                            lr_text);
          return ANNEAL_CLI_EXIT_USAGE;
        }
    }

  source = read_source (argv[1], &length, &error);
  if (source == NULL)
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_FAILURE;
    }
  import = anneal_import (source, (gssize) length, lr, NULL, NULL, &error);
  if (import == NULL)
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }
  if (json)
    {
      /* Hugging Face, Keras and optax step their schedules per optimizer step:
       * such a spec goes with eval's --per-step */
      g_autoptr(GString) out = g_string_new ("{\"spec\": ");

      anneal_text_append_json_string (out, import->spec);
      g_string_append (out, ", \"library\": ");
      anneal_text_append_json_string (out, import->library);
      g_string_append_printf (out, ", \"stepped_per\": \"%s\"}\n",
                              import->per_step ? "step" : "epoch");
      fputs (out->str, stdout);
    }
  else
    printf ("%s\n", import->spec);
  return fflush (stdout) == 0 ? ANNEAL_CLI_EXIT_OK : ANNEAL_CLI_EXIT_FAILURE;
}

int
anneal_cli_code (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) schedule = NULL;
  g_autofree char *to = NULL;
  g_autofree char *source = NULL;
  AnnealCodeLanguage language;
  gboolean per_step = FALSE;
  GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_STRING, &to,
      N_("pytorch: make_scheduler(optimizer); python: lr_at(step) with math only"),
      N_("pytorch|python") },
    { "per-step", 0, 0, G_OPTION_ARG_NONE, &per_step,
      N_("The schedule is stepped once per optimizer step, not per epoch: step() inside "
         "the batch loop"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("SPEC — print Python that computes the schedule"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("--to pytorch defines make_scheduler(optimizer), which sets the optimizer's rate\n"
      "and returns a torch.optim.lr_scheduler scheduler whose rate before the t-th\n"
      "step() is the spec's value at t; --to python defines lr_at(step) using only the\n"
      "math module (for Keras' LearningRateScheduler, a training loop, anything).\n"
      "t counts epochs; with --per-step (a series of eval's --per-step, import --json's\n"
      "\"stepped_per\": \"step\") it counts the optimizer steps of the whole run, and\n"
      "the comments show the loop that steps the scheduler once per batch."));
  if (!anneal_cli_parse_options (context, &argc, &argv))
    return ANNEAL_CLI_EXIT_USAGE;
  if (to == NULL || (strcmp (to, "pytorch") != 0 && strcmp (to, "python") != 0))
    {
      anneal_cli_error (_("code needs --to pytorch or --to python"));
      return ANNEAL_CLI_EXIT_USAGE;
    }
  language = strcmp (to, "pytorch") == 0 ? ANNEAL_CODE_PYTORCH : ANNEAL_CODE_PYTHON;
  if (argc != 2)
    {
      anneal_cli_error (argc < 2 ? _("code needs one SPEC") : _("code writes one SPEC, got several"));
      return ANNEAL_CLI_EXIT_USAGE;
    }
  schedule = anneal_schedule_parse (argv[1], NULL, &error);
  if (schedule == NULL)
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }
  source = anneal_code_generate (schedule, language,
                                 per_step ? ANNEAL_CODE_PER_STEP : ANNEAL_CODE_PER_EPOCH, &error);
  if (source == NULL)
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }
  fputs (source, stdout);
  return fflush (stdout) == 0 ? ANNEAL_CLI_EXIT_OK : ANNEAL_CLI_EXIT_FAILURE;
}
