/* test-app-style.c — the app's series colours, line styles and chart text, as seen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under a display (xvfb-run in CI) with G_DEBUG=fatal-warnings. Widgets are
 * rendered to pixels with the window's renderer and the pixels read back: what a
 * user would see, in the light and the dark style.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <adwaita.h>

#include "anneal-chart-private.h"
#include "anneal-document.h"
#include "anneal-series-row.h"
#include "anneal-tooltip.h"
#include "anneal-window-private.h"

#include "anneal-test-app.h"

typedef struct
{
  AnnealWindow *window;
  AnnealChart  *chart;
} Fixture;

/* Until the frame clock has laid out and drawn what changed */
static void
settle (void)
{
  gint64 end = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    {
      anneal_test_iterate ();
      g_usleep (5000);
    }
  anneal_test_iterate ();
}

/* Until @cond holds, for at most five seconds (a loaded machine draws late) */
#define WAIT_FOR(cond) \
  G_STMT_START { \
    gint64 deadline_ = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND; \
    while (!(cond) && g_get_monotonic_time () < deadline_) \
      { \
        anneal_test_iterate (); \
        g_usleep (5000); \
      } \
  } G_STMT_END

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_LIGHT);
  f->window = g_object_ref_sink (anneal_window_new (NULL));
  f->chart = anneal_document_get_chart (anneal_window_get_document (f->window));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  gtk_window_present (GTK_WINDOW (f->window));
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (f->window)) &&
            gtk_widget_get_width (GTK_WIDGET (f->window)) > 0);
  settle ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
  anneal_test_iterate ();
}

/* The widget as drawn, premultiplied ARGB32 in host order (0xAARRGGBB) */
typedef struct
{
  int      width;
  int      height;
  guint32 *pixels;
} Image;

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->pixels, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Image, image_clear)

static void
render_widget (GtkWidget *widget,
               Image     *image)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  /* Laid out and shown, however late a loaded machine gets there */
  WAIT_FOR (gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
            gtk_widget_get_height (widget) > 0);
  image->width = gtk_widget_get_width (widget);
  image->height = gtk_widget_get_height (widget);
  g_assert_cmpint (image->width, >, 0);
  g_assert_cmpint (image->height, >, 0);

  gdk_paintable_snapshot (paintable, snapshot, image->width, image->height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, image->width,
                                                              image->height));
  image->width = gdk_texture_get_width (texture);
  image->height = gdk_texture_get_height (texture);
  image->pixels = g_new (guint32, (gsize) image->width * image->height);
  gdk_texture_download (texture, (guchar *) image->pixels, image->width * 4);
}

static guint32
pixel_at (const Image *image,
          int          x,
          int          y)
{
  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, image->width);
  g_assert_cmpint (y, <, image->height);
  return image->pixels[(gsize) y * image->width + x];
}

/* The colour of the opaque pixels of a swatch's line (each of them the same), and
 * the runs of columns along its middle with no ink at all between inked ones (the
 * dash's gaps; a dot of the dotted style covers no pixel whole) */
static guint32
swatch_ink (GtkWidget *swatch,
            guint     *n_gaps)
{
  g_auto(Image) image = { 0 };
  guint32 ink = 0;
  guint n_opaque = 0, n_inked = 0, gaps = 0;
  gboolean in_gap = FALSE;
  int y;

  render_widget (swatch, &image);
  y = image.height / 2 - 1;  /* the upper row of the 2-pixel line at height / 2 */

  for (int x = 0; x < image.width; x++)
    {
      guint32 p = pixel_at (&image, x, y);

      if ((p >> 24) == 0xff)
        {
          if (n_opaque++ == 0)
            ink = p & 0xffffff;
          else
            g_assert_cmphex (p & 0xffffff, ==, ink);
        }
      if ((p >> 24) >= 0x80)
        {
          if (in_gap)
            gaps++;
          n_inked++;
          in_gap = FALSE;
        }
      else if ((p >> 24) == 0 && n_inked > 0)
        in_gap = TRUE;
    }
  g_assert_cmpuint (n_inked, >, 2);
  if (n_gaps != NULL)
    *n_gaps = gaps;
  else
    g_assert_cmpuint (n_opaque, >, 2);

  return ink;
}

