/* test-app.c — the desktop app's window, panels, series actions, export and documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (xvfb-run in CI) with G_DEBUG=fatal-warnings: any GTK or GLib
 * warning while the window is built or used fails the test. The window is created
 * without a GtkApplication so that no session bus is needed.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "anneal-document.h"
#include "anneal-export.h"
#include "anneal-export-dialog.h"
#include "anneal-number.h"
#include "anneal-presets.h"
#include "anneal-series-row.h"
#include "anneal-sweep-dialog.h"
#include "anneal-window-private.h"

typedef struct
{
  AnnealWindow *window;
  AnnealChart  *chart;
  char         *tmpdir;
} Fixture;

static void
iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = g_object_ref_sink (anneal_window_new (NULL));
  f->chart = anneal_document_get_chart (anneal_window_get_document (f->window));
  f->tmpdir = g_dir_make_tmp ("test-app-XXXXXX", NULL);
  g_assert_nonnull (f->tmpdir);
  gtk_window_present (GTK_WINDOW (f->window));
  iterate ();
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_no_errno (g_unlink (child));
    }
  g_assert_no_errno (g_rmdir (path));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  iterate ();
  remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static char *
spec_of (AnnealChart *chart,
         guint        index)
{
  return anneal_schedule_to_string (anneal_chart_get_series_schedule (chart, index));
}

static const char *
spec_text (Fixture *f)
{
  return gtk_editable_get_text (GTK_EDITABLE (f->window->spec_entry));
}

/* The window */

static void
test_window_builds (Fixture       *f,
                    gconstpointer  data)
{
  AnnealChartView *view = f->window->chart_view;
  g_autofree char *s0 = NULL;
  g_autofree char *s1 = NULL;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Anneal");
  g_assert_true (anneal_chart_view_get_chart (view) == f->chart);

  /* First start: the notebook's comparison, standard beside damped, N = 50. */
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 4);
  g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, 50);
  s0 = spec_of (f->chart, 0);
  s1 = spec_of (f->chart, 1);
  g_assert_true (g_str_has_prefix (s0, "cosine-wave("));
  g_assert_true (g_str_has_prefix (s1, "damped-cosine-wave("));
  g_assert_false (anneal_document_get_modified (anneal_window_get_document (f->window)));
  g_assert_false (anneal_document_can_undo (anneal_window_get_document (f->window)));

  /* One row per series, the first selected, its spec in the entry. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (f->window->series_list, 3));
  g_assert_null (gtk_list_box_get_row_at_index (f->window->series_list, 4));
  g_assert_cmpint (f->window->selected, ==, 0);
  g_assert_cmpstr (spec_text (f), ==, s0);

  /* It draws. */
  while (anneal_chart_view_get_first_frame_time (view) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >, 100);
}

static void
test_window_readout (Fixture       *f,
                     gconstpointer  data)
{
  AnnealChartView *view = f->window->chart_view;
  g_autofree char *readout = NULL;
  g_autofree char *expected = NULL;
  char value[64];

  anneal_chart_view_set_hover_epoch (view, 9);
  readout = anneal_chart_view_dup_readout (view);
  g_assert_nonnull (readout);
  g_assert_true (g_str_has_prefix (readout, "Epoch 9\n"));

  /* cosine-wave() at t = 9 is lr_end, 0.001 */
  g_snprintf (value, sizeof value, "%.6g",
              anneal_schedule_value (anneal_chart_get_series_schedule (f->chart, 0), 9));
  g_assert_cmpstr (value, ==, "0.001");
  expected = g_strdup_printf ("%s\t%s", anneal_chart_get_series_label (f->chart, 0), value);
  g_assert_nonnull (strstr (readout, expected));

  /* Hidden series are left out. */
  anneal_chart_set_series_visible (f->chart, 1, FALSE);
  g_clear_pointer (&readout, g_free);
  readout = anneal_chart_view_dup_readout (view);
  g_assert_null (strstr (readout, anneal_chart_get_series_label (f->chart, 1)));

  anneal_chart_view_set_hover_epoch (view, -1);
  g_assert_null (anneal_chart_view_dup_readout (view));
}

static void
test_window_zoom (Fixture       *f,
                  gconstpointer  data)
{
  double first, last, y_min, y_max;

  while (anneal_chart_view_get_first_frame_time (f->window->chart_view) == 0)
    g_main_context_iteration (NULL, TRUE);

  g_assert_false (anneal_chart_has_view (f->chart));
  anneal_chart_view_zoom (f->window->chart_view, 10, 0.5);
  g_assert_true (anneal_chart_has_view (f->chart));
  anneal_chart_get_view (f->chart, &first, &last, &y_min, &y_max);
  g_assert_cmpfloat_with_epsilon (first, 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (last, 29.5, 1e-9);

  /* Zooming back out past the whole range returns to the automatic view. */
  anneal_chart_view_zoom (f->window->chart_view, 10, 4);
  g_assert_false (anneal_chart_has_view (f->chart));
}

static void
wait_for_stats (Fixture *f)
{
  while (f->window->stats_source != 0)
    g_main_context_iteration (NULL, TRUE);
  while (anneal_stats_table_get_updating (f->window->stats_table))
    g_main_context_iteration (NULL, TRUE);
}

static const char *
expected_stat (double value,
               char   buffer[ANNEAL_NUMBER_BUFSIZE])
{
  return anneal_number_format (value, buffer, ANNEAL_NUMBER_BUFSIZE);
}

static void
test_window_stats (Fixture       *f,
                   gconstpointer  data)
{
  AnnealStats stats;
  char expected[ANNEAL_NUMBER_BUFSIZE];

  wait_for_stats (f);
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 0, 0), ==,
                   anneal_chart_get_series_label (f->chart, 0));
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 0, 1), ==, "0.1");

  anneal_schedule_stats (anneal_chart_get_series_schedule (f->chart, 2), 0, 49, &stats);
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 2, 6), ==,
                   expected_stat (stats.sum, expected));
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 2, 5), ==,
                   expected_stat (stats.mean, expected));
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 2, 3), ==,
                   expected_stat (stats.min, expected));

  /* Live: a new N recomputes the table. */
  gtk_spin_button_set_value (f->window->epochs_spin, 100);
  g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, 100);
  wait_for_stats (f);
  anneal_schedule_stats (anneal_chart_get_series_schedule (f->chart, 2), 0, 99, &stats);
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 2, 6), ==,
                   expected_stat (stats.sum, expected));
}

/* Issue 9 item 3: 10^9 epochs of a kind whose statistics take long must not block the
 * main loop; the table says it is updating, keeps its old numbers dimmed, and the job
 * is dropped as soon as the schedule changes. */
static void
test_window_stats_off_main_loop (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AnnealStats stats;
  char expected[ANNEAL_NUMBER_BUFSIZE];
  const char *before;
  g_autofree char *kept = NULL;

  g_assert_true (_anneal_window_add_spec (f->window, "exponential()", "exp", &error));
  g_assert_no_error (error);
  wait_for_stats (f);
  before = anneal_stats_table_get_cell (f->window->stats_table, 4, 6);
  g_assert_cmpstr (before, ==, "1.8461");  /* 0.1 · (1 − 0.95^50) / 0.05 */
  kept = g_strdup (before);

  gtk_spin_button_set_value (f->window->epochs_spin, 1e9);
  g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, 1000000000);
  while (f->window->stats_source != 0)
    g_main_context_iteration (NULL, TRUE);

  /* The main loop went on (we are here) while the exponential is being summed. */
  g_assert_true (anneal_stats_table_get_updating (f->window->stats_table));
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 4, 6), ==, kept);
  g_assert_true (anneal_stats_table_row_is_updating (f->window->stats_table, 4));

  /* Back to 50 epochs: the long job is dropped, the table is complete again. */
  gtk_spin_button_set_value (f->window->epochs_spin, 50);
  wait_for_stats (f);
  anneal_schedule_stats (anneal_chart_get_series_schedule (f->chart, 4), 0, 49, &stats);
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 4, 6), ==,
                   expected_stat (stats.sum, expected));
}

