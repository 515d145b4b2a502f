/* anneal-private.h — what the kinds, the parser and the evaluator share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How to add a kind
 * =================
 *
 * One new file, src/libanneal/kinds/kind-NAME.c defining `anneal_kind_NAME` (with
 * '_' for '-'), and its name on one line of the list in
 * src/libanneal/kinds/meson.build, which builds the file and generates the
 * catalogue table (anneal-kind-list.h) from it. Nothing else: the parser, the
 * canonical printer, `anneal-cli list`, the app's panels, the damped twin, the
 * warm-up and the catalogue test (tests/test-kinds.c, /anneal/kinds/catalogue/...)
 * all read the class. The file contains, in this order:
 *
 * 1. A comment with the formula and the library call it reproduces.
 * 2. The parameter indices and the table, tied together so they cannot drift:
 *
 *      enum { LR, GAMMA, N_PARAMS };
 *      static const AnnealParam params[] = {
 *        [LR] = ANNEAL_PEAK_RATE_PARAM ("lr", "0.1", N_("Initial learning rate")),
 *        [GAMMA] = { .name = "gamma", .type = ANNEAL_PARAM_NUMBER, .default_value = "0.95",
 *                    .min = 0, .max = 1, .flags = ANNEAL_PARAM_FLAGS_MIN_OPEN,
 *                    .summary = N_("Factor applied every epoch") },
 *      };
 *      G_STATIC_ASSERT (G_N_ELEMENTS (params) == N_PARAMS);
 *
 *    Exactly one parameter carries ANNEAL_PARAM_FLAGS_PEAK (ANNEAL_PEAK_RATE_PARAM):
 *    the rate a warm-up in front of the schedule climbs to. Defaults are spec text
 *    (NULL: follows another parameter, resolved in prepare() when !values[i].set).
 *    Summaries are N_() and get a German entry at the end of po/de.po.
 * 3. Optionally a private state struct for what prepare() derives from the
 *    parameters (plain numbers, no pointers), read back with
 *    ANNEAL_STATE (stage, MyState) and written in prepare() with ANNEAL_STATE_MUT:
 *
 *      typedef struct { gint64 m; double scale; } MyState;
 *      ... .state_size = sizeof (MyState), ...
 *
 * 4. The hooks of AnnealKindClass below: value() is required; prepare() sets the
 *    shape (cycle_length for equal cycles from epoch 0, uniform_classes, period);
 *    piece_end() only if a cycle is not one monotone piece (or the kind has turning
 *    points without cycles); cycle() only for unequal cycles; fill(), cycles_sum()
 *    for speed, bit for bit what value() gives; damp() if the kind has a damped
 *    variant; pitfalls() if its shape has a horizon, a rise, restarts or
 *    milestones a run can miss (anneal-pitfalls.c).
 * 5. The class, with designated initialisers:
 *
 *      const AnnealKindClass anneal_kind_NAME = {
 *        .info = { .name = "NAME", .summary = N_("…"), .params = params,
 *                  .n_params = N_PARAMS, .origin = "PyTorch FooLR" },
 *        .state_size = sizeof (MyState),
 *        .prepare = NAME_prepare,
 *        .value = NAME_value,
 *      };
 *
 * Rules every kind keeps, checked for every kind by the catalogue test: the
 * defaults parse and prepare; the canonical text reads back to an equal schedule;
 * every value is finite and ≥ 0 (compute it so, do not clamp a wrong number);
 * range(), stats() and fill() agree with value(); summary and origin are set; the
 * kind has a row of defaults in spec_table and at least one case in
 * reference_cases (tests/test-kinds.c); a damped twin is not damped again.
 */
#pragma once

#include "anneal.h"

G_BEGIN_DECLS

/* The catalogue's descriptions. Opaque in the installed headers (fields can be added
 * without breaking the ABI): programs read them through the anneal_kind_get_*() and
 * anneal_param_get_*() accessors. Strings are untranslated msgids. */
struct _AnnealParam
{
  const char         *name;
  AnnealParamType     type;
  const char         *default_value;  /* as spec text: "0.1", "1/3", "[30, 80]", "cos", "false" */
  double              min;            /* NUMBER, INTEGER: bounds; LIST: bounds of each element */
  double              max;
  AnnealParamFlags    flags;
  const char * const *choices;        /* CHOICE: NULL-terminated */
  const char         *summary;        /* one line */
};

