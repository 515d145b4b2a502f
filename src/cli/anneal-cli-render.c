/* anneal-cli-render.c — `anneal-cli render`: the overlay chart to PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "anneal-chart.h"
#include "anneal-cli.h"

#define DEFAULT_WIDTH  1280
#define DEFAULT_HEIGHT 720

static gboolean
parse_size (const char  *text,
            int         *width,
            int         *height,
            GError     **error)
{
  guint64 w, h;
  const char *x;
  g_autofree char *ws = NULL;

  x = strpbrk (text, "xX");
  if (x == NULL)
    goto bad;
  ws = g_strndup (text, (gsize) (x - text));
  if (!g_ascii_string_to_unsigned (ws, 10, ANNEAL_CHART_MIN_SIZE, ANNEAL_CHART_MAX_SIZE,
                                   &w, NULL) ||
      !g_ascii_string_to_unsigned (x + 1, 10, ANNEAL_CHART_MIN_SIZE, ANNEAL_CHART_MAX_SIZE,
                                   &h, NULL))
    goto bad;
  *width = (int) w;
  *height = (int) h;
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--size must be WIDTHxHEIGHT, each %d to %d pixels, not “%s”"),
               ANNEAL_CHART_MIN_SIZE, ANNEAL_CHART_MAX_SIZE, text);
  return FALSE;
}

static gboolean
parse_scale (const char  *text,
             double      *scale,
             GError     **error)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  /* decimal only, as in specs: g_ascii_strtod() reads 0x2 too */
  if (end == text || *end != '\0' || !isfinite (v) || strpbrk (text, "xX") != NULL ||
      v < ANNEAL_CHART_MIN_SCALE || v > ANNEAL_CHART_MAX_SCALE)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--scale must be a number from 0.25 to 8, not “%s”"), text);
      return FALSE;
    }
  *scale = v;
  return TRUE;
}

