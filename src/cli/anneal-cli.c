/* anneal-cli.c — the headless command line: eval, render, list, check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "anneal-cli"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "anneal-cli.h"
#include "anneal-text.h"

/* Set once a failed write to standard output has been reported. */
static gboolean stdout_error_reported;

void
anneal_cli_error (const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message holds, and nothing a terminal would obey:
   * escape sequences, bidi overrides and bytes that are not UTF-8 are escaped. */
  g_strdelimit (message, "\r\n", ' ');
  escaped = anneal_text_escape (message, -1);
  fprintf (stderr, "%s %s\n", _("error:"), escaped);
}

void
anneal_cli_report_stdout_error (int errsv)
{
  if (stdout_error_reported)
    return;
  stdout_error_reported = TRUE;
  anneal_cli_error (_("could not write the output: %s"), g_strerror (errsv));
}

/* At exit, after every command and after GOption's --help: what could not be
 * written to standard output is an error (exit status 1, one line), not silence. */
static void
close_stdout (void)
{
  int errsv = 0;

  if (fflush (stdout) != 0 || ferror (stdout))
    errsv = errno ? errno : EIO;
  if (errsv == 0 && fclose (stdout) != 0 && errno != EBADF)
    errsv = errno;
  if (errsv != 0 && !stdout_error_reported)
    {
      anneal_cli_report_stdout_error (errsv);
      _exit (ANNEAL_CLI_EXIT_FAILURE);
    }
}

/* A closed standard output or error must stay closed to our writes, not become
 * whatever file the process opens next: hold their descriptors with /dev/null, read-only
 * so that writing to them still fails (EBADF) — check -n's warnings on a closed
 * standard error are lost, and it says so by its exit status. */
static void
hold_closed_descriptors (void)
{
  static const int held[] = { STDOUT_FILENO, STDERR_FILENO };

  for (guint i = 0; i < G_N_ELEMENTS (held); i++)
    if (fcntl (held[i], F_GETFD) < 0 && errno == EBADF)
      {
        int fd = open ("/dev/null", O_RDONLY);

        if (fd >= 0 && fd != held[i])
          {
            dup2 (fd, held[i]);
            close (fd);
          }
      }
}

gboolean
anneal_cli_parse_epochs (const char  *text,
                         gint64      *epochs,
                         GError     **error)
{
  const char *p = text;
  guint64 n = 0;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    goto bad;
  for (; g_ascii_isdigit (*p); p++)
    {
      n = n * 10 + (guint64) (*p - '0');
      if (n > (guint64) ANNEAL_EPOCH_MAX)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("-n: at most 10^15 epochs are accepted, got '%s'"), text);
          return FALSE;
        }
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    goto bad;
  if (n == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("-n: the number of epochs must be at least 1, got '%s'"), text);
      return FALSE;
    }
  *epochs = (gint64) n;
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("-n: expected a whole number of epochs, got '%s'"), text);
  return FALSE;
}

gboolean
anneal_cli_parse_steps_per_epoch (const char  *text,
                                  gint64       epochs,
                                  gint64      *steps_per_epoch,
                                  GError     **error)
{
  const char *p = text;
  guint64 k = 0;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '+')
    p++;
  if (!g_ascii_isdigit (*p))
    goto bad;
  for (; g_ascii_isdigit (*p); p++)
    {
      k = k * 10 + (guint64) (*p - '0');
      if (k > (guint64) ANNEAL_EPOCH_MAX)
        goto too_many;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    goto bad;
  if (k == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--steps-per-epoch: an epoch must have at least 1 step, got '%s'"), text);
      return FALSE;
    }
  if (k > (guint64) (ANNEAL_EPOCH_MAX / epochs))
    goto too_many;
  *steps_per_epoch = (gint64) k;
  return TRUE;

too_many:
  {
    g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, epochs);

    g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                 /* TRANSLATORS: the first %s is the number of epochs (-n) */
                 _("--steps-per-epoch: %s epochs of '%s' steps make more than 10^15 steps"),
                 n, text);
    return FALSE;
  }

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--steps-per-epoch: expected a whole number of steps, got '%s'"), text);
  return FALSE;
}