/* Issue 9 item 8: without the settings schema the app starts with its defaults and
 * says once, on standard error, what is missing (no critical, no trap). */
static void
test_window_no_schema (void)
{
  g_autofree char *empty = NULL;
  g_autofree char *saved_schema_dir = NULL;

  if (g_test_subprocess ())
    {
      for (guint i = 0; i < 2; i++)
        {
          AnnealWindow *window = g_object_ref_sink (anneal_window_new (NULL));

          g_assert_null (window->settings);
          g_assert_cmpuint (anneal_chart_get_n_series (
                              anneal_document_get_chart (anneal_window_get_document (window))),
                            ==, 4);
          gtk_window_present (GTK_WINDOW (window));
          iterate ();
          gtk_window_destroy (GTK_WINDOW (window));
          g_object_unref (window);
          iterate ();
        }
      return;
    }

  empty = g_dir_make_tmp ("test-app-noschema-XXXXXX", NULL);
  g_assert_nonnull (empty);
  saved_schema_dir = g_strdup (g_getenv ("GSETTINGS_SCHEMA_DIR"));
  g_setenv ("GSETTINGS_SCHEMA_DIR", empty, TRUE);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);

  if (saved_schema_dir != NULL)
    g_setenv ("GSETTINGS_SCHEMA_DIR", saved_schema_dir, TRUE);
  else
    g_unsetenv ("GSETTINGS_SCHEMA_DIR");
  g_rmdir (empty);

  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*settings schema io.github.annealapp.Anneal is not installed*");
  g_test_trap_assert_stderr_unmatched ("*CRITICAL*");
  g_test_trap_assert_stderr_unmatched ("*WARNING*");

  /* Said once, for two windows. */
  g_test_trap_assert_stderr_unmatched ("*not installed*not installed*");
}

/* Issue 13 item 1: the window works from 360×640 up. */

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
resize (Fixture *f,
        int      width,
        int      height)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  guint tick = g_timeout_add (20, wake_up, NULL);
  int default_width, default_height, extra_width, extra_height;

  /* The window's client-side decorations (its shadow) are outside the default size. */
  gtk_window_get_default_size (GTK_WINDOW (f->window), &default_width, &default_height);
  extra_width = default_width - gtk_widget_get_width (window);
  extra_height = default_height - gtk_widget_get_height (window);

  gtk_window_set_default_size (GTK_WINDOW (f->window), width, height);
  for (guint i = 0; i < 500; i++)
    {
      g_main_context_iteration (NULL, TRUE);
      if (gtk_widget_get_width (window) + extra_width == width &&
          gtk_widget_get_height (window) + extra_height == height)
        break;
    }
  g_source_remove (tick);
  iterate ();
  g_assert_cmpint (gtk_widget_get_width (window) + extra_width, ==, width);
  g_assert_cmpint (gtk_widget_get_height (window) + extra_height, ==, height);
}

static gboolean
shown (GtkWidget *widget)
{
  /* Drawn: visible, given room by every parent, inside the window. */
  return gtk_widget_get_mapped (widget) && gtk_widget_get_child_visible (widget) &&
         gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

static void
test_window_narrow (Fixture       *f,
                    gconstpointer  data)
{
  AnnealWindow *w = f->window;
  GtkWidget *chart = GTK_WIDGET (w->chart_view);
  graphene_rect_t bounds;

  /* A phone-sized window: the chart fills it, the sidebar folds away. */
  resize (f, 360, 640);
  g_assert_true (_anneal_window_get_sidebar_folded (w));
  g_assert_false (_anneal_window_get_sidebar_shown (w));
  g_assert_true (shown (chart));
  g_assert_cmpint (gtk_widget_get_width (chart), >=, 300);
  g_assert_cmpint (gtk_widget_get_height (chart), >=, 300);
  g_assert_true (shown (GTK_WIDGET (w->epochs_spin)));
  g_assert_true (shown (w->stats_card));
  g_assert_true (gtk_widget_compute_bounds (chart, GTK_WIDGET (w), &bounds));
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, 360);

  /* The sidebar opens over the chart, within the window, and closes again. */
  gtk_toggle_button_set_active (w->sidebar_button, TRUE);
  g_assert_true (_anneal_window_get_sidebar_shown (w));
  {
    guint tick = g_timeout_add (20, wake_up, NULL);

    /* The sidebar slides in. */
    for (guint i = 0; i < 200 && !shown (GTK_WIDGET (w->series_list)); i++)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (tick);
  }
  g_assert_true (shown (GTK_WIDGET (w->series_list)));
  g_assert_cmpint (gtk_widget_get_width (w->sidebar), <=, 360);
  gtk_toggle_button_set_active (w->sidebar_button, FALSE);

  /* Half a laptop screen: sidebar beside the chart. */
  resize (f, 800, 600);
  g_assert_false (_anneal_window_get_sidebar_folded (w));
  g_assert_true (_anneal_window_get_sidebar_shown (w));
  g_assert_true (shown (GTK_WIDGET (w->series_list)));
  g_assert_cmpint (gtk_widget_get_width (w->sidebar), >=, 340);
  g_assert_cmpint (gtk_widget_get_width (chart), >=, 360);
  g_assert_true (shown (w->stats_card));

  /* Both split views (libadwaita 1.2's AdwFlap, 1.4's AdwOverlaySplitView) fold where
   * the sidebar and the chart pane's minimum no longer fit side by side. */
#if ADW_CHECK_VERSION (1, 4, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.4 API, above ADW_VERSION_MAX_ALLOWED */
  g_assert_true (ADW_IS_OVERLAY_SPLIT_VIEW (w->split));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  g_assert_true (ADW_IS_FLAP (w->split));
#endif
  {
    int sidebar_min, pane_min, default_width, default_height, decoration;

    gtk_widget_measure (w->sidebar, GTK_ORIENTATION_HORIZONTAL, -1, &sidebar_min, NULL,
                        NULL, NULL);
    gtk_widget_measure (GTK_WIDGET (w->chart_pane), GTK_ORIENTATION_HORIZONTAL, -1,
                        &pane_min, NULL, NULL, NULL);
    /* the sidebar, a 1-pixel separator (or border) and the pane */
    g_assert_cmpint (sidebar_min + 1 + pane_min, ==, ANNEAL_WINDOW_FOLD_WIDTH);
    /* the split view is as wide as the window, without its client-side decorations */
    gtk_window_get_default_size (GTK_WINDOW (w), &default_width, &default_height);
    decoration = default_width - gtk_widget_get_width (GTK_WIDGET (w));

    resize (f, ANNEAL_WINDOW_FOLD_WIDTH + decoration, 600);
    g_assert_cmpint (gtk_widget_get_width (w->split), ==, ANNEAL_WINDOW_FOLD_WIDTH);
    g_assert_false (_anneal_window_get_sidebar_folded (w));
    g_assert_true (_anneal_window_get_sidebar_shown (w));
    g_assert_cmpint (gtk_widget_get_width (w->sidebar), ==, sidebar_min);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (w->chart_pane)), >=, pane_min);

    resize (f, ANNEAL_WINDOW_FOLD_WIDTH - 1 + decoration, 600);
    g_assert_true (_anneal_window_get_sidebar_folded (w));
    g_assert_false (_anneal_window_get_sidebar_shown (w));
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (w->chart_pane)), ==,
                     ANNEAL_WINDOW_FOLD_WIDTH - 1);
  }

  /* Low: the statistics give way before the chart does. */
  resize (f, 800, 380);
  g_assert_false (shown (w->stats_card));
  g_assert_true (shown (chart));
  g_assert_cmpint (gtk_widget_get_height (chart), >=, 200);

  /* A full screen: everything in the header bar too. */
  {
    GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (w)));
    g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
    GdkRectangle geometry;

    gdk_monitor_get_geometry (monitor, &geometry);
    if (geometry.width < 1920 || geometry.height < 1080)
      {
        g_test_incomplete ("the screen is smaller than 1920×1080 "
                           "(tools/test runs Xvfb with -screen 0 1920x1200x24)");
        return;
      }
  }
  resize (f, 1920, 1080);
  g_assert_false (_anneal_window_get_sidebar_folded (w));
  g_assert_true (shown (w->epochs_label));
  g_assert_true (shown (w->log_button));
  g_assert_true (shown (w->reset_zoom_button));
  g_assert_true (shown (w->export_button));
  g_assert_true (shown (w->open_button));
  g_assert_true (shown (w->presets_button));
  g_assert_true (shown (w->stats_card));
  g_assert_cmpint (gtk_widget_get_width (chart), >=, 1200);
}

