/* test-chart-view.c — the chart view shows exactly the figure anneal_chart_draw() draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The view hands GSK its figure its own way (with the GL renderer, one texture it
 * updates in place). Each case renders the view's snapshot with the window's own
 * renderer and compares it, byte for byte, with a cairo node of anneal_chart_draw()
 * rendered by the same renderer — what the view appended before — after edits,
 * theme changes, hidden series, a zoom and a resize: no stale figure, no pixel off.
 * Run twice, at scale 1 and (GDK_SCALE=2) at scale 2.
 */

#include "config.h"

#include <string.h>
#include <adwaita.h>

#include "anneal-chart-view.h"
#include "anneal-worker.h"

#include "anneal-test-app.h"

typedef struct
{
  GtkWidget   *window;
  GtkWidget   *view;
  AnnealChart *chart;
  GPtrArray   *nodes;   /* every node rendered, kept: GSK caches by address */
} Fixture;

static const char *specs[] = {
  "cosine-wave()",
  "damped-cosine-wave()",
  "exp-cycles()",
  "step(step_size=7)",
};

static AnnealSchedule *
parse (const char *spec)
{
  g_autoptr(GError) error = NULL;
  AnnealSchedule *s = anneal_schedule_parse (spec, NULL, &error);

  g_assert_no_error (error);
  return s;
}

static void
wait_for_size (Fixture *f,
               int      width,
               int      height)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while ((gtk_widget_get_width (f->view) != width ||
          gtk_widget_get_height (f->view) != height) &&
         g_get_monotonic_time () < end)
    {
      g_usleep (1000);
      anneal_test_iterate ();
    }
  g_assert_cmpint (gtk_widget_get_width (f->view), ==, width);
  g_assert_cmpint (gtk_widget_get_height (f->view), ==, height);
  anneal_test_iterate ();
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gsk_render_node_unref);
  f->chart = anneal_chart_new ();
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) s = parse (specs[i]);

      anneal_chart_add_series (f->chart, s, specs[i]);
    }
  anneal_chart_set_epochs (f->chart, GPOINTER_TO_INT (data));

  f->window = gtk_window_new ();
  f->view = anneal_chart_view_new ();
  gtk_widget_set_size_request (f->view, 760, 500);
  gtk_widget_set_halign (f->view, GTK_ALIGN_START);
  gtk_widget_set_valign (f->view, GTK_ALIGN_START);
  gtk_widget_set_hexpand (f->view, FALSE);
  gtk_widget_set_vexpand (f->view, FALSE);
  anneal_chart_view_set_chart (ANNEAL_CHART_VIEW (f->view), f->chart);
  gtk_window_set_child (GTK_WINDOW (f->window), f->view);
  gtk_window_present (GTK_WINDOW (f->window));
  while (anneal_chart_view_get_first_frame_time (ANNEAL_CHART_VIEW (f->view)) == 0)
    {
      g_usleep (1000);
      anneal_test_iterate ();
    }
  wait_for_size (f, 760, 500);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->chart);
  anneal_test_iterate ();
  g_clear_pointer (&f->nodes, g_ptr_array_unref);
}

static GBytes *
render (Fixture       *f,
        GskRenderNode *node)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));
  int scale = gtk_widget_get_scale_factor (f->view);
  int width = gtk_widget_get_width (f->view) * scale;
  int height = gtk_widget_get_height (f->view) * scale;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderNode *scaled;
  gsize stride = (gsize) width * 4;
  guchar *data = g_malloc0 (stride * height);

  /* At the window's scale, as the screen shows it */
  scaled = scale == 1 ? gsk_render_node_ref (node)
                      : gsk_transform_node_new (node, gsk_transform_scale (NULL, scale, scale));
  texture = gsk_renderer_render_texture (renderer, scaled,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_texture_download (texture, data, stride);
  g_ptr_array_add (f->nodes, scaled);
  g_ptr_array_add (f->nodes, node);
  return g_bytes_new_take (data, stride * height);
}

/* What the view shows: its snapshot, as GTK takes it, once what the chart deferred
 * of the figure (a range or an envelope over a long run) is computed */
