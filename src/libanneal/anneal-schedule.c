/* anneal-schedule.c — schedules: ownership, structure, evaluation, ranges
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "Anneal"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "anneal-private.h"

AnnealSchedule *
anneal_schedule_alloc (guint n_stages)
{
  AnnealSchedule *self = g_new0 (AnnealSchedule, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->n_stages = n_stages;
  self->stages = g_new0 (AnnealStage, n_stages);
  return self;
}

void
anneal_stage_clear (AnnealStage *stage)
{
  if (stage->values != NULL && stage->klass != NULL)
    for (guint i = 0; i < stage->klass->info.n_params; i++)
      g_free (stage->values[i].list);
  g_clear_pointer (&stage->values, g_free);
  g_clear_pointer (&stage->state, g_free);
}

void
anneal_stage_copy (AnnealStage       *dest,
                   const AnnealStage *src)
{
  guint n = src->klass->info.n_params;

  *dest = *src;
  dest->values = g_memdup2 (src->values, sizeof (AnnealValue) * n);
  for (guint i = 0; i < n; i++)
    if (src->values[i].list != NULL)
      dest->values[i].list = g_memdup2 (src->values[i].list,
                                        sizeof (double) * src->values[i].n_list);
  if (src->state != NULL)
    dest->state = g_memdup2 (src->state, src->klass->state_size);
}

gboolean
anneal_stage_prepare (AnnealStage *stage,
                      guint       *bad_param,
                      GError     **error)
{
  g_clear_pointer (&stage->state, g_free);
  if (stage->klass->state_size > 0)
    stage->state = g_malloc0 (stage->klass->state_size);
  stage->cycle_length = 0;
  stage->uniform_classes = 0;
  stage->uniform_drift = FALSE;
  stage->value_cost = 0;
  stage->period = 0;
  *bad_param = G_MAXUINT;
  if (stage->klass->prepare == NULL)
    return TRUE;
  return stage->klass->prepare (stage, bad_param, error);
}

void
anneal_stage_cycle (const AnnealStage *stage,
                    gint64             t,
                    AnnealCycle       *cycle)
{
  if (stage->klass->cycle != NULL)
    stage->klass->cycle (stage, t, cycle);
  else if (stage->cycle_length > 0)
    anneal_block_cycle (t, stage->cycle_length, cycle);
  else
    *cycle = (AnnealCycle) { 0, 0, G_MAXINT64 };
}

gboolean
anneal_stage_has_cycles (const AnnealStage *stage)
{
  return stage->klass->cycle != NULL || stage->cycle_length > 0;
}

gint64
anneal_stage_piece_end (const AnnealStage *stage,
                        gint64             t)
{
  AnnealCycle cycle;

  if (stage->klass->piece_end != NULL)
    return stage->klass->piece_end (stage, t);
  if (stage->cycle_length > 0)
    return anneal_block_end (t, stage->cycle_length);
  if (stage->klass->cycle == NULL)
    return G_MAXINT64;
  stage->klass->cycle (stage, t, &cycle);
  if (cycle.length >= G_MAXINT64 - cycle.start)
    return G_MAXINT64;
  return cycle.start + cycle.length - 1;
}

void
anneal_schedule_layout (AnnealSchedule *self)
{
  gint64 offset = 0;

  for (guint i = 0; i < self->n_stages; i++)
    {
      self->stages[i].offset = offset;
      if (self->stages[i].length >= 0)
        offset = MIN (offset + self->stages[i].length, G_MAXINT64 / 4);
    }
}

gboolean
anneal_value_equal (const AnnealValue *a,
                    const AnnealValue *b)
{
  if (a->number != b->number || a->n_list != b->n_list)
    return FALSE;
  for (guint i = 0; i < a->n_list; i++)
    if (a->list[i] != b->list[i])
      return FALSE;
  return TRUE;
}

AnnealSchedule *
anneal_schedule_ref (AnnealSchedule *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
anneal_schedule_unref (AnnealSchedule *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      for (guint i = 0; i < self->n_stages; i++)
        anneal_stage_clear (&self->stages[i]);
      g_free (self->stages);
      g_free (self);
    }
}

AnnealSchedule *
anneal_schedule_new_default (const AnnealKind *kind)
{
  AnnealSchedule *self;
  AnnealStage *stage;
  guint bad_param;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (kind != NULL, NULL);

  self = anneal_schedule_alloc (1);
  stage = &self->stages[0];
  stage->klass = anneal_kind_get_class (kind);
  stage->length = -1;
  stage->values = g_new0 (AnnealValue, kind->n_params);
  for (guint i = 0; i < kind->n_params; i++)
    anneal_param_default (&kind->params[i], &stage->values[i]);
  if (!anneal_stage_prepare (stage, &bad_param, &error))
    g_error ("defaults of %s do not fit together: %s", kind->name, error->message);
  anneal_schedule_layout (self);
  return self;
}

gboolean
anneal_schedule_equal (const AnnealSchedule *a,
                       const AnnealSchedule *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  if (a->n_stages != b->n_stages)
    return FALSE;
  for (guint i = 0; i < a->n_stages; i++)
    {
      const AnnealStage *x = &a->stages[i], *y = &b->stages[i];

      if (x->klass != y->klass || x->length != y->length)
        return FALSE;
      for (guint j = 0; j < x->klass->info.n_params; j++)
        if (!anneal_value_equal (&x->values[j], &y->values[j]))
          return FALSE;
    }
  return TRUE;
}

guint
anneal_schedule_get_n_stages (const AnnealSchedule *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_stages;
}

const AnnealKind *
anneal_schedule_get_kind (const AnnealSchedule *self,
                          guint                 stage)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (stage < self->n_stages, NULL);
  return &self->stages[stage].klass->info;
}

gint64
anneal_schedule_get_stage_length (const AnnealSchedule *self,
                                  guint                 stage)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (stage < self->n_stages, -1);
  return self->stages[stage].length;
}

AnnealSchedule *
anneal_schedule_get_stage (const AnnealSchedule *self,
                           guint                 stage)
{
  AnnealSchedule *copy;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (stage < self->n_stages, NULL);

  copy = anneal_schedule_alloc (1);
  anneal_stage_copy (&copy->stages[0], &self->stages[stage]);
  copy->stages[0].length = -1;
  anneal_schedule_layout (copy);
  return copy;
}

AnnealSchedule *
anneal_schedule_join (AnnealSchedule * const *stages,
                      const gint64          *lengths,
                      guint                  n_stages,
                      GError               **error)
{
  g_autoptr(AnnealSchedule) self = NULL;
  guint total = 0, k = 0;

  g_return_val_if_fail (stages != NULL, NULL);
  g_return_val_if_fail (n_stages > 0, NULL);

  for (guint i = 0; i < n_stages; i++)
    {
      g_return_val_if_fail (stages[i] != NULL, NULL);
      total += stages[i]->n_stages;
    }
  if (total > ANNEAL_SPEC_MAX_STAGES)
    {
      g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_LIMIT,
                   _("a schedule may have at most %u stages"), (guint) ANNEAL_SPEC_MAX_STAGES);
      return NULL;
    }

  self = anneal_schedule_alloc (total);
  for (guint i = 0; i < n_stages; i++)
    {
      gboolean last = i + 1 == n_stages;

      if (!last && (lengths == NULL || lengths[i] < 1 || lengths[i] > ANNEAL_EPOCH_MAX))
        {
          g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_MISSING_FOR,
                       _("stage %u needs a length of 1 to 10^15 epochs"),
                       k + stages[i]->n_stages);
          return NULL;
        }
      for (guint j = 0; j < stages[i]->n_stages; j++, k++)
        {
          anneal_stage_copy (&self->stages[k], &stages[i]->stages[j]);
          /* The last stage of a part lasts as long as the join says. */
          if (j + 1 == stages[i]->n_stages)
            self->stages[k].length = last ? -1 : lengths[i];
        }
    }
  if (!anneal_stages_check_length (self->stages, self->n_stages, NULL, error))
    return NULL;
  anneal_schedule_layout (self);
  return g_steal_pointer (&self);
}

