/* anneal-import-libs.c — the library calls `anneal-cli import` reads, and their specs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per public schedule of PyTorch 1.13 (torch.optim.lr_scheduler), Hugging
 * Face transformers (optimization.py), Keras 3 (optimizers/schedules), timm
 * (timm/scheduler) and optax (optax/schedules): its signature, as the library
 * declares it, and a translator that writes the spec with the same value at every
 * step. A translator refuses what it cannot reproduce exactly; it never
 * approximates.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "anneal-private.h"
#include "anneal-import.h"
#include "anneal-import-private.h"

/* ------------------------------------------------------------------ helpers */

static gboolean
fail_at (Call       *c,
         guint       line,
         guint       column,
         const char *format,
         ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail_at (Call       *c,
         guint       line,
         guint       column,
         const char *format,
         ...)
{
  g_autofree char *text = NULL;
  va_list args;

  if (c->fail_reason != NULL)
    return FALSE;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  c->fail_reason = g_string_chunk_insert (c->ctx->strings, text);
  c->fail_line = line;
  c->fail_column = column;
  return FALSE;
}

#define fail(c, ...) fail_at ((c), (c)->line, (c)->column, __VA_ARGS__)

static int
param_index (Call       *c,
             const char *name)
{
  for (guint i = 0; i < c->n_params; i++)
    if (strcmp (c->names[i], name) == 0)
      return (int) i;
  g_assert_not_reached ();
  return -1;
}

/* The argument, or NULL when it was not given (or given as None). */
static Value *
arg (Call       *c,
     const char *name)
{
  Value *v = c->args[param_index (c, name)];

  return v == NULL || v->type == VAL_NONE ? NULL : v;
}

static gboolean
fail_arg (Call       *c,
          const char *name,
          const char *message)
{
  int i = param_index (c, name);

  if (c->args[i] != NULL)
    return fail_at (c, c->arg_line[i], c->arg_column[i], "%s", message);
  return fail (c, "%s", message);
}

/* A number argument; @fallback when absent (NAN: required). */
static gboolean
get_num (Call       *c,
         const char *name,
         double      fallback,
         double     *out)
{
  Value *v = arg (c, name);

  if (v == NULL)
    {
      if (isnan (fallback))
        return fail (c, _("%s needs the argument '%s'"), c->func->name, name);
      *out = fallback;
      return TRUE;
    }
  if (v->type == VAL_OPAQUE)
    return fail_at (c, v->line, v->column, _("cannot compute '%s': %s"), name, v->reason);
  if (v->type == VAL_REF)
    return fail_at (c, v->line, v->column, _("cannot compute '%s': '%s' is not defined in "
                                             "the text"), name, v->str);
  if (v->type != VAL_NUMBER && v->type != VAL_BOOL)
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' must be a number"), name));
  if (!isfinite (v->number))
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' must be finite"), name));
  *out = v->number;
  return TRUE;
}

/* A whole number of steps ≥ @min (Python may write it as 10 or 10.0). */
static gboolean
get_int (Call       *c,
         const char *name,
         double      fallback,
         double      min,
         gint64     *out)
{
  double d;

  if (!get_num (c, name, fallback, &d))
    return FALSE;
  if (d != floor (d))
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' is %g, not a whole number of "
                                                          "steps: Anneal counts whole steps"),
                                                 name, d));
  if (d < min || d > (double) ANNEAL_EPOCH_MAX)
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' must be between %g and 10^15"),
                                                 name, min));
  *out = (gint64) d;
  return TRUE;
}

/* get_int() for an argument PyTorch checks with isinstance(x, int) (a bool is one):
 * 10.0 raises ValueError there, so it is refused here too, with PyTorch's reason. */
static gboolean
get_py_int (Call       *c,
            const char *name,
            double      fallback,
            double      min,
            gint64     *out)
{
  Value *v = arg (c, name);

  if (v != NULL && v->type == VAL_NUMBER && !v->is_int && isfinite (v->number))
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' is %s, a float: %s raises "
                                                          "ValueError unless it is an int"),
                                                 name, anneal_py_float (v->number).text,
                                                 c->func->name));
  return get_int (c, name, fallback, min, out);
}

static gboolean
get_bool (Call       *c,
          const char *name,
          gboolean    fallback,
          gboolean   *out)
{
  Value *v = arg (c, name);
  gboolean known = TRUE;

  if (v == NULL)
    {
      *out = fallback;
      return TRUE;
    }
  if (v->type == VAL_OPAQUE)
    return fail_at (c, v->line, v->column, _("cannot compute '%s': %s"), name, v->reason);
  if (v->type == VAL_BOOL || v->type == VAL_NUMBER)
    *out = v->number != 0;
  else
    known = FALSE;
  if (!known)
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' must be True or False"), name));
  return TRUE;
}

/* A string argument (or an enum member such as SchedulerType.COSINE). */
static gboolean
get_str (Call        *c,
         const char  *name,
         const char  *fallback,
         const char **out)
{
  Value *v = arg (c, name);

  if (v == NULL)
    {
      if (fallback == NULL)
        return fail (c, _("%s needs the argument '%s'"), c->func->name, name);
      *out = fallback;
      return TRUE;
    }
  if (v->type == VAL_OPAQUE)
    return fail_at (c, v->line, v->column, _("cannot compute '%s': %s"), name, v->reason);
  if (v->type == VAL_REF && strstr (v->str, "SchedulerType.") != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (strstr (v->str, "SchedulerType.") + 14, -1);

      *out = g_string_chunk_insert (c->ctx->strings, lower);
      return TRUE;
    }
  if (v->type != VAL_STRING)
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' must be a string"), name));
  if (strlen (v->str) != v->str_len)  /* "cosine\0" is not "cosine" */
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' holds a NUL character"),
                                                 name));
  *out = v->str;
  return TRUE;
}

static gboolean
check_choice (Call        *c,
              const char  *name,
              const char  *value,
              const char **choices)
{
  for (guint i = 0; choices[i] != NULL; i++)
    if (strcmp (value, choices[i]) == 0)
      return TRUE;
  return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' cannot be '%s'"), name, value));
}

static gboolean
get_list (Call       *c,
          const char *name,
          GPtrArray **out)
{
  Value *v = arg (c, name);

  if (v == NULL)
    return fail (c, _("%s needs the argument '%s'"), c->func->name, name);
  if (v->type == VAL_OPAQUE)
    return fail_at (c, v->line, v->column, _("cannot compute '%s': %s"), name, v->reason);
  if (v->type != VAL_LIST)
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' must be a list"), name));
  *out = v->items;
  return TRUE;
}

static gboolean
item_num (Call       *c,
          const char *name,
          Value      *v,
          double     *out)
{
  if (v->type == VAL_OPAQUE)
    return fail_at (c, v->line, v->column, _("cannot compute '%s': %s"), name, v->reason);
  if ((v->type != VAL_NUMBER && v->type != VAL_BOOL) || !isfinite (v->number))
    return fail_at (c, v->line, v->column, _("'%s' must hold finite numbers"), name);
  *out = v->number;
  return TRUE;
}

/* Arguments that must keep their defaults: resuming, noise, custom functions. */
static gboolean
check_default (Call       *c,
               const char *name,
               double      value,
               const char *reason)
{
  Value *v = arg (c, name);

  if (v == NULL || ((v->type == VAL_NUMBER || v->type == VAL_BOOL) && v->number == value))
    return TRUE;
  return fail_arg (c, name, reason);
}

static gboolean
check_last_epoch (Call *c)
{
  return check_default (c, "last_epoch", -1,
                        _("a scheduler resumed with last_epoch is not reproduced: "
                          "Anneal starts at step 0"));
}

static const char *
num (Call  *c,
     double v)
{
  char buffer[ANNEAL_FORMAT_DOUBLE_BUFSIZE];

  anneal_format_double (v, buffer);
  return g_string_chunk_insert (c->ctx->strings, buffer);
}

static Optimizer *find_optimizer (Call *c);

/* Whether @v is the number @x; where it was written, then. */
static gboolean
is_number_at (const Value *v,
              double       x,
              guint       *line,
              guint       *column)
{
  if (v == NULL || (v->type != VAL_NUMBER && v->type != VAL_BOOL) || v->number != x)
    return FALSE;
  *line = v->line;
  *column = v->column;
  return TRUE;
}

/* Where the number @x came from: the argument of @c that gave it (a list's item, a
 * dict's value), or the rate of its optimizer; FALSE when it was computed. */
static gboolean
find_source (Call   *c,
             double  x,
             guint  *line,
             guint  *column)
{
  for (guint i = 0; i < c->n_params; i++)
    {
      Value *v = c->args[i];

      if (is_number_at (v, x, line, column))
        {
          /* the argument, keyword and all */
          *line = c->arg_line[i];
          *column = c->arg_column[i];
          return TRUE;
        }
      if (v != NULL && (v->type == VAL_LIST || v->type == VAL_DICT) && v->items != NULL)
        for (guint k = 0; k < v->items->len; k++)
          if (is_number_at (g_ptr_array_index (v->items, k), x, line, column))
            return TRUE;
      if (strcmp (c->names[i], "optimizer") == 0)
        {
          Optimizer *o = find_optimizer (c);

          if (o != NULL && (is_number_at (o->has_initial ? o->initial : o->lr, x, line, column) ||
                            is_number_at (o->rate, x, line, column)))
            return TRUE;
        }
    }
  return FALSE;
}

/* Refuses a stage the library accepts but a spec cannot hold (a value beyond
 * Anneal's bounds), pointing at the argument that gave the value when it can. */
static void
check_stage (Call       *c,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (text, NULL, &error);
  const char *reason;
  guint column, line = c->line, at = c->column;

  if (schedule != NULL)
    return;
  /* the text is ASCII: a column is a byte; it points at the value refused */
  column = anneal_spec_error_get_column (error);
  if (column > 0 && column <= strlen (text))
    {
      const char *start = text + column - 1;
      char *end;
      double x = g_ascii_strtod (start, &end);

      if (end != start && (*start == '-' || g_ascii_isdigit (*start) || *start == '.'))
        find_source (c, x, &line, &at);
    }
  reason = anneal_spec_error_get_reason (error);
  fail_at (c, line, at, _("Anneal cannot hold this schedule: %s"),
           reason != NULL ? reason : error->message);
}

/* Appends a stage of @length steps (−1: unbounded); zero-length stages vanish. */
static void
stage (Call       *c,
       Schedule   *s,
       gint64      length,
       const char *format,
       ...) G_GNUC_PRINTF (4, 5);

static void
stage (Call       *c,
       Schedule   *s,
       gint64      length,
       const char *format,
       ...)
{
  g_autofree char *text = NULL;
  Stage st;
  va_list args;

  if (length == 0)
    return;
  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  check_stage (c, text);
  st.text = g_string_chunk_insert (c->ctx->strings, text);
  st.length = length;
  g_array_append_val (s->stages, st);
}

/* Appends the first @length steps of @src (−1: all of it). */
static void
append_schedule (Schedule       *dest,
                 const Schedule *src,
                 gint64          length)
{
  gint64 used = 0;

  for (guint i = 0; i < src->stages->len && length != 0; i++)
    {
      Stage st = g_array_index (src->stages, Stage, i);

      if (length > 0)
        {
          if (st.length < 0 || used + st.length >= length)
            {
              st.length = length - used;
              g_array_append_val (dest->stages, st);
              return;
            }
        }
      g_array_append_val (dest->stages, st);
      used += st.length;
    }
}

/* The optimizer argument of a PyTorch-style scheduler: its value; a name the text
 * does not build but sets the rate of (`optimizer.param_groups[0]["lr"] = …`); or,
 * for a name the text does not build, its one optimizer (a snippet cut from a script
 * that names it otherwise). Not one of several, nor any for a value known only at run
 * time (an optimizer built under an `if`). */
static Optimizer *
find_optimizer (Call *c)
{
  Value *o = c->args[param_index (c, "optimizer")];
  Optimizer *named;

  if (o != NULL && o->type == VAL_OPTIMIZER)
    return o->optimizer;
  if (o == NULL || o->type != VAL_REF)
    return NULL;
  if ((named = g_hash_table_lookup (c->ctx->named_optimizers, o->str)) != NULL &&
      (named->group_lr != NULL || named->has_initial))
    return named;
  if (c->ctx->last_optimizer != NULL && c->ctx->n_optimizers == 1)
    return c->ctx->last_optimizer->optimizer;
  return NULL;
}

/* The value of @key in the dict @d, NULL when it has none; *unknown: a key known only
 * at run time might be @key. */
static Value *
dict_get (const Value *d,
          const char  *key,
          gboolean    *unknown)
{
  for (guint k = 0; d->items != NULL && k + 1 < d->items->len; k += 2)
    {
      const Value *name = g_ptr_array_index (d->items, k);

      if (name->type == VAL_STRING && name->str_len == strlen (key) &&
          strcmp (name->str, key) == 0)
        return g_ptr_array_index (d->items, k + 1);
      if (name->type == VAL_OPAQUE || name->type == VAL_REF)
        *unknown = TRUE;
    }
  return NULL;
}

/* The optimizer's parameter groups when it was given a list of dicts, else NULL: its
 * parameters (model.parameters(), a list of tensors, what is known only at run time)
 * make one group at its lr=. */
static GPtrArray *
param_groups (const Optimizer *o)
{
  const Value *p = o->params;

  if (p == NULL || p->type != VAL_LIST || p->items == NULL || p->items->len == 0 ||
      ((Value *) g_ptr_array_index (p->items, 0))->type != VAL_DICT)
    return NULL;
  return p->items;
}

static gboolean
is_sgd_without_lr (const Optimizer *o)
{
  return o != NULL && o->lr == NULL && o->name != NULL && strcmp (o->name, "SGD") == 0;
}

/* PyTorch 1.13's SGD has no default rate: built without lr=, it raises ValueError
 * unless every parameter group gives its own. */