/* Parameters and spec text */

static void
test_param_to_spec (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *editor = anneal_param_panel_get_editor (f->window->param_panel, "lr_start");
  AnnealSchedule *schedule;

  g_assert_true (GTK_IS_SPIN_BUTTON (editor));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), 0.25);

  schedule = anneal_chart_get_series_schedule (f->chart, 0);
  g_assert_cmpfloat (anneal_schedule_get_number (schedule, 0, "lr_start"), ==, 0.25);
  g_assert_cmpfloat (anneal_schedule_value (schedule, 0), ==, 0.25);
  g_assert_nonnull (strstr (spec_text (f), "lr_start=0.25"));

  /* An integer parameter */
  editor = anneal_param_panel_get_editor (f->window->param_panel, "period");
  g_assert_true (GTK_IS_SPIN_BUTTON (editor));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), 20);
  schedule = anneal_chart_get_series_schedule (f->chart, 0);
  g_assert_cmpfloat (anneal_schedule_get_number (schedule, 0, "period"), ==, 20);
  g_assert_nonnull (strstr (spec_text (f), "period=20"));
  g_assert_nonnull (strstr (spec_text (f), "lr_start=0.25"));
}

/* Issue 13 item 3: in German, "0,01" in a number entry is 0.01 (and "0.01" still is);
 * other text is refused where the user sees it; the spec stays in the C locale. */
static void
test_param_locale (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *editor = anneal_param_panel_get_editor (f->window->param_panel, "lr_start");
  GtkWidget *row = gtk_widget_get_ancestor (editor, ADW_TYPE_ACTION_ROW);
  g_autofree char *subtitle = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  AnnealSchedule *schedule;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale (tools/install-deps makes one)");
      return;
    }

  gtk_editable_set_text (GTK_EDITABLE (editor), "0,01");
  gtk_spin_button_update (GTK_SPIN_BUTTON (editor));
  schedule = anneal_chart_get_series_schedule (f->chart, 0);
  g_assert_cmpfloat (anneal_schedule_get_number (schedule, 0, "lr_start"), ==, 0.01);
  g_assert_nonnull (strstr (spec_text (f), "lr_start=0.01"));
  g_assert_false (gtk_widget_has_css_class (editor, "error"));

  gtk_editable_set_text (GTK_EDITABLE (editor), "0.02");
  gtk_spin_button_update (GTK_SPIN_BUTTON (editor));
  schedule = anneal_chart_get_series_schedule (f->chart, 0);
  g_assert_cmpfloat (anneal_schedule_get_number (schedule, 0, "lr_start"), ==, 0.02);

  /* Not a number: refused, said in the row, the schedule unchanged. */
  gtk_editable_set_text (GTK_EDITABLE (editor), "abc");
  gtk_spin_button_update (GTK_SPIN_BUTTON (editor));
  schedule = anneal_chart_get_series_schedule (f->chart, 0);
  g_assert_cmpfloat (anneal_schedule_get_number (schedule, 0, "lr_start"), ==, 0.02);
  g_assert_true (gtk_widget_has_css_class (editor, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "“abc”"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "0,01"));

  /* "1,5e-2" is a number again: the row's own subtitle comes back. */
  gtk_editable_set_text (GTK_EDITABLE (editor), "1,5e-2");
  gtk_spin_button_update (GTK_SPIN_BUTTON (editor));
  schedule = anneal_chart_get_series_schedule (f->chart, 0);
  g_assert_cmpfloat (anneal_schedule_get_number (schedule, 0, "lr_start"), ==, 0.015);
  g_assert_false (gtk_widget_has_css_class (editor, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, subtitle);

  /* The statistics use the one number style whatever the locale: a '.' mark. */
  wait_for_stats (f);
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 0, 1), ==, "0.015");

  setlocale (LC_NUMERIC, saved);
}

/* Number parsing and formatting, row by row. */
typedef struct
{
  const char *text;
  gboolean    ok;
  double      value;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "0.01", TRUE, 0.01 },
  { " 1e-3 ", TRUE, 1e-3 },
  { "1/3", TRUE, 1.0 / 3 },
  { "0,01", FALSE, 0 },   /* C locale: a comma is not a decimal mark */
  { "abc", FALSE, 0 },
  { "", FALSE, 0 },
  { "1/0", FALSE, 0 },
  { "1e999", FALSE, 0 },
  { "0.1x", FALSE, 0 },
};

static void
test_number_parse (gconstpointer data)
{
  const ParseCase *c = data;
  double value = -1;

  g_assert_cmpint (anneal_number_parse (c->text, &value), ==, c->ok);
  if (c->ok)
    g_assert_cmpfloat (value, ==, c->value);
}

typedef struct
{
  double      value;
  const char *text;
} FormatCase;

static const FormatCase format_cases[] = {
  { 0.1, "0.1" },
  { 4e-7, "4e-7" },
  { 0.00015413, "0.00015413" },
  { 1.5e6, "1.5e6" },
  { 123456, "1.2346e5" },
  { 0, "0" },
  { -0.0, "0" },
  { 2.0 / 3, "0.66667" },
};

static void
test_number_format (gconstpointer data)
{
  const FormatCase *c = data;
  char buffer[ANNEAL_NUMBER_BUFSIZE];

  g_assert_cmpstr (anneal_number_format (c->value, buffer, sizeof buffer), ==, c->text);
}

static void
test_param_weight_and_choice (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *editor;
  AnnealSchedule *schedule;

  /* damped-cosine-wave: keep is a weight → a slider */
  _anneal_window_select (f->window, 1);
  editor = anneal_param_panel_get_editor (f->window->param_panel, "keep");
  g_assert_true (GTK_IS_SCALE (editor));
  gtk_range_set_value (GTK_RANGE (editor), 0.5);
  schedule = anneal_chart_get_series_schedule (f->chart, 1);
  g_assert_cmpfloat (anneal_schedule_get_number (schedule, 0, "keep"), ==, 0.5);
  g_assert_nonnull (strstr (spec_text (f), "keep=0.5"));

  /* onecycle: anneal is a choice, three_phase a boolean */
  g_assert_true (_anneal_window_add_spec (f->window, "onecycle(max_lr=0.1, total_steps=100)",
                                          NULL, NULL));
  editor = anneal_param_panel_get_editor (f->window->param_panel, "anneal");
  g_assert_true (ADW_IS_COMBO_ROW (editor));
  adw_combo_row_set_selected (ADW_COMBO_ROW (editor), 1);
  g_assert_nonnull (strstr (spec_text (f), "anneal=linear"));

  editor = anneal_param_panel_get_editor (f->window->param_panel, "three_phase");
  g_assert_true (GTK_IS_SWITCH (editor));
  gtk_switch_set_active (GTK_SWITCH (editor), TRUE);
  g_assert_nonnull (strstr (spec_text (f), "three_phase=true"));

  /* multistep: milestones is a list */
  g_assert_true (_anneal_window_add_spec (f->window, "multistep()", NULL, NULL));
  editor = anneal_param_panel_get_editor (f->window->param_panel, "milestones");
  g_assert_true (GTK_IS_ENTRY (editor));
  gtk_editable_set_text (GTK_EDITABLE (editor), "10, 20, 40");
  g_assert_nonnull (strstr (spec_text (f), "milestones=[10, 20, 40]"));
  schedule = anneal_chart_get_series_schedule (f->chart, f->window->selected);
  g_assert_cmpfloat_with_epsilon (anneal_schedule_value (schedule, 25),
                                  anneal_schedule_value (schedule, 0) * 0.01, 1e-15);
}

