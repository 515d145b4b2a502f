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
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "anneal-document.h"
#include "anneal-export.h"
#include "anneal-export-dialog.h"
#include "anneal-number.h"
#include "anneal-presets.h"
#include "anneal-series-row.h"
#include "anneal-sweep-dialog.h"
#include "anneal-text.h"
#include "anneal-tooltip.h"
#include "anneal-window-private.h"
#include "anneal-worker.h"

#include "anneal-test-app.h"

typedef struct
{
  AnnealWindow *window;
  AnnealChart  *chart;
  char         *tmpdir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GSettings) settings = anneal_settings_new ();

  /* Each test starts from the defaults, whatever size or folder an earlier one left
   * in the (in-memory) settings. */
  if (settings != NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;
      g_auto(GStrv) keys = NULL;

      g_object_get (settings, "settings-schema", &schema, NULL);
      keys = g_settings_schema_list_keys (schema);
      for (guint i = 0; keys[i] != NULL; i++)
        g_settings_reset (settings, keys[i]);
    }

  f->window = g_object_ref_sink (anneal_window_new (NULL));
  f->chart = anneal_document_get_chart (anneal_window_get_document (f->window));
  f->tmpdir = g_dir_make_tmp ("test-app-XXXXXX", NULL);
  g_assert_nonnull (f->tmpdir);
  gtk_window_present (GTK_WINDOW (f->window));
  anneal_test_iterate ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  anneal_test_iterate ();
  anneal_test_remove_tree (f->tmpdir);
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

/* The table changes in place: an edit, a result, a rename or a removal changes the
 * rows it concerns and keeps the others' widgets; a series of at most 1024 values
 * has its numbers on the spot, with no thread to wait for. */
static GtkWidget *find_label (GtkWidget *root, const char *text);

static void
test_window_stats_in_place (Fixture       *f,
                            gconstpointer  data)
{
  AnnealStatsTable *table = f->window->stats_table;
  guint n = anneal_chart_get_n_series (f->chart);
  GtkWidget *swatch0, *swatch2, *name;
  AnnealStats stats;
  char expected[ANNEAL_NUMBER_BUFSIZE];

  g_assert_cmpuint (n, >=, 3);
  wait_for_stats (f);
  swatch0 = anneal_stats_table_get_swatch (table, 0);
  swatch2 = anneal_stats_table_get_swatch (table, 2);
  g_assert_nonnull (swatch0);
  g_assert_nonnull (swatch2);

  /* A new schedule for series 2: computed on the spot, once the window's idle has run */
  _anneal_window_select (f->window, 2);
  _anneal_window_set_spec_text (f->window, "cosine(lr=0.3, t_max=20)");
  while (f->window->stats_source != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (anneal_stats_table_get_updating (table));
  g_assert_false (anneal_stats_table_row_is_updating (table, 2));
  anneal_schedule_stats (anneal_chart_get_series_schedule (f->chart, 2), 0, 49, &stats);
  g_assert_cmpfloat (stats.first, ==, 0.3);
  g_assert_cmpstr (anneal_stats_table_get_cell (table, 2, 1), ==, "0.3");
  g_assert_cmpstr (anneal_stats_table_get_cell (table, 2, 6), ==,
                   expected_stat (stats.sum, expected));
  g_assert_true (anneal_stats_table_get_swatch (table, 0) == swatch0);
  g_assert_true (anneal_stats_table_get_swatch (table, 2) == swatch2);

  /* A rename: the name and its tooltip */
  gtk_editable_set_text (GTK_EDITABLE (f->window->label_row), "renamed <b>&");
  wait_for_stats (f);
  g_assert_cmpstr (anneal_stats_table_get_cell (table, 2, 0), ==, "renamed <b>&");
  name = find_label (GTK_WIDGET (table), "renamed <b>&");
  g_assert_nonnull (name);
  g_assert_cmpstr (anneal_widget_get_tooltip_text (name), ==, "renamed <b>&");
  g_assert_true (anneal_stats_table_get_swatch (table, 2) == swatch2);

  /* Removing series 0: the rows below move up, one row goes */
  _anneal_window_select (f->window, 0);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-series", NULL);
  wait_for_stats (f);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n - 1);
  for (guint i = 0; i < n - 1; i++)
    {
      g_assert_cmpstr (anneal_stats_table_get_cell (table, i, 0), ==,
                       anneal_chart_get_series_label (f->chart, i));
      anneal_schedule_stats (anneal_chart_get_series_schedule (f->chart, i), 0, 49, &stats);
      g_assert_cmpstr (anneal_stats_table_get_cell (table, i, 6), ==,
                       expected_stat (stats.sum, expected));
    }
  g_assert_null (anneal_stats_table_get_cell (table, n - 1, 0));
  g_assert_null (anneal_stats_table_get_swatch (table, n - 1));
  g_assert_null (find_label (GTK_WIDGET (table), "cosine wave"));
}

/* Tooltips are kept by the widget, not set through GTK's setters, each of which asks
 * the X server where the pointer is (some forty round trips as the window was
 * built): GTK is given them when it asks (::query-tooltip). A text tooltip is told
 * from a markup one with the same text; NULL and "" are no tooltip. */
static gboolean
query_tooltip (GtkWidget *widget)
{
  GtkTooltip *tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (widget, "query-tooltip", 0, 0, FALSE, tooltip, &shown);
  g_object_unref (tooltip);
  return shown;
}

/* Setting tooltips on widgets of a shown window asks the X server nothing unless one
 * of them is under the pointer or has the focus: GTK's trigger of a tooltip query
 * asked it twice where the pointer was for each of them, and a document of 1000
 * series asked that for every row, name and warning whose tooltip changed on each
 * removal or undo (thousands of round trips, seconds of the main loop). */
static void
test_tooltip_no_round_trips (void)
{
#ifdef GDK_WINDOWING_X11
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GdkDisplay *display = gtk_widget_get_display (window);
  GtkWidget *labels[300];
  unsigned long before, after;
  Display *xdisplay;

  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_test_skip ("not an X11 display");
      gtk_window_destroy (GTK_WINDOW (window));
      return;
    }
  xdisplay = gdk_x11_display_get_xdisplay (display);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      labels[i] = gtk_label_new ("x");
      gtk_box_append (GTK_BOX (box), labels[i]);
    }
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (labels[G_N_ELEMENTS (labels) - 1]))
    g_main_context_iteration (NULL, TRUE);

  for (guint k = 0; k < 2; k++)
    {
      before = NextRequest (xdisplay);
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          g_autofree char *text = g_strdup_printf ("tooltip %u of round %u", i, k);

          anneal_widget_set_tooltip_text (labels[i], text);
        }
      after = NextRequest (xdisplay);
      g_test_message ("round %u: %lu X requests for %u tooltips", k, after - before,
                      (guint) G_N_ELEMENTS (labels));
      /* one label may be under the pointer */
      g_assert_cmpuint (after - before, <=, 8);
    }
  gtk_window_destroy (GTK_WINDOW (window));
#else
  g_test_skip ("built without X11");
#endif
}

static void
test_tooltip_kept (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("x"));

  g_assert_false (query_tooltip (label));
  anneal_widget_set_tooltip_text (label, "a < b & c");
  g_assert_cmpstr (anneal_widget_get_tooltip_text (label), ==, "a < b & c");
  g_assert_cmpstr (anneal_widget_get_tooltip_markup (label), ==, "a &lt; b &amp; c");
  g_assert_true (gtk_widget_get_has_tooltip (label));
  g_assert_true (query_tooltip (label));
  g_assert_null (gtk_widget_get_tooltip_text (label));  /* GTK's setter was not called */
  anneal_widget_set_tooltip_text (label, "a < b & c");
  g_assert_cmpstr (anneal_widget_get_tooltip_text (label), ==, "a < b & c");

  anneal_widget_set_tooltip_markup (label, "<b>bold</b>");
  g_assert_cmpstr (anneal_widget_get_tooltip_text (label), ==, "bold");
  g_assert_cmpstr (anneal_widget_get_tooltip_markup (label), ==, "<b>bold</b>");

  /* Same text, but no longer markup */
  anneal_widget_set_tooltip_text (label, "bold");
  g_assert_cmpstr (anneal_widget_get_tooltip_markup (label), ==, "bold");
  g_assert_true (query_tooltip (label));

  /* NULL and "" are both no tooltip */
  anneal_widget_set_tooltip_text (label, "");
  g_assert_null (anneal_widget_get_tooltip_text (label));
  g_assert_null (anneal_widget_get_tooltip_markup (label));
  g_assert_false (gtk_widget_get_has_tooltip (label));
  g_assert_false (query_tooltip (label));
  anneal_widget_set_tooltip_text (label, NULL);
  anneal_widget_set_tooltip_markup (label, "");
  g_assert_false (gtk_widget_get_has_tooltip (label));

  g_object_unref (label);

  /* A widget whose tooltip GTK has: that one */
  label = g_object_ref_sink (gtk_label_new ("y"));
  gtk_widget_set_tooltip_text (label, "GTK's");
  g_assert_cmpstr (anneal_widget_get_tooltip_text (label), ==, "GTK's");
  g_object_unref (label);
}

/* Issue 12 item 4: steps per epoch, a series stepped per step, the x axis in
 * steps; the readout and the statistics follow, and the choices are undoable. */
static void
test_window_steps (Fixture       *f,
                   gconstpointer  data)
{
  AnnealSchedule *s0 = anneal_chart_get_series_schedule (f->chart, 0);
  AnnealSchedule *s1 = anneal_chart_get_series_schedule (f->chart, 1);
  g_autofree char *readout = NULL;
  g_autofree char *row0 = NULL;
  g_autofree char *row1 = NULL;
  char value[64], expected[ANNEAL_NUMBER_BUFSIZE];
  AnnealStats stats;

  gtk_spin_button_set_value (f->window->steps_spin, 10);
  g_assert_cmpint (anneal_chart_get_steps_per_epoch (f->chart), ==, 10);
  g_assert_cmpint (anneal_chart_get_n_steps (f->chart), ==, 500);

  /* The first series (selected) stepped per step */
  g_assert_cmpint (f->window->selected, ==, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (f->window->unit_row), ==, 0);
  adw_combo_row_set_selected (f->window->unit_row, 1);
  g_assert_cmpint (anneal_chart_get_series_unit (f->chart, 0), ==, ANNEAL_CHART_UNIT_STEP);
  g_assert_cmpint (anneal_chart_get_series_unit (f->chart, 1), ==, ANNEAL_CHART_UNIT_EPOCH);

  /* The row shows the selected series' unit */
  _anneal_window_select (f->window, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (f->window->unit_row), ==, 0);
  _anneal_window_select (f->window, 0);
  g_assert_cmpuint (adw_combo_row_get_selected (f->window->unit_row), ==, 1);

  adw_combo_row_set_selected (f->window->x_axis_row, 1);
  g_assert_cmpint (anneal_chart_get_x_unit (f->chart), ==, ANNEAL_CHART_UNIT_STEP);
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (f->window),
                                                                 "x-axis-steps");

    g_assert_true (g_variant_get_boolean (state));
  }
  /* The main menu's toggle switches it back and forth, the row with it */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "x-axis-steps", NULL);
  g_assert_cmpint (anneal_chart_get_x_unit (f->chart), ==, ANNEAL_CHART_UNIT_EPOCH);
  g_assert_cmpuint (adw_combo_row_get_selected (f->window->x_axis_row), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "x-axis-steps", NULL);
  g_assert_cmpint (anneal_chart_get_x_unit (f->chart), ==, ANNEAL_CHART_UNIT_STEP);
  g_assert_cmpuint (adw_combo_row_get_selected (f->window->x_axis_row), ==, 1);

  /* The crosshair is at a step: the per-step series' value there, the per-epoch
   * series' value at its epoch */
  anneal_chart_view_set_hover_epoch (f->window->chart_view, 123);
  readout = anneal_chart_view_dup_readout (f->window->chart_view);
  g_assert_true (g_str_has_prefix (readout, "Step 123 · epoch 12\n"));
  g_snprintf (value, sizeof value, "%s", anneal_number_format (anneal_schedule_value (s0, 123),
                                                             expected, sizeof expected));
  row0 = g_strdup_printf ("%s\t%s", anneal_chart_get_series_label (f->chart, 0), value);
  g_assert_nonnull (strstr (readout, row0));
  g_snprintf (value, sizeof value, "%s", anneal_number_format (anneal_schedule_value (s1, 12),
                                                             expected, sizeof expected));
  row1 = g_strdup_printf ("%s\t%s", anneal_chart_get_series_label (f->chart, 1), value);
  g_assert_nonnull (strstr (readout, row1));
  anneal_chart_view_set_hover_epoch (f->window->chart_view, -1);

  /* Statistics: each series over its own unit, and the caption says which */
  wait_for_stats (f);
  g_assert_nonnull (strstr (gtk_label_get_text (f->window->stats_caption),
                            "epochs 0 … 49; series stepped per step over steps 0 … 499"));
  anneal_schedule_stats (s0, 0, 499, &stats);
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 0, 6), ==,
                   expected_stat (stats.sum, expected));
  anneal_schedule_stats (s1, 0, 49, &stats);
  g_assert_cmpstr (anneal_stats_table_get_cell (f->window->stats_table, 1, 6), ==,
                   expected_stat (stats.sum, expected));

  /* Undo puts the axis back in epochs, and the row with it */
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "undo", NULL);
  g_assert_cmpint (anneal_chart_get_x_unit (f->chart), ==, ANNEAL_CHART_UNIT_EPOCH);
  g_assert_cmpuint (adw_combo_row_get_selected (f->window->x_axis_row), ==, 0);
  g_assert_cmpint (anneal_chart_get_steps_per_epoch (f->chart), ==, 10);

  /* A duplicate is stepped as its original */
  _anneal_window_select (f->window, 0);
  g_action_group_activate_action (G_ACTION_GROUP (f->window), "duplicate-series", NULL);
  g_assert_cmpint (f->window->selected, ==, 1);
  g_assert_cmpint (anneal_chart_get_series_unit (f->chart, 1), ==, ANNEAL_CHART_UNIT_STEP);
  g_assert_cmpint (anneal_chart_get_series_unit (f->chart, 2), ==, ANNEAL_CHART_UNIT_EPOCH);
  g_assert_cmpuint (adw_combo_row_get_selected (f->window->unit_row), ==, 1);
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

static gboolean
wait_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @widget's visibility is @visible (a spinner: and its
 * spinning), for at most @ms. */
static gboolean
wait_for_shown (GtkWidget *widget,
                gboolean   visible,
                guint      ms)
{
  gboolean expired = FALSE;
  guint source = g_timeout_add (ms, wait_flag, &expired);

  while (!expired &&
         (gtk_widget_get_visible (widget) != visible ||
          (GTK_IS_SPINNER (widget) && gtk_spinner_get_spinning (GTK_SPINNER (widget)) != visible)))
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (source);
  return !expired;
}

/* Statistics that take long: the spinner turns for two seconds, then "Updating…"
 * stays alone — a turning spinner redraws the window at the frame rate, which with
 * software rendering took 2.5 cores of 2 from the statistics' worker for as long as
 * they took. The numbers still come, and the label goes with the last of them. */
static void
test_window_stats_spinner_stops (Fixture       *f,
                                 gconstpointer  data)
{
  GtkWidget *spinner = GTK_WIDGET (f->window->stats_spinner);
  GtkWidget *label = GTK_WIDGET (f->window->stats_updating_label);
  g_autoptr(GError) error = NULL;

  wait_for_stats (f);
  g_assert_true (_anneal_window_add_spec (f->window, "restarts(t_mul=1.0000001)", NULL, &error));
  g_assert_no_error (error);
  _anneal_window_commit (f->window);
  gtk_spin_button_set_value (f->window->epochs_spin, 1e15);
  g_assert_true (wait_for_shown (spinner, TRUE, 5000));
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_true (wait_for_shown (spinner, FALSE, 5000));
  g_assert_true (anneal_stats_table_get_updating (f->window->stats_table));
  g_assert_true (gtk_widget_get_visible (label));

  gtk_spin_button_set_value (f->window->epochs_spin, 50);
  wait_for_stats (f);
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_false (gtk_widget_get_visible (spinner));
}

static guint
count_threads (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* Many series whose statistics take long: at most one thread per processor works
 * on them, the others wait (a document of 1000 series started 1000 threads), and
 * they are all dropped when the epochs change back. */
static void
test_window_stats_bounded_threads (Fixture       *f,
                                   gconstpointer  data)
{
  guint before;

  wait_for_stats (f);
  before = count_threads ();
  for (guint i = 0; i < 24; i++)
    {
      g_autofree char *spec = g_strdup_printf ("restarts(k=2, t_mul=1.0001, lr=0.%02u)", i + 10);
      g_autoptr(GError) error = NULL;

      g_assert_true (_anneal_window_add_spec (f->window, spec, NULL, &error));
      g_assert_no_error (error);
    }
  _anneal_window_commit (f->window);
  gtk_spin_button_set_value (f->window->epochs_spin, 1e15);
  while (f->window->stats_source != 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (anneal_stats_table_get_updating (f->window->stats_table));
  g_assert_cmpuint (count_threads (), <=, before + g_get_num_processors ());

  gtk_spin_button_set_value (f->window->epochs_spin, 50);
  wait_for_stats (f);
  g_assert_false (anneal_stats_table_row_is_updating (f->window->stats_table, 27));
}

/* The workers take the most urgent job first, then the first to come: the figure,
 * then pitfalls, then statistics (1000 series' statistics queued ahead of the figure
 * held it back). Every worker but one is held while the jobs are queued; that one
 * then takes them one by one. */
typedef struct
{
  GMutex    lock;
  GCond     cond;
  guint     started;   /* workers holding */
  guint     released;  /* workers let go */
  guint     done;
  GString  *order;
} WorkerOrder;

static WorkerOrder worker_order;

static void
hold_worker (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  guint index = GPOINTER_TO_UINT (data);

  g_mutex_lock (&worker_order.lock);
  worker_order.started++;
  g_cond_broadcast (&worker_order.cond);
  while (worker_order.released <= index)
    g_cond_wait (&worker_order.cond, &worker_order.lock);
  g_mutex_unlock (&worker_order.lock);
  g_task_return_boolean (task, TRUE);
}

static void
note_worker (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  g_mutex_lock (&worker_order.lock);
  g_string_append (worker_order.order, data);
  g_mutex_unlock (&worker_order.lock);
  g_task_return_boolean (task, TRUE);
}

static void
worker_done (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  worker_order.done++;
}

static void
run_worker_job (GTaskThreadFunc func,
                gpointer        data,
                int             priority)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, worker_done, NULL);

  g_task_set_task_data (task, data, NULL);
  anneal_worker_run (task, func, priority);
}