static gboolean
check_required_lr (Call      *c,
                   Optimizer *o)
{
  Value *given = c->args[param_index (c, "optimizer")];
  Value *at = given != NULL && given->type == VAL_OPTIMIZER ? given : c->ctx->last_optimizer;
  GPtrArray *groups;
  gboolean every = TRUE;

  if (!is_sgd_without_lr (o))
    return TRUE;
  groups = param_groups (o);
  for (guint i = 0; groups != NULL && i < groups->len && every; i++)
    {
      Value *group = g_ptr_array_index (groups, i);
      gboolean unknown = FALSE;

      every = group->type == VAL_DICT && dict_get (group, "lr", &unknown) != NULL;
    }
  if (groups != NULL && every)
    return TRUE;
  return fail_at (c, at->line, at->column,
                  _("SGD needs lr= (or an lr in every parameter group): PyTorch 1.13 has no "
                    "default rate for it and raises ValueError without one"));
}

/* param_groups[0]["lr"] as the optimizer was built: the first group's own lr, else the
 * optimizer's. PyTorch's schedulers run each group from its own rate; Anneal draws the
 * first group's, the one get_last_lr()[0] reports. */
static gboolean
first_group_lr (Call       *c,
                Optimizer  *o,
                Value     **out)
{
  GPtrArray *groups = param_groups (o);
  Value *group, *lr, *initial;
  gboolean unknown = FALSE;

  *out = o->lr;
  /* `groups = []`, then appended to: filled as the program runs (PyTorch raises for an
   * empty list) */
  if (o->params != NULL &&
      ((o->params->type == VAL_LIST &&
        (o->params->items == NULL || o->params->items->len == 0)) ||
       (o->params->type == VAL_OPAQUE && o->params->was_list == 2)))
    {
      *out = value_new (c->ctx, VAL_OPAQUE, o->params->line, o->params->column);
      (*out)->reason = _("its parameter groups are filled at run time");
      return TRUE;
    }
  /* a list of groups changed in place (groups.append(…)): which is first is unknown */
  if (o->params != NULL && o->params->type == VAL_OPAQUE && o->params->was_list != 0)
    {
      *out = o->params;
      return TRUE;
    }
  if (groups == NULL)
    return TRUE;
  group = g_ptr_array_index (groups, 0);
  initial = dict_get (group, "initial_lr", &unknown);
  if (initial != NULL)
    return fail_at (c, initial->line, initial->column,
                    _("the first parameter group gives its own initial_lr, which PyTorch's "
                      "schedulers take as their base rate instead of its lr: Anneal does not "
                      "reproduce that"));
  lr = dict_get (group, "lr", &unknown);
  if (lr == NULL && unknown)
    {
      lr = value_new (c->ctx, VAL_OPAQUE, group->line, group->column);
      lr->reason = _("a key of the first parameter group is known only at run time");
    }
  if (lr != NULL)
    *out = lr;
  return TRUE;
}

static gboolean
rate_of (Call       *c,
         Value      *v,
         double     *lr)
{
  Value *given;

  if (v != NULL && (v->type == VAL_NUMBER || v->type == VAL_BOOL) && isfinite (v->number))
    {
      *lr = v->number;
      return TRUE;
    }
  if (!isnan (c->ctx->base_lr))
    {
      *lr = c->ctx->base_lr;
      return TRUE;
    }
  if (v != NULL && v->type == VAL_OPAQUE)
    return fail_at (c, v->line, v->column,
                    _("the optimizer's rate is not in the text (%s): give it with --lr"),
                    v->reason);
  if (v != NULL && v->type == VAL_REF)
    return fail_at (c, v->line, v->column,
                    _("the optimizer's rate is not in the text ('%s' is known only at run "
                      "time): give it with --lr"), v->str);
  if (v != NULL)
    return fail_at (c, v->line, v->column, _("the optimizer's rate must be a number"));
  given = c->args[param_index (c, "optimizer")];
  if (given != NULL && given->type == VAL_REF && c->ctx->n_optimizers > 1)
    return fail_arg (c, "optimizer",
                     ctx_strdup_printf (c->ctx, _("'%s' is not built in the text, which builds "
                                                  "%u optimizers: give its rate with --lr"),
                                        given->str, c->ctx->n_optimizers));
  return fail_arg (c, "optimizer", _("no optimizer line with lr= gives the base rate: "
                                     "give it with --lr"));
}

/* The first scheduler built on @o (PyTorch's, timm's) sets param_group['initial_lr']
 * from the first group's rate (its own lr, else the optimizer's; `group["lr"] = …`
 * after the optimizer was built counts), but keeps one the text set (setdefault).
 * FALSE where the first group's rate cannot be taken. */
static gboolean
first_scheduler (Call      *c,
                 Optimizer *o)
{
  Value *first_group;

  if (o->has_initial)
    return TRUE;
  if (!first_group_lr (c, o, &first_group))
    return FALSE;
  o->has_initial = TRUE;
  o->rate = o->group_lr != NULL ? o->group_lr : first_group;
  o->initial = o->group_initial != NULL ? o->group_initial : o->rate;
  o->initial_line = o->group_initial != NULL ? o->group_initial_line : c->line;
  return TRUE;
}

/* Whether @o's initial_lr, set by the text, is apart from its rate (or either is not
 * known) */
static gboolean
initial_apart (const Optimizer *o)
{
  const Value *x = o->initial, *y = o->rate;

  if (!o->has_initial || x == y)
    return FALSE;
  return x == NULL || y == NULL || (x->type != VAL_NUMBER && x->type != VAL_BOOL) ||
         (y->type != VAL_NUMBER && y->type != VAL_BOOL) || x->number != y->number;
}

/* The base rate of a PyTorch-style scheduler: param_group['initial_lr'] (from which
 * LambdaLR's, Hugging Face's, the warm restarts and SequentialLR's restarts go), or,
 * for Call.from_rate, the group's rate when it was built (which StepLR and the other
 * chainable ones step on from). */
static gboolean
torch_base (Call   *c,
            double *lr)
{
  Optimizer *o = find_optimizer (c);
  int i = param_index (c, "optimizer");
  Value *given = c->args[i];

  /* an optimizer Anneal cannot follow (built under an `if`, say) */
  if (o == NULL && given != NULL && given->type == VAL_OPAQUE && isnan (c->ctx->base_lr))
    return fail_at (c, c->arg_line[i], c->arg_column[i],
                    _("cannot compute 'optimizer': %s; give its rate with --lr"), given->reason);
  if (o == NULL)
    return rate_of (c, c->ctx->group_lr, lr);
  c->optimizer = o;
  if (!first_scheduler (c, o))
    return FALSE;
  return rate_of (c, c->from_rate ? o->rate : o->initial, lr);
}

/* optimizer.defaults["lr"]: the rate it was built with. */
static gboolean
optimizer_lr (Call   *c,
              double *lr)
{
  Optimizer *o = find_optimizer (c);

  if (is_sgd_without_lr (o))
    return fail (c, _("%s reads optimizer.defaults[\"lr\"], which SGD built without lr= "
                      "does not have: it raises TypeError"), c->func->name);
  return rate_of (c, o != NULL ? o->lr : NULL, lr);
}

/* A scheduler whose steps multiply the group's rate (get_lr from group["lr"]): first
 * in a SequentialLR, it steps from the initial_lr the optimizer has when the
 * SequentialLR is built, which a OneCycleLR built after it may have changed. */
static void
steps_from_group (Call     *c,
                  Schedule *s)
{
  if (c->optimizer != NULL)
    s->group_start = c->optimizer->initial;
}

/* ------------------------------------------------------------------ PyTorch */

static gboolean
tr_refuse_function (Call     *c,
                    Schedule *s)
{
  return fail (c, _("%s runs a Python function on every step: Anneal cannot read it "
                    "(write the schedule with the library's own schedulers)"), c->func->name);
}

static gboolean
tr_plateau (Call     *c,
            Schedule *s)
{
  return fail (c, _("%s follows the validation loss, known only while training"),
               c->func->name);
}

static gboolean get_schedules (Call        *c,
                               const char  *name,
                               const char **libraries,
                               GPtrArray  **out);

static int
compare_int64 (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The number of a stage text written as @prefix NUMBER @suffix, or FALSE. */
static gboolean
stage_number (const char *text,
              const char *prefix,
              double     *number,
              const char *suffix,
              const char **rest)
{
  char *end = NULL;

  if (!g_str_has_prefix (text, prefix))
    return FALSE;
  *number = g_ascii_strtod (text + strlen (prefix), &end);
  if (end == text + strlen (prefix) || !g_str_has_prefix (end, suffix))
    return FALSE;
  *rest = end + strlen (suffix);
  return TRUE;
}

/* The rate a ConstantLR ends on, which its factors divide: its last stage's, or for
 * total_iters=0 (the factor kept for good, no stage at the undivided rate) the rate it
 * restarts from; for LinearLR(total_iters=0), which cannot restart, the base rate. */
static void
constant_final_rate (const Schedule *schedule,
                     double         *lr)
{
  const char *text = schedule->restarted != NULL
                       ? schedule->restarted
                       : g_array_index (schedule->stages, Stage, schedule->stages->len - 1).text;
  const char *rest = NULL;

  if (schedule->base_rate > 0)
    {
      *lr = schedule->base_rate;
      return;
    }
  stage_number (text, "constant(lr=", lr, ")", &rest);
}

/* ChainedScheduler steps every scheduler on the same rate, so the rate is the
 * product of their factors. Anneal writes the product where it is a sequence of its
 * kinds: ConstantLR factors (piecewise constant) times at most one ExponentialLR
 * (γ^t is γ^a·γ^(t−a): each piece restarts it from its own step 0). PyTorch multiplies
 * in its steps, L·f·γ·γ…; the closed form is within 1e-13 of it (README). */
static gboolean
tr_chained (Call     *c,
            Schedule *s)
{
  static const char *libraries[] = { "PyTorch", NULL };
  g_autoptr(GArray) bounds = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *schedules;
  double base = NAN, gamma = NAN;
  gint64 a = 0;

  if (!get_schedules (c, "schedulers", libraries, &schedules))
    return FALSE;
  /* each steps the group's rate on, as when stepped alone */
  for (guint i = 0; i < schedules->len; i++)
    {
      Value *v = g_ptr_array_index (schedules, i);

      if (v->schedule->alone_error != NULL)
        return fail_at (c, v->schedule->alone_line, v->schedule->alone_column, "%s",
                        v->schedule->alone_error);
    }
  for (guint i = 0; i < schedules->len; i++)
    {
      Value *v = g_ptr_array_index (schedules, i);
      const Schedule *one = v->schedule->alone != NULL ? v->schedule->alone : v->schedule;
      GArray *stages = one->stages;
      const Stage *last = &g_array_index (stages, Stage, stages->len - 1);
      const char *rest = NULL;
      double lr, g;
      gboolean constant = TRUE;
      gint64 end = 0;

      for (guint k = 0; k < stages->len && constant; k++)
        constant = stage_number (g_array_index (stages, Stage, k).text, "constant(lr=", &lr,
                                 ")", &rest) && *rest == '\0';
      if (constant)
        {
          for (guint k = 0; k + 1 < stages->len; k++)
            {
              end += g_array_index (stages, Stage, k).length;
              g_array_append_val (bounds, end);
            }
          constant_final_rate (one, &lr);
          if (lr == 0)
            return fail_at (c, v->line, v->column, _("a factor of a rate of 0 is unknown"));
          if (isnan (base))
            base = lr;
          continue;
        }
      if (stages->len == 1 && isnan (gamma) &&
          stage_number (last->text, "exponential(lr=", &lr, ", gamma=", &rest) &&
          stage_number (rest, "", &g, ")", &rest) && *rest == '\0')
        {
          gamma = g;
          base = lr;
          continue;
        }
      return fail_at (c, v->line, v->column,
                      _("ChainedScheduler multiplies the rates of its schedulers: Anneal "
                        "writes that product only for ConstantLR (or LinearLR with "
                        "total_iters=0) with at most one ExponentialLR"));
    }

  /* One piece from each boundary of a ConstantLR to the next: more than a spec holds
   * are refused before any is written (8000 ConstantLR took 76 s to be refused as a
   * spec too long). */
  g_array_sort (bounds, (GCompareFunc) compare_int64);
  {
    guint pieces = 1;

    for (guint k = 0; k < bounds->len; k++)
      if (g_array_index (bounds, gint64, k) > (k > 0 ? g_array_index (bounds, gint64, k - 1) : 0))
        pieces++;
    if (pieces > ANNEAL_SPEC_MAX_STAGES)
      return fail_at (c, c->line, c->column, _("more pieces than Anneal's stages hold"));
  }
  for (guint k = 0; k <= bounds->len; k++)
    {
      gint64 b = k < bounds->len ? g_array_index (bounds, gint64, k) : -1;
      double lr = base;

      if (b == a)
        continue;
      for (guint i = 0; i < schedules->len; i++)
        {
          const Schedule *one = ((Value *) g_ptr_array_index (schedules, i))->schedule;
          GArray *stages = (one->alone != NULL ? one->alone : one)->stages;
          const char *rest = NULL;
          double here, last;
          gint64 start = 0;
          guint j = 0;

          one = one->alone != NULL ? one->alone : one;

          if (!stage_number (g_array_index (stages, Stage, 0).text, "constant(lr=", &here, ")",
                             &rest))
            continue;
          while (j + 1 < stages->len && start + g_array_index (stages, Stage, j).length <= a)
            start += g_array_index (stages, Stage, j++).length;
          stage_number (g_array_index (stages, Stage, j).text, "constant(lr=", &here, ")", &rest);
          constant_final_rate (one, &last);
          lr *= here / last;
        }
      if (isnan (gamma))
        stage (c, s, b < 0 ? -1 : b - a, "constant(lr=%s)", num (c, lr));
      else
        stage (c, s, b < 0 ? -1 : b - a, "exponential(lr=%s, gamma=%s)",
               num (c, lr * pow (gamma, (double) a)), num (c, gamma));
      if (b < 0)
        break;
      a = b;
    }
  return TRUE;
}

static gboolean
tr_step_lr (Call     *c,
            Schedule *s)
{
  double lr, gamma;
  gint64 step_size;

  if (!check_last_epoch (c) || !get_int (c, "step_size", NAN, 1, &step_size) ||
      !get_num (c, "gamma", 0.1, &gamma) || !torch_base (c, &lr))
    return FALSE;
  stage (c, s, -1, "step(lr=%s, step_size=%" G_GINT64_FORMAT ", gamma=%s)",
         num (c, lr), step_size, num (c, gamma));
  steps_from_group (c, s);
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* "[a, b, c]" of whole numbers ≥ 0 (sorted; negatives dropped: never reached). */
static const char *
milestone_list (Call   *c,
                double *m,
                guint   n,
                double  shift)
{
  GString *text = g_string_new ("[");
  const char *result;

  qsort (m, n, sizeof (double), compare_doubles);
  for (guint i = 0; i < n; i++)
    {
      double v = MAX (0, m[i] + shift);

      g_string_append_printf (text, "%s%s", text->len > 1 ? ", " : "", num (c, v));
    }
  g_string_append_c (text, ']');
  result = g_string_chunk_insert (c->ctx->strings, text->str);
  g_string_free (text, TRUE);
  return result;
}

static gboolean
get_milestones (Call       *c,
                const char *name,
                double    **out,
                guint      *n_out)
{
  GPtrArray *items;
  double *m;

  if (!get_list (c, name, &items))
    return FALSE;
  if (items->len > ANNEAL_LIST_MAX_LENGTH)
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("more than %d milestones"),
                                                 ANNEAL_LIST_MAX_LENGTH));
  m = g_new0 (double, items->len + 1);
  for (guint i = 0; i < items->len; i++)
    if (!item_num (c, name, g_ptr_array_index (items, i), &m[i]) ||
        (m[i] != floor (m[i]) && !fail_arg (c, name, _("milestones must be whole numbers"))))
      {
        g_free (m);
        return FALSE;
      }
  *out = m;
  *n_out = items->len;
  return TRUE;
}

