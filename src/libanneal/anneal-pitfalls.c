/* anneal-pitfalls.c — the well-known mistakes of a schedule over a run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing here looks at every epoch. Each stage the run reaches is asked, through
 * its kind's pitfalls() hook, about its own shape — the end of its horizon, the end
 * of its rise, the cycle its last epoch falls in, its milestones — and the helpers
 * below turn the answers into pitfalls with their explanations. Two checks hold
 * for every kind: a stage the run never reaches (unreached-milestone), and a rate
 * of exactly 0 before the last epoch (zero-rate), found from the exact minimum
 * anneal_schedule_range() gives per monotone piece and then narrowed down to the
 * first such epoch by bisection: O(pieces · log N), not O(N).
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "anneal-private.h"

struct _AnnealPitfall
{
  AnnealPitfallId id;
  guint           stage;
  char           *explanation;
  gint64          fix_epochs;  /* 0: none */
  char           *fix_param;   /* NULL: none */
  char           *fix_value;
};

static const char * const id_names[] = {
  [ANNEAL_PITFALL_PAST_HORIZON] = "past-horizon",
  [ANNEAL_PITFALL_ENDS_MID_CYCLE] = "ends-mid-cycle",
  [ANNEAL_PITFALL_ZERO_RATE] = "zero-rate",
  [ANNEAL_PITFALL_NEVER_PEAKS] = "never-peaks",
  [ANNEAL_PITFALL_UNREACHED_MILESTONE] = "unreached-milestone",
};

const char *
anneal_pitfall_id_to_string (AnnealPitfallId id)
{
  g_return_val_if_fail ((guint) id < G_N_ELEMENTS (id_names), NULL);

  return id_names[id];
}

AnnealPitfall *
anneal_pitfall_copy (const AnnealPitfall *self)
{
  AnnealPitfall *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (AnnealPitfall, 1);
  *copy = *self;
  copy->explanation = g_strdup (self->explanation);
  copy->fix_param = g_strdup (self->fix_param);
  copy->fix_value = g_strdup (self->fix_value);
  return copy;
}

void
anneal_pitfall_free (AnnealPitfall *self)
{
  if (self == NULL)
    return;
  g_free (self->explanation);
  g_free (self->fix_param);
  g_free (self->fix_value);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (AnnealPitfall, anneal_pitfall, anneal_pitfall_copy, anneal_pitfall_free)

AnnealPitfallId
anneal_pitfall_get_id (const AnnealPitfall *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->id;
}

guint
anneal_pitfall_get_stage (const AnnealPitfall *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->stage;
}

const char *
anneal_pitfall_get_explanation (const AnnealPitfall *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->explanation;
}

gint64
anneal_pitfall_get_fix_epochs (const AnnealPitfall *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->fix_epochs;
}

const char *
anneal_pitfall_get_fix_param (const AnnealPitfall  *self,
                              const char          **value)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (value != NULL)
    *value = self->fix_value;
  return self->fix_param;
}

/* Whole numbers for the messages: "%s" with this, since the translatable strings
 * cannot carry G_GINT64_FORMAT. */
typedef struct
{
  char text[24];
} Num;

static Num
num (gint64 v)
{
  Num n;

  g_snprintf (n.text, sizeof n.text, "%" G_GINT64_FORMAT, v);
  return n;
}

/* Adds a pitfall, taking @explanation; at most one per stage and id (the first). */
static AnnealPitfall *
report (AnnealPitfallScope *scope,
        AnnealPitfallId     id,
        char               *explanation)
{
  AnnealPitfall *pitfall;

  for (guint i = 0; i < scope->found->len; i++)
    {
      AnnealPitfall *p = g_ptr_array_index (scope->found, i);

      if (p->stage == scope->stage && p->id == id)
        {
          g_free (explanation);
          return NULL;
        }
    }

  pitfall = g_new0 (AnnealPitfall, 1);
  pitfall->id = id;
  pitfall->stage = scope->stage;
  pitfall->explanation = explanation;
  g_ptr_array_add (scope->found, pitfall);
  return pitfall;
}