static AnnealSeriesRow *
series_row (Fixture *f,
            guint    index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (f->window->series_list, (int) index);

  g_assert_true (ANNEAL_IS_SERIES_ROW (row));
  return ANNEAL_SERIES_ROW (row);
}

/* Opens the row's colour and line style popover, so that its swatches are drawn */
static void
popup_style (AnnealSeriesRow *row)
{
  GtkWidget *button = gtk_widget_get_ancestor (anneal_series_row_get_swatch (row),
                                               GTK_TYPE_MENU_BUTTON);

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  WAIT_FOR (gtk_widget_get_mapped (anneal_series_row_get_dash_choice (row, 0)) &&
            gtk_widget_get_width (anneal_series_row_get_dash_choice (row, 0)) > 0);
  settle ();
}

static void
add_series_up_to (Fixture *f,
                  guint    n)
{
  static const char * const specs[] = {
    "constant(lr=0.09)", "constant(lr=0.07)", "constant(lr=0.05)", "constant(lr=0.03)",
    "constant(lr=0.02)", "constant(lr=0.01)", "constant(lr=0.005)", "constant(lr=0.002)",
  };

  for (guint i = anneal_chart_get_n_series (f->chart); i < n; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (_anneal_window_add_spec (f->window, specs[i], NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (anneal_chart_get_n_series (f->chart), ==, n);
  settle ();
}

/* Issue 13: "the 7th palette colour is white in the chart but its swatches in the
 * sidebar, statistics and the crosshair dot stay black" */
static void
test_dark_palette (Fixture       *f,
                   gconstpointer  data)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  AnnealChartView *view = f->window->chart_view;
  guint32 rgb, dark_ink, light_ink;

  add_series_up_to (f, 7);
  rgb = anneal_chart_get_series_color (f->chart, 6);
  g_assert_cmphex (rgb, ==, anneal_chart_palette_color (6));
  dark_ink = anneal_chart_theme_ink (rgb, ANNEAL_CHART_THEME_DARK);
  light_ink = anneal_chart_theme_ink (rgb, ANNEAL_CHART_THEME_LIGHT);
  g_assert_cmphex (dark_ink, !=, light_ink);  /* the one that changes with the style */

  /* Light: as the palette has it, everywhere */
  g_assert_cmpint (anneal_chart_get_theme (f->chart), ==, ANNEAL_CHART_THEME_LIGHT);
  g_assert_cmphex (swatch_ink (anneal_series_row_get_swatch (series_row (f, 6)), NULL), ==,
                   light_ink);
  g_assert_cmphex (swatch_ink (anneal_stats_table_get_swatch (f->window->stats_table, 6), NULL),
                   ==, light_ink);

  /* Dark: the chart's dark palette, everywhere, without rebuilding anything */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  WAIT_FOR (anneal_chart_get_theme (f->chart) == ANNEAL_CHART_THEME_DARK);
  settle ();
  g_assert_true (adw_style_manager_get_dark (manager));
  g_assert_cmpint (anneal_chart_get_theme (f->chart), ==, ANNEAL_CHART_THEME_DARK);
  g_assert_cmphex (swatch_ink (anneal_series_row_get_swatch (series_row (f, 6)), NULL), ==,
                   dark_ink);
  g_assert_cmphex (swatch_ink (anneal_stats_table_get_swatch (f->window->stats_table, 6), NULL),
                   ==, dark_ink);
  /* … the popover's swatch of that colour, and its line styles in it */
  popup_style (series_row (f, 6));
  g_assert_cmphex (swatch_ink (gtk_button_get_child (GTK_BUTTON (
                     anneal_series_row_get_color_choice (series_row (f, 6), 6))), NULL),
                   ==, dark_ink);
  g_assert_cmphex (swatch_ink (gtk_button_get_child (GTK_BUTTON (
                     anneal_series_row_get_dash_choice (series_row (f, 6), 0))), NULL),
                   ==, dark_ink);

  /* … and the crosshair's dot on that curve (drawn over the others), its middle */
  {
    g_auto(Image) image = { 0 };
    double x, y;
    int width = gtk_widget_get_width (GTK_WIDGET (view));
    int height = gtk_widget_get_height (GTK_WIDGET (view));

    anneal_chart_view_set_hover_epoch (view, 40);
    settle ();
    anneal_chart_data_to_pixel (f->chart, width, height, 40,
                                anneal_chart_get_series_value (f->chart, 6, 40), &x, &y);
    render_widget (GTK_WIDGET (view), &image);
    g_assert_cmphex (pixel_at (&image, (int) floor (x), (int) floor (y)) & 0xffffff, ==,
                     dark_ink);
    anneal_chart_view_set_hover_epoch (view, -1);
  }

  /* Back to light */
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  settle ();
  g_assert_cmphex (swatch_ink (anneal_series_row_get_swatch (series_row (f, 6)), NULL), ==,
                   light_ink);
  g_assert_cmphex (swatch_ink (anneal_stats_table_get_swatch (f->window->stats_table, 6), NULL),
                   ==, light_ink);
}

/* "The long-dash style looks the same as solid" */
static void
test_long_dash (Fixture       *f,
                gconstpointer  data)
{
  AnnealSeriesRow *row = series_row (f, 0);
  guint n_gaps;

  /* Every style but solid shows gaps in its swatch; solid shows none */
  popup_style (row);
  for (guint dash = 0; dash < anneal_chart_get_n_dashes (); dash++)
    {
      GtkWidget *choice = anneal_series_row_get_dash_choice (row, dash);

      swatch_ink (gtk_button_get_child (GTK_BUTTON (choice)), &n_gaps);
      if (dash == 0)
        g_assert_cmpuint (n_gaps, ==, 0);
      else
        g_assert_cmpuint (n_gaps, >=, 1);
    }

  /* The series' own swatch in the sidebar, long-dashed */
  gtk_widget_activate (anneal_series_row_get_dash_choice (row, 4));
  settle ();
  g_assert_cmpuint (anneal_chart_get_series_dash (f->chart, 0), ==, 4);
  swatch_ink (anneal_series_row_get_swatch (series_row (f, 0)), &n_gaps);
  g_assert_cmpuint (n_gaps, >=, 1);
}

/* "The style popover does not mark the current colour and style" */
static void
test_popover_marks_current (Fixture       *f,
                            gconstpointer  data)
{
  AnnealSeriesRow *row;

  /* As a document opened with them shows them */
  anneal_chart_set_series_color (f->chart, 1, anneal_chart_palette_color (3));
  anneal_chart_set_series_dash (f->chart, 1, 4);
  _anneal_window_rebuild (f->window);
  settle ();
  row = series_row (f, 1);

  for (guint i = 0; i < 8; i++)
    g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
                       anneal_series_row_get_color_choice (row, i))), ==, i == 3);
  for (guint i = 0; i < anneal_chart_get_n_dashes (); i++)
    g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
                       anneal_series_row_get_dash_choice (row, i))), ==, i == 4);

  /* Choosing another moves the mark, and only there */
  popup_style (row);
  gtk_widget_activate (anneal_series_row_get_color_choice (row, 5));
  settle ();
  popup_style (row);
  gtk_widget_activate (anneal_series_row_get_dash_choice (row, 2));
  settle ();
  g_assert_cmphex (anneal_chart_get_series_color (f->chart, 1), ==,
                   anneal_chart_palette_color (5));
  g_assert_cmpuint (anneal_chart_get_series_dash (f->chart, 1), ==, 2);
  for (guint i = 0; i < 8; i++)
    g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
                       anneal_series_row_get_color_choice (row, i))), ==, i == 5);
  for (guint i = 0; i < anneal_chart_get_n_dashes (); i++)
    g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
                       anneal_series_row_get_dash_choice (row, i))), ==, i == 2);

  /* A colour outside the palette checks none */
  anneal_chart_set_series_color (f->chart, 1, 0x123456);
  _anneal_window_rebuild (f->window);
  settle ();
  row = series_row (f, 1);
  for (guint i = 0; i < 8; i++)
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (
                      anneal_series_row_get_color_choice (row, i))));

  /* Each choice has a name a screen reader can say */
  g_assert_cmpstr (anneal_widget_get_tooltip_text (anneal_series_row_get_dash_choice (row, 4)), ==,
                   "Long Dash");
  g_assert_cmpstr (anneal_widget_get_tooltip_text (anneal_series_row_get_color_choice (row, 6)), ==,
                   "Black");
}