static gboolean
tr_multistep_lr (Call     *c,
                 Schedule *s)
{
  g_autofree double *m = NULL;
  double lr, gamma;
  guint n;

  if (!check_last_epoch (c) || !get_milestones (c, "milestones", &m, &n) ||
      !get_num (c, "gamma", 0.1, &gamma) || !torch_base (c, &lr))
    return FALSE;
  /* A SequentialLR milestone restarts it with step(0), whose closed form counts the
   * milestones ≤ 0, negative ones included: they all apply at its step 0. */
  s->restarted = ctx_strdup_printf (c->ctx, "multistep(lr=%s, milestones=%s, gamma=%s)",
                                    num (c, lr), milestone_list (c, m, n, 0), num (c, gamma));
  /* Otherwise its steps count from last_epoch 0, the constructor's own step: a milestone
   * at 0 applies there, at step 0; negative ones are never reached: drop them. */
  for (guint i = 0; i < n; i++)
    if (m[i] < 0)
      m[i--] = m[--n];
  stage (c, s, -1, "multistep(lr=%s, milestones=%s, gamma=%s)", num (c, lr),
         milestone_list (c, m, n, 0), num (c, gamma));
  if (strcmp (s->restarted, g_array_index (s->stages, Stage, 0).text) == 0)
    s->restarted = NULL;
  steps_from_group (c, s);
  return TRUE;
}

static gboolean
tr_constant_lr (Call     *c,
                Schedule *s)
{
  double lr, factor;
  gint64 total;

  if (!check_last_epoch (c) || !get_num (c, "factor", 1.0 / 3, &factor) ||
      !get_int (c, "total_iters", 5, 0, &total) || !torch_base (c, &lr))
    return FALSE;
  if (factor < 0 || factor > 1)
    return fail_arg (c, "factor", _("PyTorch wants a factor between 0 and 1"));
  if (factor == 0 && total > 0)
    return fail_arg (c, "factor", _("PyTorch divides by the factor at total_iters: "
                                    "a factor of 0 raises there"));
  if (total > 0)
    {
      stage (c, s, total, "constant(lr=%s)", num (c, lr * factor));
      stage (c, s, -1, "constant(lr=%s)", num (c, lr));
      steps_from_group (c, s);
      return TRUE;
    }
  /* total_iters=0: the first step multiplies the rate by the factor and the step that
   * would divide it back (last_epoch == total_iters) never comes: L·factor for good.
   * Restarted by SequentialLR's step(0), its closed form is L·(factor + 1 − factor). */
  stage (c, s, -1, "constant(lr=%s)", num (c, lr * factor));
  s->restarted = ctx_strdup_printf (c->ctx, "constant(lr=%s)",
                                    num (c, lr * (factor + (1 - factor))));
  steps_from_group (c, s);
  return TRUE;
}

static gboolean
tr_linear_lr (Call     *c,
              Schedule *s)
{
  double lr, sf, ef;
  gint64 total;

  if (!check_last_epoch (c) || !get_num (c, "start_factor", 1.0 / 3, &sf) ||
      !get_num (c, "end_factor", 1.0, &ef) || !get_int (c, "total_iters", 5, 0, &total) ||
      !torch_base (c, &lr))
    return FALSE;
  if (sf < 0 || sf > 1)
    return fail_arg (c, "start_factor", _("PyTorch wants a start_factor between 0 and 1"));
  if (ef < 0 || ef > 1)
    return fail_arg (c, "end_factor", _("PyTorch wants an end_factor between 0 and 1"));
  if (total == 0)
    {
      /* The first step multiplies the rate by start_factor; every later one finds
       * last_epoch > total_iters and keeps the rate: L·start_factor for good (alone,
       * first in a SequentialLR, in a ChainedScheduler, where it is a factor of L).
       * SequentialLR's restart, step(0), takes the closed form, which divides by
       * total_iters. */
      stage (c, s, -1, "constant(lr=%s)", num (c, lr * sf));
      s->base_rate = lr;
      s->restart_error = _("LinearLR with total_iters=0 cannot follow a SequentialLR "
                           "milestone: PyTorch restarts it there with step(0), whose closed "
                           "form divides by total_iters (ZeroDivisionError)");
      steps_from_group (c, s);
      return TRUE;
    }
  if (sf == 0)
    return fail_arg (c, "start_factor", _("PyTorch divides by start_factor·total_iters at "
                                          "step 1: a start_factor of 0 raises there"));
  stage (c, s, -1, "linear(lr=%s, start_factor=%s, end_factor=%s, total_iters=%" G_GINT64_FORMAT
         ")", num (c, lr), num (c, sf), num (c, ef), total);
  steps_from_group (c, s);
  return TRUE;
}

static gboolean
tr_exponential_lr (Call     *c,
                   Schedule *s)
{
  double lr, gamma;

  if (!check_last_epoch (c) || !get_num (c, "gamma", NAN, &gamma) || !torch_base (c, &lr))
    return FALSE;
  stage (c, s, -1, "exponential(lr=%s, gamma=%s)", num (c, lr), num (c, gamma));
  steps_from_group (c, s);
  return TRUE;
}

static gboolean
tr_polynomial_lr (Call     *c,
                  Schedule *s)
{
  double lr, power;
  gint64 total;

  if (!check_last_epoch (c) || !get_int (c, "total_iters", 5, 1, &total) ||
      !get_num (c, "power", 1.0, &power) || !torch_base (c, &lr))
    return FALSE;
  stage (c, s, -1, "poly(lr=%s, total_iters=%" G_GINT64_FORMAT ", power=%s)",
         num (c, lr), total, num (c, power));
  steps_from_group (c, s);
  return TRUE;
}

static gboolean
tr_cosine_lr (Call     *c,
              Schedule *s)
{
  double lr, eta_min;
  gint64 t_max;

  if (!check_last_epoch (c) || !get_int (c, "T_max", NAN, 1, &t_max) ||
      !get_num (c, "eta_min", 0, &eta_min) || !torch_base (c, &lr))
    return FALSE;
  stage (c, s, -1, "cosine(lr=%s, t_max=%" G_GINT64_FORMAT ", eta_min=%s)",
         num (c, lr), t_max, num (c, eta_min));
  steps_from_group (c, s);
  return TRUE;
}

static gboolean
tr_warm_restarts (Call     *c,
                  Schedule *s)
{
  double lr, eta_min;
  gint64 t_0, t_mult;

  if (!check_last_epoch (c) || !get_py_int (c, "T_0", NAN, 1, &t_0) ||
      !get_py_int (c, "T_mult", 1, 1, &t_mult) || !get_num (c, "eta_min", 0, &eta_min) ||
      !torch_base (c, &lr))
    return FALSE;
  stage (c, s, -1, "sgdr(lr=%s, t_0=%" G_GINT64_FORMAT ", t_mult=%" G_GINT64_FORMAT
         ", eta_min=%s)", num (c, lr), t_0, t_mult, num (c, eta_min));
  return TRUE;
}

/* PyTorch's per-group arguments (OneCycleLR's max_lr, CyclicLR's base_lr and max_lr)
 * may be a list or tuple of one value per parameter group: Anneal draws the first
 * group's, as it does the first group's rate. PyTorch raises ValueError for a list
 * of another length than the optimizer's groups (one, unless it was given a list of
 * dicts); where the optimizer is not known, only one value is sure to be the first
 * group's. */
static gboolean
per_group_arg (Call       *c,
               const char *name)
{
  Value *v = arg (c, name);
  Optimizer *o;
  GPtrArray *groups;
  guint n, n_groups;

  if (v == NULL || v->type != VAL_LIST)
    return TRUE;
  n = v->items != NULL ? v->items->len : 0;
  o = find_optimizer (c);
  groups = o != NULL ? param_groups (o) : NULL;
  n_groups = groups != NULL ? groups->len : 1;
  if (o == NULL && n != 1)
    return fail_arg (c, name,
                     ctx_strdup_printf (c->ctx, _("'%s' gives one value per parameter group, "
                                                  "and the optimizer is not known here"),
                                        name));
  if (n != n_groups)
    return fail_arg (c, name,
                     ctx_strdup_printf (c->ctx,
                                        g_dngettext (GETTEXT_PACKAGE,
                                                     "'%s' is a list of %u, the optimizer has "
                                                     "%u parameter group: PyTorch raises "
                                                     "ValueError",
                                                     "'%s' is a list of %u, the optimizer has "
                                                     "%u parameter groups: PyTorch raises "
                                                     "ValueError", n_groups),
                                        name, n, n_groups));
  c->args[param_index (c, name)] = g_ptr_array_index (v->items, 0);
  return TRUE;
}

static gboolean
tr_one_cycle (Call     *c,
              Schedule *s)
{
  static const char *strategies[] = { "cos", "linear", NULL };
  double max_lr, pct, div, final_div;
  gint64 total, epochs, per_epoch;
  const char *anneal;
  gboolean three;
  Optimizer *o;

  if (!check_last_epoch (c) || !per_group_arg (c, "max_lr") ||
      !get_num (c, "max_lr", NAN, &max_lr) ||
      !get_num (c, "pct_start", 0.3, &pct) || !get_str (c, "anneal_strategy", "cos", &anneal) ||
      !check_choice (c, "anneal_strategy", anneal, strategies) ||
      !get_num (c, "div_factor", 25, &div) || !get_num (c, "final_div_factor", 1e4, &final_div) ||
      !get_bool (c, "three_phase", FALSE, &three))
    return FALSE;
  if (arg (c, "total_steps") != NULL)
    {
      if (!get_py_int (c, "total_steps", NAN, 1, &total))
        return FALSE;
    }
  else if (arg (c, "epochs") != NULL || arg (c, "steps_per_epoch") != NULL)
    {
      if (!get_py_int (c, "epochs", NAN, 1, &epochs) ||
          !get_py_int (c, "steps_per_epoch", NAN, 1, &per_epoch))
        return FALSE;
      if (epochs > ANNEAL_EPOCH_MAX / per_epoch)
        return fail_arg (c, "epochs", _("more than 10^15 steps"));
      total = epochs * per_epoch;
    }
  else
    return fail (c, _("OneCycleLR needs total_steps, or epochs and steps_per_epoch"));

  /* OneCycleLR sets initial_lr itself, over one the text set: later schedulers start
   * from it, as the group's rate does. It also sets max_lr and min_lr, and steps
   * from the three: one built later on the same optimizer changes them all. */
  o = find_optimizer (c);
  if (o != NULL)
    {
      o->has_initial = TRUE;
      o->initial = o->rate = value_new (c->ctx, VAL_NUMBER, c->line, c->column);
      o->initial->number = max_lr / div;
      o->initial_line = c->line;
      s->group_start = o->initial;
    }
  /* the rate before its first step is the group's: set again after it, it differs */
  c->optimizer = o;
  stage (c, s, -1, "onecycle(max_lr=%s, total_steps=%" G_GINT64_FORMAT ", pct_start=%s, "
         "anneal=%s, div_factor=%s, final_div_factor=%s, three_phase=%s)",
         num (c, max_lr), total, num (c, pct), anneal, num (c, div), num (c, final_div),
         three ? "true" : "false");
  return TRUE;
}

