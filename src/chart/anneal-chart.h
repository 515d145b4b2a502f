/* anneal-chart.h — the chart model and its one draw function (screen and files)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model holds series (a schedule, a label, a colour, a dash, visible or not),
 * the epoch range, the y scale, title, axis labels, legend and theme. Everything
 * that is drawn — the widget's snapshot and every exported file — goes through
 * anneal_chart_draw(), so what is exported is what is seen.
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>
#include <anneal.h>

G_BEGIN_DECLS

typedef enum
{
  ANNEAL_CHART_THEME_LIGHT,        /* "paper": white background, for reports */
  ANNEAL_CHART_THEME_DARK,
  ANNEAL_CHART_THEME_TRANSPARENT,  /* light ink, no background */
} AnnealChartTheme;

typedef enum
{
  ANNEAL_CHART_FORMAT_PNG,
  ANNEAL_CHART_FORMAT_SVG,
  ANNEAL_CHART_FORMAT_PDF,
  ANNEAL_CHART_FORMAT_CSV,
} AnnealChartFormat;

typedef enum
{
  ANNEAL_CHART_LEGEND_AUTO,        /* where it hides the least of the curves */
  ANNEAL_CHART_LEGEND_TOP_LEFT,
  ANNEAL_CHART_LEGEND_TOP_RIGHT,
  ANNEAL_CHART_LEGEND_BOTTOM_LEFT,
  ANNEAL_CHART_LEGEND_BOTTOM_RIGHT,
  ANNEAL_CHART_LEGEND_NONE,
} AnnealChartLegend;

#define ANNEAL_CHART_ERROR (anneal_chart_error_quark ())

typedef enum
{
  ANNEAL_CHART_ERROR_FORMAT,  /* unknown file extension / format */
  ANNEAL_CHART_ERROR_SIZE,    /* figure size or scale out of range */
  ANNEAL_CHART_ERROR_WRITE,   /* the file could not be written (nothing is left behind) */
} AnnealChartError;

GQuark anneal_chart_error_quark (void);

#define ANNEAL_TYPE_CHART (anneal_chart_get_type ())
G_DECLARE_FINAL_TYPE (AnnealChart, anneal_chart, ANNEAL, CHART, GObject)

/* Emitted as "changed" whenever anything that affects the drawing changes. */

AnnealChart       *anneal_chart_new                (void);

/* Series. Colour is 0xRRGGBB; a new series gets the next Okabe–Ito colour and dash. */
guint              anneal_chart_add_series         (AnnealChart       *self,
                                                    AnnealSchedule    *schedule,
                                                    const char        *label);
void               anneal_chart_remove_series      (AnnealChart       *self,
                                                    guint              index);
void               anneal_chart_clear              (AnnealChart       *self);
guint              anneal_chart_get_n_series       (AnnealChart       *self);
void               anneal_chart_move_series        (AnnealChart       *self,
                                                    guint              from,
                                                    guint              to);
AnnealSchedule    *anneal_chart_get_series_schedule(AnnealChart       *self,
                                                    guint              index);
void               anneal_chart_set_series_schedule(AnnealChart       *self,
                                                    guint              index,
                                                    AnnealSchedule    *schedule);
const char        *anneal_chart_get_series_label   (AnnealChart       *self,
                                                    guint              index);
void               anneal_chart_set_series_label   (AnnealChart       *self,
                                                    guint              index,
                                                    const char        *label);
guint32            anneal_chart_get_series_color   (AnnealChart       *self,
                                                    guint              index);
void               anneal_chart_set_series_color   (AnnealChart       *self,
                                                    guint              index,
                                                    guint32            rgb);
guint              anneal_chart_get_series_dash    (AnnealChart       *self,
                                                    guint              index);
void               anneal_chart_set_series_dash    (AnnealChart       *self,
                                                    guint              index,
                                                    guint              dash);
gboolean           anneal_chart_get_series_visible (AnnealChart       *self,
                                                    guint              index);
void               anneal_chart_set_series_visible (AnnealChart       *self,
                                                    guint              index,
                                                    gboolean           visible);
guint32            anneal_chart_palette_color      (guint              i);

/* Epochs t = 0 … n−1 are shown unless a view (zoom) narrows them. */
void               anneal_chart_set_epochs         (AnnealChart       *self,
                                                    gint64             n);
gint64             anneal_chart_get_epochs         (AnnealChart       *self);
void               anneal_chart_set_view           (AnnealChart       *self,
                                                    double             first_epoch,
                                                    double             last_epoch,
                                                    double             y_min,
                                                    double             y_max);
void               anneal_chart_get_view           (AnnealChart       *self,
                                                    double            *first_epoch,
                                                    double            *last_epoch,
                                                    double            *y_min,
                                                    double            *y_max);