static GBytes *
render_view (Fixture *f)
{
  AnnealChartView *view = ANNEAL_CHART_VIEW (f->view);

  for (guint round = 0;; round++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;

      anneal_test_iterate ();
      /* No crosshair, wherever the pointer is */
      anneal_chart_view_set_hover_epoch (view, -1);
      GTK_WIDGET_GET_CLASS (f->view)->snapshot (f->view, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      if (anneal_chart_view_get_figure_complete (view))
        return render (f, node);
      gsk_render_node_unref (node);
      /* the ranges, then the envelopes with the layout they give */
      g_assert_cmpuint (round, <, 4);
      g_assert_true (anneal_chart_view_get_computing (view));
      while (anneal_chart_view_get_computing (view))
        g_main_context_iteration (NULL, TRUE);
    }
}

/* What it showed before: a cairo node of the figure, drawn by a copy of the chart
 * (not deferred: drawn whole at once) */
static GBytes *
render_reference (Fixture *f)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  double width = gtk_widget_get_width (f->view), height = gtk_widget_get_height (f->view);
  g_autoptr(AnnealChart) whole = anneal_chart_copy (f->chart);
  cairo_t *cr;

  g_assert_false (anneal_chart_get_deferred (whole));
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  anneal_chart_draw (whole, cr, width, height);
  cairo_destroy (cr);
  return render (f, gtk_snapshot_free_to_node (snapshot));
}

/* The view matches the reference; and, when @before is given, the figure changed */
static GBytes *
assert_view_matches (Fixture    *f,
                     GBytes     *before,
                     const char *what)
{
  g_autoptr(GBytes) view = render_view (f);
  GBytes *reference = render_reference (f);

  if (!g_bytes_equal (view, reference))
    {
      gsize n;
      const guchar *a = g_bytes_get_data (view, &n);
      const guchar *b = g_bytes_get_data (reference, NULL);
      guint differ = 0, max = 0;

      guint x0 = G_MAXUINT, x1 = 0, y0 = G_MAXUINT, y1 = 0;
      guint w = gtk_widget_get_width (f->view) * gtk_widget_get_scale_factor (f->view);

      for (gsize i = 0; i < n; i++)
        if (a[i] != b[i])
          {
            differ++;
            max = MAX (max, (guint) ABS (a[i] - b[i]));
            x0 = MIN (x0, (i / 4) % w);
            x1 = MAX (x1, (i / 4) % w);
            y0 = MIN (y0, (i / 4) / w);
            y1 = MAX (y1, (i / 4) / w);
          }
      g_printerr ("# they differ in x %u…%u, y %u…%u\n", x0, x1, y0, y1);
      g_error ("%s: %u of %" G_GSIZE_FORMAT " bytes differ from the figure drawn alone, "
               "by up to %u", what, differ, n, max);
    }
  if (before != NULL)
    g_assert_false (g_bytes_equal (before, reference));
  return reference;
}

