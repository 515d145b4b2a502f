/* bench-bare-window.c — the reference for bench-startup: a bare libadwaita window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwApplication (the same flags as Anneal's) whose window holds a header bar
 * and a drawing area, 1280×800 as Anneal opens. At the drawing area's first draw
 * it prints "first-frame" (as `anneal` does with ANNEAL_BENCH_FIRST_FRAME) and the
 * CPU time spent so far, and quits from an idle. What any libadwaita app pays
 * before its first frame.
 */

#include "config.h"

#include <adwaita.h>
#include <sys/resource.h>

/* The frame is drawn once GSK has rendered it: after its paint phase */
static void
painted (GdkFrameClock *clock,
         gpointer       app)
{
  struct rusage usage;

  g_signal_handlers_disconnect_by_func (clock, painted, app);
  g_print ("first-frame\n");
  getrusage (RUSAGE_SELF, &usage);
  g_print ("cpu-ms: %.1f\n", (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
                              (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3);
  g_idle_add_once ((GSourceOnceFunc) g_application_quit, app);
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        app)
{
  static gboolean done;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (done)
    return;
  done = TRUE;
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (area)), "after-paint",
                    G_CALLBACK (painted), app);
}

static void
activate (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_widget_set_vexpand (area, TRUE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw, app, NULL);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), area);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.annealapp.BenchBareWindow",
                                                       G_APPLICATION_HANDLES_OPEN);

  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