/* The figure has threads of its own: with every other worker held by statistics that
 * take minutes (restarts over 10^15 epochs with t_mul near 1), the chart stayed on
 * "Drawing…" until one ended. Among the others, pitfalls come before statistics; in
 * each, jobs of one kind in order of arrival. */
static void
test_worker_order (void)
{
  guint n = g_get_num_processors ();
  static const struct { const char *name; int priority; } jobs[] = {
    { "s1 ", ANNEAL_WORKER_STATISTICS }, { "p1 ", ANNEAL_WORKER_PITFALLS },
    { "s2 ", ANNEAL_WORKER_STATISTICS }, { "f1 ", ANNEAL_WORKER_FIGURE },
    { "p2 ", ANNEAL_WORKER_PITFALLS }, { "f2 ", ANNEAL_WORKER_FIGURE },
  };

  worker_order.order = g_string_new (NULL);

  /* statistics hold every worker they can have: a figure's job still runs */
  for (guint i = 0; i < n; i++)
    run_worker_job (hold_worker, GUINT_TO_POINTER (i), ANNEAL_WORKER_STATISTICS);
  g_mutex_lock (&worker_order.lock);
  while (worker_order.started < n)
    g_cond_wait (&worker_order.cond, &worker_order.lock);
  g_mutex_unlock (&worker_order.lock);
  run_worker_job (note_worker, (gpointer) "f0 ", ANNEAL_WORKER_FIGURE);
  while (worker_order.done < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (worker_order.order->str, ==, "f0 ");

  /* and the figure's threads held too: the jobs queued now wait for one */
  for (guint i = 0; i < n; i++)
    run_worker_job (hold_worker, GUINT_TO_POINTER (n + i), ANNEAL_WORKER_FIGURE);
  g_mutex_lock (&worker_order.lock);
  while (worker_order.started < 2 * n)
    g_cond_wait (&worker_order.cond, &worker_order.lock);
  g_mutex_unlock (&worker_order.lock);
  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    run_worker_job (note_worker, (gpointer) jobs[i].name, jobs[i].priority);

  /* one of the others let go: it takes their queue in order */
  g_mutex_lock (&worker_order.lock);
  worker_order.released = 1;
  g_cond_broadcast (&worker_order.cond);
  g_mutex_unlock (&worker_order.lock);
  while (worker_order.done < 1 + 1 + 4)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (worker_order.order->str, ==, "f0 p1 p2 s1 s2 ");

  /* the rest of them, and one of the figure's: it takes the figure's in order */
  g_mutex_lock (&worker_order.lock);
  worker_order.released = n + 1;
  g_cond_broadcast (&worker_order.cond);
  g_mutex_unlock (&worker_order.lock);
  while (worker_order.done < 1 + n + 1 + G_N_ELEMENTS (jobs))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (worker_order.order->str, ==, "f0 p1 p2 s1 s2 f1 f2 ");

  g_mutex_lock (&worker_order.lock);
  worker_order.released = 2 * n;
  g_cond_broadcast (&worker_order.cond);
  g_mutex_unlock (&worker_order.lock);
  while (worker_order.done < 1 + 2 * n + G_N_ELEMENTS (jobs))
    g_main_context_iteration (NULL, TRUE);
  g_string_free (worker_order.order, TRUE);
}

/* The first frame shows the statistics of what the window opens with, and the
 * frames after it keep its layout: the table's rows were built by an idle that ran
 * after the first frame, and the next frame laid the window out again with the
 * chart 22 px shorter. */
typedef struct
{
  gboolean mapped;
  gboolean stats_pending;
  char    *sum;
} FirstFrame;

static void
first_frame_mapped (GtkWidget  *widget,
                    FirstFrame *seen)
{
  AnnealWindow *window = ANNEAL_WINDOW (widget);

  seen->mapped = TRUE;
  seen->stats_pending = window->stats_source != 0;
  seen->sum = g_strdup (anneal_stats_table_get_cell (window->stats_table, 3, 6));
}

static void
test_window_first_frame_stats (void)
{
  g_autoptr(AnnealWindow) window = g_object_ref_sink (anneal_window_new (NULL));
  AnnealChart *chart = anneal_document_get_chart (anneal_window_get_document (window));
  FirstFrame seen = { FALSE, FALSE, NULL };
  char expected[ANNEAL_NUMBER_BUFSIZE];
  AnnealStats stats;
  int height;

  g_signal_connect_after (window, "map", G_CALLBACK (first_frame_mapped), &seen);
  gtk_window_present (GTK_WINDOW (window));
  while (anneal_chart_view_get_first_frame_time (window->chart_view) == 0)
    g_main_context_iteration (NULL, TRUE);
  height = gtk_widget_get_height (GTK_WIDGET (window->chart_view));

  /* By the time the window is mapped, before its first frame, the four rows are
   * there with their numbers. */
  g_assert_true (seen.mapped);
  g_assert_false (seen.stats_pending);
  g_assert_cmpuint (anneal_chart_get_n_series (chart), ==, 4);
  anneal_schedule_stats (anneal_chart_get_series_schedule (chart, 3), 0, 49, &stats);
  g_assert_cmpstr (seen.sum, ==, expected_stat (stats.sum, expected));
  g_assert_false (anneal_stats_table_row_is_updating (window->stats_table, 3));

  /* What comes next changes nothing in the layout. */
  for (int i = 0; i < 5; i++)
    {
      anneal_test_iterate ();
      g_usleep (20000);
    }
  anneal_test_iterate ();
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window->chart_view)), ==, height);

  g_free (seen.sum);
  gtk_window_destroy (GTK_WINDOW (window));
  anneal_test_iterate ();
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
          anneal_test_iterate ();
          gtk_window_destroy (GTK_WINDOW (window));
          g_object_unref (window);
          anneal_test_iterate ();
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

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  guint *left = data;

  if (*left > 0)
    --*left;
  return *left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static void
wait_frames (GtkWidget *widget,
             guint      n)
{
  guint tick = g_timeout_add (20, wake_up, NULL);
  guint left = n;

  gtk_widget_add_tick_callback (widget, count_frame, &left, NULL);
  for (guint i = 0; i < 500 && left > 0; i++)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_cmpuint (left, ==, 0);
  anneal_test_iterate ();
}

/* Until the sidebar has finished sliding in or out (a folding split view animates it
 * for a quarter of a second, however few frames a loaded machine draws in that time)
 * and the chart's size has held for two frames. */
static void
settle (Fixture *f)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *chart = GTK_WIDGET (f->window->chart_view);
  int last_width = -1, last_height = -1, steady = 0;

  for (guint i = 0; i < 200 && steady < 2; i++)
    {
      gboolean sidebar_drawn = gtk_widget_get_mapped (f->window->sidebar) &&
                               gtk_widget_get_child_visible (f->window->sidebar);
      gboolean still = gtk_widget_get_width (chart) == last_width &&
                       gtk_widget_get_height (chart) == last_height;

      if (sidebar_drawn == _anneal_window_get_sidebar_shown (f->window) && still)
        steady++;
      else
        steady = 0;
      last_width = gtk_widget_get_width (chart);
      last_height = gtk_widget_get_height (chart);
      wait_frames (window, 1);
    }
  g_assert_cmpint (steady, ==, 2);
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
  anneal_test_iterate ();
  /* A breakpoint (libadwaita 1.4 and later) is applied in the frame that sees the new
   * size and takes effect in the layout of a later one. */
  wait_frames (window, 3);
  settle (f);
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
  /* never silently 0, as in a spec: a rate typed as 1e-400 became 0 */
  { "1e-400", FALSE, 0 },
  { "0.000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "00000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "0000000000000000000000000000000000000000000000000000000000000000000000000001", FALSE, 0 },
  { "1e-300/1e300", FALSE, 0 },
  { "0e-400", TRUE, 0 },
  { "5e-324", TRUE, 5e-324 },  /* a subnormal is a number, as in a spec */
  /* what g_ascii_strtod() reads beyond a spec's numbers */
  { "0x10", FALSE, 0 },
  { "0x1p-3", FALSE, 0 },
  { "inf", FALSE, 0 },
  { "nan", FALSE, 0 },
  { "1e", FALSE, 0 },
  { ".5", TRUE, 0.5 },
  { "-2.5E+2", TRUE, -250 },
};

static void
test_number_parse (gconstpointer data)
{
  const ParseCase *c = data;
  double value = -1;

  g_assert_cmpint (anneal_number_parse (c->text, &value), ==, c->ok);
  if (c->ok)
    g_assert_cmpfloat (value, ==, c->value);
  else if (strlen (c->text) < 40)
    {
      g_autofree char *refusal = anneal_number_refusal (c->text);
      /* a number no double holds is said to be one, too small or too large */
      gboolean range = strstr (c->text, "e-400") != NULL || strcmp (c->text, "1e999") == 0 ||
                       strcmp (c->text, "1e-300/1e300") == 0;

      g_assert_nonnull (strstr (refusal, range ? "too small or too large" : "is not a number"));
    }
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

/* A descendant button with @label, or NULL. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The warning icon of the selected series and the pitfalls in the panel follow the
 * schedule and the run length live; a fix button applies the fix. */
static void
test_pitfalls (Fixture       *f,
               gconstpointer  data)
{
  AnnealWindow *w = f->window;
  GtkListBoxRow *row;
  GtkWidget *icon, *group, *button;
  const char *tooltip;

  gtk_spin_button_set_value (w->epochs_spin, 80);
  _anneal_window_set_spec_text (w, "sgdr(lr=0.1, t_0=10, t_mult=2, eta_min=0.0001)");
  anneal_test_iterate ();
  row = gtk_list_box_get_row_at_index (w->series_list, w->selected);
  g_assert_true (ANNEAL_IS_SERIES_ROW (row));
  icon = anneal_series_row_get_warning_icon (ANNEAL_SERIES_ROW (row));
  g_assert_true (gtk_widget_get_visible (icon));
  tooltip = anneal_widget_get_tooltip_text (icon);
  g_assert_nonnull (tooltip);
  g_assert_true (g_str_has_prefix (tooltip, "ends-mid-cycle: "));
  g_assert_nonnull (strstr (tooltip, "N = 70"));

  group = anneal_param_panel_get_pitfalls_group (w->param_panel);
  g_assert_nonnull (group);
  g_assert_true (gtk_widget_is_visible (group));
  button = find_button (group, "Train N\u00A0= 70");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  anneal_test_iterate ();
  g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, 70);
  g_assert_false (gtk_widget_get_visible (icon));
  g_assert_null (anneal_param_panel_get_pitfalls_group (w->param_panel));

  /* Live: the run length alone brings it back. */
  gtk_spin_button_set_value (w->epochs_spin, 75);
  anneal_test_iterate ();
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_nonnull (anneal_param_panel_get_pitfalls_group (w->param_panel));

  /* A parameter fix: past-horizon sets t_max to cover the run. */
  _anneal_window_set_spec_text (w, "cosine(t_max=20, eta_min=0.001)");
  anneal_test_iterate ();
  row = gtk_list_box_get_row_at_index (w->series_list, w->selected);
  icon = anneal_series_row_get_warning_icon (ANNEAL_SERIES_ROW (row));
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_true (g_str_has_prefix (anneal_widget_get_tooltip_text (icon), "past-horizon: "));
  button = find_button (anneal_param_panel_get_pitfalls_group (w->param_panel), "Set t_max\u00A0= 74");
  g_assert_nonnull (button);
  /* its label wraps: "Set t_max = 999999999999999" on one line left the explanation
   * beside it a column of a letter or two */
  g_assert_true (gtk_label_get_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)))));
  g_assert_cmpint (gtk_label_get_max_width_chars (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button)))),
                   <=, 16);
  g_signal_emit_by_name (button, "clicked");
  anneal_test_iterate ();
  g_assert_cmpfloat (anneal_schedule_get_number (anneal_chart_get_series_schedule (f->chart,
                                                                                   w->selected),
                                                 0, "t_max"), ==, 74);
  g_assert_false (gtk_widget_get_visible (icon));
  g_assert_null (anneal_param_panel_get_pitfalls_group (w->param_panel));

  /* A series stepped per optimizer step is told in steps: 50 epochs of 10 steps
   * run to step 499, and the fix covers them. */
  _anneal_window_set_spec_text (w, "cosine(t_max=20, eta_min=0.001)");
  anneal_chart_set_steps_per_epoch (f->chart, 10);
  anneal_chart_set_series_unit (f->chart, w->selected, ANNEAL_CHART_UNIT_STEP);
  gtk_spin_button_set_value (w->epochs_spin, 50);
  anneal_test_iterate ();
  tooltip = anneal_widget_get_tooltip_text (icon);
  g_assert_nonnull (strstr (tooltip, "the run goes on to step 499, past the end of t_max = 20 "
                                     "at step 20"));
  g_assert_null (strstr (tooltip, "epoch"));
  group = anneal_param_panel_get_pitfalls_group (w->param_panel);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   "What goes wrong over this run of steps");
  g_assert_nonnull (find_button (group, "Set t_max\u00A0= 499"));
  anneal_chart_set_series_unit (f->chart, w->selected, ANNEAL_CHART_UNIT_EPOCH);
  anneal_test_iterate ();
  tooltip = anneal_widget_get_tooltip_text (icon);
  g_assert_nonnull (strstr (tooltip, "the run goes on to epoch 49"));
  group = anneal_param_panel_get_pitfalls_group (w->param_panel);
  g_assert_cmpstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (group)), ==,
                   "What goes wrong over this run of epochs");
  anneal_chart_set_steps_per_epoch (f->chart, 1);

  /* A sound schedule is silent. */
  gtk_spin_button_set_value (w->epochs_spin, 50);
  _anneal_window_set_spec_text (w, "cosine-wave()");
  anneal_test_iterate ();
  g_assert_false (gtk_widget_get_visible (icon));
  g_assert_null (anneal_param_panel_get_pitfalls_group (w->param_panel));
}

/* What was found for a schedule over a run is kept while a series shows it: a change
 * elsewhere (the log scale, another series, the title) does not look again, a new
 * schedule or run length does, and what no series shows any more is let go. */
static void
test_pitfalls_kept (Fixture       *f,
                    gconstpointer  data)
{
  AnnealWindow *w = f->window;
  g_autoptr(AnnealSchedule) other = anneal_schedule_parse ("cosine(t_max=20)", NULL, NULL);
  AnnealSchedule *first;
  gpointer found;
  guint n;

  gtk_spin_button_set_value (w->epochs_spin, 80);
  _anneal_window_set_spec_text (w, "sgdr(lr=0.1, t_0=10, t_mult=2, eta_min=0.0001)");
  anneal_test_iterate ();
  n = anneal_chart_get_n_series (f->chart);
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (g_hash_table_size (w->pitfalls_found), <=, n);
  first = anneal_chart_get_series_schedule (f->chart, w->selected);
  found = g_hash_table_lookup (w->pitfalls_found, first);
  g_assert_nonnull (found);

  /* kept through changes that are not its own */
  gtk_widget_activate_action (GTK_WIDGET (w), "win.log-y", NULL);
  gtk_editable_set_text (GTK_EDITABLE (w->title_row), "kept");
  anneal_chart_set_series_schedule (f->chart, (guint) (w->selected + 1) % n, other);
  anneal_test_iterate ();
  g_assert_true (g_hash_table_lookup (w->pitfalls_found, first) == found);

  /* looked for again over another run: the icon follows (N = 150 has the cycle end) */
  gtk_spin_button_set_value (w->epochs_spin, 150);
  anneal_test_iterate ();
  g_assert_false (gtk_widget_get_visible (
    anneal_series_row_get_warning_icon (ANNEAL_SERIES_ROW (
      gtk_list_box_get_row_at_index (w->series_list, w->selected)))));

  /* a schedule no series shows is let go; one entry a schedule shown */
  _anneal_window_set_spec_text (w, "cosine(t_max=20, eta_min=0.001)");
  anneal_test_iterate ();
  g_assert_null (g_hash_table_lookup (w->pitfalls_found, first));
  g_assert_cmpuint (g_hash_table_size (w->pitfalls_found), <=, n);
}