static const AnnealStage *
stage_at (const AnnealSchedule *self,
          gint64                t)
{
  guint lo = 0, hi = self->n_stages - 1;

  /* The last stage whose offset ≤ t. */
  while (lo < hi)
    {
      guint mid = (lo + hi + 1) / 2;

      if (self->stages[mid].offset <= t)
        lo = mid;
      else
        hi = mid - 1;
    }
  return &self->stages[lo];
}

static inline gint64
stage_last_epoch (const AnnealStage *stage)
{
  return stage->length >= 0 ? stage->offset + stage->length - 1 : G_MAXINT64;
}

static inline double
stage_value (const AnnealStage *stage,
             gint64             t)
{
  return stage->klass->value (stage, t - stage->offset);
}

static int
find_param (const AnnealSchedule *self,
            guint                 stage,
            const char           *name)
{
  const AnnealKind *kind = &self->stages[stage].klass->info;
  const AnnealParam *param = anneal_kind_find_param (kind, name);

  return param ? (int) (param - kind->params) : -1;
}

char *
anneal_schedule_get_param (const AnnealSchedule *self,
                           guint                 stage,
                           const char           *name)
{
  int i;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (stage < self->n_stages, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (strcmp (name, "for") == 0)
    return self->stages[stage].length >= 0
             ? g_strdup_printf ("%" G_GINT64_FORMAT, self->stages[stage].length)
             : NULL;

  i = find_param (self, stage, name);
  g_return_val_if_fail (i >= 0, NULL);
  return anneal_value_to_string (&self->stages[stage].klass->info.params[i],
                                 &self->stages[stage].values[i]);
}

double
anneal_schedule_get_number (const AnnealSchedule *self,
                            guint                 stage,
                            const char           *name)
{
  int i;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (stage < self->n_stages, NAN);
  g_return_val_if_fail (name != NULL, NAN);

  if (strcmp (name, "for") == 0)
    return (double) self->stages[stage].length;
  i = find_param (self, stage, name);
  g_return_val_if_fail (i >= 0, NAN);
  return self->stages[stage].values[i].number;
}

gboolean
anneal_schedule_param_is_default (const AnnealSchedule *self,
                                  guint                 stage,
                                  const char           *name)
{
  const AnnealParam *param;
  AnnealValue def;
  gboolean equal;
  int i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (stage < self->n_stages, FALSE);
  i = find_param (self, stage, name);
  g_return_val_if_fail (i >= 0, FALSE);

  param = &self->stages[stage].klass->info.params[i];
  if (param->default_value == NULL)
    return !self->stages[stage].values[i].set;
  anneal_param_default (param, &def);
  equal = anneal_value_equal (&def, &self->stages[stage].values[i]);
  g_free (def.list);
  return equal;
}

AnnealSchedule *
anneal_schedule_with_param (const AnnealSchedule *self,
                            guint                 stage,
                            const char           *name,
                            const char           *value,
                            GError              **error)
{
  g_autoptr(AnnealSchedule) copy = NULL;
  g_autoptr(GError) local_error = NULL;
  AnnealStage *st;
  guint bad_param;
  int i;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (stage < self->n_stages, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);

  copy = anneal_schedule_alloc (self->n_stages);
  for (guint k = 0; k < self->n_stages; k++)
    anneal_stage_copy (&copy->stages[k], &self->stages[k]);
  st = &copy->stages[stage];

  if (strcmp (name, "for") == 0)
    {
      AnnealValue v;
      static const AnnealParam for_param = {
        "for", ANNEAL_PARAM_INTEGER, "1", 1, (double) ANNEAL_EPOCH_MAX,
      };

      if (stage + 1 == self->n_stages)
        {
          g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID,
                       _("'for' is only for stages followed by '->'; the last stage "
                         "runs to the end"));
          return NULL;
        }
      if (!anneal_param_parse_text (&for_param, value, &v, &local_error))
        goto fail;
      st->length = (gint64) v.number;
    }
  else
    {
      const AnnealParam *param;

      i = find_param (self, stage, name);
      if (i < 0)
        {
          g_set_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_UNKNOWN_PARAM,
                       _("unknown parameter '%s' for %s"), name, st->klass->info.name);
          return NULL;
        }
      param = &st->klass->info.params[i];
      g_free (st->values[i].list);
      st->values[i].list = NULL;
      if (!anneal_param_parse_text (param, value, &st->values[i], &local_error))
        goto fail;
    }

  if (!anneal_stage_prepare (st, &bad_param, &local_error))
    goto fail;
  if (!anneal_stages_check_length (copy->stages, copy->n_stages, NULL, error))
    return NULL;
  anneal_schedule_layout (copy);
  return g_steal_pointer (&copy);

