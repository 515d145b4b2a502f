/* anneal-schedule.h — learning-rate schedules: catalogue, spec strings, evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (ANNEAL_INSIDE) && !defined (ANNEAL_COMPILATION)
# error "Only <anneal.h> can be included directly."
#endif

#include <gio/gio.h>

#include "anneal-version-macros.h"

G_BEGIN_DECLS

/**
 * AnnealParamType:
 * @ANNEAL_PARAM_NUMBER: a real number, written as a decimal (`1e-3`) or a fraction (`1/3`)
 * @ANNEAL_PARAM_INTEGER: a whole number, e.g. an epoch count
 * @ANNEAL_PARAM_CHOICE: one word out of [method@Anneal.Param.get_choices]
 * @ANNEAL_PARAM_LIST: `[n, n, …]`: non-decreasing integers, such as milestones
 * @ANNEAL_PARAM_BOOLEAN: `true` or `false`
 *
 * The type of one parameter of a schedule kind.
 */
typedef enum
{
  ANNEAL_PARAM_NUMBER,
  ANNEAL_PARAM_INTEGER,
  ANNEAL_PARAM_CHOICE,
  ANNEAL_PARAM_LIST,
  ANNEAL_PARAM_BOOLEAN,
} AnnealParamType;

/**
 * AnnealParamFlags:
 * @ANNEAL_PARAM_FLAGS_NONE: no flag
 * @ANNEAL_PARAM_FLAGS_MIN_OPEN: the minimum itself is not allowed
 * @ANNEAL_PARAM_FLAGS_MAX_OPEN: the maximum itself is not allowed
 * @ANNEAL_PARAM_FLAGS_RATE: a learning rate: best edited on a log scale
 * @ANNEAL_PARAM_FLAGS_WEIGHT: a weight in [0, 1]: a slider fits
 * @ANNEAL_PARAM_FLAGS_PEAK: the rate a warm-up climbs to; one parameter of each kind
 *   has it
 *
 * What else there is to know about a parameter's values.
 */
typedef enum /*< flags >*/
{
  ANNEAL_PARAM_FLAGS_NONE     = 0,
  ANNEAL_PARAM_FLAGS_MIN_OPEN = 1 << 0,
  ANNEAL_PARAM_FLAGS_MAX_OPEN = 1 << 1,
  ANNEAL_PARAM_FLAGS_RATE     = 1 << 2,
  ANNEAL_PARAM_FLAGS_WEIGHT   = 1 << 3,
  ANNEAL_PARAM_FLAGS_PEAK     = 1 << 4,
} AnnealParamFlags;

/**
 * AnnealParam:
 *
 * One parameter of a schedule kind — its name, type, default, range and a one-line
 * summary — as the spec parser, `anneal-cli list` and the app's panels read it.
 *
 * Parameters belong to the catalogue: they live as long as the program and are
 * never freed. Get them from [method@Anneal.Kind.get_param] or
 * [method@Anneal.Kind.find_param].
 */
typedef struct _AnnealParam AnnealParam;

/**
 * AnnealKind:
 *
 * One schedule family of the catalogue, such as `cosine-wave` or `onecycle`.
 *
 * Kinds live as long as the program and are never freed. Get them from
 * [func@Anneal.Kind.get_nth], [func@Anneal.Kind.lookup] or
 * [method@Anneal.Schedule.get_kind].
 */
typedef struct _AnnealKind AnnealKind;

/**
 * anneal_kind_get_type:
 *
 * The boxed type of [struct@Anneal.Kind]; copying a kind returns the same
 * pointer, as kinds are never freed.
 *
 * Returns: the #GType of #AnnealKind
 */
ANNEAL_AVAILABLE_IN_ALL
GType              anneal_kind_get_type          (void) G_GNUC_CONST;

/**
 * anneal_param_get_type:
 *
 * The boxed type of [struct@Anneal.Param]; copying a parameter returns the same
 * pointer, as parameters are never freed.
 *
 * Returns: the #GType of #AnnealParam
 */
ANNEAL_AVAILABLE_IN_ALL
GType              anneal_param_get_type         (void) G_GNUC_CONST;

/**
 * anneal_kind_get_count:
 *
 * The number of kinds in the catalogue.
 *
 * Returns: how many kinds [func@Anneal.Kind.get_nth] accepts
 */