/* "the run's 50 epochs" or, for a stage that does not run to the end or does not
 * start it, "the 30 epochs this stage runs". */
static char *
span_text (const AnnealPitfallScope *scope)
{
  if (scope->offset == 0 && scope->run_ends)
    return g_strdup_printf (scope->per_step
                            /* TRANSLATORS: completes "… lies at or beyond %s"; %s is a
                             * number of optimizer steps */
                            ? _("the run's %s steps")
                            /* TRANSLATORS: completes "… lies at or beyond %s"; %s is a
                             * number of epochs */
                            : _("the run's %s epochs"), num (scope->n).text);
  return g_strdup_printf (scope->per_step
                          /* TRANSLATORS: completes "… lies at or beyond %s"; %s is a number
                           * of optimizer steps */
                          ? _("the %s steps this stage runs")
                          /* TRANSLATORS: completes "… lies at or beyond %s"; %s is a number
                           * of epochs */
                          : _("the %s epochs this stage runs"), num (scope->n).text);
}

void
anneal_pitfalls_horizon (AnnealPitfallScope *scope,
                         gint64              end,
                         const char         *param,
                         gint64              value,
                         gint64              fix,
                         const char         *note)
{
  /* A value past what the parameter may hold is no fix (cosine-cycles: steps = the
   * last epoch + shift). */
  gboolean fixable = fix <= ANNEAL_EPOCH_MAX;
  AnnealPitfall *p;
  char *text;

  if (scope->n - 1 <= end)
    return;
  if (end < 0 && fixable)
    /* TRANSLATORS: the end lies before the stage's first epoch (a shift past it):
     * "the whole stage lies past the end of steps = 40: <what the libraries do
     * there>; set steps = 69" */
    text = g_strdup_printf (_("the whole stage lies past the end of %s = %s: %s; set %s = %s"),
                            param, num (value).text, note, param, num (fix).text);
  else if (end < 0)
    /* TRANSLATORS: as "the whole stage lies past the end of …", with no value to set */
    text = g_strdup_printf (_("the whole stage lies past the end of %s = %s: %s"),
                            param, num (value).text, note);
  else if (fixable)
    text = g_strdup_printf (scope->per_step
                            /* TRANSLATORS: "the run goes on to step 49, past the end of
                             * t_max = 20 at step 20: <what the libraries do there>; set
                             * t_max = 49" */
                            ? _("the run goes on to step %s, past the end of %s = %s at "
                                "step %s: %s; set %s = %s")
                            /* TRANSLATORS: "the run goes on to epoch 49, past the end of
                             * t_max = 20 at epoch 20: <what the libraries do there>; set
                             * t_max = 49" */
                            : _("the run goes on to epoch %s, past the end of %s = %s at "
                                "epoch %s: %s; set %s = %s"),
                            num (scope->offset + scope->n - 1).text, param, num (value).text,
                            num (scope->offset + end).text, note, param, num (fix).text);
  else
    text = g_strdup_printf (scope->per_step
                            /* TRANSLATORS: as "the run goes on to step 49, …", with no
                             * value to set */
                            ? _("the run goes on to step %s, past the end of %s = %s at "
                                "step %s: %s")
                            /* TRANSLATORS: as "the run goes on to epoch 49, …", with no
                             * value to set */
                            : _("the run goes on to epoch %s, past the end of %s = %s at "
                                "epoch %s: %s"),
                            num (scope->offset + scope->n - 1).text, param,
                            num (value).text, num (scope->offset + end).text, note);
  p = report (scope, ANNEAL_PITFALL_PAST_HORIZON, text);
  if (p != NULL && fixable)
    {
      p->fix_param = g_strdup (param);
      p->fix_value = g_strdup (num (fix).text);
    }
}