gboolean
anneal_cli_parse_per_step (char       **values,
                           guint        n_specs,
                           gboolean    *per_step,
                           GError     **error)
{
  for (guint i = 0; i < n_specs; i++)
    per_step[i] = FALSE;

  for (guint v = 0; values != NULL && values[v] != NULL; v++)
    {
      g_auto(GStrv) items = NULL;
      gboolean ok;

      if (strcmp (g_strstrip (values[v]), "all") == 0)
        {
          for (guint i = 0; i < n_specs; i++)
            per_step[i] = TRUE;
          continue;
        }
      items = g_strsplit (values[v], ",", -1);
      /* "" (no item) names nothing: refused as "1," is, not taken for no spec */
      ok = n_specs > 0 && items[0] != NULL;
      for (guint k = 0; ok && items[k] != NULL; k++)
        {
          guint64 number;

          ok = g_ascii_string_to_unsigned (g_strstrip (items[k]), 10, 1, n_specs, &number, NULL);
          if (ok)
            per_step[number - 1] = TRUE;
        }
      if (!ok)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--per-step: expected 'all' or spec numbers 1 to %u separated "
                         "by commas, got '%s'"), n_specs, values[v]);
          return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
anneal_cli_parse_specs (int    argc,
                        char **argv)
{
  g_autoptr(GPtrArray) schedules = NULL;

  schedules = g_ptr_array_new_with_free_func ((GDestroyNotify) anneal_schedule_unref);

  for (int i = 0; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      AnnealSchedule *schedule = anneal_schedule_parse (argv[i], NULL, &error);

      if (schedule == NULL)
        {
          if (argc > 1)
            /* TRANSLATORS: an error message, then which of several specs it is about */
            anneal_cli_error (_("%s [spec %d of %d]"), error->message, i + 1, argc);
          else
            anneal_cli_error ("%s", error->message);
          return NULL;
        }
      g_ptr_array_add (schedules, schedule);
    }
  return g_steal_pointer (&schedules);
}

/* Output, buffered by hand: the CSV path writes ten million rows a second. The
 * buffer holds at least two of the longest rows, however many series there are. */

#define OUTPUT_MIN_SIZE (1 << 16)

typedef struct
{
  char  *data;
  gsize  size;
  gsize  len;
  FILE  *file;
  int    error;
} Output;

static void
output_init (Output *out,
             FILE   *file,
             gsize   longest_row)
{
  out->size = MAX (OUTPUT_MIN_SIZE, 2 * longest_row);
  out->data = g_malloc (out->size);
  out->len = 0;
  out->file = file;
  out->error = 0;
}

