/* test-chart.c — the chart model, its drawing (pixels) and the envelope of long schedules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "anneal-chart-private.h"
#include "anneal-text.h"

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

/* Issue 13: the long dash is dashed on the curve as in the legend, with gaps a
 * user sees; the palette's black is drawn in the dark theme's ink. Every other
 * style too (butt caps: a dot is a square of the line width) shows its gaps:
 * stretches where the ink covers less than 0.6 of a pixel, at least one per
 * period (14 line widths at most), and the dotted style dots. */
static void
test_draw_long_dash (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  cairo_rectangle_t area;
  double x0, y;

  add (chart, "constant(lr=0.05)");
  anneal_chart_set_series_color (chart, 0, 0x000000);
  anneal_chart_set_legend (chart, ANNEAL_CHART_LEGEND_NONE);
  anneal_chart_set_grid (chart, FALSE);
  anneal_chart_get_plot_area (chart, W, H, &area);
  anneal_chart_data_to_pixel (chart, W, H, 0, 0.05, &x0, &y);

  for (guint dash = 0; dash < anneal_chart_get_n_dashes (); dash++)
    for (AnnealChartTheme theme = ANNEAL_CHART_THEME_LIGHT; theme <= ANNEAL_CHART_THEME_DARK;
         theme++)
      {
        guint32 ink = anneal_chart_theme_ink (0x000000, theme);
        guint gaps = 0, light = 0, run = 0, inked = 0;
        gboolean in_gap = FALSE;
        Image img;

        anneal_chart_set_series_dash (chart, 0, dash);
        anneal_chart_set_theme (chart, theme);
        img = render (chart, 1);
        for (int x = (int) area.x + 4; x < area.x + area.width - 4; x++)
          {
            guint32 p = pixel (&img, x, (int) floor (y));

            if (color_over (p, ink, img.background))
              {
                inked++;
                if (run >= 2)
                  gaps++;
                run = 0;
                in_gap = FALSE;
              }
            else
              {
                if (!in_gap)
                  light++;
                in_gap = TRUE;
                if (p == img.background)
                  run++;
              }
          }
        cairo_surface_destroy (img.surface);

        g_assert_cmpuint (inked, >, area.width / (dash == 0 || dash == 4 ? 2 : 4));
        if (dash == 0)
          g_assert_cmpuint (light, ==, 0);
        else
          g_assert_cmpuint (light, >=, (guint) (area.width / 40));
        if (dash == 2)  /* dots, one every 8 px at least */
          g_assert_cmpuint (light, >=, (guint) (area.width / 8));
        if (dash == 4)  /* a gap of 2 px or more at least every 40 px */
          g_assert_cmpuint (gaps, >=, (guint) (area.width / 40));
      }
  g_assert_cmphex (anneal_chart_theme_ink (0x000000, ANNEAL_CHART_THEME_DARK), ==, 0xEBEBEB);
  g_assert_cmphex (anneal_chart_theme_ink (0x0072B2, ANNEAL_CHART_THEME_DARK), ==, 0x0072B2);
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

/* The axis holds what the curves show. With more than 8 series a range's scan is
 * bounded and looks at a stretch's ends only, and PyTorch's cosine drifts past t_max,
 * unevenly: over 10^15 epochs each pixel column, looking at its own ends, found crests
 * up to 0.145 while the axis stopped at 0.12, and the curves were cut there. Drawn at
 * once and deferred (the work run as a worker would), every column's extremes lie
 * within the axis. */
static void
test_envelope_fits_axis (void)
{
  for (guint deferred = 0; deferred < 2; deferred++)
    {
      g_autoptr(AnnealChart) chart = anneal_chart_new ();
      const AnnealChartLayout *l;
      guint rounds = 0;

      add (chart, "cosine()");
      add (chart, "cosine(t_max=3, eta_min=0.001)");
      /* more than 8 series: each range's scan is bounded, and looks at the ends only */
      for (guint t_max = 5; t_max < 19; t_max++)
        {
          g_autofree char *spec = g_strdup_printf ("cosine(t_max=%u)", t_max);

          add (chart, spec);
        }
      anneal_chart_set_epochs (chart, ANNEAL_EPOCH_MAX);
      anneal_chart_set_deferred (chart, deferred);
      for (;; rounds++)
        {
          Image img = render (chart, 1);
          g_autoptr(AnnealChartWork) work = anneal_chart_take_work (chart);

          cairo_surface_destroy (img.surface);
          if (work == NULL)
            break;
          g_assert_cmpuint (rounds, <, 20);
          g_assert_true (anneal_chart_work_run (work, NULL));
          g_assert_true (anneal_chart_install_work (chart, work));
        }
      l = anneal_chart_get_layout (chart, W, H);
      for (guint i = 0; i < anneal_chart_get_n_series (chart); i++)
        {
          AnnealChartSeries *s = anneal_chart_get_series (chart, i);
          double hi = -INFINITY;

          g_assert_nonnull (s->envelope.columns);
          for (guint k = 0; k < s->envelope.n_columns; k++)
            {
              const AnnealChartColumn *c = &s->envelope.columns[k];

              if (c->first > c->last)
                continue;
              g_assert_cmpfloat (c->min, >=, l->y_lo);
              g_assert_cmpfloat (c->max, <=, l->y_hi);
              hi = MAX (hi, c->max);
            }
          g_test_message ("series %u: highest column %.6g, axis up to %.6g", i, hi, l->y_hi);
          if (i < 2)
            g_assert_cmpfloat (hi, >, 0.12);  /* the drift the range alone did not see */
        }
    }
}

static gboolean
same_pixels (const Image *a,
             const Image *b)
{
  gsize n = (gsize) cairo_image_surface_get_stride (a->surface) * a->height;

  return a->width == b->width && a->height == b->height &&
         memcmp (cairo_image_surface_get_data (a->surface),
                 cairo_image_surface_get_data (b->surface), n) == 0;
}

/* A deferred chart leaves the ranges and envelopes over a long run to its work: the
 * first figure leaves those series out, the work (run here as a worker would) is kept
 * for the next draw, and once nothing is deferred the figure is the one drawn whole
 * at once. A result whose series changed since is dropped; cancelled work keeps what
 * it computed; a copy, and a short run, are never deferred. */
static void
test_deferred_work (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  g_autoptr(AnnealChart) whole = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autoptr(AnnealSchedule) other = parse ("exponential(gamma=0.99)");
  Image first, img, reference;
  guint rounds = 0;

  add (chart, "sgdr(lr=0.1, t_0=1000, eta_min=0.01)");
  add (chart, "cosine-wave(period=77)");
  anneal_chart_set_epochs (chart, 10000000);
  anneal_chart_set_deferred (chart, TRUE);
  g_assert_true (anneal_chart_get_deferred (chart));
  whole = anneal_chart_copy (chart);
  g_assert_false (anneal_chart_get_deferred (whole));
  reference = render (whole, 1);
  g_assert_null (anneal_chart_take_work (whole));

  first = render (chart, 1);
  g_assert_true (anneal_chart_has_work (chart));
  g_assert_false (same_pixels (&first, &reference));

  /* cancelled before it began: nothing computed, nothing kept, asked for again */
  {
    g_autoptr(AnnealChartWork) work = anneal_chart_take_work (chart);

    g_assert_false (anneal_chart_has_work (chart));
    g_cancellable_cancel (cancelled);
    g_assert_false (anneal_chart_work_run (work, cancelled));
    g_assert_false (anneal_chart_install_work (chart, work));
  }
  /* the range that left them out was not kept: they are noted again */
  img = render (chart, 1);
  g_assert_true (anneal_chart_has_work (chart));
  cairo_surface_destroy (img.surface);

  /* a series changed between the draw and the install: its result is dropped */
  {
    g_autoptr(AnnealChartWork) work = anneal_chart_take_work (chart);
    g_autoptr(AnnealSchedule) was = anneal_schedule_ref (anneal_chart_get_series_schedule (chart, 1));

    g_assert_true (anneal_chart_work_run (work, NULL));
    anneal_chart_set_series_schedule (chart, 1, other);
    g_assert_true (anneal_chart_install_work (chart, work));  /* series 0's */
    img = render (chart, 1);
    g_assert_true (anneal_chart_has_work (chart));  /* series 1's, asked for again */
    cairo_surface_destroy (img.surface);
    anneal_chart_set_series_schedule (chart, 1, was);
  }

  for (;;)
    {
      g_autoptr(AnnealChartWork) work = NULL;

      img = render (chart, 1);
      work = anneal_chart_take_work (chart);
      if (work == NULL)
        break;
      cairo_surface_destroy (img.surface);
      if (rounds % 2 == 0)
        {
          g_assert_true (anneal_chart_work_run (work, NULL));
          g_assert_true (anneal_chart_install_work (chart, work));
        }
      else
        {
          /* dealt into parts (threads), each kept as it is done */
          g_autoptr(GPtrArray) parts = anneal_chart_work_split (work, 3);

          g_assert_cmpuint (parts->len, >=, 1);
          g_assert_cmpuint (parts->len, <=, 3);
          g_assert_false (anneal_chart_install_work (chart, work));  /* left empty */
          for (guint k = 0; k < parts->len; k++)
            {
              g_assert_true (anneal_chart_work_run (g_ptr_array_index (parts, k), NULL));
              g_assert_true (anneal_chart_install_work (chart, g_ptr_array_index (parts, k)));
            }
        }
      /* the ranges, then the envelopes of the layout they give */
      g_assert_cmpuint (++rounds, <, 4);
    }
  g_assert_cmpuint (rounds, >=, 2);  /* both ways */
  g_assert_true (same_pixels (&img, &reference));
  cairo_surface_destroy (img.surface);

  /* kept: drawn again, nothing deferred */
  img = render (chart, 1);
  g_assert_false (anneal_chart_has_work (chart));
  g_assert_true (same_pixels (&img, &reference));
  cairo_surface_destroy (img.surface);

  /* a short run is drawn on the spot */
  anneal_chart_set_epochs (chart, 65536);
  img = render (chart, 1);
  g_assert_false (anneal_chart_has_work (chart));
  cairo_surface_destroy (img.surface);

  cairo_surface_destroy (first.surface);
  cairo_surface_destroy (reference.surface);
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

/* Cached layout ---------------------------------------------------------- */

/* Each step changes the model; the chart that kept its layout from before must
 * answer as a new chart built with the same steps. */
static void
apply_step (AnnealChart *chart,
            guint        step)
{
  g_autoptr(AnnealSchedule) s = NULL;

  switch (step)
    {
    case 0:
      add (chart, "hold-decay()");
      add (chart, "cosine-wave()");
      break;
    case 1:
      s = parse ("cosine-wave(lr_start=0.5)");
      anneal_chart_set_series_schedule (chart, 1, s);
      break;
    case 2:
      anneal_chart_set_title (chart, "A title\nof two lines");
      break;
    case 3:
      anneal_chart_set_epochs (chart, 400);
      break;
    case 4:
      anneal_chart_set_view (chart, 10, 90, 0.01, 0.3);
      break;
    case 5:
      anneal_chart_set_log_y (chart, TRUE);
      break;
    case 6:
      anneal_chart_reset_view (chart);
      break;
    case 7:
      anneal_chart_set_series_visible (chart, 1, FALSE);
      break;
    case 8:
      anneal_chart_set_series_label (chart, 0, "a much longer label than before");
      anneal_chart_set_legend (chart, ANNEAL_CHART_LEGEND_BOTTOM_LEFT);
      break;
    case 9:
      anneal_chart_set_y_label (chart, "");
      anneal_chart_set_x_label (chart, "step");
      break;
    case 10:
      add (chart, "exponential(lr=2)");
      break;
    case 11:
      anneal_chart_move_series (chart, 2, 0);
      anneal_chart_remove_series (chart, 1);
      break;
    default:
      g_assert_not_reached ();
    }
}

#define N_STEPS 12

typedef struct
{
  cairo_rectangle_t area;
  double            x[3], y[3];
  double            epoch, value;
  double            view[4];
  double            legend_w;     /* the legend: its width and place */
  AnnealChartLegend legend_where;
} Geometry;

static void
geometry (AnnealChart *chart,
          double       width,
          double       height,
          Geometry    *g)
{
  static const double values[] = { 0.003, 0.05, 0.2 };

  anneal_chart_get_plot_area (chart, width, height, &g->area);
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    anneal_chart_data_to_pixel (chart, width, height, 7.0 * i, values[i], &g->x[i], &g->y[i]);
  anneal_chart_pixel_to_data (chart, width, height, width / 2, height / 2, &g->epoch, &g->value);
  anneal_chart_get_view (chart, &g->view[0], &g->view[1], &g->view[2], &g->view[3]);
  g->legend_w = anneal_chart_get_layout (chart, width, height)->legend.w;
  g->legend_where = anneal_chart_get_layout (chart, width, height)->legend.where;
}

static void
assert_same_geometry (const Geometry *a,
                      const Geometry *b,
                      guint           step)
{
  if (memcmp (&a->area, &b->area, sizeof a->area) != 0 ||
      memcmp (a->x, b->x, sizeof a->x) != 0 || memcmp (a->y, b->y, sizeof a->y) != 0 ||
      a->epoch != b->epoch || a->value != b->value ||
      memcmp (a->view, b->view, sizeof a->view) != 0 ||
      a->legend_w != b->legend_w || a->legend_where != b->legend_where)
    g_error ("after step %u the kept layout differs from a new one: plot area "
             "%g,%g %gx%g vs %g,%g %gx%g, y(0.05) %g vs %g",
             step, a->area.x, a->area.y, a->area.width, a->area.height,
             b->area.x, b->area.y, b->area.width, b->area.height, a->y[1], b->y[1]);
}

static void
test_layout_cache_invalidated (void)
{
  g_autoptr(AnnealChart) kept = anneal_chart_new ();
  Geometry before;

  memset (&before, 0, sizeof before);

  for (guint step = 0; step < N_STEPS; step++)
    {
      g_autoptr(AnnealChart) fresh = anneal_chart_new ();
      Geometry a, b, small, small_fresh;

      memset (&a, 0, sizeof a);
      memset (&b, 0, sizeof b);
      memset (&small, 0, sizeof small);
      memset (&small_fresh, 0, sizeof small_fresh);

      /* Lay out at two sizes before the change, so both are kept */
      geometry (kept, W, H, &a);
      geometry (kept, W / 2, H / 2, &small);
      apply_step (kept, step);
      for (guint k = 0; k <= step; k++)
        apply_step (fresh, k);

      geometry (kept, W, H, &a);
      geometry (fresh, W, H, &b);
      assert_same_geometry (&a, &b, step);
      geometry (kept, W / 2, H / 2, &small);
      geometry (fresh, W / 2, H / 2, &small_fresh);
      assert_same_geometry (&small, &small_fresh, step);

      /* and every step moved something the user sees */
      if (step > 0)
        g_assert_true (memcmp (&a, &before, sizeof a) != 0);
      before = a;
    }
}

/* The automatic legend's corner follows an edit: a chart that kept each series'
 * coverage of the corners places it as a new chart does */
static void
test_legend_follows_edits (void)
{
  static const char *edits[] = {
    "exponential(gamma=0.9)",
    "step(step_size=7)",
    "cosine-wave()",
    "exp-cycles()",
    "hold-decay()",
    "cosine-wave()",
  };
  g_autoptr(AnnealChart) kept = anneal_chart_new ();
  AnnealChartLegend first = ANNEAL_CHART_LEGEND_AUTO;
  gboolean moved = FALSE;

  add (kept, edits[0]);
  anneal_chart_set_epochs (kept, 60);
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(AnnealChart) fresh = anneal_chart_new ();
      g_autoptr(AnnealSchedule) s = parse (edits[i]);
      const AnnealChartLayout *a, *b;

      anneal_chart_set_series_schedule (kept, 0, s);
      anneal_chart_add_series (fresh, s, edits[0]);  /* the same label */
      anneal_chart_set_epochs (fresh, 60);
      a = anneal_chart_get_layout (kept, W, H);
      b = anneal_chart_get_layout (fresh, W, H);
      g_assert_cmpint (a->legend.where, ==, b->legend.where);
      g_assert_cmpint (a->legend.outside, ==, b->legend.outside);
      g_assert_true (memcmp (&a->plot, &b->plot, sizeof a->plot) == 0);
      if (i == 0)
        first = a->legend.where;
      else if (a->legend.where != first)
        moved = TRUE;
    }
  /* and the edits did move it */
  g_assert_true (moved);
}

static void
test_layout_cache_kept (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  cairo_rectangle_t area, area2;
  guint64 computed;
  double x, y;

  add (chart, "cosine-wave()");
  add (chart, "damped-cosine-wave()");
  anneal_chart_get_plot_area (chart, W, H, &area);
  computed = chart->n_layouts_computed;

  /* Queries and drawing at the same size reuse the layout … */
  for (int i = 0; i < 100; i++)
    {
      anneal_chart_pixel_to_data (chart, W, H, i, i, NULL, NULL);
      anneal_chart_data_to_pixel (chart, W, H, i, 0.01, &x, &y);
    }
  cairo_surface_destroy (render (chart, 1).surface);
  cairo_surface_destroy (render (chart, 2).surface);
  g_assert_cmpuint (chart->n_layouts_computed, ==, computed);

  /* … so do colours, dashes, the theme and the grid, which move nothing … */
  anneal_chart_set_series_color (chart, 0, 0x123456);
  anneal_chart_set_series_dash (chart, 1, 3);
  anneal_chart_set_theme (chart, ANNEAL_CHART_THEME_DARK);
  anneal_chart_set_grid (chart, FALSE);
  anneal_chart_get_plot_area (chart, W, H, &area2);
  g_assert_cmpuint (chart->n_layouts_computed, ==, computed);
  g_assert_true (memcmp (&area, &area2, sizeof area) == 0);

  /* … and a second size is kept beside the first */
  anneal_chart_get_plot_area (chart, 2 * W, H, &area2);
  g_assert_cmpfloat (area2.width, >, area.width);
  g_assert_cmpuint (chart->n_layouts_computed, ==, computed + 1);
  anneal_chart_get_plot_area (chart, W, H, &area2);
  anneal_chart_get_plot_area (chart, 2 * W, H, &area2);
  g_assert_cmpuint (chart->n_layouts_computed, ==, computed + 1);

  /* A title takes room from the plot area */
  anneal_chart_set_title (chart, "Title");
  anneal_chart_get_plot_area (chart, W, H, &area2);
  g_assert_cmpfloat (area2.y, >, area.y);
  g_assert_cmpuint (chart->n_layouts_computed, ==, computed + 2);
}

/* Exporting in another theme draws that theme and leaves the model alone */
static void
test_draw_with_theme (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, W, H);
  cairo_t *cr = cairo_create (surface);
  guint changed = 0;
  guint32 corner;

  add (chart, "cosine-wave()");
  g_signal_connect (chart, "changed", G_CALLBACK (count_changed), &changed);
  anneal_chart_draw_with_theme (chart, cr, W, H, ANNEAL_CHART_THEME_DARK);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  corner = ((const guint32 *) cairo_image_surface_get_data (surface))[0] & 0xFFFFFF;
  g_assert_cmpuint ((corner >> 8) & 0xFF, <, 0x40);
  g_assert_cmpint (anneal_chart_get_theme (chart), ==, ANNEAL_CHART_THEME_LIGHT);
  g_assert_cmpuint (changed, ==, 0);
  cairo_surface_destroy (surface);
}