static gboolean
set_true (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Over a long run a series' pitfalls are looked for in a worker thread: the edit
 * returns before they are found (50 sequences of 64 waves over 10^15 epochs held the
 * main loop 4.4 s while their document opened), the row and the panel show them when
 * they are, and a window closed while they are looked for lets them go. */
static void
test_pitfalls_worker (Fixture       *f,
                      gconstpointer  data)
{
  AnnealWindow *w = f->window;
  GtkListBoxRow *row;
  GtkWidget *icon;
  gboolean timed_out = FALSE;
  guint timeout;

  gtk_spin_button_set_value (w->epochs_spin, 1e15);
  _anneal_window_set_spec_text (w, "constant()");
  anneal_test_iterate ();
  row = gtk_list_box_get_row_at_index (w->series_list, w->selected);
  icon = anneal_series_row_get_warning_icon (ANNEAL_SERIES_ROW (row));
  g_assert_false (gtk_widget_get_visible (icon));
  g_assert_null (anneal_param_panel_get_pitfalls_group (w->param_panel));

  _anneal_window_set_spec_text (w, "cosine(t_max=20, eta_min=0.001)");
  /* not found yet: the edit did not wait for them */
  g_assert_false (gtk_widget_get_visible (icon));
  g_assert_null (anneal_param_panel_get_pitfalls_group (w->param_panel));

  timeout = g_timeout_add_seconds (60, set_true, &timed_out);
  while (!timed_out && anneal_param_panel_get_pitfalls_group (w->param_panel) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
  g_assert_true (gtk_widget_get_visible (icon));
  g_assert_nonnull (strstr (anneal_widget_get_tooltip_text (icon),
                            "the run goes on to epoch 999999999999999"));
  g_assert_nonnull (find_button (anneal_param_panel_get_pitfalls_group (w->param_panel),
                                 "Set t_max\u00A0= 999999999999999"));

  /* looked for again, and the window closed before they are found */
  _anneal_window_set_spec_text (w, "cosine(t_max=30, eta_min=0.001)");
}

/* The action rows in @widget, not those in an expander row (*expander) */
static guint
count_action_rows (GtkWidget  *widget,
                   GtkWidget **expander)
{
  guint n = 0;

  if (ADW_IS_EXPANDER_ROW (widget))
    {
      *expander = widget;
      return 0;
    }
  if (ADW_IS_ACTION_ROW (widget))
    return 1;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_action_rows (c, expander);
  return n;
}

/* Past ANNEAL_PITFALLS_SHOWN, the pitfalls are counted in the icon's tooltip and
 * behind an expander in the panel, laid out when it is opened: 64 rows of wrapped
 * explanations held the main loop 1.5 s at every layout of the panel. */
static void
test_pitfalls_many (Fixture       *f,
                    gconstpointer  data)
{
  AnnealWindow *w = f->window;
  g_autoptr(GString) spec = g_string_new (NULL);
  g_autofree char *tooltip = NULL;
  GtkWidget *group, *expander = NULL;
  GtkListBoxRow *row;
  guint n_rows = 0;

  for (guint i = 0; i < 10; i++)
    g_string_append (spec, "cosine(t_max=5, for=10) -> ");
  g_string_append (spec, "cosine(t_max=5)");
  gtk_spin_button_set_value (w->epochs_spin, 200);
  _anneal_window_set_spec_text (w, spec->str);
  anneal_test_iterate ();

  /* 22 pitfalls (anneal-cli check says so): 8 told, 14 counted */
  row = gtk_list_box_get_row_at_index (w->series_list, w->selected);
  tooltip = g_strdup (anneal_widget_get_tooltip_text (
    anneal_series_row_get_warning_icon (ANNEAL_SERIES_ROW (row))));
  g_assert_nonnull (tooltip);
  {
    g_auto(GStrv) lines = g_strsplit (tooltip, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, ANNEAL_PITFALLS_SHOWN + 1);
    g_assert_cmpstr (lines[ANNEAL_PITFALLS_SHOWN], ==, "and 14 more pitfalls");
  }

  group = anneal_param_panel_get_pitfalls_group (w->param_panel);
  g_assert_nonnull (group);
  n_rows = count_action_rows (group, &expander);
  g_assert_cmpuint (n_rows, ==, ANNEAL_PITFALLS_SHOWN);
  g_assert_nonnull (expander);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==,
                   "14 more pitfalls");
  /* the rest laid out when asked for, their fixes there */
  g_assert_null (find_button (expander, "Set t_max\u00A0= 9"));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  anneal_test_iterate ();
  g_assert_nonnull (find_button (expander, "Set t_max\u00A0= 9"));
}

/* A row lays out the start of a long spec; its tooltip has it whole. */
static void
test_row_spec_bounded (Fixture       *f,
                       gconstpointer  data)
{
  AnnealWindow *w = f->window;
  g_autoptr(GString) spec = g_string_new (NULL);
  g_autofree char *canonical = NULL;
  g_autofree char *escaped = NULL;
  GtkListBoxRow *row;
  const char *subtitle;

  for (guint i = 0; i < 40; i++)
    g_string_append (spec, "constant(lr=0.1, for=3) -> ");
  g_string_append (spec, "constant(lr=0.1)");
  _anneal_window_set_spec_text (w, spec->str);
  anneal_test_iterate ();
  row = gtk_list_box_get_row_at_index (w->series_list, w->selected);
  subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
  g_assert_cmpuint (g_utf8_strlen (subtitle, -1), ==, ANNEAL_SERIES_SPEC_SHOWN + 1);
  g_assert_true (g_str_has_suffix (subtitle, "…"));
  canonical = spec_of (f->chart, (guint) w->selected);
  g_assert_cmpuint (strlen (canonical), >, 2 * ANNEAL_SERIES_SPEC_SHOWN);
  g_assert_true (strncmp (subtitle, canonical, ANNEAL_SERIES_SPEC_SHOWN) == 0);
  escaped = g_markup_escape_text (canonical, -1);
  g_assert_nonnull (strstr (anneal_widget_get_tooltip_markup (GTK_WIDGET (row)), escaped));
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

/* Runs the main loop until @widget is allocated and mapped, for at most two seconds. */
static void
wait_mapped (GtkWidget *widget)
{
  gint64 start = g_get_monotonic_time ();

  while ((!gtk_widget_get_mapped (widget) || gtk_widget_get_width (widget) == 0) &&
         g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  anneal_test_iterate ();
}

static GtkListBoxRow *
kind_row (Fixture    *f,
          const char *name)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (f->window->kinds_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "kind"), name) == 0)
      return GTK_LIST_BOX_ROW (row);

  return NULL;
}

static guint
n_kinds_shown (Fixture *f)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (f->window->kinds_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_object_get_data (G_OBJECT (row), "kind") != NULL && gtk_widget_get_child_visible (row))
      n++;

  return n;
}

/* Types into the catalogue's search and waits for the list to follow. */
static void
search_kinds (Fixture    *f,
              const char *text)
{
  gint64 start = g_get_monotonic_time ();
  gpointer changed = NULL;
  gulong id = g_signal_connect_swapped (f->window->kinds_search, "search-changed",
                                        G_CALLBACK (g_nullify_pointer), &changed);

  gtk_editable_set_text (GTK_EDITABLE (f->window->kinds_search), text);
  changed = f;  /* becomes NULL when the (delayed) signal comes */
  while (changed != NULL && g_get_monotonic_time () - start < 2 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, FALSE);
  g_signal_handler_disconnect (f->window->kinds_search, id);
  anneal_test_iterate ();
}

/* Issue 13: the catalogue's rows keep their width whatever the source label (sgdr's
 * is long), and a search finds kinds by name, summary or source; Enter adds the first. */
static void
test_catalogue (Fixture       *f,
                gconstpointer  data)
{
  GtkListBoxRow *sgdr;
  guint n_kinds = anneal_kind_get_count ();
  guint n_series = anneal_chart_get_n_series (f->chart);
  g_autofree char *spec = NULL;
  GtkWidget *label;

  /* (the rows are made when the catalogue first opens) */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-series", NULL);
  anneal_test_iterate ();
  sgdr = kind_row (f, "sgdr");
  g_assert_nonnull (sgdr);
  wait_mapped (GTK_WIDGET (sgdr));
  g_assert_true (gtk_widget_get_visible (f->window->kinds_popover));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (f->window->kinds_search)) ||
                 gtk_widget_is_focus (GTK_WIDGET (f->window->kinds_search)) ||
                 gtk_widget_get_focus_child (GTK_WIDGET (f->window->kinds_search)) != NULL);
  g_assert_cmpuint (n_kinds_shown (f), ==, n_kinds);

  /* Every row two or three lines high, its summary at least 200 pixels wide. */
  for (guint i = 0; i < n_kinds; i++)
    {
      GtkListBoxRow *row = kind_row (f, anneal_kind_get_name (anneal_kind_get_nth (i)));

      g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (row)), <, 120);
    }
  label = gtk_widget_get_last_child (gtk_list_box_row_get_child (sgdr));
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_cmpint (gtk_widget_get_width (label), >=, 200);

  /* By name, by words of the summary, by source. */
  search_kinds (f, "SGDR");
  g_assert_cmpuint (n_kinds_shown (f), ==, 1);
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (sgdr)));
  search_kinds (f, "notebook zeno");
  g_assert_cmpuint (n_kinds_shown (f), >=, 1);
  g_assert_cmpuint (n_kinds_shown (f), <, n_kinds);
  g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (sgdr)));
  search_kinds (f, "no such kind");
  g_assert_cmpuint (n_kinds_shown (f), ==, 0);

  /* Enter adds the first match and closes the catalogue. */
  search_kinds (f, "sgdr");
  g_signal_emit_by_name (f->window->kinds_search, "activate");
  anneal_test_iterate ();
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n_series + 1);
  spec = spec_of (f->chart, f->window->selected);
  g_assert_true (g_str_has_prefix (spec, "sgdr("));

  /* Opened again, the search starts empty. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-series", NULL);
  wait_mapped (GTK_WIDGET (sgdr));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->kinds_search)), ==, "");
  g_assert_cmpuint (n_kinds_shown (f), ==, n_kinds);

  /* Escape clears a search, then closes the catalogue (the entry takes the key). */
  search_kinds (f, "sgdr");
  g_signal_emit_by_name (f->window->kinds_search, "stop-search");
  anneal_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->kinds_search)), ==, "");
  g_assert_true (gtk_widget_get_visible (f->window->kinds_popover));
  g_signal_emit_by_name (f->window->kinds_search, "stop-search");
  anneal_test_iterate ();
  g_assert_false (gtk_widget_get_visible (f->window->kinds_popover));
}

/* Issue 13: Ctrl+L, Ctrl+D, Ctrl+Delete and Ctrl++ in quick succession printed a
 * Gdk-CRITICAL about no monitor and a GtkPopoverContent allocated a negative width:
 * the catalogue popped up from its button where the button was not on screen. Now it
 * pops up from the button where it is drawn, a folded sidebar opened first. Every
 * warning is fatal here. */
static void
test_catalogue_after_keys (Fixture       *f,
                           gconstpointer  data)
{
  GtkWidget *popover = f->window->kinds_popover;
  GtkWidget *button = f->window->add_series_button;

  wait_frames (GTK_WIDGET (f->window), 2);
  for (int narrow = 0; narrow <= 1; narrow++)
    {
      gint64 start;

      if (narrow)
        {
          resize (f, 360, 640);
          g_assert_true (_anneal_window_get_sidebar_folded (f->window));
          g_assert_false (_anneal_window_get_sidebar_shown (f->window));
        }

      /* the sidebar scrolled down to the parameters, the button out of sight */
      {
        GtkWidget *scroller = gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
        GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

        gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v));
        wait_frames (GTK_WIDGET (f->window), 2);
        if (!narrow)
          {
            graphene_rect_t bounds;

            g_assert_true (gtk_widget_compute_bounds (button, scroller, &bounds));
            g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <, 0);
          }
      }

      /* the keys' actions, without a frame between them */
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-y", NULL);
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.duplicate-series", NULL);
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.remove-series", NULL);
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.add-series", NULL);

      /* never up while its button is not drawn */
      start = g_get_monotonic_time ();
      while (!gtk_widget_get_mapped (popover) &&
             g_get_monotonic_time () - start < 5 * G_USEC_PER_SEC)
        {
          g_assert_true (!gtk_widget_get_visible (popover) || shown (button));
          wait_frames (GTK_WIDGET (f->window), 1);
        }
      wait_frames (GTK_WIDGET (f->window), 2);

      g_assert_true (gtk_widget_get_mapped (popover));
      g_assert_true (shown (button));
      {
        GtkWidget *scroller = gtk_widget_get_ancestor (button, GTK_TYPE_SCROLLED_WINDOW);
        graphene_rect_t bounds;

        g_assert_true (gtk_widget_compute_bounds (button, scroller, &bounds));
        g_assert_cmpfloat (bounds.origin.y, >=, 0);
        g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=,
                           gtk_widget_get_height (scroller));
      }
      g_assert_true (_anneal_window_get_sidebar_shown (f->window));
      g_assert_cmpint (gtk_widget_get_width (popover), >, 0);

      /* inside the window: centred under its button, it stood out of a narrow window
       * by half its width */
      {
        GtkWidget *content = gtk_popover_get_child (GTK_POPOVER (popover));
        double width = gtk_widget_get_width (content);
        double x = 0, y = 0;
        int dx = 0, dy = 0;

        g_assert_true (gtk_widget_translate_coordinates (button, GTK_WIDGET (f->window),
                                                         gtk_widget_get_width (button) / 2.0,
                                                         0, &x, &y));
        gtk_popover_get_offset (GTK_POPOVER (popover), &dx, &dy);
        g_assert_cmpfloat (x + dx - width / 2, >=, 0);
        g_assert_cmpfloat (x + dx + width / 2, <=, gtk_widget_get_width (GTK_WIDGET (f->window)));
        if (!narrow)
          g_assert_cmpint (dx, ==, 0);
      }

      gtk_popover_popdown (GTK_POPOVER (popover));
      wait_frames (GTK_WIDGET (f->window), 2);
      gtk_widget_activate_action (GTK_WIDGET (f->window), "win.log-y", NULL);
    }
}

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
  anneal_test_iterate ();
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

      /* A preset is a whole comparison in epochs, whatever steps there were */
      anneal_chart_set_steps_per_epoch (f->chart, 7);
      anneal_chart_set_x_unit (f->chart, ANNEAL_CHART_UNIT_STEP);
      g_assert_true (_anneal_window_apply_preset (f->window, preset->id, NULL));
      g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n);
      g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, preset->epochs);
      g_assert_cmpint (anneal_chart_get_steps_per_epoch (f->chart), ==, 1);
      g_assert_cmpint (anneal_chart_get_x_unit (f->chart), ==, ANNEAL_CHART_UNIT_EPOCH);
      g_assert_cmpint (gtk_spin_button_get_value_as_int (f->window->steps_spin), ==, 1);
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
  anneal_test_iterate ();
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
  /* the question is still known when the statistics have been brought up to date
   * meanwhile (they used to forget it) */
  anneal_chart_set_epochs (f->chart, anneal_chart_get_epochs (f->chart) + 10);
  wait_for_stats (f);
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
  anneal_test_iterate ();
  g_assert_cmpuint (count_toplevels (ANNEAL_TYPE_WINDOW), ==, before + 1);

  windows = g_list_append (windows, second);
  windows = g_list_append (windows, f->window);
  anneal_window_close_in_turn (windows);
  g_list_free (windows);
  anneal_test_iterate ();

  /* Only the first asks. */
  g_assert_nonnull (second->confirm_dialog);
  g_assert_null (f->window->confirm_dialog);
  respond (second->confirm_dialog, "discard");
  anneal_test_iterate ();

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

  options.format = ANNEAL_EXPORT_FORMAT_SVG;
  options.scale = 1;
  g_assert_true (anneal_export_to_file (f->chart, svg, &options, &error));
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_clear_pointer (&contents, g_free);

  options.format = ANNEAL_EXPORT_FORMAT_PDF;
  g_assert_true (anneal_export_to_file (f->chart, pdf, &options, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_clear_pointer (&contents, g_free);

  options.format = ANNEAL_EXPORT_FORMAT_CSV;
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

    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

    /* drawn in a worker thread: not there before the main loop runs again */
    gdk_clipboard_set_content (clipboard, NULL);
    g_action_group_activate_action (G_ACTION_GROUP (f->window), "copy-figure", NULL);
    g_assert_false (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                       GDK_TYPE_TEXTURE));
    while (!gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                               GDK_TYPE_TEXTURE) &&
           g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                      GDK_TYPE_TEXTURE));
    g_assert_true (gdk_clipboard_is_local (clipboard));
  }

  /* A folder that does not exist: an error, no file. */
  {
    g_autofree char *bad = g_build_filename (f->tmpdir, "missing", "figure.png", NULL);

    options.format = ANNEAL_EXPORT_FORMAT_PNG;
    g_assert_false (anneal_export_to_file (f->chart, bad, &options, &error));
    g_assert_nonnull (error);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

/* The widgets of @type under @root, in order */
static void
collect_widgets (GtkWidget *root,
                 GType      type,
                 GPtrArray *found)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    g_ptr_array_add (found, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    collect_widgets (c, type, found);
}

/* A size the figure cannot be written at is said under the size, with Export… and
 * Copy off (16384 × 16384 at scale 8 was refused only once pressed); a figure is
 * drawn in a worker thread, the dialog busy meanwhile (a spinner, nothing to press,
 * no closing: 8192 × 8192 at scale 1.4 held the main loop 7 to 17 s), then gone. */
static void
test_export_dialog_busy (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GSettings) settings = anneal_settings_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  g_autoptr(AnnealExportDialog) dialog = NULL;
  GtkWidget *copy = NULL, *export = NULL, *cancel = NULL, *refusal;

  g_settings_set_enum (settings, "export-format", ANNEAL_EXPORT_FORMAT_PNG);
  dialog = g_object_ref (anneal_export_dialog_new (GTK_WINDOW (f->window), f->chart, settings,
                                                   f->window->toast_overlay, "Untitled.anneal"));
  gtk_window_present (GTK_WINDOW (dialog));
  anneal_test_iterate ();
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, spins);
  g_assert_cmpuint (spins->len, ==, 3);  /* width, height, scale */
  collect_widgets (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *b = g_ptr_array_index (buttons, i);

      if (find_label (b, "Copy Figure to Clipboard") != NULL)
        copy = b;
      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (b)), "_Export…") == 0)
        export = b;
    }
  cancel = find_button (GTK_WIDGET (dialog), "_Cancel");
  g_assert_nonnull (copy);
  g_assert_nonnull (export);
  g_assert_nonnull (cancel);

  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 16384);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 16384);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 2), 8);
  refusal = find_label (GTK_WIDGET (dialog),
                        "Figure of 16384×16384 at scale 8 has too many pixels for a PNG "
                        "(at most 134217728)");
  g_assert_nonnull (refusal);
  g_assert_true (gtk_widget_get_visible (refusal));
  g_assert_false (gtk_widget_get_sensitive (copy));
  g_assert_false (gtk_widget_get_sensitive (export));

  /* an SVG has no pixels to count: Export… is on, Copy (a PNG) stays off */
  adw_combo_row_set_selected (ADW_COMBO_ROW (gtk_widget_get_ancestor (
    find_label (GTK_WIDGET (dialog), "Format"), ADW_TYPE_COMBO_ROW)), ANNEAL_EXPORT_FORMAT_SVG);
  g_assert_false (gtk_widget_get_visible (refusal));
  g_assert_true (gtk_widget_get_sensitive (export));
  g_assert_false (gtk_widget_get_sensitive (copy));

  gtk_spin_button_set_value (g_ptr_array_index (spins, 0), 640);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 1), 400);
  gtk_spin_button_set_value (g_ptr_array_index (spins, 2), 1);
  g_assert_true (gtk_widget_get_sensitive (copy));

  gdk_clipboard_set_content (clipboard, NULL);
  g_signal_emit_by_name (copy, "clicked");
  g_assert_true (anneal_export_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_sensitive (export));
  g_assert_true (gtk_widget_get_sensitive (cancel));
  while (anneal_export_dialog_get_busy (dialog) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (anneal_export_dialog_get_busy (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                    GDK_TYPE_TEXTURE));
  g_clear_object (&dialog);

  /* Cancel while the figure is drawn: the dialog goes at once, nothing is copied */
  dialog = g_object_ref (anneal_export_dialog_new (GTK_WINDOW (f->window), f->chart, settings,
                                                   f->window->toast_overlay, "Untitled.anneal"));
  gtk_window_present (GTK_WINDOW (dialog));
  anneal_test_iterate ();
  copy = gtk_widget_get_ancestor (find_label (GTK_WIDGET (dialog), "Copy Figure to Clipboard"),
                                  GTK_TYPE_BUTTON);
  cancel = find_button (GTK_WIDGET (dialog), "_Cancel");
  g_assert_nonnull (copy);
  g_assert_nonnull (cancel);
  gdk_clipboard_set_content (clipboard, NULL);
  g_signal_emit_by_name (copy, "clicked");
  g_assert_true (anneal_export_dialog_get_busy (dialog));
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  /* the worker's callback holds the other reference until it has run */
  while (G_OBJECT (dialog)->ref_count > 1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (G_OBJECT (dialog)->ref_count, ==, 1);
  anneal_test_iterate ();
  g_assert_false (gdk_content_formats_contain_gtype (gdk_clipboard_get_formats (clipboard),
                                                     GDK_TYPE_TEXTURE));
}

/* Names in @dir other than @keep */
static guint
count_other_files (const char *dir,
                   const char *keep)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_strcmp0 (name, keep) != 0)
      n++;
  return n;
}