static gboolean
tr_cyclic (Call     *c,
           Schedule *s)
{
  static const char *modes[] = { "triangular", "triangular2", "exp_range", NULL };
  double base, max, gamma;
  gint64 up, down;
  const char *mode;
  Optimizer *o;

  if (arg (c, "scale_fn") != NULL)
    return fail_arg (c, "scale_fn", _("a custom scale_fn runs Python Anneal cannot read"));
  if (!check_last_epoch (c) || !per_group_arg (c, "base_lr") || !per_group_arg (c, "max_lr") ||
      !get_num (c, "base_lr", NAN, &base) ||
      !get_num (c, "max_lr", NAN, &max) || !get_int (c, "step_size_up", 2000, 1, &up) ||
      !get_str (c, "mode", "triangular", &mode) || !check_choice (c, "mode", mode, modes) ||
      !get_num (c, "gamma", 1.0, &gamma))
    return FALSE;
  if (arg (c, "step_size_down") != NULL)
    {
      if (!get_int (c, "step_size_down", NAN, 0, &down))
        return FALSE;
    }
  else
    down = up;
  o = find_optimizer (c);
  if (o != NULL)
    {
      /* CyclicLR sets the group's rate to base_lr, then its initial step computes the
       * first rate from initial_lr, and keeps one set before it (by the text, by an
       * earlier scheduler): a rate no cycle of Anneal's starts from — when it is stepped
       * alone. A SequentialLR steps it (first or later) once its base_lrs are its own:
       * exact there. */
      Value *x = o->has_initial ? o->initial : o->group_initial;
      guint line = o->has_initial ? o->initial_line : o->group_initial_line;

      if (x != NULL && (x->type == VAL_NUMBER || x->type == VAL_BOOL) && x->number != base)
        s->alone_error = ctx_strdup_printf (c->ctx, _("CyclicLR's first rate is the "
                                                      "optimizer's initial_lr, %s, set before "
                                                      "it on line %u, not base_lr: no cycle "
                                                      "of Anneal's starts so"),
                                            num (c, x->number), line);
      else if (x != NULL && x->type != VAL_NUMBER && x->type != VAL_BOOL)
        s->alone_error = ctx_strdup_printf (c->ctx, _("CyclicLR's first rate is the "
                                                      "optimizer's initial_lr, set before it "
                                                      "on line %u, which Anneal cannot read"),
                                            line);
      if (s->alone_error != NULL)
        {
          s->alone_line = c->line;
          s->alone_column = c->column;
        }
      if (!o->has_initial)
        {
          o->has_initial = TRUE;
          o->initial = o->rate = value_new (c->ctx, VAL_NUMBER, c->line, c->column);
          o->initial->number = base;
          o->initial_line = c->line;
        }
    }
  /* the rate before its first step is the group's: set again after it, it differs */
  c->optimizer = o;
  stage (c, s, -1, "cyclic(base_lr=%s, max_lr=%s, step_size_up=%" G_GINT64_FORMAT
         ", step_size_down=%" G_GINT64_FORMAT ", mode=%s, gamma=%s)",
         num (c, base), num (c, max), up, down, mode, num (c, gamma));
  return TRUE;
}

/* The schedules of a SequentialLR or join_schedules list, all from @library. */
static gboolean
get_schedules (Call        *c,
               const char  *name,
               const char **libraries,
               GPtrArray  **out)
{
  GPtrArray *items;

  if (!get_list (c, name, &items))
    return FALSE;
  if (items->len == 0)
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' is empty"), name));
  for (guint i = 0; i < items->len; i++)
    {
      Value *v = g_ptr_array_index (items, i);
      gboolean ok = FALSE;

      if (v->type == VAL_FAILED)
        return fail_at (c, v->line, v->column, "%s", v->reason);
      if (v->type == VAL_OPAQUE)
        return fail_at (c, v->line, v->column, _("cannot compute '%s': %s"), name, v->reason);
      if (v->type != VAL_SCHEDULE)
        return fail_at (c, v->line, v->column, _("'%s' must hold schedules"), name);
      for (guint k = 0; libraries[k] != NULL; k++)
        ok |= strcmp (v->schedule->library, libraries[k]) == 0;
      if (!ok)
        return fail_at (c, v->line, v->column, _("a %s schedule cannot be part of %s"),
                        v->schedule->library, c->func->name);
      /* one scheduler object twice: its steps are shared, so the second part does not
       * start where the spec's stage would (PyTorch differs from step 3 on) */
      if (v->schedule->consumed)
        return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' holds a scheduler used "
                                                              "before (twice, or in another): "
                                                              "its uses would share its state"),
                                                     name));
      v->schedule->consumed = TRUE;
    }
  *out = items;
  return TRUE;
}

/* Joins schedules at increasing boundaries, each restarting from its step 0. */
static gboolean
join (Call       *c,
      Schedule   *s,
      GPtrArray  *schedules,
      const char *boundaries_name,
      double      min_boundary)
{
  GPtrArray *bounds;
  double previous = 0;

  if (!get_list (c, boundaries_name, &bounds))
    return FALSE;
  if (bounds->len + 1 != schedules->len)
    return fail_arg (c, boundaries_name,
                     ctx_strdup_printf (c->ctx, _("%u schedules need %u boundaries, not %u"),
                                        schedules->len, schedules->len - 1, bounds->len));
  for (guint i = 0; i < schedules->len; i++)
    {
      Value *v = g_ptr_array_index (schedules, i);
      double b = -1;

      if (i < bounds->len)
        {
          if (!item_num (c, boundaries_name, g_ptr_array_index (bounds, i), &b))
            return FALSE;
          /* SequentialLR at step 1 steps the next scheduler on (not from its step 0)
           * from the rate the first one set: 0.05, 0.05, 0.045 … for ConstantLR(0.5)
           * then ExponentialLR(0.9) from 0.1 (torch 1.13) */
          if (b <= 0 && min_boundary > 0 && b == floor (b))
            return fail_arg (c, boundaries_name,
                             _("a milestone at or below 0: PyTorch's SequentialLR then steps "
                               "the next scheduler on from the rate the one before set, "
                               "without restarting it; Anneal does not reproduce that"));
          if (b != floor (b) || b < min_boundary || b < previous || b > (double) ANNEAL_EPOCH_MAX)
            return fail_arg (c, boundaries_name,
                             _("boundaries must be increasing whole numbers of steps"));
        }
      /* b == previous: a stage of no steps, never restarted (PyTorch restarts the last
       * scheduler of equal milestones). */
      if (i > 0 && v->schedule->restart_error != NULL && b != previous)
        return fail_at (c, v->line, v->column, "%s", v->schedule->restart_error);
      if (i > 0 && v->schedule->restarted != NULL)
        {
          /* b == previous: a stage of no steps, as append_schedule () leaves out. */
          Stage st = { v->schedule->restarted, b < 0 ? -1 : (gint64) (b - previous) };

          if (st.length != 0)
            g_array_append_val (s->stages, st);
        }
      else
        append_schedule (s, v->schedule, b < 0 ? -1 : (gint64) (b - previous));
      previous = b;
    }
  return TRUE;
}

static gboolean
tr_sequential (Call     *c,
               Schedule *s)
{
  static const char *libraries[] = { "PyTorch", "Hugging Face", NULL };
  GPtrArray *schedules;

  Optimizer *o;

  if (!check_last_epoch (c) || !get_schedules (c, "schedulers", libraries, &schedules))
    return FALSE;
  /* SequentialLR resets every group's rate to its initial_lr, and its first scheduler
   * steps from there: from another rate than the one it was built with when a OneCycleLR
   * built after it set initial_lr to max_lr/div_factor. A OneCycleLR steps from its
   * group's initial_lr, max_lr and min_lr, which a OneCycleLR built after it rewrites. */
  /* PyTorch 1.13 takes a step back (last_epoch −= 1) and restarts with step(0) each of
   * them, which a ChainedScheduler (no last_epoch) and a SequentialLR (step() takes no
   * epoch; first, it is stepped without its own reset) do not run as written. */
  for (guint i = 0; i < schedules->len; i++)
    {
      Value *v = g_ptr_array_index (schedules, i);

      if (strcmp (v->schedule->label, "PyTorch ChainedScheduler") == 0)
        return fail_at (c, v->line, v->column,
                        _("a ChainedScheduler cannot be part of a SequentialLR: PyTorch 1.13 "
                          "raises AttributeError there (it has no last_epoch)"));
      if (strcmp (v->schedule->label, "PyTorch SequentialLR") == 0)
        return fail_at (c, v->line, v->column,
                        _("a SequentialLR inside a SequentialLR does not run as written: "
                          "PyTorch 1.13 raises TypeError at the milestone that restarts it, "
                          "and steps it without its reset when it comes first"));
    }
  o = find_optimizer (c);
  for (guint i = 0; o != NULL && i < schedules->len; i++)
    {
      Value *v = g_ptr_array_index (schedules, i);
      const Value *then = v->schedule->group_start, *now = o->initial;
      gboolean one_cycle;

      if (then == NULL || now == NULL || then == now)
        continue;
      one_cycle = g_str_has_prefix (g_array_index (v->schedule->stages, Stage, 0).text,
                                    "onecycle(");
      if (one_cycle)
        return fail_at (c, now->line, now->column,
                        _("this OneCycleLR sets the initial_lr, max_lr and min_lr of the "
                          "optimizer's groups after the OneCycleLR on line %u, which steps "
                          "from them: Anneal does not reproduce that"), v->line);
      if (i == 0 && !(then->type == VAL_NUMBER && now->type == VAL_NUMBER &&
                      then->number == now->number))
        return fail_at (c, now->line, now->column,
                        _("this OneCycleLR sets initial_lr to max_lr/div_factor after the "
                          "scheduler on line %u was built: SequentialLR resets the rate to it, "
                          "so that scheduler steps from max_lr/div_factor, not from the "
                          "optimizer's rate, and Anneal does not reproduce that"), v->line);
    }
  /* `group["initial_lr"] = …` between its schedulers and itself is the rate it resets
   * to (`group["lr"] = …`, which it resets, reads the same to Anneal) */
  if (o != NULL && o->set_again != 0)
    return fail (c, _("the optimizer's rate is set on line %u, after the schedulers of this "
                      "SequentialLR were built: Anneal does not follow which rate it resets "
                      "to"), o->set_again);
  /* its first scheduler steps from the group's rate: set again after the SequentialLR
   * was built, the steps go on from there */
  c->optimizer = o;
  return join (c, s, schedules, "milestones", 1);
}

/* ------------------------------------------------------------------ Hugging Face */

/* The linear warm-up from 0 of every Hugging Face schedule: lr·t/max(1, w). */
static void
hf_warmup (Call     *c,
           Schedule *s,
           double    lr,
           gint64    warmup)
{
  stage (c, s, warmup, "ramp(from=0, to=%s, steps=%" G_GINT64_FORMAT ")", num (c, lr), warmup);
}

static gboolean
tr_hf_constant (Call     *c,
                Schedule *s)
{
  double lr;

  if (!check_last_epoch (c) || !torch_base (c, &lr))
    return FALSE;
  stage (c, s, -1, "constant(lr=%s)", num (c, lr));
  return TRUE;
}

static gboolean
tr_hf_constant_warmup (Call     *c,
                       Schedule *s)
{
  double lr;
  gint64 w;

  if (!check_last_epoch (c) || !get_int (c, "num_warmup_steps", NAN, 0, &w) ||
      !torch_base (c, &lr))
    return FALSE;
  if (w > 0)
    stage (c, s, -1, "ramp(from=0, to=%s, steps=%" G_GINT64_FORMAT ")", num (c, lr), w);
  else
    stage (c, s, -1, "constant(lr=%s)", num (c, lr));
  return TRUE;
}

static gboolean
tr_hf_linear (Call     *c,
              Schedule *s)
{
  double lr;
  gint64 w, total;

  if (!check_last_epoch (c) || !get_int (c, "num_warmup_steps", NAN, 0, &w) ||
      !get_int (c, "num_training_steps", NAN, 0, &total) || !torch_base (c, &lr))
    return FALSE;
  hf_warmup (c, s, lr, w);
  if (total > w)
    stage (c, s, -1, "ramp(from=%s, to=0, steps=%" G_GINT64_FORMAT ", anchor=to)", num (c, lr),
           total - w);
  else
    stage (c, s, -1, "constant(lr=0)");
  return TRUE;
}

/* The floor of Hugging Face's cosine_with_min_lr schedules as a share of the rate:
 * min_lr_rate, or min_lr over optimizer.defaults["lr"]. */
static gboolean
hf_min_lr_rate (Call   *c,
                double *rate)
{
  double m, defaults_lr;

  if (arg (c, "min_lr") != NULL && arg (c, "min_lr_rate") != NULL)
    return fail_arg (c, "min_lr_rate", _("give min_lr or min_lr_rate, not both"));
  if (arg (c, "min_lr") == NULL)
    return get_num (c, "min_lr_rate", NAN, rate);
  if (!get_num (c, "min_lr", NAN, &m) || !optimizer_lr (c, &defaults_lr))
    return FALSE;
  *rate = m / defaults_lr;
  return TRUE;
}

static gboolean
tr_hf_cosine_common (Call     *c,
                     Schedule *s,
                     gboolean  min_lr,
                     gboolean  restarts)
{
  double lr, cycles, rate = 0, floor_lr;
  gint64 w, total;

  if (!check_last_epoch (c) || !get_int (c, "num_warmup_steps", NAN, 0, &w) ||
      !get_int (c, "num_training_steps", NAN, 0, &total) ||
      !get_num (c, "num_cycles", restarts ? 1 : 0.5, &cycles) || !torch_base (c, &lr))
    return FALSE;
  if (!(cycles > 0))
    return fail_arg (c, "num_cycles", _("num_cycles must be above 0"));
  if (min_lr && !hf_min_lr_rate (c, &rate))
    return FALSE;
  floor_lr = lr * rate;
  hf_warmup (c, s, lr, w);
  stage (c, s, -1, "cosine-cycles(lr=%s, steps=%" G_GINT64_FORMAT ", cycles=%s, eta_min=%s, "
         "restarts=%s)", num (c, lr), MAX (1, total - w), num (c, cycles), num (c, floor_lr),
         restarts ? "true" : "false");
  return TRUE;
}

static gboolean
tr_hf_cosine (Call     *c,
              Schedule *s)
{
  return tr_hf_cosine_common (c, s, FALSE, FALSE);
}

static gboolean
tr_hf_cosine_min_lr (Call     *c,
                     Schedule *s)
{
  return tr_hf_cosine_common (c, s, TRUE, FALSE);
}

/* get_cosine_with_min_lr_schedule_with_warmup_lr_rate: this variant counts one step
 * ahead, its warm-up (t + 1)/max(1, w) — or, given warmup_lr_rate q,
 * q + (1 − q)·t/max(1, w − 1) — and its progress (t − w + 1)/max(1, T − w). */