/* Envelopes are kept between frames: a chart drawn, edited and drawn again is
 * pixel for pixel a new chart drawn once */
static void
assert_same_pixels (const Image *a,
                    const Image *b)
{
  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  for (int y = 0; y < a->height; y++)
    for (int x = 0; x < a->width; x++)
      if (pixel (a, x, y) != pixel (b, x, y))
        g_error ("pixel (%d, %d) differs: %06X vs %06X", x, y, pixel (a, x, y), pixel (b, x, y));
}

static void
test_draw_envelope_kept (void)
{
  g_autoptr(AnnealChart) kept = anneal_chart_new ();
  g_autoptr(AnnealSchedule) edited = parse ("cosine-wave(period=7, lr_end=0.05)");
  static const char *steps[] = { "draw", "schedule", "view", "epochs", "scale" };

  add (kept, "cosine-wave()");
  add (kept, "sgdr(t_0=1000)");
  anneal_chart_set_epochs (kept, 1000000);
  anneal_chart_set_legend (kept, ANNEAL_CHART_LEGEND_NONE);

  for (guint step = 0; step < G_N_ELEMENTS (steps); step++)
    {
      g_autoptr(AnnealChart) fresh = anneal_chart_new ();
      double scale = step >= 4 ? 2 : 1;
      Image a, b;

      cairo_surface_destroy (render (kept, 1).surface);
      if (step >= 1)
        anneal_chart_set_series_schedule (kept, 0, edited);
      if (step == 2)
        anneal_chart_set_view (kept, 1000, 600000, 0, 0.12);
      if (step == 3)
        anneal_chart_set_epochs (kept, 700000);
      a = render (kept, scale);

      add (fresh, step >= 1 ? "cosine-wave(period=7, lr_end=0.05)" : "cosine-wave()");
      add (fresh, "sgdr(t_0=1000)");
      anneal_chart_set_epochs (fresh, step >= 3 ? 700000 : 1000000);
      if (step >= 2)
        anneal_chart_set_view (fresh, 1000, 600000, 0, 0.12);
      anneal_chart_set_legend (fresh, ANNEAL_CHART_LEGEND_NONE);
      b = render (fresh, scale);

      g_test_message ("after %s", steps[step]);
      assert_same_pixels (&a, &b);
      cairo_surface_destroy (a.surface);
      cairo_surface_destroy (b.surface);
    }
}