/* The CSV of a 10^15-epoch run is petabytes: it was written on at 270 MB/s with Cancel
 * greyed out and the window refusing to close. Cancel, Escape, or the dialog destroyed
 * with its window stop the worker, and neither the file nor its temporary is left. */
static void
test_export_dialog_cancel_table (Fixture       *f,
                                 gconstpointer  data)
{
  static const char * const how[] = { "Cancel pressed", "closed", "destroyed with its window" };
  g_autoptr(GSettings) settings = anneal_settings_new ();
  g_autofree char *path = g_build_filename (f->tmpdir, "long.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_spin_button_set_value (f->window->epochs_spin, 1e15);
  g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, G_GINT64_CONSTANT (1000000000000000));
  g_settings_set_enum (settings, "export-format", ANNEAL_EXPORT_FORMAT_CSV);

  for (guint i = 0; i < G_N_ELEMENTS (how); i++)
    {
      g_autoptr(AnnealExportDialog) dialog = NULL;
      gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
      gint64 until;
      guint64 size = 0;

      g_test_message ("%s", how[i]);
      dialog = g_object_ref (anneal_export_dialog_new (GTK_WINDOW (f->window), f->chart,
                                                       settings, f->window->toast_overlay,
                                                       "Untitled.anneal"));
      gtk_window_present (GTK_WINDOW (dialog));
      anneal_test_iterate ();
      anneal_export_dialog_start (dialog, file);
      g_assert_true (anneal_export_dialog_get_busy (dialog));

      /* rows are being written into the temporary file beside long.csv */
      until = g_get_monotonic_time () + G_USEC_PER_SEC / 5;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      {
        g_autoptr(GDir) d = g_dir_open (f->tmpdir, 0, NULL);
        const char *name;

        while ((name = g_dir_read_name (d)) != NULL)
          {
            g_autofree char *p = g_build_filename (f->tmpdir, name, NULL);
            GStatBuf st;

            g_assert_true (g_str_has_prefix (name, ".anneal-"));
            g_assert_cmpint (g_stat (p, &st), ==, 0);
            size = (guint64) st.st_size;
          }
      }
      g_assert_cmpuint (size, >, 0);
      g_assert_true (anneal_export_dialog_get_busy (dialog));

      if (i == 0)
        {
          GtkWidget *cancel = find_button (GTK_WIDGET (dialog), "_Cancel");

          g_assert_nonnull (cancel);
          g_assert_true (gtk_widget_get_sensitive (cancel));
          g_signal_emit_by_name (cancel, "clicked");
        }
      else if (i == 1)
        gtk_window_close (GTK_WINDOW (dialog));  /* the title bar's ×, Escape */
      else
        gtk_window_destroy (GTK_WINDOW (dialog));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));

      while (G_OBJECT (dialog)->ref_count > 1 && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, FALSE);
      g_assert_cmpuint (G_OBJECT (dialog)->ref_count, ==, 1);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_other_files (f->tmpdir, NULL), ==, 0);
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

  g_settings_set_enum (settings, "export-format", ANNEAL_EXPORT_FORMAT_SVG);
  g_settings_set_int (settings, "export-width", 800);

  dialog = anneal_export_dialog_new (GTK_WINDOW (f->window), f->chart, settings,
                                     f->window->toast_overlay, "Untitled.anneal");
  anneal_export_dialog_get_options (dialog, &options);
  g_assert_cmpint (options.format, ==, ANNEAL_EXPORT_FORMAT_SVG);
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
    g_autofree char *name = anneal_export_suggest_name ("Untitled.anneal", ANNEAL_EXPORT_FORMAT_PDF);

    g_assert_cmpstr (name, ==, "Untitled.pdf");
  }
}

/* Training code out: the clipboard and .py files hold what `anneal-cli code` prints */

static char *
clipboard_text (GdkClipboard *clipboard)
{
  GdkContentProvider *content = gdk_clipboard_get_content (clipboard);
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  return g_value_dup_string (&value);
}

static void
assert_compiles (const char *path)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *err = NULL;
  int status = 0;

  if (python == NULL)
    {
      g_test_message ("python3 not found: %s not compiled", path);
      return;
    }

  {
    /* py_compile, its .pyc beside the source (no __pycache__ folder) */
    const char *argv[] = {
      python, "-c",
      "import py_compile, sys; py_compile.compile(sys.argv[1], sys.argv[1] + 'c', doraise=True)",
      path, NULL
    };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                 NULL, NULL, NULL, &err, &status, NULL));
  }
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s does not compile: %s", path, err);
}

static void
test_copy_code (Fixture       *f,
                gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (f->window));
  static const struct {
    const char         *action;
    AnnealCodeLanguage  language;
    const char         *marker;
  } cases[] = {
    { "copy-pytorch", ANNEAL_CODE_PYTORCH, "def make_scheduler(optimizer)" },
    { "copy-python", ANNEAL_CODE_PYTHON, "def lr_at(step)" },
  };

  g_assert_true (_anneal_window_add_spec (f->window,
                                          "linear(lr=0.1, start_factor=0.01, total_iters=5, "
                                          "for=5) -> cosine(lr=0.1, t_max=45)", NULL, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AnnealSchedule *schedule = anneal_chart_get_series_schedule (f->chart, f->window->selected);
      g_autofree char *expected = anneal_code_generate (schedule, cases[i].language,
                                                         ANNEAL_CODE_PER_EPOCH, NULL);
      g_autofree char *copied = NULL;
      g_autofree char *spec = anneal_schedule_to_string (schedule);

      g_assert_nonnull (expected);
      gdk_clipboard_set_text (clipboard, "");
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window),
                                                        cases[i].action));
      g_action_group_activate_action (G_ACTION_GROUP (f->window), cases[i].action, NULL);
      copied = clipboard_text (clipboard);
      g_assert_cmpstr (copied, ==, expected);
      g_assert_nonnull (strstr (copied, cases[i].marker));
      /* The spec it came from is in the comment. */
      g_assert_nonnull (strstr (copied, spec));
    }

  /* Another series, other code. */
  _anneal_window_select (f->window, 0);
  {
    g_autofree char *expected = anneal_code_generate (anneal_chart_get_series_schedule (f->chart, 0),
                                                      ANNEAL_CODE_PYTORCH, ANNEAL_CODE_PER_EPOCH,
                                                      NULL);
    g_autofree char *copied = NULL;

    g_action_group_activate_action (G_ACTION_GROUP (f->window), "copy-pytorch", NULL);
    copied = clipboard_text (clipboard);
    g_assert_cmpstr (copied, ==, expected);
  }

  /* A series stepped per step: the code steps it per batch, t in steps. */
  anneal_chart_set_series_unit (f->chart, 0, ANNEAL_CHART_UNIT_STEP);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expected = anneal_code_generate (anneal_chart_get_series_schedule (f->chart,
                                                                                          0),
                                                        cases[i].language, ANNEAL_CODE_PER_STEP,
                                                        NULL);
      g_autofree char *copied = NULL;

      g_action_group_activate_action (G_ACTION_GROUP (f->window), cases[i].action, NULL);
      copied = clipboard_text (clipboard);
      g_assert_cmpstr (copied, ==, expected);
      g_assert_nonnull (strstr (copied, "Stepped per optimizer step"));
    }

  /* Without a series there is nothing to copy. */
  while (anneal_chart_get_n_series (f->chart) > 0)
    _anneal_window_remove (f->window);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "copy-pytorch"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (f->window), "copy-python"));
}

static void
test_export_code (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSettings) settings = anneal_settings_new ();
  AnnealExportDialog *dialog;
  AnnealExportOptions options;
  AnnealSchedule *schedule;

  g_assert_true (_anneal_window_add_spec (f->window, "step(lr=0.1, step_size=10, gamma=0.5)",
                                          NULL, NULL));
  schedule = anneal_chart_get_series_schedule (f->chart, f->window->selected);

  for (AnnealExportFormat format = ANNEAL_EXPORT_FORMAT_PYTORCH;
       format <= ANNEAL_EXPORT_FORMAT_PYTHON; format++)
    {
      AnnealCodeLanguage language = format == ANNEAL_EXPORT_FORMAT_PYTORCH
                                    ? ANNEAL_CODE_PYTORCH : ANNEAL_CODE_PYTHON;
      g_autofree char *name = g_strdup_printf ("schedule-%d.py", format);
      g_autofree char *path = g_build_filename (f->tmpdir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *expected = anneal_code_generate (schedule, language,
                                                         ANNEAL_CODE_PER_EPOCH, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;

      /* The dialog opens on the format chosen last. */
      g_settings_set_enum (settings, "export-format", format);
      dialog = anneal_export_dialog_new (GTK_WINDOW (f->window), f->chart, settings,
                                         f->window->toast_overlay, "Untitled.anneal");
      anneal_export_dialog_set_series (dialog, f->window->selected);
      anneal_export_dialog_get_options (dialog, &options);
      g_assert_cmpint (options.format, ==, format);
      g_assert_cmpint (options.series, ==, f->window->selected);

      g_assert_true (anneal_export_dialog_write (dialog, file, &error));
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, expected);
      assert_compiles (path);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }

  {
    g_autofree char *name = anneal_export_suggest_name ("Untitled.anneal",
                                                        ANNEAL_EXPORT_FORMAT_PYTHON);

    g_assert_cmpstr (name, ==, "Untitled.py");
  }

  /* No series: refused, no file. */
  {
    g_autofree char *path = g_build_filename (f->tmpdir, "none.py", NULL);
    g_autoptr(GError) error = NULL;

    anneal_export_options_init_default (&options);
    options.format = ANNEAL_EXPORT_FORMAT_PYTHON;
    options.series = -1;
    g_assert_false (anneal_export_to_file (f->chart, path, &options, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
}

/* Training code in: pasted into the spec entry, or a .py file dropped on the window */

#define HF_SNIPPET \
  "from transformers import get_cosine_schedule_with_warmup\n" \
  "opt = torch.optim.AdamW(model.parameters(), lr=3e-4)\n" \
  "sched = get_cosine_schedule_with_warmup(opt, num_warmup_steps=100,\n" \
  "                                        num_training_steps=1000)\n"

/* Hugging Face's own lr_lambda (transformers/optimization.py,
 * _get_cosine_schedule_with_warmup_lr_lambda) times the optimizer's rate. */
static double
hf_cosine (double base,
           double step)
{
  if (step < 100)
    return base * step / 100;
  return base * MAX (0.0, 0.5 * (1 + cos (G_PI * (step - 100) / 900)));
}

static void
assert_hf_cosine (AnnealSchedule *schedule,
                  double          base)
{
  for (gint64 t = 0; t <= 1200; t += 25)
    g_assert_cmpfloat_with_epsilon (anneal_schedule_value (schedule, t), hf_cosine (base, t),
                                    1e-12 * base);
}

static void
test_paste_code (Fixture       *f,
                 gconstpointer  data)
{
  GtkWidget *entry = GTK_WIDGET (f->window->spec_entry);
  g_autoptr(AnnealImport) expected = anneal_import (HF_SNIPPET, -1, NAN, NULL, NULL, NULL);
  AnnealSchedule *schedule;
  guint n = anneal_chart_get_n_series (f->chart);
  int selected = f->window->selected;

  g_assert_nonnull (expected);
  g_assert_cmpint (selected, >=, 0);

  /* Several lines of code, typed or pasted: the series takes the schedule and the label. */
  _anneal_window_set_spec_text (f->window, HF_SNIPPET);
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n);
  schedule = anneal_chart_get_series_schedule (f->chart, selected);
  {
    g_autofree char *spec = anneal_schedule_to_string (schedule);

    g_assert_cmpstr (spec, ==, expected->spec);
    g_assert_cmpstr (spec_text (f), ==, expected->spec);
  }
  assert_hf_cosine (schedule, 3e-4);
  g_assert_cmpstr (anneal_chart_get_series_label (f->chart, selected), ==,
                   "HF cosine with warm-up");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->label_row)), ==,
                   "HF cosine with warm-up");
  /* Hugging Face steps per optimizer step. */
  g_assert_cmpint (anneal_chart_get_series_unit (f->chart, selected), ==, ANNEAL_CHART_UNIT_STEP);
  g_assert_cmpuint (adw_combo_row_get_selected (f->window->unit_row), ==, 1);
  /* One edit, one undo step. */
  g_assert_true (anneal_document_can_undo (anneal_window_get_document (f->window)));
  /* PyTorch code is stepped per epoch */
  _anneal_window_set_spec_text (f->window,
                                "sched = torch.optim.lr_scheduler.StepLR(opt, step_size=10)");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_assert_cmpint (anneal_chart_get_series_unit (f->chart, selected), ==,
                   ANNEAL_CHART_UNIT_EPOCH);
  g_assert_cmpuint (adw_combo_row_get_selected (f->window->unit_row), ==, 0);

  /* One call without an optimizer line: the selected series' peak rate is the base. */
  _anneal_window_set_spec_text (f->window, "cosine(lr=0.05, t_max=10)");
  _anneal_window_set_spec_text (f->window,
                                "transformers.get_cosine_schedule_with_warmup(optimizer, 100, "
                                "1000)");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  assert_hf_cosine (anneal_chart_get_series_schedule (f->chart, selected), 0.05);

  /* A bare PyTorch class is no spec either: read as code. */
  _anneal_window_set_spec_text (f->window, "StepLR(optimizer, step_size=30, gamma=0.5)");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  schedule = anneal_chart_get_series_schedule (f->chart, selected);
  g_assert_cmpstr (anneal_kind_get_name (anneal_schedule_get_kind (schedule, 0)), ==, "step");
  g_assert_cmpfloat (anneal_schedule_value (schedule, 29), ==, 0.05);
  g_assert_cmpfloat (anneal_schedule_value (schedule, 30), ==, 0.025);
  g_assert_cmpstr (anneal_chart_get_series_label (f->chart, selected), ==, "PyTorch StepLR");
  g_assert_cmpint (anneal_chart_get_series_unit (f->chart, selected), ==, ANNEAL_CHART_UNIT_EPOCH);
  g_assert_cmpuint (adw_combo_row_get_selected (f->window->unit_row), ==, 0);

  /* A half-typed spec stays a spec error. */
  _anneal_window_set_spec_text (f->window, "cosine(lr=0.1, t_max=");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (f->window->spec_error_label), "column "));

  /* A real paste from the clipboard keeps the lines. */
  _anneal_window_set_spec_text (f->window, "cosine(lr=0.1, t_max=10)");
  gdk_clipboard_set_text (gtk_widget_get_clipboard (entry), HF_SNIPPET);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "paste-clipboard");
  for (int i = 0; i < 100 && g_strcmp0 (spec_text (f), expected->spec) != 0; i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (spec_text (f), ==, expected->spec);
  assert_hf_cosine (anneal_chart_get_series_schedule (f->chart, selected), 3e-4);
}