void
anneal_pitfalls_rise (AnnealPitfallScope *scope,
                      double              peak)
{
  gint64 at;

  if (!(peak > (double) (scope->run_ends ? scope->n - 1 : scope->n)))
    return;
  at = peak < (double) ANNEAL_EPOCH_MAX ? (gint64) ceil (peak) : ANNEAL_EPOCH_MAX;
  if (scope->run_ends)
    report (scope, ANNEAL_PITFALL_NEVER_PEAKS,
            g_strdup_printf (scope->per_step
                             ? _("the rise to the peak ends at step %s, after the run's last "
                                 "step %s: the rate never reaches its peak")
                             : _("the rise to the peak ends at epoch %s, after the run's last "
                                 "epoch %s: the rate never reaches its peak"),
                             num (scope->offset + at).text,
                             num (scope->offset + scope->n - 1).text));
  else
    report (scope, ANNEAL_PITFALL_NEVER_PEAKS,
            g_strdup_printf (scope->per_step
                             ? _("the rise to the peak ends at step %s, after the next stage "
                                 "has taken over at step %s: the rate never reaches its peak")
                             : _("the rise to the peak ends at epoch %s, after the next stage "
                                 "has taken over at epoch %s: the rate never reaches its peak"),
                             num (scope->offset + at).text,
                             num (scope->offset + scope->n).text));
}

/* The run length among @back and @forward (local, @back < n ≤ @forward, @back < 1
 * or @forward G_MAXINT64 when there is none) nearer to the run's, as a global epoch
 * count; only lengths up to ANNEAL_EPOCH_MAX; 0 when there is neither. */
static gint64
nearest_end (const AnnealPitfallScope *scope,
             gint64                    back,
             gint64                    forward)
{
  gint64 n = scope->n;

  /* A run longer than a run may be is no fix. */
  if (forward > ANNEAL_EPOCH_MAX - scope->offset)
    forward = G_MAXINT64;
  if (back >= 1 && (forward == G_MAXINT64 || n - back <= forward - n))
    return scope->offset + back;
  if (forward == G_MAXINT64)
    return 0;
  return scope->offset + forward;
}

/* @fix: the run length that ends at the end of a cycle, 0: none within the limits. */
static void
report_cycle_end (AnnealPitfallScope *scope,
                  char               *explanation,
                  gint64              fix)
{
  AnnealPitfall *p;
  g_autofree char *with_fix = NULL;

  if (fix == 0)
    {
      report (scope, ANNEAL_PITFALL_ENDS_MID_CYCLE, explanation);
      return;
    }
  with_fix = g_strdup_printf (scope->per_step
                              /* TRANSLATORS: %s: an explanation, then a number of optimizer
                               * steps */
                              ? _("%s; end training at the end of a cycle, after %s steps")
                              : _("%s; end training at the end of a cycle: N = %s"),
                              explanation, num (fix).text);
  g_free (explanation);
  p = report (scope, ANNEAL_PITFALL_ENDS_MID_CYCLE, g_steal_pointer (&with_fix));
  if (p != NULL)
    p->fix_epochs = fix;
}

void
anneal_pitfalls_restart (AnnealPitfallScope *scope,
                         const AnnealCycle  *cycle)
{
  gint64 c = scope->n - 1 - cycle->start;
  gint64 forward;

  if (!scope->run_ends || cycle->index < 1 || c >= cycle->length - c)
    return;
  forward = cycle->length <= G_MAXINT64 - cycle->start ? cycle->start + cycle->length
                                                       : G_MAXINT64;
  report_cycle_end (scope,
                    g_strdup_printf (scope->per_step
                                     ? _("training stops at step %s, just after the restart "
                                         "at step %s, in the first half of a cycle of %s "
                                         "steps, at a high rate")
                                     : _("training stops at epoch %s, just after the restart "
                                         "at epoch %s, in the first half of a cycle of %s "
                                         "epochs, at a high rate"),
                                     num (scope->offset + scope->n - 1).text,
                                     num (scope->offset + cycle->start).text,
                                     num (cycle->length).text),
                    nearest_end (scope, cycle->start, forward));
}

