/* test-chart.c — the chart model, its drawing (pixels) and the envelope of long schedules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "anneal-chart-private.h"

#define W 640
#define H 400

static AnnealSchedule *
parse (const char *spec)
{
  g_autoptr(GError) error = NULL;
  AnnealSchedule *s = anneal_schedule_parse (spec, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (s);
  return s;
}

static guint
add (AnnealChart *chart,
     const char  *spec)
{
  g_autoptr(AnnealSchedule) s = parse (spec);

  return anneal_chart_add_series (chart, s, spec);
}

/* Rendering into an image surface ---------------------------------------- */

typedef struct
{
  cairo_surface_t *surface;
  double           scale;
  int              width;   /* device pixels */
  int              height;
  guint32          background;
} Image;

static Image
render (AnnealChart *chart,
        double       scale)
{
  Image img;
  cairo_t *cr;

  img.scale = scale;
  img.width = (int) ceil (W * scale);
  img.height = (int) ceil (H * scale);
  img.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, img.width, img.height);
  cr = cairo_create (img.surface);
  cairo_scale (cr, scale, scale);
  anneal_chart_draw (chart, cr, W, H);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (img.surface);
  img.background = ((const guint32 *) cairo_image_surface_get_data (img.surface))[0] & 0xFFFFFF;
  return img;
}

static guint32
pixel (const Image *img,
       int          x,
       int          y)
{
  const guint8 *data = cairo_image_surface_get_data (img->surface);
  int stride = cairo_image_surface_get_stride (img->surface);

  g_assert_true (x >= 0 && y >= 0 && x < img->width && y < img->height);
  return ((const guint32 *) (data + (gsize) y * stride))[x] & 0xFFFFFF;
}

/* Is @p the colour @rgb laid over @bg with a coverage of at least 0.6
 * (antialiased edges of a line)? */
static gboolean
color_over (guint32 p,
            guint32 rgb,
            guint32 bg)
{
  double a_min = 1, a_max = 0;

  for (int shift = 0; shift <= 16; shift += 8)
    {
      double c = (p >> shift) & 0xFF, f = (rgb >> shift) & 0xFF, b = (bg >> shift) & 0xFF;
      double a;

      if (fabs (f - b) < 48)
        {
          if (fabs (c - f) > 24)
            return FALSE;
          continue;
        }
      a = (c - b) / (f - b);
      a_min = MIN (a_min, a);
      a_max = MAX (a_max, a);
    }
  return a_min >= 0.6 && a_max <= 1.1 && a_max - a_min < 0.15;
}

/* Is @rgb within @radius logical px of the logical point (x, y)? */
static gboolean
find_color (const Image *img,
            double       x,
            double       y,
            double       radius,
            guint32      rgb)
{
  int cx = (int) floor (x * img->scale), cy = (int) floor (y * img->scale);
  int r = (int) ceil (radius * img->scale);

  for (int dy = -r; dy <= r; dy++)
    for (int dx = -r; dx <= r; dx++)
      {
        int px = cx + dx, py = cy + dy;

        if (px < 0 || py < 0 || px >= img->width || py >= img->height)
          continue;
        if (color_over (pixel (img, px, py), rgb, img->background))
          return TRUE;
      }
  return FALSE;
}

static void
assert_curve_drawn (AnnealChart *chart,
                    const Image *img,
                    guint        index,
                    const gint64 *epochs,
                    guint        n)
{
  AnnealSchedule *s = anneal_chart_get_series_schedule (chart, index);
  guint32 rgb = anneal_chart_get_series_color (chart, index);

  for (guint i = 0; i < n; i++)
    {
      double x, y;

      anneal_chart_data_to_pixel (chart, W, H, (double) epochs[i],
                                  anneal_schedule_value (s, epochs[i]), &x, &y);
      if (!find_color (img, x, y, 2.5, rgb))
        g_error ("series %u (#%06X) not drawn at epoch %" G_GINT64_FORMAT " (%g, %g)",
                 index, rgb, epochs[i], x, y);
    }
}

/* Model ------------------------------------------------------------------ */

static void
count_changed (AnnealChart *chart,
               guint       *count)
{
  (*count)++;
}

