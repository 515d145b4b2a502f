/* anneal-export.c — figures and data to files and the clipboard, without any dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The renderer does the writing (temporary file, then rename); this only picks the
 * theme for the export and puts it back afterwards. Training code goes through the
 * same atomic writer.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "anneal-atomic-file.h"
#include "anneal-export.h"

void
anneal_export_options_init_default (AnnealExportOptions *options)
{
  g_return_if_fail (options != NULL);

  options->format = ANNEAL_EXPORT_FORMAT_PNG;
  options->width = 1280;
  options->height = 720;
  options->scale = 1.0;
  options->theme = ANNEAL_EXPORT_THEME_LIGHT;
  options->series = -1;
}

gboolean
anneal_export_format_is_figure (AnnealExportFormat format)
{
  return format == ANNEAL_EXPORT_FORMAT_PNG || format == ANNEAL_EXPORT_FORMAT_SVG ||
         format == ANNEAL_EXPORT_FORMAT_PDF;
}

gboolean
anneal_export_format_is_code (AnnealExportFormat format)
{
  return format == ANNEAL_EXPORT_FORMAT_PYTORCH || format == ANNEAL_EXPORT_FORMAT_PYTHON;
}

const char *
anneal_export_format_extension (AnnealExportFormat format)
{
  switch (format)
    {
    case ANNEAL_EXPORT_FORMAT_PNG: return ".png";
    case ANNEAL_EXPORT_FORMAT_SVG: return ".svg";
    case ANNEAL_EXPORT_FORMAT_PDF: return ".pdf";
    case ANNEAL_EXPORT_FORMAT_CSV: return ".csv";
    case ANNEAL_EXPORT_FORMAT_PYTORCH:
    case ANNEAL_EXPORT_FORMAT_PYTHON: return ".py";
    default: return "";
    }
}

char *
anneal_export_suggest_name (const char         *name,
                            AnnealExportFormat  format)
{
  g_autofree char *stem = g_strdup (name ? name : _("Schedules"));
  char *dot = strrchr (stem, '.');

  if (dot != NULL && dot != stem)
    *dot = '\0';

  return g_strconcat (stem, anneal_export_format_extension (format), NULL);
}

/* The theme a file is drawn in; the live chart keeps its own */
static AnnealChartTheme
export_theme (AnnealChart               *chart,
              const AnnealExportOptions *options)
{
  switch (options->theme)
    {
    case ANNEAL_EXPORT_THEME_LIGHT:
      return ANNEAL_CHART_THEME_LIGHT;

    case ANNEAL_EXPORT_THEME_DARK:
      return ANNEAL_CHART_THEME_DARK;

    case ANNEAL_EXPORT_THEME_TRANSPARENT:
      return ANNEAL_CHART_THEME_TRANSPARENT;

    case ANNEAL_EXPORT_THEME_AS_DISPLAYED:
    default:
      return anneal_chart_get_theme (chart);
    }
}

char *
anneal_export_code (AnnealChart         *chart,
                    int                  index,
                    AnnealCodeLanguage   language,
                    GError             **error)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (chart), NULL);

  if (index < 0 || index >= (int) anneal_chart_get_n_series (chart))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("Select the series to write as code first"));
      return NULL;
    }

  /* A series stepped per step gets the loop that steps it per batch. */
  return anneal_code_generate (anneal_chart_get_series_schedule (chart, index), language,
                               anneal_chart_get_series_unit (chart, index) == ANNEAL_CHART_UNIT_STEP
                                 ? ANNEAL_CODE_PER_STEP : ANNEAL_CODE_PER_EPOCH,
                               error);
}

