/* test-kinds.c — the catalogue, and every kind against its own reference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The references below are written independently of the library, the way the
 * original code computes them: the notebook's loops with their running state,
 * and PyTorch's schedulers stepped one epoch at a time with their recursive
 * formulas. The library's closed forms must agree with them.
 */
#include <anneal.h>
#include <math.h>
#include <string.h>

#define EPOCHS 400

/* --- The catalogue agrees with SPEC.md --- */

static const struct
{
  const char *kind;
  const char *params;  /* name=default, space separated, in order */
} spec_table[] = {
  { "hold-decay", "lr=0.1 hold=10 rate=0.1" },
  { "cosine-wave", "lr_start=0.1 lr_end=0.001 period=10" },
  { "exp-cycles", "lr_start=0.1 lr_end=0.001 epochs=50 cycles=10 a=3" },
  { "damped-cosine-wave", "lr_start=0.1 lr_end=0 period=10 keep=1/3 end_ratio=1/3" },
  { "damped-exp-cycles", "lr_start=0.1 lr_end=0 epochs=50 cycles=10 a=3 keep=1/3 end_ratio=3/7" },
  { "constant", "lr=0.1" },
  { "step", "lr=0.1 step_size=10 gamma=0.1" },
  { "multistep", "lr=0.1 milestones=[30,80] gamma=0.1" },
  { "exponential", "lr=0.1 gamma=0.95 decay_steps=1 staircase=false end=0" },
  { "linear", "lr=0.1 start_factor=1/3 end_factor=1 total_iters=5" },
  { "poly", "lr=0.1 total_iters=5 power=1 end=0 cycle=false" },
  { "cosine", "lr=0.1 t_max=50 eta_min=0 exponent=1" },
  { "sgdr", "lr=0.1 t_0=10 t_mult=1 eta_min=0 decay=1" },
  { "onecycle", "max_lr=0.1 total_steps=100 pct_start=0.3 anneal=cos div_factor=25 "
                "final_div_factor=1e4 three_phase=false" },
  { "cyclic", "base_lr=0.001 max_lr=0.1 step_size_up=2000 step_size_down=2000 "
              "mode=triangular gamma=1" },
  { "wsd", "lr=0.1 warmup=5 stable=30 decay=15 warmup_shape=linear decay_shape=linear "
           "min_lr_ratio=0 cycles=0.5" },
  { "inverse-sqrt", "lr=0.1 warmup=10 timescale=10" },
  { "ramp", "from=0 to=0.1 steps=5 shape=linear anchor=from" },
  { "cosine-cycles", "lr=0.1 steps=100 cycles=0.5 eta_min=0 restarts=false shift=0" },
  { "restarts", "lr=0.1 t_0=10 t_mul=1 eta_min=0 decay=1 damp=peak shape=cos power=1 k=1 lb=-7 "
                "ub=3 cycle_limit=0 warmup=0 warmup_lr=0 warmup_prefix=false" },
  { "inverse-time", "lr=0.1 decay_rate=0.5 decay_steps=1 staircase=false" },
};

/* The row of spec_table for @kind: every kind of the catalogue needs one. */
static guint
spec_row (const AnnealKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (spec_table); i++)
    if (strcmp (spec_table[i].kind, anneal_kind_get_name (kind)) == 0)
      return i;
  g_error ("%s has no row in spec_table (tests/test-kinds.c): add its defaults",
           anneal_kind_get_name (kind));
}

static void
check_spec_row (const AnnealKind *kind)
{
  g_auto(GStrv) pairs = g_strsplit (spec_table[spec_row (kind)].params, " ", -1);
  g_autoptr(AnnealSchedule) schedule = anneal_schedule_new_default (kind);

  g_assert_cmpuint (g_strv_length (pairs), ==, anneal_kind_get_n_params (kind));
  for (guint j = 0; pairs[j] != NULL; j++)
    {
      g_auto(GStrv) nv = g_strsplit (pairs[j], "=", 2);
      g_autofree char *spec = NULL;
      g_autofree char *got = NULL;
      g_autofree char *want = NULL;
      g_autoptr(AnnealSchedule) explicit = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpstr (anneal_param_get_name (anneal_kind_get_param (kind, j)), ==, nv[0]);
      /* The default, written out, gives the same schedule as leaving it out. */
      spec = g_strdup_printf ("%s(%s=%s)", anneal_kind_get_name (kind), nv[0], nv[1]);
      explicit = anneal_schedule_parse (spec, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (anneal_schedule_equal (explicit, schedule));
      got = anneal_schedule_get_param (schedule, 0, nv[0]);
      want = anneal_schedule_get_param (explicit, 0, nv[0]);
      g_assert_cmpstr (got, ==, want);
    }
}

static void
test_catalogue_spec (void)
{
  /* Every row names a kind of the catalogue (and every kind has a row: see
   * /anneal/kinds/catalogue/). */
  for (guint i = 0; i < G_N_ELEMENTS (spec_table); i++)
    g_assert_nonnull (anneal_kind_lookup (spec_table[i].kind));
  g_assert_cmpuint (anneal_kind_get_count (), >=, G_N_ELEMENTS (spec_table));
}

static void
test_catalogue_descriptions (void)
{
  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);

      g_assert_true (anneal_kind_lookup (anneal_kind_get_name (kind)) == kind);
      g_assert_cmpuint (strlen (anneal_kind_get_summary (kind)), >, 10);
      g_assert_nonnull (anneal_kind_get_origin (kind));
      if (anneal_kind_get_damped_twin (kind) != NULL)
        g_assert_nonnull (anneal_kind_lookup (anneal_kind_get_damped_twin (kind)));

      for (guint j = 0; j < anneal_kind_get_n_params (kind); j++)
        {
          const AnnealParam *param = anneal_kind_get_param (kind, j);
          AnnealParamType type = anneal_param_get_value_type (param);
          g_autofree char *range = anneal_param_describe_range (param);

          g_assert_true (anneal_kind_find_param (kind, anneal_param_get_name (param)) == param);
          g_assert_cmpuint (strlen (anneal_param_get_summary (param)), >, 5);
          g_assert_nonnull (anneal_param_type_to_string (type));
          g_assert_cmpuint (strlen (range), >, 0);
          if (type == ANNEAL_PARAM_CHOICE)
            g_assert_nonnull (anneal_param_get_choices (param));
          if (type == ANNEAL_PARAM_NUMBER || type == ANNEAL_PARAM_INTEGER)
            g_assert_cmpfloat (anneal_param_get_minimum (param), <,
                               anneal_param_get_maximum (param));
          for (guint k = 0; k < j; k++)
            g_assert_cmpstr (anneal_param_get_name (anneal_kind_get_param (kind, k)), !=,
                             anneal_param_get_name (param));
        }
    }
  g_assert_null (anneal_kind_lookup ("no-such-kind"));
}

static void
test_describe_range (void)
{
  const AnnealKind *kind = anneal_kind_lookup ("onecycle");
  g_autofree char *pct = anneal_param_describe_range (anneal_kind_find_param (kind, "pct_start"));
  g_autofree char *mode = anneal_param_describe_range (anneal_kind_find_param (kind, "anneal"));
  g_autofree char *three = anneal_param_describe_range (anneal_kind_find_param (kind, "three_phase"));

  g_assert_cmpstr (pct, ==, "(0, 1)");
  g_assert_cmpstr (mode, ==, "cos | linear");
  g_assert_cmpstr (three, ==, "true | false");
}

