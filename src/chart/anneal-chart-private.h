/* anneal-chart-private.h — internals of the chart shared by its files and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "anneal-chart.h"

G_BEGIN_DECLS

/* Ticks ------------------------------------------------------------------ */

#define ANNEAL_TICKS_MAX 64

typedef struct
{
  guint    n;                         /* major ticks inside [lo, hi] */
  double   major[ANNEAL_TICKS_MAX];
  guint    n_minor;                   /* minor ticks (log axes), without the majors */
  double   minor[ANNEAL_TICKS_MAX * 8];
  double   step;                      /* linear: the step; log: decades per major tick */
  gboolean log;                       /* positions on a log scale */
  gboolean decades;                   /* log: the majors are powers of ten */
  gboolean integer;                   /* only whole numbers (epochs) */
} AnnealTicks;

/* Heckbert's "nice numbers": the nice number (1, 2, 2.5, 5 × 10^k) close to @x;
 * rounded to the nearest when @round, else the smallest nice number ≥ @x. */
double   anneal_ticks_nice_number   (double       x,
                                     gboolean     round);

/* Linear ticks for [lo, hi] aiming at about @target ticks (at most ANNEAL_TICKS_MAX). */
void     anneal_ticks_linear        (double       lo,
                                     double       hi,
                                     guint        target,
                                     gboolean     integer,
                                     AnnealTicks *ticks);

/* Log ticks for [lo, hi] (lo > 0): majors at decades (every k-th when there are many),
 * minors at 2…9 × 10^k when the decades are few; a range inside one decade falls
 * back to linear nice ticks. */
void     anneal_ticks_log           (double       lo,
                                     double       hi,
                                     guint        target,
                                     AnnealTicks *ticks);

/* A compact label for @value on an axis whose ticks are @ticks, e.g. "0.02", "1e-5",
 * "250k" (integer axes), "−0.5". C locale. Returns the length. */
gsize    anneal_ticks_format        (const AnnealTicks *ticks,
                                     double             value,
                                     char              *buffer,
                                     gsize              size);

/* Envelope --------------------------------------------------------------- */

typedef struct
{
  gint64 first;   /* epochs first … last fall in this device-pixel column; */
  gint64 last;    /* first > last when none does */
  double min;     /* exact minimum and maximum over them */
  double max;
  double v_first; /* values at first and last */
  double v_last;
} AnnealChartColumn;

/* The device-pixel columns floor(x0) … floor(x0) + n_columns − 1 of a plot whose
 * epoch axis maps @view_first to device x @x0 and @view_last to @x1: for each column,
 * the integer epochs in [@epoch_first, @epoch_last] whose device x falls in
 * [column, column + 1), with their exact min and max (anneal_schedule_range).
 * Returns the number of columns filled: n_columns. */
guint    anneal_chart_envelope      (const AnnealSchedule *schedule,
                                     gint64                divisor,
                                     gint64                epoch_first,
                                     gint64                epoch_last,
                                     double                view_first,
                                     double                view_last,
                                     double                x0,
                                     double                x1,
                                     guint                 scan,
                                     AnnealChartColumn    *columns,
                                     guint                 n_columns);

/* Number of device-pixel columns for x0 … x1: floor (x1) − floor (x0) + 1. */
guint    anneal_chart_envelope_n_columns (double x0,
                                          double x1);

/* Model ------------------------------------------------------------------ */

#define ANNEAL_CHART_N_DASHES 7

/* The envelope of a series as last drawn, kept for the next frame: on an edit
 * only the edited series is sampled again. Valid for exactly these inputs. */
typedef struct
{
  AnnealSchedule    *schedule;   /* a reference: its address is not reused */
  gint64             divisor;
  gint64             epoch_first;
  gint64             epoch_last;
  double             view_first;
  double             view_last;
  double             x0;
  double             x1;
  guint              n_columns;
  guint              scan;
  AnnealChartColumn *columns;
} AnnealChartEnvelopeCache;

/* How many samples of a series each corner of an automatic legend would hide, as
 * last counted (anneal-chart-legend.c): on an edit only the edited series is
 * counted again. Each corner's count is valid for exactly its key. */
#define ANNEAL_CHART_COVERAGE_KEY 17