struct _AnnealKind
{
  const char        *name;
  const char        *summary;      /* one line, untranslated msgid */
  const AnnealParam *params;
  guint              n_params;
  const char        *damped_twin;  /* the kind that damps this one's cycles, or NULL */
  const char        *origin;       /* "notebook", "PyTorch", … (not translated) */
};

/* One parameter value of a stage. Numbers, integers, booleans (0/1) and choices
 * (index into AnnealParam.choices) live in `number`; lists in `list`. */
typedef struct
{
  double   number;
  double  *list;
  guint    n_list;
  gboolean set;      /* given in the spec (or by with_param), not a default */
} AnnealValue;

typedef struct _AnnealStage AnnealStage;

/* A kind's value() or model_value(): the rate at local epoch t. */
typedef double (*AnnealValueFunc) (const AnnealStage *stage,
                                   gint64             t);

typedef struct _AnnealKindClass AnnealKindClass;
typedef struct _AnnealPitfallScope AnnealPitfallScope;

/* A cycle of a stage: the epochs start … start + length − 1. */
typedef struct
{
  gint64 index;
  gint64 start;
  gint64 length;
} AnnealCycle;

/* Everything a kind knows about itself (see "How to add a kind" above). */
struct _AnnealKindClass
{
  AnnealKind info;

  /* Bytes of the kind's private state: a plain struct of numbers (no pointers: it is
   * copied byte for byte with the stage), zeroed before each prepare(). 0: none. */
  gsize      state_size;

  /* Checks what single-parameter ranges cannot (e.g. cycles ≤ epochs), resolves
   * defaults that follow other parameters, fills the private state and the stage's
   * shape fields (cycle_length, uniform_classes, period). On error sets *bad_param
   * to the parameter to blame. NULL: nothing to do. */
  gboolean (*prepare)    (AnnealStage       *stage,
                          guint             *bad_param,
                          GError           **error);

  /* The value at local epoch t ≥ 0: finite and ≥ 0 for every valid spec. */
  double   (*value)      (const AnnealStage *stage,
                          gint64             t);

  /* Optional, for a kind whose value() can cost many steps (AnnealStage.value_cost):
   * the value without the roundings those steps reproduce — PyTorch's recursion
   * telescoped to a closed form — at a cost that does not grow with them, within
   * a rounding drift of value() (1e-9 of the peak). Ranges over long spans take the
   * ends of pieces from it (see stage_range in anneal-schedule.c). */
  double   (*model_value) (const AnnealStage *stage,
                           gint64             t);

  /* The last epoch of the monotone piece containing t (jumps and turning points
   * end a piece). NULL: each cycle is one monotone piece (and a kind without
   * cycles is monotone everywhere). */
  gint64   (*piece_end)  (const AnnealStage *stage,
                          gint64             t);

  /* The cycle containing t, for cycles of unequal length. NULL: the cycles are the
   * stage->cycle_length blocks from epoch 0, or one unbounded cycle when that is 0.
   * When stage->uniform_classes is n > 0, all cycles have the same length and, for
   * a fixed offset within the cycle, the value is monotone in the cycle index among
   * cycles of equal index mod n: the range over many whole cycles is then found
   * from the first and last n of them. */
  void     (*cycle)      (const AnnealStage *stage,
                          gint64             t,
                          AnnealCycle       *cycle);

  /* Optional: values at local epochs t … t+n−1, bit for bit what value() gives,
   * only faster. Periodic stages need none: see AnnealStage.period. */
  void     (*fill)       (const AnnealStage *stage,
                          gint64             t,
                          gsize              n,
                          double            *values);

  /* Optional: the sum of the values over the whole cycles first … last, in closed
   * form. FALSE when it cannot tell; the values are then added up one by one. */
  gboolean (*cycles_sum) (const AnnealStage *stage,
                          gint64             first,
                          gint64             last,
                          double            *sum);

  /* Optional: the sum of value(t) over local epochs a … b, at a cost that does not
   * grow with b − a (closed forms, per-piece or per-cycle sums; see anneal-sums.c),
   * or NAN when it has none for these parameters. Then (or when NULL) statistics
   * sum one period or the whole cycles (cycles_sum) if they can, else value by
   * value. */
  double   (*sum)        (const AnnealStage *stage,
                          gint64             a,
                          gint64             b);