/* --- References --- */

typedef void (*Reference) (const char *args, double *out, int n);

static double
arg (const char *args,
     const char *name,
     double      fallback)
{
  const char *open = strchr (args, '(');
  g_autofree char *inner = g_strdup (open ? open + 1 : args);
  g_auto(GStrv) pairs = NULL;

  inner[strcspn (inner, ")")] = '\0';
  pairs = g_strsplit (inner, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto(GStrv) nv = g_strsplit (g_strstrip (pairs[i]), "=", 2);

      if (nv[1] != NULL && strcmp (nv[0], name) == 0)
        {
          char *slash = strchr (nv[1], '/');

          if (slash != NULL)
            return g_ascii_strtod (nv[1], NULL) / g_ascii_strtod (slash + 1, NULL);
          if (strcmp (nv[1], "true") == 0)
            return 1;
          return g_ascii_strtod (nv[1], NULL);
        }
    }
  return fallback;
}

static const char *
word (const char *args,
      const char *name,
      const char *fallback)
{
  static char buf[64];
  const char *p = strstr (args, name);

  if (p == NULL)
    return fallback;
  p += strlen (name) + 1;
  g_strlcpy (buf, p, sizeof buf);
  buf[strcspn (buf, ", )")] = '\0';
  return buf;
}

/* Keras' LearningRateScheduler returning its lr unchanged, epoch after epoch. */
static void
ref_constant (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1);

  for (int e = 0; e < n; e++)
    out[e] = lr;
}

/* The notebook: `lr = scheduler(e, lr)`, Keras multiplying by exp(-0.1). */
static void
ref_hold_decay (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1);
  double hold = arg (args, "hold", 10), rate = arg (args, "rate", 0.1);

  for (int e = 0; e < n; e++)
    {
      if (e >= hold)
        lr = lr * exp (-rate);
      out[e] = lr;
    }
}

static void
ref_cosine_wave (const char *args, double *out, int n)
{
  double lr_start = arg (args, "lr_start", 0.1), lr_end = arg (args, "lr_end", 0.001);
  double epochs = arg (args, "period", 10);

  for (int e = 0; e < n; e++)
    {
      double w = epochs > 1 ? (1 + cos (e / (epochs - 1) * G_PI)) / 2 : 1;
      out[e] = w * lr_start + (1 - w) * lr_end;
    }
}

static void
ref_exp_cycles (const char *args, double *out, int n)
{
  double lr_start = arg (args, "lr_start", 0.1), lr_end = arg (args, "lr_end", 0.001);
  int epochs = (int) arg (args, "epochs", 50), cycles = (int) arg (args, "cycles", 10);
  double a = arg (args, "a", 3);

  for (int e = 0; e < n; e++)
    {
      int per = epochs / cycles, i = e % per;
      double w = 1;

      if (per > 1)
        w = (exp (a * (1 - (double) i / (per - 1))) - 1) / (exp (a) - 1);
      out[e] = w * lr_start + (1 - w) * lr_end;
    }
}

static void
ref_damped_cosine_wave (const char *args, double *out, int n)
{
  double s = arg (args, "lr_start", 0.1), e_ = arg (args, "lr_end", 0);
  double epochs = arg (args, "period", 10), keep = arg (args, "keep", 1.0 / 3);
  double ratio = arg (args, "end_ratio", 1.0 / 3);

  for (int e = 0; e < n; e++)
    {
      double w;

      if (e / (epochs - 1) == floor (e / (epochs - 1)))
        {
          s = e_ + (s - e_) * keep;
          e_ = s - (s - 0) * (1 - ratio);
        }
      w = (1 + cos (e / (epochs - 1) * G_PI)) / 2;
      out[e] = w * s + (1 - w) * e_;
    }
}

static void
ref_damped_exp_cycles (const char *args, double *out, int n)
{
  double s = arg (args, "lr_start", 0.1), e_ = arg (args, "lr_end", 0);
  int epochs = (int) arg (args, "epochs", 50), cycles = (int) arg (args, "cycles", 10);
  double a = arg (args, "a", 3), keep = arg (args, "keep", 1.0 / 3);
  double ratio = arg (args, "end_ratio", 3.0 / 7);

  for (int e = 0; e < n; e++)
    {
      int per = epochs / cycles, i = e % per;
      double w = 1;

      if (i == 0)
        {
          s = e_ + (s - e_) * keep;
          e_ = s - s * (1 - ratio);
        }
      if (per > 1)
        w = (exp (a * (1 - (double) i / (per - 1))) - 1) / (exp (a) - 1);
      out[e] = w * s + (1 - w) * e_;
    }
}

static void
ref_step (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1), gamma = arg (args, "gamma", 0.1);
  int step = (int) arg (args, "step_size", 10);

  for (int e = 0; e < n; e++)
    {
      if (e > 0 && e % step == 0)
        lr *= gamma;
      out[e] = lr;
    }
}

static void
ref_multistep (const char *args, double *out, int n)
{
  /* milestones given as m1 and m2 in these tests */
  double lr = arg (args, "lr", 0.1), gamma = arg (args, "gamma", 0.1);
  int m1 = (int) arg (args, "m1", 30), m2 = (int) arg (args, "m2", 80);

  for (int e = 0; e < n; e++)
    {
      if (e == m1)
        lr *= gamma;
      if (e == m2)
        lr *= gamma;
      out[e] = lr;
    }
}

static void
ref_exponential (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1), gamma = arg (args, "gamma", 0.95);

  for (int e = 0; e < n; e++)
    {
      if (e > 0)
        lr *= gamma;
      out[e] = lr;
    }
}

/* PyTorch LinearLR.get_lr(), recursive */
static void
ref_linear (const char *args, double *out, int n)
{
  double base = arg (args, "lr", 0.1);
  double sf = arg (args, "start_factor", 1.0 / 3), ef = arg (args, "end_factor", 1);
  int total = (int) arg (args, "total_iters", 5);
  double lr = base * sf;

  for (int e = 0; e < n; e++)
    {
      if (e > 0 && e <= total)
        lr = lr * (1.0 + (ef - sf) / (total * sf + (e - 1) * (ef - sf)));
      out[e] = lr;
    }
}

/* PyTorch PolynomialLR.get_lr(), recursive (end = 0) */
static void
ref_poly (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1), power = arg (args, "power", 1);
  int total = (int) arg (args, "total_iters", 5);

  for (int e = 0; e < n; e++)
    {
      if (e > 0 && e <= total)
        lr = lr * pow ((1.0 - (double) e / total) / (1.0 - (double) (e - 1) / total), power);
      out[e] = e >= total ? 0 : lr;
    }
}

/* PyTorch CosineAnnealingLR.get_lr(), recursive */
static void
ref_cosine (const char *args, double *out, int n)
{
  double base = arg (args, "lr", 0.1), eta = arg (args, "eta_min", 0);
  double t_max = arg (args, "t_max", 50);
  double lr = base;

  for (int e = 0; e < n; e++)
    {
      if (e == 0)
        lr = base;
      else if ((e - 1 - (int) t_max) % (2 * (int) t_max) == 0)
        lr = lr + (base - eta) * (1 - cos (G_PI / t_max)) / 2;
      else
        lr = (1 + cos (G_PI * e / t_max)) / (1 + cos (G_PI * (e - 1) / t_max)) * (lr - eta) + eta;
      out[e] = lr;
    }
}