static void
output_clear (Output *out)
{
  g_clear_pointer (&out->data, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Output, output_clear)

static void
output_flush (Output *out)
{
  if (out->len > 0 && out->error == 0 &&
      fwrite (out->data, 1, out->len, out->file) != out->len)
    out->error = errno ? errno : EIO;
  out->len = 0;
}

/* Room for @n bytes at the end of the buffer; @n must not exceed its size. */
static inline char *
output_reserve (Output *out,
                gsize   n)
{
  g_assert (n <= out->size);
  if (out->len + n > out->size)
    output_flush (out);
  return out->data + out->len;
}

static void
output_append (Output     *out,
               const char *text,
               gsize       n)
{
  while (n > 0)
    {
      gsize chunk = MIN (n, out->size - out->len);

      memcpy (out->data + out->len, text, chunk);
      out->len += chunk;
      text += chunk;
      n -= chunk;
      if (out->len == out->size)
        output_flush (out);
    }
}

static void
output_string (Output     *out,
               const char *text)
{
  output_append (out, text, strlen (text));
}

static int
finish_output (Output *out)
{
  output_flush (out);
  if (out->error == 0 && fflush (out->file) != 0)
    out->error = errno ? errno : EIO;
  if (out->error != 0)
    {
      anneal_cli_report_stdout_error (out->error);
      return ANNEAL_CLI_EXIT_FAILURE;
    }
  return ANNEAL_CLI_EXIT_OK;
}

#define EVAL_CHUNK 4096

/* The series' names in a header: a JSON array's strings, or CSV fields after a
 * comma each. */
static void
append_series_names (GString  *header,
                     char    **specs,
                     guint     n,
                     gboolean  json)
{
  for (guint i = 0; i < n; i++)
    {
      if (!json)
        {
          g_string_append_c (header, ',');
          anneal_text_append_csv_field (header, specs[i]);
          continue;
        }
      if (i > 0)
        g_string_append (header, ", ");
      anneal_text_append_json_string (header, specs[i]);
    }
}

static int
eval_write (GPtrArray  *schedules,
            char      **specs,
            gint64      epochs,
            gboolean    json)
{
  guint n = schedules->len;
  g_autofree double *values = g_new (double, (gsize) n * EVAL_CHUNK);
  gsize row_max = ANNEAL_TEXT_ROW_MAX (n) + 2;
  AnnealTextRowStyle style = json ? ANNEAL_TEXT_ROW_JSON : ANNEAL_TEXT_ROW_CSV;
  g_autoptr(GString) header = g_string_new (NULL);
  g_auto(Output) out = { 0 };

  output_init (&out, stdout, row_max);

  if (json)
    {
      g_string_append_printf (header, "{\"epochs\": %" G_GINT64_FORMAT ", \"series\": [", epochs);
      append_series_names (header, specs, n, TRUE);
      g_string_append (header, "],\n \"rows\": [\n");
    }
  else
    {
      g_string_append (header, "epoch");
      append_series_names (header, specs, n, FALSE);
      g_string_append_c (header, '\n');
    }
  output_append (&out, header->str, header->len);

  for (gint64 t0 = 0; t0 < epochs && out.error == 0; t0 += EVAL_CHUNK)
    {
      gsize count = (gsize) MIN (EVAL_CHUNK, epochs - t0);

      for (guint i = 0; i < n; i++)
        anneal_schedule_fill (g_ptr_array_index (schedules, i), t0, count,
                              values + (gsize) i * EVAL_CHUNK);

      for (gsize k = 0; k < count; k++)
        {
          char *p = output_reserve (&out, row_max);
          char *start = p;

          p += anneal_text_format_row (p, t0 + (gint64) k, values + k, EVAL_CHUNK, n, style);
          if (json)
            {
              if (t0 + (gint64) k + 1 < epochs)
                *p++ = ',';
              *p++ = '\n';
            }
          out.len += (gsize) (p - start);
        }
    }

  if (json)
    output_string (&out, "]}\n");
  return finish_output (&out);
}

static inline gsize
format_index (gint64  t,
              char   *buf)
{
  char tmp[24];
  gsize n = 0, len;
  guint64 u = (guint64) t;

  do
    tmp[n++] = (char) ('0' + u % 10);
  while ((u /= 10) > 0);
  len = n;
  while (n > 0)
    *buf++ = tmp[--n];
  return len;
}

/* With K = @steps_per_epoch > 1: one row per step s = 0 … epochs·K − 1, "step,
 * epoch," then each series, the epoch being the whole epoch s belongs to, ⌊s/K⌋.
 * A series stepped per epoch holds its value at ⌊s/K⌋ through the epoch; one
 * stepped per step is evaluated at s. */
static int
eval_write_steps (GPtrArray      *schedules,
                  char          **specs,
                  const gboolean *per_step,
                  gint64          epochs,
                  gint64          steps_per_epoch,
                  gboolean        json)
{
  guint n = schedules->len;
  gint64 steps = epochs * steps_per_epoch;
  g_autofree double *values = g_new (double, (gsize) n * EVAL_CHUNK);
  g_autofree double *by_epoch = g_new (double, EVAL_CHUNK + 1);
  gsize row_max = ANNEAL_TEXT_ROW_MAX (n) + 24 + 3;
  g_autoptr(GString) header = g_string_new (NULL);
  g_auto(Output) out = { 0 };

  output_init (&out, stdout, row_max);

  if (json)
    {
      g_string_append_printf (header, "{\"epochs\": %" G_GINT64_FORMAT
                              ", \"steps_per_epoch\": %" G_GINT64_FORMAT ", \"series\": [",
                              epochs, steps_per_epoch);
      append_series_names (header, specs, n, TRUE);
      g_string_append (header, "],\n \"stepped_per\": [");
      for (guint i = 0; i < n; i++)
        g_string_append_printf (header, "%s\"%s\"", i > 0 ? ", " : "",
                                per_step[i] ? "step" : "epoch");
      g_string_append (header, "],\n \"rows\": [\n");
    }
  else
    {
      g_string_append (header, "step,epoch");
      append_series_names (header, specs, n, FALSE);
      g_string_append_c (header, '\n');
    }
  output_append (&out, header->str, header->len);

  for (gint64 s0 = 0; s0 < steps && out.error == 0; s0 += EVAL_CHUNK)
    {
      gsize count = (gsize) MIN (EVAL_CHUNK, steps - s0);
      gint64 e0 = s0 / steps_per_epoch;
      gsize n_epochs = (gsize) ((s0 + (gint64) count - 1) / steps_per_epoch - e0 + 1);

      for (guint i = 0; i < n; i++)
        {
          AnnealSchedule *schedule = g_ptr_array_index (schedules, i);
          double *column = values + (gsize) i * EVAL_CHUNK;

          if (per_step[i])
            {
              anneal_schedule_fill (schedule, s0, count, column);
              continue;
            }
          anneal_schedule_fill (schedule, e0, n_epochs, by_epoch);
          for (gsize k = 0; k < count; k++)
            column[k] = by_epoch[(s0 + (gint64) k) / steps_per_epoch - e0];
        }

      for (gsize k = 0; k < count; k++)
        {
          gint64 step = s0 + (gint64) k;
          char *p = output_reserve (&out, row_max);
          char *start = p;

          if (json)
            *p++ = '[';
          p += format_index (step, p);
          *p++ = ',';
          p += anneal_text_format_row (p, step / steps_per_epoch, values + k, EVAL_CHUNK, n,
                                       ANNEAL_TEXT_ROW_CSV);
          if (json)
            {
              p[-1] = ']';
              if (step + 1 < steps)
                *p++ = ',';
              *p++ = '\n';
            }
          out.len += (gsize) (p - start);
        }
    }

  if (json)
    output_string (&out, "]}\n");
  return finish_output (&out);
}

/* Collapses runs of white space, so that a spec typed over several lines still
 * names its column on one line. */
static char *
spec_label (const char *spec)
{
  g_auto(GStrv) words = g_strsplit_set (spec, " \t\r\n\f\v", -1);
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append (s, words[i]);
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

gboolean
anneal_cli_parse_options (GOptionContext *context,
                          int            *argc,
                          char         ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) placeholders = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) hidden = g_ptr_array_new ();
  g_autoptr(GPtrArray) operands = g_ptr_array_new ();
  g_autofree char **original = NULL;  /* the arguments as given, for a message */
  gboolean ok;

  /* Everything after "--" is a spec, and "--" itself is none: GOption sees only
   * what comes before it. */
  for (int i = 1; i < *argc; i++)
    if (strcmp ((*argv)[i], "--") == 0)
      {
        for (int k = i + 1; k < *argc; k++)
          g_ptr_array_add (operands, (*argv)[k]);
        *argc = i;
        break;
      }

  /* A spec can start with '-' ("->cosine()" with its first stage forgotten): hide
   * such arguments from GOption, which would call them unknown options, so that
   * the spec parser can say what is wrong and where. Not when the argument before
   * may be an option waiting for its value. */
  for (int i = 1; i < *argc; i++)
    {
      const char *arg = (*argv)[i];
      const char *before = (*argv)[i - 1];

      if (arg[0] == '-' && (strchr (arg, '(') != NULL || g_str_has_prefix (arg, "->")) &&
          !(i > 1 && before[0] == '-' &&
            strchr (before, '=') == NULL && strchr (before, '(') == NULL))
        {
          char *placeholder = g_strdup_printf ("anneal-spec-%d", i);

          g_ptr_array_add (placeholders, placeholder);
          g_ptr_array_add (hidden, (*argv)[i]);
          (*argv)[i] = placeholder;
        }
    }

  original = g_memdup2 (*argv, sizeof (char *) * (gsize) (*argc + 1));
  ok = g_option_context_parse (context, argc, argv, &error);

  for (int i = 1; i < *argc; i++)
    for (guint k = 0; k < placeholders->len; k++)
      if ((*argv)[i] == g_ptr_array_index (placeholders, k))
        (*argv)[i] = g_ptr_array_index (hidden, k);

  /* GOption only removes arguments, so the operands fit where they were. */
  for (guint k = 0; k < operands->len; k++)
    (*argv)[(*argc)++] = g_ptr_array_index (operands, k);
  (*argv)[*argc] = NULL;

  if (!ok)
    {
      const char *option = NULL;

      /* GOption says only "Invalid byte sequence in conversion input" of a value it
       * could not convert from the locale's character set: name the option. */
      for (int i = 1; error->domain == G_CONVERT_ERROR && original[i] != NULL; i++)
        if (!g_utf8_validate (original[i], -1, NULL) ||
            (!g_get_charset (NULL) && !g_str_is_ascii (original[i])))
          {
            if (original[i][0] == '-' && strchr (original[i], '=') != NULL)
              option = original[i];
            else if (i > 1 && original[i - 1][0] == '-')
              option = original[i - 1];
            break;
          }
      if (option != NULL)
        {
          g_autofree char *name = g_strndup (option, strcspn (option, "="));
          g_autofree char *shown = anneal_text_escape (name, -1);

          anneal_cli_error (_("Could not read the value of %s: %s"), shown, error->message);
        }
      else
        anneal_cli_error ("%s", error->message);
      return FALSE;
    }
  return TRUE;
}