static void
test_paste_code_invalid (Fixture       *f,
                         gconstpointer  data)
{
  static const char snippet[] =
    "import torch\n"
    "sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda e: 0.9 ** e)\n";
  g_autoptr(AnnealSchedule) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *label = NULL;
  GtkWidget *entry = GTK_WIDGET (f->window->spec_entry);
  AnnealImport *import;
  guint line = 0, column = 0;
  const char *message;

  before = anneal_schedule_ref (anneal_chart_get_series_schedule (f->chart, 0));
  label = g_strdup (anneal_chart_get_series_label (f->chart, 0));
  import = anneal_import (snippet, -1, 0.1, &line, &column, &error);
  g_assert_null (import);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, >, 1);

  _anneal_window_set_spec_text (f->window, snippet);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->spec_error_label)));
  message = gtk_label_get_text (f->window->spec_error_label);
  prefix = g_strdup_printf ("line 2, column %u: ", column);
  g_assert_true (g_str_has_prefix (message, prefix));
  g_assert_cmpstr (message, ==, error->message);
  g_assert_nonnull (strstr (message, "LambdaLR"));

  /* The mark is where the text goes wrong: the second line's first character is
   * character 14 (after "import torch\n"). */
  g_assert_cmpuint (f->window->spec_error_column, ==, 13 + column);
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (entry)), ==, 12 + column);

  /* Nothing changed. */
  g_assert_true (anneal_schedule_equal (anneal_chart_get_series_schedule (f->chart, 0), before));
  g_assert_cmpstr (anneal_chart_get_series_label (f->chart, 0), ==, label);
}

static char *
write_temp (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->tmpdir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_drop_code (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *good = write_temp (f, "train.py", HF_SNIPPET);
  g_autofree char *bad = write_temp (f, "bad.py",
                                     "import optax\n"
                                     "\n"
                                     "schedule = optax.cosine_decay_schedule(0.1, decay_steps=len(loader))\n");
  g_autofree char *missing = g_build_filename (f->tmpdir, "missing.py", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  guint n = anneal_chart_get_n_series (f->chart);

  /* A new series, selected, labelled by the call. */
  g_assert_true (_anneal_window_import_file (f->window, good_file, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n + 1);
  g_assert_cmpint (f->window->selected, ==, (int) n);
  g_assert_cmpstr (anneal_chart_get_series_label (f->chart, n), ==, "HF cosine with warm-up");
  g_assert_cmpint (anneal_chart_get_series_unit (f->chart, n), ==, ANNEAL_CHART_UNIT_STEP);
  assert_hf_cosine (anneal_chart_get_series_schedule (f->chart, n), 3e-4);

  /* Not importable: the line and column, and no series. */
  g_assert_false (_anneal_window_import_file (f->window, bad_file, &error));
  g_assert_error (error, ANNEAL_IMPORT_ERROR, ANNEAL_IMPORT_ERROR_UNSUPPORTED);
  g_assert_true (g_str_has_prefix (error->message, "line 3, column 57: "));
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n + 1);
  g_clear_error (&error);

  g_assert_false (_anneal_window_import_file (f->window, missing_file, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n + 1);

  /* The window's drop target takes a file list the same way. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
    GtkDropTarget *target = NULL;
    GSList files = { good_file, NULL };
    g_auto(GValue) value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller))
          target = GTK_DROP_TARGET (controller);
      }
    g_assert_nonnull (target);

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_list (&files));
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_assert_true (accepted);
    g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n + 2);
    g_assert_cmpint (f->window->selected, ==, (int) n + 1);
  }
}

/* Documents */

static gboolean
menu_has_label (GMenuModel *menu,
                const char *label)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *text = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &text) &&
          g_strcmp0 (text, label) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The recent files are read when the main menu first opens, not at start-up (GTK
 * parses the whole list of every program); from then on the menu follows them. */
static void
test_document_recent_on_demand (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "recent on demand.anneal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GMenuModel *recent = G_MENU_MODEL (f->window->recent_menu);
  g_autoptr(GError) error = NULL;

  g_assert_null (f->window->recent);
  g_assert_cmpint (g_menu_model_get_n_items (recent), ==, 0);

  gtk_menu_button_popup (GTK_MENU_BUTTON (f->window->main_menu_button));
  anneal_test_iterate ();
  g_assert_nonnull (f->window->recent);
  g_assert_cmpint (g_menu_model_get_n_items (recent), >=, 1);
  g_assert_false (menu_has_label (recent, "recent on demand.anneal"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (f->window->main_menu_button));

  g_assert_true (_anneal_window_save_file (f->window, file, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 500 && !menu_has_label (recent, "recent on demand.anneal"); i++)
    {
      anneal_test_iterate ();
      g_usleep (10000);
    }
  g_assert_true (menu_has_label (recent, "recent on demand.anneal"));
}

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
  anneal_test_iterate ();

  g_assert_cmpuint (count_toplevels (ANNEAL_TYPE_WINDOW), ==, windows);
#if !ADW_CHECK_VERSION (1, 5, 0)
  g_assert_cmpuint (count_toplevels (ADW_TYPE_MESSAGE_DIALOG), ==, 1);
#endif
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, 4);

  /* A good file opens in a window of its own. */
  g_assert_true (g_file_set_contents (path, "{\"format\": \"anneal\", \"version\": 1, "
                                      "\"series\": [{\"spec\": \"cosine()\"}]}", -1, NULL));
  anneal_window_open_in_new (NULL, f->window, file);
  anneal_test_iterate ();
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
    anneal_test_iterate ();
  }
}

/* The header's Epochs and the sidebar's steps per epoch show what a document holds,
 * up to N·K = 10^15 (they stopped at 10^9 and 10^6: a document of 10^15 epochs showed
 * 10^9, and a fix "Train N = …" past 10^9 was cut to it), wide enough to read; each
 * goes no further than the other leaves room for. */
static void
test_document_run_length_shown (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "long-run.anneal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AnnealWindow *w = f->window;
  double lower, upper;

  g_assert_true (g_file_set_contents (path, "{\"format\": \"anneal\", \"version\": 1, "
                                      "\"epochs\": 1000000000000000, \"series\": "
                                      "[{\"spec\": \"cosine()\", \"label\": \"c\"}]}",
                                      -1, NULL));
  g_assert_true (_anneal_window_load_file (w, file, &error));
  g_assert_no_error (error);
  anneal_test_iterate ();
  g_assert_cmpfloat (gtk_spin_button_get_value (w->epochs_spin), ==, 1e15);
  g_assert_cmpint (gtk_editable_get_max_width_chars (GTK_EDITABLE (w->epochs_spin)), >=, 16);
  gtk_spin_button_get_range (w->steps_spin, &lower, &upper);
  g_assert_cmpfloat (upper, ==, 1);

  g_assert_true (g_file_set_contents (path, "{\"format\": \"anneal\", \"version\": 1, "
                                      "\"epochs\": 10, \"steps_per_epoch\": 10000000000000, "
                                      "\"series\": [{\"spec\": \"cosine()\", \"label\": \"c\"}]}",
                                      -1, NULL));
  g_assert_true (_anneal_window_load_file (w, file, &error));
  g_assert_no_error (error);
  anneal_test_iterate ();
  g_assert_cmpfloat (gtk_spin_button_get_value (w->epochs_spin), ==, 10);
  g_assert_cmpint (gtk_editable_get_max_width_chars (GTK_EDITABLE (w->epochs_spin)), <=, 6);
  g_assert_cmpfloat (gtk_spin_button_get_value (w->steps_spin), ==, 1e13);
  gtk_spin_button_get_range (w->epochs_spin, &lower, &upper);
  g_assert_cmpfloat (upper, ==, 100);

  /* typed past the room the steps leave: held at it, as a spin button does, and
   * the chart has what is shown */
  gtk_spin_button_set_value (w->epochs_spin, 1000);
  anneal_test_iterate ();
  g_assert_cmpfloat (gtk_spin_button_get_value (w->epochs_spin), ==, 100);
  g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, 100);
  g_assert_cmpint (anneal_chart_get_steps_per_epoch (f->chart), ==, 10000000000000);

  /* fewer steps leave room for more epochs */
  gtk_spin_button_set_value (w->steps_spin, 1);
  anneal_test_iterate ();
  gtk_spin_button_get_range (w->epochs_spin, &lower, &upper);
  g_assert_cmpfloat (upper, ==, 1e15);
  gtk_spin_button_set_value (w->epochs_spin, 5e12);
  anneal_test_iterate ();
  g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, 5000000000000);
}

/* Text typed in the header's Epochs or the steps per epoch is read as in every number
 * entry: other text is refused and the value kept (GTK's own reading took "abc" as
 * 0, held at 1, so that a run of 50 epochs became one, and "7/2" as 7). */
static void
test_document_run_length_typed (Fixture       *f,
                                gconstpointer  data)
{
  AnnealWindow *w = f->window;
  static const struct { const char *text; double epochs; } cases[] = {
    { "abc", 50 }, { "", 50 }, { "7/2x", 50 }, { "0x10", 50 }, { "1e-400", 50 },
    { "80", 80 }, { "1e3", 1000 }, { "1e16", 1e15 }, { "nan", 1e15 },
  };

  gtk_spin_button_set_value (w->epochs_spin, 50);
  anneal_test_iterate ();
  g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, 50);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("typed \"%s\"", cases[i].text);
      gtk_editable_set_text (GTK_EDITABLE (w->epochs_spin), cases[i].text);
      gtk_spin_button_update (w->epochs_spin);
      anneal_test_iterate ();
      g_assert_cmpfloat (gtk_spin_button_get_value (w->epochs_spin), ==, cases[i].epochs);
      g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, (gint64) cases[i].epochs);
    }

  gtk_spin_button_set_value (w->epochs_spin, 50);
  gtk_spin_button_set_value (w->steps_spin, 4);
  anneal_test_iterate ();
  gtk_editable_set_text (GTK_EDITABLE (w->steps_spin), "abc");
  gtk_spin_button_update (w->steps_spin);
  anneal_test_iterate ();
  g_assert_cmpint (anneal_chart_get_steps_per_epoch (f->chart), ==, 4);
}

/* Whether the Epochs field's text part holds its number written whole. */
static gboolean
digits_fit (GtkSpinButton *spin)
{
  GtkWidget *text = gtk_widget_get_first_child (GTK_WIDGET (spin));
  g_autofree char *digits = g_strdup_printf ("%.0f", gtk_spin_button_get_value (spin));
  PangoLayout *layout;
  int width;

  while (text != NULL && !GTK_IS_TEXT (text))
    text = gtk_widget_get_next_sibling (text);
  g_assert_nonnull (text);
  layout = gtk_widget_create_pango_layout (text, digits);
  pango_layout_get_pixel_size (layout, &width, NULL);
  g_object_unref (layout);
  return width <= gtk_widget_get_width (text);
}

/* The header's Epochs is read whole where optional controls can give way: 10^15 in
 * a window of 1000 or 1200 pixels showed its first 7 or 15 digits, a million or 10^14
 * to the eye, beside an Epochs label and log, zoom and export buttons. */
static void
test_document_run_length_whole (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "long-run.anneal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  AnnealWindow *w = f->window;
  const int widths[] = { 1200, 1000 };

  g_assert_true (g_file_set_contents (path, "{\"format\": \"anneal\", \"version\": 1, "
                                      "\"epochs\": 1000000000000000, \"series\": "
                                      "[{\"spec\": \"cosine()\", \"label\": \"c\"}]}",
                                      -1, NULL));
  g_assert_true (_anneal_window_load_file (w, file, &error));
  g_assert_no_error (error);
  anneal_test_iterate ();

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      int natural;

      resize (f, widths[i], 700);
      gtk_widget_measure (GTK_WIDGET (w->epochs_spin), GTK_ORIENTATION_HORIZONTAL, -1,
                          NULL, &natural, NULL, NULL);
      g_assert_true (shown (GTK_WIDGET (w->epochs_spin)));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (w->epochs_spin)), >=, natural);
      /* whole where it fits (GTK 4.8 asks for the number's width; 4.18 for less) */
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->epochs_spin)), ==,
                       digits_fit (w->epochs_spin) ? "1000000000000000" : "1e15");
    }

  /* Narrower, where the field cannot hold the number (it showed "1000000", a million):
   * the short exact form, the whole number in its tooltip; read back as the same
   * number; whole again where there is room */
  resize (f, 360, 640);
  anneal_test_iterate ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (w->epochs_spin)), <, 200);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->epochs_spin)), ==, "1e15");
  g_assert_cmpstr (anneal_widget_get_tooltip_text (GTK_WIDGET (w->epochs_spin)), ==,
                   "N = 1000000000000000 epochs");
  gtk_spin_button_update (w->epochs_spin);
  anneal_test_iterate ();
  g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, G_GINT64_CONSTANT (1000000000000000));

  gtk_spin_button_set_value (w->epochs_spin, 250000000000.0);
  anneal_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->epochs_spin)), ==, "2.5e11");
  gtk_spin_button_set_value (w->epochs_spin, 123456789012345.0);
  anneal_test_iterate ();
  /* no short exact form: marked as rounded, and not read as a number */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->epochs_spin)), ==,
                   "\u22481.2e14");
  g_assert_cmpstr (anneal_widget_get_tooltip_text (GTK_WIDGET (w->epochs_spin)), ==,
                   "N = 123456789012345 epochs");
  gtk_spin_button_update (w->epochs_spin);
  anneal_test_iterate ();
  g_assert_cmpint (anneal_chart_get_epochs (f->chart), ==, G_GINT64_CONSTANT (123456789012345));
  gtk_spin_button_set_value (w->epochs_spin, 50);
  anneal_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->epochs_spin)), ==, "50");
  g_assert_null (anneal_widget_get_tooltip_text (GTK_WIDGET (w->epochs_spin)));
  /* from a number that fits to one that does not, at the same width */
  gtk_spin_button_set_value (w->epochs_spin, 3e14);
  anneal_test_iterate ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->epochs_spin)), ==, "3e14");

  gtk_spin_button_set_value (w->epochs_spin, 123456789012345.0);
  resize (f, 1400, 700);
  anneal_test_iterate ();
  if (digits_fit (w->epochs_spin))
    {
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->epochs_spin)), ==,
                       "123456789012345");
      g_assert_null (anneal_widget_get_tooltip_text (GTK_WIDGET (w->epochs_spin)));
    }
  else
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (w->epochs_spin)), ==,
                     "\u22481.2e14");
}

/* An undo or a redo shows the restored series in the rows there are (it made every
 * row again: seconds for 1000 series), made or let go as the series come and go;
 * a row lays out the first ANNEAL_SERIES_LABEL_SHOWN characters of a long label
 * (1000 series of 1000-character labels held the main loop 30 s), its tooltip has
 * it whole. */
static void
test_rows_kept_on_undo (Fixture       *f,
                        gconstpointer  data)
{
  AnnealWindow *w = f->window;
  AnnealDocument *document = anneal_window_get_document (w);
  g_autofree char *long_label = g_strnfill (1000, 'x');
  GtkListBoxRow *first, *row;
  guint n = anneal_chart_get_n_series (f->chart);

  first = gtk_list_box_get_row_at_index (w->series_list, 0);
  anneal_chart_set_series_label (f->chart, 0, long_label);
  _anneal_window_rebuild (w);
  _anneal_window_commit (w);
  g_assert_true (gtk_list_box_get_row_at_index (w->series_list, 0) == first);
  g_assert_cmpint (g_utf8_strlen (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), -1),
                   ==, ANNEAL_SERIES_LABEL_SHOWN + 1);  /* and "…" */
  g_assert_nonnull (strstr (anneal_widget_get_tooltip_text (GTK_WIDGET (first)), long_label));

  _anneal_window_duplicate (w);
  _anneal_window_commit (w);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n + 1);

  g_assert_true (anneal_document_undo (document));
  anneal_test_iterate ();
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n);
  g_assert_true (gtk_list_box_get_row_at_index (w->series_list, 0) == first);
  g_assert_null (gtk_list_box_get_row_at_index (w->series_list, n));

  g_assert_true (anneal_document_undo (document));
  anneal_test_iterate ();
  g_assert_true (gtk_list_box_get_row_at_index (w->series_list, 0) == first);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), ==,
                   anneal_chart_get_series_label (f->chart, 0));

  g_assert_true (anneal_document_redo (document));
  g_assert_true (anneal_document_redo (document));
  anneal_test_iterate ();
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n + 1);
  for (guint i = 0; i <= n; i++)
    {
      g_autofree char *spec = spec_of (f->chart, i);

      row = gtk_list_box_get_row_at_index (w->series_list, i);
      g_assert_true (ANNEAL_IS_SERIES_ROW (row));
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, spec);
    }
  g_assert_null (gtk_list_box_get_row_at_index (w->series_list, n + 1));
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

  /* Cut between characters as shown: 333 families of three (five code points each,
   * 1665 in all) keep 200 whole families, not a 201st of a man and a joiner; a label
   * of "a" and 600 flags, "a" and 499 flags, not half of the 500th. */
  {
    g_autoptr(GString) families = g_string_new (NULL);
    g_autoptr(GString) flags = g_string_new ("a");
    const char *family = "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d"
                         "\xf0\x9f\x91\xa7";
    const char *flag = "\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa";

    for (guint i = 0; i < 333; i++)
      g_string_append (families, family);
    for (guint i = 0; i < 600; i++)
      g_string_append (flags, flag);
    gtk_editable_set_text (GTK_EDITABLE (f->window->label_row), families->str);
    g_assert_cmpint (g_utf8_strlen (anneal_chart_get_series_label (f->chart, 0), -1), ==, 1000);
    g_assert_true (g_str_has_suffix (anneal_chart_get_series_label (f->chart, 0), family));
    gtk_editable_set_text (GTK_EDITABLE (f->window->title_row), flags->str);
    g_assert_cmpint (g_utf8_strlen (anneal_chart_get_title (f->chart), -1), ==, 999);
    g_assert_true (g_str_has_suffix (anneal_chart_get_title (f->chart), flag));
  }
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

  /* Saving from the window: one message naming the file and the reason (it said
   * "Could not save: Could not write “…”: …") */
  {
    g_autofree char *folder = g_build_filename (f->tmpdir, "gone", NULL);
    g_autofree char *inside = g_build_filename (folder, "x.anneal", NULL);
    g_autoptr(GFile) inside_file = g_file_new_for_path (inside);
    g_autofree char *shown = g_filename_display_name (inside);
    g_autofree char *expected = g_strdup_printf ("Could not write “%s”: %s", shown,
                                                 g_strerror (ENOENT));

    g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
    g_assert_true (_anneal_window_save_file (f->window, inside_file, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_unlink (inside), ==, 0);
    g_assert_cmpint (g_rmdir (folder), ==, 0);
    _anneal_window_commit (f->window);
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.save", NULL);
    anneal_test_iterate ();
    g_assert_nonnull (find_label (GTK_WIDGET (f->window->toast_overlay), expected));
  }

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
  anneal_test_iterate ();
  /* Wider than the header bar's natural width with every control shown, so that no
   * allocation made before the header has folded its optional controls can exceed it. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 760);
  anneal_test_iterate ();
  gtk_window_close (GTK_WINDOW (window));
  anneal_test_iterate ();
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1400);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 760);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
}

/* Widgets of a dialog, found as a user finds them: by a row's title. */
static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_descendant (GtkWidget *root,
                 GType      type,
                 const char *css_class)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, css_class);

      if (found != NULL)
        return found;
    }

  return NULL;
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
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, " %s", g_ascii_formatd (buf, sizeof buf, "%g",
                                                            g_array_index (values, double, i)));
    }
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
  anneal_test_iterate ();
  anneal_sweep_dialog_confirm (dialog);
  g_assert_cmpstr (out->str, ==, "a 1 2 3 4");
}