/* PyTorch CosineAnnealingWarmRestarts.step(), with Keras' m_mul as decay */
static void
ref_sgdr (const char *args, double *out, int n)
{
  double base = arg (args, "lr", 0.1), eta = arg (args, "eta_min", 0);
  double decay = arg (args, "decay", 1);
  long t_i = (long) arg (args, "t_0", 10), mult = (long) arg (args, "t_mult", 1);
  long t_cur = 0;
  int restarts = 0;

  for (int e = 0; e < n; e++)
    {
      if (e > 0)
        {
          t_cur++;
          if (t_cur >= t_i)
            {
              t_cur -= t_i;
              t_i *= mult;
              restarts++;
            }
        }
      out[e] = eta + (base * pow (decay, restarts) - eta) * (1 + cos (G_PI * t_cur / t_i)) / 2;
    }
}

/* PyTorch OneCycleLR.get_lr() */
static void
ref_onecycle (const char *args, double *out, int n)
{
  double max_lr = arg (args, "max_lr", 0.1), total = arg (args, "total_steps", 100);
  double pct = arg (args, "pct_start", 0.3), div = arg (args, "div_factor", 25);
  double final_div = arg (args, "final_div_factor", 1e4);
  gboolean three = arg (args, "three_phase", 0) != 0;
  gboolean linear = strcmp (word (args, "anneal", "cos"), "linear") == 0;
  double initial = max_lr / div, min_lr = initial / final_div;
  double ends[3], from[3], to[3];
  int phases;

  if (three)
    {
      ends[0] = pct * total - 1, from[0] = initial, to[0] = max_lr;
      ends[1] = 2 * pct * total - 2, from[1] = max_lr, to[1] = initial;
      ends[2] = total - 1, from[2] = initial, to[2] = min_lr;
      phases = 3;
    }
  else
    {
      ends[0] = pct * total - 1, from[0] = initial, to[0] = max_lr;
      ends[1] = total - 1, from[1] = max_lr, to[1] = min_lr;
      phases = 2;
    }

  for (int e = 0; e < n && e < total; e++)
    {
      double start = 0;

      for (int i = 0; i < phases; i++)
        {
          if (e <= ends[i] || i == phases - 1)
            {
              double p = (e - start) / (ends[i] - start);
              out[e] = linear ? (to[i] - from[i]) * p + from[i]
                              : to[i] + (from[i] - to[i]) / 2.0 * (cos (G_PI * p) + 1);
              break;
            }
          start = ends[i];
        }
    }
}

/* PyTorch CyclicLR.get_lr() */
static void
ref_cyclic (const char *args, double *out, int n)
{
  double base = arg (args, "base_lr", 0.001), max_lr = arg (args, "max_lr", 0.1);
  double up = arg (args, "step_size_up", 2000);
  double down = arg (args, "step_size_down", up), gamma = arg (args, "gamma", 1);
  const char *mode = word (args, "mode", "triangular");
  double total = up + down, ratio = up / total;

  for (int e = 0; e < n; e++)
    {
      double cycle = floor (1 + e / total);
      double x = 1.0 + e / total - cycle;
      double scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1);
      double height = (max_lr - base) * scale;

      if (strcmp (mode, "triangular2") == 0)
        out[e] = base + height * (1 / pow (2.0, cycle - 1));
      else if (strcmp (mode, "exp_range") == 0)
        out[e] = base + height * pow (gamma, e);
      else
        out[e] = base + height;
    }
}

/* Hugging Face's _get_wsd_scheduler_lambda, times the base rate */
static void
ref_wsd (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1), min_ratio = arg (args, "min_lr_ratio", 0);
  double w = arg (args, "warmup", 5), st = arg (args, "stable", 30), d = arg (args, "decay", 15);
  const char *ws = word (args, "warmup_shape", "linear");
  char wshape[16];
  const char *ds;

  g_strlcpy (wshape, ws, sizeof wshape);
  ds = word (args, "decay_shape", "linear");
  for (int e = 0; e < n; e++)
    {
      double factor;

      if (e < w)
        {
          double progress = e / MAX (1.0, w);
          factor = strcmp (wshape, "cosine") == 0 ? 0.5 * (1.0 - cos (G_PI * progress))
                 : strcmp (wshape, "sqrt") == 0 ? 1.0 - sqrt (1.0 - progress)
                 : progress;
          factor = MAX (0.0, factor * (1.0 - min_ratio) + min_ratio);
        }
      else if (e < w + st)
        factor = 1.0;
      else if (e < w + st + d)
        {
          double progress = (e - w - st) / MAX (1.0, d);
          factor = strcmp (ds, "cosine") == 0 ? 0.5 * (1.0 + cos (G_PI * arg (args, "cycles", 0.5) * 2.0 * progress))
                 : strcmp (ds, "sqrt") == 0 ? 1.0 - sqrt (progress)
                 : 1.0 - progress;
          factor = MAX (0.0, factor * (1.0 - min_ratio) + min_ratio);
        }
      else
        factor = min_ratio;
      out[e] = lr * factor;
    }
}

/* Hugging Face's _get_inverse_sqrt_schedule_lr_lambda, times the base rate */
static void
ref_inverse_sqrt (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1), warmup = arg (args, "warmup", 10);
  double timescale = arg (args, "timescale", warmup > 0 ? warmup : 10000);

  for (int e = 0; e < n; e++)
    out[e] = e < warmup ? lr * (e / MAX (1.0, warmup))
                        : lr * (1.0 / sqrt ((e + (timescale - warmup)) / timescale));
}

/* The kinds and parameters of the README's "Library calls" (tests/test-catalog.py
 * checks every row of that table against the libraries themselves). */

/* Keras' ExponentialDecay.__call__ (with optax exponential_decay's end_value) */
static void
ref_exponential_steps (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1), gamma = arg (args, "gamma", 0.95);
  double steps = arg (args, "decay_steps", 1), end = arg (args, "end", 0);
  gboolean staircase = arg (args, "staircase", 0) != 0;

  for (int e = 0; e < n; e++)
    {
      double p = staircase ? floor (e / steps) : e / steps;

      out[e] = MAX (lr * pow (gamma, p), end);
    }
}

/* Keras' PolynomialDecay.__call__ */
static void
ref_poly_keras (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1), power = arg (args, "power", 1), end = arg (args, "end", 0);
  double steps = arg (args, "total_iters", 5);
  gboolean cycle = arg (args, "cycle", 0) != 0;

  for (int e = 0; e < n; e++)
    {
      double t = e, d = steps;

      if (cycle)
        d = steps * (e == 0 ? 1.0 : ceil (t / steps));
      else
        t = MIN (t, d);
      out[e] = (lr - end) * pow (1 - t / d, power) + end;
    }
}

/* optax's cosine_decay_schedule before its end, continued as a wave */
static void
ref_cosine_exponent (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1), eta = arg (args, "eta_min", 0);
  double t_max = arg (args, "t_max", 50), x = arg (args, "exponent", 1);

  for (int e = 0; e < n; e++)
    out[e] = eta + (lr - eta) * pow (0.5 * (1 + cos (G_PI * e / t_max)), x);
}