static int
command_eval (int    argc,
              char **argv)
{
  g_autofree char *epochs_text = NULL;
  g_autofree char *format = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *steps_text = NULL;
  g_auto(GStrv) per_step_lists = NULL;
  g_autofree gboolean *per_step = NULL;
  gint64 epochs = ANNEAL_CLI_DEFAULT_EPOCHS;
  gint64 steps_per_epoch = 1;
  GOptionEntry entries[] = {
    { "epochs", 'n', 0, G_OPTION_ARG_STRING, &epochs_text,
      N_("Evaluate epochs 0 … N−1 (default 50)"), "N" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format,
      N_("Output format: csv (default) or json"), "FORMAT" },
    { "steps-per-epoch", 'k', 0, G_OPTION_ARG_STRING, &steps_text,
      N_("Optimizer steps in one epoch (default 1); above 1, one row per step"), "K" },
    { "per-step", 0, 0, G_OPTION_ARG_STRING_ARRAY, &per_step_lists,
      N_("The specs stepped once per step, not per epoch: 'all' or their numbers, "
         "e.g. 2,3"), N_("LIST") },
    { NULL }
  };

  context = g_option_context_new (_("SPEC… — print the values of schedules"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Writes CSV to standard output: a header naming each series by its spec, then\n"
      "one row per epoch; every value reads back to the same double.\n\n"
      "Steps and epochs: with --steps-per-epoch K above 1, a run of N epochs has N·K\n"
      "steps and the output one row per step, with the columns step,epoch,SPEC…: the\n"
      "epoch is the whole epoch the step belongs to, step div K. A series stepped\n"
      "per epoch (the default) keeps its value at that epoch through the epoch's\n"
      "steps; one named by --per-step is evaluated at the step itself.\n\n"
      "Examples:\n"
      "  anneal-cli eval -n 50 'cosine-wave()' 'damped-cosine-wave()'\n"
      "  anneal-cli eval -n 3 -k 100 --per-step 2 'step(step_size=1)' "
      "'cosine(t_max=300)'"));
  if (!anneal_cli_parse_options (context, &argc, &argv))
    return ANNEAL_CLI_EXIT_USAGE;

  if (epochs_text != NULL && !anneal_cli_parse_epochs (epochs_text, &epochs, &error))
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }
  if (format != NULL && strcmp (format, "csv") != 0 && strcmp (format, "json") != 0)
    {
      anneal_cli_error (_("--format: unknown format '%s' (choose csv or json)"), format);
      return ANNEAL_CLI_EXIT_USAGE;
    }
  if (argc < 2)
    {
      anneal_cli_error (_("eval needs at least one SPEC, e.g. anneal-cli eval 'cosine()'"));
      return ANNEAL_CLI_EXIT_USAGE;
    }

  if (steps_text != NULL &&
      !anneal_cli_parse_steps_per_epoch (steps_text, epochs, &steps_per_epoch, &error))
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }
  per_step = g_new0 (gboolean, argc - 1);
  if (!anneal_cli_parse_per_step (per_step_lists, (guint) argc - 1, per_step, &error))
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }

  schedules = anneal_cli_parse_specs (argc - 1, argv + 1);
  if (schedules == NULL)
    return ANNEAL_CLI_EXIT_USAGE;

  for (int i = 1; i < argc; i++)
    g_ptr_array_add (labels, spec_label (argv[i]));

  /* One step an epoch: the output is the plain epoch table, whatever the units. */
  if (steps_per_epoch > 1)
    return eval_write_steps (schedules, (char **) labels->pdata, per_step, epochs,
                             steps_per_epoch, format != NULL && strcmp (format, "json") == 0);
  return eval_write (schedules, (char **) labels->pdata, epochs,
                     format != NULL && strcmp (format, "json") == 0);
}