fail:
  {
    /* The column within a bare value means nothing to the caller: name the parameter. */
    g_autofree char *reason = g_strdup_printf ("%s: %s", name,
                                               anneal_spec_error_get_reason (local_error));

    anneal_spec_error_set (error, local_error->code, 0, reason);
    return NULL;
  }
}

/* Variants the kinds describe */

static AnnealSchedule *
stage_alone (const AnnealStage *stage)
{
  AnnealSchedule *self = anneal_schedule_alloc (1);

  anneal_stage_copy (&self->stages[0], stage);
  self->stages[0].length = -1;
  anneal_schedule_layout (self);
  return self;
}

AnnealSchedule *
anneal_stage_with_param (const AnnealStage *stage,
                         const char        *name,
                         const char        *value)
{
  g_autoptr(AnnealSchedule) alone = stage_alone (stage);

  return anneal_schedule_with_param (alone, 0, name, value, NULL);
}

AnnealSchedule *
anneal_damp_by_twin (const AnnealStage *stage)
{
  const AnnealKind *kind = &stage->klass->info;
  const AnnealKind *twin_kind;
  g_autoptr(AnnealSchedule) alone = NULL;
  g_autoptr(AnnealSchedule) twin = NULL;

  g_return_val_if_fail (kind->damped_twin != NULL, NULL);
  twin_kind = anneal_kind_lookup (kind->damped_twin);
  g_return_val_if_fail (twin_kind != NULL, NULL);

  /* The twin keeps what the user changed; the rest stays at the twin's defaults
   * (the notebook's damped variants end at 0, not at lr_end). */
  alone = stage_alone (stage);
  twin = anneal_schedule_new_default (twin_kind);
  for (guint i = 0; i < kind->n_params; i++)
    {
      const char *name = kind->params[i].name;
      g_autofree char *value = NULL;
      AnnealSchedule *next;

      if (anneal_schedule_param_is_default (alone, 0, name) ||
          anneal_kind_find_param (twin_kind, name) == NULL)
        continue;

      value = anneal_schedule_get_param (alone, 0, name);
      next = anneal_schedule_with_param (twin, 0, name, value, NULL);
      if (next != NULL)
        {
          anneal_schedule_unref (twin);
          twin = next;
        }
    }
  return g_steal_pointer (&twin);
}

AnnealSchedule *
anneal_schedule_damped_twin (const AnnealSchedule *self)
{
  g_autoptr(GPtrArray) parts = NULL;
  g_autofree gint64 *lengths = NULL;
  gboolean damped = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  /* Each stage that has a damped variant is replaced by it, with its length. */
  parts = g_ptr_array_new_with_free_func ((GDestroyNotify) anneal_schedule_unref);
  lengths = g_new (gint64, self->n_stages);
  for (guint i = 0; i < self->n_stages; i++)
    {
      const AnnealStage *stage = &self->stages[i];
      AnnealSchedule *part = NULL;

      if (stage->klass->damp != NULL)
        part = stage->klass->damp (stage);
      if (part != NULL)
        damped = TRUE;
      else
        part = stage_alone (stage);
      g_assert (part->n_stages == 1);
      g_ptr_array_add (parts, part);
      lengths[i] = stage->length;
    }
  if (!damped)
    return NULL;
  return anneal_schedule_join ((AnnealSchedule * const *) parts->pdata, lengths,
                               self->n_stages, NULL);
}