/* optax's _linear_interpolate and _cosine_interpolate; Hugging Face's warm-up; with
 * anchor=to, Hugging Face's linear decay, lr·((T − s)/(T − w)) */
static void
ref_ramp (const char *args, double *out, int n)
{
  double from = arg (args, "from", 0), to = arg (args, "to", 0.1), steps = arg (args, "steps", 5);
  gboolean cosine = strcmp (word (args, "shape", "linear"), "cos") == 0;
  gboolean anchor_to = strcmp (word (args, "anchor", "from"), "to") == 0;

  for (int e = 0; e < n; e++)
    {
      double pct = e / steps;

      if (e >= steps)
        out[e] = to;
      else if (cosine)
        out[e] = to + (from - to) / 2.0 * (cos (G_PI * pct) + 1);
      else if (anchor_to)
        out[e] = to + (from - to) * ((steps - e) / steps);
      else
        out[e] = (to - from) * pct + from;
    }
}

/* Hugging Face's _get_cosine_schedule_with_warmup_lr_lambda (min_lr_rate = eta_min/lr)
 * and _get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda, after the warm-up */
static void
ref_cosine_cycles (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1), steps = arg (args, "steps", 100);
  double cycles = arg (args, "cycles", 0.5), eta = arg (args, "eta_min", 0);
  gboolean restarts = arg (args, "restarts", 0) != 0;
  double rate = eta / lr, shift = arg (args, "shift", 0);

  for (int e = 0; e < n; e++)
    {
      double progress = (e + shift) / steps, factor;

      if (restarts)
        factor = progress >= 1.0 ? 0.0 : 0.5 * (1.0 + cos (G_PI * fmod (cycles * progress, 1.0)));
      else
        factor = 0.5 * (1.0 + cos (G_PI * cycles * 2.0 * progress));
      out[e] = lr * (factor * (1 - rate) + rate);
    }
}

/* timm's k-decay, t_curr ** k / t_i ** k. Where t_i^k is past the doubles (timm's
 * Python raises OverflowError there: k = 1000 overflows from t_i = 2.1) the same
 * quotient in long double, whose exponent reaches 10^4932: the value it means. */
static double
k_decay (double t_cur, double t_i, double k)
{
  if (isfinite (pow (t_i, k)))
    return pow (t_cur, k) / pow (t_i, k);
  g_assert_true (isfinite (powl (t_i, k)));
  return (double) (powl (t_cur, k) / powl (t_i, k));
}

/* timm's CosineLRScheduler / PolyLRScheduler / TanhLRScheduler._get_lr; with
 * damp=range, Keras' CosineDecayRestarts (its own cycle arithmetic) */
static double
restarts_at (const char *args, double t)
{
  double lr = arg (args, "lr", 0.1), t0 = arg (args, "t_0", 10), m = arg (args, "t_mul", 1);
  double eta = arg (args, "eta_min", 0), decay = arg (args, "decay", 1), k = arg (args, "k", 1);
  double limit = arg (args, "cycle_limit", 0), power = arg (args, "power", 1);
  double lb = arg (args, "lb", -7), ub = arg (args, "ub", 3);
  const char *shape = word (args, "shape", "cos");
  gboolean keras = strstr (args, "damp=range") != NULL;
  double i, t_i, t_cur, top;

  if (keras)
    {
      double fraction = t / t0;

      if (m == 1)
        {
          i = floor (fraction);
          fraction -= i;
        }
      else
        {
          i = floor (log (1.0 - fraction * (1.0 - m)) / log (m));
          fraction = (fraction - (1.0 - pow (m, i)) / (1.0 - m)) / pow (m, i);
        }
      return lr * ((1 - eta / lr) * (0.5 * pow (decay, i) * (1.0 + cos (G_PI * fraction))) + eta / lr);
    }
  if (m != 1)
    {
      i = floor (log (1 - t / t0 * (1 - m)) / log (m));
      t_i = pow (m, i) * t0;
      t_cur = t - (1 - pow (m, i)) / (1 - m) * t0;
    }
  else
    {
      i = floor (t / t0);
      t_i = t0;
      t_cur = t - t0 * i;
    }
  if (limit > 0 && i >= limit)
    return eta;
  top = lr * pow (decay, i);
  if (g_str_has_prefix (shape, "poly"))
    return eta + (top - eta) * pow (1 - k_decay (t_cur, t_i, k), power);
  if (g_str_has_prefix (shape, "tanh"))
    return eta + 0.5 * (top - eta) * (1 - tanh (lb * (1. - t_cur / t_i) + ub * (t_cur / t_i)));
  return eta + 0.5 * (top - eta) * (1 + cos (G_PI * k_decay (t_cur, t_i, k)));
}

static void
ref_restarts (const char *args, double *out, int n)
{
  double w = arg (args, "warmup", 0), init = arg (args, "warmup_lr", 0);
  gboolean prefix = arg (args, "warmup_prefix", 0) != 0;
  gboolean tanh_shape = g_str_has_prefix (word (args, "shape", "cos"), "tanh");
  double target = tanh_shape && !prefix ? restarts_at (args, w) : arg (args, "lr", 0.1);

  for (int e = 0; e < n; e++)
    out[e] = e < w ? init + e * ((target - init) / w) : restarts_at (args, prefix ? e - w : e);
}

/* Keras' InverseTimeDecay.__call__ */
static void
ref_inverse_time (const char *args, double *out, int n)
{
  double lr = arg (args, "lr", 0.1), rate = arg (args, "decay_rate", 0.5);
  double steps = arg (args, "decay_steps", 1);
  gboolean staircase = arg (args, "staircase", 0) != 0;

  for (int e = 0; e < n; e++)
    out[e] = lr / (1 + rate * (staircase ? floor (e / steps) : e / steps));
}

typedef struct
{
  const char *spec;
  Reference   reference;
  int         epochs;
} ReferenceCase;