/* The column (in characters, from 1) where stage @stage of @spec begins: after
 * the @stage-th "->" outside parentheses and brackets, white space skipped — the
 * parser's white space, a vertical tab included (g_ascii_isspace() leaves it out). */
static guint
stage_column (const char *spec,
              guint       stage)
{
  guint column = 1, seen = 0;
  int depth = 0;
  const char *p = spec;

  for (; *p != '\0' && seen < stage; p = g_utf8_next_char (p), column++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth == 0 && p[0] == '-' && p[1] == '>')
        {
          seen++;
          p++;
          column++;
        }
    }
  while (*p != '\0' && (g_ascii_isspace (*p) || *p == '\v'))
    p++, column++;
  return column;
}

/* warning: column C: ID: explanation, for each pitfall over epochs 0 … epochs − 1. */
static void
check_pitfalls (const AnnealSchedule *schedule,
                const char           *spec,
                gint64                epochs,
                int                   index,
                int                   count)
{
  g_autoptr(GPtrArray) pitfalls = anneal_schedule_find_pitfalls (schedule, epochs);

  for (guint i = 0; i < pitfalls->len; i++)
    {
      const AnnealPitfall *pitfall = g_ptr_array_index (pitfalls, i);
      g_autofree char *line = NULL;
      g_autofree char *escaped = NULL;

      line = g_strdup_printf ("column %u: %s: %s",
                              stage_column (spec, anneal_pitfall_get_stage (pitfall)),
                              anneal_pitfall_id_to_string (anneal_pitfall_get_id (pitfall)),
                              anneal_pitfall_get_explanation (pitfall));
      if (count > 1)
        {
          /* TRANSLATORS: a warning, then which of several specs it is about */
          g_autofree char *with_spec = g_strdup_printf (_("%s [spec %d of %d]"), line,
                                                        index + 1, count);
          g_free (line);
          line = g_steal_pointer (&with_spec);
        }
      g_strdelimit (line, "\r\n", ' ');
      escaped = anneal_text_escape (line, -1);
      fprintf (stderr, "%s %s\n", _("warning:"), escaped);
    }
}