static int
peak_param (const AnnealStage *stage)
{
  for (guint i = 0; i < stage->klass->info.n_params; i++)
    if (stage->klass->info.params[i].flags & ANNEAL_PARAM_FLAGS_PEAK)
      return (int) i;
  return -1;
}

double
anneal_schedule_get_peak_rate (const AnnealSchedule *self)
{
  int i;

  g_return_val_if_fail (self != NULL, NAN);

  i = peak_param (&self->stages[0]);
  g_return_val_if_fail (i >= 0, NAN);
  return self->stages[0].values[i].number;
}

AnnealSchedule *
anneal_schedule_with_warmup (const AnnealSchedule *self,
                             gint64                epochs,
                             double                start_factor,
                             GError              **error)
{
  const AnnealKind *linear = anneal_kind_lookup ("linear");
  g_autoptr(AnnealSchedule) warmup = NULL;
  AnnealSchedule *parts[2];
  char lr[ANNEAL_FORMAT_DOUBLE_BUFSIZE], factor[ANNEAL_FORMAT_DOUBLE_BUFSIZE], iters[32];
  const char * const settings[][2] = {
    { "lr", lr }, { "start_factor", factor }, { "total_iters", iters },
  };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (linear != NULL, NULL);

  /* linear(lr=PEAK, start_factor=F, total_iters=N, for=N) -> self */
  anneal_format_double (anneal_schedule_get_peak_rate (self), lr);
  anneal_format_double (start_factor, factor);
  g_snprintf (iters, sizeof iters, "%" G_GINT64_FORMAT, epochs);
  warmup = anneal_schedule_new_default (linear);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      AnnealSchedule *next = anneal_schedule_with_param (warmup, 0, settings[i][0],
                                                         settings[i][1], error);

      if (next == NULL)
        return NULL;
      anneal_schedule_unref (warmup);
      warmup = next;
    }

  parts[0] = warmup;
  parts[1] = (AnnealSchedule *) self;
  return anneal_schedule_join (parts, &epochs, 2, error);
}

double
anneal_schedule_value (const AnnealSchedule *self,
                       gint64                t)
{
  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (t >= 0, NAN);

  return stage_value (stage_at (self, t), t);
}

/* A stage whose value() costs more steps than this and that has a model_value()
 * gives the model where a bounded cost matters: anneal_schedule_value_fast(), and
 * the ends of pieces in ranges over long spans (stage_range()). */
#define RANGE_MODEL_COST 64

double
anneal_schedule_value_fast (const AnnealSchedule *self,
                            gint64                t)
{
  const AnnealStage *stage;

  g_return_val_if_fail (self != NULL, NAN);
  g_return_val_if_fail (t >= 0, NAN);

  stage = stage_at (self, t);
  if (stage->value_cost > RANGE_MODEL_COST && stage->klass->model_value != NULL)
    return stage->klass->model_value (stage, t - stage->offset);
  return stage_value (stage, t);
}

/* Values of one stage at local epochs t … t+n−1. */
static void
stage_fill (const AnnealStage *stage,
            gint64             t,
            gsize              n,
            double            *values)
{
  gint64 period = stage->period;

  if (period > 0 && (guint64) period < n)
    {
      /* One period computed, the rest copied: the same bits, as value() itself
       * depends on t mod period only. */
      for (gint64 i = 0; i < period; i++)
        values[i] = stage->klass->value (stage, t + i);
      for (gsize done = (gsize) period; done < n;)
        {
          gsize chunk = MIN (done, n - done);

          memcpy (values + done, values, chunk * sizeof (double));
          done += chunk;
        }
    }
  else if (stage->klass->fill != NULL)
    stage->klass->fill (stage, t, n, values);
  else
    {
      double (*value) (const AnnealStage *, gint64) = stage->klass->value;

      for (gsize i = 0; i < n; i++)
        values[i] = value (stage, t + (gint64) i);
    }
}

static void
fill_serial (const AnnealSchedule *self,
             gint64                first,
             gsize                 n,
             double               *values)
{
  gint64 t = first;
  gsize done = 0;

  while (done < n)
    {
      const AnnealStage *stage = stage_at (self, t);
      gint64 last = stage_last_epoch (stage);
      gsize count = n - done;

      if (last != G_MAXINT64 && (guint64) (last - t + 1) < count)
        count = (gsize) (last - t + 1);
      stage_fill (stage, t - stage->offset, count, values + done);
      done += count;
      t += (gint64) count;
    }
}

typedef struct
{
  const AnnealSchedule *self;
  gint64                first;
  gsize                 n;
  double               *values;
} FillJob;

static gpointer
fill_thread (gpointer data)
{
  FillJob *job = data;

  fill_serial (job->self, job->first, job->n, job->values);
  return NULL;
}

/* Below this many values a second thread costs more than it saves. */
#define FILL_PARALLEL_MIN (1 << 15)
#define FILL_MAX_THREADS 8