typedef struct
{
  AnnealSchedule *schedule;   /* a reference: its address is not reused */
  double          key[4][ANNEAL_CHART_COVERAGE_KEY];
  gboolean        valid[4];
  guint           count[4];
} AnnealChartCoverageCache;

/* The y range a series last asked for, and its smallest positive value (a log axis):
 * a change of another series, of the scale or of the title leaves it as it was — for
 * 50 series of restarts over 10^15 epochs a fifth of a second on the main loop. */
typedef struct
{
  AnnealSchedule *schedule;   /* a reference: its address is not reused */
  gint64          divisor;
  gint64          first;
  gint64          last;
  guint           scan;
  double          min;
  double          max;
  guint           positive_scan;  /* 0 until the smallest positive value is found */
  double          positive;
} AnnealChartRangeCache;

typedef struct
{
  AnnealSchedule           *schedule;
  char                     *label;
  guint32                   color;
  guint                     dash;
  gboolean                  visible;
  AnnealChartUnit           unit;
  AnnealChartEnvelopeCache  envelope;
  AnnealChartCoverageCache  coverage;
  AnnealChartRangeCache     range;
} AnnealChartSeries;

/* Steps and epochs: the chart's integer x positions are steps. A series stepped
 * per epoch has at step s its schedule's value at s div @divisor (K); one
 * stepped per step has @divisor 1. What is drawn or pointed at comes from
 * anneal_schedule_value_fast() (divided_value, divided_sample), at a bounded cost
 * per value on the app's main loop; the numbers written to files from
 * anneal_schedule_fill() (divided_fill), PyTorch's roundings and all. */
gint64     anneal_chart_series_divisor     (AnnealChart             *self,
                                            const AnnealChartSeries *s);
double     anneal_chart_divided_value      (const AnnealSchedule    *schedule,
                                            gint64                   divisor,
                                            gint64                   step);
void       anneal_chart_divided_sample     (const AnnealSchedule    *schedule,
                                            gint64                   divisor,
                                            gint64                   first,
                                            gsize                    count,
                                            double                  *values);
void       anneal_chart_divided_fill       (const AnnealSchedule    *schedule,
                                            gint64                   divisor,
                                            gint64                   first,
                                            gsize                    count,
                                            double                  *values);
/* The range of one pixel column (or legend sample), its cost bounded: a wave of
 * millions of periods per column looks at @scan pieces at each end of the column
 * (anneal_schedule_range_limited), not 2^19 — Hugging Face's cosine() over 10^15
 * epochs took three minutes to draw. @scan is anneal_chart_column_scan(). */
void       anneal_chart_column_range       (const AnnealSchedule    *schedule,
                                            gint64                   divisor,
                                            gint64                   first,
                                            gint64                   last,
                                            guint                    scan,
                                            double                  *min,
                                            double                  *max);

/* Pieces looked at per end of a column, for each series: ANNEAL_CHART_COLUMN_SCAN
 * while at most 8 series are shown, then ANNEAL_CHART_SCAN_BUDGET shared among
 * them, and never fewer than ANNEAL_CHART_SCAN_MIN. A document of 1000 series of
 * waves over 10^15 epochs took 42 s to draw its first frame with 256 each. */
#define ANNEAL_CHART_COLUMN_SCAN 256
#define ANNEAL_CHART_SCAN_BUDGET (8 * ANNEAL_CHART_COLUMN_SCAN)
#define ANNEAL_CHART_SCAN_MIN 4

guint      anneal_chart_column_scan        (AnnealChart             *self);

/* The same for the y axis's range over all the epochs shown: every piece (up to
 * anneal_schedule_range()'s own bound of 2^19 at each end) while at most 8 series
 * are shown, then 8·2^19 shared among them. */
#define ANNEAL_CHART_RANGE_SCAN (1u << 19)

guint      anneal_chart_range_scan         (AnnealChart             *self);

/* The columns of anneal_chart_envelope() for @s, computed or kept; NULL when a
 * deferred chart leaves them to anneal_chart_take_work() */
const AnnealChartColumn *anneal_chart_series_envelope (AnnealChart       *self,
                                                       AnnealChartSeries *s,
                                                       gint64             divisor,
                                                       gint64             epoch_first,
                                                       gint64             epoch_last,
                                                       double             view_first,
                                                       double             view_last,
                                                       double             x0,
                                                       double             x1,
                                                       guint              scan,
                                                       guint              n_columns);