  /* Optional: the damped variant of the stage as a one-stage schedule (the app's
   * "damped twin"), or NULL when it has none (already damped, say). A kind whose
   * twin is another kind names it in info.damped_twin and uses
   * anneal_damp_by_twin; a kind that damps itself changes a parameter with
   * anneal_stage_with_param(). */
  AnnealSchedule *(*damp) (const AnnealStage *stage);

  /* Optional: Python for `anneal-cli code` — lines of a function body (indented by
   * four spaces, ending in a return) that compute the value at the local epoch `t`
   * (a Python int ≥ 0) with the same operations as value(), using only the `math`
   * module, so that Python gets the same double. Write numbers with
   * anneal_py_float(). NULL: the kind cannot be exported. */
  void     (*python)     (const AnnealStage *stage,
                          GString           *body);

  /* Optional: the pitfalls of the kind's own shape over the epochs the run covers
   * (scope->n, see anneal-pitfalls.c), reported with the anneal_pitfalls_*()
   * helpers below — a horizon, a rise, restarts, milestones — at a cost that does
   * not grow with the run. zero-rate and sequence stages are checked for every
   * kind; NULL: nothing else to look for. */
  void     (*pitfalls)   (const AnnealStage  *stage,
                          AnnealPitfallScope *scope);
};

struct _AnnealStage
{
  const AnnealKindClass *klass;
  AnnealValue           *values;      /* klass->info.n_params of them */
  gint64                 length;      /* for=N, or -1 for the last stage */
  gint64                 offset;      /* first epoch of the stage in the schedule */
  /* Shape, set by prepare(); all 0 before it. */
  gint64                 cycle_length;    /* > 0: cycles of this many epochs from epoch 0 */
  guint                  uniform_classes; /* see AnnealKindClass.cycle */
  gboolean               uniform_drift;   /* the classes are monotone only up to a
                                           * rounding drift (a library's float phase):
                                           * ranges scan up to RANGE_SCAN_CYCLES whole
                                           * cycles exactly, use the classes beyond */
  gint64                 period;      /* > 0: value(t + period) is value(t), bit for bit */
  gint64                 value_cost;  /* > 1: one value() costs about this many steps (a
                                       * library's recursion); ranges of drifting cycles
                                       * scan fewer cycles one by one (RANGE_SCAN_COST) */
  gpointer               state;       /* klass->state_size bytes, owned */
};

struct _AnnealSchedule
{
  gatomicrefcount ref_count;
  guint           n_stages;
  AnnealStage    *stages;
};

#define ANNEAL_NUM(stage, idx) ((stage)->values[(idx)].number)
#define ANNEAL_INT(stage, idx) ((gint64) (stage)->values[(idx)].number)

/* The kind's private state, as its own struct type. */
#define ANNEAL_STATE(stage, Type) ((const Type *) (stage)->state)
#define ANNEAL_STATE_MUT(stage, Type) ((Type *) (stage)->state)

/* anneal-kinds.c */
guint                  anneal_kind_class_count  (void);
const AnnealKindClass *anneal_kind_class_nth    (guint i);
const AnnealKindClass *anneal_kind_class_lookup (const char *name);
const AnnealKindClass *anneal_kind_get_class    (const AnnealKind *kind);
/* Parses a parameter's default text into @value (never fails for the built-in table). */
void                   anneal_param_default     (const AnnealParam *param,
                                                 AnnealValue       *value);

/* anneal-schedule.c */
AnnealSchedule        *anneal_schedule_alloc    (guint n_stages);
void                   anneal_stage_clear       (AnnealStage *stage);
void                   anneal_stage_copy        (AnnealStage       *dest,
                                                 const AnnealStage *src);
gboolean               anneal_stage_prepare     (AnnealStage *stage,
                                                 guint       *bad_param,
                                                 GError     **error);
void                   anneal_schedule_layout   (AnnealSchedule *self);
gboolean               anneal_value_equal       (const AnnealValue *a,
                                                 const AnnealValue *b);

/* anneal-spec.c */
gboolean               anneal_param_parse_text  (const AnnealParam *param,
                                                 const char        *text,
                                                 AnnealValue       *value,
                                                 GError           **error);
char                  *anneal_value_to_string   (const AnnealParam *param,
                                                 const AnnealValue *value);