static gboolean
parse_theme (const char        *text,
             AnnealChartTheme  *theme,
             GError           **error)
{
  if (g_strcmp0 (text, "light") == 0)
    *theme = ANNEAL_CHART_THEME_LIGHT;
  else if (g_strcmp0 (text, "dark") == 0)
    *theme = ANNEAL_CHART_THEME_DARK;
  else if (g_strcmp0 (text, "transparent") == 0)
    *theme = ANNEAL_CHART_THEME_TRANSPARENT;
  else
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--theme must be light, dark or transparent, not “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

/* The legend shows the spec as typed, without surrounding blanks; the chart
 * shortens what does not fit. */
static char *
series_label (const char *spec)
{
  return g_strstrip (g_strdup (spec));
}

int
anneal_cli_render (int    argc,
                   char **argv)
{
  g_autofree char *epochs_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *scale_text = NULL;
  g_autofree char *title = NULL;
  g_autofree char *theme_text = NULL;
  g_autofree char *steps_text = NULL;
  g_autofree char *x_axis_text = NULL;
  g_auto(GStrv) per_step_lists = NULL;
  g_autofree gboolean *per_step = NULL;
  gint64 steps_per_epoch = 1;
  AnnealChartUnit x_unit = ANNEAL_CHART_UNIT_EPOCH;
  gboolean log_y = FALSE;
  char **specs;
  GOptionEntry entries[] = {
    { "epochs", 'n', 0, G_OPTION_ARG_STRING, &epochs_text,
      N_("Number of epochs, t = 0 … N−1 (default 50)"), N_("N") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("The file to write: .png, .svg or .pdf (.csv writes the values)"), N_("FILE") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_text,
      N_("Figure size in logical pixels (default 1280x720)"), N_("WxH") },
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale_text,
      N_("Device scale of a PNG, e.g. 2 for HiDPI (default 1)"), N_("S") },
    /* not converted from the locale's encoding (which fails for any non-ASCII
     * title where no locale is set, as in cron and containers): UTF-8 is checked */
    { "title", 0, 0, G_OPTION_ARG_FILENAME, &title,
      N_("Title above the chart"), N_("TEXT") },
    { "log-y", 0, 0, G_OPTION_ARG_NONE, &log_y,
      N_("Logarithmic learning-rate axis"), NULL },
    { "theme", 0, 0, G_OPTION_ARG_STRING, &theme_text,
      N_("light (default), dark or transparent"), N_("THEME") },
    { "steps-per-epoch", 'k', 0, G_OPTION_ARG_STRING, &steps_text,
      N_("Optimizer steps in one epoch (default 1)"), "K" },
    { "per-step", 0, 0, G_OPTION_ARG_STRING_ARRAY, &per_step_lists,
      N_("The specs stepped once per step, not per epoch: 'all' or their numbers, "
         "e.g. 2,3"), N_("LIST") },
    { "x-axis", 0, 0, G_OPTION_ARG_STRING, &x_axis_text,
      N_("The unit the x axis is labelled in: epochs (default) or steps"), N_("UNIT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(AnnealChart) chart = NULL;
  AnnealChartFormat format;
  AnnealChartTheme theme = ANNEAL_CHART_THEME_LIGHT;
  gint64 epochs = ANNEAL_CLI_DEFAULT_EPOCHS;
  int width = DEFAULT_WIDTH, height = DEFAULT_HEIGHT;
  double scale = 1.0;
  guint n_specs;

  context = g_option_context_new (_("SPEC… — draw schedules into a figure"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("Draws the schedules into one chart. The file's extension chooses the format:\n"
      ".png, .svg or .pdf.\n\n"
      "Example: anneal-cli render -n 50 -o cmp.png 'cosine-wave()' 'damped-cosine-wave()'\n\n"
      "Steps and epochs: with --steps-per-epoch K, a series stepped per epoch keeps\n"
      "its value through the epoch's K steps, one named by --per-step changes at\n"
      "every step; --x-axis steps labels the axis in steps, with epochs as secondary\n"
      "ticks (and the other way round). A .csv then has one row per step."));

  if (!anneal_cli_parse_options (context, &argc, &argv))
    return ANNEAL_CLI_EXIT_USAGE;

  if (epochs_text != NULL && !anneal_cli_parse_epochs (epochs_text, &epochs, &error))
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }
  if (title != NULL && !g_utf8_validate (title, -1, NULL))
    {
      anneal_cli_error ("%s", _("--title must be UTF-8 text"));
      return ANNEAL_CLI_EXIT_USAGE;
    }
  if (output == NULL || *output == '\0')
    {
      anneal_cli_error ("%s", _("no output file: give one with -o FILE"));
      return ANNEAL_CLI_EXIT_USAGE;
    }
  if (!anneal_chart_format_from_path (output, &format, &error) ||
      (size_text != NULL && !parse_size (size_text, &width, &height, &error)) ||
      (scale_text != NULL && !parse_scale (scale_text, &scale, &error)) ||
      (theme_text != NULL && !parse_theme (theme_text, &theme, &error)))
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }

  if (steps_text != NULL &&
      !anneal_cli_parse_steps_per_epoch (steps_text, epochs, &steps_per_epoch, &error))
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }
  if (x_axis_text != NULL)
    {
      if (strcmp (x_axis_text, "steps") == 0)
        x_unit = ANNEAL_CHART_UNIT_STEP;
      else if (strcmp (x_axis_text, "epochs") != 0)
        {
          anneal_cli_error (_("--x-axis must be epochs or steps, not “%s”"), x_axis_text);
          return ANNEAL_CLI_EXIT_USAGE;
        }
    }

  /* What GOption leaves is the specs, in order. */
  specs = argv + 1;
  n_specs = (guint) (argc - 1);
  if (n_specs == 0)
    {
      anneal_cli_error ("%s", _("no schedule: give at least one SPEC"));
      return ANNEAL_CLI_EXIT_USAGE;
    }
  per_step = g_new0 (gboolean, n_specs);
  if (!anneal_cli_parse_per_step (per_step_lists, n_specs, per_step, &error))
    {
      anneal_cli_error ("%s", error->message);
      return ANNEAL_CLI_EXIT_USAGE;
    }
  schedules = anneal_cli_parse_specs ((int) n_specs, specs);
  if (schedules == NULL)
    return ANNEAL_CLI_EXIT_USAGE;

  chart = anneal_chart_new ();
  anneal_chart_set_epochs (chart, epochs);
  anneal_chart_set_steps_per_epoch (chart, steps_per_epoch);
  anneal_chart_set_x_unit (chart, x_unit);
  anneal_chart_set_log_y (chart, log_y);
  anneal_chart_set_theme (chart, theme);
  anneal_chart_set_title (chart, title);
  for (guint i = 0; i < schedules->len; i++)
    {
      g_autofree char *label = series_label (specs[i]);

      guint index = anneal_chart_add_series (chart, g_ptr_array_index (schedules, i), label);

      if (per_step[i])
        anneal_chart_set_series_unit (chart, index, ANNEAL_CHART_UNIT_STEP);
    }

  if (!anneal_chart_export (chart, output, format, width, height, scale, &error))
    {
      anneal_cli_error ("%s", error->message);
      return g_error_matches (error, ANNEAL_CHART_ERROR, ANNEAL_CHART_ERROR_WRITE)
               ? ANNEAL_CLI_EXIT_FAILURE
               : ANNEAL_CLI_EXIT_USAGE;
    }

  return ANNEAL_CLI_EXIT_OK;
}