void       anneal_chart_series_clear_envelope (AnnealChartSeries *s);
void       anneal_chart_series_clear_range    (AnnealChartSeries *s);
gboolean   anneal_chart_widen_range           (AnnealChart       *self,
                                               AnnealChartSeries *s,
                                               gint64             divisor,
                                               gint64             first,
                                               gint64             last,
                                               double             lo,
                                               double             hi);

typedef struct _AnnealChartLayout AnnealChartLayout;

/* What a change of the model makes stale. Colours, dashes, the theme and the
 * grid change no geometry; texts and the legend change the layout; data, epochs,
 * the view and the y scale change the data range and with it the layout. */
typedef enum
{
  ANNEAL_CHART_DIRTY_STYLE  = 0,
  ANNEAL_CHART_DIRTY_LAYOUT = 1 << 0,
  ANNEAL_CHART_DIRTY_RANGE  = 1 << 1 | ANNEAL_CHART_DIRTY_LAYOUT,
} AnnealChartDirty;

/* The data range: what the axes span before any text is laid out */
typedef struct
{
  double   x_lo, x_hi;       /* epochs at the left and right edge */
  gint64   epoch_first;      /* integer epochs inside the view */
  gint64   epoch_last;
  double   auto_y_lo;        /* the y range the data asks for (log: > 0) */
  double   auto_y_hi;
  double   y_lo, y_hi;       /* the y range shown: the view's, or the automatic one */
  gboolean log_y;
  gboolean partial;          /* a deferred chart left some series out */
} AnnealChartRange;

#define ANNEAL_CHART_N_CACHED_LAYOUTS 2

struct _AnnealChart
{
  GObject            parent_instance;

  GPtrArray         *series;   /* of AnnealChartSeries */
  guint              n_visible; /* of them: every series' scan budget asks (a count
                                   per series made rendering 80,000 specs quadratic) */
  gint64             n_epochs;
  gint64             steps_per_epoch;
  gint64             n_steps;  /* n_epochs · steps_per_epoch: the x positions */
  AnnealChartUnit    x_unit;

  gboolean           has_view;
  double             view_first;
  double             view_last;
  double             view_y_min;
  double             view_y_max;

  char              *title;
  char              *x_label;  /* NULL: the translated default */
  char              *y_label;
  AnnealChartTheme   theme;
  AnnealChartLegend  legend;
  guint              log_y : 1;
  guint              grid : 1;
  double             font_size;  /* px; 0: by the figure's size */

  /* Deferred drawing (anneal-chart-work.c): what was left out, noted */
  gboolean           deferred;
  GPtrArray         *requests;

  /* Caches: the data range until the data changes, and the layouts of the
   * last sizes asked for until the size or the model changes */
  gboolean           range_valid;
  AnnealChartRange   range;
  AnnealChartLayout *layouts[ANNEAL_CHART_N_CACHED_LAYOUTS];  /* most recent first */
  guint64            n_layouts_computed;
};

/* Drops the layouts kept (anneal_chart_changed() does, with LAYOUT) */
void       anneal_chart_clear_layouts      (AnnealChart      *self);

/* Deferred drawing (anneal-chart-work.c): whether a range or envelope over epochs
 * @first … @last is left to anneal_chart_take_work() rather than computed, and the
 * notes of what is left. */
#define ANNEAL_CHART_DEFER_MIN 65536
gboolean   anneal_chart_defers             (AnnealChart       *self,
                                            gint64             first,
                                            gint64             last);
void       anneal_chart_defer_range        (AnnealChart       *self,
                                            AnnealChartSeries *s,
                                            gint64             divisor,
                                            gint64             first,
                                            gint64             last,
                                            guint              scan);
void       anneal_chart_defer_positive     (AnnealChart       *self,
                                            AnnealChartSeries *s,
                                            guint              scan);
void       anneal_chart_defer_envelope     (AnnealChart       *self,
                                            AnnealChartSeries *s,
                                            gint64             divisor,
                                            gint64             epoch_first,
                                            gint64             epoch_last,
                                            double             view_first,
                                            double             view_last,
                                            double             x0,
                                            double             x1,
                                            guint              scan,
                                            guint              n_columns);