gboolean               anneal_check_value       (const AnnealKind  *kind,
                                                 const AnnealParam *param,
                                                 const AnnealValue *value,
                                                 GError           **error);
/* Refuses stages whose canonical text is longer than ANNEAL_SPEC_MAX_LENGTH
 * (ANNEAL_SPEC_ERROR_LIMIT), so that whatever is accepted reads back; *bad_stage:
 * the stage at which the text passes the limit. */
gboolean               anneal_stages_check_length (const AnnealStage  *stages,
                                                   guint               n_stages,
                                                   guint              *bad_stage,
                                                   GError            **error);
/* An ANNEAL_SPEC_ERROR that keeps @column (0: none) and @reason as data. */
void                   anneal_spec_error_set    (GError           **error,
                                                 int                code,
                                                 guint              column,
                                                 const char        *reason);

/* Shared helpers of the kinds. */
/* The notebook's `w * lr_start + (1 - w) * lr_end`, written from the smaller end,
 * b + w·(a − b) or a + (1 − w)·(b − a): the same number up to an ulp, but monotone in
 * w after rounding too, which is what lets anneal_schedule_range() give exactly the
 * minimum and maximum a scan finds; never below the smaller end (so never negative);
 * and exactly a at w = 1 and b at w = 0 without cancellation, even when one end is
 * many orders of magnitude below the other. */
static inline double
anneal_lerp (double w,
             double a,
             double b)
{
  if (a >= b)
    return b + w * (a - b);
  return a + (1 - w) * (b - a);
}

/* The stage's cycles and monotone pieces, whichever way the kind describes them. */
void     anneal_stage_cycle       (const AnnealStage *stage,
                                   gint64             t,
                                   AnnealCycle       *cycle);
gboolean anneal_stage_has_cycles  (const AnnealStage *stage);
gint64   anneal_stage_piece_end   (const AnnealStage *stage,
                                   gint64             t);

/* The stage alone, as a one-stage schedule with @name set to @value (NULL if the
 * value is refused). For damp() hooks. */
AnnealSchedule *anneal_stage_with_param (const AnnealStage *stage,
                                         const char        *name,
                                         const char        *value);
/* A damp() hook: the kind named by info.damped_twin, keeping every parameter the
 * user changed that the twin also has; the rest at the twin's defaults. */
AnnealSchedule *anneal_damp_by_twin     (const AnnealStage *stage);

/* kinds/anneal-sums.c: closed-form sums for the sum() hooks. Spans of at most
 * ANNEAL_SUM_DIRECT_MAX epochs are best added up directly. */
#define ANNEAL_SUM_DIRECT_MAX 4096
double   anneal_sum_direct        (const AnnealStage *stage,
                                   gint64             a,
                                   gint64             b);
/* The same with the kind's fill() (for kinds whose value() alone is slow). */
double   anneal_sum_fill          (const AnnealStage *stage,
                                   gint64             a,
                                   gint64             b);
/* Kinds whose values follow a library's floating-point phase or recursion (PyTorch's
 * cosine past t_max, CyclicLR's cycle, Hugging Face's and Keras' phases) differ from
 * their formula by roundings that grow with t: ~1e-16·t relative per value, partly
 * systematic. Their sum() hooks add spans up to this many epochs one by one (a few
 * milliseconds), so that statistics over the spans a chart shows are PyTorch's own
 * numbers added up; longer spans are summed in closed form from the formula, which
 * the values added up differ from by those roundings (each hook says how much). */
#define ANNEAL_SUM_ROUNDED_MAX (1 << 20)
/* Σ q^j, j = 0 … n−1, from log q (accurate for q close to 1), or from q. */
double   anneal_sum_geometric_log (double             log_q,
                                   gint64             n);
double   anneal_sum_geometric     (double             q,
                                   gint64             n);
/* Σ cos(α + k·d), k = p … q. */
double   anneal_sum_cos           (double             alpha,
                                   double             d,
                                   gint64             p,
                                   gint64             q);
/* Σ cos(π·(α + k·r)), k = p … q: α and r in turns of π, r reduced modulo 2 exactly
 * before anything is rounded, so that an increment of whole turns stays one. */
double   anneal_sum_cos_pi        (double             alpha,
                                   double             r,
                                   gint64             p,
                                   gint64             q);