static const ReferenceCase reference_cases[] = {
  { "constant()", ref_constant, 60 },
  { "constant(lr=3.5e-4)", ref_constant, 60 },
  { "hold-decay()", ref_hold_decay, 200 },
  { "hold-decay(lr=0.5, hold=0, rate=0.02)", ref_hold_decay, EPOCHS },
  { "hold-decay(lr=1e-3, hold=37, rate=1)", ref_hold_decay, 120 },
  { "cosine-wave()", ref_cosine_wave, EPOCHS },
  { "cosine-wave(lr_start=0.02, lr_end=0.5, period=7)", ref_cosine_wave, EPOCHS },
  { "cosine-wave(period=1)", ref_cosine_wave, 30 },
  { "cosine-wave(period=2, lr_end=0)", ref_cosine_wave, 30 },
  { "exp-cycles()", ref_exp_cycles, EPOCHS },
  { "exp-cycles(a=0.5, epochs=100, cycles=7)", ref_exp_cycles, EPOCHS },
  { "exp-cycles(a=50, lr_end=1e-5)", ref_exp_cycles, EPOCHS },
  { "exp-cycles(epochs=10, cycles=10)", ref_exp_cycles, 40 },
  { "exp-cycles(epochs=23, cycles=4, a=2)", ref_exp_cycles, EPOCHS },
  { "damped-cosine-wave()", ref_damped_cosine_wave, EPOCHS },
  { "damped-cosine-wave(period=2)", ref_damped_cosine_wave, 60 },
  { "damped-cosine-wave(lr_start=1, lr_end=0.2, period=13, keep=1/2, end_ratio=1/4)",
    ref_damped_cosine_wave, EPOCHS },
  { "damped-cosine-wave(keep=1, end_ratio=0)", ref_damped_cosine_wave, 100 },
  { "damped-exp-cycles()", ref_damped_exp_cycles, EPOCHS },
  { "damped-exp-cycles(a=4, epochs=60, cycles=6, keep=0.8, end_ratio=0.1, lr_end=0.01)",
    ref_damped_exp_cycles, EPOCHS },
  { "damped-exp-cycles(epochs=5, cycles=5)", ref_damped_exp_cycles, 60 },
  { "step()", ref_step, EPOCHS },
  { "step(lr=1, step_size=3, gamma=0.7)", ref_step, EPOCHS },
  { "multistep()", ref_multistep, 150 },
  { "exponential()", ref_exponential, EPOCHS },
  { "exponential(lr=2, gamma=0.99)", ref_exponential, EPOCHS },
  { "linear()", ref_linear, 30 },
  { "linear(lr=0.1, start_factor=0.01, total_iters=20)", ref_linear, 60 },
  { "linear(lr=0.4, start_factor=1, end_factor=0.1, total_iters=9)", ref_linear, 60 },
  { "poly()", ref_poly, 30 },
  { "poly(lr=0.2, total_iters=40, power=2)", ref_poly, 80 },
  { "poly(total_iters=33, power=0.5)", ref_poly, 80 },
  { "cosine()", ref_cosine, 200 },
  { "cosine(lr=0.1, t_max=20, eta_min=0.001)", ref_cosine, 200 },
  { "cosine(lr=0.05, t_max=7, eta_min=0.01)", ref_cosine, 120 },
  { "sgdr()", ref_sgdr, EPOCHS },
  { "sgdr(lr=0.1, t_0=10, t_mult=2, eta_min=0.0001)", ref_sgdr, EPOCHS },
  { "sgdr(lr=0.2, t_0=3, t_mult=3, eta_min=0.001, decay=0.8)", ref_sgdr, EPOCHS },
  { "sgdr(t_0=1)", ref_sgdr, 20 },
  { "sgdr(t_0=7, decay=0.5)", ref_sgdr, EPOCHS },
  { "onecycle()", ref_onecycle, 100 },
  { "onecycle(max_lr=1, total_steps=250, pct_start=0.25, anneal=linear)", ref_onecycle, 250 },
  { "onecycle(max_lr=0.3, total_steps=90, three_phase=true)", ref_onecycle, 90 },
  { "onecycle(total_steps=37, pct_start=0.5, div_factor=10, final_div_factor=100)",
    ref_onecycle, 37 },
  { "cyclic(base_lr=0.001, max_lr=0.1, step_size_up=5, mode=triangular2)", ref_cyclic, 60 },
  { "cyclic(step_size_up=4, step_size_down=9)", ref_cyclic, EPOCHS },
  { "cyclic(step_size_up=3)", ref_cyclic, 100 },
  { "cyclic(step_size_up=10, mode=exp_range, gamma=0.99)", ref_cyclic, EPOCHS },
  { "cyclic(base_lr=0.2, max_lr=0.01, step_size_up=6, step_size_down=2)", ref_cyclic, 100 },
  { "wsd()", ref_wsd, 80 },
  { "wsd(lr=1, warmup=10, stable=0, decay=40, warmup_shape=cosine, decay_shape=cosine)", ref_wsd, 70 },
  { "wsd(warmup=7, stable=3, decay=9, warmup_shape=sqrt, decay_shape=sqrt, min_lr_ratio=0.1)",
    ref_wsd, 40 },
  { "wsd(warmup=0, stable=0, decay=20)", ref_wsd, 30 },
  { "inverse-sqrt()", ref_inverse_sqrt, EPOCHS },
  { "inverse-sqrt(lr=0.5, warmup=4000)", ref_inverse_sqrt, EPOCHS },
  { "inverse-sqrt(warmup=0)", ref_inverse_sqrt, EPOCHS },
  { "inverse-sqrt(warmup=20, timescale=5)", ref_inverse_sqrt, EPOCHS },
  { "wsd(warmup=3, stable=2, decay=30, decay_shape=cosine, cycles=0.3, min_lr_ratio=0.2)",
    ref_wsd, 50 },
  { "exponential(lr=0.01, gamma=0.9, decay_steps=25)", ref_exponential_steps, EPOCHS },
  { "exponential(lr=0.01, gamma=0.5, decay_steps=7, staircase=true, end=0.001)",
    ref_exponential_steps, EPOCHS },
  { "poly(lr=0.1, total_iters=9, power=2, end=0.001, cycle=true)", ref_poly_keras, 100 },
  { "poly(lr=0.1, total_iters=1, power=0.5, cycle=true)", ref_poly_keras, 20 },
  { "cosine(lr=0.1, t_max=30, eta_min=0.01, exponent=2.5)", ref_cosine_exponent, 150 },
  { "ramp()", ref_ramp, 20 },
  { "ramp(from=0.3, to=0.001, steps=17, shape=cos)", ref_ramp, 40 },
  { "ramp(from=1e-6, to=0.3, steps=1)", ref_ramp, 5 },
  { "ramp(from=0.0003, to=0, steps=37, anchor=to)", ref_ramp, 50 },
  { "ramp(from=0.5, to=0.01, steps=13, anchor=to)", ref_ramp, 20 },
  { "cosine-cycles()", ref_cosine_cycles, EPOCHS },
  { "cosine-cycles(lr=0.3, steps=70, cycles=1.75, eta_min=0.03)", ref_cosine_cycles, EPOCHS },
  { "cosine-cycles(lr=0.3, steps=100, cycles=3, restarts=true)", ref_cosine_cycles, 150 },
  { "cosine-cycles(lr=0.3, steps=91, cycles=7, restarts=true)", ref_cosine_cycles, 150 },
  { "cosine-cycles(lr=0.3, steps=40, cycles=0.5, eta_min=0.03, shift=1)", ref_cosine_cycles, 90 },
  { "restarts()", ref_restarts, EPOCHS },
  { "restarts(lr=0.01, t_0=50, eta_min=1e-5, warmup=5, warmup_lr=1e-6, cycle_limit=2)",
    ref_restarts, 120 },
  { "restarts(t_0=7, t_mul=1.5, decay=0.7, k=2, warmup=4, warmup_prefix=true)", ref_restarts,
    EPOCHS },
  { "restarts(t_0=5, t_mul=2.5, shape=poly, power=0.5, eta_min=0.01, cycle_limit=4)",
    ref_restarts, EPOCHS },
  { "restarts(t_0=20, shape=tanh, lb=-6, ub=4, warmup=8, warmup_lr=0.001)", ref_restarts, EPOCHS },
  { "restarts(lr=0.1, t_0=10, t_mul=2, decay=0.5, eta_min=0.01, damp=range)", ref_restarts,
    EPOCHS },
  { "restarts(lr=0.1, t_0=9, t_mul=3, damp=range)", ref_restarts, EPOCHS },
  /* k where t_i^k (or π·t_cur^k) overflows a double, where timm's formula gave NaN
   * (and a false 0 for t_cur^k/t_i^k): short cycles, and long ones where
   * (t_cur/t_i)^k is far from 0 at their end */
  { "restarts(k=330)", ref_restarts, EPOCHS },
  { "restarts(k=1000, t_0=30, eta_min=0.001, decay=0.8)", ref_restarts, EPOCHS },
  { "restarts(k=500, shape=poly, power=2)", ref_restarts, EPOCHS },
  { "restarts(k=1000, shape=tanh, warmup=4)", ref_restarts, EPOCHS },
  { "restarts(k=330, t_0=1000, eta_min=0.01)", ref_restarts, 2100 },
  { "restarts(k=102.7, t_0=1000)", ref_restarts, 2100 },
  { "restarts(k=1000, t_0=2000, shape=poly, power=2, decay=0.5)", ref_restarts, 4100 },
  { "restarts(k=500, t_0=1500, shape=poly, power=0.5, cycle_limit=2)", ref_restarts, 3100 },
  { "restarts(k=400, t_0=200, t_mul=2.5, warmup=3, warmup_prefix=true)", ref_restarts, 3000 },
  { "restarts(k=1000, t_0=300, t_mul=1.7, shape=poly, eta_min=0.01)", ref_restarts, 3000 },
  { "inverse-time()", ref_inverse_time, EPOCHS },
  { "inverse-time(lr=0.2, decay_rate=3, decay_steps=13, staircase=true)", ref_inverse_time,
    EPOCHS },
};