ANNEAL_AVAILABLE_IN_ALL
guint              anneal_kind_get_count         (void);

/**
 * anneal_kind_get_nth:
 * @i: an index below [func@Anneal.Kind.get_count]
 *
 * A kind of the catalogue, in its fixed order: the notebook's five first, then the
 * standard families.
 *
 * Returns: (transfer none): the kind
 */
ANNEAL_AVAILABLE_IN_ALL
const AnnealKind  *anneal_kind_get_nth           (guint              i);

/**
 * anneal_kind_lookup:
 * @name: a kind's name as spec strings write it, e.g. `"cosine-wave"`
 *
 * Finds a kind by its name.
 *
 * Returns: (transfer none) (nullable): the kind, or %NULL if there is none of that name
 */
ANNEAL_AVAILABLE_IN_ALL
const AnnealKind  *anneal_kind_lookup            (const char        *name);

/**
 * anneal_kind_get_name:
 * @kind: a kind
 *
 * The name spec strings use for the kind, e.g. `"damped-exp-cycles"`.
 *
 * Returns: the name
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_kind_get_name          (const AnnealKind  *kind);

/**
 * anneal_kind_get_summary:
 * @kind: a kind
 *
 * A one-line description of the kind, translated to the user's language.
 *
 * Returns: the summary
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_kind_get_summary       (const AnnealKind  *kind);

/**
 * anneal_kind_get_origin:
 * @kind: a kind
 *
 * Where the kind comes from: `"notebook"`, `"PyTorch"`, `"Hugging Face"`, … (not
 * translated: these are names).
 *
 * Returns: the origin
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_kind_get_origin        (const AnnealKind  *kind);

/**
 * anneal_kind_get_damped_twin:
 * @kind: a kind
 *
 * The kind that damps the cycles of this one, such as `damped-cosine-wave` for
 * `cosine-wave`.
 *
 * Returns: (nullable): the name of the damped twin, or %NULL if the kind has none
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_kind_get_damped_twin   (const AnnealKind  *kind);

/**
 * anneal_kind_get_n_params:
 * @kind: a kind
 *
 * The number of parameters of the kind (`for` is not one of them).
 *
 * Returns: how many parameters [method@Anneal.Kind.get_param] accepts
 */
ANNEAL_AVAILABLE_IN_ALL
guint              anneal_kind_get_n_params      (const AnnealKind  *kind);

/**
 * anneal_kind_get_param:
 * @kind: a kind
 * @i: an index below [method@Anneal.Kind.get_n_params]
 *
 * A parameter of the kind, in the order of its positional table (the order
 * `anneal-cli list` shows).
 *
 * Returns: (transfer none): the parameter
 */
ANNEAL_AVAILABLE_IN_ALL
const AnnealParam *anneal_kind_get_param         (const AnnealKind  *kind,
                                                  guint              i);

/**
 * anneal_kind_find_param:
 * @kind: a kind
 * @name: a parameter name, e.g. `"lr_start"`
 *
 * Finds a parameter of the kind by its name.
 *
 * Returns: (transfer none) (nullable): the parameter, or %NULL if the kind has none
 *   of that name
 */
ANNEAL_AVAILABLE_IN_ALL
const AnnealParam *anneal_kind_find_param        (const AnnealKind  *kind,
                                                  const char        *name);

/**
 * anneal_param_get_name:
 * @param: a parameter
 *
 * The name spec strings use for the parameter, e.g. `"t_max"`.
 *
 * Returns: the name
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_param_get_name         (const AnnealParam *param);

/**
 * anneal_param_get_value_type:
 * @param: a parameter
 *
 * What kind of value the parameter takes.
 *
 * Returns: the type of the parameter's values
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealParamType    anneal_param_get_value_type   (const AnnealParam *param);

/**
 * anneal_param_get_default_value:
 * @param: a parameter
 *
 * The default as spec text: `"0.1"`, `"1/3"`, `"[30, 80]"`, `"cos"`, `"false"`.
 *
 * Returns: (nullable): the default, or %NULL when it follows from another
 *   parameter (`cyclic`'s `step_size_down` defaults to `step_size_up`)
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_param_get_default_value (const AnnealParam *param);

/**
 * anneal_param_get_minimum:
 * @param: a parameter
 *
 * The smallest value allowed: of the number itself for numbers and integers, of each
 * element for lists. Whether the bound itself is allowed is told by
 * %ANNEAL_PARAM_FLAGS_MIN_OPEN. Meaningless for choices and booleans.
 *
 * Returns: the lower bound, possibly `-∞`
 */