/* A copy draws as its original, whatever was set (a figure is drawn from one in a
 * worker thread while the original goes on changing), and stays as it was. */
static void
test_copy (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  g_autoptr(AnnealChart) copy = NULL;
  Image a, b;

  add (chart, "cosine-wave()");
  add (chart, "damped-exp-cycles()");
  add (chart, "sgdr(t_0=7)");
  anneal_chart_set_epochs (chart, 300);
  anneal_chart_set_steps_per_epoch (chart, 4);
  anneal_chart_set_series_unit (chart, 2, ANNEAL_CHART_UNIT_STEP);
  anneal_chart_set_x_unit (chart, ANNEAL_CHART_UNIT_STEP);
  anneal_chart_set_series_color (chart, 0, 0x123456);
  anneal_chart_set_series_dash (chart, 1, 3);
  anneal_chart_set_series_visible (chart, 1, FALSE);
  anneal_chart_set_series_label (chart, 2, "restarts");
  anneal_chart_set_title (chart, "A copy");
  anneal_chart_set_x_label (chart, "step");
  anneal_chart_set_y_label (chart, "rate");
  anneal_chart_set_theme (chart, ANNEAL_CHART_THEME_DARK);
  anneal_chart_set_legend (chart, ANNEAL_CHART_LEGEND_BOTTOM_LEFT);
  anneal_chart_set_log_y (chart, TRUE);
  anneal_chart_set_grid (chart, FALSE);
  anneal_chart_set_font_size (chart, 17);
  anneal_chart_set_view (chart, 100, 900, 1e-4, 0.2);

  copy = anneal_chart_copy (chart);
  a = render (chart, 1);
  b = render (copy, 1);
  assert_same_pixels (&a, &b);
  cairo_surface_destroy (b.surface);

  anneal_chart_set_title (chart, "changed");
  anneal_chart_remove_series (chart, 0);
  anneal_chart_reset_view (chart);
  b = render (copy, 1);
  assert_same_pixels (&a, &b);
  cairo_surface_destroy (a.surface);
  cairo_surface_destroy (b.surface);
  g_assert_cmpuint (anneal_chart_get_n_series (copy), ==, 3);
}