/* Σ (1 + sign·cos(π·k/m))/2, k = p … q, sign ±1. */
double   anneal_sum_half_cosine   (gint64             m,
                                   gint64             p,
                                   gint64             q,
                                   int                sign);

/* Σ sin²(π·j/(2m)), j = p … q, 0 ≤ p ≤ q ≤ m: to a few ulps near j = 0 too, where
 * the closed form of the cosines cancels. */
double   anneal_sum_sin2          (gint64             m,
                                   gint64             p,
                                   gint64             q);
/* Σ sin²(φ + j·θ), j = 0 … count − 1, for 0 ≤ φ and φ + (count − 1)·θ ≤ π/2, θ > 0:
 * the same, with the sines' smallest end at φ. */
double   anneal_sum_sin2_phase    (double             phi,
                                   double             theta,
                                   gint64             count);

/* Sums without a closed form: a function of the real epoch t + dx (dx small, so
 * that a function that varies near a far epoch can keep its digits: compute
 * differences with t in integers), equal up to rounding to the kind's value at
 * whole epochs (dx = 0) and analytic on the span summed — one smooth piece, no
 * jump, kink, restart or clamp inside. */
typedef double (*AnnealSmoothFunc) (gconstpointer data,
                                    gint64        t,
                                    double        dx);

/* Spans shorter than this are added up directly by anneal_sum_smooth(). */
#define ANNEAL_SUM_SMOOTH_MIN (3 * ANNEAL_SUM_DIRECT_MAX)

/* Σ f(t), t = a … b, at a cost that does not grow with b − a: the first and last
 * ANNEAL_SUM_DIRECT_MAX values added up, the middle as an integral (adaptive
 * Gauss–Kronrod, on panels graded from both ends, so that what f does just past the
 * values added up is seen) with the Euler–Maclaurin corrections of f′ and f‴ from finite
 * differences. For f analytic within 4096 epochs of the span's ends, with its
 * nearest singularity (real or complex) at least ~64 epochs from the real axis in the
 * middle, the relative error is below 1e-13: the integral is kept to ~1e-15 of
 * ∫|f|, and the first neglected term, 31·[f⁽⁵⁾]/967680, is checked to be below 1e-15
 * of the sum. NAN when it is not, or when the integral needs more than 4096 panels
 * (f not that smooth): the caller then falls back to adding up. f ≥ 0 expected (relative to Σ|f| otherwise). */
double   anneal_sum_smooth        (AnnealSmoothFunc   f,
                                   gconstpointer      data,
                                   gint64             a,
                                   gint64             b);
/* The same with the first and last @ends values (4 or more) added up instead of
 * 4096, and spans shorter than 3·@ends added up: cheaper where f is smooth that
 * close to the ends, and NAN (by the same check) where it is not. The check bounds
 * the error by ~4e-14 of the sum however close the ends (the finite differences'
 * f⁽⁵⁾/720 are ~40 times the term it checks). */
double   anneal_sum_smooth_ends   (AnnealSmoothFunc   f,
                                   gconstpointer      data,
                                   gint64             a,
                                   gint64             b,
                                   gint64             ends);
/* anneal_sum_smooth() over the part of a … b within lo … hi (0 if none). */
double   anneal_sum_smooth_span   (AnnealSmoothFunc   f,
                                   gconstpointer      data,
                                   gint64             a,
                                   gint64             b,
                                   gint64             lo,
                                   gint64             hi);
/* anneal_sum_smooth() over each monotone piece of the stage (anneal_stage_piece_end)
 * with data = stage: for kinds whose pieces are smooth. NAN past 1024 pieces. */
double   anneal_sum_pieces        (const AnnealStage *stage,
                                   AnnealSmoothFunc   f,
                                   gint64             a,
                                   gint64             b);
/* Σ f(t), t = a … b, one by one (compensated). */
double   anneal_sum_smooth_direct (AnnealSmoothFunc   f,
                                   gconstpointer      data,
                                   gint64             a,
                                   gint64             b);

/* kinds/kind-exp-cycles.c, shared with damped-exp-cycles: the weights of a cycle. */
typedef struct
{
  gint64 m;        /* epochs per cycle */
  double a;
  double expm1_a;  /* exp(a) − 1 */
} AnnealExpCyclesShape;