static gboolean
tr_hf_cosine_min_lr_rate (Call     *c,
                          Schedule *s)
{
  double lr, cycles, rate, q;
  gint64 w, total;

  if (!check_last_epoch (c) || !get_int (c, "num_warmup_steps", NAN, 0, &w) ||
      !get_int (c, "num_training_steps", NAN, 0, &total) ||
      !get_num (c, "num_cycles", 0.5, &cycles) || !torch_base (c, &lr))
    return FALSE;
  if (!(cycles > 0))
    return fail_arg (c, "num_cycles", _("num_cycles must be above 0"));
  if (!hf_min_lr_rate (c, &rate))
    return FALSE;
  if (arg (c, "warmup_lr_rate") != NULL)
    {
      if (!get_num (c, "warmup_lr_rate", NAN, &q))
        return FALSE;
      stage (c, s, w, "ramp(from=%s, to=%s, steps=%" G_GINT64_FORMAT ")", num (c, lr * q),
             num (c, lr), MAX (1, w - 1));
    }
  else if (w == 1)
    stage (c, s, 1, "constant(lr=%s)", num (c, lr));
  else
    stage (c, s, w, "ramp(from=%s, to=%s, steps=%" G_GINT64_FORMAT ")",
           num (c, lr * (1.0 / (double) w)), num (c, lr), w - 1);
  stage (c, s, -1, "cosine-cycles(lr=%s, steps=%" G_GINT64_FORMAT ", cycles=%s, eta_min=%s, "
         "shift=1)", num (c, lr), MAX (1, total - w), num (c, cycles), num (c, lr * rate));
  return TRUE;
}

static gboolean
tr_hf_hard_restarts (Call     *c,
                     Schedule *s)
{
  return tr_hf_cosine_common (c, s, FALSE, TRUE);
}

static gboolean
tr_hf_polynomial (Call     *c,
                  Schedule *s)
{
  double lr, lr_init, lr_end, power, end;
  gint64 w, total;

  if (!check_last_epoch (c) || !get_int (c, "num_warmup_steps", NAN, 0, &w) ||
      !get_int (c, "num_training_steps", NAN, 0, &total) ||
      !get_num (c, "lr_end", 1e-7, &lr_end) || !get_num (c, "power", 1.0, &power) ||
      !torch_base (c, &lr) || !optimizer_lr (c, &lr_init))
    return FALSE;
  if (!(lr_init > lr_end))
    return fail_arg (c, "lr_end", _("lr_end must be smaller than the optimizer's rate "
                                    "(Hugging Face raises otherwise)"));
  if (total == w)
    return fail_arg (c, "num_training_steps", _("Hugging Face divides by zero at step "
                                                "num_training_steps when it equals "
                                                "num_warmup_steps"));
  end = lr == lr_init ? lr_end : lr * (lr_end / lr_init);
  hf_warmup (c, s, lr, w);
  if (total > w)
    stage (c, s, power == 0 ? total - w + 1 : -1,
           "poly(lr=%s, total_iters=%" G_GINT64_FORMAT ", power=%s, end=%s)",
           num (c, lr), total - w, num (c, power), num (c, end));
  /* Past num_training_steps: lr_end (poly holds it already, unless power is 0). */
  if (total < w || power == 0)
    stage (c, s, -1, "constant(lr=%s)", num (c, end));
  return TRUE;
}

static gboolean
tr_hf_inverse_sqrt (Call     *c,
                    Schedule *s)
{
  double lr;
  gint64 w, timescale;

  if (!check_last_epoch (c) || !get_int (c, "num_warmup_steps", NAN, 0, &w) ||
      !get_int (c, "timescale", w > 0 ? (double) w : 10000, 1, &timescale) ||
      !torch_base (c, &lr))
    return FALSE;
  stage (c, s, -1, "inverse-sqrt(lr=%s, warmup=%" G_GINT64_FORMAT ", timescale=%"
         G_GINT64_FORMAT ")", num (c, lr), w, timescale);
  return TRUE;
}

static const char *
wsd_shape (const char *hf)
{
  return strcmp (hf, "1-sqrt") == 0 ? "sqrt" : hf;
}

static gboolean
tr_hf_wsd (Call     *c,
           Schedule *s)
{
  static const char *types[] = { "linear", "cosine", "1-sqrt", NULL };
  double lr, ratio, cycles;
  gint64 w, decay, total, stable;
  const char *warmup_type, *decay_type;

  if (!check_last_epoch (c) || !get_int (c, "num_warmup_steps", NAN, 0, &w) ||
      !get_int (c, "num_decay_steps", NAN, 0, &decay) ||
      !get_str (c, "warmup_type", "linear", &warmup_type) ||
      !check_choice (c, "warmup_type", warmup_type, types) ||
      !get_str (c, "decay_type", "cosine", &decay_type) ||
      !check_choice (c, "decay_type", decay_type, types) ||
      !get_num (c, "min_lr_ratio", 0, &ratio) || !get_num (c, "num_cycles", 0.5, &cycles) ||
      !torch_base (c, &lr))
    return FALSE;
  if (arg (c, "num_stable_steps") != NULL)
    {
      if (!get_int (c, "num_stable_steps", NAN, 0, &stable))
        return FALSE;
    }
  else if (arg (c, "num_training_steps") != NULL)
    {
      if (!get_int (c, "num_training_steps", NAN, 0, &total))
        return FALSE;
      stable = total - w - decay;
      if (stable < 0)
        return fail_arg (c, "num_training_steps",
                         _("num_training_steps is shorter than the warm-up and the decay"));
    }
  else
    return fail (c, _("get_wsd_schedule needs num_training_steps or num_stable_steps"));
  stage (c, s, -1, "wsd(lr=%s, warmup=%" G_GINT64_FORMAT ", stable=%" G_GINT64_FORMAT
         ", decay=%" G_GINT64_FORMAT ", warmup_shape=%s, decay_shape=%s, min_lr_ratio=%s, "
         "cycles=%s)", num (c, lr), w, stable, decay, wsd_shape (warmup_type),
         wsd_shape (decay_type), num (c, ratio), num (c, cycles));
  return TRUE;
}