/* Issue 13: values the parameter refuses are said in the dialog, which stays open with
 * them; nothing is swept. The range's spin buttons refuse text in their row. */
static void
test_sweep_dialog_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GString) out = g_string_new (NULL);
  AnnealSweepDialog *dialog;
  GtkWidget *param, *mode, *values, *from, *spin, *label, *add;

  /* cosine-wave: lr_start is a learning rate */
  dialog = anneal_sweep_dialog_new (GTK_WINDOW (f->window),
                                    anneal_chart_get_series_schedule (f->chart, 0), 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "sweep", G_CALLBACK (on_sweep_cb), out);
  gtk_window_present (GTK_WINDOW (dialog));
  anneal_test_iterate ();

  param = find_row (GTK_WIDGET (dialog), "_Parameter");
  values = find_row (GTK_WIDGET (dialog), "Values, separated by commas");
  mode = find_row (GTK_WIDGET (dialog), "_Values");
  g_assert_nonnull (param);
  g_assert_nonnull (values);
  g_assert_nonnull (mode);
  for (guint i = 0; ; i++)
    {
      GListModel *model = adw_combo_row_get_model (ADW_COMBO_ROW (param));

      g_assert_cmpuint (i, <, g_list_model_get_n_items (model));
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), "lr_start") == 0)
        {
          adw_combo_row_set_selected (ADW_COMBO_ROW (param), i);
          break;
        }
    }

  gtk_editable_set_text (GTK_EDITABLE (values), "-1, 0.05");
  label = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_LABEL, "error");
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "lr_start"));
  g_assert_true (gtk_widget_has_css_class (values, "error"));
  add = gtk_window_get_default_widget (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_get_sensitive (add));

  /* Confirmed anyway (Enter in the entry): still open, the values kept, nothing swept. */
  anneal_sweep_dialog_confirm (dialog);
  anneal_test_iterate ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (out->str, ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (values)), ==, "-1, 0.05");

  /* Not a number: said the same way. */
  gtk_editable_set_text (GTK_EDITABLE (values), "0.05, abc");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "“abc”"));
  g_assert_false (gtk_widget_get_sensitive (add));

  /* A pasted word of 20,000 characters: quoted cut short, the dialog no wider than
   * its window (the message quoted it whole, one word as wide as the screen). */
  {
    g_autofree char *word = g_strnfill (20000, 'x');
    int natural;

    gtk_editable_set_text (GTK_EDITABLE (values), word);
    g_assert_true (gtk_widget_get_visible (label));
    g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (label))), <, 200);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "…”"));
    gtk_widget_measure (GTK_WIDGET (dialog), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                        NULL, NULL);
    g_assert_cmpint (natural, <=, 1000);
  }

  /* Good values: the message goes, the sweep is made. */
  gtk_editable_set_text (GTK_EDITABLE (values), "0.05 0.1; 1/4");
  g_assert_false (gtk_widget_get_visible (label));
  g_assert_false (gtk_widget_has_css_class (values, "error"));
  g_assert_true (gtk_widget_get_sensitive (add));

  /* An evenly spaced range from a negative rate: refused the same way. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (mode), 1);
  from = find_row (GTK_WIDGET (dialog), "_From");
  spin = find_descendant (from, GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), -0.5);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "lr_start"));
  g_assert_false (gtk_widget_get_sensitive (add));

  /* Text in a spin button: refused in its row, the value kept. */
  gtk_editable_set_text (GTK_EDITABLE (spin), "abc");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, -0.5);
  g_assert_true (gtk_widget_has_css_class (spin, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (from)), "“abc”"));
  gtk_editable_set_text (GTK_EDITABLE (spin), "0.01");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 0.01);
  g_assert_false (gtk_widget_has_css_class (spin, "error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (from)), ==, "");
  g_assert_true (gtk_widget_get_sensitive (add));

  anneal_sweep_dialog_confirm (dialog);
  anneal_test_iterate ();
  g_assert_null (dialog);
  g_assert_true (g_str_has_prefix (out->str, "lr_start 0.01 "));
}

/* Issue 13 item 3: the sweep and export dialogs read numbers in the locale too. */
static void
test_dialogs_locale (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) list = NULL;
  AnnealSweepDialog *dialog;
  AnnealExportDialog *export;
  AnnealExportOptions options;
  GtkWidget *values, *row, *spin;

  if (setlocale (LC_NUMERIC, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale (tools/install-deps makes one)");
      return;
    }

  /* A comma between digits is the decimal mark; comma and space separate. */
  list = anneal_sweep_parse_values ("0,01, 0,1; 0.5 1/4", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpfloat (g_array_index (list, double, 0), ==, 0.01);
  g_assert_cmpfloat (g_array_index (list, double, 1), ==, 0.1);
  g_assert_cmpfloat (g_array_index (list, double, 2), ==, 0.5);
  g_assert_cmpfloat (g_array_index (list, double, 3), ==, 0.25);
  g_assert_null (anneal_sweep_parse_values ("1,2,3", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "0,01"));
  g_clear_error (&error);

  /* The dialog's list around lr_start = 0.1, written with the locale's mark. */
  dialog = anneal_sweep_dialog_new (GTK_WINDOW (f->window),
                                    anneal_chart_get_series_schedule (f->chart, 0), 0);
  g_signal_connect (dialog, "sweep", G_CALLBACK (on_sweep_cb), out);
  gtk_window_present (GTK_WINDOW (dialog));
  anneal_test_iterate ();
  values = find_row (GTK_WIDGET (dialog), "Values, separated by commas");
  g_assert_nonnull (strchr (gtk_editable_get_text (GTK_EDITABLE (values)), ','));
  g_assert_null (strchr (gtk_editable_get_text (GTK_EDITABLE (values)), '.'));
  /* … separated by semicolons, not by more commas: "0,05; 0,1; 0,2" */
  g_assert_nonnull (strstr (gtk_editable_get_text (GTK_EDITABLE (values)), "; "));
  g_assert_null (strstr (gtk_editable_get_text (GTK_EDITABLE (values)), ", "));
  gtk_editable_set_text (GTK_EDITABLE (values), "0,02, 0,04");
  anneal_sweep_dialog_confirm (dialog);
  anneal_test_iterate ();

  /* The export's scale: "1,5" is 1.5, "1.5x" is refused in the row. */
  export = anneal_export_dialog_new (GTK_WINDOW (f->window), f->chart, NULL, NULL, NULL);
  gtk_window_present (GTK_WINDOW (export));
  anneal_test_iterate ();
  row = find_row (GTK_WIDGET (export), "_Scale");
  spin = find_descendant (row, GTK_TYPE_SPIN_BUTTON, NULL);
  gtk_editable_set_text (GTK_EDITABLE (spin), "1,5");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  anneal_export_dialog_get_options (export, &options);
  g_assert_cmpfloat (options.scale, ==, 1.5);
  gtk_editable_set_text (GTK_EDITABLE (spin), "1.5x");
  gtk_spin_button_update (GTK_SPIN_BUTTON (spin));
  g_assert_true (gtk_widget_has_css_class (spin, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "“1.5x”"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "0,01"));
  gtk_window_destroy (GTK_WINDOW (export));

  setlocale (LC_NUMERIC, saved);
  g_assert_cmpstr (out->str, ==, "lr_start 0.02 0.04");
}

/* The wheel over a parameter's spin button in the sidebar scrolls the sidebar and
 * leaves the value alone, unless the spin button has the focus (a wheel down the
 * sidebar changed whichever parameter came under the pointer). GTK delivers no
 * synthesized wheel in a test: the spin button's own scroll handler is run. */
static gboolean
emit_wheel_xy (GtkWidget *widget,
               double     dx,
               double     dy)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  /* Anneal's (GTK's scrolled window has its own, with another handler) */
  for (guint i = g_list_model_get_n_items (controllers); i-- > 0;)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_SCROLL (c) &&
          g_strcmp0 (gtk_event_controller_get_name (c), "anneal-wheel") == 0)
        {
          g_signal_emit_by_name (c, "scroll", dx, dy, &handled);
          return handled;
        }
    }
  g_assert_not_reached ();
  return FALSE;
}

#define emit_wheel(widget, dy) emit_wheel_xy ((widget), 0.0, (dy))
#define emit_wheel_dx(widget, dx) emit_wheel_xy ((widget), (dx), 0.0)

static void
test_window_wheel_scrolls_sidebar (Fixture       *f,
                                   gconstpointer  data)
{
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (f->window->sidebar));
  GtkWidget *spin = find_descendant (GTK_WIDGET (f->window->param_panel), GTK_TYPE_SPIN_BUTTON, NULL);
  double value, scrolled;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 500);
  wait_frames (GTK_WIDGET (f->window), 3);
  g_assert_nonnull (spin);
  value = gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));
  gtk_adjustment_set_value (v, 0);

  g_assert_true (emit_wheel (spin, 1));
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, value);
  scrolled = gtk_adjustment_get_value (v);
  g_assert_cmpfloat (scrolled, >, 0);
  g_assert_false (anneal_document_get_modified (anneal_window_get_document (f->window)));

  /* focused, it takes the wheel itself */
  gtk_widget_grab_focus (spin);
  g_assert_false (emit_wheel (spin, 1));
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, scrolled);
}

/* A comparison never grows past what a document holds (1000 series), so that what
 * is saved opens again: adding, duplicating, a damped twin and a sweep are refused
 * there, saying why, and nothing is added. */
static void
test_window_series_limit (Fixture       *f,
                          gconstpointer  data)
{
  AnnealDocument *document = anneal_window_get_document (f->window);
  g_autoptr(GString) text = g_string_new ("{\"format\": \"anneal\", \"version\": 1, \"series\": [");
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(AnnealDocument) reopened = anneal_document_new ();

  for (guint i = 0; i < ANNEAL_DOCUMENT_MAX_SERIES - 1; i++)
    g_string_append_printf (text, "%s{\"spec\": \"cosine-wave()\"}", i > 0 ? ", " : "");
  g_string_append (text, "]}");
  g_assert_true (anneal_document_load_data (document, text->str, -1, &error));
  g_assert_no_error (error);
  anneal_test_iterate ();

  g_assert_true (_anneal_window_add_spec (f->window, "cosine()", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, ANNEAL_DOCUMENT_MAX_SERIES);
  g_assert_false (_anneal_window_add_spec (f->window, "cosine()", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_nonnull (strstr (error->message, "at most 1000 series"));
  g_clear_error (&error);
  _anneal_window_duplicate (f->window);
  g_assert_false (_anneal_window_add_kind (f->window, "step"));
  g_assert_false (_anneal_window_toggle_damped_twin (f->window, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, ANNEAL_DOCUMENT_MAX_SERIES);

  /* and what is saved opens again */
  saved = anneal_document_serialize (document);
  g_assert_true (anneal_document_load_data (reopened, saved, -1, &error));
  g_assert_no_error (error);
}

/* A sideways wheel over the statistics' rows scrolls the table sideways (the rows'
 * own scroller goes up and down only, and swallowed it) */
static GtkWidget *
find_rows_scroller (GtkWidget *root)
{
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_SCROLLED_WINDOW (c))
        {
          GtkPolicyType hpolicy, vpolicy;

          /* the rows' scroller: up and down only */
          gtk_scrolled_window_get_policy (GTK_SCROLLED_WINDOW (c), &hpolicy, &vpolicy);
          if (hpolicy == GTK_POLICY_NEVER)
            return c;
        }
      if ((found = find_rows_scroller (c)) != NULL)
        return found;
    }
  return NULL;
}

static void
test_window_stats_sideways_wheel (Fixture       *f,
                                  gconstpointer  data)
{
  GtkWidget *rows = find_rows_scroller (GTK_WIDGET (f->window->stats_table));
  GtkWidget *outer;
  GtkAdjustment *h;
  double before;

  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  wait_frames (GTK_WIDGET (f->window), 5);
  g_assert_nonnull (rows);
  outer = gtk_widget_get_ancestor (gtk_widget_get_parent (rows), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (outer);
  h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (outer));
  g_assert_cmpfloat (gtk_adjustment_get_upper (h), >, gtk_adjustment_get_page_size (h));
  before = gtk_adjustment_get_value (h);
  g_assert_true (emit_wheel_dx (rows, 1));
  g_assert_cmpfloat (gtk_adjustment_get_value (h), >, before);
  g_assert_false (emit_wheel_dx (rows, 0));  /* up and down: the rows' own */
}

/* Labels of one character narrower than "…": GTK 4.8 measured their rows' one-line
 * ellipsized title with a natural width below its minimum, a Gtk-WARNING each
 * (fatal here). */
static void
test_window_short_labels (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const labels[] = {
    "i", "a", "ii", "ab", "abc", "a\xcc\x81\xcc\x81\xcc\x81\xcc\x81\xcc\x81",  /* marks */
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (_anneal_window_add_spec (f->window, "cosine()", labels[i], &error));
      g_assert_no_error (error);
    }
  _anneal_window_commit (f->window);
  wait_frames (GTK_WIDGET (f->window), 3);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 360, 640);
  wait_frames (GTK_WIDGET (f->window), 3);
}

/* Issue 13: a table or code has no size or theme, and is not a figure. */
static void
test_export_dialog_formats (Fixture       *f,
                            gconstpointer  data)
{
  static const struct {
    AnnealExportFormat  format;
    const char         *title;
    gboolean            figure;
  } cases[] = {
    { ANNEAL_EXPORT_FORMAT_PNG, "Export Figure", TRUE },
    { ANNEAL_EXPORT_FORMAT_CSV, "Export Data", FALSE },
    { ANNEAL_EXPORT_FORMAT_SVG, "Export Figure", TRUE },
    { ANNEAL_EXPORT_FORMAT_PYTORCH, "Export Code", FALSE },
    { ANNEAL_EXPORT_FORMAT_PDF, "Export Figure", TRUE },
    { ANNEAL_EXPORT_FORMAT_PYTHON, "Export Code", FALSE },
  };
  AnnealExportDialog *dialog;
  GtkWidget *format, *theme, *width, *height, *scale, *title, *copy;

  dialog = anneal_export_dialog_new (GTK_WINDOW (f->window), f->chart, NULL, NULL, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  anneal_test_iterate ();
  format = find_row (GTK_WIDGET (dialog), "_Format");
  theme = find_row (GTK_WIDGET (dialog), "_Theme");
  width = find_row (GTK_WIDGET (dialog), "_Width");
  height = find_row (GTK_WIDGET (dialog), "_Height");
  scale = find_row (GTK_WIDGET (dialog), "_Scale");
  title = find_descendant (GTK_WIDGET (dialog), ADW_TYPE_WINDOW_TITLE, NULL);
  copy = find_descendant (GTK_WIDGET (dialog), GTK_TYPE_BUTTON, "pill");
  g_assert_nonnull (format);
  g_assert_nonnull (theme);
  g_assert_nonnull (title);
  g_assert_nonnull (copy);

  /* Enter exports: the focus starts on the default button, not on Cancel */
  g_assert_true (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (dialog))));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_root_get_focus (GTK_ROOT (dialog)))), ==,
                   "_Export…");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (format), cases[i].format);
      anneal_test_iterate ();

      g_assert_cmpint (gtk_widget_is_sensitive (theme), ==, cases[i].figure);
      g_assert_cmpint (gtk_widget_is_sensitive (width), ==, cases[i].figure);
      g_assert_cmpint (gtk_widget_is_sensitive (height), ==, cases[i].figure);
      g_assert_cmpint (gtk_widget_is_sensitive (scale), ==,
                       cases[i].format == ANNEAL_EXPORT_FORMAT_PNG);
      g_assert_cmpint (gtk_widget_is_sensitive (copy), ==, cases[i].figure);
      g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, cases[i].title);
      g_assert_cmpstr (adw_window_title_get_title (ADW_WINDOW_TITLE (title)), ==, cases[i].title);
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* A label: the first shown in @root whose text is @text. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Issue 13: a long spec scrolls out of sight in its one-line entry, and long labels
 * are cut short: the tooltips show them whole. */