static void
test_spec_to_params (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *editor;
  AnnealSchedule *schedule;

  _anneal_window_set_spec_text (f->window, "cosine-wave(lr_start=0.05, period=20)");

  schedule = anneal_chart_get_series_schedule (f->chart, 0);
  g_assert_cmpfloat (anneal_schedule_get_number (schedule, 0, "lr_start"), ==, 0.05);
  g_assert_cmpfloat (anneal_schedule_get_number (schedule, 0, "period"), ==, 20);

  editor = anneal_param_panel_get_editor (f->window->param_panel, "lr_start");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (editor)), ==, 0.05);
  editor = anneal_param_panel_get_editor (f->window->param_panel, "period");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (editor)), ==, 20);

  /* Another kind: the panel is rebuilt from its catalogue entry. */
  _anneal_window_set_spec_text (f->window, "step(lr=0.1, step_size=10, gamma=0.5)");
  editor = anneal_param_panel_get_editor (f->window->param_panel, "gamma");
  g_assert_nonnull (editor);
  g_assert_null (anneal_param_panel_get_editor (f->window->param_panel, "lr_start"));
  schedule = anneal_chart_get_series_schedule (f->chart, 0);
  g_assert_cmpstr (anneal_kind_get_name (anneal_schedule_get_kind (schedule, 0)), ==, "step");
  g_assert_cmpfloat (anneal_schedule_value (schedule, 10), ==, 0.05);
}

static void
test_spec_invalid (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(AnnealSchedule) before = NULL;
  GtkWidget *entry = GTK_WIDGET (f->window->spec_entry);
  const char *message;

  before = anneal_schedule_ref (anneal_chart_get_series_schedule (f->chart, 0));

  _anneal_window_set_spec_text (f->window, "cosine-wave(lr_strat=0.2)");

  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->spec_error_label)));
  message = gtk_label_get_text (f->window->spec_error_label);
  g_assert_true (g_str_has_prefix (message, "column 13:"));
  g_assert_nonnull (strstr (message, "lr_strat"));
  g_assert_cmpuint (f->window->spec_error_column, ==, 13);

  /* The chart keeps the last valid schedule. */
  g_assert_true (anneal_schedule_equal (anneal_chart_get_series_schedule (f->chart, 0), before));

  /* Enter puts the cursor at the offending column. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (entry)), ==, 12);

  /* Fixing the text clears the mark and takes effect. */
  _anneal_window_set_spec_text (f->window, "cosine-wave(lr_start=0.2)");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->spec_error_label)));
  g_assert_cmpfloat (anneal_schedule_value (anneal_chart_get_series_schedule (f->chart, 0), 0),
                     ==, 0.2);
}

static void
test_warmup_and_stages (Fixture       *f,
                        gconstpointer  data)
{
  AnnealSchedule *schedule;
  GtkWidget *editor;

  g_assert_true (_anneal_window_add_spec (f->window, "cosine(lr=0.1, t_max=45)", NULL, NULL));
  g_assert_true (_anneal_window_add_warmup (f->window, NULL));

  schedule = anneal_chart_get_series_schedule (f->chart, f->window->selected);
  g_assert_cmpuint (anneal_schedule_get_n_stages (schedule), ==, 2);
  g_assert_cmpstr (anneal_kind_get_name (anneal_schedule_get_kind (schedule, 0)), ==, "linear");
  g_assert_cmpint (anneal_schedule_get_stage_length (schedule, 0), ==, 5);
  g_assert_true (g_str_has_prefix (spec_text (f), "linear("));
  g_assert_nonnull (strstr (spec_text (f), "start_factor=0.01"));
  g_assert_nonnull (strstr (spec_text (f), "-> cosine("));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->stage_row)));

  /* Stage 1 shows its own length; stage 2 the cosine's parameters. */
  editor = anneal_param_panel_get_editor (f->window->param_panel, "for");
  g_assert_true (GTK_IS_SPIN_BUTTON (editor));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), 8);
  schedule = anneal_chart_get_series_schedule (f->chart, f->window->selected);
  g_assert_cmpint (anneal_schedule_get_stage_length (schedule, 0), ==, 8);

  adw_combo_row_set_selected (f->window->stage_row, 1);
  editor = anneal_param_panel_get_editor (f->window->param_panel, "t_max");
  g_assert_true (GTK_IS_SPIN_BUTTON (editor));
  g_assert_null (anneal_param_panel_get_editor (f->window->param_panel, "for"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), 30);
  schedule = anneal_chart_get_series_schedule (f->chart, f->window->selected);
  g_assert_cmpfloat (anneal_schedule_get_number (schedule, 1, "t_max"), ==, 30);
  g_assert_nonnull (strstr (spec_text (f), "t_max=30"));
}

/* Series actions */

static void
test_series_add_duplicate_remove (Fixture       *f,
                                  gconstpointer  data)
{
  g_autofree char *spec = NULL;
  g_autofree char *copy = NULL;

  g_assert_true (_anneal_window_add_kind (f->window, "step"));
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 5);
  g_assert_cmpint (f->window->selected, ==, 4);
  spec = spec_of (f->chart, 4);
  g_assert_cmpstr (spec, ==, "step()");
  g_clear_pointer (&spec, g_free);
  g_assert_cmpstr (anneal_chart_get_series_label (f->chart, 4), ==, "step");

  _anneal_window_select (f->window, 1);
  _anneal_window_duplicate (f->window);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 6);
  g_assert_cmpint (f->window->selected, ==, 2);
  spec = spec_of (f->chart, 1);
  copy = spec_of (f->chart, 2);
  g_assert_cmpstr (spec, ==, copy);
  g_assert_true (g_str_has_suffix (anneal_chart_get_series_label (f->chart, 2), "(copy)"));
  g_assert_cmpuint (anneal_chart_get_series_color (f->chart, 2), !=,
                    anneal_chart_get_series_color (f->chart, 1));

  _anneal_window_move (f->window, -1);
  g_assert_cmpint (f->window->selected, ==, 1);
  g_assert_true (g_str_has_suffix (anneal_chart_get_series_label (f->chart, 1), "(copy)"));

  _anneal_window_remove (f->window);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 5);
  g_assert_false (g_str_has_suffix (anneal_chart_get_series_label (f->chart, 1), "(copy)"));
  g_assert_nonnull (gtk_list_box_get_row_at_index (f->window->series_list, 4));
  g_assert_null (gtk_list_box_get_row_at_index (f->window->series_list, 5));

  /* Visibility from the row's button */
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (f->window->series_list, 0);

    g_signal_emit_by_name (anneal_series_row_get_visibility_button (ANNEAL_SERIES_ROW (row)),
                           "clicked");
    g_assert_false (anneal_chart_get_series_visible (f->chart, 0));
  }

  /* Rename through the label row */
  _anneal_window_select (f->window, 3);
  gtk_editable_set_text (GTK_EDITABLE (f->window->label_row), "renamed");
  g_assert_cmpstr (anneal_chart_get_series_label (f->chart, 3), ==, "renamed");
  {
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (f->window->series_list, 3);

    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "renamed");
  }

  /* Remove everything: nothing selected, no panel, no warning */
  while (anneal_chart_get_n_series (f->chart) > 0)
    _anneal_window_remove (f->window);
  g_assert_cmpint (f->window->selected, ==, -1);
  g_assert_false (gtk_widget_get_visible (f->window->schedule_group));
  iterate ();
  g_assert_true (_anneal_window_add_kind (f->window, "cosine"));
  g_assert_cmpint (f->window->selected, ==, 0);
  g_assert_true (gtk_widget_get_visible (f->window->schedule_group));
}