static int
command_check (int    argc,
               char **argv)
{
  g_autofree char *epochs_text = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GError) error = NULL;
  gint64 epochs = 0;
  GOptionEntry entries[] = {
    { "epochs", 'n', 0, G_OPTION_ARG_STRING, &epochs_text,
      N_("Also look for pitfalls over epochs 0 … N−1"), "N" },
    { NULL }
  };

  context = g_option_context_new (_("SPEC… — parse and validate specs without computing"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("Prints each spec in its canonical form, or one line naming the column and\n"
      "the reason it is refused (exit status 2).\n\n"
      "With -n N it also looks for pitfalls over a run of N epochs and prints one\n"
      "line per pitfall on standard error, still exiting 0 (1 if they could not be\n"
      "written):\n"
      "  warning: column C: ID: explanation\n"
      "C is the column of the stage, ID one of past-horizon, ends-mid-cycle,\n"
      "zero-rate, never-peaks, unreached-milestone. Without -n nothing is computed.\n\n"
      "Example:\n"
      "  anneal-cli check -n 80 'sgdr(t_0=10, t_mult=2)'"));
  if (!anneal_cli_parse_options (context, &argc, &argv))
    return ANNEAL_CLI_EXIT_USAGE;
  if (epochs_text != NULL && !anneal_cli_parse_epochs (epochs_text, &epochs, &error))
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }
  if (argc < 2)
    {
      anneal_cli_error (_("check needs at least one SPEC"));
      return ANNEAL_CLI_EXIT_USAGE;
    }

  schedules = anneal_cli_parse_specs (argc - 1, argv + 1);
  if (schedules == NULL)
    return ANNEAL_CLI_EXIT_USAGE;

  for (guint i = 0; i < schedules->len; i++)
    {
      g_autofree char *text = anneal_schedule_to_string (g_ptr_array_index (schedules, i));
      printf ("%s\n", text);
    }
  if (epochs > 0)
    {
      /* The canonical forms first; if they could not be written, that one line is the
       * whole report, not the pitfalls followed by it. */
      if (fflush (stdout) != 0 || ferror (stdout))
        {
          anneal_cli_report_stdout_error (errno ? errno : EIO);
          return ANNEAL_CLI_EXIT_FAILURE;
        }
      for (guint i = 0; i < schedules->len; i++)
        check_pitfalls (g_ptr_array_index (schedules, i), argv[i + 1], epochs, (int) i,
                        (int) schedules->len);
      /* With -n the warnings are the answer: lost (standard error full or closed), the
       * command failed. There is nowhere left to say so but the exit status. */
      if (fflush (stderr) != 0 || ferror (stderr))
        return ANNEAL_CLI_EXIT_FAILURE;
    }
  return ANNEAL_CLI_EXIT_OK;
}

static void
list_json_number (GString *s,
                  double   v)
{
  char buf[ANNEAL_FORMAT_DOUBLE_BUFSIZE];

  if (isinf (v))
    g_string_append (s, "null");
  else
    {
      anneal_format_double (v, buf);
      g_string_append (s, buf);
    }
}