static void
test_same_pixels (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) b0 = NULL;
  g_autoptr(GBytes) b1 = NULL;
  g_autoptr(GBytes) b2 = NULL;
  g_autoptr(GBytes) b3 = NULL;
  g_autoptr(GBytes) b4 = NULL;
  g_autoptr(GBytes) b5 = NULL;
  g_autoptr(GBytes) b6 = NULL;
  g_autoptr(GBytes) b7 = NULL;
  g_autoptr(GBytes) b8 = NULL;
  gint64 n = anneal_chart_get_epochs (f->chart);

  anneal_chart_set_theme (f->chart, ANNEAL_CHART_THEME_LIGHT);
  b0 = assert_view_matches (f, NULL, "light");

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *spec = g_strdup_printf ("cosine-wave(period=%u)", 3 + i);
      g_autoptr(AnnealSchedule) s = parse (spec);
      g_autoptr(GBytes) before = b1;

      anneal_chart_set_series_schedule (f->chart, 0, s);
      b1 = assert_view_matches (f, before != NULL ? before : b0, "an edit");
    }

  anneal_chart_set_theme (f->chart, ANNEAL_CHART_THEME_DARK);
  b2 = assert_view_matches (f, b1, "dark");

  anneal_chart_set_series_visible (f->chart, 1, FALSE);
  b3 = assert_view_matches (f, b2, "a hidden series");

  {
    g_autoptr(AnnealSchedule) s = parse ("exponential(gamma=0.9)");

    anneal_chart_set_series_schedule (f->chart, 2, s);
    b4 = assert_view_matches (f, b3, "an edit on the dark theme");
  }

  anneal_chart_view_zoom (ANNEAL_CHART_VIEW (f->view), n / 3.0, 0.5);
  b5 = assert_view_matches (f, b4, "a zoom");

  gtk_widget_set_size_request (f->view, 901, 563);
  wait_for_size (f, 901, 563);
  b6 = assert_view_matches (f, NULL, "a resize");

  anneal_chart_set_theme (f->chart, ANNEAL_CHART_THEME_LIGHT);
  b7 = assert_view_matches (f, b6, "light again");

  anneal_chart_set_log_y (f->chart, TRUE);
  b8 = assert_view_matches (f, b7, "a log axis");

  /* An edit drawn at once (no frame of GTK's in between): over 10^7 epochs the new
   * envelope is computed in a worker and the figure before stays meanwhile; over 40,
   * drawn on the spot. The figure then is the whole one (above). */
  {
    g_autoptr(AnnealSchedule) s = parse ("cosine-wave(period=11, lr_end=0.02)");
    GtkSnapshot *snapshot = gtk_snapshot_new ();

    anneal_test_iterate ();
    anneal_chart_set_series_schedule (f->chart, 0, s);
    GTK_WIDGET_GET_CLASS (f->view)->snapshot (f->view, snapshot);
    gsk_render_node_unref (gtk_snapshot_free_to_node (snapshot));
    g_assert_true (anneal_chart_view_get_computing (ANNEAL_CHART_VIEW (f->view)) == (n > 65536));
    g_assert_true (anneal_chart_view_get_figure_complete (ANNEAL_CHART_VIEW (f->view)) ==
                   (n <= 65536));
    g_bytes_unref (assert_view_matches (f, b8, "an edit on the log axis"));
  }
}

/* The crosshair's readout stays inside the view, its labels giving way to the values:
 * labels of 64 wide letters made the box wider than the chart, every value cut
 * off at its right edge (and a label that starts right-to-left was drawn at the far
 * end of its box, out of sight). */
static void
test_readout_inside (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) wide = g_string_new (NULL);
  double width = gtk_widget_get_width (f->view), height = gtk_widget_get_height (f->view);
  graphene_rect_t bounds;
  GtkSnapshot *snapshot;
  GskRenderNode *node;

  for (int i = 0; i < 64; i++)
    g_string_append (wide, "W");
  anneal_chart_set_series_label (f->chart, 0, wide->str);
  anneal_chart_set_series_label (f->chart, 1, "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 abc");

  for (gint64 epoch = 0; epoch < 40; epoch += 13)
    {
      anneal_test_iterate ();
      anneal_chart_view_set_hover_epoch (ANNEAL_CHART_VIEW (f->view), epoch);
      snapshot = gtk_snapshot_new ();
      GTK_WIDGET_GET_CLASS (f->view)->snapshot (f->view, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      gsk_render_node_get_bounds (node, &bounds);
      g_test_message ("epoch %" G_GINT64_FORMAT ": drawn in x %g … %g of %g", epoch,
                      bounds.origin.x, bounds.origin.x + bounds.size.width, width);
      g_assert_cmpfloat (bounds.origin.x, >=, 0);
      g_assert_cmpfloat (bounds.origin.y, >=, 0);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, width);
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, height);
      gsk_render_node_unref (node);
    }
}

/* Every worker held: what the chart deferred waits, so the view's "Drawing…" hint
 * is a matter of time, not of the machine's speed */
typedef struct
{
  GMutex lock;
  GCond  cond;
  guint  started;
  guint  finished;
  gboolean released;
} Blockers;

static void
block_worker (GTask        *task,
              gpointer      source,
              gpointer      data,
              GCancellable *cancellable)
{
  Blockers *b = data;

  g_mutex_lock (&b->lock);
  b->started++;
  g_cond_broadcast (&b->cond);
  while (!b->released)
    g_cond_wait (&b->cond, &b->lock);
  b->finished++;
  g_cond_broadcast (&b->cond);
  g_mutex_unlock (&b->lock);
  g_task_return_boolean (task, TRUE);
}