static void
test_series_damped_twin (Fixture       *f,
                         gconstpointer  data)
{
  AnnealSchedule *twin;

  g_assert_true (_anneal_window_apply_preset (f->window, "cosine-vs-damped", NULL));
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 2);

  _anneal_window_select (f->window, 0);
  g_assert_true (_anneal_window_has_damped_twin (f->window));
  g_assert_true (_anneal_window_toggle_damped_twin (f->window, NULL));
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 1);
  g_assert_false (_anneal_window_has_damped_twin (f->window));

  /* A changed period carries over to the twin. */
  _anneal_window_set_spec_text (f->window, "cosine-wave(period=20)");
  g_assert_true (_anneal_window_toggle_damped_twin (f->window, NULL));
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 2);
  twin = anneal_chart_get_series_schedule (f->chart, 1);
  g_assert_cmpstr (anneal_kind_get_name (anneal_schedule_get_kind (twin, 0)), ==,
                   "damped-cosine-wave");
  g_assert_cmpfloat (anneal_schedule_get_number (twin, 0, "period"), ==, 20);
  g_assert_true (g_str_has_prefix (anneal_chart_get_series_label (f->chart, 1), "damped "));

  /* sgdr: restart damping through its decay */
  g_assert_true (_anneal_window_add_spec (f->window, "sgdr(lr=0.1, t_0=10, t_mult=2)", NULL, NULL));
  g_assert_true (_anneal_window_can_damp (f->window));
  g_assert_true (_anneal_window_toggle_damped_twin (f->window, NULL));
  twin = anneal_chart_get_series_schedule (f->chart, f->window->selected + 1);
  g_assert_cmpstr (anneal_kind_get_name (anneal_schedule_get_kind (twin, 0)), ==, "sgdr");
  g_assert_cmpfloat (anneal_schedule_get_number (twin, 0, "decay"), <, 1);

  /* constant: nothing to damp */
  g_assert_true (_anneal_window_add_spec (f->window, "constant()", NULL, NULL));
  g_assert_false (_anneal_window_can_damp (f->window));
  g_assert_false (_anneal_window_toggle_damped_twin (f->window, NULL));
}

static void
test_series_sweep (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) values = NULL;
  g_autoptr(GError) error = NULL;
  guint first;

  values = anneal_sweep_parse_values ("1, 2, 3, 4", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 4);
  g_assert_cmpfloat (g_array_index (values, double, 3), ==, 4);

  g_assert_null (anneal_sweep_parse_values ("1, x", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  {
    g_autoptr(GArray) range = anneal_sweep_range_values (0.1, 0.4, 4, FALSE);

    g_assert_cmpuint (range->len, ==, 4);
    g_assert_cmpfloat (g_array_index (range, double, 1), ==, 0.2);
    g_assert_cmpfloat (g_array_index (range, double, 3), ==, 0.4);
  }

  /* The notebook's steepness plot: exp-cycles with a = 1 … 4 */
  g_assert_true (_anneal_window_add_spec (f->window, "exp-cycles()", "exp", NULL));
  first = f->window->selected + 1;
  g_assert_true (_anneal_window_add_sweep (f->window, "a", (double *) values->data, values->len,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, first + 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *label = g_strdup_printf ("a = %u", i + 1);
      AnnealSchedule *s = anneal_chart_get_series_schedule (f->chart, first + i);

      g_assert_cmpstr (anneal_chart_get_series_label (f->chart, first + i), ==, label);
      g_assert_cmpfloat (anneal_schedule_get_number (s, 0, "a"), ==, i + 1);
    }

  /* A refused value adds nothing. */
  {
    double bad[] = { 2, -1 };
    guint n = anneal_chart_get_n_series (f->chart);

    g_assert_false (_anneal_window_add_sweep (f->window, "cycles", bad, 2, &error));
    g_assert_nonnull (error);
    g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n);
  }
}

static void
test_presets (Fixture       *f,
              gconstpointer  data)
{
  for (guint i = 0; i < anneal_preset_get_count (); i++)
    {
      const AnnealPreset *preset = anneal_preset_get_nth (i);
      guint n = 0;

      while (n < ANNEAL_PRESET_MAX_SERIES && preset->series[n].spec != NULL)
        n++;

      g_assert_true (_anneal_window_apply_preset (f->window, preset->id, NULL));
      g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n);
      g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, preset->epochs);
    }

  g_assert_true (_anneal_window_apply_preset (f->window, "warmup-cosine", NULL));
  g_assert_cmpuint (anneal_schedule_get_n_stages (anneal_chart_get_series_schedule (f->chart, 0)),
                    ==, 2);
  g_assert_false (_anneal_window_apply_preset (f->window, "no-such-preset", NULL));
}

static guint count_toplevels (GType type);

static void
respond (GtkWidget  *dialog,
         const char *response)
{
  g_assert_nonnull (dialog);
#if ADW_CHECK_VERSION (1, 5, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS  /* 1.5 API, above ADW_VERSION_MAX_ALLOWED */
  adw_alert_dialog_set_close_response (ADW_ALERT_DIALOG (dialog), response);
  adw_dialog_close (ADW_DIALOG (dialog));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (GTK_WINDOW (dialog));
#endif
  iterate ();
}

/* Issue 13 item 4: a preset does not replace unsaved work without asking. */
static void
test_presets_ask (Fixture       *f,
                  gconstpointer  data)
{
  AnnealDocument *document = anneal_window_get_document (f->window);

  /* Nothing to lose: applied at once. */
  _anneal_window_request_preset (f->window, "step");
  g_assert_null (f->window->confirm_dialog);
  g_assert_cmpstr (anneal_chart_get_series_label (f->chart, 0), ==,
                   _(anneal_preset_lookup ("step")->series[0].label));
  anneal_document_reset_history (document);

  /* Edited: the preset asks; Cancel keeps the work and its mark. */
  g_assert_true (_anneal_window_add_spec (f->window, "constant(lr=0.5)", "mine", NULL));
  _anneal_window_commit (f->window);
  g_assert_true (anneal_document_get_modified (document));
  _anneal_window_request_preset (f->window, "cosine-vs-damped");
  g_assert_nonnull (f->window->confirm_dialog);
  g_assert_cmpstr (anneal_chart_get_series_label (f->chart,
                                                  anneal_chart_get_n_series (f->chart) - 1),
                   ==, "mine");
  respond (f->window->confirm_dialog, "cancel");
  g_assert_cmpstr (anneal_chart_get_series_label (f->chart,
                                                  anneal_chart_get_n_series (f->chart) - 1),
                   ==, "mine");
  g_assert_true (anneal_document_get_modified (document));

  /* Replace: applied, and still one undo step away from the work. */
  _anneal_window_request_preset (f->window, "cosine-vs-damped");
  respond (f->window->confirm_dialog, "replace");
  g_assert_cmpstr (anneal_chart_get_series_label (f->chart,
                                                  anneal_chart_get_n_series (f->chart) - 1),
                   !=, "mine");
  g_assert_true (anneal_document_can_undo (document));
}