static void
test_model_series (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  guint changed = 0;
  guint32 colors[8];

  g_signal_connect (chart, "changed", G_CALLBACK (count_changed), &changed);

  for (guint i = 0; i < 8; i++)
    {
      g_assert_cmpuint (add (chart, "cosine-wave()"), ==, i);
      colors[i] = anneal_chart_get_series_color (chart, i);
      for (guint k = 0; k < i; k++)
        g_assert_cmpuint (colors[k], !=, colors[i]);
      g_assert_cmpuint (anneal_chart_get_series_dash (chart, i), ==,
                        i % anneal_chart_get_n_dashes ());
    }
  g_assert_cmpuint (changed, ==, 8);
  g_assert_cmpuint (colors[0], ==, anneal_chart_palette_color (0));
  g_assert_cmpuint (anneal_chart_palette_color (0), ==, 0x0072B2);

  /* A removed series' colour is the next one handed out */
  anneal_chart_remove_series (chart, 2);
  g_assert_cmpuint (anneal_chart_get_n_series (chart), ==, 7);
  add (chart, "hold-decay()");
  g_assert_cmpuint (anneal_chart_get_series_color (chart, 7), ==, colors[2]);
  g_assert_cmpstr (anneal_chart_get_series_label (chart, 7), ==, "hold-decay()");

  anneal_chart_move_series (chart, 7, 0);
  g_assert_cmpstr (anneal_chart_get_series_label (chart, 0), ==, "hold-decay()");
  g_assert_cmpuint (anneal_chart_get_series_color (chart, 0), ==, colors[2]);

  anneal_chart_set_series_visible (chart, 0, FALSE);
  g_assert_false (anneal_chart_get_series_visible (chart, 0));
  anneal_chart_set_series_label (chart, 1, "first");
  g_assert_cmpstr (anneal_chart_get_series_label (chart, 1), ==, "first");

  changed = 0;
  anneal_chart_clear (chart);
  g_assert_cmpuint (anneal_chart_get_n_series (chart), ==, 0);
  g_assert_cmpuint (changed, ==, 1);
}