static gboolean
view_busy (Fixture *f)
{
  g_autofree char *not_busy =
    gtk_test_accessible_check_state (GTK_ACCESSIBLE (f->view), GTK_ACCESSIBLE_STATE_BUSY, TRUE);

  return not_busy == NULL;
}

/* A long run's figure that takes more than a quarter of a second says so in the
 * chart's corner ("Drawing…") over the figure before, and to screen readers (the
 * view is busy); once it is computed, the hint goes and the figure is the whole one */
static void
test_drawing_hint (Fixture       *f,
                   gconstpointer  data)
{
  guint workers = g_get_num_processors ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) waiting = NULL;
  g_autoptr(AnnealSchedule) s = parse ("cosine-wave(period=13, lr_end=0.03)");
  Blockers b = { 0 };
  gint64 edited, busy_at = 0;

  before = render_view (f);
  g_assert_false (view_busy (f));

  g_mutex_init (&b.lock);
  g_cond_init (&b.cond);
  for (guint i = 0; i < workers; i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_task_data (task, &b, NULL);
      anneal_worker_run (task, block_worker, ANNEAL_WORKER_FIGURE);
    }
  g_mutex_lock (&b.lock);
  while (b.started < workers)
    g_cond_wait (&b.cond, &b.lock);
  g_mutex_unlock (&b.lock);

  edited = g_get_monotonic_time ();
  anneal_chart_set_series_schedule (f->chart, 0, s);
  while (g_get_monotonic_time () - edited < 10 * G_USEC_PER_SEC)
    {
      g_usleep (1000);
      anneal_test_iterate ();
      if (view_busy (f))
        {
          busy_at = g_get_monotonic_time ();
          break;
        }
    }
  g_test_message ("busy after %.3f s", (busy_at - edited) / 1e6);
  g_assert_cmpint (busy_at, !=, 0);
  g_assert_cmpint (busy_at - edited, >=, G_USEC_PER_SEC / 4);
  g_assert_true (anneal_chart_view_get_computing (ANNEAL_CHART_VIEW (f->view)));
  g_assert_false (anneal_chart_view_get_figure_complete (ANNEAL_CHART_VIEW (f->view)));

  /* The figure before, with the hint over it */
  {
    GtkSnapshot *snapshot = gtk_snapshot_new ();

    anneal_chart_view_set_hover_epoch (ANNEAL_CHART_VIEW (f->view), -1);
    GTK_WIDGET_GET_CLASS (f->view)->snapshot (f->view, snapshot);
    waiting = render (f, gtk_snapshot_free_to_node (snapshot));
    g_assert_false (g_bytes_equal (waiting, before));
  }

  g_mutex_lock (&b.lock);
  b.released = TRUE;
  g_cond_broadcast (&b.cond);
  g_mutex_unlock (&b.lock);

  g_bytes_unref (assert_view_matches (f, before, "the edit, computed"));
  g_assert_false (view_busy (f));
  g_assert_false (anneal_chart_view_get_computing (ANNEAL_CHART_VIEW (f->view)));
  g_mutex_lock (&b.lock);
  while (b.finished < workers)
    g_cond_wait (&b.cond, &b.lock);
  g_mutex_unlock (&b.lock);
  anneal_test_iterate ();
  g_mutex_clear (&b.lock);
  g_cond_clear (&b.cond);
}

int
main (int   argc,
      char *argv[])
{
  if (!anneal_test_app_init (&argc, &argv, NULL))
    return 0;

  /* Long schedules (dense bands and envelopes) and short ones (points and markers) */
  g_test_add ("/anneal/chart-view/same-pixels/long", Fixture, GINT_TO_POINTER (10000000),
              fixture_setup, test_same_pixels, fixture_teardown);
  g_test_add ("/anneal/chart-view/same-pixels/short", Fixture, GINT_TO_POINTER (40),
              fixture_setup, test_same_pixels, fixture_teardown);

  g_test_add ("/anneal/chart-view/drawing-hint", Fixture, GINT_TO_POINTER (10000000),
              fixture_setup, test_drawing_hint, fixture_teardown);
  g_test_add ("/anneal/chart-view/readout-inside", Fixture, GINT_TO_POINTER (40),
              fixture_setup, test_readout_inside, fixture_teardown);

  return g_test_run ();
}