ANNEAL_AVAILABLE_IN_ALL
double             anneal_param_get_minimum      (const AnnealParam *param);

/**
 * anneal_param_get_maximum:
 * @param: a parameter
 *
 * The largest value allowed, as [method@Anneal.Param.get_minimum] describes;
 * %ANNEAL_PARAM_FLAGS_MAX_OPEN tells whether the bound itself is allowed.
 *
 * Returns: the upper bound, possibly `∞`
 */
ANNEAL_AVAILABLE_IN_ALL
double             anneal_param_get_maximum      (const AnnealParam *param);

/**
 * anneal_param_get_flags:
 * @param: a parameter
 *
 * Open bounds and hints for editing the parameter.
 *
 * Returns: the parameter's flags
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealParamFlags   anneal_param_get_flags        (const AnnealParam *param);

/**
 * anneal_param_get_choices:
 * @param: a parameter
 *
 * The words a %ANNEAL_PARAM_CHOICE parameter accepts, e.g. `cos` and `linear`.
 *
 * Returns: (array zero-terminated=1) (transfer none) (nullable): the choices, or
 *   %NULL for parameters of other types
 */
ANNEAL_AVAILABLE_IN_ALL
const char * const *anneal_param_get_choices     (const AnnealParam *param);

/**
 * anneal_param_get_summary:
 * @param: a parameter
 *
 * A one-line description of the parameter, translated to the user's language.
 *
 * Returns: the summary
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_param_get_summary      (const AnnealParam *param);

/**
 * anneal_param_describe_range:
 * @param: a parameter
 *
 * The values the parameter accepts, as a person reads them: `"[0, ∞)"`,
 * `"(0, 1]"`, `"triangular | triangular2 | exp_range"`, `"true | false"`, or for a
 * list `"each in [0, 1e15]"` (that phrase translated).
 *
 * Returns: (transfer full): the description; free it with g_free()
 */
ANNEAL_AVAILABLE_IN_ALL
char              *anneal_param_describe_range   (const AnnealParam *param);

/**
 * anneal_param_type_to_string:
 * @type: a parameter type
 *
 * The untranslated name of a parameter type, as `anneal-cli list --json` writes it:
 * `"number"`, `"integer"`, `"choice"`, `"list"` or `"boolean"`.
 *
 * Returns: the name
 */
ANNEAL_AVAILABLE_IN_ALL
const char        *anneal_param_type_to_string   (AnnealParamType    type);

/**
 * ANNEAL_SPEC_ERROR:
 *
 * The error domain of spec strings and of parameter values that are refused. The
 * message starts with `column N:` when it comes from a spec string.
 */
#define ANNEAL_SPEC_ERROR (anneal_spec_error_quark ())

/**
 * AnnealSpecError:
 * @ANNEAL_SPEC_ERROR_SYNTAX: the text does not follow the grammar
 * @ANNEAL_SPEC_ERROR_UNKNOWN_KIND: no kind has that name
 * @ANNEAL_SPEC_ERROR_UNKNOWN_PARAM: the kind has no parameter of that name
 * @ANNEAL_SPEC_ERROR_DUPLICATE_PARAM: a parameter is given twice
 * @ANNEAL_SPEC_ERROR_TYPE: a value of the wrong type
 * @ANNEAL_SPEC_ERROR_RANGE: a value out of range, NaN, infinite or a negative rate
 * @ANNEAL_SPEC_ERROR_MISSING_FOR: a stage before `->` without `for=N`
 * @ANNEAL_SPEC_ERROR_INVALID: parameters that do not fit together
 * @ANNEAL_SPEC_ERROR_LIMIT: longer or deeper than Anneal accepts
 *
 * Why a spec string or a parameter value was refused.
 */