/* Issue 13 item 4: quitting with two modified windows asks one window at a time. */
static void
test_close_in_turn (Fixture       *f,
                    gconstpointer  data)
{
  AnnealWindow *second = anneal_window_new (NULL);
  GList *windows = NULL;
  guint before = count_toplevels (ANNEAL_TYPE_WINDOW);

  gtk_window_present (GTK_WINDOW (second));
  g_assert_true (_anneal_window_add_spec (f->window, "constant()", "one", NULL));
  g_assert_true (_anneal_window_add_spec (second, "constant()", "two", NULL));
  _anneal_window_commit (f->window);
  _anneal_window_commit (second);
  iterate ();
  g_assert_cmpuint (count_toplevels (ANNEAL_TYPE_WINDOW), ==, before + 1);

  windows = g_list_append (windows, second);
  windows = g_list_append (windows, f->window);
  anneal_window_close_in_turn (windows);
  g_list_free (windows);
  iterate ();

  /* Only the first asks. */
  g_assert_nonnull (second->confirm_dialog);
  g_assert_null (f->window->confirm_dialog);
  respond (second->confirm_dialog, "discard");
  iterate ();

  /* It is gone; now the second asks; Cancel keeps it open. */
  g_assert_cmpuint (count_toplevels (ANNEAL_TYPE_WINDOW), ==, before);
  g_assert_nonnull (f->window->confirm_dialog);
  respond (f->window->confirm_dialog, "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window)));
  g_assert_cmpuint (count_toplevels (ANNEAL_TYPE_WINDOW), ==, before);
}

/* Export */

static void
test_export_files (Fixture       *f,
                   gconstpointer  data)
{
  AnnealExportOptions options;
  AnnealChartTheme theme = anneal_chart_get_theme (f->chart);
  g_autoptr(GError) error = NULL;
  g_autofree char *png = g_build_filename (f->tmpdir, "figure.png", NULL);
  g_autofree char *svg = g_build_filename (f->tmpdir, "figure.svg", NULL);
  g_autofree char *pdf = g_build_filename (f->tmpdir, "figure.pdf", NULL);
  g_autofree char *csv = g_build_filename (f->tmpdir, "values.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  cairo_surface_t *surface;

  anneal_export_options_init_default (&options);
  options.width = 640;
  options.height = 400;
  options.scale = 2;
  options.theme = ANNEAL_EXPORT_THEME_DARK;

  g_assert_true (anneal_export_to_file (f->chart, png, &options, &error));
  g_assert_no_error (error);
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 800);
  {
    /* Dark theme: the corner is dark */
    guint32 *pixel = (guint32 *) cairo_image_surface_get_data (surface);

    g_assert_cmpuint ((*pixel >> 16) & 0xff, <, 100);
  }
  cairo_surface_destroy (surface);
  /* The displayed chart keeps its own theme. */
  g_assert_cmpint (anneal_chart_get_theme (f->chart), ==, theme);

  options.format = ANNEAL_CHART_FORMAT_SVG;
  options.scale = 1;
  g_assert_true (anneal_export_to_file (f->chart, svg, &options, &error));
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  options.format = ANNEAL_CHART_FORMAT_PDF;
  g_assert_true (anneal_export_to_file (f->chart, pdf, &options, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_clear_pointer (&contents, g_free);

  options.format = ANNEAL_CHART_FORMAT_CSV;
  g_assert_true (anneal_export_to_file (f->chart, csv, &options, &error));
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "epoch,"));
  g_assert_true (g_str_has_prefix (lines[1], "0,0.1,"));
  g_assert_cmpuint (g_strv_length (lines), >=, 51);

  /* Clipboard texture: the PNG at its size */
  {
    g_autoptr(GdkTexture) texture = NULL;

    options.scale = 1;
    texture = anneal_export_to_texture (f->chart, &options, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
    g_assert_cmpint (gdk_texture_get_height (texture), ==, 400);
  }

  /* "Copy figure" puts an image on the clipboard. */
  {
    GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));

    g_action_group_activate_action (G_ACTION_GROUP (f->window), "copy-figure", NULL);
    g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                      GDK_TYPE_TEXTURE));
    g_assert_true (gdk_clipboard_is_local (clipboard));
  }

  /* A folder that does not exist: an error, no file. */
  {
    g_autofree char *bad = g_build_filename (f->tmpdir, "missing", "figure.png", NULL);

    options.format = ANNEAL_CHART_FORMAT_PNG;
    g_assert_false (anneal_export_to_file (f->chart, bad, &options, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

static void
test_export_dialog (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GSettings) settings = anneal_settings_new ();
  g_autofree char *path = g_build_filename (f->tmpdir, "dialog.svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *tmp_name = NULL;
  AnnealExportDialog *dialog;
  AnnealExportOptions options;

  g_settings_set_enum (settings, "export-format", ANNEAL_CHART_FORMAT_SVG);
  g_settings_set_int (settings, "export-width", 800);

  dialog = anneal_export_dialog_new (GTK_WINDOW (f->window), f->chart, settings,
                                     f->window->toast_overlay, "Untitled.anneal");
  anneal_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.format, ==, ANNEAL_CHART_FORMAT_SVG);
  g_assert_cmpint (options.width, ==, 800);

  g_assert_true (anneal_export_dialog_write (dialog, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));

  /* The folder is remembered. */
  folder = g_settings_get_string (settings, "last-folder");
  tmp_name = g_path_get_basename (f->tmpdir);
  g_assert_true (g_str_has_suffix (folder, tmp_name));

  gtk_window_destroy (GTK_WINDOW (dialog));

  {
    g_autofree char *name = anneal_export_suggest_name ("Untitled.anneal", ANNEAL_CHART_FORMAT_PDF);

    g_assert_cmpstr (name, ==, "Untitled.pdf");
  }
}

/* Documents */

static void
test_document_round_trip (Fixture       *f,
                          gconstpointer  data)
{
  AnnealDocument *document = anneal_window_get_document (f->window);
  g_autofree char *path = g_build_filename (f->tmpdir, "comparison.anneal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(AnnealWindow) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  AnnealChart *chart;

  /* Something of everything: a sequence, a hidden series, a colour, log y, a title */
  g_assert_true (_anneal_window_add_spec (f->window,
                                          "linear(lr=0.1, start_factor=0.01, total_iters=5, for=5)"
                                          " -> cosine(lr=0.1, t_max=45)",
                                          "warm-up “quoted” & cosine", NULL));
  anneal_chart_set_series_visible (f->chart, 1, FALSE);
  anneal_chart_set_series_color (f->chart, 2, 0x123456);
  anneal_chart_set_series_dash (f->chart, 2, 3);
  anneal_chart_set_log_y (f->chart, TRUE);
  anneal_chart_set_title (f->chart, "Standard and damped");
  anneal_chart_set_epochs (f->chart, 120);
  _anneal_window_commit (f->window);
  g_assert_true (anneal_document_get_modified (document));

  g_assert_true (_anneal_window_save_file (f->window, file, &error));
  g_assert_no_error (error);
  g_assert_false (anneal_document_get_modified (document));
  before = anneal_document_serialize (document);

  other = g_object_ref_sink (anneal_window_new (NULL));
  g_assert_true (_anneal_window_load_file (other, file, &error));
  g_assert_no_error (error);
  after = anneal_document_serialize (anneal_window_get_document (other));
  g_assert_cmpstr (before, ==, after);

  chart = anneal_document_get_chart (anneal_window_get_document (other));
  g_assert_cmpuint (anneal_chart_get_n_series (chart), ==, 5);
  g_assert_cmpstr (anneal_chart_get_series_label (chart, 4), ==, "warm-up “quoted” & cosine");
  g_assert_false (anneal_chart_get_series_visible (chart, 1));
  g_assert_cmpuint (anneal_chart_get_series_color (chart, 2), ==, 0x123456);
  g_assert_cmpuint (anneal_chart_get_series_dash (chart, 2), ==, 3);
  g_assert_true (anneal_chart_get_log_y (chart));
  g_assert_cmpint (anneal_chart_get_epochs (chart), ==, 120);
  g_assert_cmpstr (anneal_chart_get_title (chart), ==, "Standard and damped");
  for (guint i = 0; i < 5; i++)
    g_assert_true (anneal_schedule_equal (anneal_chart_get_series_schedule (chart, i),
                                          anneal_chart_get_series_schedule (f->chart, i)));
  g_assert_false (anneal_document_get_modified (anneal_window_get_document (other)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (other->title_row)),
                   ==, "Standard and damped");

  /* The file is JSON with the format marker and version. */
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "\"format\" : \"anneal\""));
    g_assert_nonnull (strstr (contents, "\"version\" : 1"));
    g_assert_nonnull (strstr (contents, "\"color\" : \"#123456\""));
  }

  gtk_window_destroy (GTK_WINDOW (other));
}