void
anneal_pitfalls_fall (AnnealPitfallScope *scope,
                      gint64              crest,
                      gint64              trough_before,
                      gint64              trough_after)
{
  if (!scope->run_ends)
    return;
  /* The ends of a wave's cycles are its troughs: N = trough + 1 (none before the
   * stage's first epoch). */
  report_cycle_end (scope,
                    g_strdup_printf (scope->per_step
                                     ? _("training stops at step %s, just after the crest of "
                                         "the wave at step %s, at a high rate")
                                     : _("training stops at epoch %s, just after the crest of "
                                         "the wave at epoch %s, at a high rate"),
                                     num (scope->offset + scope->n - 1).text,
                                     num (scope->offset + crest).text),
                    nearest_end (scope, trough_before >= 0 ? trough_before + 1 : 0,
                                 trough_after < G_MAXINT64 ? trough_after + 1 : G_MAXINT64));
}

void
anneal_pitfalls_wave (AnnealPitfallScope *scope,
                      gint64              length)
{
  gint64 e = scope->n - 1;
  gint64 k = e / length;
  gint64 c = e % length;
  gint64 half = length / 2;

  if (k < 1 || c >= half)
    return;
  anneal_pitfalls_fall (scope, k * length, (k - 1) * length + half, k * length + half);
}

void
anneal_pitfalls_triangle (AnnealPitfallScope *scope,
                          gint64              length,
                          gint64              up)
{
  gint64 e = scope->n - 1;
  gint64 k = e / length;
  gint64 c = e % length;

  if (!scope->run_ends || k < 1 || c < 1 || c > up)
    return;
  report_cycle_end (scope,
                    g_strdup_printf (scope->per_step
                                     ? _("training stops at step %s, on the way up of the "
                                         "cycle that began at step %s, at a high rate")
                                     : _("training stops at epoch %s, on the way up of the "
                                         "cycle that began at epoch %s, at a high rate"),
                                     num (scope->offset + e).text,
                                     num (scope->offset + k * length).text),
                    nearest_end (scope, k * length,
                                 length <= G_MAXINT64 - k * length
                                   ? (k + 1) * length : G_MAXINT64));
}

void
anneal_pitfalls_every (AnnealPitfallScope *scope,
                       const char         *param,
                       gint64              first)
{
  g_autofree char *span = NULL;

  if (first < scope->n)
    return;
  span = span_text (scope);
  report (scope, ANNEAL_PITFALL_UNREACHED_MILESTONE,
          /* TRANSLATORS: "step_size = 60 lies at or beyond the run's 50 epochs: …" (or
           * steps) */
          g_strdup_printf (_("%s = %s lies at or beyond %s: the change there never happens"),
                           param, num (first).text, span));
}

void
anneal_pitfalls_milestones (AnnealPitfallScope *scope,
                            const double       *list,
                            guint               n_list)
{
  g_autoptr(GString) late = g_string_new (NULL);
  g_autofree char *span = NULL;
  guint count = 0;

  for (guint i = 0; i < n_list; i++)
    if (list[i] >= (double) scope->n)
      {
        if (count++ > 0)
          g_string_append (late, ", ");
        g_string_append (late, num ((gint64) list[i]).text);
      }
  if (count == 0)
    return;
  span = span_text (scope);
  report (scope, ANNEAL_PITFALL_UNREACHED_MILESTONE,
          /* TRANSLATORS: "milestones 80, 120 lie at or beyond the run's 50 epochs: …" (or
           * steps) */
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "milestone %s lies at or beyond %s: it never happens",
                                        "milestones %s lie at or beyond %s: they never happen",
                                        count),
                           late->str, span));
}

/* Pieces or drifting cycles zero-rate looks at, at most, at each end of a stage. */
#define ZERO_SCAN 4096