typedef enum
{
  ANNEAL_SPEC_ERROR_SYNTAX,
  ANNEAL_SPEC_ERROR_UNKNOWN_KIND,
  ANNEAL_SPEC_ERROR_UNKNOWN_PARAM,
  ANNEAL_SPEC_ERROR_DUPLICATE_PARAM,
  ANNEAL_SPEC_ERROR_TYPE,
  ANNEAL_SPEC_ERROR_RANGE,
  ANNEAL_SPEC_ERROR_MISSING_FOR,
  ANNEAL_SPEC_ERROR_INVALID,
  ANNEAL_SPEC_ERROR_LIMIT,
} AnnealSpecError;

/**
 * anneal_spec_error_quark:
 *
 * The error domain of [error@Anneal.SpecError]; %ANNEAL_SPEC_ERROR in C.
 *
 * Returns: the quark
 */
ANNEAL_AVAILABLE_IN_ALL
GQuark anneal_spec_error_quark (void);

/**
 * anneal_spec_error_get_column:
 * @error: an error of any domain
 *
 * The column a spec error points at, kept as data so that nobody has to read it
 * back out of a (translated) message.
 *
 * The column lives in the #GError itself (an extended error): bindings that
 * rebuild errors from their domain, code and message, as Python's `GLib.Error`
 * does, lose it, and this returns 0 there; the message still starts with
 * `column N:`.
 *
 * Returns: the 1-based column, in characters, of an %ANNEAL_SPEC_ERROR from
 *   [func@Anneal.Schedule.parse]; 0 when the error has none (or is of another domain)
 */
ANNEAL_AVAILABLE_IN_ALL
guint anneal_spec_error_get_column (const GError *error);

/**
 * anneal_spec_error_get_reason:
 * @error: an error of any domain
 *
 * The reason of a spec error without the "column N: " in front of it, in the
 * language of the message.
 *
 * Returns: (transfer none): the reason; the whole message when the error has no
 *   column or is of another domain
 */
ANNEAL_AVAILABLE_IN_ALL
const char *anneal_spec_error_get_reason (const GError *error);

/**
 * ANNEAL_SPEC_MAX_LENGTH:
 *
 * The longest spec text accepted, in bytes, as typed and as written out by
 * [method@Anneal.Schedule.to_string]; longer text, and schedules whose canonical
 * text would be longer, are refused with %ANNEAL_SPEC_ERROR_LIMIT, so that every
 * accepted schedule's text reads back.
 */
#define ANNEAL_SPEC_MAX_LENGTH  8192

/**
 * ANNEAL_SPEC_MAX_STAGES:
 *
 * The most stages a schedule may have, joined by `->`; more are refused with
 * %ANNEAL_SPEC_ERROR_LIMIT.
 */
#define ANNEAL_SPEC_MAX_STAGES  64

/**
 * ANNEAL_LIST_MAX_LENGTH:
 *
 * The most elements a list value may have; more are refused with
 * %ANNEAL_SPEC_ERROR_LIMIT.
 */
#define ANNEAL_LIST_MAX_LENGTH  256

/**
 * ANNEAL_EPOCH_MAX:
 *
 * The largest epoch count a parameter or `for` may give: 10¹⁵.
 */
#define ANNEAL_EPOCH_MAX        G_GINT64_CONSTANT (1000000000000000)

/**
 * AnnealSchedule:
 *
 * An immutable, reference-counted schedule: one stage or a sequence of stages,
 * mapping each epoch `t = 0, 1, 2, …` to a learning rate.
 *
 * Every function on a schedule is safe to call from several threads at once.
 */
typedef struct _AnnealSchedule AnnealSchedule;

/**
 * anneal_schedule_get_type:
 *
 * The boxed type of [struct@Anneal.Schedule], copied by taking a reference.
 *
 * Returns: the #GType of #AnnealSchedule
 */
ANNEAL_AVAILABLE_IN_ALL
GType              anneal_schedule_get_type         (void) G_GNUC_CONST;