static gboolean
tr_hf_get_scheduler (Call     *c,
                     Schedule *s)
{
  /* kwargs: whether get_scheduler passes scheduler_specific_kwargs on — it does not for
   * constant, constant_with_warmup and inverse_sqrt, whatever they hold. */
  static const struct { const char *name; const char *func; int needs; gboolean kwargs; } names[] = {
    { "linear", "get_linear_schedule_with_warmup", 2, TRUE },
    { "cosine", "get_cosine_schedule_with_warmup", 2, TRUE },
    { "cosine_with_restarts", "get_cosine_with_hard_restarts_schedule_with_warmup", 2, TRUE },
    { "polynomial", "get_polynomial_decay_schedule_with_warmup", 2, TRUE },
    { "constant", "get_constant_schedule", 0, FALSE },
    { "constant_with_warmup", "get_constant_schedule_with_warmup", 1, FALSE },
    { "inverse_sqrt", "get_inverse_sqrt_schedule", 1, FALSE },
    { "reduce_lr_on_plateau", "get_reduce_on_plateau_schedule", 0, TRUE },
    { "cosine_with_min_lr", "get_cosine_with_min_lr_schedule_with_warmup", 2, TRUE },
    { "cosine_warmup_with_min_lr", "get_cosine_with_min_lr_schedule_with_warmup_lr_rate", 2,
      TRUE },
    { "warmup_stable_decay", "get_wsd_schedule", 3, TRUE },
  };
  const char *name;
  const LibFunc *target = NULL;
  Call inner = { 0 };
  Value *extra = arg (c, "scheduler_specific_kwargs");
  g_auto(GStrv) params = NULL;
  int needs = 0;

  if (!get_str (c, "name", NULL, &name))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (strcmp (name, names[i].name) == 0)
      {
        target = anneal_import_lookup_func (names[i].func);
        needs = names[i].needs;
        if (!names[i].kwargs)
          extra = NULL;
      }
  if (target == NULL)
    return fail_arg (c, "name", ctx_strdup_printf (c->ctx, _("unknown Hugging Face scheduler "
                                                            "'%s'"), name));
  if (extra != NULL && extra->type != VAL_DICT)
    return fail_arg (c, "scheduler_specific_kwargs",
                     _("scheduler_specific_kwargs must be a dict Anneal can read"));

  /* Call the schedule function the way get_scheduler does. */
  inner.ctx = c->ctx;
  inner.func = target;
  inner.line = c->line;
  inner.column = c->column;
  params = g_strsplit (target->signature, " ", -1);
  for (guint i = 0; params[i] != NULL && inner.n_params < CALL_MAX_PARAMS; i++)
    if (strcmp (params[i], "*") != 0)
      inner.names[inner.n_params++] = params[i][0] == '?' ? params[i] + 1 : params[i];
  for (guint k = 0; k < inner.n_params; k++)
    {
      const char *pass[] = { "optimizer", "num_warmup_steps", "num_training_steps" };

      for (int p = 0; p < 3; p++)
        if (strcmp (inner.names[k], pass[p]) == 0 && (p == 0 || p <= needs))
          {
            int j = param_index (c, pass[p]);

            inner.args[k] = c->args[j];
            inner.arg_line[k] = c->arg_line[j];
            inner.arg_column[k] = c->arg_column[j];
          }
    }
  for (guint i = 0; extra != NULL && i + 1 < extra->items->len; i += 2)
    {
      Value *key = g_ptr_array_index (extra->items, i);
      guint k;

      if (key->type != VAL_STRING)
        return fail_at (c, key->line, key->column, _("scheduler_specific_kwargs must have "
                                                     "string keys"));
      for (k = 0; k < inner.n_params; k++)
        if (strcmp (inner.names[k], key->str) == 0)
          break;
      if (k == inner.n_params)
        return fail_at (c, key->line, key->column, _("%s has no argument '%s'"),
                        target->name, key->str);
      inner.args[k] = g_ptr_array_index (extra->items, i + 1);
      inner.arg_line[k] = key->line;
      inner.arg_column[k] = key->column;
    }
  for (guint k = 0; k < inner.n_params; k++)
    if (inner.args[k] == NULL && target->signature[0] != '\0')
      {
        g_autofree char *required = g_strdup_printf (" %s ", inner.names[k]);
        g_autofree char *sig = g_strdup_printf (" %s ", target->signature);

        if (strstr (sig, required) != NULL)
          return fail (c, _("get_scheduler('%s') needs the argument '%s'"), name,
                       inner.names[k]);
      }
  s->label = target->label;
  if (!target->translate (&inner, s))
    {
      c->fail_reason = inner.fail_reason;
      c->fail_line = inner.fail_line;
      c->fail_column = inner.fail_column;
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ Keras */

static gboolean
tr_keras_exponential (Call     *c,
                      Schedule *s)
{
  double lr, steps, rate;
  gboolean staircase;

  if (!get_num (c, "initial_learning_rate", NAN, &lr) ||
      !get_num (c, "decay_steps", NAN, &steps) || !get_num (c, "decay_rate", NAN, &rate) ||
      !get_bool (c, "staircase", FALSE, &staircase))
    return FALSE;
  if (steps != floor (steps) || steps < 1)
    return fail_arg (c, "decay_steps", _("decay_steps must be a whole number of steps"));
  stage (c, s, -1, "exponential(lr=%s, gamma=%s, decay_steps=%s, staircase=%s)", num (c, lr),
         num (c, rate), num (c, steps), staircase ? "true" : "false");
  return TRUE;
}

static gboolean
tr_keras_piecewise (Call     *c,
                    Schedule *s)
{
  GPtrArray *bounds, *values;
  double previous = -1;

  if (!get_list (c, "boundaries", &bounds) || !get_list (c, "values", &values))
    return FALSE;
  if (values->len != bounds->len + 1)
    return fail_arg (c, "values", _("values must have one element more than boundaries"));
  if (values->len > ANNEAL_SPEC_MAX_STAGES)
    return fail_arg (c, "values", _("more pieces than Anneal's stages hold"));
  for (guint i = 0; i < values->len; i++)
    {
      double v, b = -1, end;

      if (!item_num (c, "values", g_ptr_array_index (values, i), &v))
        return FALSE;
      if (i < bounds->len)
        {
          if (!item_num (c, "boundaries", g_ptr_array_index (bounds, i), &b))
            return FALSE;
          /* The value changes after the boundary: from step ⌊b⌋ + 1. */
          end = floor (b) + 1;
          if (end < previous || end > (double) ANNEAL_EPOCH_MAX)
            return fail_arg (c, "boundaries", _("boundaries must be increasing"));
          stage (c, s, (gint64) (MAX (end, 0) - MAX (previous, 0)), "constant(lr=%s)",
                 num (c, v));
          previous = MAX (end, 0);
        }
      else
        stage (c, s, -1, "constant(lr=%s)", num (c, v));
    }
  return TRUE;
}

static gboolean
tr_keras_polynomial (Call     *c,
                     Schedule *s)
{
  double lr, steps, end, power;
  gboolean cycle;

  if (!get_num (c, "initial_learning_rate", NAN, &lr) ||
      !get_num (c, "decay_steps", NAN, &steps) ||
      !get_num (c, "end_learning_rate", 0.0001, &end) || !get_num (c, "power", 1.0, &power) ||
      !get_bool (c, "cycle", FALSE, &cycle))
    return FALSE;
  if (steps != floor (steps) || steps < 1)
    return fail_arg (c, "decay_steps", _("decay_steps must be a whole number of steps"));
  stage (c, s, -1, "poly(lr=%s, total_iters=%s, power=%s, end=%s, cycle=%s)", num (c, lr),
         num (c, steps), num (c, power), num (c, end), cycle ? "true" : "false");
  return TRUE;
}

static gboolean
tr_keras_inverse_time (Call     *c,
                       Schedule *s)
{
  double lr, steps, rate;
  gboolean staircase;

  if (!get_num (c, "initial_learning_rate", NAN, &lr) ||
      !get_num (c, "decay_steps", NAN, &steps) || !get_num (c, "decay_rate", NAN, &rate) ||
      !get_bool (c, "staircase", FALSE, &staircase))
    return FALSE;
  if (steps != floor (steps) || steps < 1)
    return fail_arg (c, "decay_steps", _("decay_steps must be a whole number of steps"));
  stage (c, s, -1, "inverse-time(lr=%s, decay_rate=%s, decay_steps=%s, staircase=%s)",
         num (c, lr), num (c, rate), num (c, steps), staircase ? "true" : "false");
  return TRUE;
}

/* A linear ramp from @from to @to over @steps steps, Keras' way: (to − from)·t/steps + from. */
static void
ramp (Call     *c,
      Schedule *s,
      double    from,
      double    to,
      gint64    steps)
{
  stage (c, s, steps, "ramp(from=%s, to=%s, steps=%" G_GINT64_FORMAT ")", num (c, from),
         num (c, to), steps);
}

static gboolean
tr_keras_cosine (Call     *c,
                 Schedule *s)
{
  double lr, steps, alpha, target, wsteps;

  if (!get_num (c, "initial_learning_rate", NAN, &lr) ||
      !get_num (c, "decay_steps", NAN, &steps) || !get_num (c, "alpha", 0, &alpha) ||
      !get_num (c, "warmup_steps", 0, &wsteps))
    return FALSE;
  if (steps != floor (steps) || steps < 1)
    return fail_arg (c, "decay_steps", _("decay_steps must be a whole number of steps"));
  if (wsteps != floor (wsteps) || wsteps < 0)
    return fail_arg (c, "warmup_steps", _("warmup_steps must be a whole number of steps"));
  if (arg (c, "warmup_target") != NULL)
    {
      if (!get_num (c, "warmup_target", NAN, &target))
        return FALSE;
      ramp (c, s, lr, target, (gint64) wsteps);
      lr = target;
    }
  stage (c, s, (gint64) steps, "cosine(lr=%s, t_max=%s, eta_min=%s)", num (c, lr),
         num (c, steps), num (c, lr * alpha));
  stage (c, s, -1, "constant(lr=%s)", num (c, lr * alpha));
  return TRUE;
}

static gboolean
tr_keras_cosine_restarts (Call     *c,
                          Schedule *s)
{
  double lr, steps, t_mul, m_mul, alpha;

  if (!get_num (c, "initial_learning_rate", NAN, &lr) ||
      !get_num (c, "first_decay_steps", NAN, &steps) || !get_num (c, "t_mul", 2.0, &t_mul) ||
      !get_num (c, "m_mul", 1.0, &m_mul) || !get_num (c, "alpha", 0, &alpha))
    return FALSE;
  if (steps != floor (steps) || steps < 1)
    return fail_arg (c, "first_decay_steps", _("first_decay_steps must be a whole number"));
  /* Keras' m_mul damps the range above the floor lr·alpha. */
  stage (c, s, -1, "restarts(lr=%s, t_0=%s, t_mul=%s, eta_min=%s, decay=%s, damp=range)",
         num (c, lr), num (c, steps), num (c, t_mul), num (c, lr * alpha), num (c, m_mul));
  return TRUE;
}

/* ------------------------------------------------------------------ timm */

static gboolean
timm_common (Call     *c,
             double   *lr,
             gint64   *warmup_t,
             double   *warmup_lr_init,
             gboolean *prefix,
             gboolean  default_prefix)
{
  Value *noise = arg (c, "noise_range_t");
  Optimizer *o = find_optimizer (c);

  if (noise != NULL)
    return fail_arg (c, "noise_range_t", _("timm's noise is random: Anneal draws the schedule "
                                           "without it"));
  if (!get_int (c, "warmup_t", 0, 0, warmup_t) ||
      !get_num (c, "warmup_lr_init", 0, warmup_lr_init) ||
      !get_bool (c, "warmup_prefix", default_prefix, prefix))
    return FALSE;
  /* timm's initial_lr too: the group's rate, or one the text set (setdefault) */
  if (o != NULL && !first_scheduler (c, o))
    return FALSE;
  return rate_of (c, o != NULL ? o->initial : c->ctx->group_lr, lr);
}

/* timm's warm-up, warmup_lr_init + t·(lr − warmup_lr_init)/warmup_t. */
static void
timm_warmup (Call     *c,
             Schedule *s,
             double    from,
             double    to,
             gint64    steps)
{
  stage (c, s, steps, "ramp(from=%s, to=%s, steps=%" G_GINT64_FORMAT ")", num (c, from),
         num (c, to), steps);
}

static gboolean
tr_timm_step (Call     *c,
              Schedule *s)
{
  double lr, rate, init, first;
  gint64 decay_t, w;
  gboolean prefix;

  if (!get_int (c, "decay_t", NAN, 1, &decay_t) || !get_num (c, "decay_rate", 1.0, &rate) ||
      !timm_common (c, &lr, &w, &init, &prefix, TRUE))
    return FALSE;
  timm_warmup (c, s, init, lr, w);
  if (prefix || w == 0)
    stage (c, s, -1, "step(lr=%s, step_size=%" G_GINT64_FORMAT ", gamma=%s)", num (c, lr),
           decay_t, num (c, rate));
  else
    {
      /* The decay counts from step 0, under the warm-up too. */
      gint64 k = w / decay_t, left = decay_t - w % decay_t;

      first = lr * pow (rate, (double) k);
      stage (c, s, left, "constant(lr=%s)", num (c, first));
      stage (c, s, -1, "step(lr=%s, step_size=%" G_GINT64_FORMAT ", gamma=%s)",
             num (c, lr * pow (rate, (double) (k + 1))), decay_t, num (c, rate));
    }
  return TRUE;
}

/* Python's bisect.bisect_right (a, x), on any list. */
static guint
bisect_right (const double *a,
              guint         n,
              double        x)
{
  guint lo = 0, hi = n;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (x < a[mid])
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

/* timm's bisect_right (decay_t, t + 1) "assumes decay_t is sorted". On a list that is
 * not, it is still a step function of t — bisection is monotone in x on any list —
 * rising only where x reaches one of the list's values: m[0 … *n) becomes the sorted
 * list that has the same step function, each value as many times as the count rises
 * there ([7, 3] is [3, 3]: timm takes both decays at 3, none at 7). */
static void
timm_bisect_milestones (double *m,
                        guint  *n)
{
  g_autofree double *given = g_memdup2 (m, *n * sizeof (double));
  g_autofree double *sorted = g_memdup2 (m, *n * sizeof (double));
  guint count = 0;

  qsort (sorted, *n, sizeof (double), compare_doubles);
  for (guint i = 0; i < *n; i++)
    {
      guint reached;

      if (i > 0 && sorted[i] == sorted[i - 1])
        continue;
      reached = bisect_right (given, *n, sorted[i]);
      while (count < reached)
        m[count++] = sorted[i];
    }
  *n = count;
}

static gboolean
tr_timm_multistep (Call     *c,
                   Schedule *s)
{
  g_autofree double *m = NULL;
  double lr, rate, init;
  gint64 w;
  gboolean prefix;
  guint n;

  if (!get_milestones (c, "decay_t", &m, &n) || !get_num (c, "decay_rate", 1.0, &rate) ||
      !timm_common (c, &lr, &w, &init, &prefix, TRUE))
    return FALSE;
  timm_bisect_milestones (m, &n);
  timm_warmup (c, s, init, lr, w);
  /* bisect_right(decay_t, t + 1): each decay one step before PyTorch's milestone. */
  stage (c, s, -1, "multistep(lr=%s, milestones=%s, gamma=%s)", num (c, lr),
         milestone_list (c, m, n, (prefix || w == 0) ? -1 : -1 - (double) w), num (c, rate));
  return TRUE;
}

/* timm's cosine, poly and tanh schedulers: the restarts kind, warm-up included. */
static gboolean
tr_timm_restarts (Call       *c,
                  Schedule   *s,
                  const char *shape)
{
  double lr, init, decay, lr_min, mul, k = 1, power = 1, lb = -7, ub = 3;
  gint64 w, t_initial, limit;
  gboolean prefix;

  if (!timm_common (c, &lr, &w, &init, &prefix, FALSE) ||
      !get_int (c, "t_initial", NAN, 1, &t_initial) || !get_num (c, "lr_min", 0, &lr_min) ||
      !get_num (c, "cycle_mul", 1, &mul) || !get_num (c, "cycle_decay", 1, &decay) ||
      !get_int (c, "cycle_limit", 1, 0, &limit))
    return FALSE;
  if (strcmp (shape, "tanh") != 0 && !get_num (c, "k_decay", 1, &k))
    return FALSE;
  if (strcmp (shape, "poly") == 0 && !get_num (c, "power", 0.5, &power))
    return FALSE;
  if (strcmp (shape, "tanh") == 0 && (!get_num (c, "lb", -7, &lb) || !get_num (c, "ub", 3, &ub)))
    return FALSE;
  /* timm stops the cycles once i ≥ cycle_limit; 0 would stop them at once. */
  if (limit == 0)
    {
      timm_warmup (c, s, init, lr, w);
      stage (c, s, -1, "constant(lr=%s)", num (c, lr_min));
      return TRUE;
    }
  stage (c, s, -1, "restarts(lr=%s, t_0=%" G_GINT64_FORMAT ", t_mul=%s, eta_min=%s, decay=%s, "
         "shape=%s, power=%s, k=%s, lb=%s, ub=%s, cycle_limit=%" G_GINT64_FORMAT ", warmup=%"
         G_GINT64_FORMAT ", warmup_lr=%s, warmup_prefix=%s)",
         num (c, lr), t_initial, num (c, mul), num (c, lr_min), num (c, decay), shape,
         num (c, power), num (c, k), num (c, lb), num (c, ub), limit, w, num (c, init),
         prefix ? "true" : "false");
  return TRUE;
}

static gboolean
tr_timm_cosine (Call     *c,
                Schedule *s)
{
  return tr_timm_restarts (c, s, "cos");
}

static gboolean
tr_timm_poly (Call     *c,
              Schedule *s)
{
  return tr_timm_restarts (c, s, "poly");
}

static gboolean
tr_timm_tanh (Call     *c,
              Schedule *s)
{
  return tr_timm_restarts (c, s, "tanh");
}

/* optax's transition_begin: a negative one falls back to 0, as optax's
 * polynomial_schedule and exponential_decay take it. */
static gboolean
get_begin (Call       *c,
           const char *name,
           gint64     *begin)
{
  double d;

  if (!get_num (c, name, 0, &d))
    return FALSE;
  if (d < 0 && d == floor (d))
    {
      *begin = 0;
      return TRUE;
    }
  return get_int (c, name, 0, 0, begin);
}

static gboolean
tr_optax_constant (Call     *c,
                   Schedule *s)
{
  double v;

  if (!get_num (c, "value", NAN, &v))
    return FALSE;
  stage (c, s, -1, "constant(lr=%s)", num (c, v));
  return TRUE;
}

/* optax's polynomial_schedule, and linear_schedule (power 1):
 * (init − end)·(1 − count/steps)^power + end, which poly() computes operation for
 * operation (x^1 is x). */
static gboolean
optax_poly (Call     *c,
            Schedule *s,
            double    init,
            double    end,
            double    power,
            double    steps,
            gint64    begin)
{
  if (steps <= 0)
    {
      stage (c, s, -1, "constant(lr=%s)", num (c, init));
      return TRUE;
    }
  if (steps != floor (steps) || steps > (double) ANNEAL_EPOCH_MAX)
    return fail_arg (c, "transition_steps", _("transition_steps must be a whole number"));
  stage (c, s, begin, "constant(lr=%s)", num (c, init));
  stage (c, s, -1, "poly(lr=%s, total_iters=%s, power=%s, end=%s)", num (c, init),
         num (c, steps), num (c, power), num (c, end));
  return TRUE;
}

static gboolean
tr_optax_linear (Call     *c,
                 Schedule *s)
{
  double init, end, steps;
  gint64 begin;

  if (!get_num (c, "init_value", NAN, &init) || !get_num (c, "end_value", NAN, &end) ||
      !get_num (c, "transition_steps", NAN, &steps) || !get_begin (c, "transition_begin", &begin))
    return FALSE;
  return optax_poly (c, s, init, end, 1, steps, begin);
}

static gboolean
tr_optax_polynomial (Call     *c,
                     Schedule *s)
{
  double init, end, power, steps;
  gint64 begin;

  if (!get_num (c, "init_value", NAN, &init) || !get_num (c, "end_value", NAN, &end) ||
      !get_num (c, "power", NAN, &power) || !get_num (c, "transition_steps", NAN, &steps) ||
      !get_begin (c, "transition_begin", &begin))
    return FALSE;
  return optax_poly (c, s, init, end, power, steps, begin);
}

static gboolean
optax_cosine (Call     *c,
              Schedule *s,
              double    init,
              double    steps,
              double    alpha,
              double    exponent)
{
  if (!(steps > 0))
    return fail_arg (c, "decay_steps", _("optax wants decay_steps > 0"));
  if (steps != floor (steps) || steps > (double) ANNEAL_EPOCH_MAX)
    return fail_arg (c, "decay_steps", _("decay_steps must be a whole number"));
  stage (c, s, (gint64) steps, "cosine(lr=%s, t_max=%s, eta_min=%s, exponent=%s)", num (c, init),
         num (c, steps), num (c, init * alpha), num (c, exponent));
  stage (c, s, -1, "constant(lr=%s)", num (c, init * alpha));
  return TRUE;
}

static gboolean
tr_optax_cosine (Call     *c,
                 Schedule *s)
{
  double init, steps, alpha, exponent;

  if (!get_num (c, "init_value", NAN, &init) || !get_num (c, "decay_steps", NAN, &steps) ||
      !get_num (c, "alpha", 0, &alpha) || !get_num (c, "exponent", 1, &exponent))
    return FALSE;
  return optax_cosine (c, s, init, steps, alpha, exponent);
}

static gboolean
optax_exponential (Call     *c,
                   Schedule *s,
                   double    init,
                   double    steps,
                   double    rate,
                   gint64    begin,
                   gboolean  staircase,
                   Value    *end_value)
{
  double end = 0;

  if (end_value != NULL && !get_num (c, "end_value", NAN, &end))
    return FALSE;
  if (steps <= 0 || rate == 0)
    {
      stage (c, s, -1, "constant(lr=%s)", num (c, end_value != NULL ? MAX (init, end) : init));
      return TRUE;
    }
  if (steps != floor (steps) || steps > (double) ANNEAL_EPOCH_MAX)
    return fail_arg (c, "transition_steps", _("transition_steps must be a whole number"));
  if (rate > 1)
    return fail_arg (c, "decay_rate", _("a growing exponential is not reproduced yet"));
  if (end_value != NULL && init <= end)
    {
      stage (c, s, -1, "constant(lr=%s)", num (c, end));
      return TRUE;
    }
  stage (c, s, begin, "constant(lr=%s)", num (c, init));
  stage (c, s, -1, "exponential(lr=%s, gamma=%s, decay_steps=%s, staircase=%s, end=%s)",
         num (c, init), num (c, rate), num (c, steps), staircase ? "true" : "false",
         num (c, end));
  return TRUE;
}

static gboolean
tr_optax_exponential (Call     *c,
                      Schedule *s)
{
  double init, steps, rate;
  gint64 begin;
  gboolean staircase;

  if (!get_num (c, "init_value", NAN, &init) || !get_num (c, "transition_steps", NAN, &steps) ||
      !get_num (c, "decay_rate", NAN, &rate) || !get_begin (c, "transition_begin", &begin) ||
      !get_bool (c, "staircase", FALSE, &staircase))
    return FALSE;
  return optax_exponential (c, s, init, steps, rate, begin, staircase, arg (c, "end_value"));
}

/* Sorted (boundary, scale) pairs of a dict. */
static gboolean
get_boundaries (Call       *c,
                const char *name,
                double    **bounds,
                double    **scales,
                guint      *n)
{
  Value *d = arg (c, name);
  guint count;

  *n = 0;
  if (d == NULL)
    return TRUE;
  if (d->type == VAL_OPAQUE)
    return fail_at (c, d->line, d->column, _("cannot compute '%s': %s"), name, d->reason);
  if (d->type != VAL_DICT)
    return fail_arg (c, name, ctx_strdup_printf (c->ctx, _("'%s' must be a dict"), name));
  count = d->items->len / 2;
  if (count > ANNEAL_SPEC_MAX_STAGES)
    return fail_arg (c, name, _("more pieces than Anneal's stages hold"));
  *bounds = g_new0 (double, count + 1);
  *scales = g_new0 (double, count + 1);
  for (guint i = 0; i < count; i++)
    {
      double b, sc;
      guint j = i;

      if (!item_num (c, name, g_ptr_array_index (d->items, 2 * i), &b) ||
          !item_num (c, name, g_ptr_array_index (d->items, 2 * i + 1), &sc))
        return FALSE;
      if (sc < 0)
        return fail_arg (c, name, _("optax wants scales ≥ 0"));
      /* insertion sort: at most 64 */
      while (j > 0 && (*bounds)[j - 1] > b)
        {
          (*bounds)[j] = (*bounds)[j - 1];
          (*scales)[j] = (*scales)[j - 1];
          j--;
        }
      (*bounds)[j] = b;
      (*scales)[j] = sc;
    }
  *n = count;
  return TRUE;
}

static gboolean
tr_optax_piecewise_constant (Call     *c,
                             Schedule *s)
{
  g_autofree double *bounds = NULL, *scales = NULL;
  double v, previous = 0;
  guint n;

  if (!get_num (c, "init_value", NAN, &v) ||
      !get_boundaries (c, "boundaries_and_scales", &bounds, &scales, &n))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      /* The scale applies from the first step ≥ the threshold. */
      double from = MAX (0, ceil (bounds[i]));

      if (from > (double) ANNEAL_EPOCH_MAX)
        break;
      stage (c, s, (gint64) (from - previous), "constant(lr=%s)", num (c, v));
      previous = from;
      v = scales[i] * v;
    }
  stage (c, s, -1, "constant(lr=%s)", num (c, v));
  return TRUE;
}

/* optax's piecewise_interpolate_schedule over sorted boundaries and scales. */
static gboolean
optax_interpolate (Call         *c,
                   Schedule     *s,
                   const char   *shape,
                   double        init,
                   const double *bounds,
                   const double *scales,
                   guint         n)
{
  double v = init, previous = 0;

  for (guint i = 0; i < n; i++)
    {
      double next = v * scales[i];

      if (bounds[i] != floor (bounds[i]) || bounds[i] <= previous ||
          bounds[i] > (double) ANNEAL_EPOCH_MAX)
        return fail (c, _("the boundaries must be increasing whole numbers of steps above 0 "
                          "(optax gives NaN for an empty interval)"));
      stage (c, s, i + 1 == n ? -1 : (gint64) (bounds[i] - previous),
             "ramp(from=%s, to=%s, steps=%s, shape=%s)", num (c, v), num (c, next),
             num (c, bounds[i] - previous), shape);
      previous = bounds[i];
      v = next;
    }
  if (n == 0)
    stage (c, s, -1, "constant(lr=%s)", num (c, init));
  return TRUE;
}

static gboolean
tr_optax_piecewise_interpolate (Call     *c,
                                Schedule *s)
{
  static const char *types[] = { "linear", "cosine", NULL };
  g_autofree double *bounds = NULL, *scales = NULL;
  const char *type;
  double init;
  guint n;

  if (!get_str (c, "interpolate_type", NULL, &type) ||
      !check_choice (c, "interpolate_type", type, types) ||
      !get_num (c, "init_value", NAN, &init) ||
      !get_boundaries (c, "boundaries_and_scales", &bounds, &scales, &n))
    return FALSE;
  return optax_interpolate (c, s, strcmp (type, "linear") == 0 ? "linear" : "cos", init, bounds,
                            scales, n);
}

static gboolean
tr_optax_onecycle (Call     *c,
                   Schedule *s)
{
  gboolean linear = strcmp (c->func->name, "linear_onecycle_schedule") == 0;
  double n, peak, pct_start, pct_final = 0.85, div, final_div;
  double bounds[3], scales[3];
  guint count = 0;

  if (!get_num (c, "transition_steps", NAN, &n) || !get_num (c, "peak_value", NAN, &peak) ||
      !get_num (c, "pct_start", 0.3, &pct_start) || !get_num (c, "div_factor", 25, &div) ||
      !get_num (c, "final_div_factor", 1e4, &final_div) ||
      (linear && !get_num (c, "pct_final", 0.85, &pct_final)))
    return FALSE;
  /* The dict optax builds: a repeated key keeps its place and takes the later scale. */
  {
    double keys[3] = { trunc (pct_start * n), linear ? trunc (pct_final * n) : n, n };
    double vals[3] = { div, linear ? 1.0 / div : 1.0 / (div * final_div), 1.0 / final_div };
    guint m = linear ? 3 : 2;

    for (guint i = 0; i < m; i++)
      {
        guint k;

        for (k = 0; k < count; k++)
          if (bounds[k] == keys[i])
            break;
        bounds[k] = keys[i];
        scales[k] = vals[i];
        if (k == count)
          count++;
      }
    /* sorted() in optax */
    for (guint i = 1; i < count; i++)
      for (guint j = i; j > 0 && bounds[j - 1] > bounds[j]; j--)
        {
          double tb = bounds[j], ts = scales[j];

          bounds[j] = bounds[j - 1];
          scales[j] = scales[j - 1];
          bounds[j - 1] = tb;
          scales[j - 1] = ts;
        }
  }
  return optax_interpolate (c, s, linear ? "linear" : "cos", peak / div, bounds, scales, count);
}

static gboolean
tr_optax_join (Call     *c,
               Schedule *s)
{
  static const char *libraries[] = { "optax", NULL };
  GPtrArray *schedules;

  if (!get_schedules (c, "schedules", libraries, &schedules))
    return FALSE;
  return join (c, s, schedules, "boundaries", 0);
}

/* The warm-ups of optax's warmup_*_schedule: linear_schedule(init, peak, w), which is
 * polynomial_schedule's order, (init − peak)·(1 − t/w) + peak (a ramp's
 * (peak − init)·t/w + init rounds otherwise: 5e-12 apart at the first step of a warm-up
 * from 0 over 10^5 steps). w = 0 leaves it out: the next schedule starts at 0. */
static gboolean
optax_warmup (Call     *c,
              Schedule *s,
              double    init,
              double    peak,
              double    w)
{
  if (w != floor (w) || w < 0 || w > (double) ANNEAL_EPOCH_MAX)
    return fail_arg (c, "warmup_steps", _("warmup_steps must be a whole number"));
  if (w > 0)
    stage (c, s, (gint64) w, "poly(lr=%s, total_iters=%s, end=%s)", num (c, init), num (c, w),
           num (c, peak));
  return TRUE;
}

static gboolean
warmup_cosine (Call     *c,
               Schedule *s,
               double    init,
               double    peak,
               double    w,
               double    steps,
               double    end,
               double    exponent)
{
  return optax_warmup (c, s, init, peak, w) &&
         optax_cosine (c, s, peak, steps - w, peak == 0 ? 0 : end / peak, exponent);
}

static gboolean
tr_optax_warmup_cosine (Call     *c,
                        Schedule *s)
{
  double init, peak, w, steps, end, exponent;

  if (!get_num (c, "init_value", NAN, &init) || !get_num (c, "peak_value", NAN, &peak) ||
      !get_num (c, "warmup_steps", NAN, &w) || !get_num (c, "decay_steps", NAN, &steps) ||
      !get_num (c, "end_value", 0, &end) || !get_num (c, "exponent", 1, &exponent))
    return FALSE;
  return warmup_cosine (c, s, init, peak, w, steps, end, exponent);
}

static gboolean
tr_optax_warmup_constant (Call     *c,
                          Schedule *s)
{
  double init, peak, w;

  /* linear_schedule(init, peak, w) itself: with w = 0 optax holds init, not peak */
  if (!get_num (c, "init_value", NAN, &init) || !get_num (c, "peak_value", NAN, &peak) ||
      !get_num (c, "warmup_steps", NAN, &w))
    return FALSE;
  if (w > 0 && (w != floor (w) || w > (double) ANNEAL_EPOCH_MAX))
    return fail_arg (c, "warmup_steps", _("warmup_steps must be a whole number"));
  return optax_poly (c, s, init, peak, 1, w, 0);
}

static gboolean
tr_optax_warmup_exponential (Call     *c,
                             Schedule *s)
{
  double init, peak, w, steps, rate;
  gint64 begin;
  gboolean staircase;

  if (!get_num (c, "init_value", NAN, &init) || !get_num (c, "peak_value", NAN, &peak) ||
      !get_num (c, "warmup_steps", NAN, &w) || !get_num (c, "transition_steps", NAN, &steps) ||
      !get_num (c, "decay_rate", NAN, &rate) || !get_begin (c, "transition_begin", &begin) ||
      !get_bool (c, "staircase", FALSE, &staircase) || !optax_warmup (c, s, init, peak, w))
    return FALSE;
  return optax_exponential (c, s, peak, steps, rate, begin, staircase, arg (c, "end_value"));
}

/* optax.sgdr_schedule([dict(init_value=…, peak_value=…, warmup_steps=…, decay_steps=…), …]) */
static gboolean
tr_optax_sgdr (Call     *c,
               Schedule *s)
{
  static const char *keys[] = { "init_value", "peak_value", "warmup_steps", "decay_steps",
                                "end_value", "exponent" };
  GPtrArray *items;

  if (!get_list (c, "cosine_kwargs", &items))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      Value *d = g_ptr_array_index (items, i);
      double v[G_N_ELEMENTS (keys)] = { NAN, NAN, NAN, NAN, 0, 1 };
      Schedule one = { 0 };
      gboolean ok;

      if (d->type != VAL_DICT)
        return fail_at (c, d->line, d->column, _("'%s' must hold dicts"), "cosine_kwargs");
      for (guint k = 0; k + 1 < d->items->len; k += 2)
        {
          Value *key = g_ptr_array_index (d->items, k);
          guint j;

          for (j = 0; j < G_N_ELEMENTS (keys); j++)
            if (key->type == VAL_STRING && strcmp (key->str, keys[j]) == 0)
              break;
          if (j == G_N_ELEMENTS (keys))
            return fail_at (c, key->line, key->column, _("%s has no argument '%s'"),
                            "warmup_cosine_decay_schedule",
                            key->type == VAL_STRING ? key->str : "?");
          if (!item_num (c, keys[j], g_ptr_array_index (d->items, k + 1), &v[j]))
            return FALSE;
        }
      for (guint j = 0; j < 4; j++)
        if (isnan (v[j]))
          return fail_at (c, d->line, d->column, _("%s needs the argument '%s'"),
                          "warmup_cosine_decay_schedule", keys[j]);
      if (v[3] != floor (v[3]) || v[3] < 1 || v[3] > (double) ANNEAL_EPOCH_MAX)
        return fail_at (c, d->line, d->column, _("decay_steps must be a whole number"));
      one.stages = g_array_new (FALSE, FALSE, sizeof (Stage));
      ok = warmup_cosine (c, &one, v[0], v[1], v[2], v[3], v[4], v[5]);
      if (ok)
        append_schedule (s, &one, i + 1 == items->len ? -1 : (gint64) v[3]);
      g_array_unref (one.stages);
      if (!ok)
        return FALSE;
    }
  if (items->len == 0)
    return fail_arg (c, "cosine_kwargs", ctx_strdup_printf (c->ctx, _("'%s' is empty"),
                                                        "cosine_kwargs"));
  return TRUE;
}

/* ------------------------------------------------------------------ optimizers */

static const struct
{
  const char *name;
  double      lr;   /* default rate, NAN: none */
} optimizers[] = {
  /* PyTorch 1.13's defaults (SGD: none, its lr is required) */
  { "SGD", NAN }, { "Adam", 1e-3 }, { "AdamW", 1e-3 }, { "Adamax", 2e-3 }, { "Adagrad", 1e-2 },
  { "Adadelta", 1.0 }, { "RMSprop", 1e-2 }, { "Rprop", 1e-2 }, { "ASGD", 1e-2 },
  { "NAdam", 2e-3 }, { "RAdam", 1e-3 }, { "LBFGS", 1.0 }, { "SparseAdam", 1e-3 },
  { "Adafactor", NAN }, { "Lion", 1e-4 }, { "LAMB", 1e-3 }, { "Lamb", 1e-3 },
  { "create_optimizer_v2", NAN }, { "create_optimizer", NAN },
};

gboolean
anneal_import_is_optimizer (const char *name,
                            double     *default_lr)
{
  for (guint i = 0; i < G_N_ELEMENTS (optimizers); i++)
    if (strcmp (name, optimizers[i].name) == 0)
      {
        *default_lr = optimizers[i].lr;
        return TRUE;
      }
  return FALSE;
}

/* ------------------------------------------------------------------ the table */

#define TORCH(name, label, sig, fn) { name, "PyTorch", label, sig, fn, FALSE }
#define HF(name, label, sig, fn)    { name, "Hugging Face", label, sig, fn, TRUE }
#define KERAS(name, label, sig, fn) { name, "Keras", label, sig, fn, TRUE }
#define TIMM(name, label, sig, fn)  { name, "timm", label, sig, fn, FALSE }
#define OPTAX(name, label, sig, fn) { name, "optax", label, sig, fn, TRUE }

#define TIMM_TAIL "?t_in_epochs ?noise_range_t ?noise_pct ?noise_std ?noise_seed"

static const LibFunc funcs[] = {
  TORCH ("LambdaLR", N_("PyTorch LambdaLR"), "optimizer lr_lambda ?last_epoch ?verbose",
         tr_refuse_function),
  TORCH ("MultiplicativeLR", N_("PyTorch MultiplicativeLR"),
         "optimizer lr_lambda ?last_epoch ?verbose", tr_refuse_function),
  TORCH ("StepLR", N_("PyTorch StepLR"), "optimizer step_size ?gamma ?last_epoch ?verbose",
         tr_step_lr),
  TORCH ("MultiStepLR", N_("PyTorch MultiStepLR"),
         "optimizer milestones ?gamma ?last_epoch ?verbose", tr_multistep_lr),
  TORCH ("ConstantLR", N_("PyTorch ConstantLR"),
         "optimizer ?factor ?total_iters ?last_epoch ?verbose", tr_constant_lr),
  TORCH ("LinearLR", N_("PyTorch LinearLR"),
         "optimizer ?start_factor ?end_factor ?total_iters ?last_epoch ?verbose", tr_linear_lr),
  TORCH ("ExponentialLR", N_("PyTorch ExponentialLR"), "optimizer gamma ?last_epoch ?verbose",
         tr_exponential_lr),
  TORCH ("SequentialLR", N_("PyTorch SequentialLR"),
         "optimizer schedulers milestones ?last_epoch ?verbose", tr_sequential),
  TORCH ("PolynomialLR", N_("PyTorch PolynomialLR"),
         "optimizer ?total_iters ?power ?last_epoch ?verbose", tr_polynomial_lr),
  TORCH ("CosineAnnealingLR", N_("PyTorch CosineAnnealingLR"),
         "optimizer T_max ?eta_min ?last_epoch ?verbose", tr_cosine_lr),
  TORCH ("ChainedScheduler", N_("PyTorch ChainedScheduler"), "schedulers", tr_chained),
  TORCH ("ReduceLROnPlateau", N_("PyTorch ReduceLROnPlateau"),
         "optimizer ?mode ?factor ?patience ?threshold ?threshold_mode ?cooldown ?min_lr ?eps "
         "?verbose", tr_plateau),
  TORCH ("CyclicLR", N_("PyTorch CyclicLR"),
         "optimizer base_lr max_lr ?step_size_up ?step_size_down ?mode ?gamma ?scale_fn "
         "?scale_mode ?cycle_momentum ?base_momentum ?max_momentum ?last_epoch ?verbose",
         tr_cyclic),
  TORCH ("CosineAnnealingWarmRestarts", N_("PyTorch CosineAnnealingWarmRestarts"),
         "optimizer T_0 ?T_mult ?eta_min ?last_epoch ?verbose", tr_warm_restarts),
  TORCH ("OneCycleLR", N_("PyTorch OneCycleLR"),
         "optimizer max_lr ?total_steps ?epochs ?steps_per_epoch ?pct_start ?anneal_strategy "
         "?cycle_momentum ?base_momentum ?max_momentum ?div_factor ?final_div_factor "
         "?three_phase ?last_epoch ?verbose", tr_one_cycle),

  HF ("get_constant_schedule", N_("HF constant"), "optimizer ?last_epoch", tr_hf_constant),
  HF ("get_constant_schedule_with_warmup", N_("HF constant with warm-up"),
      "optimizer num_warmup_steps ?last_epoch", tr_hf_constant_warmup),
  HF ("get_linear_schedule_with_warmup", N_("HF linear with warm-up"),
      "optimizer num_warmup_steps num_training_steps ?last_epoch", tr_hf_linear),
  HF ("get_cosine_schedule_with_warmup", N_("HF cosine with warm-up"),
      "optimizer num_warmup_steps num_training_steps ?num_cycles ?last_epoch", tr_hf_cosine),
  HF ("get_cosine_with_hard_restarts_schedule_with_warmup", N_("HF cosine with hard restarts"),
      "optimizer num_warmup_steps num_training_steps ?num_cycles ?last_epoch",
      tr_hf_hard_restarts),
  HF ("get_polynomial_decay_schedule_with_warmup", N_("HF polynomial decay with warm-up"),
      "optimizer num_warmup_steps num_training_steps ?lr_end ?power ?last_epoch",
      tr_hf_polynomial),
  HF ("get_inverse_sqrt_schedule", N_("HF inverse square root"),
      "optimizer num_warmup_steps ?timescale ?last_epoch", tr_hf_inverse_sqrt),
  HF ("get_cosine_with_min_lr_schedule_with_warmup", N_("HF cosine with minimum rate"),
      "optimizer num_warmup_steps num_training_steps ?num_cycles ?last_epoch ?min_lr "
      "?min_lr_rate", tr_hf_cosine_min_lr),
  HF ("get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
      N_("HF cosine with minimum rate, warm-up rate"),
      "optimizer num_warmup_steps num_training_steps ?num_cycles ?last_epoch ?min_lr "
      "?min_lr_rate ?warmup_lr_rate", tr_hf_cosine_min_lr_rate),
  HF ("get_wsd_schedule", N_("HF warmup-stable-decay"),
      "optimizer num_warmup_steps num_decay_steps ?num_training_steps ?num_stable_steps "
      "?warmup_type ?decay_type ?min_lr_ratio ?num_cycles ?last_epoch", tr_hf_wsd),
  HF ("get_reduce_on_plateau_schedule", N_("HF reduce on plateau"), "optimizer", tr_plateau),
  HF ("get_scheduler", N_("HF scheduler"),
      "name optimizer ?num_warmup_steps ?num_training_steps ?scheduler_specific_kwargs",
      tr_hf_get_scheduler),

  KERAS ("ExponentialDecay", N_("Keras ExponentialDecay"),
         "initial_learning_rate decay_steps decay_rate ?staircase ?name", tr_keras_exponential),
  KERAS ("PiecewiseConstantDecay", N_("Keras PiecewiseConstantDecay"),
         "boundaries values ?name", tr_keras_piecewise),
  KERAS ("PolynomialDecay", N_("Keras PolynomialDecay"),
         "initial_learning_rate decay_steps ?end_learning_rate ?power ?cycle ?name",
         tr_keras_polynomial),
  KERAS ("InverseTimeDecay", N_("Keras InverseTimeDecay"),
         "initial_learning_rate decay_steps decay_rate ?staircase ?name", tr_keras_inverse_time),
  KERAS ("CosineDecay", N_("Keras CosineDecay"),
         "initial_learning_rate decay_steps ?alpha ?name ?warmup_target ?warmup_steps",
         tr_keras_cosine),
  KERAS ("CosineDecayRestarts", N_("Keras CosineDecayRestarts"),
         "initial_learning_rate first_decay_steps ?t_mul ?m_mul ?alpha ?name",
         tr_keras_cosine_restarts),
  KERAS ("LearningRateScheduler", N_("Keras LearningRateScheduler"), "schedule ?verbose",
         tr_refuse_function),

  TIMM ("CosineLRScheduler", N_("timm cosine"),
        "optimizer t_initial ?lr_min ?cycle_mul ?cycle_decay ?cycle_limit ?warmup_t "
        "?warmup_lr_init ?warmup_prefix " TIMM_TAIL " ?k_decay ?initialize", tr_timm_cosine),
  TIMM ("StepLRScheduler", N_("timm step"),
        "optimizer decay_t ?decay_rate ?warmup_t ?warmup_lr_init ?warmup_prefix " TIMM_TAIL
        " ?initialize", tr_timm_step),
  TIMM ("MultiStepLRScheduler", N_("timm multi-step"),
        "optimizer decay_t ?decay_rate ?warmup_t ?warmup_lr_init ?warmup_prefix " TIMM_TAIL
        " ?initialize", tr_timm_multistep),
  TIMM ("PolyLRScheduler", N_("timm polynomial"),
        "optimizer t_initial ?power ?lr_min ?cycle_mul ?cycle_decay ?cycle_limit ?warmup_t "
        "?warmup_lr_init ?warmup_prefix " TIMM_TAIL " ?k_decay ?initialize", tr_timm_poly),
  TIMM ("TanhLRScheduler", N_("timm tanh"),
        "optimizer t_initial ?lb ?ub ?lr_min ?cycle_mul ?cycle_decay ?cycle_limit ?warmup_t "
        "?warmup_lr_init ?warmup_prefix " TIMM_TAIL " ?initialize", tr_timm_tanh),
  TIMM ("PlateauLRScheduler", N_("timm plateau"),
        "optimizer ?decay_rate ?patience_t ?verbose ?threshold ?cooldown_t ?warmup_t "
        "?warmup_lr_init ?lr_min ?mode " TIMM_TAIL " ?initialize", tr_plateau),

  OPTAX ("constant_schedule", N_("optax constant"), "value", tr_optax_constant),
  OPTAX ("linear_schedule", N_("optax linear"),
         "init_value end_value transition_steps ?transition_begin", tr_optax_linear),
  OPTAX ("polynomial_schedule", N_("optax polynomial"),
         "init_value end_value power transition_steps ?transition_begin", tr_optax_polynomial),
  OPTAX ("cosine_decay_schedule", N_("optax cosine decay"),
         "init_value decay_steps ?alpha ?exponent", tr_optax_cosine),
  OPTAX ("exponential_decay", N_("optax exponential decay"),
         "init_value transition_steps decay_rate ?transition_begin ?staircase ?end_value",
         tr_optax_exponential),
  OPTAX ("piecewise_constant_schedule", N_("optax piecewise constant"),
         "init_value ?boundaries_and_scales", tr_optax_piecewise_constant),
  OPTAX ("piecewise_interpolate_schedule", N_("optax piecewise interpolation"),
         "interpolate_type init_value ?boundaries_and_scales", tr_optax_piecewise_interpolate),
  OPTAX ("warmup_cosine_decay_schedule", N_("optax warm-up cosine decay"),
         "init_value peak_value warmup_steps decay_steps ?end_value ?exponent",
         tr_optax_warmup_cosine),
  OPTAX ("warmup_exponential_decay_schedule", N_("optax warm-up exponential decay"),
         "init_value peak_value warmup_steps transition_steps decay_rate ?transition_begin "
         "?staircase ?end_value", tr_optax_warmup_exponential),
  OPTAX ("sgdr_schedule", N_("optax SGDR"), "cosine_kwargs", tr_optax_sgdr),
  OPTAX ("warmup_constant_schedule", N_("optax warm-up to a constant"),
         "init_value peak_value warmup_steps", tr_optax_warmup_constant),
  OPTAX ("linear_onecycle_schedule", N_("optax linear one-cycle"),
         "transition_steps peak_value ?pct_start ?pct_final ?div_factor ?final_div_factor",
         tr_optax_onecycle),
  OPTAX ("cosine_onecycle_schedule", N_("optax cosine one-cycle"),
         "transition_steps peak_value ?pct_start ?div_factor ?final_div_factor",
         tr_optax_onecycle),
  OPTAX ("join_schedules", N_("optax joined schedules"), "schedules boundaries", tr_optax_join),
};

const LibFunc *
anneal_import_lookup_func (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (funcs); i++)
    if (strcmp (funcs[i].name, name) == 0)
      return &funcs[i];
  return NULL;
}