/* "Chart tick and legend text is about 9 px at scale 1 — too small to read; follow
 * the desktop's font size" */
static void
test_font_size (Fixture       *f,
                gconstpointer  data)
{
  GtkSettings *settings = gtk_settings_get_default ();
  AnnealChartView *view = f->window->chart_view;
  g_autofree char *original = NULL;
  const AnnealChartLayout *l;
  double small, large, small_ticks;
  int width, height;

  g_object_get (settings, "gtk-font-name", &original, NULL);

  g_object_set (settings, "gtk-font-name", "Sans 10", NULL);
  WAIT_FOR (fabs (anneal_chart_get_font_size (f->chart) - 10 * 96 / 72.0) < 0.75);
  small = anneal_chart_get_font_size (f->chart);
  /* 10 pt: 13⅓ px at 96 dpi, whatever the window's size */
  g_assert_cmpfloat_with_epsilon (small, 10 * 96 / 72.0, 0.75);

  /* What is drawn: the tick labels and the legend at about that size, not 9 px */
  width = gtk_widget_get_width (GTK_WIDGET (view));
  height = gtk_widget_get_height (GTK_WIDGET (view));
  l = anneal_chart_get_layout (f->chart, width, height);
  g_assert_cmpfloat_with_epsilon (l->font_px, small, 1e-9);
  small_ticks = l->tick_label_height;
  g_assert_cmpfloat (small_ticks, >=, small);  /* a line of text is taller than its size */
  g_assert_cmpuint (l->legend.n, >, 0);
  {
    PangoFontDescription *desc = (PangoFontDescription *)
      pango_layout_get_font_description (l->legend.labels[0]);

    g_assert_nonnull (desc);
    g_assert_cmpfloat (pango_font_description_get_size (desc) / (double) PANGO_SCALE, >=,
                       small * 0.85);
  }

  /* The desktop's font grows: so does the chart's text, at once */
  g_object_set (settings, "gtk-font-name", "Sans 16", NULL);
  WAIT_FOR (anneal_chart_get_font_size (f->chart) > small * 1.4);
  large = anneal_chart_get_font_size (f->chart);
  g_assert_cmpfloat_with_epsilon (large / small, 1.6, 0.08);
  l = anneal_chart_get_layout (f->chart, width, height);
  g_assert_cmpfloat_with_epsilon (l->tick_label_height / small_ticks, 1.6, 0.15);

  g_object_set (settings, "gtk-font-name", original, NULL);
  settle ();
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = anneal_test_app_home ("test-app-style");
  int ret;

  if (!anneal_test_app_init (&argc, &argv, home))
    return 0;

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/anneal/app/style/dark-palette", test_dark_palette);
  ADD ("/anneal/app/style/long-dash", test_long_dash);
  ADD ("/anneal/app/style/popover-marks-current", test_popover_marks_current);
  ADD ("/anneal/app/style/font-size", test_font_size);

  ret = g_test_run ();
  anneal_test_remove_tree (home);
  return ret;
}