/* zero-rate: the first epoch before the run's last with a rate of exactly 0. */
static void
check_zero (const AnnealSchedule *self,
            AnnealPitfallScope   *scope,
            gint64                n_epochs)
{
  gint64 first = scope->offset;
  gint64 last = MIN (scope->offset + scope->n - 1, n_epochs - 2);
  double min;

  gint64 base, end, span;

  if (first > last)
    return;
  /* Whether there is a 0 at all: past ZERO_SCAN pieces at each end of a wave the
   * range looks at no more (a 0 only in the middle of 10^13 periods goes unseen);
   * the app asks this of every series at every edit, on its main loop. */
  anneal_schedule_range_limited (self, first, last, ZERO_SCAN, &min, NULL);
  if (min != 0)
    return;

  /* Spans doubling from the stage's start until one holds a 0, then halved: each
   * range looks only at epochs not yet known to be free of zeros, so the cost
   * follows where the first 0 lies, not the run (a wave of 10^13 periods over 10^15
   * epochs cost two seconds in halvings from the start). */
  for (base = first, span = 1;; base = end + 1, span *= 2)
    {
      end = last - base < span ? last : base + span - 1;
      anneal_schedule_range (self, base, end, &min, NULL);
      if (min == 0 || end == last)
        break;
    }
  if (min != 0)
    {
      /* A span long enough that its range is not exact (past 2^20 pieces) missed
       * the 0 the whole run's found: halve the whole run instead. */
      base = first;
      end = last;
    }
  while (base < end)
    {
      gint64 mid = base + (end - base) / 2;

      anneal_schedule_range (self, base, mid, &min, NULL);
      if (min == 0)
        end = mid;
      else
        base = mid + 1;
    }
  first = base;
  report (scope, ANNEAL_PITFALL_ZERO_RATE,
          g_strdup_printf (scope->per_step
                           ? _("the rate is exactly 0 at step %s, before the last step: a "
                               "step that learns nothing")
                           : _("the rate is exactly 0 at epoch %s, before the last epoch: a "
                               "step that learns nothing"), num (first).text));
}

static int
compare_pitfalls (gconstpointer a,
                  gconstpointer b)
{
  const AnnealPitfall *p = *(const AnnealPitfall * const *) a;
  const AnnealPitfall *q = *(const AnnealPitfall * const *) b;

  if (p->stage != q->stage)
    return p->stage < q->stage ? -1 : 1;
  return (int) p->id - (int) q->id;
}

/* @n_epochs: the run's length in the schedule's own unit, epochs or (@per_step)
 * optimizer steps. */
static GPtrArray *
find_pitfalls (const AnnealSchedule *self,
               gint64                n_epochs,
               gboolean              per_step)
{
  g_autoptr(GPtrArray) found = NULL;

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) anneal_pitfall_free);
  for (guint i = 0; i < self->n_stages; i++)
    {
      const AnnealStage *stage = &self->stages[i];
      AnnealPitfallScope scope = {
        .offset = stage->offset,
        .stage = i,
        .found = found,
        .per_step = per_step,
      };
      gint64 remaining = n_epochs - stage->offset;

      if (remaining <= 0)
        {
          report (&scope, ANNEAL_PITFALL_UNREACHED_MILESTONE,
                  g_strdup_printf (per_step
                                   ? _("this stage starts at step %s, at or beyond the run's "
                                       "%s steps: it never happens")
                                   : _("this stage starts at epoch %s, at or beyond the run's "
                                       "%s epochs: it never happens"),
                                   num (stage->offset).text, num (n_epochs).text));
          continue;
        }
      if (stage->length >= 0 && stage->length < remaining)
        {
          scope.n = stage->length;
          scope.run_ends = FALSE;
        }
      else
        {
          scope.n = remaining;
          scope.run_ends = TRUE;
        }
      if (stage->klass->pitfalls != NULL)
        stage->klass->pitfalls (stage, &scope);
      check_zero (self, &scope, n_epochs);
    }

  g_ptr_array_sort (found, compare_pitfalls);
  return g_steal_pointer (&found);
}

GPtrArray *
anneal_schedule_find_pitfalls (const AnnealSchedule *self,
                               gint64                n_epochs)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_epochs >= 1 && n_epochs <= ANNEAL_EPOCH_MAX, NULL);

  return find_pitfalls (self, n_epochs, FALSE);
}

GPtrArray *
anneal_schedule_find_pitfalls_per_step (const AnnealSchedule *self,
                                        gint64                n_steps)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (n_steps >= 1 && n_steps <= ANNEAL_EPOCH_MAX, NULL);

  return find_pitfalls (self, n_steps, TRUE);
}