/**
 * anneal_schedule_parse:
 * @spec: a spec string, e.g. `"linear(for=5) -> cosine(t_max=45)"`
 * @error_column: (out) (optional): where the column (counted in characters from 1)
 *   at fault is stored on error, 0 when the error has no column; set to 0 on success
 * @error: return location for a #GError in %ANNEAL_SPEC_ERROR
 *
 * Reads a schedule from its spec string. Omitted parameters take their defaults.
 *
 * Returns: (transfer full) (nullable): the schedule, or %NULL with @error set when
 *   the spec is refused
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealSchedule    *anneal_schedule_parse            (const char            *spec,
                                                     guint                 *error_column,
                                                     GError               **error);

/**
 * anneal_schedule_new_default:
 * @kind: a kind
 *
 * A one-stage schedule of @kind with every parameter at its default.
 *
 * Returns: (transfer full): the schedule
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealSchedule    *anneal_schedule_new_default      (const AnnealKind      *kind);

/**
 * anneal_schedule_ref:
 * @self: a schedule
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @self
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealSchedule    *anneal_schedule_ref              (AnnealSchedule        *self);

/**
 * anneal_schedule_unref:
 * @self: (transfer full): a schedule
 *
 * Releases a reference; the last one frees the schedule.
 */
ANNEAL_AVAILABLE_IN_ALL
void               anneal_schedule_unref            (AnnealSchedule        *self);

/**
 * anneal_schedule_to_string:
 * @self: a schedule
 *
 * The canonical spec string of the schedule: every parameter that differs from its
 * default, numbers in the shortest form that reads back to the same double. It
 * parses back to an equal schedule.
 *
 * Returns: (transfer full): the spec string; free it with g_free()
 */
ANNEAL_AVAILABLE_IN_ALL
char              *anneal_schedule_to_string        (const AnnealSchedule  *self);

/**
 * anneal_schedule_equal:
 * @a: a schedule
 * @b: another schedule
 *
 * Whether two schedules have the same stages, lengths and parameter values, so that
 * they give the same value at every epoch.
 *
 * Returns: %TRUE if they are equal
 */
ANNEAL_AVAILABLE_IN_ALL
gboolean           anneal_schedule_equal            (const AnnealSchedule  *a,
                                                     const AnnealSchedule  *b);

/**
 * anneal_schedule_get_n_stages:
 * @self: a schedule
 *
 * The number of stages: 1, or more for a sequence written with `->`.
 *
 * Returns: the number of stages
 */
ANNEAL_AVAILABLE_IN_ALL
guint              anneal_schedule_get_n_stages     (const AnnealSchedule  *self);

/**
 * anneal_schedule_get_kind:
 * @self: a schedule
 * @stage: a stage index below [method@Anneal.Schedule.get_n_stages]
 *
 * The kind of one stage.
 *
 * Returns: (transfer none): the kind
 */
ANNEAL_AVAILABLE_IN_ALL
const AnnealKind  *anneal_schedule_get_kind         (const AnnealSchedule  *self,
                                                     guint                  stage);

/**
 * anneal_schedule_get_stage_length:
 * @self: a schedule
 * @stage: a stage index below [method@Anneal.Schedule.get_n_stages]
 *
 * How many epochs a stage lasts: its `for=N`.
 *
 * Returns: the length, or -1 for the last stage, which runs to the end
 */
ANNEAL_AVAILABLE_IN_ALL
gint64             anneal_schedule_get_stage_length (const AnnealSchedule  *self,
                                                     guint                  stage);

/**
 * anneal_schedule_get_stage:
 * @self: a schedule
 * @stage: a stage index below [method@Anneal.Schedule.get_n_stages]
 *
 * One stage on its own, as a schedule that starts from that stage's epoch 0 and
 * runs to the end.
 *
 * Returns: (transfer full): the stage as a new schedule
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealSchedule    *anneal_schedule_get_stage        (const AnnealSchedule  *self,
                                                     guint                  stage);

/**
 * anneal_schedule_join:
 * @stages: (array length=n_stages): the schedules to run one after the other
 * @lengths: (array length=n_stages) (nullable): how many epochs each part lasts; the
 *   last element is not read (the last part runs to the end)
 * @n_stages: the number of parts, at least 1
 * @error: return location for a #GError in %ANNEAL_SPEC_ERROR
 *
 * A sequence, as `->` writes it: each part starts from its own epoch 0 after the
 * previous one has lasted its length. Parts that are sequences themselves are
 * flattened.
 *
 * Returns: (transfer full) (nullable): the sequence, or %NULL with @error set when a
 *   length is missing or out of range or there would be more than
 *   %ANNEAL_SPEC_MAX_STAGES stages
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealSchedule    *anneal_schedule_join             (AnnealSchedule * const *stages,
                                                     const gint64          *lengths,
                                                     guint                  n_stages,
                                                     GError               **error);

/**
 * anneal_schedule_get_param:
 * @self: a schedule
 * @stage: a stage index below [method@Anneal.Schedule.get_n_stages]
 * @name: the name of a parameter of the stage's kind, or `"for"`
 *
 * The value of one parameter of a stage, as canonical spec text.
 *
 * Returns: (transfer full) (nullable): the value; %NULL for the `for` of the last
 *   stage, which has none. Free it with g_free().
 */
