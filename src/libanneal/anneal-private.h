/* anneal-private.h — what the kinds, the parser and the evaluator share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "anneal.h"

G_BEGIN_DECLS

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

/* A cycle of a stage: the epochs start … start + length − 1. */
typedef struct
{
  gint64 index;
  gint64 start;
  gint64 length;
} AnnealCycle;

/* Everything a kind knows about itself. Adding a kind is one file defining one
 * of these and one line in the table in anneal-kinds.c. */
typedef struct
{
  AnnealKind info;

  /* Checks what single-parameter ranges cannot (e.g. cycles ≤ epochs) and fills
   * stage->c and stage->n. On error sets *bad_param to the parameter to blame. */
  gboolean (*prepare)   (AnnealStage       *stage,
                         guint             *bad_param,
                         GError           **error);

  /* The value at local epoch t ≥ 0. */
  double   (*value)     (const AnnealStage *stage,
                         gint64             t);

  /* The last epoch of the monotone piece containing t (jumps and turning points
   * end a piece). NULL: the kind is monotone everywhere. */
  gint64   (*piece_end) (const AnnealStage *stage,
                         gint64             t);

  /* The cycle containing t. NULL: the stage is one unbounded cycle. When
   * stage->uniform_classes is n > 0, all cycles have the same length and, for a
   * fixed offset within the cycle, the value is monotone in the cycle index
   * among cycles of equal index mod n: the range over many whole cycles is then
   * found from the first and last n of them. */
  void     (*cycle)     (const AnnealStage *stage,
                         gint64             t,
                         AnnealCycle       *cycle);

  /* Optional: values at local epochs t … t+n−1, bit for bit what value() gives,
   * only faster. Periodic stages need none: see AnnealStage.period. */
  void     (*fill)      (const AnnealStage *stage,
                         gint64             t,
                         gsize              n,
                         double            *values);

  /* Optional: the sum of the values over the whole cycles first … last, in closed
   * form. FALSE when it cannot tell; the values are then added up one by one. */
  gboolean (*cycles_sum) (const AnnealStage *stage,
                          gint64             first,
                          gint64             last,
                          double            *sum);
} AnnealKindClass;

#define ANNEAL_STAGE_MAX_CONSTANTS 8

struct _AnnealStage
{
  const AnnealKindClass *klass;
  AnnealValue           *values;      /* klass->info.n_params of them */
  gint64                 length;      /* for=N, or -1 for the last stage */
  gint64                 offset;      /* first epoch of the stage in the schedule */
  guint                  uniform_classes;
  gint64                 period;      /* > 0: value(t + period) is value(t), bit for bit */
  /* Constants that prepare() derives from the parameters. */
  double                 c[ANNEAL_STAGE_MAX_CONSTANTS];
  gint64                 n[ANNEAL_STAGE_MAX_CONSTANTS];
};

struct _AnnealSchedule
{
  gatomicrefcount ref_count;
  guint           n_stages;
  AnnealStage    *stages;
};

#define ANNEAL_NUM(stage, idx) ((stage)->values[(idx)].number)
#define ANNEAL_INT(stage, idx) ((gint64) (stage)->values[(idx)].number)

/* anneal-kinds.c */
guint                  anneal_kind_class_count  (void);
const AnnealKindClass *anneal_kind_class_nth    (guint i);
const AnnealKindClass *anneal_kind_class_lookup (const char *name);
const AnnealKindClass *anneal_kind_get_class    (const AnnealKind *kind);
const char            *anneal_kind_closest_name (const char  *name);
const char            *anneal_param_closest_name(const AnnealKind *kind,
                                                 const char       *name);
guint                  anneal_edit_distance     (const char *a,
                                                 const char *b);
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

/* Shared helpers of the kinds. */
/* The notebook's `w * lr_start + (1 - w) * lr_end`, written as b + w·(a − b): the
 * same number up to an ulp, but monotone in w after rounding too, which is what
 * lets anneal_schedule_range() give exactly the minimum and maximum a scan finds. */
static inline double
anneal_lerp (double w,
             double a,
             double b)
{
  return b + w * (a - b);
}

/* kinds/kind-exp-cycles.c, shared with damped-exp-cycles */
gboolean anneal_exp_cycles_check  (AnnealStage       *stage,
                                   guint              epochs,
                                   guint              cycles,
                                   guint              a,
                                   guint             *bad_param,
                                   GError           **error);
double   anneal_exp_cycles_weight (const AnnealStage *stage,
                                   gint64             i);

/* kinds/kind-damped-cosine-wave.c, shared with damped-exp-cycles: the notebook's
 * damping. c[0] = S₁, c[1] = g, c[2] = end_ratio, c[3] = 1 − end_ratio. */
void     anneal_damping_prepare   (AnnealStage       *stage,
                                   guint              lr_start,
                                   guint              lr_end,
                                   guint              keep,
                                   guint              end_ratio);
double   anneal_damped_value      (const AnnealStage *stage,
                                   gint64             cycle,
                                   double             w);
typedef double (*AnnealWeightFunc) (const AnnealStage *stage,
                                    gint64             phase);
gboolean anneal_damped_cycles_sum (const AnnealStage *stage,
                                   gint64             first,
                                   gint64             last,
                                   gint64             cycle_length,
                                   guint              classes,
                                   AnnealWeightFunc   weight,
                                   double            *sum);
void     anneal_damped_fill       (const AnnealStage *stage,
                                   gint64             t,
                                   gsize              n,
                                   double            *values,
                                   gint64             cycle_length,
                                   gint64             weight_period,
                                   AnnealWeightFunc   weight);

G_END_DECLS

/* Ranges shared by the kinds' parameter tables. */
#define ANNEAL_RATE_MAX 1e6
#define ANNEAL_EPOCHS_MAX ((double) ANNEAL_EPOCH_MAX)

#define ANNEAL_RATE_PARAM(pname, pdefault, psummary) \
  { pname, ANNEAL_PARAM_NUMBER, pdefault, 0, ANNEAL_RATE_MAX, ANNEAL_PARAM_FLAGS_RATE, NULL, \
    psummary }
#define ANNEAL_EPOCHS_PARAM(pname, pdefault, pmin, psummary) \
  { pname, ANNEAL_PARAM_INTEGER, pdefault, pmin, ANNEAL_EPOCHS_MAX, ANNEAL_PARAM_FLAGS_NONE, NULL, \
    psummary }
#define ANNEAL_WEIGHT_PARAM(pname, pdefault, psummary) \
  { pname, ANNEAL_PARAM_NUMBER, pdefault, 0, 1, ANNEAL_PARAM_FLAGS_WEIGHT, NULL, psummary }

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