static void
check_reference (const char *spec,
                 const char *args,
                 Reference   reference,
                 int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (spec, NULL, &error);
  g_autofree double *want = g_new0 (double, n);
  double scale = 0;

  g_assert_no_error (error);
  reference (args, want, n);
  for (int e = 0; e < n; e++)
    scale = MAX (scale, fabs (want[e]));

  for (int e = 0; e < n; e++)
    {
      double got = anneal_schedule_value (schedule, e);

      /* (written so that a NaN fails) */
      if (!(fabs (got - want[e]) <= 1e-12 * fabs (want[e]) + 1e-15 * scale))
        g_error ("%s at epoch %d: got %.17g, reference %.17g", spec, e, got, want[e]);
    }
}

static void
test_reference (gconstpointer data)
{
  const ReferenceCase *c = data;

  check_reference (c->spec, c->spec, c->reference, c->epochs);
}

static void
test_multistep_unsorted (void)
{
  /* PyTorch sorts its milestones; so does Anneal, and the reference agrees. */
  check_reference ("multistep(lr=0.3, milestones=[17, 5], gamma=0.5)",
                   "lr=0.3, gamma=0.5, m1=5, m2=17", ref_multistep, 60);
  check_reference ("multistep(lr=0.3, milestones=[5, 17], gamma=0.5)",
                   "lr=0.3, gamma=0.5, m1=5, m2=17", ref_multistep, 60);
}

static void
test_damped_closed_form_far (void)
{
  /* The closed form at epoch 10^12 agrees with S₁·g^(k) computed in long double. */
  g_autoptr(AnnealSchedule) s = anneal_schedule_parse ("damped-exp-cycles(keep=0.99999, end_ratio=0)",
                                                       NULL, NULL);
  gint64 t = G_GINT64_CONSTANT (1000000000000);
  long double s1 = 0.1L * 0.99999L;
  long double g = 0.99999L;
  long double expected = s1 * powl (g, (long double) (t / 5));  /* i = 0: w = 1 */
  double got = anneal_schedule_value (s, t);

  g_assert_cmpfloat (got, >=, 0);
  g_assert_cmpfloat (fabsl (got - expected), <=, 1e-9L * expected + 1e-300L);
}

static void
test_sgdr_far (void)
{
  /* t_mult = 2, t_0 = 10: cycle k starts at 10·(2^k − 1). */
  g_autoptr(AnnealSchedule) s = anneal_schedule_parse ("sgdr(t_0=10, t_mult=2)", NULL, NULL);
  gint64 start = 10 * ((G_GINT64_CONSTANT (1) << 40) - 1);

  g_assert_cmpfloat (anneal_schedule_value (s, start), ==, 0.1);
  g_assert_cmpfloat (anneal_schedule_value (s, start - 1), <, 1e-20);
  g_assert_cmpint (anneal_schedule_piece_end (s, start - 5), ==, start - 1);
}

static void
test_sgdr_huge_mult (void)
{
  /* Found by fuzz-spec: 99999^4 overflows 64 bits, but cycle 4 starts at
   * 1 + 99999 + 99999² + 99999³ = 999980000200000, which does not. */
  g_autoptr(AnnealSchedule) s = anneal_schedule_parse ("sgdr(t_0=1, t_mult=99999)", NULL, NULL);
  gint64 start4 = G_GINT64_CONSTANT (999980000200000);
  double lo, hi;

  g_assert_cmpfloat (anneal_schedule_value (s, start4), ==, 0.1);
  g_assert_cmpfloat (anneal_schedule_value (s, start4 - 1), <, 1e-9);
  g_assert_cmpint (anneal_schedule_piece_end (s, start4 - 7), ==, start4 - 1);
  g_assert_cmpint (anneal_schedule_piece_end (s, start4), ==, G_MAXINT64);
  /* Cycle 4 is 99999^4 ≈ 10^20 epochs long, more than 64 bits hold. */
  g_assert_cmpfloat_with_epsilon (anneal_schedule_value (s, start4 + G_GINT64_CONSTANT (1000000000000)),
                                  0.05 * (1 + cos (G_PI * 1e12 / pow (99999, 4))), 1e-17);
  anneal_schedule_range (s, start4 - 100, start4 + 100, &lo, &hi);
  g_assert_cmpfloat (hi, ==, 0.1);
  g_assert_cmpfloat (lo, ==, anneal_schedule_value (s, start4 - 1));
}

/* --- Exact values where rounding used to cancel or go below zero --- */

#define PI_L 3.141592653589793238462643383279503L

static const struct
{
  const char *spec;
  gint64      epoch;
  long double exact;  /* computed in long double from the formula */
} exact_cases[] = {
  /* Issue: (ef − sf)·t/total rounded below −sf: −1.39e-18, −1.1e-10, −6.94e-19. */
  { "linear(start_factor=0.1, end_factor=0, total_iters=3)", 3, 0 },
  { "linear(start_factor=0.1, end_factor=0, total_iters=3)", 1000, 0 },
  { "linear(lr=1e6, start_factor=0.8, end_factor=0, total_iters=3)", 3, 0 },
  { "linear(start_factor=0.05, end_factor=0, total_iters=3)", 3, 0 },
  { "linear(start_factor=0.05, end_factor=0, total_iters=3)", 2, 0.1L * (0.05L - 0.05L * 2 / 3) },
  { "linear(lr=0.3, start_factor=0.1, end_factor=0.7, total_iters=7)", 7, 0.3L * 0.7L },
  /* eta_min far above lr: the wave rises from exactly lr. */
  { "cosine(lr=1e-12, eta_min=1)", 0, 1e-12L },
  { "cosine(lr=1e-12, eta_min=1)", 50, 1 },
  { "cosine(lr=1e-12, eta_min=1)", 100, 1e-12L },
  { "cosine(lr=1e-12, eta_min=1)", 1, 1e-12L + (1 - 1e-12L) * (1 - cosl (PI_L / 50)) / 2 },
  { "cosine(lr=1e-12, eta_min=1)", 17, 1e-12L + (1 - 1e-12L) * (1 - cosl (PI_L * 17 / 50)) / 2 },
  { "cosine(lr=0.1, eta_min=1e-3)", 0, 0.1L },
  { "cosine-wave(lr_start=1e-12, lr_end=1)", 0, 1e-12L },
  { "cosine-wave(lr_start=1e-12, lr_end=1)", 9, 1 },
  { "exp-cycles(lr_start=1e-12, lr_end=1)", 5, 1e-12L },
  { "poly(lr=1e-12, end=1)", 5, 1 },
  /* One-cycle's warm-up from max_lr/div_factor, far below max_lr. */
  { "onecycle(max_lr=0.1, div_factor=1e12)", 0, 0.1L / 1e12L },
  { "onecycle(max_lr=0.1, div_factor=1e12)", 1,
    0.1L / 1e12L + (0.1L - 0.1L / 1e12L) * (1 - cosl (PI_L / 29)) / 2 },
  { "onecycle(max_lr=0.1, div_factor=1e12)", 29, 0.1L },
};

