/* anneal-export.c — figures and data to files and the clipboard, without any dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderer does the writing (temporary file, then rename); this only picks the
 * theme for the export and puts it back afterwards.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "anneal-export.h"

void
anneal_export_options_init_default (AnnealExportOptions *options)
{
  g_return_if_fail (options != NULL);

  options->format = ANNEAL_CHART_FORMAT_PNG;
  options->width = 1280;
  options->height = 720;
  options->scale = 1.0;
  options->theme = ANNEAL_EXPORT_THEME_LIGHT;
}

const char *
anneal_export_format_extension (AnnealChartFormat format)
{
  switch (format)
    {
    case ANNEAL_CHART_FORMAT_PNG: return ".png";
    case ANNEAL_CHART_FORMAT_SVG: return ".svg";
    case ANNEAL_CHART_FORMAT_PDF: return ".pdf";
    case ANNEAL_CHART_FORMAT_CSV: return ".csv";
    default: return "";
    }
}

char *
anneal_export_suggest_name (const char        *name,
                            AnnealChartFormat  format)
{
  g_autofree char *stem = g_strdup (name ? name : _("Schedules"));
  char *dot = strrchr (stem, '.');

  if (dot != NULL && dot != stem)
    *dot = '\0';

  return g_strconcat (stem, anneal_export_format_extension (format), NULL);
}

typedef struct
{
  AnnealChart      *chart;
  AnnealChartTheme  saved;
} ThemeSwap;

static void
theme_swap_begin (ThemeSwap                 *swap,
                  AnnealChart               *chart,
                  const AnnealExportOptions *options)
{
  swap->chart = chart;
  swap->saved = anneal_chart_get_theme (chart);

  switch (options->theme)
    {
    case ANNEAL_EXPORT_THEME_LIGHT:
      anneal_chart_set_theme (chart, ANNEAL_CHART_THEME_LIGHT);
      break;

    case ANNEAL_EXPORT_THEME_DARK:
      anneal_chart_set_theme (chart, ANNEAL_CHART_THEME_DARK);
      break;

    case ANNEAL_EXPORT_THEME_TRANSPARENT:
      anneal_chart_set_theme (chart, ANNEAL_CHART_THEME_TRANSPARENT);
      break;

    case ANNEAL_EXPORT_THEME_AS_DISPLAYED:
    default:
      break;
    }
}

static void
theme_swap_end (ThemeSwap *swap)
{
  if (anneal_chart_get_theme (swap->chart) != swap->saved)
    anneal_chart_set_theme (swap->chart, swap->saved);
}

gboolean
anneal_export_to_file (AnnealChart               *chart,
                       const char                *path,
                       const AnnealExportOptions *options,
                       GError                   **error)
{
  ThemeSwap swap;
  gboolean ret;

  g_return_val_if_fail (ANNEAL_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  theme_swap_begin (&swap, chart, options);
  ret = anneal_chart_export (chart, path, options->format,
                             options->width, options->height, options->scale, error);
  theme_swap_end (&swap);

  return ret;
}

GdkTexture *
anneal_export_to_texture (AnnealChart               *chart,
                          const AnnealExportOptions *options,
                          GError                   **error)
{
  g_autoptr(GBytes) png = NULL;
  ThemeSwap swap;

  g_return_val_if_fail (ANNEAL_IS_CHART (chart), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  theme_swap_begin (&swap, chart, options);
  png = anneal_chart_render_png (chart, options->width, options->height, options->scale, error);
  theme_swap_end (&swap);

  if (png == NULL)
    return NULL;

  return gdk_texture_new_from_bytes (png, error);
}

gboolean
anneal_export_to_clipboard (AnnealChart               *chart,
                            GdkClipboard              *clipboard,
                            const AnnealExportOptions *options,
                            GError                   **error)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), FALSE);

  texture = anneal_export_to_texture (chart, options, error);
  if (texture == NULL)
    return FALSE;

  gdk_clipboard_set_texture (clipboard, texture);
  return TRUE;
}