void
anneal_schedule_fill (const AnnealSchedule *self,
                      gint64                first,
                      gsize                 n,
                      double               *values)
{
  static gsize n_threads;
  GThread *threads[FILL_MAX_THREADS];
  FillJob jobs[FILL_MAX_THREADS];
  gsize parts, start = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (first >= 0);
  g_return_if_fail (values != NULL || n == 0);

  if (g_once_init_enter (&n_threads))
    g_once_init_leave (&n_threads, CLAMP (g_get_num_processors (), 1, FILL_MAX_THREADS));

  parts = MIN (n_threads, n / FILL_PARALLEL_MIN);
  if (parts <= 1)
    {
      fill_serial (self, first, n, values);
      return;
    }

  /* Each part is computed exactly as the serial loop would: same bits, sooner. */
  for (gsize i = 0; i < parts; i++)
    {
      gsize count = n / parts + (i < n % parts ? 1 : 0);

      jobs[i] = (FillJob) { self, first + (gint64) start, count, values + start };
      start += count;
    }
  for (gsize i = 1; i < parts; i++)
    threads[i] = g_thread_new ("anneal-fill", fill_thread, &jobs[i]);
  fill_thread (&jobs[0]);
  for (gsize i = 1; i < parts; i++)
    g_thread_join (threads[i]);
}

/* Local epochs from here on. */

static inline void
include (double  v,
         double *lo,
         double *hi)
{
  if (v < *lo)
    *lo = v;
  if (v > *hi)
    *hi = v;
}

/* Pieces scanned at most at each end of a stretch (see pieces_range). */
#define RANGE_SCAN_PIECES (1 << 19)

/* Range over a stretch of monotone pieces: the ends of each piece suffice. A
 * stretch of more than 2·scan pieces without cycles (Hugging Face's cosine wave
 * over 10^12 epochs, say) has its first and last `scan` scanned (RANGE_SCAN_PIECES
 * for anneal_schedule_range()), so that the cost stays bounded. That is not exact: a crest or trough
 * skipped can fall nearer an epoch than any scanned (4.4e-5 of the peak nearer the
 * trough for cycles=123.456789 over 10^7 epochs), and far out the phase's rounding
 * decides which one is extreme — no closed form tells where. The values found are
 * values the schedule takes, inside the true range. */
static void
pieces_range (const AnnealStage *stage,
              AnnealValueFunc    value,
              gint64             scan,
              gint64             a,
              gint64             b,
              double            *lo,
              double            *hi)
{
  gint64 t = a;
  gint64 pieces = -1;  /* the first, maybe a part of a piece, is not counted */
  gint64 whole = a;    /* where the first whole piece starts */

  while (t <= b)
    {
      gint64 e = MIN (anneal_stage_piece_end (stage, t), b);

      g_assert (e >= t);
      include (value (stage, t), lo, hi);
      if (e != t)
        include (value (stage, e), lo, hi);
      if (e == G_MAXINT64 || e == b)
        break;
      t = e + 1;
      if (++pieces == 0)
        whole = t;
      else if (pieces == scan)
        {
          /* as many pieces again, of the whole ones' average length, before b */
          gint64 average = (t - whole) / scan + 1;

          if (b - t > 2 * scan * average)
            t = b - scan * average;
        }
    }
}

static void
whole_cycle_range (const AnnealStage *stage,
                   AnnealValueFunc    value,
                   gint64             scan,
                   gint64             start,
                   gint64             length,
                   double            *lo,
                   double            *hi)
{
  pieces_range (stage, value, scan, start, start + length - 1, lo, hi);
}

/* Whole cycles scanned one by one, at most, where the uniform classes are monotone
 * only up to a drift (AnnealStage.uniform_drift); past that the first and last ones
 * only, which is not exact: PyTorch's crests past t_max grow with its drift and jump
 * with its roundings at each restart (a maximum 6.6e-9 short over 2·10^7 epochs of
 * t_max = 7). Over more than RANGE_EXACT_SPAN epochs, RANGE_SCAN_COST bounds the
 * work of one range too: cycles times the steps of one value (PyTorch's recursion;
 * AnnealStage.value_cost), so that a chart's envelope, one range per pixel column
 * drawn on the app's main loop, never costs in proportion to the epochs
 * (cosine(t_max=10000, eta_min=0.01) over 10^9 epochs took 22 s to draw). */
#define RANGE_SCAN_CYCLES (1 << 13)
#define RANGE_SPREAD (1 << 12)
#define RANGE_SCAN_COST (1 << 10)
#define RANGE_EXACT_SPAN (1 << 16)

/* Over more than RANGE_EXACT_SPAN epochs, a stage whose value() costs more than
 * RANGE_MODEL_COST steps and that has a model_value() takes the ends of its pieces
 * from the model: a chart of PyTorch's cosine(t_max=100000, eta_min=0.001) over 10^9
 * epochs met a new restart, and 2·10^4 steps of its recursion, at every crest of
 * every pixel column — 5 s on the app's main loop. */

/* The range of a stage over local epochs a … b, looking at no more than `scan`
 * pieces, or drifting cycles, at each end of a longer stretch of them. */