static gboolean
export_to_file (AnnealChart               *chart,
                const char                *path,
                const AnnealExportOptions *options,
                GCancellable              *cancellable,
                GError                   **error)
{
  if (anneal_export_format_is_code (options->format))
    {
      AnnealCodeLanguage language = options->format == ANNEAL_EXPORT_FORMAT_PYTORCH
                                    ? ANNEAL_CODE_PYTORCH : ANNEAL_CODE_PYTHON;
      g_autofree char *code = anneal_export_code (chart, options->series, language, error);

      return code != NULL && anneal_atomic_file_set_contents (path, code, strlen (code), error);
    }

  return anneal_chart_export_with_theme (chart, path, (AnnealChartFormat) options->format,
                                         options->width, options->height, options->scale,
                                         export_theme (chart, options), cancellable, error);
}

gboolean
anneal_export_to_file (AnnealChart               *chart,
                       const char                *path,
                       const AnnealExportOptions *options,
                       GError                   **error)
{
  g_return_val_if_fail (ANNEAL_IS_CHART (chart), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  return export_to_file (chart, path, options, NULL, error);
}

GdkTexture *
anneal_export_to_texture (AnnealChart               *chart,
                          const AnnealExportOptions *options,
                          GError                   **error)
{
  g_autoptr(GBytes) png = NULL;

  g_return_val_if_fail (ANNEAL_IS_CHART (chart), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  png = anneal_chart_render_png_with_theme (chart, options->width, options->height,
                                            options->scale, export_theme (chart, options),
                                            error);

  if (png == NULL)
    return NULL;

  return gdk_texture_new_from_bytes (png, error);
}

/* Exports in a worker thread ---------------------------------------------- */

typedef struct
{
  AnnealChart         *chart;    /* a copy: the worker's alone */
  char                *path;     /* NULL: a texture */
  AnnealExportOptions  options;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->chart);
  g_free (job->path);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      data,
               GCancellable *cancellable)
{
  ExportJob *job = data;
  GError *error = NULL;

  if (job->path != NULL)
    {
      if (export_to_file (job->chart, job->path, &job->options, cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
    }
  else
    {
      GdkTexture *texture = anneal_export_to_texture (job->chart, &job->options, &error);

      if (texture != NULL)
        g_task_return_pointer (task, texture, g_object_unref);
      else
        g_task_return_error (task, error);
    }
}

static void
export_start (AnnealChart               *chart,
              const char                *path,
              const AnnealExportOptions *options,
              gpointer                   tag,
              GCancellable              *cancellable,
              GAsyncReadyCallback        callback,
              gpointer                   user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->chart = anneal_chart_copy (chart);
  job->path = g_strdup (path);
  job->options = *options;
  g_task_set_source_tag (task, tag);
  /* A file is done or not by what the thread says: cancelled once it was written,
   * it is there. A texture cancelled is not put on the clipboard. */
  g_task_set_check_cancellable (task, path == NULL);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

void
anneal_export_to_file_async (AnnealChart               *chart,
                             const char                *path,
                             const AnnealExportOptions *options,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  g_return_if_fail (ANNEAL_IS_CHART (chart));
  g_return_if_fail (path != NULL);
  g_return_if_fail (options != NULL);

  export_start (chart, path, options, anneal_export_to_file_async, cancellable, callback,
                user_data);
}

gboolean
anneal_export_to_file_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == anneal_export_to_file_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
anneal_export_to_clipboard_async (AnnealChart               *chart,
                                  const AnnealExportOptions *options,
                                  GCancellable              *cancellable,
                                  GAsyncReadyCallback        callback,
                                  gpointer                   user_data)
{
  g_return_if_fail (ANNEAL_IS_CHART (chart));
  g_return_if_fail (options != NULL);

  export_start (chart, NULL, options, anneal_export_to_clipboard_async, cancellable, callback,
                user_data);
}

gboolean
anneal_export_to_clipboard_finish (GdkClipboard  *clipboard,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_autoptr(GdkTexture) texture = NULL;

  g_return_val_if_fail (GDK_IS_CLIPBOARD (clipboard), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == anneal_export_to_clipboard_async,
                        FALSE);

  texture = g_task_propagate_pointer (G_TASK (result), error);
  if (texture == NULL)
    return FALSE;
  gdk_clipboard_set_texture (clipboard, texture);
  return TRUE;
}