gboolean anneal_exp_cycles_shape_init   (AnnealExpCyclesShape       *shape,
                                         gint64                      epochs,
                                         gint64                      cycles,
                                         double                      a,
                                         GError                    **error);
double   anneal_exp_cycles_shape_weight (const AnnealExpCyclesShape *shape,
                                         gint64                      i);
/* Σ of the weights at phases p … q (0 ≤ p ≤ q < m), at a cost that does not grow
 * with q − p; NAN when it cannot tell (a tiny steepness, see the definition). */
double   anneal_exp_cycles_shape_weight_sum (const AnnealExpCyclesShape *shape,
                                             gint64                      p,
                                             gint64                      q);
/* Python setting `w` from the phase `i` (see AnnealKindClass.python). */
void     anneal_exp_cycles_shape_python (const AnnealExpCyclesShape *shape,
                                         GString                    *body);

/* kinds/kind-damped-cosine-wave.c, shared with damped-exp-cycles: the notebook's
 * damping. Cycle k has crest S₁·g^k and trough that times end_ratio. */
typedef struct
{
  double s1;                   /* S₁, the crest of cycle 0 */
  double g;                    /* crest factor per cycle */
  double end_ratio;
  double one_minus_end_ratio;
} AnnealDamping;

void     anneal_damping_init      (AnnealDamping       *damping,
                                   double               lr_start,
                                   double               lr_end,
                                   double               keep,
                                   double               end_ratio);
double   anneal_damped_value      (const AnnealDamping *damping,
                                   gint64               cycle,
                                   double               w);
/* The weight (0 … 1) at a phase; reads the kind's state. */
typedef double (*AnnealWeightFunc) (const AnnealStage *stage,
                                    gint64             phase);
/* Python returning the damped value from the cycle `k` and the weight `w`. */
void     anneal_damping_python    (const AnnealDamping *damping,
                                   GString             *body);
gboolean anneal_damped_cycles_sum (const AnnealDamping *damping,
                                   const AnnealStage   *stage,
                                   gint64               first,
                                   gint64               last,
                                   gint64               cycle_length,
                                   guint                classes,
                                   AnnealWeightFunc     weight,
                                   double              *sum);
/* The sum of the weights at phases p … q (within one class period). */
typedef double (*AnnealWeightSumFunc) (const AnnealStage *stage,
                                       gint64             p,
                                       gint64             q);
/* A sum() hook for the damped kinds: Σ value(t), t = a … b, in O(classes). */
double   anneal_damped_sum        (const AnnealDamping *damping,
                                   const AnnealStage   *stage,
                                   gint64               a,
                                   gint64               b,
                                   gint64               cycle_length,
                                   guint                classes,
                                   AnnealWeightSumFunc  weight_sum);
void     anneal_damped_fill       (const AnnealDamping *damping,
                                   const AnnealStage   *stage,
                                   gint64               t,
                                   gsize                n,
                                   double              *values,
                                   gint64               cycle_length,
                                   gint64               weight_period,
                                   AnnealWeightFunc     weight);

/* anneal-pitfalls.c: what a kind's pitfalls() hook looks at, and the checks it
 * reports with. Epochs are the stage's local ones. */
struct _AnnealPitfallScope
{
  gint64     n;         /* the run covers local epochs 0 … n − 1 of the stage (n ≥ 1) */
  gboolean   run_ends;  /* the run ends in the stage (else the next stage takes over at n) */
  gint64     offset;    /* the stage's first epoch in the run */
  guint      stage;
  GPtrArray *found;
  gboolean   per_step;  /* the schedule counts optimizer steps: the messages say "step" */
};

/* past-horizon when the run goes past local epoch @end, the last one @param (of
 * @value) covers; @fix: the value of @param that covers the whole run; @note: what
 * the libraries do there (translated). */
void     anneal_pitfalls_horizon   (AnnealPitfallScope *scope,
                                    gint64              end,
                                    const char         *param,
                                    gint64              value,
                                    gint64              fix,
                                    const char         *note);
/* never-peaks when the rise that begins the stage, ending at local epoch @peak
 * (not necessarily whole), is not over within the run. */
void     anneal_pitfalls_rise      (AnnealPitfallScope *scope,
                                    double              peak);
/* ends-mid-cycle for restarts: the run ends in @cycle (the cycle of its last epoch,
 * which starts at its crest), in its first half, and it is not the first cycle. */