/* A legend in rows takes at most a third of the figure: 50 series in 360 × 400 (a
 * phone-sized window) filled the chart and left the plot no room. What has no room
 * is counted at the end of the last row, and so are series past the 64 labels a
 * legend lays out, in a corner too. */
static void
test_legend_rows_bounded (void)
{
  static const struct { guint n_series; double w, h; } cases[] = {
    { 50, 360, 400 }, { 50, 800, 500 }, { 100, 1280, 720 }, { 200, 4000, 3000 }, { 8, 640, 480 },
  };
  const char *kinds[] = { "cosine-wave()", "damped-cosine-wave()", "exp-cycles()", "step()" };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(AnnealChart) chart = anneal_chart_new ();
      const AnnealChartLayout *l;
      const AnnealChartLegendBox *lg;
      guint counted = 0;

      for (guint i = 0; i < cases[c].n_series; i++)
        add (chart, kinds[i % G_N_ELEMENTS (kinds)]);
      anneal_chart_set_epochs (chart, 100);
      l = anneal_chart_get_layout (chart, cases[c].w, cases[c].h);
      lg = &l->legend;
      g_test_message ("%u series in %g × %g: %u shown in %u rows", cases[c].n_series,
                      cases[c].w, cases[c].h, lg->n_shown, lg->n_rows);
      if (!lg->outside)
        {
          g_assert_cmpuint (cases[c].n_series, <=, G_N_ELEMENTS (lg->labels));
          g_assert_null (lg->more);
          continue;
        }
      g_assert_cmpfloat (l->band, <=, cases[c].h / 3);
      g_assert_cmpfloat (l->plot.height, >=, cases[c].h / 3);
      if (lg->more != NULL)
        {
          g_autofree char *expected = g_strdup_printf ("…and %u more",
                                                       cases[c].n_series - lg->n_shown);

          g_assert_cmpstr (pango_layout_get_text (lg->more), ==, expected);
          counted = cases[c].n_series - lg->n_shown;
          /* inside the rows' width, after the last entry shown */
          g_assert_cmpfloat (lg->more_x, <=, l->plot.width + l->offset);
          g_assert_cmpuint (lg->more_row, <, lg->n_rows);
        }
      g_assert_cmpuint (lg->n_shown + counted, ==, cases[c].n_series);
      for (guint i = 0; i < lg->n_shown; i++)
        {
          g_assert_cmpuint (lg->row_of[i], <, lg->n_rows);
          g_assert_cmpfloat (lg->x_of[i] + lg->sample_w + lg->label_w[i], <=,
                             l->plot.width + l->offset + 1);
        }
    }
}

/* The y range each series asked for is kept until its schedule, its epochs, its
 * steps or the share of the scan change: after each change the kept chart draws as
 * a fresh one, and a series no change touched kept its range (not looked up again —
 * 50 series of restarts over 10^15 epochs took a fifth of a second at each toggle
 * of the log scale). */
