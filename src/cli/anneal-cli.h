/* anneal-cli.h — pieces shared by the anneal-cli commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <anneal.h>

G_BEGIN_DECLS

enum
{
  ANNEAL_CLI_EXIT_OK      = 0,  /* done */
  ANNEAL_CLI_EXIT_FAILURE = 1,  /* anything else that failed, e.g. a file not written */
  ANNEAL_CLI_EXIT_USAGE   = 2,  /* refused input: usage or spec */
};

#define ANNEAL_CLI_DEFAULT_EPOCHS 50

/* Prints "error: <message>" as one line on standard error. */
void       anneal_cli_error        (const char  *format,
                                    ...) G_GNUC_PRINTF (1, 2);

/* Reports, once, that standard output could not be written (errno @errsv). */
void       anneal_cli_report_stdout_error (int errsv);

/* g_option_context_parse(), with specs that start with '-' left to the spec
 * parser; prints one line and returns FALSE on a usage error. */
gboolean   anneal_cli_parse_options (GOptionContext  *context,
                                     int             *argc,
                                     char          ***argv);

/* Parses -n/--epochs text: a whole number 1 … ANNEAL_EPOCH_MAX. */
gboolean   anneal_cli_parse_epochs (const char  *text,
                                    gint64      *epochs,
                                    GError     **error);

/* Parses --steps-per-epoch text: a whole number K ≥ 1 such that @epochs · K
 * steps stay within ANNEAL_EPOCH_MAX. */
gboolean   anneal_cli_parse_steps_per_epoch (const char  *text,
                                             gint64       epochs,
                                             gint64      *steps_per_epoch,
                                             GError     **error);

/* Parses the values of every --per-step option ("all", or spec numbers from 1
 * separated by commas) into @per_step, one flag for each of @n_specs specs. */
gboolean   anneal_cli_parse_per_step (char       **values,
                                      guint        n_specs,
                                      gboolean    *per_step,
                                      GError     **error);

/* Parses every spec of argv[0 … argc−1]. On the first refusal prints one line,
 * "error: spec N: column C: reason", and returns NULL. Elements are AnnealSchedule. */
GPtrArray *anneal_cli_parse_specs  (int          argc,
                                    char       **argv);

/* `anneal-cli render …`: argv[0] is "render". Returns the exit status. */
int        anneal_cli_render       (int          argc,
                                    char       **argv);

/* `anneal-cli import …` and `anneal-cli code …` (anneal-cli-code.c). */
int        anneal_cli_import       (int          argc,
                                    char       **argv);
int        anneal_cli_code         (int          argc,
                                    char       **argv);

G_END_DECLS