ANNEAL_AVAILABLE_IN_ALL
char              *anneal_schedule_get_param        (const AnnealSchedule  *self,
                                                     guint                  stage,
                                                     const char            *name);

/**
 * anneal_schedule_get_number:
 * @self: a schedule
 * @stage: a stage index below [method@Anneal.Schedule.get_n_stages]
 * @name: the name of a parameter of the stage's kind, or `"for"`
 *
 * The value of a number, integer, boolean (0 or 1) or choice (its index in
 * [method@Anneal.Param.get_choices]) parameter of a stage.
 *
 * Returns: the value (-1 for the `for` of the last stage)
 */
ANNEAL_AVAILABLE_IN_ALL
double             anneal_schedule_get_number       (const AnnealSchedule  *self,
                                                     guint                  stage,
                                                     const char            *name);

/**
 * anneal_schedule_param_is_default:
 * @self: a schedule
 * @stage: a stage index below [method@Anneal.Schedule.get_n_stages]
 * @name: the name of a parameter of the stage's kind
 *
 * Whether a parameter of a stage has its default value.
 *
 * Returns: %TRUE if the value equals the default (or, for a parameter whose default
 *   follows from another one, if it was not given)
 */
ANNEAL_AVAILABLE_IN_ALL
gboolean           anneal_schedule_param_is_default (const AnnealSchedule  *self,
                                                     guint                  stage,
                                                     const char            *name);

/**
 * anneal_schedule_with_param:
 * @self: a schedule
 * @stage: a stage index below [method@Anneal.Schedule.get_n_stages]
 * @name: the name of a parameter of the stage's kind, or `"for"`
 * @value: the new value as spec text, e.g. `"1/3"` or `"[30, 80]"`
 * @error: return location for a #GError in %ANNEAL_SPEC_ERROR
 *
 * A copy of the schedule with one parameter of one stage changed. @self is not
 * modified.
 *
 * Returns: (transfer full) (nullable): the new schedule, or %NULL with @error set
 *   (the message starting with the parameter's name) when the value is refused
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealSchedule    *anneal_schedule_with_param       (const AnnealSchedule  *self,
                                                     guint                  stage,
                                                     const char            *name,
                                                     const char            *value,
                                                     GError               **error);

/**
 * anneal_schedule_damped_twin:
 * @self: a schedule
 *
 * The damped variant the kinds describe: each stage whose kind has one (a damped
 * twin kind such as `damped-cosine-wave` for `cosine-wave`, or a damping parameter
 * such as `sgdr`'s `decay`) is replaced by it, keeping its length.
 *
 * Returns: (transfer full) (nullable): the damped schedule, or %NULL when no stage
 *   has a damped variant
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealSchedule    *anneal_schedule_damped_twin      (const AnnealSchedule  *self);

/**
 * anneal_schedule_with_warmup:
 * @self: a schedule
 * @epochs: how many epochs the warm-up lasts
 * @start_factor: the fraction of the peak rate the warm-up starts from
 * @error: return location for a #GError in %ANNEAL_SPEC_ERROR
 *
 * The schedule after a linear warm-up: `linear(lr=PEAK, start_factor=F,
 * total_iters=N, for=N) -> self`, PEAK being [method@Anneal.Schedule.get_peak_rate].
 *
 * Returns: (transfer full) (nullable): the new schedule, or %NULL with @error set
 *   when @epochs or @start_factor is out of range or the result would have too
 *   many stages
 */
ANNEAL_AVAILABLE_IN_ALL
AnnealSchedule    *anneal_schedule_with_warmup      (const AnnealSchedule  *self,
                                                     gint64                 epochs,
                                                     double                 start_factor,
                                                     GError               **error);