void               anneal_chart_reset_view         (AnnealChart       *self);
gboolean           anneal_chart_has_view           (AnnealChart       *self);

void               anneal_chart_set_log_y          (AnnealChart       *self,
                                                    gboolean           log_y);
gboolean           anneal_chart_get_log_y          (AnnealChart       *self);
void               anneal_chart_set_title          (AnnealChart       *self,
                                                    const char        *title);
const char        *anneal_chart_get_title          (AnnealChart       *self);
void               anneal_chart_set_x_label        (AnnealChart       *self,
                                                    const char        *label);
void               anneal_chart_set_y_label        (AnnealChart       *self,
                                                    const char        *label);
void               anneal_chart_set_theme          (AnnealChart       *self,
                                                    AnnealChartTheme   theme);
AnnealChartTheme   anneal_chart_get_theme          (AnnealChart       *self);
void               anneal_chart_set_legend         (AnnealChart       *self,
                                                    AnnealChartLegend  legend);
void               anneal_chart_set_grid           (AnnealChart       *self,
                                                    gboolean           grid);

/* Draws the whole figure into the rectangle (0, 0, width, height) of @cr, in user units. */
void               anneal_chart_draw               (AnnealChart       *self,
                                                    cairo_t           *cr,
                                                    double             width,
                                                    double             height);

/* The same figure in another theme than the model's (an export in light,
 * dark or transparent while the screen shows another) */
void               anneal_chart_draw_with_theme    (AnnealChart       *self,
                                                    cairo_t           *cr,
                                                    double             width,
                                                    double             height,
                                                    AnnealChartTheme   theme);

/* For a figure drawn at width × height: the plot area, and pixel ↔ data.
 * The layout of the last two sizes asked for is kept until the model changes:
 * these cost a few arithmetic operations, not a layout. */
void               anneal_chart_get_plot_area      (AnnealChart       *self,
                                                    double             width,
                                                    double             height,
                                                    cairo_rectangle_t *area);
gboolean           anneal_chart_pixel_to_data      (AnnealChart       *self,
                                                    double             width,
                                                    double             height,
                                                    double             x,
                                                    double             y,
                                                    double            *epoch,
                                                    double            *value);
void               anneal_chart_data_to_pixel      (AnnealChart       *self,
                                                    double             width,
                                                    double             height,
                                                    double             epoch,
                                                    double             value,
                                                    double            *x,
                                                    double            *y);

/* Files. Written to a temporary file beside @path and renamed when complete. */
gboolean           anneal_chart_format_from_path   (const char        *path,
                                                    AnnealChartFormat *format,
                                                    GError           **error);
gboolean           anneal_chart_export             (AnnealChart       *self,
                                                    const char        *path,
                                                    AnnealChartFormat  format,
                                                    int                width,
                                                    int                height,
                                                    double             scale,
                                                    GError           **error);
gboolean           anneal_chart_export_with_theme  (AnnealChart       *self,
                                                    const char        *path,
                                                    AnnealChartFormat  format,
                                                    int                width,
                                                    int                height,
                                                    double             scale,
                                                    AnnealChartTheme   theme,
                                                    GError           **error);
/* Limits of anneal_chart_export() and anneal_chart_render_png(), refused with
 * ANNEAL_CHART_ERROR_SIZE: each side 16 … 16384 logical pixels, a device scale
 * of 0.25 … 8, and at most 2^27 device pixels in a PNG (512 MiB of image). */
#define ANNEAL_CHART_MIN_SIZE    16
#define ANNEAL_CHART_MAX_SIZE    16384
#define ANNEAL_CHART_MIN_SCALE   0.25
#define ANNEAL_CHART_MAX_SCALE   8.0
#define ANNEAL_CHART_MAX_PIXELS  (G_GINT64_CONSTANT (1) << 27)

/* PNG bytes of the figure, e.g. for the clipboard. */
GBytes            *anneal_chart_render_png         (AnnealChart       *self,
                                                    int                width,
                                                    int                height,
                                                    double             scale,
                                                    GError           **error);
GBytes            *anneal_chart_render_png_with_theme (AnnealChart     *self,
                                                    int                width,
                                                    int                height,
                                                    double             scale,
                                                    AnnealChartTheme   theme,
                                                    GError           **error);

/* Additions */
AnnealChartLegend  anneal_chart_get_legend         (AnnealChart       *self);
gboolean           anneal_chart_get_grid           (AnnealChart       *self);
/* Number of distinct dash patterns; dash 0 is a solid line. */
guint              anneal_chart_get_n_dashes       (void);
/* The file extension of a format, without the dot: "png", "svg", "pdf", "csv". */
const char        *anneal_chart_format_get_extension (AnnealChartFormat format);

G_END_DECLS