static void
test_draw_range_kept (void)
{
  g_autoptr(AnnealChart) kept = anneal_chart_new ();
  g_autoptr(AnnealSchedule) edited = parse ("exponential(lr=0.3, gamma=0.999)");
  static const char *steps[] = { "draw", "schedule", "log", "epochs", "unit", "hidden",
                                 "linear" };
  const char *specs[] = { "cosine-wave()", "damped-exp-cycles()", "sgdr(t_0=1000)" };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    add (kept, specs[i]);
  anneal_chart_set_epochs (kept, 1000000);
  anneal_chart_set_steps_per_epoch (kept, 3);
  anneal_chart_set_legend (kept, ANNEAL_CHART_LEGEND_NONE);

  for (guint step = 0; step < G_N_ELEMENTS (steps); step++)
    {
      g_autoptr(AnnealChart) fresh = anneal_chart_new ();
      AnnealChartSeries *first = anneal_chart_get_series (kept, 0);
      AnnealSchedule *first_range;
      Image a, b;

      cairo_surface_destroy (render (kept, 1).surface);
      first_range = first->range.schedule;
      g_assert_true (first_range == first->schedule);
      if (step == 1)
        anneal_chart_set_series_schedule (kept, 1, edited);
      if (step == 2)
        anneal_chart_set_log_y (kept, TRUE);
      if (step == 3)
        anneal_chart_set_epochs (kept, 700000);
      if (step == 4)
        anneal_chart_set_series_unit (kept, 2, ANNEAL_CHART_UNIT_STEP);
      if (step == 5)
        anneal_chart_set_series_visible (kept, 1, FALSE);
      if (step == 6)
        anneal_chart_set_log_y (kept, FALSE);
      a = render (kept, 1);
      /* the first series' range was looked up once, at the first draw, for all
       * but a change of the epochs it covers */
      if (step != 3)
        g_assert_true (first->range.schedule == first_range);

      add (fresh, specs[0]);
      add (fresh, step >= 1 ? "exponential(lr=0.3, gamma=0.999)" : specs[1]);
      add (fresh, specs[2]);
      anneal_chart_set_epochs (fresh, step >= 3 ? 700000 : 1000000);
      anneal_chart_set_steps_per_epoch (fresh, 3);
      anneal_chart_set_log_y (fresh, step >= 2 && step < 6);
      if (step >= 4)
        anneal_chart_set_series_unit (fresh, 2, ANNEAL_CHART_UNIT_STEP);
      if (step >= 5)
        anneal_chart_set_series_visible (fresh, 1, FALSE);
      anneal_chart_set_legend (fresh, ANNEAL_CHART_LEGEND_NONE);
      b = render (fresh, 1);

      g_test_message ("after %s", steps[step]);
      assert_same_pixels (&a, &b);
      cairo_surface_destroy (a.surface);
      cairo_surface_destroy (b.surface);
    }
}

/* A title of 20 000 lines (and one of a megabyte on one line) draws as its
 * first lines, cut with "…": the same figure as that short title. Lines are those
 * Pango breaks: 300 split by \r, \r\n, U+2029 or U+2028 take no more height than
 * three split by \n. */
static void
test_draw_huge_title (void)
{
  static const char * const breaks[] = { "\r", "\r\n", "\xe2\x80\xa9", "\xe2\x80\xa8" };
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GString) wide = g_string_new (NULL);
  cairo_rectangle_t three;   /* the plot area below a title of three lines */

  for (int i = 0; i < 20000; i++)
    g_string_append_printf (lines, "line %d\n", i);
  for (int i = 0; i < 1 << 20; i++)
    g_string_append_c (wide, 'a' + i % 26);
  g_ptr_array_add (cases, g_strdup (lines->str));
  g_ptr_array_add (cases, g_strdup (wide->str));
  for (guint i = 0; i < G_N_ELEMENTS (breaks); i++)
    {
      GString *title = g_string_new (NULL);

      for (int j = 0; j < 300; j++)
        g_string_append_printf (title, "ab%s", breaks[i]);
      g_ptr_array_add (cases, g_string_free (title, FALSE));
    }

  {
    g_autoptr(AnnealChart) chart = anneal_chart_new ();

    add (chart, "cosine-wave()");
    anneal_chart_set_title (chart, "ab\nab\nab…");
    anneal_chart_get_plot_area (chart, W, H, &three);
  }

  for (guint i = 0; i < cases->len; i++)
    {
      const char *title = g_ptr_array_index (cases, i);
      g_autoptr(AnnealChart) chart = anneal_chart_new ();
      g_autoptr(AnnealChart) shorter = anneal_chart_new ();
      g_autofree char *cut = anneal_text_bound (title, ANNEAL_CHART_TEXT_MAX_LINES,
                                                ANNEAL_CHART_TEXT_MAX_CHARS);
      static const gint64 epochs[] = { 3, 20, 41 };
      cairo_rectangle_t area, area_short;
      Image img;

      g_test_message ("title %u", i);
      g_assert_nonnull (cut);
      g_assert_cmpuint (strlen (cut), <, 4 * ANNEAL_CHART_TEXT_MAX_CHARS);
      add (chart, "cosine-wave()");
      add (shorter, "cosine-wave()");
      anneal_chart_set_title (chart, title);
      anneal_chart_set_title (shorter, cut);
      anneal_chart_get_plot_area (chart, W, H, &area);
      anneal_chart_get_plot_area (shorter, W, H, &area_short);
      g_assert_true (memcmp (&area, &area_short, sizeof area) == 0);
      /* At most three lines high, and room is left for the curves */
      g_assert_cmpfloat (area.height, >=, three.height);
      g_assert_cmpfloat (area.height, >, H / 2);

      img = render (chart, 1);
      assert_curve_drawn (chart, &img, 0, epochs, G_N_ELEMENTS (epochs));
      cairo_surface_destroy (img.surface);
    }
}

/* anneal_text_bound() counts lines as Pango lays them out: a text Pango shows on
 * L lines is kept whole when L are allowed and cut when L − 1 are */