static void
test_document_damaged (Fixture       *f,
                       gconstpointer  data)
{
  static const struct {
    const char *text;
    int         code;
  } cases[] = {
    { "this is not json", ANNEAL_DOCUMENT_ERROR_DAMAGED },
    { "{\"format\": \"anneal\", \"version\": 1, \"series\": [", ANNEAL_DOCUMENT_ERROR_DAMAGED },
    { "[1, 2, 3]", ANNEAL_DOCUMENT_ERROR_FOREIGN },
    { "{\"name\": \"package.json\", \"version\": \"1.0.0\"}", ANNEAL_DOCUMENT_ERROR_FOREIGN },
    { "{\"format\": \"other\", \"version\": 1, \"series\": []}", ANNEAL_DOCUMENT_ERROR_FOREIGN },
    { "{\"format\": \"anneal\", \"version\": 2, \"series\": []}", ANNEAL_DOCUMENT_ERROR_VERSION },
    { "{\"format\": \"anneal\", \"version\": 1}", ANNEAL_DOCUMENT_ERROR_DAMAGED },
    { "{\"format\": \"anneal\", \"version\": 1, \"series\": [{\"spec\": \"cosine(lr=-1)\"}]}",
      ANNEAL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"anneal\", \"version\": 1, "
      "\"series\": [{\"spec\": \"cosine()\", \"color\": \"red\"}]}",
      ANNEAL_DOCUMENT_ERROR_DAMAGED },
    { "{\"format\": \"anneal\", \"version\": 1, \"series\": [{\"spec\": 12}]}",
      ANNEAL_DOCUMENT_ERROR_DAMAGED },
    { "{\"format\": \"anneal\", \"version\": 1, \"epochs\": 0, \"series\": []}",
      ANNEAL_DOCUMENT_ERROR_INVALID },
    { "{\"format\": \"anneal\", \"version\": 1, \"epochs\": \"50\", \"series\": []}",
      ANNEAL_DOCUMENT_ERROR_DAMAGED },
    { "{\"format\": \"anneal\", \"version\": 1, \"series\": [{\"spec\": \"cosine()\"}, 7]}",
      ANNEAL_DOCUMENT_ERROR_DAMAGED },
  };
  AnnealDocument *document = anneal_window_get_document (f->window);
  g_autofree char *before = anneal_document_serialize (document);
  g_autofree char *path = g_build_filename (f->tmpdir, "damaged.anneal", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].text, -1, NULL));
      g_assert_false (_anneal_window_load_file (f->window, file, &error));
      g_assert_error (error, ANNEAL_DOCUMENT_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, !=, "");

      after = anneal_document_serialize (document);
      g_assert_cmpstr (before, ==, after);
      g_assert_null (anneal_document_get_file (document));
      g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 4);
    }

  /* Binary junk */
  {
    const char junk[] = { 0x7b, (char) 0xff, (char) 0xfe, 0x00, 0x01 };
    g_autoptr(GError) error = NULL;

    g_assert_false (anneal_document_load_data (document, junk, sizeof junk, &error));
    g_assert_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_FOREIGN);
  }

  /* The limits: most series, largest file, deepest nesting — each refused, nothing changed. */
  {
    g_autoptr(GString) many = g_string_new ("{\"format\": \"anneal\", \"version\": 1, \"series\": [");
    g_autoptr(GString) deep = g_string_new ("{\"format\": \"anneal\", \"version\": 1, \"series\": ");
    g_autofree char *huge = g_malloc (ANNEAL_DOCUMENT_MAX_SIZE + 2);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;

    for (guint i = 0; i <= ANNEAL_DOCUMENT_MAX_SERIES; i++)
      g_string_append (many, i ? ", {\"spec\": \"constant()\"}" : "{\"spec\": \"constant()\"}");
    g_string_append (many, "]}");
    g_assert_false (anneal_document_load_data (document, many->str, many->len, &error));
    g_assert_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_INVALID);
    g_clear_error (&error);

    memset (huge, ' ', ANNEAL_DOCUMENT_MAX_SIZE + 1);
    huge[0] = '{';
    huge[ANNEAL_DOCUMENT_MAX_SIZE] = '}';
    huge[ANNEAL_DOCUMENT_MAX_SIZE + 1] = '\0';
    g_assert_false (anneal_document_load_data (document, huge, -1, &error));
    g_assert_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_FOREIGN);
    g_clear_error (&error);

    for (guint i = 0; i < ANNEAL_DOCUMENT_MAX_DEPTH; i++)
      g_string_append_c (deep, '[');
    for (guint i = 0; i < ANNEAL_DOCUMENT_MAX_DEPTH; i++)
      g_string_append_c (deep, ']');
    g_string_append_c (deep, '}');
    g_assert_false (anneal_document_load_data (document, deep->str, deep->len, &error));
    g_assert_error (error, ANNEAL_DOCUMENT_ERROR, ANNEAL_DOCUMENT_ERROR_DAMAGED);
    g_assert_nonnull (strstr (error->message, "nested"));

    after = anneal_document_serialize (document);
    g_assert_cmpstr (before, ==, after);
  }
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

/* A save that fails part-way leaves the old file as it was and no temporary file. */
static guint
count_toplevels (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        n++;
    }

  return n;
}

/* Issue 13 item 4: a refused file leaves no new, empty window behind its message. */
static void
test_document_open_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "refused.anneal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char *text = "{\"format\": \"anneal\", \"version\": 1, "
                     "\"series\": [{\"spec\": \"cosine-wave(period=0)\"}]}";
  guint windows = count_toplevels (ANNEAL_TYPE_WINDOW);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  anneal_window_open_in_new (NULL, f->window, file);
  iterate ();

  g_assert_cmpuint (count_toplevels (ANNEAL_TYPE_WINDOW), ==, windows);
#if !ADW_CHECK_VERSION (1, 5, 0)
  g_assert_cmpuint (count_toplevels (ADW_TYPE_MESSAGE_DIALOG), ==, 1);
#endif
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 4);

  /* A good file opens in a window of its own. */
  g_assert_true (g_file_set_contents (path, "{\"format\": \"anneal\", \"version\": 1, "
                                      "\"series\": [{\"spec\": \"cosine()\"}]}", -1, NULL));
  anneal_window_open_in_new (NULL, f->window, file);
  iterate ();
  g_assert_cmpuint (count_toplevels (ANNEAL_TYPE_WINDOW), ==, windows + 1);

  /* Close what this test opened. */
  {
    GListModel *toplevels = gtk_window_get_toplevels ();

    for (guint i = g_list_model_get_n_items (toplevels); i-- > 0;)
      {
        g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

        if (window != GTK_WINDOW (f->window))
          gtk_window_destroy (window);
      }
    iterate ();
  }
}

