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
#include <gio/gio.h>
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

/* How often a series is stepped, and the unit of the x axis */
typedef enum
{
  ANNEAL_CHART_UNIT_EPOCH,         /* once per epoch (PyTorch's examples, timm) */
  ANNEAL_CHART_UNIT_STEP,          /* once per optimizer step (Hugging Face, Keras, optax) */
} AnnealChartUnit;

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
/* A new chart with @self's series and settings (the schedules shared: they do not
 * change) and none of its caches: a figure can be drawn from it in another thread
 * while @self, the main thread's, goes on changing. */
AnnealChart       *anneal_chart_copy               (AnnealChart      *self);

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
/* The colour a series of colour @rgb is drawn in on @theme: the one palette per
 * theme that the figure, the legend and every swatch of the app use (black turns
 * light on the dark theme, yellow a little deeper on paper). */
guint32            anneal_chart_theme_ink          (guint32            rgb,
                                                    AnnealChartTheme   theme);

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

/* The size of the figure's text in logical pixels: the axis labels at @px, tick
 * labels and the legend a tenth smaller, the title a fifth larger; margins and line
 * widths follow. 0, the default, sizes it by the figure: √(width · height) / 70
 * within 10 … 20 px, 13.7 px at 1280 × 720 (anneal-cli render). The app sets the
 * desktop's font size. */
#define ANNEAL_CHART_MIN_FONT_SIZE 4.0
#define ANNEAL_CHART_MAX_FONT_SIZE 96.0
void               anneal_chart_set_font_size      (AnnealChart       *self,
                                                    double             px);
double             anneal_chart_get_font_size      (AnnealChart       *self);

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

/* Whether a figure of @width × @height at @scale can be written as @format: each side
 * and the scale within their bounds, a PNG's pixels too; the error says which not. */
gboolean           anneal_chart_export_check_size  (int                width,
                                                    int                height,
                                                    double             scale,
                                                    AnnealChartFormat  format,
                                                    GError           **error);

/* Files. Written to a temporary file beside @path and renamed when complete.
 * With @cancellable cancelled, nothing is written (a CSV's rows stop within 4096
 * of them and the temporary file is removed) and the error is G_IO_ERROR_CANCELLED. */
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
                                                    GCancellable      *cancellable,
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

/* Steps and epochs. A run lasts n epochs of K steps each (K = 1 by default,
 * n·K ≤ ANNEAL_EPOCH_MAX: setting more epochs lowers K to fit). Each series is
 * stepped per epoch (the default: its value at epoch e holds through the K steps
 * of e) or per step (evaluated at the step). The x coordinates of the view,
 * anneal_chart_pixel_to_data() and anneal_chart_data_to_pixel() are steps,
 * 0 … n·K − 1 — epochs when K = 1; the x unit only chooses which of the two the
 * axis labels (the other gets secondary ticks). */
void               anneal_chart_set_steps_per_epoch(AnnealChart       *self,
                                                    gint64             steps_per_epoch);
gint64             anneal_chart_get_steps_per_epoch(AnnealChart       *self);
/* n·K: the number of steps, the x extent */
gint64             anneal_chart_get_n_steps        (AnnealChart       *self);
void               anneal_chart_set_series_unit    (AnnealChart       *self,
                                                    guint              index,
                                                    AnnealChartUnit    unit);
AnnealChartUnit    anneal_chart_get_series_unit    (AnnealChart       *self,
                                                    guint              index);
/* The value series @index has at @step (0 … n·K − 1) */
double             anneal_chart_get_series_value   (AnnealChart       *self,
                                                    guint              index,
                                                    gint64             step);
void               anneal_chart_set_x_unit         (AnnealChart       *self,
                                                    AnnealChartUnit    unit);
AnnealChartUnit    anneal_chart_get_x_unit         (AnnealChart       *self);
/* "epoch" and "step", as files and the command line write them */
const char        *anneal_chart_unit_to_string     (AnnealChartUnit    unit);
gboolean           anneal_chart_unit_from_string   (const char        *text,
                                                    AnnealChartUnit   *unit);

/* Additions */
AnnealChartLegend  anneal_chart_get_legend         (AnnealChart       *self);
gboolean           anneal_chart_get_grid           (AnnealChart       *self);
/* Number of distinct dash patterns; dash 0 is a solid line. */
guint              anneal_chart_get_n_dashes       (void);
/* A short line in colour @rgb (as drawn on @theme) and dash @dash, @lw wide,
 * from (@x0, @y) to (@x1, @y): the legend's sample, and the app's swatches.
 * A sample of 16 line widths or more shows each dash pattern apart. */
void               anneal_chart_draw_line_sample   (cairo_t           *cr,
                                                    guint32            rgb,
                                                    guint              dash,
                                                    AnnealChartTheme   theme,
                                                    double             x0,
                                                    double             x1,
                                                    double             y,
                                                    double             lw);
/* The file extension of a format, without the dot: "png", "svg", "pdf", "csv". */
const char        *anneal_chart_format_get_extension (AnnealChartFormat format);

/* Deferred drawing (anneal-chart-work.c): a deferred chart does not compute, while it
 * lays out or draws, a series' y range or envelope over more than 65536 epochs that it
 * has not kept. It leaves the series out of that range or figure and notes the work;
 * anneal_chart_take_work() hands it over (NULL: what was last drawn or laid out was
 * complete), anneal_chart_work_run() computes it in any thread, and
 * anneal_chart_install_work(), on the chart's thread, keeps the results for the next
 * draw (TRUE: something was kept, draw again). No "changed" is emitted: the model is
 * the same. A copy of the chart is not deferred; files are always drawn whole. */
typedef struct _AnnealChartWork AnnealChartWork;

void               anneal_chart_set_deferred       (AnnealChart       *self,
                                                    gboolean           deferred);
gboolean           anneal_chart_get_deferred       (AnnealChart       *self);
AnnealChartWork   *anneal_chart_take_work          (AnnealChart       *self);
gboolean           anneal_chart_has_work           (AnnealChart       *self);
/* The work dealt into at most @n parts (of AnnealChartWork), to run in as many
 * threads; @work is left empty */
GPtrArray         *anneal_chart_work_split         (AnnealChartWork   *work,
                                                    guint              n);
gboolean           anneal_chart_work_run           (AnnealChartWork   *work,
                                                    GCancellable      *cancellable);
gboolean           anneal_chart_install_work       (AnnealChart       *self,
                                                    AnnealChartWork   *work);
void               anneal_chart_work_free          (AnnealChartWork   *work);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnealChartWork, anneal_chart_work_free)

G_END_DECLS
