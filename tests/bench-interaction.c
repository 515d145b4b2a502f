/* bench-interaction.c — what a pointer motion and a parameter edit cost in the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AnnealChartView in a 1280×800 window shows the notebook's comparison (four
 * series) at 10^7 epochs. Prints, asserting nothing:
 *
 *  - a pointer motion: the CPU time of the main thread from the motion to the
 *    view's new render node (hover hit test, crosshair, readout), over many
 *    motions each to another epoch; target under 0.5 ms. Beside it, what one
 *    layout costs (what every coordinate query cost before the layout was kept).
 *  - a parameter edit: one series gets a new schedule; the wall time until the
 *    window has painted the new frame, with the series' statistics over the
 *    10^7 epochs computed in between; target within one 16 ms frame. Beside it,
 *    the statistics alone and the figure drawn alone into an image surface.
 *
 * Needs a display (bench-with-display.sh starts Xvfb when there is none).
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <adwaita.h>

#include "anneal-chart-view.h"

#define EPOCHS   10000000
#define MOTIONS  300
#define EDITS    40

static const char *specs[] = {
  "cosine-wave()",
  "damped-cosine-wave()",
  "exp-cycles()",
  "damped-exp-cycles()",
};

static double
cpu_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double
wall_ms (void)
{
  return g_get_monotonic_time () / 1e3;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_row (const char *what,
           double     *v,
           guint       n,
           const char *target)
{
  double sum = 0;

  for (guint i = 0; i < n; i++)
    sum += v[i];
  qsort (v, n, sizeof *v, compare_doubles);
  printf ("%-44s %9.3f %9.3f %9.3f %9.3f   %s\n",
          what, sum / n, v[n / 2], v[(guint) (n * 0.95)], v[n - 1], target);
}

static void
iterate_until (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static AnnealSchedule *
parse (const char *spec)
{
  g_autoptr(GError) error = NULL;
  AnnealSchedule *s = anneal_schedule_parse (spec, NULL, &error);

  if (s == NULL)
    g_error ("%s: %s", spec, error->message);
  return s;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AnnealChart) chart = NULL;
  g_autofree double *motion_cpu = g_new (double, MOTIONS);
  g_autofree double *frame_cpu = g_new (double, MOTIONS);
  g_autofree double *frame_process_cpu = g_new (double, MOTIONS);
  g_autofree double *layout_ms = g_new (double, 50);
  double edit_wall[EDITS], edit_cpu[EDITS], stats_ms[EDITS], draw_ms[EDITS];
  GtkWidget *window, *view;
  GdkFrameClock *clock;
  cairo_rectangle_t area;
  gboolean painted = FALSE;
  double width, height;

  adw_init ();

  chart = anneal_chart_new ();
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) s = parse (specs[i]);

      anneal_chart_add_series (chart, s, specs[i]);
    }
  anneal_chart_set_epochs (chart, EPOCHS);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  view = anneal_chart_view_new ();
  anneal_chart_view_set_chart (ANNEAL_CHART_VIEW (view), chart);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));

  while (anneal_chart_view_get_first_frame_time (ANNEAL_CHART_VIEW (view)) == 0)
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  iterate_until (&painted);

  width = gtk_widget_get_width (view);
  height = gtk_widget_get_height (view);
  anneal_chart_get_plot_area (chart, width, height, &area);

  printf ("# the notebook's comparison (4 series), %d epochs, a %.0fx%.0f chart view\n",
          EPOCHS, width, height);
  printf ("%-44s %9s %9s %9s %9s\n", "ms", "mean", "median", "95th", "max");

  /* Pointer motions, each to another epoch: the motion as the view handles it
   * (hit test, hover epoch, queued draw), then the window's frame (the view's
   * snapshot: the kept figure and a new crosshair, and GSK's rendering) */
  for (guint i = 0; i < MOTIONS; i++)
    {
      double x = area.x + 1 + fmod (i * 7.3, area.width - 2);
      double t0, c0, p0;

      while (g_main_context_iteration (NULL, FALSE))
        ;
      painted = FALSE;
      t0 = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
      p0 = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
      anneal_chart_view_pointer_moved (ANNEAL_CHART_VIEW (view), x, area.y + area.height / 2);
      motion_cpu[i] = cpu_ms (CLOCK_THREAD_CPUTIME_ID) - t0;
      c0 = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
      iterate_until (&painted);
      frame_cpu[i] = cpu_ms (CLOCK_THREAD_CPUTIME_ID) - c0;
      frame_process_cpu[i] = cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - p0;
    }
  print_row ("pointer motion: the event, main-thread CPU", motion_cpu, MOTIONS,
             "(target < 0.5)");
  print_row ("  then its frame, main-thread CPU", frame_cpu, MOTIONS, "");
  print_row ("  event and frame, process CPU (GSK too)", frame_process_cpu, MOTIONS, "");

  /* One layout: what each query cost when nothing was kept */
  for (guint i = 0; i < 50; i++)
    {
      double t0 = cpu_ms (CLOCK_THREAD_CPUTIME_ID);

      anneal_chart_set_x_label (chart, i % 2 ? "epoch" : "epochs");
      anneal_chart_get_plot_area (chart, width, height, &area);
      layout_ms[i] = cpu_ms (CLOCK_THREAD_CPUTIME_ID) - t0;
    }
  anneal_chart_set_x_label (chart, NULL);
  print_row ("  one layout (each query before the cache)", layout_ms, 50, "");

  /* Parameter edits: model, statistics, and the window's next painted frame */
  for (guint i = 0; i < EDITS; i++)
    {
      g_autofree char *spec = g_strdup_printf ("cosine-wave(period=%u)", 10 + i % 7);
      g_autoptr(AnnealSchedule) s = parse (spec);
      AnnealStats stats;
      double t0, c0, t1;

      /* Let the previous frame settle, as between two key presses */
      g_usleep (40000);
      while (g_main_context_iteration (NULL, FALSE))
        ;

      painted = FALSE;
      t0 = wall_ms ();
      c0 = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
      anneal_chart_set_series_schedule (chart, 0, s);
      t1 = wall_ms ();
      anneal_schedule_stats (s, 0, EPOCHS - 1, &stats);
      stats_ms[i] = wall_ms () - t1;
      iterate_until (&painted);
      edit_wall[i] = wall_ms () - t0;
      edit_cpu[i] = cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - c0;
    }
  print_row ("parameter edit to painted frame, wall", edit_wall, EDITS, "(target <= 16)");
  print_row ("  the same, process CPU", edit_cpu, EDITS, "");
  print_row ("  statistics of the edited series, wall", stats_ms, EDITS, "");

  /* The figure alone, rasterized by cairo as the widget's node is */
  for (guint i = 0; i < EDITS; i++)
    {
      g_autofree char *spec = g_strdup_printf ("cosine-wave(period=%u)", 10 + i % 7);
      g_autoptr(AnnealSchedule) s = parse (spec);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                             (int) width, (int) height);
      cairo_t *cr = cairo_create (surface);
      double t0;

      t0 = wall_ms ();
      anneal_chart_set_series_schedule (chart, 0, s);
      anneal_chart_draw (chart, cr, width, height);
      cairo_surface_flush (surface);
      draw_ms[i] = wall_ms () - t0;
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  print_row ("  the figure drawn into an image, wall", draw_ms, EDITS, "");

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