void     anneal_pitfalls_restart   (AnnealPitfallScope *scope,
                                    const AnnealCycle  *cycle);
/* ends-mid-cycle for a wave whose run ends falling from a crest after the first
 * one, at local epoch @crest (the first epoch past it): the fix is the nearer of the
 * troughs @trough_before (−1: none in the stage) and @trough_after (G_MAXINT64: none),
 * each the first epoch of the rise that follows it, + 1. */
void     anneal_pitfalls_fall      (AnnealPitfallScope *scope,
                                    gint64              crest,
                                    gint64              trough_before,
                                    gint64              trough_after);
/* ends-mid-cycle for a wave with crests every @length epochs from epoch 0 and
 * troughs half-way: the run ends falling from a crest after the first one. */
void     anneal_pitfalls_wave      (AnnealPitfallScope *scope,
                                    gint64              length);
/* ends-mid-cycle for triangles rising from epoch 0 for @up epochs in cycles of
 * @length: the run ends on the way up of a cycle after the first. */
void     anneal_pitfalls_triangle  (AnnealPitfallScope *scope,
                                    gint64              length,
                                    gint64              up);
/* unreached-milestone when the first change, at local epoch @first = the value of
 * @param (a step, a staircase, the end of a hold), is not within the stage's part
 * of the run. */
void     anneal_pitfalls_every     (AnnealPitfallScope *scope,
                                    const char         *param,
                                    gint64              first);
/* unreached-milestone for the @n_list milestones (sorted) the run does not reach. */
void     anneal_pitfalls_milestones (AnnealPitfallScope *scope,
                                     const double       *list,
                                     guint               n_list);

/* anneal-code.c: a double as a Python float literal that reads back to it
 * ("0.1", "250.0", "1e-07"); use .text within the same expression. */
typedef struct
{
  char text[ANNEAL_FORMAT_DOUBLE_BUFSIZE + 2];
} AnnealPyFloat;

AnnealPyFloat anneal_py_float (double value);

/* "    return …\n": anneal_lerp (w, a, b) as Python, with the same operations
 * (from the smaller end), @w a Python expression of the weight of @a. */
void          anneal_py_return_lerp (GString    *body,
                                     const char *w,
                                     double      a,
                                     double      b);

G_END_DECLS

/* Ranges shared by the kinds' parameter tables. */
#define ANNEAL_RATE_MAX 1e6
#define ANNEAL_EPOCHS_MAX ((double) ANNEAL_EPOCH_MAX)

#define ANNEAL_RATE_PARAM(pname, pdefault, psummary) \
  { .name = pname, .type = ANNEAL_PARAM_NUMBER, .default_value = pdefault, .min = 0, \
    .max = ANNEAL_RATE_MAX, .flags = ANNEAL_PARAM_FLAGS_RATE, .summary = psummary }
/* The one rate per kind a warm-up climbs to. */
#define ANNEAL_PEAK_RATE_PARAM(pname, pdefault, psummary) \
  { .name = pname, .type = ANNEAL_PARAM_NUMBER, .default_value = pdefault, .min = 0, \
    .max = ANNEAL_RATE_MAX, .flags = ANNEAL_PARAM_FLAGS_RATE | ANNEAL_PARAM_FLAGS_PEAK, \
    .summary = psummary }
#define ANNEAL_EPOCHS_PARAM(pname, pdefault, pmin, psummary) \
  { .name = pname, .type = ANNEAL_PARAM_INTEGER, .default_value = pdefault, .min = pmin, \
    .max = ANNEAL_EPOCHS_MAX, .summary = psummary }
#define ANNEAL_WEIGHT_PARAM(pname, pdefault, psummary) \
  { .name = pname, .type = ANNEAL_PARAM_NUMBER, .default_value = pdefault, .min = 0, .max = 1, \
    .flags = ANNEAL_PARAM_FLAGS_WEIGHT, .summary = psummary }

/* The last epoch of the block of `length` epochs that contains t. */
static inline gint64
anneal_block_end (gint64 t,
                  gint64 length)
{
  return (t / length) * length + length - 1;
}

static inline void
anneal_block_cycle (gint64       t,
                    gint64       length,
                    AnnealCycle *cycle)
{
  cycle->index = t / length;
  cycle->start = cycle->index * length;
  cycle->length = length;
}