/**
 * anneal_schedule_get_peak_rate:
 * @self: a schedule
 *
 * The rate a warm-up in front of the schedule climbs to: the value of the first
 * stage's parameter flagged %ANNEAL_PARAM_FLAGS_PEAK (`lr`, `lr_start`, `max_lr`, …).
 *
 * Returns: the peak rate
 */
ANNEAL_AVAILABLE_IN_ALL
double             anneal_schedule_get_peak_rate    (const AnnealSchedule  *self);

/**
 * anneal_schedule_value:
 * @self: a schedule
 * @t: an epoch, 0 or more
 *
 * The learning rate during epoch @t. In constant time at any epoch for every kind
 * but one: past `t_max`, PyTorch's `cosine` with `eta_min` > 0 replays PyTorch's
 * recursion from the restart before @t for up to `t_max` steps, to give its numbers
 * with their roundings. [method@Anneal.Schedule.value_fast] bounds that cost.
 *
 * Returns: the learning rate
 */
ANNEAL_AVAILABLE_IN_ALL
double             anneal_schedule_value            (const AnnealSchedule  *self,
                                                     gint64                 t);

/**
 * anneal_schedule_value_fast:
 * @self: a schedule
 * @t: an epoch, 0 or more
 *
 * The learning rate during epoch @t at a cost that does not grow with the epochs,
 * for drawing and pointing. It is [method@Anneal.Schedule.value], except where
 * that replays more than 64 steps of a library's recursion (PyTorch's `cosine`
 * past `t_max`): there the recursion telescoped to its closed form, which leaves
 * out the roundings of those steps. That comes within 1e-9 of the peak for
 * `t_max` up to 10⁵; PyTorch's own roundings grow with `t_max`².
 *
 * Returns: the learning rate
 */
ANNEAL_AVAILABLE_IN_ALL
double             anneal_schedule_value_fast       (const AnnealSchedule  *self,
                                                     gint64                 t);

/**
 * anneal_schedule_fill: (skip)
 * @self: a schedule
 * @first: the first epoch, 0 or more
 * @n: how many values
 * @values: (array length=n): where the values at epochs @first … @first + @n − 1
 *   are stored
 *
 * The values at @n consecutive epochs, bit for bit what
 * [method@Anneal.Schedule.value] gives, only faster: periodic kinds compute one
 * period and copy it, and long fills are split over the processors.
 *
 * Not available through introspection (a caller-allocated array of a length the
 * caller chooses has no binding there); call [method@Anneal.Schedule.value] per
 * epoch instead.
 */
ANNEAL_AVAILABLE_IN_ALL
void               anneal_schedule_fill             (const AnnealSchedule  *self,
                                                     gint64                 first,
                                                     gsize                  n,
                                                     double                *values);

/**
 * anneal_schedule_range:
 * @self: a schedule
 * @first: the first epoch, 0 or more
 * @last: the last epoch, @first or more
 * @min: (out) (optional): the smallest value over @first … @last
 * @max: (out) (optional): the largest value over @first … @last
 *
 * The minimum and maximum over a span of epochs, what a scan of every value finds,
 * from the ends of the schedule's monotone pieces and whole cycles: a span of 10⁹
 * epochs costs a few dozen evaluations. Exact up to 2²⁰ monotone pieces without
 * cycles and 8192 cycles that drift from one to the next (a library's rounded
 * phase); past that, the first and last ones at each end of the stretch are
 * looked at, and the values found are values the schedule takes, inside the true
 * range (see [method@Anneal.Schedule.range_limited]).
 */
ANNEAL_AVAILABLE_IN_ALL
void               anneal_schedule_range            (const AnnealSchedule  *self,
                                                     gint64                 first,
                                                     gint64                 last,
                                                     double                *min,
                                                     double                *max);