static void
stage_range (const AnnealStage *stage,
             guint              scan,
             gint64             a,
             gint64             b,
             double            *lo,
             double            *hi)
{
  AnnealValueFunc value = stage->klass->value;
  gint64 scan_pieces = MIN (scan, RANGE_SCAN_PIECES);
  gint64 scan_cycles = MIN (scan, RANGE_SCAN_CYCLES);
  AnnealCycle ca, cb;
  gint64 end_a;

  /* A range with a bound on its work (a chart's column) costs a bounded amount per
   * value too: one exact value of PyTorch's cosine(lr=3, t_max=10^9, eta_min=0.3)
   * past t_max replays up to 10^9 steps, 10 s for the last column of its chart */
  if ((b - a > RANGE_EXACT_SPAN || scan < RANGE_SCAN_PIECES) &&
      stage->value_cost > RANGE_MODEL_COST && stage->klass->model_value != NULL)
    {
      value = stage->klass->model_value;
      /* The model leaves out the recursion's roundings, which drift further than it
       * allows for over long chains (3e-8 of the peak at 10^6 epochs of t_max = 10^5,
       * fuzz-spec): a range with no bound on its work holds the exact values at its
       * own ends, two values of at most one chain each. */
      if (scan >= RANGE_SCAN_PIECES)
        {
          include (stage->klass->value (stage, a), lo, hi);
          include (stage->klass->value (stage, b), lo, hi);
        }
    }

  if (!anneal_stage_has_cycles (stage))
    {
      pieces_range (stage, value, scan_pieces, a, b, lo, hi);
      return;
    }

  anneal_stage_cycle (stage, a, &ca);
  end_a = ca.length >= G_MAXINT64 - ca.start ? G_MAXINT64 : ca.start + ca.length - 1;
  if (b <= end_a)
    {
      pieces_range (stage, value, scan_pieces, a, b, lo, hi);
      return;
    }

  pieces_range (stage, value, scan_pieces, a, end_a, lo, hi);
  anneal_stage_cycle (stage, b, &cb);
  pieces_range (stage, value, scan_pieces, cb.start, b, lo, hi);

  if (cb.index - ca.index <= 1)
    return;

  if (stage->uniform_classes > 0 &&
      cb.index - ca.index - 1 > 2 * (gint64) stage->uniform_classes &&
      (!stage->uniform_drift || cb.index - ca.index > scan_cycles ||
       (b - a > RANGE_EXACT_SPAN &&
        (cb.index - ca.index) * MAX (stage->value_cost, 1) > RANGE_SCAN_COST)))
    {
      /* Equal cycles whose values move monotonically from cycle to cycle at each
       * offset: the extremes of all whole cycles lie in the first and the last few.
       * Their length is that of the first whole cycle (the one holding `a` may be
       * a different first cycle, a warm-up say). */
      AnnealCycle next;
      gint64 length;

      anneal_stage_cycle (stage, end_a + 1, &next);
      length = next.length;

      for (guint j = 0; j < stage->uniform_classes; j++)
        {
          whole_cycle_range (stage, value, scan_pieces, end_a + 1 + j * length, length, lo, hi);
          whole_cycle_range (stage, value, scan_pieces, cb.start - (j + 1) * length, length,
                             lo, hi);
        }
      /* A drift is monotone only on average (PyTorch's crests past t_max jump with the
       * roundings of each restart): a range with no bound on its work looks at
       * RANGE_SPREAD groups of cycles spread over the stretch too, as a chart's pixel
       * columns do, each at its own ends (over 10^15 epochs of cosine() the ends
       * gave 0.117, the columns showed crests up to 0.145). */
      if (stage->uniform_drift && scan >= RANGE_SCAN_PIECES)
        {
          gint64 whole = (cb.start - (end_a + 1)) / length;
          gint64 group = (gint64) stage->uniform_classes;

          for (gint64 k = 1; k < RANGE_SPREAD && whole > 2 * group * RANGE_SPREAD; k++)
            {
              gint64 c = k * (whole / RANGE_SPREAD);

              for (gint64 j = 0; j < group; j++)
                whole_cycle_range (stage, value, scan_pieces, end_a + 1 + (c + j) * length,
                                   length, lo, hi);
            }
        }
      return;
    }

  /* Whole cycles one by one; of more than 2·scan_cycles cycles of unequal length
   * (timm's t_mul of 1.000001 makes 2·10^7 of them in 10^15 epochs: 28 s to draw),
   * the first scan_cycles and those in the last scan_cycles times their average
   * length, which are not exact either. */
  for (gint64 t = end_a + 1, cycles = 0; t < cb.start;)
    {
      AnnealCycle c;

      anneal_stage_cycle (stage, t, &c);
      whole_cycle_range (stage, value, scan_pieces, c.start, c.length, lo, hi);
      t = c.start + c.length;
      if (++cycles == scan_cycles && t < cb.start)
        {
          gint64 average = (t - (end_a + 1)) / scan_cycles + 1;

          if (cb.start - t > 2 * scan_cycles * average)
            {
              /* from the cycle after the one that holds that epoch */
              anneal_stage_cycle (stage, cb.start - scan_cycles * average, &c);
              t = c.start + c.length;
            }
        }
    }
}

void
anneal_schedule_range (const AnnealSchedule *self,
                       gint64                first,
                       gint64                last,
                       double               *min,
                       double               *max)
{
  anneal_schedule_range_limited (self, first, last, G_MAXUINT, min, max);
}