static void
list_json (GString *s)
{
  g_string_append (s, "[\n");
  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);
      const char *twin = anneal_kind_get_damped_twin (kind);

      g_string_append (s, "  {\"name\": ");
      anneal_text_append_json_string (s, anneal_kind_get_name (kind));
      g_string_append (s, ", \"summary\": ");
      anneal_text_append_json_string (s, anneal_kind_get_summary (kind));
      g_string_append (s, ", \"origin\": ");
      anneal_text_append_json_string (s, anneal_kind_get_origin (kind));
      g_string_append (s, ", \"damped_twin\": ");
      if (twin != NULL)
        anneal_text_append_json_string (s, twin);
      else
        g_string_append (s, "null");
      g_string_append (s, ",\n   \"params\": [");
      for (guint j = 0; j < anneal_kind_get_n_params (kind); j++)
        {
          const AnnealParam *param = anneal_kind_get_param (kind, j);
          AnnealParamType type = anneal_param_get_value_type (param);
          AnnealParamFlags flags = anneal_param_get_flags (param);
          const char *def = anneal_param_get_default_value (param);
          g_autofree char *range = anneal_param_describe_range (param);

          g_string_append (s, j > 0 ? ",\n     " : "\n     ");
          g_string_append (s, "{\"name\": ");
          anneal_text_append_json_string (s, anneal_param_get_name (param));
          g_string_append (s, ", \"type\": ");
          anneal_text_append_json_string (s, anneal_param_type_to_string (type));
          g_string_append (s, ", \"default\": ");
          if (def != NULL)
            anneal_text_append_json_string (s, def);
          else
            g_string_append (s, "null");
          if (type == ANNEAL_PARAM_CHOICE)
            {
              const char * const *choices = anneal_param_get_choices (param);

              g_string_append (s, ", \"choices\": [");
              for (guint k = 0; choices[k] != NULL; k++)
                {
                  if (k > 0)
                    g_string_append (s, ", ");
                  anneal_text_append_json_string (s, choices[k]);
                }
              g_string_append (s, "]");
            }
          else if (type != ANNEAL_PARAM_BOOLEAN)
            {
              gboolean min_open = (flags & ANNEAL_PARAM_FLAGS_MIN_OPEN) != 0;
              gboolean max_open = (flags & ANNEAL_PARAM_FLAGS_MAX_OPEN) != 0;

              g_string_append (s, ", \"min\": ");
              list_json_number (s, anneal_param_get_minimum (param));
              g_string_append (s, ", \"max\": ");
              list_json_number (s, anneal_param_get_maximum (param));
              g_string_append_printf (s, ", \"min_open\": %s, \"max_open\": %s",
                                      min_open ? "true" : "false", max_open ? "true" : "false");
            }
          g_string_append (s, ", \"range\": ");
          anneal_text_append_json_string (s, range);
          g_string_append (s, ", \"summary\": ");
          anneal_text_append_json_string (s, anneal_param_get_summary (param));
          g_string_append (s, "}");
        }
      g_string_append (s, "]}");
      g_string_append (s, i + 1 < anneal_kind_get_count () ? ",\n" : "\n");
    }
  g_string_append (s, "]\n");
}

/* @text and spaces up to @width characters (not bytes: "√" or a translation's
 * "ä" is one), then one space */
static void
append_padded (GString    *s,
               const char *text,
               glong       width)
{
  glong n = g_utf8_strlen (text, -1);

  g_string_append (s, text);
  for (glong i = n; i < width; i++)
    g_string_append_c (s, ' ');
  g_string_append_c (s, ' ');
}

static void
list_text (GString *s)
{
  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);
      const char *twin = anneal_kind_get_damped_twin (kind);

      if (i > 0)
        g_string_append_c (s, '\n');
      g_string_append_printf (s, "%s — %s\n", anneal_kind_get_name (kind),
                              anneal_kind_get_summary (kind));
      g_string_append_printf (s, "  %s", anneal_kind_get_origin (kind));
      if (twin != NULL)
        g_string_append_printf (s, _("; damped twin: %s"), twin);
      g_string_append_c (s, '\n');
      for (guint j = 0; j < anneal_kind_get_n_params (kind); j++)
        {
          const AnnealParam *param = anneal_kind_get_param (kind, j);
          g_autofree char *range = anneal_param_describe_range (param);
          const char *def = anneal_param_get_default_value (param);
          g_autofree char *follows = NULL;

          if (def == NULL)
            /* TRANSLATORS: a default that follows from other parameters, which the
             * description names; at most 11 characters keeps the columns aligned */
            def = _("derived");
          g_string_append (s, "  ");
          append_padded (s, anneal_param_get_name (param), 17);
          append_padded (s, anneal_param_type_to_string (anneal_param_get_value_type (param)), 8);
          append_padded (s, def, 11);
          append_padded (s, range, 25);
          g_string_append_printf (s, "%s\n", anneal_param_get_summary (param));
        }
    }
  g_string_append (s, _("\nEvery stage followed by '->' also takes for=N, the epochs it lasts.\n"));
}

static int
command_list (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of a table"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("— list every schedule kind with its parameters"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!anneal_cli_parse_options (context, &argc, &argv))
    return ANNEAL_CLI_EXIT_USAGE;
  if (argc > 1)
    {
      anneal_cli_error (_("list takes no arguments, got '%s'"), argv[1]);
      return ANNEAL_CLI_EXIT_USAGE;
    }

  if (json)
    list_json (s);
  else
    list_text (s);
  fputs (s->str, stdout);
  return ANNEAL_CLI_EXIT_OK;
}