/* Issue 9 item 7: a huge title or label is cut (with a message), not laid out whole. */
static void
test_document_long_texts (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "long.anneal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *typed = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (title, "ä");
  text = g_strdup_printf ("{\"format\": \"anneal\", \"version\": 1, \"title\": \"%s\", "
                          "\"series\": [{\"spec\": \"cosine()\", \"label\": \"%s\"}]}",
                          title->str, title->str);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_assert_true (_anneal_window_load_file (f->window, file, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_utf8_strlen (anneal_chart_get_title (f->chart), -1), ==, 1000);
  g_assert_cmpint (g_utf8_strlen (anneal_chart_get_series_label (f->chart, 0), -1), ==, 1000);
  g_assert_cmpint (g_utf8_strlen (gtk_editable_get_text (GTK_EDITABLE (f->window->title_row)),
                                  -1), ==, 1000);
  g_assert_true (g_str_has_prefix (title->str, anneal_chart_get_title (f->chart)));

  /* Typed (pasted) text too. */
  typed = g_strnfill (3000, 'x');
  gtk_editable_set_text (GTK_EDITABLE (f->window->title_row), typed);
  g_assert_cmpint (strlen (anneal_chart_get_title (f->chart)), ==, 1000);
  g_assert_cmpint (strlen (gtk_editable_get_text (GTK_EDITABLE (f->window->title_row))), ==, 1000);
  gtk_editable_set_text (GTK_EDITABLE (f->window->label_row), typed);
  g_assert_cmpint (strlen (anneal_chart_get_series_label (f->chart, 0)), ==, 1000);
}

static void
test_document_save_failure (Fixture       *f,
                            gconstpointer  data)
{
  AnnealDocument *document = anneal_window_get_document (f->window);
  const char *dir = f->tmpdir;
  g_autofree char *path = g_build_filename (dir, "old.anneal", NULL);
  g_autofree char *missing = g_build_filename (f->tmpdir, "no-such-folder", "x.anneal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;
  struct rlimit saved, small;
  void (*handler) (int);
  guint entries;

  g_assert_true (anneal_document_save_file (document, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &old, NULL, NULL));
  entries = count_entries (dir);

  /* More to write than the file-size limit lets through: EFBIG half-way. */
  for (guint i = 0; i < 20; i++)
    g_assert_true (_anneal_window_add_spec (f->window, "damped-exp-cycles(a=4, keep=1/2)",
                                            "a long enough label to make the file grow", NULL));
  _anneal_window_commit (f->window);

  handler = signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  small = saved;
  small.rlim_cur = strlen (old) + 100;
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &small), ==, 0);
  g_assert_false (anneal_document_save_file (document, file, &error));
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, handler);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (g_file_get_contents (path, &now, NULL, NULL));
  g_assert_cmpstr (now, ==, old);
  g_assert_cmpuint (count_entries (dir), ==, entries);
  g_assert_true (anneal_document_get_modified (document));

  /* A folder that is not there: an error, nothing created. */
  g_assert_false (anneal_document_save_file (document, missing_file, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  AnnealDocument *document = anneal_window_get_document (f->window);
  g_autofree char *original = spec_of (f->chart, 0);
  g_autofree char *changed = NULL;
  GtkWidget *editor;

  g_assert_false (anneal_document_can_undo (document));

  editor = anneal_param_panel_get_editor (f->window->param_panel, "lr_start");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), 0.3);
  _anneal_window_commit (f->window);
  changed = spec_of (f->chart, 0);
  g_assert_cmpstr (changed, !=, original);
  g_assert_true (anneal_document_can_undo (document));
  g_assert_true (anneal_document_get_modified (document));

  g_assert_true (anneal_document_undo (document));
  {
    g_autofree char *now = spec_of (f->chart, 0);

    g_assert_cmpstr (now, ==, original);
    g_assert_cmpstr (spec_text (f), ==, original);
    editor = anneal_param_panel_get_editor (f->window->param_panel, "lr_start");
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (editor)), ==, 0.1);
  }
  g_assert_false (anneal_document_get_modified (document));
  g_assert_true (anneal_document_can_redo (document));

  g_assert_true (anneal_document_redo (document));
  {
    g_autofree char *now = spec_of (f->chart, 0);

    g_assert_cmpstr (now, ==, changed);
  }

  /* Structural edits undo too: remove, then undo brings it back where it was. */
  _anneal_window_select (f->window, 2);
  _anneal_window_remove (f->window);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 3);
  g_assert_true (anneal_document_undo (document));
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 4);
  g_assert_nonnull (gtk_list_box_get_row_at_index (f->window->series_list, 3));

  /* Text typed and not yet committed is one step: undo takes it back. */
  _anneal_window_set_spec_text (f->window, "cosine-wave(period=7)");
  g_assert_true (anneal_document_undo (document));
  g_assert_null (strstr (spec_text (f), "period=7"));

  /* Through the action, as Ctrl+Z does */
  _anneal_window_select (f->window, 0);
  _anneal_window_add_kind (f->window, "constant");
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 5);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "undo", NULL);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 4);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "redo", NULL);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 5);
}

static void
test_window_state (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = anneal_settings_new ();
  g_autoptr(AnnealWindow) window = NULL;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 640);
  window = g_object_ref_sink (anneal_window_new (NULL));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);

  /* Closing an unmodified window remembers its size. */
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  /* Wider than the header bar's natural width with every control shown, so that no
   * allocation made before the header has folded its optional controls can exceed it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 760);
  iterate ();
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1400);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 760);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

static void
on_sweep_cb (AnnealSweepDialog *dialog,
             const char        *name,
             GArray            *values,
             gpointer           user_data)
{
  GString *out = user_data;

  g_string_append (out, name);
  for (guint i = 0; i < values->len; i++)
    g_string_append_printf (out, " %g", g_array_index (values, double, i));
}

static void
test_sweep_dialog (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GString) out = g_string_new (NULL);
  AnnealSweepDialog *dialog;

  /* exp-cycles: the dialog offers the steepness "a" with the notebook's 1 … 4 */
  dialog = anneal_sweep_dialog_new (GTK_WINDOW (f->window),
                                    anneal_chart_get_series_schedule (f->chart, 2), 0);
  g_signal_connect (dialog, "sweep", G_CALLBACK (on_sweep_cb), out);
  gtk_window_present (GTK_WINDOW (dialog));
  iterate ();
  anneal_sweep_dialog_confirm (dialog);
  g_assert_cmpstr (out->str, ==, "a 1 2 3 4");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("test-app-home-XXXXXX", NULL);
  int ret;

  /* Recent files and the like go to a private folder, one for the whole run (the
   * recent manager is a singleton that keeps its path). */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CONFIG_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      /* e.g. inside flatpak-builder: the suite runs under Xvfb in tools/test */
      printf ("1..0 # SKIP no display\n");
      return 0;  /* TAP says it: meson counts the test as skipped */
    }
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/anneal/app/window/builds", test_window_builds);
  ADD ("/anneal/app/window/readout", test_window_readout);
  ADD ("/anneal/app/window/zoom", test_window_zoom);
  ADD ("/anneal/app/window/stats", test_window_stats);
  ADD ("/anneal/app/window/stats-off-main-loop", test_window_stats_off_main_loop);
  ADD ("/anneal/app/window/state", test_window_state);
  ADD ("/anneal/app/window/narrow", test_window_narrow);
  g_test_add_func ("/anneal/app/window/no-schema", test_window_no_schema);
  ADD ("/anneal/app/params/to-spec", test_param_to_spec);
  ADD ("/anneal/app/params/locale", test_param_locale);
  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/app/number/parse/%u", i);

      g_test_add_data_func (path, &parse_cases[i], test_number_parse);
    }
  for (guint i = 0; i < G_N_ELEMENTS (format_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/app/number/format/%u", i);

      g_test_add_data_func (path, &format_cases[i], test_number_format);
    }
  ADD ("/anneal/app/params/weight-choice-boolean-list", test_param_weight_and_choice);
  ADD ("/anneal/app/spec/to-params", test_spec_to_params);
  ADD ("/anneal/app/spec/invalid", test_spec_invalid);
  ADD ("/anneal/app/spec/warmup-and-stages", test_warmup_and_stages);
  ADD ("/anneal/app/series/add-duplicate-remove", test_series_add_duplicate_remove);
  ADD ("/anneal/app/series/damped-twin", test_series_damped_twin);
  ADD ("/anneal/app/series/sweep", test_series_sweep);
  ADD ("/anneal/app/series/sweep-dialog", test_sweep_dialog);
  ADD ("/anneal/app/series/presets", test_presets);
  ADD ("/anneal/app/series/presets-ask", test_presets_ask);
  ADD ("/anneal/app/window/close-in-turn", test_close_in_turn);
  ADD ("/anneal/app/export/files", test_export_files);
  ADD ("/anneal/app/export/dialog", test_export_dialog);
  ADD ("/anneal/app/document/round-trip", test_document_round_trip);
  ADD ("/anneal/app/document/damaged", test_document_damaged);
  ADD ("/anneal/app/document/open-refused", test_document_open_refused);
  ADD ("/anneal/app/document/long-texts", test_document_long_texts);
  ADD ("/anneal/app/document/save-failure", test_document_save_failure);
  ADD ("/anneal/app/document/undo-redo", test_undo_redo);

  ret = g_test_run ();

  {
    g_autofree char *recent = g_build_filename (home, "recently-used.xbel", NULL);

    g_unlink (recent);
    g_rmdir (home);
  }

  return ret;
}