/* Whether a range is among the notes: the layout drawn is not the one to come */
gboolean   anneal_chart_has_deferred_range (AnnealChart       *self);

/* The smallest positive value of @schedule over @first … @last (a log axis's lower
 * end), from an envelope of 1024 columns */
double     anneal_chart_smallest_positive  (const AnnealSchedule *schedule,
                                            gint64                divisor,
                                            gint64                first,
                                            gint64                last,
                                            guint                 scan);

/* Emits "changed" after dropping what @dirty makes stale */
void       anneal_chart_changed            (AnnealChart      *self,
                                            AnnealChartDirty  dirty);
AnnealChartSeries *anneal_chart_get_series (AnnealChart      *self,
                                            guint             index);

/* The visible series' schedules (and their labels, when @labels is not NULL) */
GPtrArray *anneal_chart_get_visible_series (AnnealChart  *self,
                                            GPtrArray   **labels);
/* The integer epochs the view shows */
void       anneal_chart_get_visible_epochs (AnnealChart  *self,
                                            gint64       *first,
                                            gint64       *last);

/* Range and layout (anneal-chart-layout.c) -------------------------------- */

/* The data range, computed when the data changed since the last call */
const AnnealChartRange *anneal_chart_get_range (AnnealChart *self);

/* Longest text laid out: a title or axis label keeps its first
 * ANNEAL_CHART_TEXT_MAX_LINES lines, every line (and a legend label) its first
 * ANNEAL_CHART_TEXT_MAX_CHARS characters, each followed by "…" when cut
 * (anneal_text_bound(), which counts lines as Pango breaks them). */
#define ANNEAL_CHART_TEXT_MAX_LINES 3
#define ANNEAL_CHART_TEXT_MAX_CHARS 1000

typedef struct
{
  guint              n;
  double             w, h;
  double             row_h;
  double             sample_w;
  double             inner;
  PangoLayout       *labels[64];
  guint              series[64];   /* index of the series in the model */
  double             label_w[64];
  guint              n_visible;    /* the series shown, of which the first n have labels */
  gboolean           outside;      /* in rows above the plot area */
  guint              n_rows;
  /* In rows: the first n_shown entries, each at x_of (from the plot's left) in
   * row_of, then `more` ("…and 17 more") where the rows would take more than a third
   * of the figure or the series outnumber the labels. */
  guint              n_shown;
  double             x_of[64];
  guint              row_of[64];
  PangoLayout       *more;
  double             more_x;
  guint              more_row;
  AnnealChartLegend  where;
} AnnealChartLegendBox;

struct _AnnealChartLayout
{
  gboolean              partial;      /* of a range that left deferred series out */
  double                width;
  double                height;
  double                font_px;
  double                pad;
  double                tick_len;
  double                gap;
  double                offset;       /* the axes stand this far off the plot area */
  double                line_width;   /* of the curves */
  cairo_rectangle_t     plot;

  double                x_lo, x_hi;   /* epochs at the left and right edge */
  double                y_lo, y_hi;   /* values at the bottom and top (log: > 0) */
  gboolean              log_y;
  gint64                epoch_first;  /* integer epochs inside the view */
  gint64                epoch_last;

  AnnealTicks           x_ticks;
  AnnealTicks           y_ticks;

  PangoContext         *context;
  PangoLayout          *title;
  PangoLayout          *x_label;
  PangoLayout          *y_label;
  PangoLayout          *x_tick_labels[ANNEAL_TICKS_MAX];
  PangoLayout          *y_tick_labels[ANNEAL_TICKS_MAX];
  double                y_labels_width;
  double                tick_label_height;
  double                title_height;
  double                x_label_height;
  double                y_label_height;
  double                band;         /* above the plot area, for a legend outside it */
  AnnealChartLegendBox  legend;
};

/* The layout of a figure of @width × @height: computed once per size and
 * model change, owned by the chart (valid until the model changes) */
const AnnealChartLayout *anneal_chart_get_layout  (AnnealChart *self,
                                                   double       width,
                                                   double       height);
void       anneal_chart_layout_free        (AnnealChartLayout *layout);
/* Places the plot area, its ticks and margins with @band pixels above it */
void       anneal_chart_layout_place       (AnnealChart       *self,
                                            AnnealChartLayout *l,
                                            double             band);