static void
print_usage (FILE *file)
{
  fprintf (file, "%s\n  anneal-cli %s\n\n%s\n\n%s\n",
           _("Usage:"),
           _("COMMAND [OPTION…] [SPEC…]"),
           _("Design, compare and export learning-rate schedules."),
           _("Commands:"));
  fprintf (file, "  eval     %s\n", _("Print the values of schedules as CSV or JSON"));
  fprintf (file, "  render   %s\n", _("Draw schedules into a PNG, SVG or PDF figure"));
  fprintf (file, "  list     %s\n", _("List every schedule kind with its parameters"));
  fprintf (file, "  check    %s\n", _("Validate specs; with -n, look for pitfalls over a run"));
  fprintf (file, "  import   %s\n", _("Read the schedule a Python training script builds"));
  fprintf (file, "  code     %s\n", _("Print PyTorch or plain Python code for a schedule"));
  fprintf (file, "\n%s\n",
           _("A SPEC is one schedule, e.g. 'cosine(lr=0.1, t_max=45)', or stages joined\n"
                             "by '->', each but the last with for=N:\n"
             "  'linear(start_factor=0.01, total_iters=5, for=5) -> "
             "cosine(t_max=45)'"));
  fprintf (file, "\n%s\n",
           _("Exit status: 0 done, 2 refused input (usage or spec), 1 any other failure."));
  fprintf (file, "%s\n", _("Run 'anneal-cli COMMAND --help' for the options of a command."));
}

/* "-n3", "-n=3", "-oout.png": a short option with its value attached, as getopt()
 * takes it (GOption knows only "-n 3" and called these unknown options). Every short
 * option of the commands but -h takes a value. Only before "--"; the parts point
 * into the arguments, @split holds the new vector. */
static char **
split_attached_values (int    *argc,
                       char  **argv,
                       char ***split)
{
  static const char * const options[] = { "-n", "-k", "-o" };
  int n = 0;

  *split = g_new0 (char *, 2 * (gsize) *argc + 1);
  for (int i = 0; i < *argc; i++)
    {
      const char *arg = argv[i];
      guint k;

      if (strcmp (arg, "--") == 0)
        {
          for (; i < *argc; i++)
            (*split)[n++] = argv[i];
          break;
        }
      for (k = 0; i > 0 && k < G_N_ELEMENTS (options); k++)
        if (strncmp (arg, options[k], 2) == 0 && arg[2] != '\0' &&
            !(arg[2] == '=' && arg[3] == '\0'))
          break;
      if (i > 0 && k < G_N_ELEMENTS (options))
        {
          (*split)[n++] = (char *) options[k];
          (*split)[n++] = argv[i] + (arg[2] == '=' ? 3 : 2);
        }
      else
        (*split)[n++] = argv[i];
    }
  *argc = n;
  return *split;
}

int
main (int    argc,
      char **argv)
{
  const char *command;
  g_autofree char **split = NULL;

  setlocale (LC_ALL, "");
  /* glibc ignores LANGUAGE in the plain C locale: `LANGUAGE=de anneal-cli` should
   * still speak German. Messages only; numbers stay in the C locale anyway. */
  if (g_getenv ("LANGUAGE") != NULL &&
      (g_strcmp0 (setlocale (LC_MESSAGES, NULL), "C") == 0 ||
       g_strcmp0 (setlocale (LC_MESSAGES, NULL), "POSIX") == 0))
    setlocale (LC_MESSAGES, "C.UTF-8");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname ("anneal-cli");
  hold_closed_descriptors ();
  atexit (close_stdout);
  /* Past `ulimit -f`, write() to standard output fails with EFBIG and is reported as
   * any failed write is, instead of SIGXFSZ ending the process without a word. */
  signal (SIGXFSZ, SIG_IGN);

  if (argc < 2)
    {
      print_usage (stderr);
      return ANNEAL_CLI_EXIT_USAGE;
    }

  command = argv[1];
  if (strcmp (command, "--help") == 0 || strcmp (command, "-h") == 0 ||
      strcmp (command, "help") == 0)
    {
      print_usage (stdout);
      return ANNEAL_CLI_EXIT_OK;
    }
  if (strcmp (command, "--version") == 0)
    {
      printf ("anneal-cli %s\n", PACKAGE_VERSION);
      return ANNEAL_CLI_EXIT_OK;
    }

  /* Each command sees itself as argv[0], and its --help says "anneal-cli eval". */
  argc--, argv++;
  {
    g_autofree char *prgname = g_strdup_printf ("anneal-cli %s", command);
    g_set_prgname (prgname);
  }
  argv = split_attached_values (&argc, argv, &split);
  if (strcmp (command, "eval") == 0)
    return command_eval (argc, argv);
  if (strcmp (command, "render") == 0)
    return anneal_cli_render (argc, argv);
  if (strcmp (command, "list") == 0)
    return command_list (argc, argv);
  if (strcmp (command, "check") == 0)
    return command_check (argc, argv);
  if (strcmp (command, "import") == 0)
    return anneal_cli_import (argc, argv);
  if (strcmp (command, "code") == 0)
    return anneal_cli_code (argc, argv);

  anneal_cli_error (_("unknown command '%s' (try anneal-cli --help)"), command);
  return ANNEAL_CLI_EXIT_USAGE;
}