static void
test_text_lines_as_pango (void)
{
  static const char * const breaks[] = {
    "\n", "\r", "\r\n", "\n\r", "\r\r\n", "\xe2\x80\xa8", "\xe2\x80\xa9",
    "\xe2\x80\xa8\n", "\xe2\x80\xa8\r", "\xe2\x80\xa8\xe2\x80\xa9", "\xe2\x80\xa8\xe2\x80\xa8",
    "\v", "\f", "\xc2\x85", "\x1c", "\x1e",
  };
  static const char * const ends[] = { "", "end", "\xe2\x80\xa8", "\r" };
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout = pango_layout_new (context);

  for (guint b = 0; b < G_N_ELEMENTS (breaks); b++)
    for (guint e = 0; e < G_N_ELEMENTS (ends); e++)
      for (guint n = 1; n <= 4; n += 3)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autofree char *whole = NULL;
          g_autofree char *escaped = NULL;
          int lines;

          for (guint i = 0; i < n; i++)
            g_string_append_printf (text, "ab%s", breaks[b]);
          g_string_append (text, ends[e]);
          pango_layout_set_text (layout, text->str, -1);
          lines = pango_layout_get_line_count (layout);
          escaped = g_strescape (text->str, NULL);
          g_test_message ("\"%s\": %d lines", escaped, lines);

          whole = anneal_text_bound (text->str, (guint) lines, G_MAXUINT);
          g_assert_null (whole);
          if (lines > 1)
            {
              g_autofree char *cut = anneal_text_bound (text->str, (guint) lines - 1, G_MAXUINT);

              g_assert_nonnull (cut);
            }
        }

  g_object_unref (layout);
  g_object_unref (context);
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
  g_assert_cmpuint (anneal_chart_envelope (s, 1, first, last, view_first, view_last, x0, x1,
                                           ANNEAL_CHART_COLUMN_SCAN,
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
  n = anneal_chart_envelope (s, 1, 0, 999999999, 0, 999999999, 0, 1920,
                             ANNEAL_CHART_COLUMN_SCAN, cols, 1921);
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

/* Steps and epochs ------------------------------------------------------- */

static void
test_steps_model (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  AnnealSchedule *s;
  AnnealChartUnit unit;

  add (chart, "cosine(t_max=40)");
  add (chart, "cosine(t_max=40)");
  g_assert_cmpint (anneal_chart_get_steps_per_epoch (chart), ==, 1);
  g_assert_cmpint (anneal_chart_get_n_steps (chart), ==, 50);
  g_assert_cmpint (anneal_chart_get_series_unit (chart, 0), ==, ANNEAL_CHART_UNIT_EPOCH);

  anneal_chart_set_epochs (chart, 4);
  anneal_chart_set_steps_per_epoch (chart, 10);
  anneal_chart_set_series_unit (chart, 1, ANNEAL_CHART_UNIT_STEP);
  g_assert_cmpint (anneal_chart_get_n_steps (chart), ==, 40);
  s = anneal_chart_get_series_schedule (chart, 0);
  for (gint64 step = 0; step < 40; step++)
    {
      /* Per epoch: the epoch's value through its steps; per step: the step's */
      g_assert_cmpfloat (anneal_chart_get_series_value (chart, 0, step), ==,
                         anneal_schedule_value (s, step / 10));
      g_assert_cmpfloat (anneal_chart_get_series_value (chart, 1, step), ==,
                         anneal_schedule_value (s, step));
    }

  /* The view is in steps: a new K keeps the same epochs in view */
  anneal_chart_set_view (chart, 10, 20, 0, 0.1);
  anneal_chart_set_steps_per_epoch (chart, 20);
  {
    double a, b;

    anneal_chart_get_view (chart, &a, &b, NULL, NULL);
    g_assert_cmpfloat (a, ==, 20);
    g_assert_cmpfloat (b, ==, 40);
  }

  /* epochs · K stays within the epoch limit: more epochs lower K */
  anneal_chart_set_epochs (chart, ANNEAL_EPOCH_MAX / 4);
  g_assert_cmpint (anneal_chart_get_steps_per_epoch (chart), ==, 4);
  anneal_chart_set_steps_per_epoch (chart, 1000);
  g_assert_cmpint (anneal_chart_get_steps_per_epoch (chart), ==, 4);
  g_assert_cmpint (anneal_chart_get_n_steps (chart), ==, ANNEAL_EPOCH_MAX);

  anneal_chart_set_x_unit (chart, ANNEAL_CHART_UNIT_STEP);
  g_assert_cmpint (anneal_chart_get_x_unit (chart), ==, ANNEAL_CHART_UNIT_STEP);
  g_assert_true (anneal_chart_unit_from_string ("step", &unit));
  g_assert_cmpint (unit, ==, ANNEAL_CHART_UNIT_STEP);
  g_assert_true (anneal_chart_unit_from_string ("epoch", &unit));
  g_assert_cmpint (unit, ==, ANNEAL_CHART_UNIT_EPOCH);
  g_assert_false (anneal_chart_unit_from_string ("steps", &unit));
  g_assert_cmpstr (anneal_chart_unit_to_string (ANNEAL_CHART_UNIT_STEP), ==, "step");
}

/* A per-step schedule over a few epochs of 100 000 steps keeps every step: a
 * wave that alternates each step fills its whole band, while the same schedule
 * stepped per epoch holds one value through the epoch. */
static void
test_steps_draw_every_step (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  Image img;
  guint32 rgb;
  double x, y_hi, y_mid, y_lo;

  add (chart, "cosine-wave(lr_start=0.1, lr_end=0.001, period=2)");
  anneal_chart_set_epochs (chart, 4);
  anneal_chart_set_steps_per_epoch (chart, 100000);
  anneal_chart_set_legend (chart, ANNEAL_CHART_LEGEND_NONE);
  rgb = anneal_chart_get_series_color (chart, 0);

  anneal_chart_set_series_unit (chart, 0, ANNEAL_CHART_UNIT_STEP);
  img = render (chart, 1);
  anneal_chart_data_to_pixel (chart, W, H, 250000.5, 0.1, &x, &y_hi);
  anneal_chart_data_to_pixel (chart, W, H, 250000.5, 0.05, NULL, &y_mid);
  anneal_chart_data_to_pixel (chart, W, H, 250000.5, 0.001, NULL, &y_lo);
  g_assert_true (find_color (&img, x, y_hi, 1.5, rgb));
  g_assert_true (find_color (&img, x, y_mid, 1.5, rgb));
  g_assert_true (find_color (&img, x, y_lo, 1.5, rgb));
  cairo_surface_destroy (img.surface);

  /* Per epoch: epoch 2 is at 0.1 (w = 1 at even t) through its steps */
  anneal_chart_set_series_unit (chart, 0, ANNEAL_CHART_UNIT_EPOCH);
  img = render (chart, 1);
  g_assert_true (find_color (&img, x, y_hi, 1.5, rgb));
  g_assert_false (find_color (&img, x, y_mid, 1.5, rgb));
  g_assert_false (find_color (&img, x, y_lo, 1.5, rgb));
  cairo_surface_destroy (img.surface);
}

/* The x axis in epochs puts its labelled ticks on epoch boundaries and marks
 * steps as secondary ticks; in steps, the other way round. */
static void
test_steps_axis_ticks (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  const AnnealChartLayout *l;

  add (chart, "cosine(t_max=1000)");
  anneal_chart_set_epochs (chart, 7);
  anneal_chart_set_steps_per_epoch (chart, 130);

  l = anneal_chart_get_layout (chart, W, H);
  g_assert_cmpuint (l->x_ticks.n, >=, 2);
  for (guint i = 0; i < l->x_ticks.n; i++)
    g_assert_cmpfloat (fmod (l->x_ticks.major[i], 130), ==, 0);
  g_assert_cmpuint (l->x_ticks.n_minor, >, 0);

  anneal_chart_set_x_unit (chart, ANNEAL_CHART_UNIT_STEP);
  l = anneal_chart_get_layout (chart, W, H);
  g_assert_cmpuint (l->x_ticks.n, >=, 2);
  for (guint i = 0; i < l->x_ticks.n; i++)
    g_assert_cmpfloat (fmod (l->x_ticks.major[i], 100), ==, 0);
  /* epoch boundaries: multiples of 130 steps */
  g_assert_cmpuint (l->x_ticks.n_minor, >, 0);
  for (guint i = 0; i < l->x_ticks.n_minor; i++)
    g_assert_cmpfloat (fmod (l->x_ticks.minor[i], 130), ==, 0);

  /* One step an epoch: no secondary ticks */
  anneal_chart_set_steps_per_epoch (chart, 1);
  l = anneal_chart_get_layout (chart, W, H);
  g_assert_cmpuint (l->x_ticks.n_minor, ==, 0);
}

static guint
power_of_two_above (guint n)
{
  guint p = 1;

  while (p < n)
    p *= 2;
  return p;
}

/* The work of a column's range is shared among the series shown: 256 pieces at
 * each end for up to 8 of them, then 2048 shared, 4 at least; the y axis's range
 * looks at every piece for up to 8 series, then 8·2^19 shared, 256 at least. A
 * hidden series takes no share. The shares are of the number shown rounded up to
 * a power of two, so that one series more or less leaves the others' shares, and
 * what is kept of their envelopes and ranges, as they were (removing one series
 * of 1000 computed the y range of all the others again). */
static void
test_scan_budget (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();

  for (guint n = 1; n <= 1000; n++)
    {
      add (chart, "cosine-cycles()");
      g_assert_cmpuint (anneal_chart_column_scan (chart), ==,
                        n <= 8 ? 256 : MAX (2048 / power_of_two_above (n), 4));
      g_assert_cmpuint (anneal_chart_range_scan (chart), ==,
                        n <= 8 ? G_MAXUINT
                               : MAX (8 * (1u << 19) / power_of_two_above (n), 256));
      /* never more than the budget */
      if (n > 8)
        {
          g_assert_cmpuint ((guint64) anneal_chart_column_scan (chart) * n, <=,
                            MAX (2048, 4 * n));
          g_assert_cmpuint ((guint64) anneal_chart_range_scan (chart) * n, <=,
                            MAX (8u << 19, 256 * n));
        }
    }
  /* 1000 shown, or 999, or 513: the same shares */
  g_assert_cmpuint (anneal_chart_range_scan (chart), ==, 8 * (1u << 19) / 1024);
  anneal_chart_remove_series (chart, 0);
  g_assert_cmpuint (anneal_chart_range_scan (chart), ==, 8 * (1u << 19) / 1024);
  anneal_chart_set_series_visible (chart, 0, FALSE);
  g_assert_cmpuint (anneal_chart_range_scan (chart), ==, 8 * (1u << 19) / 1024);
  anneal_chart_set_series_visible (chart, 0, TRUE);
  add (chart, "cosine-cycles()");
  for (guint i = 0; i < 992; i++)
    anneal_chart_set_series_visible (chart, i, FALSE);
  g_assert_cmpuint (anneal_chart_column_scan (chart), ==, 256);
  g_assert_cmpuint (anneal_chart_range_scan (chart), ==, G_MAXUINT);
  anneal_chart_set_series_visible (chart, 0, TRUE);
  g_assert_cmpuint (anneal_chart_column_scan (chart), ==, 2048 / 16);
  /* the count is kept, not counted per series: removing, moving and clearing keep it */
  anneal_chart_set_series_visible (chart, 0, TRUE);
  anneal_chart_remove_series (chart, 0);     /* a shown one: 8 left */
  anneal_chart_remove_series (chart, 0);     /* a hidden one */
  g_assert_cmpuint (anneal_chart_column_scan (chart), ==, 256);
  anneal_chart_move_series (chart, 990, 0);
  anneal_chart_set_series_visible (chart, 1, TRUE);
  g_assert_cmpuint (anneal_chart_column_scan (chart), ==, 2048 / 16);
  anneal_chart_clear (chart);
  add (chart, "cosine()");
  g_assert_cmpuint (anneal_chart_range_scan (chart), ==, G_MAXUINT);
}

/* Text drawn within its box: a legend label of one letter with 990 combining marks
 * above it drew a stroke up over the entries above it, the legend's frame and the
 * chart. Drawn with such a label and with the bare letter, the figures differ only
 * within about a line of the label. */
static void
test_draw_combining_marks_clipped (void)
{
  g_autoptr(GString) marks = g_string_new ("a");
  Image plain, hostile;
  int top = G_MAXINT, bottom = -1;

  for (int i = 0; i < 990; i++)
    g_string_append (marks, "\xcc\x81");  /* U+0301, combining acute accent */
  for (int k = 0; k < 2; k++)
    {
      g_autoptr(AnnealChart) chart = anneal_chart_new ();
      g_autoptr(AnnealSchedule) s = parse ("cosine()");
      g_autoptr(AnnealSchedule) t = parse ("cosine(lr=0.05)");

      anneal_chart_add_series (chart, s, "first");
      anneal_chart_add_series (chart, t, k == 0 ? "a" : marks->str);
      if (k == 0)
        plain = render (chart, 1);
      else
        hostile = render (chart, 1);
    }
  for (int y = 0; y < plain.height; y++)
    for (int x = 0; x < plain.width; x++)
      if (pixel (&plain, x, y) != pixel (&hostile, x, y))
        {
          top = MIN (top, y);
          bottom = MAX (bottom, y);
        }
  g_test_message ("differing rows %d … %d", top, bottom);
  g_assert_cmpint (bottom, >=, 0);            /* the marks are drawn… */
  g_assert_cmpint (bottom - top, <=, 20);     /* …around their line, not up the chart */
  cairo_surface_destroy (plain.surface);
  cairo_surface_destroy (hostile.surface);
}

/* Text that starts right-to-left is laid out from the left of its box, as the
 * drawing places it: in a set width, a right-to-left paragraph went to the far end
 * of it (a legend label away from its swatch, hidden by the label's clip). */
static void
test_draw_rtl_text_from_left (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  g_autoptr(AnnealSchedule) s = parse ("cosine()");
  const char *arabic = "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7 abc";
  const AnnealChartLayout *l;
  PangoRectangle logical;

  anneal_chart_add_series (chart, s, arabic);
  anneal_chart_set_title (chart, arabic);
  l = anneal_chart_get_layout (chart, W, H);
  g_assert_cmpuint (l->legend.n, ==, 1);
  pango_layout_get_pixel_extents (l->legend.labels[0], NULL, &logical);
  g_assert_cmpint (logical.x, ==, 0);
  pango_layout_get_pixel_extents (l->title, NULL, &logical);
  g_assert_cmpint (logical.x, ==, 0);
}

/* A title or axis label longer than the figure is ellipsized inside it, whatever its
 * script: the title was laid out as wide as the whole figure less its margins but
 * drawn from the y axis, so a long one ran past the right edge and was cut there
 * mid-word, with no "…" (in the app, the exports and anneal-cli render alike). */
static void
test_draw_long_texts_inside (void)
{
  g_autoptr(GString) latin = g_string_new (NULL);
  g_autoptr(GString) hebrew = g_string_new (NULL);
  const char *texts[2];

  for (int i = 0; i < 300; i++)
    g_string_append_printf (latin, "word%d ", i);
  for (int i = 0; i < 100; i++)
    g_string_append (hebrew, "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d ");  /* shalom */
  texts[0] = latin->str;
  texts[1] = hebrew->str;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(AnnealChart) chart = anneal_chart_new ();
      g_autoptr(AnnealSchedule) s = parse ("cosine()");
      const AnnealChartLayout *l;
      PangoRectangle ink;
      double left;
      Image img;
      int last = -1;

      anneal_chart_add_series (chart, s, "c");
      anneal_chart_set_title (chart, texts[i]);
      anneal_chart_set_x_label (chart, texts[i]);
      anneal_chart_set_y_label (chart, texts[i]);
      l = anneal_chart_get_layout (chart, W, H);

      g_assert_true (pango_layout_is_ellipsized (l->title));
      pango_layout_get_pixel_extents (l->title, &ink, NULL);
      left = l->plot.x - l->offset;
      g_assert_cmpfloat (left + ink.x + ink.width, <=, W - l->pad + 1);

      g_assert_true (pango_layout_is_ellipsized (l->x_label));
      pango_layout_get_pixel_extents (l->x_label, NULL, &ink);
      g_assert_cmpfloat (l->plot.x + l->plot.width / 2 + ink.width / 2.0, <=, W - l->pad + 1);
      g_assert_cmpfloat (l->plot.x + l->plot.width / 2 - ink.width / 2.0, >=, l->pad - 1);

      g_assert_true (pango_layout_is_ellipsized (l->y_label));
      pango_layout_get_pixel_extents (l->y_label, NULL, &ink);
      g_assert_cmpfloat (l->plot.y + l->plot.height / 2 + ink.width / 2.0, <=, H - l->pad + 1);
      g_assert_cmpfloat (l->plot.y + l->plot.height / 2 - ink.width / 2.0, >=, l->pad - 1);

      /* Nothing of the title in the right margin */
      img = render (chart, 1);
      for (int y = 0; y < l->plot.y; y++)
        for (int x = 0; x < img.width; x++)
          if (pixel (&img, x, y) != img.background)
            last = MAX (last, x);
      g_test_message ("text %u: title ink up to x = %d of %d", i, last, W);
      g_assert_cmpint (last, >=, 0);
      g_assert_cmpint (last, <, W - (int) (l->pad / 2));
      cairo_surface_destroy (img.surface);
    }
}

/* PyTorch's cosine with a recursion of 10^9 steps after its restart: drawn from
 * the closed form at every column, even the last one, which holds one epoch (it
 * replayed 10^9 steps there, 10 s a frame); what is drawn is that curve. */
static void
test_draw_long_recursion (void)
{
  g_autoptr(AnnealChart) chart = anneal_chart_new ();
  AnnealChartColumn cols[1921];
  g_autoptr(AnnealSchedule) s = parse ("cosine(lr=3, t_max=1000000000, eta_min=0.3)");
  Image img;
  guint n;

  add (chart, "cosine(lr=3, t_max=1000000000, eta_min=0.3)");
  anneal_chart_set_epochs (chart, 3000000000);
  img = render (chart, 1);
  cairo_surface_destroy (img.surface);

  n = anneal_chart_envelope (s, 1, 0, 2999999999, 0, 2999999999, 0, 1920,
                             ANNEAL_CHART_COLUMN_SCAN, cols, G_N_ELEMENTS (cols));
  g_assert_cmpuint (n, ==, 1921);
  g_assert_cmpint (cols[n - 1].first, ==, cols[n - 1].last);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (cols[i].v_first, ==, anneal_schedule_value_fast (s, cols[i].first));
      g_assert_cmpfloat (cols[i].min, >=, 0.3);
      g_assert_cmpfloat (cols[i].max, <=, 3);
      g_assert_cmpfloat (cols[i].min, <=, cols[i].v_first);
      g_assert_cmpfloat (cols[i].max, >=, cols[i].v_first);
    }
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
  g_test_add_func ("/anneal/chart/draw/long-dash", test_draw_long_dash);
  g_test_add_func ("/anneal/chart/draw/log-decade-ticks", test_draw_log_decade_ticks);
  g_test_add_func ("/anneal/chart/draw/range-kept", test_draw_range_kept);
  g_test_add_func ("/anneal/chart/copy", test_copy);
  g_test_add_func ("/anneal/chart/draw/clipped-to-plot", test_draw_clipped_to_plot);
  g_test_add_func ("/anneal/chart/draw/billion-epochs", test_draw_billion_epochs);
  g_test_add_func ("/anneal/chart/draw/jumps-visible", test_draw_jumps_visible);
  g_test_add_func ("/anneal/chart/draw/legend-auto", test_draw_legend_auto);
  g_test_add_func ("/anneal/chart/layout/legend-rows-bounded", test_legend_rows_bounded);
  g_test_add_func ("/anneal/chart/draw/with-theme", test_draw_with_theme);
  g_test_add_func ("/anneal/chart/draw/huge-title", test_draw_huge_title);
  g_test_add_func ("/anneal/chart/text/lines-as-pango", test_text_lines_as_pango);
  g_test_add_func ("/anneal/chart/draw/envelope-kept", test_draw_envelope_kept);
  g_test_add_func ("/anneal/chart/layout/cache-invalidated", test_layout_cache_invalidated);
  g_test_add_func ("/anneal/chart/layout/cache-kept", test_layout_cache_kept);
  g_test_add_func ("/anneal/chart/layout/legend-follows-edits", test_legend_follows_edits);
  g_test_add_func ("/anneal/chart/envelope/brute-force", test_envelope_brute_force);
  g_test_add_func ("/anneal/chart/envelope/billion", test_envelope_billion);
  g_test_add_func ("/anneal/chart/steps/model", test_steps_model);
  g_test_add_func ("/anneal/chart/steps/draw-every-step", test_steps_draw_every_step);
  g_test_add_func ("/anneal/chart/steps/axis-ticks", test_steps_axis_ticks);
  g_test_add_func ("/anneal/chart/scan-budget", test_scan_budget);
  g_test_add_func ("/anneal/chart/draw/combining-marks-clipped", test_draw_combining_marks_clipped);
  g_test_add_func ("/anneal/chart/draw/long-texts-inside", test_draw_long_texts_inside);
  g_test_add_func ("/anneal/chart/draw/rtl-text-from-left", test_draw_rtl_text_from_left);
  g_test_add_func ("/anneal/chart/draw/long-recursion", test_draw_long_recursion);
  g_test_add_func ("/anneal/chart/draw/deferred-work", test_deferred_work);
  g_test_add_func ("/anneal/chart/draw/envelope-fits-axis", test_envelope_fits_axis);

  return g_test_run ();
}