static void
test_long_texts_tooltips (Fixture       *f,
                          gconstpointer  data)
{
  const char *label = "A label long enough to be cut short in the sidebar and in the table";
  const char *spec = "linear(lr=0.1, start_factor=0.01, total_iters=5, for=5) -> "
                     "cosine(lr=0.1, t_max=40, eta_min=0.0001, for=40) -> constant(lr=0.0001)";
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *stages = NULL;
  g_autofree char *expected = NULL;
  GtkListBoxRow *row;
  GtkWidget *cell;
  const char *tooltip;

  g_assert_true (_anneal_window_add_spec (f->window, spec, label, &error));
  g_assert_no_error (error);
  _anneal_window_commit (f->window);
  wait_for_stats (f);
  wait_frames (GTK_WIDGET (f->window), 3);
  canonical = spec_of (f->chart, f->window->selected);

  /* The series row: label and spec on one line each there, both whole here. */
  row = gtk_list_box_get_row_at_index (f->window->series_list, f->window->selected);
  tooltip = anneal_widget_get_tooltip_text (GTK_WIDGET (row));
  expected = g_strdup_printf ("%s\n%s", label, canonical);
  g_assert_cmpstr (tooltip, ==, expected);

  /* The spec entry: wider than it, so the tooltip is the whole spec, a stage a line. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->window->spec_entry)), ==, canonical);
  whole = _anneal_window_dup_spec_tooltip (f->window);
  g_assert_nonnull (whole);
  stages = g_strdup (whole);
  g_strdelimit (stages, "\n", ' ');
  g_assert_cmpstr (stages, ==, canonical);
  g_assert_nonnull (strstr (whole, "\n-> cosine("));
  g_assert_nonnull (strstr (whole, "\n-> constant("));
  /* … and below the entry, shown whole there too */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->spec_whole_label)));
  g_assert_cmpstr (gtk_label_get_text (f->window->spec_whole_label), ==, whole);

  g_assert_cmpint (gtk_label_get_wrap_mode (f->window->spec_whole_label), ==,
                   PANGO_WRAP_WORD_CHAR);

  /* A pasted word of 20,000 characters: below the entry wrapped at any character
   * (Pango breaks a long word in quadratic time: this froze the window), and past
   * the longest spec there is only that much of a paste, cut with "…". */
  {
    g_autofree char *word = g_strnfill (20000, 'x');
    g_autoptr(GString) many = g_string_new ("cosine()");
    const char *shown;

    gtk_editable_set_text (GTK_EDITABLE (f->window->spec_entry), word);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->window->spec_whole_label)));
    g_assert_cmpint (gtk_label_get_wrap_mode (f->window->spec_whole_label), ==, PANGO_WRAP_CHAR);
    shown = gtk_label_get_text (f->window->spec_whole_label);
    g_assert_cmpuint (strlen (shown), ==, ANNEAL_SPEC_MAX_LENGTH + strlen ("…"));
    g_assert_true (g_str_has_suffix (shown, "x…"));
    while (many->len <= 4 * ANNEAL_SPEC_MAX_LENGTH)
      g_string_append (many, " -> cosine(lr=0.1, t_max=10)");
    gtk_editable_set_text (GTK_EDITABLE (f->window->spec_entry), many->str);
    shown = gtk_label_get_text (f->window->spec_whole_label);
    g_assert_cmpuint (strlen (shown), <=, ANNEAL_SPEC_MAX_LENGTH + 2 * 200);
    g_assert_true (g_str_has_suffix (shown, "…"));
    g_assert_cmpint (gtk_label_get_wrap_mode (f->window->spec_whole_label), ==,
                     PANGO_WRAP_WORD_CHAR);
  }

  /* one that fits keeps the help, and nothing below */
  gtk_editable_set_text (GTK_EDITABLE (f->window->spec_entry), "cosine()");
  g_assert_null (_anneal_window_dup_spec_tooltip (f->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->window->spec_whole_label)));

  /* The statistics: the name cut with an ellipsis (its first ANNEAL_SERIES_LABEL_SHOWN
   * characters laid out), whole in its tooltip. */
  {
    g_autofree char *laid_out = anneal_text_bound (label, 1, ANNEAL_SERIES_LABEL_SHOWN);

    g_assert_nonnull (laid_out);
    cell = find_label (GTK_WIDGET (f->window->stats_table), laid_out);
  }
  g_assert_nonnull (cell);
  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (cell)), ==, PANGO_ELLIPSIZE_END);
  g_assert_cmpstr (anneal_widget_get_tooltip_text (cell), ==, label);
}

/* A widget under @root whose tooltip is @text */
static GtkWidget *
find_tooltip (GtkWidget  *root,
              const char *text)
{
  if (g_strcmp0 (anneal_widget_get_tooltip_text (root), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The action row under @root whose subtitle starts with @prefix */
static GtkWidget *
find_subtitle_prefix (GtkWidget  *root,
                      const char *prefix)
{
  if (ADW_IS_ACTION_ROW (root) && adw_action_row_get_subtitle (ADW_ACTION_ROW (root)) != NULL &&
      g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (root)), prefix))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_subtitle_prefix (child, prefix);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static int
natural_height (GtkWidget *widget)
{
  int height;

  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  return height;
}

/* A label shows on one line, whatever Pango would break it at: its sidebar row and
 * its name in the statistics (whole in its tooltip) are as high as those of a
 * one-line label. */
static void
test_labels_one_line (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const breaks[] = { "\n", "\r", "\r\n", "\xe2\x80\xa9", "\xe2\x80\xa8" };
  guint first = anneal_chart_get_n_series (f->chart);
  GtkWidget *stats = GTK_WIDGET (f->window->stats_table);
  int row_height, cell_height;

  g_assert_true (_anneal_window_add_spec (f->window, "cosine()", "ab", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      g_autoptr(GString) label = g_string_new (NULL);

      for (guint j = 0; j < 250; j++)
        g_string_append_printf (label, "ab%s", breaks[i]);
      g_assert_true (_anneal_window_add_spec (f->window, "cosine()", label->str, NULL));
    }
  /* so that none of them is the last row, which has no border below */
  g_assert_true (_anneal_window_add_spec (f->window, "cosine()", "cd", NULL));
  _anneal_window_commit (f->window);
  wait_for_stats (f);
  wait_frames (GTK_WIDGET (f->window), 3);

  row_height = natural_height (GTK_WIDGET (gtk_list_box_get_row_at_index (f->window->series_list,
                                                                          first)));
  g_assert_nonnull (find_tooltip (stats, "ab"));
  cell_height = natural_height (find_tooltip (stats, "ab"));

  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      const char *label = anneal_chart_get_series_label (f->chart, first + 1 + i);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (f->window->series_list, first + 1 + i);
      GtkWidget *cell = find_tooltip (stats, label);

      g_test_message ("lines broken by break %u", i);
      g_assert_cmpuint (g_utf8_strlen (label, -1), >=, 750);
      g_assert_cmpint (natural_height (GTK_WIDGET (row)), ==, row_height);
      g_assert_nonnull (cell);
      g_assert_cmpint (natural_height (cell), ==, cell_height);

      /* and the export dialog's code formats name it by its first line */
      {
        g_autoptr(GSettings) settings = anneal_settings_new ();
        AnnealExportDialog *dialog;
        GtkWidget *format_row;

        g_settings_set_enum (settings, "export-format", ANNEAL_EXPORT_FORMAT_PYTHON);
        dialog = anneal_export_dialog_new (GTK_WINDOW (f->window), f->chart, settings,
                                           f->window->toast_overlay, "Untitled.anneal");
        anneal_export_dialog_set_series (dialog, (int) (first + 1 + i));
        format_row = find_subtitle_prefix (GTK_WIDGET (dialog), "The series");
        g_assert_nonnull (format_row);
        g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (format_row)), ==,
                         "The series “ab…”");
        gtk_window_destroy (GTK_WINDOW (dialog));
      }
    }
}

/* Keyboard */

/* Where a widget sits: 0 header bar, 1 sidebar, 2 chart, 3 statistics, -1 elsewhere */
static int
focus_area (Fixture   *f,
            GtkWidget *widget)
{
  if (gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR) != NULL)
    return 0;
  if (gtk_widget_is_ancestor (widget, f->window->sidebar))
    return 1;
  if (widget == GTK_WIDGET (f->window->chart_view))
    return 2;
  if (gtk_widget_is_ancestor (widget, GTK_WIDGET (f->window->stats_table)))
    return 3;
  return -1;
}

static gboolean
frame_drawn (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Until the window has been laid out and drawn again (scrolled to the focus) */
static void
wait_for_frames (GtkWidget *widget,
                 guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      gboolean done = FALSE;

      gtk_widget_add_tick_callback (widget, frame_drawn, &done, NULL);
      gtk_widget_queue_draw (widget);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
    }
  anneal_test_iterate ();
}

/* Keys reach only the active window, and GTK keeps the chain of focus children only
 * while the window is active: deactivating it clears the chain (the next Tab would
 * start again at the window's first stop) and leaves the focused row's has-focus
 * unset (a GtkListBoxRow then keeps the focus on Tab), activating restores both.
 * Under Xvfb without a window manager the X focus follows the pointer until a window
 * takes it, and windows of earlier tests come and go, so a loaded machine delivered
 * (de)activations in the middle of a Tab walk. Before each key, as a user's key press
 * would find it, the window is made active and the tests wait until it is. */
static void
ensure_active (Fixture *f)
{
  GtkWindow *window = GTK_WINDOW (f->window);
  guint tick;

  if (gtk_window_is_active (window))
    return;
  tick = g_timeout_add (20, wake_up, NULL);
  gdk_toplevel_focus (GDK_TOPLEVEL (gtk_native_get_surface (GTK_NATIVE (window))),
                      GDK_CURRENT_TIME);
  for (guint i = 0; i < 500 && !gtk_window_is_active (window); i++)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_true (gtk_window_is_active (window));
}

static GtkWidget *
press_tab (Fixture          *f,
           GtkDirectionType  direction)
{
  ensure_active (f);
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), direction));
  wait_for_frames (GTK_WIDGET (f->window), 2);
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

/* A widget a user can see: mapped, inside the window's area, and not in a part of the
 * window that gives way for room. */
static gboolean
visible_on_screen (Fixture   *f,
                   GtkWidget *widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_drawable (widget))
    return FALSE;
  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (f->window), &bounds))
    return FALSE;
  return bounds.size.width > 0 && bounds.size.height > 0 &&
         bounds.origin.x < gtk_widget_get_width (GTK_WIDGET (f->window)) &&
         bounds.origin.y < gtk_widget_get_height (GTK_WIDGET (f->window)) &&
         bounds.origin.x + bounds.size.width > 0 && bounds.origin.y + bounds.size.height > 0;
}

static guint
count_rows (GtkWidget *widget)
{
  guint n = GTK_IS_LIST_BOX_ROW (widget) && gtk_widget_get_visible (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_rows (child);
  return n;
}

static void
test_keys_tab_order (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *widget = NULL;
  GHashTable *rows = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) stops = g_string_new (NULL);
  g_autoptr(GtkWidget) previous = NULL;
  int area = 0, param_stops = 0, chart_stops = 0, stats_stops = 0;
  GtkListBoxRow *selected;
  guint n;

  /* Tab order, not what a statistics update does meanwhile: the table settled */
  wait_for_stats (f);

  /* Tab enters the series list at the selected row (as GtkListBox does), here the
   * first; the others follow. */
  _anneal_window_select (f->window, 0);
  anneal_test_iterate ();
  selected = gtk_list_box_get_selected_row (f->window->series_list);
  g_assert_nonnull (selected);

  /* One turn: header → sidebar → chart → statistics → header again. The first Tab
   * already lands on something a user can see. */
  for (n = 0; n < 200; n++)
    {
      int next;

      widget = press_tab (f, GTK_DIR_TAB_FORWARD);
      g_assert_nonnull (widget);
      /* Newer GTK scrolls to the focus over a few frames. */
      for (guint i = 0; i < 60 && !visible_on_screen (f, widget); i++)
        wait_for_frames (GTK_WIDGET (f->window), 1);
      if (!visible_on_screen (f, widget))
        g_test_message ("stop %u: %s in %s is not on screen", n, G_OBJECT_TYPE_NAME (widget),
                        G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
      g_assert_true (visible_on_screen (f, widget));
      next = focus_area (f, widget);
      g_string_append_printf (stops, " %d:%s in %s;", next, G_OBJECT_TYPE_NAME (widget),
                              G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
      if (next < 0 || (n == 0 && next != 0) ||
          (n > 0 && next != area && next != area + 1 && !(next == 0 && area == 3)))
        g_printerr ("the stops so far:%s; the stop before is %s, %s\n", stops->str,
                    previous != NULL && gtk_widget_get_root (previous) != NULL
                      ? "in the window" : "gone",
                    previous != NULL && gtk_widget_get_mapped (previous)
                      ? "mapped" : "not mapped");
      g_set_object (&previous, widget);
      g_assert_cmpint (next, >=, 0);
      if (next == 0 && area == 3)
        break;  /* wrapped round to the header bar */
      if (n == 0)
        g_assert_cmpint (next, ==, 0);  /* the header bar first */
      else if (next != area)
        {
          /* Areas in order, each passed once; after the statistics, the header again. */
          g_assert_cmpint (next, ==, area + 1);
        }
      area = next;

      /* A row whose editor takes the focus is not a stop of its own as well. */
      if (ADW_IS_ACTION_ROW (widget))
        g_assert_null (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget)));
      if (next == 1 && gtk_widget_get_ancestor (widget, ANNEAL_TYPE_SERIES_ROW) == widget)
        g_hash_table_add (rows, widget);
      if (next == 1 && gtk_widget_is_ancestor (widget, GTK_WIDGET (f->window->param_panel)))
        param_stops++;
      chart_stops += next == 2;
      stats_stops += next == 3;

      /* Focus passing over a series row does not select it. */
      g_assert_true (gtk_list_box_get_selected_row (f->window->series_list) == selected);
    }
  if (area != 3)
    g_printerr ("no way round in 200 stops:%s\n", stops->str);
  g_assert_cmpint (area, ==, 3);
  g_assert_cmpint (focus_area (f, widget), ==, 0);
  g_assert_cmpint (chart_stops, ==, 1);  /* Tab leaves the chart */
  g_assert_cmpint (stats_stops, ==, 1);  /* the statistics: one stop */
  /* Every series row, and each parameter once (its editor, not also its row). */
  g_assert_cmpuint (g_hash_table_size (rows), ==, anneal_chart_get_n_series (f->chart));
  g_assert_cmpint (param_stops, >, 0);
  g_assert_cmpint (param_stops, ==, (int) count_rows (GTK_WIDGET (f->window->param_panel)));

  /* Shift+Tab goes back the same way: from the header bar's first stop to the
   * statistics, then the chart, then the sidebar. */
  widget = press_tab (f, GTK_DIR_TAB_BACKWARD);
  g_assert_cmpint (focus_area (f, widget), ==, 3);
  widget = press_tab (f, GTK_DIR_TAB_BACKWARD);
  g_assert_true (widget == GTK_WIDGET (f->window->chart_view));
  widget = press_tab (f, GTK_DIR_TAB_BACKWARD);
  g_assert_cmpint (focus_area (f, widget), ==, 1);
  g_assert_true (gtk_list_box_get_selected_row (f->window->series_list) == selected);

  g_hash_table_unref (rows);
}

/* Focus stays where the user put it while the chart changes and its statistics are
 * computed again (the rows are updated, not rebuilt). */
static void
test_keys_focus_kept (Fixture       *f,
                      gconstpointer  data)
{
  GtkListBoxRow *row0 = gtk_list_box_get_row_at_index (f->window->series_list, 0);
  GtkWidget *button = find_descendant (GTK_WIDGET (row0), GTK_TYPE_MENU_BUTTON, NULL);
  GtkWidget *focus;

  wait_for_stats (f);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_child_focus (button, GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (f->window));
  g_assert_true (gtk_widget_is_ancestor (focus, button));
  gtk_spin_button_set_value (f->window->epochs_spin, 70);
  anneal_test_iterate ();
  wait_for_stats (f);
  wait_for_frames (GTK_WIDGET (f->window), 2);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == focus);
  g_assert_true (press_tab (f, GTK_DIR_TAB_FORWARD) != NULL);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (row0)));
}

static void
test_keys_series_rows (Fixture       *f,
                       gconstpointer  data)
{
  GtkListBox *list = f->window->series_list;
  GtkListBoxRow *row0 = gtk_list_box_get_row_at_index (list, 0);
  GtkListBoxRow *row1 = gtk_list_box_get_row_at_index (list, 1);
  GtkListBoxRow *row2 = gtk_list_box_get_row_at_index (list, 2);
  GtkWidget *widget;

  /* Tab order, not what a statistics update does meanwhile: the table settled */
  wait_for_stats (f);

  _anneal_window_select (f->window, 0);
  anneal_test_iterate ();

  /* Tab onto the first row, then through its buttons to the second row: the first
   * series stays selected, and so does its panel. */
  ensure_active (f);
  gtk_widget_grab_focus (f->window->add_series_button);
  widget = press_tab (f, GTK_DIR_TAB_FORWARD);
  g_assert_true (widget == GTK_WIDGET (row0));
  do
    widget = press_tab (f, GTK_DIR_TAB_FORWARD);
  while (widget != GTK_WIDGET (row1) && gtk_widget_is_ancestor (widget, GTK_WIDGET (row0)));
  g_assert_true (widget == GTK_WIDGET (row1));
  g_assert_true (gtk_list_box_get_selected_row (list) == row0);
  g_assert_cmpint (f->window->selected, ==, 0);

  /* The arrow keys move the focus too, not the selection. */
  g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
  anneal_test_iterate ();
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == GTK_WIDGET (row2));
  g_assert_true (gtk_list_box_get_selected_row (list) == row0);

  /* Enter or Space selects the row with the focus. */
  g_signal_emit_by_name (list, "activate-cursor-row");
  anneal_test_iterate ();
  g_assert_true (gtk_list_box_get_selected_row (list) == row2);
  g_assert_cmpint (f->window->selected, ==, 2);

  /* Shift+Tab back over a row's buttons and the row: no selection either. */
  press_tab (f, GTK_DIR_TAB_BACKWARD);
  press_tab (f, GTK_DIR_TAB_BACKWARD);
  widget = press_tab (f, GTK_DIR_TAB_BACKWARD);
  g_assert_true (widget == GTK_WIDGET (row1));
  g_assert_true (gtk_list_box_get_selected_row (list) == row2);
}