/**
 * anneal_schedule_range_limited:
 * @self: a schedule
 * @first: the first epoch, 0 or more
 * @last: the last epoch, @first or more
 * @scan: at most how many monotone pieces, or drifting cycles, to look at at each
 *   end of a longer stretch of them, 1 or more
 * @min: (out) (optional): the smallest value found over @first … @last
 * @max: (out) (optional): the largest value found over @first … @last
 *
 * [method@Anneal.Schedule.range] with a bound on its work that the caller
 * chooses: a stretch of more than 2·@scan monotone pieces (a wave over many
 * periods whose phase is not a whole number of epochs) or drifting cycles has only
 * its first and last @scan looked at, so that one call costs O(@scan) evaluations
 * whatever the span. For a plot, one range per pixel column: there the extremes
 * skipped differ from those found by less than a pixel. With a @scan below 2¹⁹,
 * each evaluation is that of [method@Anneal.Schedule.value_fast], at a bounded
 * cost. The values found are values the schedule takes (or, for PyTorch's
 * `cosine` past `t_max`, its closed form), inside the true range; with a @scan of
 * 2¹⁹ or more over one stage the result is that of [method@Anneal.Schedule.range].
 * The stages of a sequence that the span crosses share @scan (2¹⁹ at most, ≥ 1 each),
 * so that a call costs O(@scan) however many stages there are.
 */
ANNEAL_AVAILABLE_IN_ALL
void               anneal_schedule_range_limited    (const AnnealSchedule  *self,
                                                     gint64                 first,
                                                     gint64                 last,
                                                     guint                  scan,
                                                     double                *min,
                                                     double                *max);

/**
 * anneal_schedule_piece_end:
 * @self: a schedule
 * @t: an epoch, 0 or more
 *
 * The last epoch of the monotone piece that contains @t: the values from @t to the
 * returned epoch never change direction, and jumps (a restart, a step, the start of
 * a stage) begin a new piece.
 *
 * Returns: the last epoch of the piece, %G_MAXINT64 if the values never turn again
 */
ANNEAL_AVAILABLE_IN_ALL
gint64             anneal_schedule_piece_end        (const AnnealSchedule  *self,
                                                     gint64                 t);

/**
 * AnnealStats:
 * @first: the value at the first epoch of the span
 * @last: the value at the last epoch of the span
 * @min: the smallest value
 * @max: the largest value
 * @sum: the sum of the values: the learning-rate budget
 * @mean: the mean value
 *
 * Statistics of a schedule over a span of epochs, filled by
 * [method@Anneal.Schedule.stats].
 */
typedef struct
{
  double first;
  double last;
  double min;
  double max;
  double sum;
  double mean;
} AnnealStats;

/**
 * anneal_stats_get_type:
 *
 * The boxed type of [struct@Anneal.Stats], copied by value.
 *
 * Returns: the #GType of #AnnealStats
 */
ANNEAL_AVAILABLE_IN_ALL
GType              anneal_stats_get_type            (void) G_GNUC_CONST;

/**
 * anneal_schedule_stats:
 * @self: a schedule
 * @first: the first epoch, 0 or more
 * @last: the last epoch, @first or more
 * @stats: (out caller-allocates): where the statistics are stored
 *
 * First, last, minimum, maximum, sum and mean over the epochs @first … @last, in
 * constant memory: closed forms per piece or cycle where the kind has them (see
 * [method@Anneal.Schedule.stats_full]), whole periods, and what is left split
 * over two threads.
 */
ANNEAL_AVAILABLE_IN_ALL
void               anneal_schedule_stats            (const AnnealSchedule  *self,
                                                     gint64                 first,
                                                     gint64                 last,
                                                     AnnealStats           *stats);

/**
 * anneal_schedule_stats_full:
 * @self: a schedule
 * @first: the first epoch, 0 or more
 * @last: the last epoch, @first or more
 * @stats: (out caller-allocates): where the statistics are stored
 * @cancellable: (nullable): a #GCancellable to give up early, or %NULL
 * @error: return location for a #GError, or %NULL
 *
 * [method@Anneal.Schedule.stats] for a worker thread: the sum costs O(pieces or
 * cycles) for most kinds whatever the span (closed forms per piece, geometric
 * series, per-cycle sums); the rest is added up value by value, and that scan gives
 * up as soon as @cancellable is cancelled.
 *
 * Returns: %TRUE with @stats filled, or %FALSE with %G_IO_ERROR_CANCELLED
 */
ANNEAL_AVAILABLE_IN_ALL
gboolean           anneal_schedule_stats_full       (const AnnealSchedule  *self,
                                                     gint64                 first,
                                                     gint64                 last,
                                                     AnnealStats           *stats,
                                                     GCancellable          *cancellable,
                                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnealSchedule, anneal_schedule_unref)

G_END_DECLS