static void
test_exact (gconstpointer data)
{
  const typeof (exact_cases[0]) *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) s = anneal_schedule_parse (c->spec, NULL, &error);
  double got;

  g_assert_no_error (error);
  got = anneal_schedule_value (s, c->epoch);
  g_assert_cmpfloat (got, >=, 0);
  /* Within a few ulps: the cancellation gave 2e-5 relative. */
  if (fabsl (got - c->exact) > 1e-14L * fabsl (c->exact))
    g_error ("%s at %" G_GINT64_FORMAT ": %.17g, exact %.20Lg", c->spec, c->epoch, got, c->exact);
}

/* --- Every kind of the catalogue --- */

static gboolean
has_reference (const AnnealKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (reference_cases); i++)
    {
      const char *spec = reference_cases[i].spec;
      gsize n = strlen (anneal_kind_get_name (kind));

      if (strncmp (spec, anneal_kind_get_name (kind), n) == 0 && spec[n] == '(')
        return TRUE;
    }
  return FALSE;
}

static void
check_values (const AnnealSchedule *schedule,
              const char           *what)
{
  const gint64 n = 3000;
  g_autofree double *values = g_new (double, n);
  double lo = INFINITY, hi = -INFINITY, sum = 0, min, max;
  AnnealStats stats;

  anneal_schedule_fill (schedule, 0, n, values);
  for (gint64 t = 0; t < n; t++)
    {
      double v = anneal_schedule_value (schedule, t);

      if (!isfinite (v) || v < 0 || v != values[t])
        g_error ("%s at epoch %" G_GINT64_FORMAT ": value %.17g, fill %.17g",
                 what, t, v, values[t]);
      lo = MIN (lo, v);
      hi = MAX (hi, v);
      sum += v;
    }
  anneal_schedule_range (schedule, 0, n - 1, &min, &max);
  g_assert_cmpfloat (min, ==, lo);
  g_assert_cmpfloat (max, ==, hi);
  anneal_schedule_stats (schedule, 0, n - 1, &stats);
  g_assert_cmpfloat (stats.first, ==, values[0]);
  g_assert_cmpfloat (stats.last, ==, values[n - 1]);
  g_assert_cmpfloat (stats.min, ==, lo);
  g_assert_cmpfloat (stats.max, ==, hi);
  g_assert_cmpfloat_with_epsilon (stats.sum, sum, 1e-12 * sum + 1e-300);
}

static void
check_round_trip (const AnnealSchedule *schedule)
{
  g_autofree char *printed = anneal_schedule_to_string (schedule);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) reparsed = anneal_schedule_parse (printed, NULL, &error);
  g_autofree char *printed_again = NULL;

  g_assert_no_error (error);
  g_assert_true (anneal_schedule_equal (schedule, reparsed));
  printed_again = anneal_schedule_to_string (reparsed);
  g_assert_cmpstr (printed, ==, printed_again);
}

static void
test_catalogue_kind (gconstpointer data)
{
  const AnnealKind *kind = data;
  g_autoptr(AnnealSchedule) schedule = anneal_schedule_new_default (kind);
  g_autofree char *bare = g_strdup_printf ("%s()", anneal_kind_get_name (kind));
  g_autoptr(AnnealSchedule) parsed = NULL;
  g_autoptr(AnnealSchedule) twin = NULL;
  g_autoptr(AnnealSchedule) warm = NULL;
  g_autoptr(GError) error = NULL;
  const AnnealParam *peak = NULL;

  /* Described: name, summary, origin, every parameter with a summary and range. */
  g_assert_true (anneal_kind_lookup (anneal_kind_get_name (kind)) == kind);
  g_assert_cmpuint (strlen (anneal_kind_get_summary (kind)), >, 10);
  g_assert_nonnull (anneal_kind_get_origin (kind));
  g_assert_cmpuint (strlen (anneal_kind_get_origin (kind)), >, 0);
  g_assert_cmpuint (anneal_kind_get_n_params (kind), >, 0);
  for (guint j = 0; j < anneal_kind_get_n_params (kind); j++)
    {
      const AnnealParam *param = anneal_kind_get_param (kind, j);

      g_assert_nonnull (anneal_param_get_name (param));  /* no gap in the designated table */
      g_assert_nonnull (anneal_param_get_summary (param));
      if (anneal_param_get_flags (param) & ANNEAL_PARAM_FLAGS_PEAK)
        {
          g_assert_null (peak);
          g_assert_true (anneal_param_get_flags (param) & ANNEAL_PARAM_FLAGS_RATE);
          peak = param;
        }
    }
  if (peak == NULL)
    g_error ("%s has no parameter flagged ANNEAL_PARAM_FLAGS_PEAK", anneal_kind_get_name (kind));

  /* Its defaults are SPEC.md's, it has a reference test, and "NAME()" is the default. */
  check_spec_row (kind);
  if (!has_reference (kind))
    g_error ("%s has no reference case in reference_cases (tests/test-kinds.c)",
             anneal_kind_get_name (kind));
  parsed = anneal_schedule_parse (bare, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (anneal_schedule_equal (parsed, schedule));
  check_round_trip (schedule);

  /* Values finite and ≥ 0; fill, range and stats agree with value(). */
  check_values (schedule, bare);
  g_assert_cmpfloat (anneal_schedule_get_peak_rate (schedule), ==,
                     anneal_schedule_get_number (schedule, 0, anneal_param_get_name (peak)));

  /* The damped twin, if any, is another valid schedule that differs. */
  twin = anneal_schedule_damped_twin (schedule);
  if (twin != NULL)
    {
      g_autoptr(AnnealSchedule) twice = anneal_schedule_damped_twin (twin);

      g_assert_false (anneal_schedule_equal (twin, schedule));
      g_assert_null (twice);  /* damping is not applied twice */
      check_round_trip (twin);
      check_values (twin, "damped twin");
    }

  /* The warm-up climbs linearly from 1 % of the peak rate to it, then the
   * schedule follows, shifted by the warm-up. */
  warm = anneal_schedule_with_warmup (schedule, 5, 0.01, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (anneal_schedule_get_n_stages (warm), ==, 2);
  g_assert_cmpfloat_with_epsilon (anneal_schedule_value (warm, 0),
                                  0.01 * anneal_schedule_get_number (schedule, 0,
                                                                     anneal_param_get_name (peak)),
                                  1e-17);
  for (gint64 t = 0; t < 200; t++)
    g_assert_cmpfloat (anneal_schedule_value (warm, t + 5), ==,
                       anneal_schedule_value (schedule, t));
  check_round_trip (warm);
}

static void
test_damped_twins (void)
{
  static const struct
  {
    const char *spec;
    const char *twin;  /* NULL: none */
  } cases[] = {
    { "cosine-wave()", "damped-cosine-wave()" },
    { "cosine-wave(lr_start=0.5, period=20)", "damped-cosine-wave(lr_start=0.5, period=20)" },
    { "exp-cycles(a=5, lr_end=0.001)", "damped-exp-cycles(a=5)" },
    { "sgdr(t_0=7)", "sgdr(t_0=7, decay=0.5)" },
    { "sgdr(decay=0.9)", NULL },
    { "cyclic()", "cyclic(mode=triangular2)" },
    { "cyclic(mode=exp_range, gamma=0.99)", NULL },
    { "constant()", NULL },
    { "damped-cosine-wave()", NULL },
    { "linear(for=5) -> cosine-wave()", "linear(for=5) -> damped-cosine-wave()" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnealSchedule) s = anneal_schedule_parse (cases[i].spec, NULL, NULL);
      g_autoptr(AnnealSchedule) twin = anneal_schedule_damped_twin (s);

      g_assert_nonnull (s);
      if (cases[i].twin == NULL)
        g_assert_null (twin);
      else
        {
          g_autoptr(AnnealSchedule) want = anneal_schedule_parse (cases[i].twin, NULL, NULL);
          g_autofree char *got = twin ? anneal_schedule_to_string (twin) : NULL;
          g_autofree char *expected = anneal_schedule_to_string (want);

          g_assert_cmpstr (got, ==, expected);
        }
    }
}

static void
test_warmup_refused (void)
{
  g_autoptr(AnnealSchedule) s = anneal_schedule_parse ("cosine()", NULL, NULL);
  g_autoptr(AnnealSchedule) warm = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  warm = anneal_schedule_with_warmup (s, 0, 0.01, &error);
  g_assert_null (warm);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_RANGE);
  g_clear_error (&error);
  warm = anneal_schedule_with_warmup (s, 3, 2, &error);
  g_assert_null (warm);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_RANGE);
  g_clear_error (&error);
  warm = anneal_schedule_with_warmup (s, 3, 0.5, &error);
  g_assert_no_error (error);
  text = anneal_schedule_to_string (warm);
  g_assert_cmpstr (text, ==, "linear(start_factor=0.5, total_iters=3, for=3) -> cosine()");
}