/* PyTorch's schedulers that step the group's rate on (each rate from the one before)
 * rather than compute it from initial_lr, as SequentialLR's restarts (step(0), the
 * closed form) do; CosineAnnealingLR does both: from initial_lr past T_max. */
static gboolean
steps_from_rate (const LibFunc *func)
{
  return func->translate == tr_step_lr || func->translate == tr_multistep_lr ||
         func->translate == tr_constant_lr || func->translate == tr_linear_lr ||
         func->translate == tr_exponential_lr || func->translate == tr_polynomial_lr;
}

gboolean
anneal_import_call (Call     *call,
                    Schedule *out)
{
  Call alone;

  /* a scheduler on an optimizer PyTorch cannot build */
  for (guint i = 0; i < call->n_params; i++)
    if (strcmp (call->names[i], "optimizer") == 0 &&
        !check_required_lr (call, find_optimizer (call)))
      return FALSE;
  /* a translator may go on after check_stage() refused one of its stages */
  if (!call->func->translate (call, out) || call->fail_reason != NULL)
    return FALSE;
  if (call->optimizer == NULL || !initial_apart (call->optimizer))
    return TRUE;

  /* initial_lr set by the text apart from the rate: SequentialLR resets the rate to
   * initial_lr and restarts from it (out), but alone or in a ChainedScheduler the
   * chainable ones step on from the rate (out->alone) */
  if (call->func->translate == tr_cosine_lr)
    {
      out->alone_error = ctx_strdup_printf (call->ctx,
                                            _("CosineAnnealingLR steps from the optimizer's "
                                              "rate and, past T_max, from its initial_lr, "
                                              "which line %u sets apart from its rate: no "
                                              "kind of Anneal's follows both"),
                                            call->optimizer->initial_line);
      out->alone_line = call->line;
      out->alone_column = call->column;
      return TRUE;
    }
  if (!steps_from_rate (call->func))
    return TRUE;
  alone = *call;
  alone.from_rate = TRUE;
  out->alone = schedule_new (call->func);
  out->alone->optimizer = call->optimizer;
  if (!call->func->translate (&alone, out->alone) || alone.fail_reason != NULL)
    {
      g_clear_pointer (&out->alone, schedule_free);
      out->alone_error = alone.fail_reason;
      out->alone_line = alone.fail_line;
      out->alone_column = alone.fail_column;
    }
  return TRUE;
}