void
anneal_schedule_range_limited (const AnnealSchedule *self,
                               gint64                first,
                               gint64                last,
                               guint                 scan,
                               double               *min,
                               double               *max)
{
  double lo = INFINITY, hi = -INFINITY;
  guint spanned, share;
  gint64 t;

  g_return_if_fail (self != NULL);
  g_return_if_fail (first >= 0);
  g_return_if_fail (last >= first);
  g_return_if_fail (scan >= 1);

  /* The stages the span crosses share the budget, at most what one stage takes
   * (RANGE_SCAN_PIECES): the work stays O(@scan) however many stages there are. A
   * sequence of 64 drifting waves over 10^15 epochs looked at 2^20 pieces in each,
   * 7.7 s for its chart's y axis. */
  spanned = (guint) (stage_at (self, last) - stage_at (self, first)) + 1;
  share = spanned == 1 ? scan : MAX (MIN (scan, RANGE_SCAN_PIECES) / spanned, 1);

  for (t = first; t <= last;)
    {
      const AnnealStage *stage = stage_at (self, t);
      gint64 stop = MIN (last, stage_last_epoch (stage));

      stage_range (stage, share, t - stage->offset, stop - stage->offset, &lo, &hi);
      if (stop == G_MAXINT64)
        break;
      t = stop + 1;
    }

  if (min != NULL)
    *min = lo;
  if (max != NULL)
    *max = hi;
}

gint64
anneal_schedule_piece_end (const AnnealSchedule *self,
                           gint64                t)
{
  const AnnealStage *stage;
  gint64 end;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (t >= 0, -1);

  stage = stage_at (self, t);
  end = anneal_stage_piece_end (stage, t - stage->offset);
  if (end != G_MAXINT64)
    end += stage->offset;
  return MIN (end, stage_last_epoch (stage));
}

/* Kahan–Babuška (Neumaier) summation. */
typedef struct
{
  double sum;
  double compensation;
} Sum;

static inline void
sum_add (Sum    *acc,
         double  y)
{
  double s = acc->sum + y;

  if (fabs (acc->sum) >= fabs (y))
    acc->compensation += (acc->sum - s) + y;
  else
    acc->compensation += (y - s) + acc->sum;
  acc->sum = s;
}

#define SUM_CHUNK (1 << 16)
#define SUM_PERIOD_MAX (1 << 20)

/* Sum of one stage over local epochs a … b, in fixed chunks. FALSE when cancelled. */
static gboolean
stage_sum_span (const AnnealStage *stage,
                gint64             a,
                gint64             b,
                double            *chunk,
                Sum               *acc,
                GCancellable      *cancellable)
{
  for (gint64 t = a; t <= b;)
    {
      gsize n = (gsize) MIN ((gint64) SUM_CHUNK, b - t + 1);

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      stage_fill (stage, t, n, chunk);
      for (gsize i = 0; i < n; i++)
        sum_add (acc, chunk[i]);
      t += (gint64) n;
    }
  return TRUE;
}

/* When a kind's sum() refuses a long span of a stage with cycles, it is asked again
 * for groups of this many whole cycles, and of ANNEAL_SUM_ROUNDED_MAX epochs at
 * least (shorter spans some kinds add up value by value): a sum() that costs
 * something per cycle bounds what one call may take, and refuses more (restarts'
 * growing cycles: 1024 of them), as it cannot be cancelled; a group is a call short
 * enough to check @cancellable between two. */
#define SUM_GROUP_CYCLES 64

/* The last epoch of the cycle of t (G_MAXINT64 if that cycle does not end), t at
 * least. */
static gint64
cycle_last (const AnnealStage *stage,
            gint64             t)
{
  AnnealCycle cycle;

  anneal_stage_cycle (stage, t, &cycle);
  if (cycle.length >= G_MAXINT64 - cycle.start)
    return G_MAXINT64;
  return MAX (cycle.start + cycle.length - 1, t);
}

/* Sum of one stage over local epochs a … b by the kind's sum() group by group of
 * whole cycles, the groups it refuses added up. FALSE when cancelled. */
static gboolean
stage_sum_groups (const AnnealStage *stage,
                  gint64             a,
                  gint64             b,
                  double            *chunk,
                  Sum               *acc,
                  GCancellable      *cancellable)
{
  for (gint64 t = a; t <= b;)
    {
      gint64 last = t - 1;  /* the group's last epoch */
      double sum;

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      for (guint k = 0; k < SUM_GROUP_CYCLES && last < b; k++)
        last = cycle_last (stage, last + 1);
      if (last < b && last - t < ANNEAL_SUM_ROUNDED_MAX - 1)
        last = cycle_last (stage, t + MIN (b - t, ANNEAL_SUM_ROUNDED_MAX - 1));
      last = MIN (last, b);
      sum = stage->klass->sum (stage, t, last);
      if (!isnan (sum))
        sum_add (acc, sum);
      else if (!stage_sum_span (stage, t, last, chunk, acc, cancellable))
        return FALSE;
      if (last == b)
        break;
      t = last + 1;
    }
  return TRUE;
}

/* Whether stage_sum() costs O(pieces) over a … b rather than O(b − a). */
static gboolean
stage_sum_is_closed (const AnnealStage *stage,
                     gint64             a,
                     gint64             b)
{
  if (stage->klass->sum != NULL || b - a < SUM_CHUNK)
    return TRUE;
  if (stage->period > 0 && stage->period <= SUM_PERIOD_MAX)
    return TRUE;
  return stage->klass->cycles_sum != NULL && anneal_stage_has_cycles (stage);
}

