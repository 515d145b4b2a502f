/* anneal-schedule.h — learning-rate schedules: catalogue, spec strings, evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#if !defined (ANNEAL_INSIDE) && !defined (ANNEAL_COMPILATION)
# error "Only <anneal.h> can be included directly."
#endif

#include <glib.h>

G_BEGIN_DECLS

/**
 * AnnealParamType:
 * The type of one parameter of a schedule kind.
 */
typedef enum
{
  ANNEAL_PARAM_NUMBER,   /* a real number: decimal (1e-3) or fraction (1/3) */
  ANNEAL_PARAM_INTEGER,  /* a whole number, e.g. an epoch count */
  ANNEAL_PARAM_CHOICE,   /* one word out of AnnealParam.choices */
  ANNEAL_PARAM_LIST,     /* "[n, n, …]": non-decreasing integers (milestones) */
  ANNEAL_PARAM_BOOLEAN,  /* true or false */
} AnnealParamType;

typedef enum
{
  ANNEAL_PARAM_FLAGS_NONE     = 0,
  ANNEAL_PARAM_FLAGS_MIN_OPEN = 1 << 0,  /* the minimum itself is not allowed */
  ANNEAL_PARAM_FLAGS_MAX_OPEN = 1 << 1,  /* the maximum itself is not allowed */
  ANNEAL_PARAM_FLAGS_RATE     = 1 << 2,  /* a learning rate: best edited on a log scale */
  ANNEAL_PARAM_FLAGS_WEIGHT   = 1 << 3,  /* a weight in [0, 1]: a slider fits */
  ANNEAL_PARAM_FLAGS_PEAK     = 1 << 4,  /* the rate a warm-up climbs to (one per kind) */
} AnnealParamFlags;

/**
 * AnnealParam:
 * One parameter of a kind, as the spec parser, `anneal-cli list` and the app's
 * panels read it. Strings are untranslated msgids: use anneal_param_get_summary().
 */
typedef struct
{
  const char         *name;
  AnnealParamType     type;
  const char         *default_value;  /* as spec text: "0.1", "1/3", "[30, 80]", "cos", "false" */
  double              min;            /* NUMBER, INTEGER: bounds; LIST: bounds of each element */
  double              max;
  AnnealParamFlags    flags;
  const char * const *choices;        /* CHOICE: NULL-terminated */
  const char         *summary;        /* one line */
} AnnealParam;

/**
 * AnnealKind:
 * One schedule family.
 */
typedef struct
{
  const char        *name;
  const char        *summary;      /* one line, untranslated msgid */
  const AnnealParam *params;
  guint              n_params;
  const char        *damped_twin;  /* the kind that damps this one's cycles, or NULL */
  const char        *origin;       /* "notebook", "PyTorch", … (not translated) */
} AnnealKind;

guint              anneal_kind_get_count        (void);
const AnnealKind  *anneal_kind_get_nth          (guint              i);
const AnnealKind  *anneal_kind_lookup           (const char        *name);
const AnnealParam *anneal_kind_find_param       (const AnnealKind  *kind,
                                                 const char        *name);
const char        *anneal_kind_get_summary      (const AnnealKind  *kind);
const char        *anneal_param_get_summary     (const AnnealParam *param);
const char        *anneal_param_type_to_string  (AnnealParamType    type);
char              *anneal_param_describe_range  (const AnnealParam *param);

#define ANNEAL_SPEC_ERROR (anneal_spec_error_quark ())

typedef enum
{
  ANNEAL_SPEC_ERROR_SYNTAX,          /* the text does not follow the grammar */
  ANNEAL_SPEC_ERROR_UNKNOWN_KIND,
  ANNEAL_SPEC_ERROR_UNKNOWN_PARAM,
  ANNEAL_SPEC_ERROR_DUPLICATE_PARAM,
  ANNEAL_SPEC_ERROR_TYPE,            /* a value of the wrong type */
  ANNEAL_SPEC_ERROR_RANGE,           /* out of range, NaN, infinite, negative rate */
  ANNEAL_SPEC_ERROR_MISSING_FOR,     /* a stage before "->" without for=N */
  ANNEAL_SPEC_ERROR_INVALID,         /* parameters that do not fit together */
  ANNEAL_SPEC_ERROR_LIMIT,           /* longer or deeper than Anneal accepts */
} AnnealSpecError;

GQuark anneal_spec_error_quark (void);