PangoLayout *anneal_chart_make_text        (AnnealChartLayout *l,
                                            const char        *text,
                                            double             size,
                                            int                weight,
                                            gboolean           tabular);
/* Noncharacters: U+FDD0 … U+FDEF and U+xxFFFE, U+xxFFFF in every plane. Valid UTF-8
 * that cairo's PDF surface refuses (in drawn text and in metadata alike). */
gboolean     anneal_chart_is_noncharacter  (gunichar           c);
gboolean     anneal_chart_has_noncharacter (const char        *text);
void       anneal_chart_text_size          (PangoLayout       *layout,
                                            double            *w,
                                            double            *h);
/* (anneal-chart-draw.c) @layout at (@x, @y), aligned by @align_x (0 left, 0.5
 * centre, 1 right of x) and @align_y (0 top, 0.5 middle, 1 bottom at y), clipped
 * to its box and half a line around it: clear of ordinary glyphs' ink, while a run
 * of combining marks (990 accents on one letter) no longer draws over the chart */
void       anneal_chart_show_text          (cairo_t           *cr,
                                            PangoLayout       *layout,
                                            double             x,
                                            double             y,
                                            double             align_x,
                                            double             align_y);

/* Legend (anneal-chart-legend.c) ----------------------------------------- */

/* Measures the legend and picks its place, moving the plot area when it goes
 * above it */
void       anneal_chart_legend_layout      (AnnealChart       *self,
                                            AnnealChartLayout *l);
void       anneal_chart_series_clear_coverage (AnnealChartSeries    *s);
void       anneal_chart_legend_draw        (AnnealChart             *self,
                                            cairo_t                 *cr,
                                            const AnnealChartLayout *l,
                                            AnnealChartTheme         theme);
/* Value of the curve drawn through the integer steps, at real step t */
double     anneal_chart_interpolate        (const AnnealSchedule *schedule,
                                            gint64                divisor,
                                            gint64                n_steps,
                                            double                t);

/* Coordinates (anneal-chart-coords.c) ------------------------------------ */

double     anneal_chart_map_x              (const AnnealChartLayout *l,
                                            double                   epoch);
double     anneal_chart_map_y              (const AnnealChartLayout *l,
                                            double                   value);
double     anneal_chart_unmap_x             (const AnnealChartLayout *l,
                                             double                   x);
double     anneal_chart_unmap_y             (const AnnealChartLayout *l,
                                             double                   y);

/* Theme (anneal-chart-theme.c) ------------------------------------------- */

typedef struct
{
  double r, g, b, a;
} AnnealChartRgba;

typedef struct
{
  gboolean        fill_background;
  AnnealChartRgba background;
  AnnealChartRgba title;
  AnnealChartRgba text;        /* axis labels and tick labels */
  AnnealChartRgba axis;
  AnnealChartRgba grid;
  AnnealChartRgba grid_minor;
  AnnealChartRgba legend_background;
  AnnealChartRgba legend_border;
} AnnealChartColors;

const AnnealChartColors *anneal_chart_theme_colors (AnnealChartTheme  theme);
void       anneal_chart_set_source         (cairo_t               *cr,
                                            const AnnealChartRgba *c);
/* The colour a series is drawn in on @theme */
void       anneal_chart_set_source_ink     (cairo_t               *cr,
                                            guint32                rgb,
                                            AnnealChartTheme       theme);
/* Dash pattern @dash in multiples of @lw, with butt caps; 0 is solid (caps kept) */
void       anneal_chart_set_dash           (cairo_t               *cr,
                                            guint                  dash,
                                            double                 lw);

/* Drawing (anneal-chart-draw.c) ------------------------------------------ */

void       anneal_chart_draw_marker        (cairo_t                 *cr,
                                            double                   x,
                                            double                   y,
                                            double                   r);
gboolean   anneal_chart_use_markers        (const AnnealChartLayout *l);
double     anneal_chart_snap               (cairo_t                 *cr,
                                            double                   v,
                                            gboolean                 vertical_line,
                                            int                      n);
double     anneal_chart_device_px          (cairo_t                 *cr,
                                            double                   n);

G_END_DECLS