static gboolean
stage_sum (const AnnealStage *stage,
           gint64             a,
           gint64             b,
           double            *chunk,
           Sum               *acc,
           GCancellable      *cancellable)
{
  gint64 period = stage->period;

  /* The kind's own closed form, if it has one for these parameters. */
  if (stage->klass->sum != NULL)
    {
      double closed = stage->klass->sum (stage, a, b);

      if (!isnan (closed))
        {
          sum_add (acc, closed);
          return TRUE;
        }
    }

  /* A periodic stage: one period summed, times the whole periods, plus the rest. */
  if (period > 0 && period <= SUM_PERIOD_MAX && b - a + 1 >= 2 * period)
    {
      gint64 whole = (b - a + 1) / period;
      Sum one = { 0, 0 };

      if (!stage_sum_span (stage, a, a + period - 1, chunk, &one, cancellable))
        return FALSE;
      sum_add (acc, (one.sum + one.compensation) * (double) whole);
      return stage_sum_span (stage, a + whole * period, b, chunk, acc, cancellable);
    }

  /* Cycles with a closed-form sum: add up only the partial cycles at both ends. */
  if (stage->klass->cycles_sum != NULL && anneal_stage_has_cycles (stage))
    {
      AnnealCycle ca, cb;
      double middle;

      anneal_stage_cycle (stage, a, &ca);
      anneal_stage_cycle (stage, b, &cb);
      if (cb.index - ca.index >= 3 &&
          stage->klass->cycles_sum (stage, ca.index + 1, cb.index - 1, &middle))
        {
          if (!stage_sum_span (stage, a, ca.start + ca.length - 1, chunk, acc, cancellable))
            return FALSE;
          sum_add (acc, middle);
          return stage_sum_span (stage, cb.start, b, chunk, acc, cancellable);
        }
    }

  /* The kind's sum() over fewer cycles at a time, and only what it still refuses
   * added up. */
  if (stage->klass->sum != NULL && anneal_stage_has_cycles (stage) &&
      b - a >= 2 * ANNEAL_SUM_ROUNDED_MAX)
    return stage_sum_groups (stage, a, b, chunk, acc, cancellable);
  return stage_sum_span (stage, a, b, chunk, acc, cancellable);
}

typedef struct
{
  const AnnealSchedule *self;
  gint64                first;
  gint64                last;
  GCancellable         *cancellable;
  Sum                   acc;
  gboolean              done;
} SumJob;

static gpointer
sum_thread (gpointer data)
{
  SumJob *job = data;
  g_autofree double *chunk = g_new (double, SUM_CHUNK);

  job->done = TRUE;
  for (gint64 t = job->first; t <= job->last;)
    {
      const AnnealStage *stage = stage_at (job->self, t);
      gint64 stop = MIN (job->last, stage_last_epoch (stage));

      if (!stage_sum (stage, t - stage->offset, stop - stage->offset, chunk, &job->acc,
                      job->cancellable))
        {
          job->done = FALSE;
          break;
        }
      if (stop == G_MAXINT64)
        break;
      t = stop + 1;
    }
  return NULL;
}

/* Whether some stage over first … last has to be added up value by value. */
static gboolean
needs_scan (const AnnealSchedule *self,
            gint64                first,
            gint64                last)
{
  for (gint64 t = first; t <= last;)
    {
      const AnnealStage *stage = stage_at (self, t);
      gint64 stop = MIN (last, stage_last_epoch (stage));

      if (!stage_sum_is_closed (stage, t - stage->offset, stop - stage->offset))
        return TRUE;
      if (stop == G_MAXINT64)
        break;
      t = stop + 1;
    }
  return FALSE;
}

gboolean
anneal_schedule_stats_full (const AnnealSchedule *self,
                            gint64                first,
                            gint64                last,
                            AnnealStats          *stats,
                            GCancellable         *cancellable,
                            GError              **error)
{
  SumJob jobs[2] = { { self, first, last, cancellable }, { self, 0, -1, cancellable } };
  GThread *helper = NULL;
  Sum total = { 0, 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (first >= 0, FALSE);
  g_return_val_if_fail (last >= first, FALSE);
  g_return_val_if_fail (stats != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  stats->first = anneal_schedule_value (self, first);
  stats->last = anneal_schedule_value (self, last);
  anneal_schedule_range (self, first, last, &stats->min, &stats->max);

  /* The sum: closed forms per piece or cycle where the kinds have them, whole
   * periods, else the values one by one in constant memory — a long scan split
   * over two threads and given up as soon as @cancellable is cancelled. */
  if (last - first >= FILL_PARALLEL_MIN * 8 && g_get_num_processors () > 1 &&
      needs_scan (self, first, last))
    {
      gint64 middle = first + (last - first) / 2;

      jobs[0].last = middle;
      jobs[1].first = middle + 1;
      jobs[1].last = last;
      helper = g_thread_new ("anneal-sum", sum_thread, &jobs[1]);
    }
  sum_thread (&jobs[0]);
  if (helper != NULL)
    g_thread_join (helper);
  else
    jobs[1].done = TRUE;

  if (!jobs[0].done || !jobs[1].done)
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (jobs); i++)
    {
      sum_add (&total, jobs[i].acc.sum);
      sum_add (&total, jobs[i].acc.compensation);
    }
  stats->sum = total.sum + total.compensation;
  stats->mean = stats->sum / (double) (last - first + 1);
  return TRUE;
}

void
anneal_schedule_stats (const AnnealSchedule *self,
                       gint64                first,
                       gint64                last,
                       AnnealStats          *stats)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (first >= 0);
  g_return_if_fail (last >= first);
  g_return_if_fail (stats != NULL);

  anneal_schedule_stats_full (self, first, last, stats, NULL, NULL);
}