/* Limits, documented in the README; each is refused with ANNEAL_SPEC_ERROR_LIMIT. */
#define ANNEAL_SPEC_MAX_LENGTH  4096              /* bytes of spec text */
#define ANNEAL_SPEC_MAX_STAGES  64                /* stages joined by "->" */
#define ANNEAL_LIST_MAX_LENGTH  256               /* elements of a list value */
#define ANNEAL_EPOCH_MAX        G_GINT64_CONSTANT (1000000000000000) /* 10^15 */

/**
 * AnnealSchedule:
 * An immutable, reference-counted schedule: one stage or a sequence of stages.
 * Every function here is safe to call from several threads at once.
 */
typedef struct _AnnealSchedule AnnealSchedule;

AnnealSchedule    *anneal_schedule_parse            (const char            *spec,
                                                     guint                 *error_column,
                                                     GError               **error);
AnnealSchedule    *anneal_schedule_new_default      (const AnnealKind      *kind);
AnnealSchedule    *anneal_schedule_ref              (AnnealSchedule        *self);
void               anneal_schedule_unref            (AnnealSchedule        *self);
char              *anneal_schedule_to_string        (const AnnealSchedule  *self);
gboolean           anneal_schedule_equal            (const AnnealSchedule  *a,
                                                     const AnnealSchedule  *b);

/* Structure */
guint              anneal_schedule_get_n_stages     (const AnnealSchedule  *self);
const AnnealKind  *anneal_schedule_get_kind         (const AnnealSchedule  *self,
                                                     guint                  stage);
gint64             anneal_schedule_get_stage_length (const AnnealSchedule  *self,
                                                     guint                  stage);
AnnealSchedule    *anneal_schedule_get_stage        (const AnnealSchedule  *self,
                                                     guint                  stage);
AnnealSchedule    *anneal_schedule_join             (AnnealSchedule * const *stages,
                                                     const gint64          *lengths,
                                                     guint                  n_stages,
                                                     GError               **error);

/* Parameters, by name, of one stage. Values as canonical spec text. */
char              *anneal_schedule_get_param        (const AnnealSchedule  *self,
                                                     guint                  stage,
                                                     const char            *name);
double             anneal_schedule_get_number       (const AnnealSchedule  *self,
                                                     guint                  stage,
                                                     const char            *name);
gboolean           anneal_schedule_param_is_default (const AnnealSchedule  *self,
                                                     guint                  stage,
                                                     const char            *name);
AnnealSchedule    *anneal_schedule_with_param       (const AnnealSchedule  *self,
                                                     guint                  stage,
                                                     const char            *name,
                                                     const char            *value,
                                                     GError               **error);

/* Variants the kinds describe: the damped twin (NULL when no stage has a damped
 * variant) and the same schedule after a linear warm-up of @epochs from
 * @start_factor times the first stage's peak rate (ANNEAL_PARAM_FLAGS_PEAK). */
AnnealSchedule    *anneal_schedule_damped_twin      (const AnnealSchedule  *self);
AnnealSchedule    *anneal_schedule_with_warmup      (const AnnealSchedule  *self,
                                                     gint64                 epochs,
                                                     double                 start_factor,
                                                     GError               **error);
double             anneal_schedule_get_peak_rate    (const AnnealSchedule  *self);

/* Evaluation. t counts from 0; negative t is a programming error. */
double             anneal_schedule_value            (const AnnealSchedule  *self,
                                                     gint64                 t);
void               anneal_schedule_fill             (const AnnealSchedule  *self,
                                                     gint64                 first,
                                                     gsize                  n,
                                                     double                *values);
void               anneal_schedule_range            (const AnnealSchedule  *self,
                                                     gint64                 first,
                                                     gint64                 last,
                                                     double                *min,
                                                     double                *max);
gint64             anneal_schedule_piece_end        (const AnnealSchedule  *self,
                                                     gint64                 t);

/* Statistics over t = first … last, all computed without a per-epoch array. */
typedef struct
{
  double first;  /* value at `first` */
  double last;   /* value at `last` */
  double min;
  double max;
  double sum;    /* the learning-rate budget */
  double mean;
} AnnealStats;

void               anneal_schedule_stats            (const AnnealSchedule  *self,
                                                     gint64                 first,
                                                     gint64                 last,
                                                     AnnealStats           *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AnnealSchedule, anneal_schedule_unref)

G_END_DECLS