/* poly computes end + (lr − end)·x^power as Keras' PolynomialDecay and optax's
 * polynomial_schedule do, to the bit, for an end above lr (a rise) too, with and
 * without cycle. */
static void
test_poly_library_bits (void)
{
  static const char * const specs[] = {
    "poly(lr=1e-12, end=1)", "poly(lr=0, end=0.001, total_iters=997)",
    "poly(lr=0.001, end=0, total_iters=100000, power=1)",
    "poly(lr=0.3, end=0.7, total_iters=13, power=0.5, cycle=true)",
    "poly(lr=0.1, end=0.001, total_iters=9, power=2, cycle=true)",
    "poly(lr=123.456, end=7e-9, total_iters=33, power=7.25)",
  };
  double ref[4000];

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (specs[i], NULL, &error);

      g_assert_no_error (error);
      ref_poly_keras (specs[i], ref, G_N_ELEMENTS (ref));
      for (gint64 t = 0; t < (gint64) G_N_ELEMENTS (ref); t++)
        if (anneal_schedule_value (schedule, t) != ref[t])
          g_error ("%s at %" G_GINT64_FORMAT ": %.17g, Keras and optax %.17g", specs[i], t,
                   anneal_schedule_value (schedule, t), ref[t]);
    }
}

/* PyTorch's cosine past a huge t_max: one value runs a bounded recursion (3·10^9
 * steps for t_max = 10^10, 41 s for a crosshair's readout; none ended for 4·10^14),
 * and stays within 1e-9 of the closed form. */
static void
test_cosine_torch_huge_t_max (void)
{
  static const struct { const char *spec; gint64 t; } cases[] = {
    { "cosine(lr=1e3, t_max=10000000017, eta_min=0.1)", G_GINT64_CONSTANT (15000000000) },
    { "cosine(lr=10, t_max=751041800, eta_min=0.001)", 900000000 },
    { "cosine(lr=0.1, t_max=400000000000000, eta_min=0.001)",
      G_GINT64_CONSTANT (900000000000000) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (cases[i].spec, NULL, NULL);
      double lr = anneal_schedule_get_number (schedule, 0, "lr");
      double eta = anneal_schedule_get_number (schedule, 0, "eta_min");
      double t_max = anneal_schedule_get_number (schedule, 0, "t_max");
      double v = anneal_schedule_value (schedule, cases[i].t);
      double phase = fmod ((double) cases[i].t, 2 * t_max) / t_max;
      double closed = eta + (lr - eta) * (1 + cos (G_PI * phase)) / 2;

      g_assert_true (isfinite (v));
      g_assert_cmpfloat (fabs (v - closed), <=, 1e-6 * lr);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anneal/kinds/catalogue-matches-spec", test_catalogue_spec);
  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);
      g_autofree char *path = g_strdup_printf ("/anneal/kinds/catalogue/%s",
                                               anneal_kind_get_name (kind));

      g_test_add_data_func (path, kind, test_catalogue_kind);
    }
  for (guint i = 0; i < G_N_ELEMENTS (exact_cases); i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (exact_cases[i].spec), "/", ':');
      g_autofree char *path = g_strdup_printf ("/anneal/kinds/exact/%s@%" G_GINT64_FORMAT, name,
                                               exact_cases[i].epoch);

      g_test_add_data_func (path, &exact_cases[i], test_exact);
    }
  g_test_add_func ("/anneal/kinds/damped-twins", test_damped_twins);
  g_test_add_func ("/anneal/kinds/warmup-refused", test_warmup_refused);
  g_test_add_func ("/anneal/kinds/descriptions", test_catalogue_descriptions);
  g_test_add_func ("/anneal/kinds/describe-range", test_describe_range);
  for (guint i = 0; i < G_N_ELEMENTS (reference_cases); i++)
    {
      g_autofree char *path = NULL;
      g_autofree char *name = NULL;

      name = g_strdelimit (g_strdup (reference_cases[i].spec), "/", ':');
      path = g_strdup_printf ("/anneal/kinds/reference/%s", name);
      g_test_add_data_func (path, &reference_cases[i], test_reference);
    }
  g_test_add_func ("/anneal/kinds/multistep-unsorted", test_multistep_unsorted);
  g_test_add_func ("/anneal/kinds/poly-library-bits", test_poly_library_bits);
  g_test_add_func ("/anneal/kinds/cosine-torch-huge-t-max", test_cosine_torch_huge_t_max);
  g_test_add_func ("/anneal/kinds/damped-closed-form-far", test_damped_closed_form_far);
  g_test_add_func ("/anneal/kinds/sgdr-far", test_sgdr_far);
  g_test_add_func ("/anneal/kinds/sgdr-huge-mult", test_sgdr_huge_mult);

  return g_test_run ();
}