/* The chart's key controller, as GTK would call it for a key pressed while @focus
 * has the keyboard focus: only when the chart is @focus or one of its ancestors. */
static gboolean
send_key (Fixture   *f,
          GtkWidget *focus,
          guint      keyval)
{
  g_autoptr(GListModel) controllers = NULL;
  gboolean handled = FALSE;

  if (!gtk_widget_grab_focus (focus))
    g_assert_true (gtk_widget_child_focus (focus, GTK_DIR_TAB_FORWARD));
  anneal_test_iterate ();
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == focus ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)), focus));

  /* Key events go to the focus widget and its ancestors only; the chart has no
   * children, so its controllers see keys only while it is the focus itself. */
  for (GtkWidget *w = gtk_root_get_focus (GTK_ROOT (f->window)); w != NULL;
       w = gtk_widget_get_parent (w))
    {
      controllers = gtk_widget_observe_controllers (w);
      for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_EVENT_CONTROLLER_KEY (controller) && w == GTK_WIDGET (f->window->chart_view))
            g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          else if (GTK_IS_SHORTCUT_CONTROLLER (controller) &&
                   keyval != GDK_KEY_Left && keyval != GDK_KEY_Right)
            {
              /* No window-wide shortcut takes the chart's plain keys (the arrows
               * move the focus, as in any GTK window). */
              for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
                {
                  g_autoptr(GtkShortcut) shortcut =
                    g_list_model_get_item (G_LIST_MODEL (controller), j);
                  g_autofree char *trigger =
                    gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

                  g_assert_cmpstr (trigger, !=, gdk_keyval_name (keyval));
                }
            }
        }
      g_clear_object (&controllers);
    }
  anneal_test_iterate ();
  return handled;
}

static void
test_keys_chart_only_focused (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *chart = GTK_WIDGET (f->window->chart_view);
  const guint keys[] = { GDK_KEY_0, GDK_KEY_plus, GDK_KEY_minus, GDK_KEY_Left, GDK_KEY_Right };

  while (anneal_chart_view_get_first_frame_time (f->window->chart_view) == 0)
    g_main_context_iteration (NULL, TRUE);

  anneal_chart_view_zoom (f->window->chart_view, 10, 0.5);
  g_assert_true (anneal_chart_has_view (f->chart));

  /* Elsewhere, the chart's keys do nothing to it: "0" in the epochs field, on a
   * button, or on the statistics leaves the zoom alone. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_false (send_key (f, f->window->open_button, keys[i]));
    }
  g_assert_false (send_key (f, GTK_WIDGET (f->window->epochs_spin), GDK_KEY_0));
  g_assert_false (send_key (f, GTK_WIDGET (f->window->stats_table), GDK_KEY_0));
  g_assert_true (anneal_chart_has_view (f->chart));
  g_assert_cmpint (anneal_chart_view_get_hover_epoch (f->window->chart_view), ==, -1);

  /* With the focus, they work; Tab is left to the window, so focus moves on. */
  g_assert_true (send_key (f, chart, GDK_KEY_Right));
  g_assert_cmpint (anneal_chart_view_get_hover_epoch (f->window->chart_view), >=, 0);
  g_assert_true (send_key (f, chart, GDK_KEY_0));
  g_assert_false (anneal_chart_has_view (f->chart));
  g_assert_false (send_key (f, chart, GDK_KEY_Tab));
  g_assert_false (press_tab (f, GTK_DIR_TAB_FORWARD) == chart);
}

/* The statistics: one Tab stop, whose rows scroll with the keys when they do not fit. */
static void
test_keys_statistics (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *outer = find_descendant (GTK_WIDGET (f->window->stats_table),
                                      GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkWidget *inner = find_descendant (gtk_widget_get_first_child (outer),
                                      GTK_TYPE_SCROLLED_WINDOW, NULL);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (inner));
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (outer);
  GtkEventController *keys = NULL;
  gboolean handled = FALSE;
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0);
  graphene_point_t header_at, first_at;
  GtkWidget *header, *first;

  for (guint i = 0; i < 12; i++)
    g_action_group_activate_action (G_ACTION_GROUP (f->window), "duplicate-series", NULL);
  wait_for_stats (f);
  wait_for_frames (GTK_WIDGET (f->window), 3);
  g_assert_cmpfloat (gtk_adjustment_get_upper (v), >, gtk_adjustment_get_page_size (v));

  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window->stats_table),
                                         GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == outer);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        keys = controller;
    }
  g_assert_nonnull (keys);

  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 0);
  header = find_label (GTK_WIDGET (f->window->stats_table), "Series");
  first = find_label (GTK_WIDGET (f->window->stats_table), anneal_chart_get_series_label (f->chart, 0));
  g_assert_nonnull (header);
  g_assert_nonnull (first);
  g_assert_true (gtk_widget_compute_point (header, GTK_WIDGET (f->window), &origin, &header_at));
  g_assert_true (gtk_widget_compute_point (first, GTK_WIDGET (f->window), &origin, &first_at));
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Down, 0, 0, &handled);
  g_assert_true (handled);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), >, 0);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_End, 0, 0, &handled);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==,
                     gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));

  /* Issue 13: the header stays put while the rows scroll under it. */
  wait_frames (GTK_WIDGET (f->window), 2);
  {
    graphene_point_t now;

    g_assert_true (gtk_widget_compute_point (header, GTK_WIDGET (f->window), &origin, &now));
    g_assert_cmpfloat (now.y, ==, header_at.y);
    g_assert_true (gtk_widget_compute_point (first, GTK_WIDGET (f->window), &origin, &now));
    g_assert_cmpfloat (now.y, <, first_at.y);
    g_assert_true (gtk_widget_get_mapped (header));
  }
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Home, 0, 0, &handled);
  g_assert_cmpfloat (gtk_adjustment_get_value (v), ==, 0);
}

/* Folded at 360×640: with the sidebar closed Tab never goes into it; opened over the
 * chart, Tab goes through it, each stop on screen. */
static void
test_keys_narrow (Fixture       *f,
                  gconstpointer  data)
{
  /* Tab order, not what a statistics update does meanwhile: the table settled */
  wait_for_stats (f);

  for (int open = 0; open <= 1; open++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
      g_autoptr(GString) stops = g_string_new (NULL);
      guint in_sidebar = 0, on_chart = 0;

      if (open == 0)
        {
          resize (f, 360, 640);
          g_assert_true (_anneal_window_get_sidebar_folded (f->window));
          g_assert_false (_anneal_window_get_sidebar_shown (f->window));
        }
      else
        {
          gtk_toggle_button_set_active (f->window->sidebar_button, TRUE);
          settle (f);  /* the sidebar slides in */
          g_assert_true (_anneal_window_get_sidebar_shown (f->window));
        }

      for (guint n = 0; n < 200; n++)
        {
          GtkWidget *widget = press_tab (f, GTK_DIR_TAB_FORWARD);

          for (guint i = 0; i < 60 && !visible_on_screen (f, widget); i++)
            wait_for_frames (GTK_WIDGET (f->window), 1);
          g_string_append_printf (stops, " %s in %s;", G_OBJECT_TYPE_NAME (widget),
                                  G_OBJECT_TYPE_NAME (gtk_widget_get_parent (widget)));
          if (!g_hash_table_add (seen, widget))
            break;  /* round once */
          g_assert_true (visible_on_screen (f, widget));
          in_sidebar += gtk_widget_is_ancestor (widget, f->window->sidebar);
          on_chart += widget == GTK_WIDGET (f->window->chart_view);
        }
      if ((open == 0 && (in_sidebar != 0 || on_chart != 1)) || (open == 1 && in_sidebar <= 10))
        g_printerr ("open %d, the stops:%s\n", open, stops->str);
      if (open == 0)
        {
          g_assert_cmpuint (in_sidebar, ==, 0);
          g_assert_cmpuint (on_chart, ==, 1);
        }
      else
        g_assert_cmpuint (in_sidebar, >, 10);
    }
}

/* The shortcuts window: no shortcut shown twice the same ("Ctrl + + / Ctrl + +"), and
 * the chart's mouse hint there rather than in a tooltip over the crosshair readout. */
/* The main menu and the presets are built when first opened, then kept. */
static void
test_keys_menus (Fixture       *f,
                 gconstpointer  data)
{
  struct { GtkWidget *button; GMenuModel *model; } menus[] = {
    { f->window->main_menu_button, f->window->primary_menu },
    { f->window->presets_button, G_MENU_MODEL (f->window->presets_menu) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (menus); i++)
    {
      GtkMenuButton *button = GTK_MENU_BUTTON (menus[i].button);
      GtkPopover *popover;

      g_assert_null (gtk_menu_button_get_popover (button));
      g_assert_true (gtk_widget_is_sensitive (menus[i].button));
      g_assert_cmpuint (g_menu_model_get_n_items (menus[i].model), >, 0);

      gtk_menu_button_popup (button);
      anneal_test_iterate ();
      popover = gtk_menu_button_get_popover (button);
      g_assert_true (GTK_IS_POPOVER_MENU (popover));
      g_assert_true (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)) ==
                     menus[i].model);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      gtk_menu_button_popdown (button);
      anneal_test_iterate ();

      gtk_menu_button_popup (button);
      anneal_test_iterate ();
      g_assert_true (gtk_menu_button_get_popover (button) == popover);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
      gtk_menu_button_popdown (button);
      anneal_test_iterate ();
    }
}

static void
test_keys_shortcuts_window (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/annealapp/Anneal/anneal-shortcuts.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  guint n_shortcuts = 0, n_gestures = 0;

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_autofree char *action = NULL;
      g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                            g_free, NULL);
      g_auto(GStrv) accels = NULL;
      GtkShortcutType type;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      n_shortcuts++;
      g_object_get (l->data, "accelerator", &accelerator, "action-name", &action,
                    "shortcut-type", &type, NULL);
      n_gestures += type == GTK_SHORTCUT_GESTURE;

      /* win.add-series has Ctrl+plus and Ctrl+keypad plus, both labelled "Ctrl + +". */
      g_assert_cmpstr (action, !=, "win.add-series");

      if (accelerator == NULL)
        continue;
      accels = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint keyval;
          GdkModifierType mods;

          g_assert_true (gtk_accelerator_parse (accels[i], &keyval, &mods));
          g_assert_true (g_hash_table_add (labels, gtk_accelerator_get_label (keyval, mods)));
        }
    }
  g_assert_cmpuint (n_shortcuts, >, 20);
  g_assert_cmpuint (n_gestures, >=, 3);  /* zoom, pan, reset with the mouse */

  g_assert_null (anneal_widget_get_tooltip_text (GTK_WIDGET (f->window->chart_view)));

  /* Ctrl+? shows it, made on first use (not with the window), over the window;
   * closing hides it, and it comes back the same. */
  g_assert_null (f->window->shortcuts_window);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
  anneal_test_iterate ();
  {
    GtkWindow *shortcuts = f->window->shortcuts_window;

    g_assert_true (GTK_IS_SHORTCUTS_WINDOW (shortcuts));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
    g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (f->window));
    gtk_window_close (shortcuts);
    anneal_test_iterate ();
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
    gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
    anneal_test_iterate ();
    g_assert_true (f->window->shortcuts_window == shortcuts);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = anneal_test_app_home ("test-app");
  int ret;

  if (!anneal_test_app_init (&argc, &argv, home))
    return 0;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/anneal/app/window/builds", test_window_builds);
  ADD ("/anneal/app/window/readout", test_window_readout);
  ADD ("/anneal/app/window/zoom", test_window_zoom);
  ADD ("/anneal/app/window/stats", test_window_stats);
  ADD ("/anneal/app/window/stats-in-place", test_window_stats_in_place);
  ADD ("/anneal/app/window/steps", test_window_steps);
  ADD ("/anneal/app/window/stats-off-main-loop", test_window_stats_off_main_loop);
  ADD ("/anneal/app/window/stats-bounded-threads", test_window_stats_bounded_threads);
  ADD ("/anneal/app/window/stats-spinner-stops", test_window_stats_spinner_stops);
  ADD ("/anneal/app/window/wheel-scrolls-sidebar", test_window_wheel_scrolls_sidebar);
  ADD ("/anneal/app/window/short-labels", test_window_short_labels);
  ADD ("/anneal/app/window/stats-sideways-wheel", test_window_stats_sideways_wheel);
  ADD ("/anneal/app/window/series-limit", test_window_series_limit);
  ADD ("/anneal/app/window/state", test_window_state);
  ADD ("/anneal/app/window/narrow", test_window_narrow);
  g_test_add_func ("/anneal/app/window/first-frame-stats", test_window_first_frame_stats);
  g_test_add_func ("/anneal/app/worker/order", test_worker_order);
  g_test_add_func ("/anneal/app/window/no-schema", test_window_no_schema);
  g_test_add_func ("/anneal/app/tooltip/kept", test_tooltip_kept);
  g_test_add_func ("/anneal/app/tooltip/no-round-trips", test_tooltip_no_round_trips);
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
  ADD ("/anneal/app/spec/pitfalls", test_pitfalls);
  ADD ("/anneal/app/spec/pitfalls-kept", test_pitfalls_kept);
  ADD ("/anneal/app/spec/pitfalls-worker", test_pitfalls_worker);
  ADD ("/anneal/app/spec/pitfalls-many", test_pitfalls_many);
  ADD ("/anneal/app/spec/row-bounded", test_row_spec_bounded);
  ADD ("/anneal/app/document/run-length-shown", test_document_run_length_shown);
  ADD ("/anneal/app/document/run-length-whole", test_document_run_length_whole);
  ADD ("/anneal/app/document/run-length-typed", test_document_run_length_typed);
  ADD ("/anneal/app/series/rows-kept-on-undo", test_rows_kept_on_undo);
  ADD ("/anneal/app/spec/warmup-and-stages", test_warmup_and_stages);
  ADD ("/anneal/app/spec/paste-code", test_paste_code);
  ADD ("/anneal/app/spec/paste-code-invalid", test_paste_code_invalid);
  ADD ("/anneal/app/spec/drop-code", test_drop_code);
  ADD ("/anneal/app/series/add-duplicate-remove", test_series_add_duplicate_remove);
  ADD ("/anneal/app/series/catalogue", test_catalogue);
  ADD ("/anneal/app/series/catalogue-after-keys", test_catalogue_after_keys);
  ADD ("/anneal/app/series/damped-twin", test_series_damped_twin);
  ADD ("/anneal/app/series/sweep", test_series_sweep);
  ADD ("/anneal/app/series/sweep-dialog", test_sweep_dialog);
  ADD ("/anneal/app/series/sweep-dialog-refused", test_sweep_dialog_refused);
  ADD ("/anneal/app/dialogs/locale", test_dialogs_locale);
  ADD ("/anneal/app/series/presets", test_presets);
  ADD ("/anneal/app/series/presets-ask", test_presets_ask);
  ADD ("/anneal/app/window/close-in-turn", test_close_in_turn);
  ADD ("/anneal/app/export/files", test_export_files);
  ADD ("/anneal/app/export/dialog", test_export_dialog);
  ADD ("/anneal/app/export/dialog-busy", test_export_dialog_busy);
  ADD ("/anneal/app/export/dialog-cancel-table", test_export_dialog_cancel_table);
  ADD ("/anneal/app/export/dialog-formats", test_export_dialog_formats);
  ADD ("/anneal/app/window/long-texts-tooltips", test_long_texts_tooltips);
  ADD ("/anneal/app/window/labels-one-line", test_labels_one_line);
  ADD ("/anneal/app/export/code", test_export_code);
  ADD ("/anneal/app/export/copy-code", test_copy_code);
  ADD ("/anneal/app/document/round-trip", test_document_round_trip);
  ADD ("/anneal/app/document/recent-on-demand", test_document_recent_on_demand);
  ADD ("/anneal/app/document/damaged", test_document_damaged);
  ADD ("/anneal/app/document/open-refused", test_document_open_refused);
  ADD ("/anneal/app/document/long-texts", test_document_long_texts);
  ADD ("/anneal/app/document/save-failure", test_document_save_failure);
  ADD ("/anneal/app/document/undo-redo", test_undo_redo);
  ADD ("/anneal/app/keys/tab-order", test_keys_tab_order);
  ADD ("/anneal/app/keys/series-rows", test_keys_series_rows);
  ADD ("/anneal/app/keys/focus-kept", test_keys_focus_kept);
  ADD ("/anneal/app/keys/chart-only-focused", test_keys_chart_only_focused);
  ADD ("/anneal/app/keys/shortcuts-window", test_keys_shortcuts_window);
  ADD ("/anneal/app/keys/menus", test_keys_menus);
  ADD ("/anneal/app/keys/statistics", test_keys_statistics);
  ADD ("/anneal/app/keys/narrow", test_keys_narrow);

  ret = g_test_run ();
  anneal_test_remove_tree (home);
  return ret;
}