static void
test_model_view (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  double a, b, lo, hi, epoch, value, x, y;

  add (chart, "hold-decay()");
  anneal_chart_set_epochs (chart, 100);
  g_assert_cmpint (anneal_chart_get_epochs (chart), ==, 100);
  g_assert_false (anneal_chart_has_view (chart));
  anneal_chart_get_view (chart, &a, &b, &lo, &hi);
  g_assert_cmpfloat (a, ==, 0);
  g_assert_cmpfloat (b, ==, 99);
  g_assert_cmpfloat (lo, <, 0.0001);
  g_assert_cmpfloat (hi, >, 0.1);

  anneal_chart_set_view (chart, 10, 20, 0.01, 0.05);
  g_assert_true (anneal_chart_has_view (chart));
  anneal_chart_get_view (chart, &a, &b, &lo, &hi);
  g_assert_cmpfloat (a, ==, 10);
  g_assert_cmpfloat (b, ==, 20);
  g_assert_cmpfloat (lo, ==, 0.01);
  g_assert_cmpfloat (hi, ==, 0.05);

  /* pixel ↔ data are inverse, and the view's corners are the plot's */
  {
    cairo_rectangle_t area;

    anneal_chart_get_plot_area (chart, W, H, &area);
    g_assert_cmpfloat (area.width, >, W / 2);
    g_assert_cmpfloat (area.height, >, H / 2);
    anneal_chart_data_to_pixel (chart, W, H, 10, 0.05, &x, &y);
    g_assert_cmpfloat_with_epsilon (x, area.x, 1e-9);
    g_assert_cmpfloat_with_epsilon (y, area.y, 1e-9);
    anneal_chart_data_to_pixel (chart, W, H, 20, 0.01, &x, &y);
    g_assert_cmpfloat_with_epsilon (x, area.x + area.width, 1e-9);
    g_assert_cmpfloat_with_epsilon (y, area.y + area.height, 1e-9);
  }
  anneal_chart_data_to_pixel (chart, W, H, 13.5, 0.02, &x, &y);
  g_assert_true (anneal_chart_pixel_to_data (chart, W, H, x, y, &epoch, &value));
  g_assert_cmpfloat_with_epsilon (epoch, 13.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (value, 0.02, 1e-12);
  g_assert_false (anneal_chart_pixel_to_data (chart, W, H, 1, 1, NULL, NULL));

  anneal_chart_set_log_y (chart, TRUE);
  anneal_chart_reset_view (chart);
  g_assert_false (anneal_chart_has_view (chart));
  anneal_chart_data_to_pixel (chart, W, H, 42, 0.003, &x, &y);
  g_assert_true (anneal_chart_pixel_to_data (chart, W, H, x, y, &epoch, &value));
  g_assert_cmpfloat_with_epsilon (epoch, 42, 1e-9);
  g_assert_cmpfloat_with_epsilon (value, 0.003, 1e-12);
}

/* Pixels ----------------------------------------------------------------- */

static void
test_draw_series_colors (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  static const gint64 epochs[] = { 3, 12, 17, 25, 33 };  /* where the curves are apart */

  add (chart, "cosine-wave()");
  add (chart, "damped-cosine-wave()");
  add (chart, "hold-decay()");
  anneal_chart_set_legend (chart, ANNEAL_CHART_LEGEND_NONE);

  for (double scale = 1; scale <= 2; scale++)
    {
      Image img = render (chart, scale);

      for (guint i = 0; i < 3; i++)
        assert_curve_drawn (chart, &img, i, epochs, G_N_ELEMENTS (epochs));

      /* Background is white in the light theme */
      g_assert_cmphex (pixel (&img, 1, 1), ==, 0xFFFFFF);
      cairo_surface_destroy (img.surface);
    }

  /* A hidden series is not drawn */
  anneal_chart_set_series_visible (chart, 0, FALSE);
  {
    Image img = render (chart, 1);
    double x, y;

    anneal_chart_data_to_pixel (chart, W, H, 18,
                                anneal_schedule_value (anneal_chart_get_series_schedule (chart, 0),
                                                       18), &x, &y);
    g_assert_false (find_color (&img, x, y, 3, anneal_chart_get_series_color (chart, 0)));
    cairo_surface_destroy (img.surface);
  }
}

static void
test_draw_dark_theme (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  static const gint64 epochs[] = { 0, 5, 9, 14, 27, 40 };
  Image img;

  add (chart, "exp-cycles()");
  add (chart, "damped-exp-cycles()");
  anneal_chart_set_theme (chart, ANNEAL_CHART_THEME_DARK);
  anneal_chart_set_legend (chart, ANNEAL_CHART_LEGEND_NONE);
  img = render (chart, 1);
  for (guint i = 0; i < 2; i++)
    assert_curve_drawn (chart, &img, i, epochs, G_N_ELEMENTS (epochs));
  /* dark background */
  g_assert_true (((pixel (&img, 1, 1) >> 8) & 0xFF) < 0x40);
  cairo_surface_destroy (img.surface);

  /* transparent: nothing painted in the corner */
  anneal_chart_set_theme (chart, ANNEAL_CHART_THEME_TRANSPARENT);
  img = render (chart, 1);
  g_assert_cmphex (((const guint32 *) cairo_image_surface_get_data (img.surface))[0], ==, 0);
  cairo_surface_destroy (img.surface);
}

/* Dark pixels in a row segment */
static int
count_dark (const Image *img,
            int          y,
            int          x0,
            int          x1)
{
  int n = 0;

  for (int x = x0; x <= x1; x++)
    {
      guint32 p = pixel (img, x, y);

      if (((p >> 16) & 0xFF) < 170 && ((p >> 8) & 0xFF) < 170 && (p & 0xFF) < 170)
        n++;
    }
  return n;
}

static void
test_draw_log_decade_ticks (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  cairo_rectangle_t area;
  Image img;
  int axis_x = -1, mid;

  add (chart, "exponential(lr=0.1, gamma=0.8)");  /* 0.1 … 1.8e-6 over 50 epochs */
  anneal_chart_set_log_y (chart, TRUE);
  anneal_chart_set_legend (chart, ANNEAL_CHART_LEGEND_NONE);
  anneal_chart_get_plot_area (chart, W, H, &area);
  img = render (chart, 1);

  /* The y axis: the first dark column left of the plot area */
  mid = (int) (area.y + area.height / 2);
  for (int x = (int) area.x - 1; x > 0; x--)
    if (count_dark (&img, mid, x, x) == 1)
      {
        axis_x = x;
        break;
      }
  g_assert_cmpint (axis_x, >, 0);

  for (int k = -5; k <= -1; k++)
    {
      double x, y;
      int yi;

      anneal_chart_data_to_pixel (chart, W, H, 0, pow (10.0, k), &x, &y);
      g_assert_cmpfloat (y, >=, area.y);
      g_assert_cmpfloat (y, <=, area.y + area.height);
      yi = (int) floor (y);
      /* A major tick mark sticks out left of the axis at the decade (minor
       * ticks are shorter) … */
      g_assert_cmpint (count_dark (&img, yi, axis_x - 3, axis_x - 3), ==, 1);
      /* … and not a few pixels away from it */
      g_assert_cmpint (count_dark (&img, yi + 4, axis_x - 3, axis_x - 3), ==, 0);
      g_assert_cmpint (count_dark (&img, yi - 4, axis_x - 3, axis_x - 3), ==, 0);
    }

  /* Decades are evenly spaced on a log axis */
  {
    double y1, y2, y3;

    anneal_chart_data_to_pixel (chart, W, H, 0, 1e-4, NULL, &y1);
    anneal_chart_data_to_pixel (chart, W, H, 0, 1e-3, NULL, &y2);
    anneal_chart_data_to_pixel (chart, W, H, 0, 1e-2, NULL, &y3);
    g_assert_cmpfloat_with_epsilon (y1 - y2, y2 - y3, 1e-9);
  }
  cairo_surface_destroy (img.surface);
}

/* With curves that leave the view on every side, the pixels outside the plot
 * area (and half a line width around it) are those of the same chart without
 * curves: nothing is drawn outside the plot area but the axes and labels. */
static void
test_draw_clipped_to_plot (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  cairo_rectangle_t area;
  Image with, without;
  double bleed = 4;

  add (chart, "cosine-wave(lr_start=1, lr_end=0, period=7)");
  add (chart, "sgdr(lr=2, t_0=5)");
  add (chart, "step(lr=1, step_size=4, gamma=0.5)");
  anneal_chart_set_legend (chart, ANNEAL_CHART_LEGEND_NONE);
  anneal_chart_set_epochs (chart, 200);
  anneal_chart_set_view (chart, 20.5, 60.25, 0.2, 0.6);
  anneal_chart_get_plot_area (chart, W, H, &area);

  with = render (chart, 1);
  anneal_chart_set_series_visible (chart, 0, FALSE);
  anneal_chart_set_series_visible (chart, 1, FALSE);
  anneal_chart_set_series_visible (chart, 2, FALSE);
  without = render (chart, 1);

  {
    guint inside_differences = 0;

    for (int y = 0; y < H; y++)
      for (int x = 0; x < W; x++)
        {
          gboolean inside = x >= area.x - bleed && x < area.x + area.width + bleed &&
                            y >= area.y - bleed && y < area.y + area.height + bleed;

          if (inside)
            inside_differences += pixel (&with, x, y) != pixel (&without, x, y);
          else if (pixel (&with, x, y) != pixel (&without, x, y))
            g_error ("pixel (%d, %d) outside the plot area differs", x, y);
        }
    /* and the curves are there inside */
    g_assert_cmpuint (inside_differences, >, 1000);
  }
  cairo_surface_destroy (with.surface);
  cairo_surface_destroy (without.surface);
}

/* A billion epochs: the envelope, with the restarts of every cycle visible as
 * the full band from the top to the floor in every column. */
static void
test_draw_billion_epochs (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  cairo_rectangle_t area;
  Image img;
  guint32 rgb;
  double y_top, y_floor;

  add (chart, "sgdr(lr=0.1, t_0=1000, eta_min=0.01)");
  anneal_chart_set_epochs (chart, 1000000000);
  anneal_chart_set_legend (chart, ANNEAL_CHART_LEGEND_NONE);
  anneal_chart_set_series_dash (chart, 0, 0);
  anneal_chart_get_plot_area (chart, W, H, &area);
  rgb = anneal_chart_get_series_color (chart, 0);
  img = render (chart, 1);

  anneal_chart_data_to_pixel (chart, W, H, 0, 0.1, NULL, &y_top);
  anneal_chart_data_to_pixel (chart, W, H, 0, 0.01, NULL, &y_floor);
  for (int x = (int) area.x + 2; x < area.x + area.width - 2; x += 7)
    {
      g_assert_true (find_color (&img, x + 0.5, y_top, 1.5, rgb));
      g_assert_true (find_color (&img, x + 0.5, (y_top + y_floor) / 2, 1.5, rgb));
      g_assert_true (find_color (&img, x + 0.5, y_floor, 1.5, rgb));
    }
  cairo_surface_destroy (img.surface);

  /* The longest schedules Anneal accepts draw too, without a per-epoch array */
  anneal_chart_set_epochs (chart, ANNEAL_EPOCH_MAX);
  img = render (chart, 2);
  g_assert_true (find_color (&img, area.x + area.width / 2, y_top, 1.5, rgb));
  cairo_surface_destroy (img.surface);
}

/* A 4000-epoch step schedule: the jumps are drawn as vertical lines at the right x */
static void
test_draw_jumps_visible (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  Image img;
  guint32 rgb;

  add (chart, "multistep(lr=0.1, milestones=[1000, 3000], gamma=0.1)");
  anneal_chart_set_epochs (chart, 4000);
  anneal_chart_set_legend (chart, ANNEAL_CHART_LEGEND_NONE);
  rgb = anneal_chart_get_series_color (chart, 0);
  img = render (chart, 1);

  for (double v = 0.02; v < 0.09; v += 0.01)
    {
      double x, y;

      anneal_chart_data_to_pixel (chart, W, H, 1000, v, &x, &y);
      g_assert_true (find_color (&img, x, y, 1.5, rgb));
    }
  cairo_surface_destroy (img.surface);
}

static void
test_draw_legend_auto (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  cairo_rectangle_t area;
  Image img;
  int left_text = 0, right_text = 0;

  /* hold-decay fills the top left and the bottom right stays free, with a
   * falling curve only the top right and bottom left are candidates */
  add (chart, "hold-decay(hold=25, rate=0.3)");
  anneal_chart_get_plot_area (chart, W, H, &area);
  img = render (chart, 1);

  /* The legend draws its label in dark ink: look for text in the plot's corners */
  for (int y = (int) area.y; y < area.y + area.height; y++)
    {
      left_text += count_dark (&img, y, (int) area.x + 1, (int) (area.x + area.width / 3));
      right_text += count_dark (&img, y, (int) (area.x + area.width * 2 / 3),
                                (int) (area.x + area.width - 1));
    }
  g_assert_cmpint (right_text, >, 20);
  g_assert_cmpint (left_text, ==, 0);
  cairo_surface_destroy (img.surface);
}

/* Envelope --------------------------------------------------------------- */

static void
check_envelope (const char *spec,
                gint64      n_epochs,
                double      view_first,
                double      view_last,
                double      x0,
                double      x1)
{
  g_autoptr(AnnealSchedule) s = parse (spec);
  guint n = anneal_chart_envelope_n_columns (x0, x1);
  g_autofree AnnealChartColumn *cols = g_new0 (AnnealChartColumn, n);
  gint64 first = MAX (0, (gint64) ceil (view_first));
  gint64 last = MIN (n_epochs - 1, (gint64) floor (view_last));
  gint64 next = first;

  g_assert_cmpuint (n, ==, (guint) (floor (x1) - floor (x0)) + 1);
  g_assert_cmpuint (anneal_chart_envelope (s, first, last, view_first, view_last, x0, x1,
                                           cols, n), ==, n);

  for (guint i = 0; i < n; i++)
    {
      double col = floor (x0) + i, mn = INFINITY, mx = -INFINITY;

      if (cols[i].first > cols[i].last)
        continue;
      /* Columns follow one another without a gap or an overlap */
      g_assert_cmpint (cols[i].first, ==, next);
      next = cols[i].last + 1;

      for (gint64 t = cols[i].first; t <= cols[i].last; t++)
        {
          double v = anneal_schedule_value (s, t);
          double x = x0 + (t - view_first) / (view_last - view_first) * (x1 - x0);

          /* every epoch falls in its own column */
          g_assert_cmpfloat (x, >=, col - 1e-6);
          g_assert_cmpfloat (x, <, col + 1 + 1e-6);
          mn = MIN (mn, v);
          mx = MAX (mx, v);
        }
      if (cols[i].min != mn || cols[i].max != mx)
        g_error ("%s: column %u (epochs %" G_GINT64_FORMAT "…%" G_GINT64_FORMAT "): "
                 "envelope %.17g…%.17g, brute force %.17g…%.17g",
                 spec, i, cols[i].first, cols[i].last, cols[i].min, cols[i].max, mn, mx);
      g_assert_true (cols[i].v_first == anneal_schedule_value (s, cols[i].first));
      g_assert_true (cols[i].v_last == anneal_schedule_value (s, cols[i].last));
    }
  /* and all of the epochs are covered */
  g_assert_cmpint (next, ==, last + 1);
}

static void
test_envelope_brute_force (void)
{
  static const char *specs[] = {
    "sgdr(lr=0.1, t_0=7, t_mult=2, eta_min=0.001)",
    "sgdr(lr=0.1, t_0=13, decay=0.7)",
    "step(lr=0.1, step_size=3, gamma=0.5)",
    "multistep(lr=0.1, milestones=[5, 77, 78, 2000], gamma=0.3)",
    "exp-cycles(epochs=1000, cycles=37)",
    "damped-exp-cycles(epochs=5000, cycles=9)",
    "cosine-wave(period=11)",
    "damped-cosine-wave(period=23)",
    "hold-decay()",
    "onecycle(total_steps=3000)",
    "cyclic(step_size_up=17, step_size_down=41, mode=triangular2)",
    "linear(lr=0.1, start_factor=0.01, total_iters=50, for=50) -> cosine(lr=0.1, t_max=4000)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      /* Many epochs per column, with fractional edges */
      check_envelope (specs[i], 5000, 0, 4999, 10.3, 327.9);
      /* A zoomed view between epochs */
      check_envelope (specs[i], 5000, 120.4, 3001.7, 0, 255);
      /* Fewer epochs than columns: some columns hold none */
      check_envelope (specs[i], 5000, 3, 180, 0.5, 400.5);
      /* Device scale 2: half-pixel columns of a 1× layout */
      check_envelope (specs[i], 5000, 0, 4999, 2 * 53.0, 2 * 621.0);
    }
}

static void
test_envelope_billion (void)
{
  g_autoptr(AnnealSchedule) s = parse ("sgdr(lr=0.1, t_0=1000, eta_min=0.01)");
  AnnealChartColumn cols[1921];
  guint n;

  /* The last epoch lies exactly at x = 1920: in the 1921st column */
  g_assert_cmpuint (anneal_chart_envelope_n_columns (0, 1920), ==, 1921);
  n = anneal_chart_envelope (s, 0, 999999999, 0, 999999999, 0, 1920, cols, 1921);
  g_assert_cmpuint (n, ==, 1921);
  for (guint i = 0; i < n - 1; i++)
    {
      /* Each column holds about 520 000 epochs: many restarts, the full range */
      g_assert_cmpint (cols[i].last - cols[i].first, >, 500000);
      g_assert_cmpfloat (cols[i].max, ==, 0.1);
      g_assert_cmpfloat_with_epsilon (cols[i].min, 0.01, 1e-6);
      if (i > 0)
        g_assert_cmpint (cols[i].first, ==, cols[i - 1].last + 1);
    }
  g_assert_cmpint (cols[0].first, ==, 0);
  g_assert_cmpint (cols[n - 1].first, ==, 999999999);
  g_assert_cmpint (cols[n - 1].last, ==, 999999999);
  g_assert_cmpint (cols[n - 2].last, ==, 999999998);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anneal/chart/model/series", test_model_series);
  g_test_add_func ("/anneal/chart/model/view", test_model_view);
  g_test_add_func ("/anneal/chart/draw/series-colors", test_draw_series_colors);
  g_test_add_func ("/anneal/chart/draw/themes", test_draw_dark_theme);
  g_test_add_func ("/anneal/chart/draw/log-decade-ticks", test_draw_log_decade_ticks);
  g_test_add_func ("/anneal/chart/draw/clipped-to-plot", test_draw_clipped_to_plot);
  g_test_add_func ("/anneal/chart/draw/billion-epochs", test_draw_billion_epochs);
  g_test_add_func ("/anneal/chart/draw/jumps-visible", test_draw_jumps_visible);
  g_test_add_func ("/anneal/chart/draw/legend-auto", test_draw_legend_auto);
  g_test_add_func ("/anneal/chart/envelope/brute-force", test_envelope_brute_force);
  g_test_add_func ("/anneal/chart/envelope/billion", test_envelope_billion);

  return g_test_run ();
}
