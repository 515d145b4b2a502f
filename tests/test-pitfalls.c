/* test-pitfalls.c — anneal_schedule_find_pitfalls: each pitfall where it is clear-cut,
 * silence where a schedule is sound (the notebook's figures, the golden curves)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <anneal.h>
#include <math.h>
#include <string.h>

/* What a run finds, as "stage:id" joined by spaces, in the order found. */
static char *
found_ids (const char *spec,
           gint64      n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (spec, NULL, &error);
  g_autoptr(GPtrArray) pitfalls = NULL;
  g_autoptr(GString) s = g_string_new (NULL);

  g_assert_no_error (error);
  pitfalls = anneal_schedule_find_pitfalls (schedule, n);
  for (guint i = 0; i < pitfalls->len; i++)
    {
      const AnnealPitfall *p = g_ptr_array_index (pitfalls, i);

      g_assert_nonnull (anneal_pitfall_get_explanation (p));
      g_assert_cmpuint (strlen (anneal_pitfall_get_explanation (p)), >, 10);
      if (s->len > 0)
        g_string_append_c (s, ' ');
      g_string_append_printf (s, "%u:%s", anneal_pitfall_get_stage (p),
                              anneal_pitfall_id_to_string (anneal_pitfall_get_id (p)));
    }
  return g_string_free (g_steal_pointer (&s), FALSE);
}

typedef struct
{
  const char *spec;
  gint64      n;
  const char *expected;  /* "stage:id …", "" for none */
} Case;

static const Case cases[] = {
  /* past-horizon */
  { "cosine(lr=0.1, t_max=20, eta_min=0.001)", 50, "0:past-horizon" },
  { "cosine(t_max=20, eta_min=0.001)", 21, "" },         /* epoch 20 is t_max itself */
  { "cosine(t_max=20, eta_min=0.001)", 22, "0:past-horizon" },
  { "onecycle(total_steps=100)", 120, "0:past-horizon" },
  { "onecycle(total_steps=100)", 100, "" },
  { "cosine-cycles(steps=40, eta_min=0.001)", 60, "0:past-horizon" },
  /* a shift past steps: the whole stage lies past the end */
  { "cosine-cycles(steps=40, eta_min=0.001, shift=50)", 20, "0:past-horizon" },
  { "cosine-cycles(steps=40, eta_min=0.001, shift=40)", 2, "0:past-horizon" },
  { "cosine-cycles(steps=40, eta_min=0.001, shift=39)", 3, "0:past-horizon" },
  { "cosine-cycles(steps=40, eta_min=0.001, shift=39)", 2, "" },  /* epoch 1 is steps */
  /* ends-mid-cycle */
  { "sgdr(lr=0.1, t_0=10, t_mult=2, eta_min=0.0001)", 75, "0:ends-mid-cycle" },
  { "sgdr(t_0=10, eta_min=0.001)", 52, "0:ends-mid-cycle" },
  { "sgdr(t_0=10, eta_min=0.001)", 50, "" },
  { "sgdr(t_0=10, eta_min=0.001)", 58, "" },             /* second half of the cycle */
  { "sgdr(t_0=100, eta_min=0.001)", 30, "" },            /* no restart yet */
  { "exp-cycles()", 52, "0:ends-mid-cycle" },
  { "damped-exp-cycles()", 51, "0:ends-mid-cycle" },
  { "cosine-wave()", 20, "0:ends-mid-cycle" },
  { "damped-cosine-wave()", 40, "0:ends-mid-cycle" },
  { "cyclic(step_size_up=10)", 45, "0:ends-mid-cycle" },
  { "cyclic(step_size_up=10)", 40, "" },
  { "restarts(t_0=10, eta_min=0.001)", 33, "0:ends-mid-cycle" },
  { "cosine-cycles(steps=100, cycles=4, restarts=true, eta_min=0.001)", 52, "0:ends-mid-cycle" },
  /* Hugging Face's cosine without restarts, two waves in 100 epochs: crests at 0, 50,
   * 100, troughs at 25, 75; the fall after the crest at 50 is 50 … 74 */
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 60, "0:ends-mid-cycle" },
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 51, "0:ends-mid-cycle" },  /* crest */
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 50, "" },    /* the rise before it */
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 75, "0:ends-mid-cycle" },
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 76, "" },    /* the trough, 75 */
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 30, "" },    /* the first fall */
  { "cosine-cycles(steps=100, cycles=1, eta_min=0.001)", 100, "" },
  { "cosine-cycles(steps=100, cycles=1, eta_min=0.001)", 101, "0:ends-mid-cycle" },
  { "cosine-cycles(steps=100, cycles=0.75, eta_min=0.001)", 100, "" },  /* no second crest */
  { "cosine-cycles(steps=40, cycles=2.5, eta_min=0.001)", 40, "0:ends-mid-cycle" },
  /* shift = 1: the crest at 50 comes at epoch 49 */
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001, shift=1)", 50, "0:ends-mid-cycle" },
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001, shift=1)", 75, "" },
  /* in a sequence: only where the run ends */
  { "ramp(from=0.01, to=0.1, steps=10, for=10) -> "
    "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 70, "1:ends-mid-cycle" },
  { "ramp(from=0.01, to=0.1, steps=10, for=10) -> "
    "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 60, "" },
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001, for=60) -> constant()", 100, "" },
  /* half-waves shorter than an epoch alias: no crest to stop after */
  { "cosine-cycles(steps=5, cycles=3, eta_min=0.001)", 5, "" },
  /* past the end of steps both apply: the wave goes on, and stops after a crest */
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 110,
    "0:past-horizon 0:ends-mid-cycle" },
  { "cosine-cycles(steps=40, eta_min=0.001)", 90, "0:past-horizon 0:ends-mid-cycle" },
  { "cosine-cycles(steps=40, eta_min=0.001)", 80, "0:past-horizon" },
  /* zero-rate */
  { "ramp(from=0, to=0.1, steps=5, for=5) -> cosine(t_max=45, eta_min=0.001)", 50, "0:zero-rate" },
  { "inverse-sqrt()", 50, "0:zero-rate" },
  { "cosine(t_max=30)", 40, "0:past-horizon 0:zero-rate" },
  { "cosine(t_max=30)", 31, "" },                         /* 0 at the last epoch only */
  { "poly(total_iters=20)", 30, "0:zero-rate" },
  { "linear(end_factor=0, total_iters=10)", 30, "0:zero-rate" },
  { "constant(lr=0.1, for=10) -> constant(lr=0)", 30, "1:zero-rate" },
  /* never-peaks */
  { "cyclic()", 50, "0:never-peaks" },
  { "onecycle(total_steps=1000)", 50, "0:never-peaks" },
  { "wsd(warmup=60, stable=10, decay=10, min_lr_ratio=0.01)", 50, "0:never-peaks" },
  { "ramp(from=0.001, to=0.1, steps=80)", 50, "0:never-peaks" },
  { "linear(start_factor=0.01, total_iters=80)", 50, "0:never-peaks" },
  { "linear(start_factor=0.01, total_iters=20, for=5) -> cosine(t_max=45)", 50, "0:never-peaks" },
  /* the SequentialLR warm-up hands over at its peak: sound */
  { "linear(lr=0.1, start_factor=0.01, total_iters=5, for=5) -> cosine(lr=0.1, t_max=45)",
    50, "" },
  /* unreached-milestone */
  { "multistep(milestones=[30, 80])", 50, "0:unreached-milestone" },
  { "multistep(milestones=[10, 20])", 50, "" },
  { "step(step_size=50)", 50, "0:unreached-milestone" },
  { "step(step_size=49)", 50, "" },
  { "hold-decay(hold=60)", 50, "0:unreached-milestone" },
  { "constant(for=30) -> cosine(t_max=20, eta_min=0.001)", 30, "1:unreached-milestone" },
  { "constant(for=20) -> constant(for=20) -> cosine(t_max=20, eta_min=0.001)", 30,
    "2:unreached-milestone" },
  { "constant(for=20) -> constant(for=20) -> cosine(t_max=20, eta_min=0.001)", 10,
    "1:unreached-milestone 2:unreached-milestone" },
  { "step(step_size=20, for=10) -> constant()", 50, "0:unreached-milestone" },
  /* several at once, sorted by stage then id */
  { "cyclic(base_lr=0, for=20) -> cosine()", 20,
    "0:zero-rate 0:never-peaks 1:unreached-milestone" },
  /* sound: the notebook's five at their defaults, standard defaults that fit 50 */
  { "hold-decay()", 50, "" },
  { "cosine-wave()", 50, "" },
  { "exp-cycles()", 50, "" },
  { "damped-cosine-wave()", 50, "" },
  { "damped-exp-cycles()", 50, "" },
  { "constant()", 50, "" },
  { "step()", 50, "" },
  { "exponential()", 50, "" },
  { "linear()", 50, "" },
  { "cosine()", 50, "" },
  { "sgdr()", 50, "" },
  { "onecycle()", 100, "" },
  { "cosine-cycles()", 50, "" },
  { "restarts()", 50, "" },
  { "inverse-time()", 50, "" },
  /* a run of 10^15 epochs is answered as fast as one of 50 */
  { "sgdr(t_0=10, eta_min=0.001)", G_GINT64_CONSTANT (999999999999992), "0:ends-mid-cycle" },
  { "cosine-wave()", G_GINT64_CONSTANT (1000000000000000), "" },
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", G_GINT64_CONSTANT (999999999999970),
    "0:past-horizon 0:ends-mid-cycle" },
  { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", G_GINT64_CONSTANT (1000000000000000),
    "0:past-horizon" },
};

/* A fix never asks for more than ANNEAL_EPOCH_MAX epochs: the nearer end of a cycle
 * past it gives way to the one before. */
static void
test_fix_within_limit (void)
{
  g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse ("cyclic(step_size_up=3)", NULL, NULL);
  g_autoptr(GPtrArray) pitfalls = anneal_schedule_find_pitfalls (schedule, ANNEAL_EPOCH_MAX);

  g_assert_cmpuint (pitfalls->len, ==, 1);
  g_assert_cmpint (anneal_pitfall_get_fix_epochs (g_ptr_array_index (pitfalls, 0)), ==,
                   G_GINT64_CONSTANT (999999999999996));
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *found = found_ids (c->spec, c->n);

  g_test_message ("%s over %" G_GINT64_FORMAT " epochs", c->spec, c->n);
  g_assert_cmpstr (found, ==, c->expected);
}

/* The golden curves are sound, but two of them show on purpose what the pitfalls
 * are about: torch-cosine runs 30 epochs past t_max = 20 (PyTorch's rise) and
 * torch-sgdr stops 10 epochs into its 80-epoch fourth cycle. */
static void
test_golden_cases (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cases.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *found = NULL;
      const char *expected = "";

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 4);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      found = found_ids (fields[3], g_ascii_strtoll (fields[1], NULL, 10));
      if (strcmp (fields[0], "torch-cosine") == 0)
        expected = "0:past-horizon";
      else if (strcmp (fields[0], "torch-sgdr") == 0)
        expected = "0:ends-mid-cycle";
      g_test_message ("%s", fields[0]);
      g_assert_cmpstr (found, ==, expected);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 12);
}

/* The fixes do what they say: the suggested run length or parameter is silent. */
static void
test_fixes (void)
{
  static const struct { const char *spec; gint64 n; } broken[] = {
    { "sgdr(lr=0.1, t_0=10, t_mult=2, eta_min=0.0001)", 80 },
    { "sgdr(t_0=10, eta_min=0.001)", 52 },
    { "cyclic(step_size_up=10)", 45 },
    { "cosine-wave()", 20 },
    { "exp-cycles()", 52 },
    { "cosine(t_max=20, eta_min=0.001)", 50 },
    { "onecycle(total_steps=100)", 120 },
    { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 60 },
    { "cosine-cycles(steps=100, cycles=2, eta_min=0.001, shift=1)", 50 },
    { "ramp(from=0.01, to=0.1, steps=10, for=10) -> "
      "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 70 },
    { "cosine-cycles(steps=40, eta_min=0.001)", 60 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (broken[i].spec, NULL, NULL);
      g_autoptr(GPtrArray) pitfalls = anneal_schedule_find_pitfalls (schedule, broken[i].n);
      g_autoptr(AnnealSchedule) fixed = NULL;
      g_autoptr(GPtrArray) after = NULL;
      const AnnealPitfall *p;
      const char *param, *value = NULL;
      gint64 n;

      g_assert_cmpuint (pitfalls->len, ==, 1);
      p = g_ptr_array_index (pitfalls, 0);
      n = anneal_pitfall_get_fix_epochs (p);
      param = anneal_pitfall_get_fix_param (p, &value);
      if (n > 0)
        {
          g_assert_null (param);
          g_assert_nonnull (strstr (anneal_pitfall_get_explanation (p), "N = "));
          fixed = anneal_schedule_ref (schedule);
        }
      else
        {
          g_autoptr(GError) error = NULL;

          g_assert_nonnull (param);
          fixed = anneal_schedule_with_param (schedule, anneal_pitfall_get_stage (p), param,
                                              value, &error);
          g_assert_no_error (error);
          n = broken[i].n;
        }
      after = anneal_schedule_find_pitfalls (fixed, n);
      g_assert_cmpuint (after->len, ==, 0);
    }
}

/* cosine-cycles without restarts: N = the nearer trough + 1, counted from the wave's
 * phase (shift, eta_min, a stage that starts later); none when both lie outside. */
static void
test_wave_fixes (void)
{
  static const struct { const char *spec; gint64 n, fix; } runs[] = {
    { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 60, 76 },
    { "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 51, 26 },   /* a tie: the one before */
    { "cosine-cycles(steps=100, cycles=2, eta_min=0.01)", 52, 76 },
    { "cosine-cycles(steps=100, cycles=2, eta_min=0.001, shift=1)", 50, 25 },
    { "cosine-cycles(steps=100, cycles=2, eta_min=0.001, shift=1)", 51, 75 },
    { "cosine-cycles(steps=30, cycles=2, eta_min=0.001)", 20, 24 },  /* trough 22.5: 23 rises */
    { "cosine-cycles(steps=40, eta_min=0.001)", 90, 121 },            /* past steps */
    { "ramp(from=0.01, to=0.1, steps=10, for=10) -> "
      "cosine-cycles(steps=100, cycles=2, eta_min=0.001)", 70, 86 },
    { "constant(for=7) -> cosine-cycles(steps=100, cycles=2, eta_min=0.001, shift=1)", 57, 32 },
    /* the trough before lies before the stage, the one after past 10^15 epochs */
    { "cosine-cycles(steps=1000000000000000, cycles=0.7, eta_min=0.001, "
      "shift=1000000000000000)", G_GINT64_CONSTANT (1000000000000000), 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (runs[i].spec, NULL, NULL);
      g_autoptr(GPtrArray) pitfalls = anneal_schedule_find_pitfalls (schedule, runs[i].n);
      const AnnealPitfall *found = NULL;

      g_test_message ("%s over %" G_GINT64_FORMAT " epochs", runs[i].spec, runs[i].n);
      for (guint k = 0; k < pitfalls->len; k++)
        if (anneal_pitfall_get_id (g_ptr_array_index (pitfalls, k)) ==
            ANNEAL_PITFALL_ENDS_MID_CYCLE)
          found = g_ptr_array_index (pitfalls, k);
      g_assert_nonnull (found);
      if (found == NULL)
        continue;
      g_assert_cmpint (anneal_pitfall_get_fix_epochs (found), ==, runs[i].fix);
      g_assert_null (anneal_pitfall_get_fix_param (found, NULL));
      if (runs[i].fix == 0)
        g_assert_null (strstr (anneal_pitfall_get_explanation (found), "N = "));
    }
}

/* past-horizon's fix is a value the parameter may hold: none past 10^15. */
static void
test_horizon_fix_within_limit (void)
{
  g_autoptr(AnnealSchedule) schedule =
    anneal_schedule_parse ("cosine-cycles(steps=1000000000000000, eta_min=0.001, "
                           "shift=999999999999990)", NULL, NULL);
  g_autoptr(GPtrArray) pitfalls = anneal_schedule_find_pitfalls (schedule, 30);
  const AnnealPitfall *p;

  g_assert_cmpuint (pitfalls->len, ==, 1);
  if (pitfalls->len != 1)
    return;
  p = g_ptr_array_index (pitfalls, 0);
  g_assert_cmpint (anneal_pitfall_get_id (p), ==, ANNEAL_PITFALL_PAST_HORIZON);
  g_assert_null (anneal_pitfall_get_fix_param (p, NULL));
  g_assert_cmpint (anneal_pitfall_get_fix_epochs (p), ==, 0);
  g_assert_null (strstr (anneal_pitfall_get_explanation (p), "set steps"));
}

/* zero-rate names the first epoch with a rate of exactly 0, found by brute force
 * here, however long the run (the search gallops from the stage's start). */
static void
test_zero_rate_first (void)
{
  static const struct { const char *spec; gint64 n; } zero_cases[] = {
    { "cosine-cycles()", G_GINT64_CONSTANT (1000000000000000) },
    { "linear(total_iters=5, for=5) -> cosine-cycles(steps=33, cycles=7.77)",
      G_GINT64_CONSTANT (1000000000000000) },
    { "poly(total_iters=123457)", G_GINT64_CONSTANT (1000000000000) },
    { "constant(lr=0.1, for=654321) -> constant(lr=0)", G_GINT64_CONSTANT (1000000000000000) },
    { "constant(lr=0.1, for=654321) -> constant(lr=0)", 654323 },
    { "cosine(t_max=777)", 5000 },
    { "ramp(from=0, steps=9)", 100 },
  };
  const gsize window = 1000000;
  g_autofree double *values = g_new (double, window);

  for (guint i = 0; i < G_N_ELEMENTS (zero_cases); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (zero_cases[i].spec, NULL, NULL);
      g_autoptr(GPtrArray) pitfalls = NULL;
      g_autofree char *expected = NULL;
      const AnnealPitfall *zero = NULL;
      gint64 first = -1;

      g_assert_nonnull (schedule);
      anneal_schedule_fill (schedule, 0, window, values);
      for (gsize t = 0; t < window && first < 0; t++)
        if (values[t] == 0)
          first = (gint64) t;
      g_assert_cmpint (first, >=, 0);
      g_assert_cmpint (first, <, zero_cases[i].n - 1);

      pitfalls = anneal_schedule_find_pitfalls (schedule, zero_cases[i].n);
      for (guint k = 0; k < pitfalls->len; k++)
        if (anneal_pitfall_get_id (g_ptr_array_index (pitfalls, k)) == ANNEAL_PITFALL_ZERO_RATE)
          zero = g_ptr_array_index (pitfalls, k);
      g_assert_nonnull (zero);
      expected = g_strdup_printf ("at epoch %" G_GINT64_FORMAT ",", first);
      if (strstr (anneal_pitfall_get_explanation (zero), expected) == NULL)
        g_error ("%s over %" G_GINT64_FORMAT " epochs: “%s”, the first 0 is at %" G_GINT64_FORMAT,
                 zero_cases[i].spec, zero_cases[i].n, anneal_pitfall_get_explanation (zero), first);
    }
}

static void
test_explanations (void)
{
  g_autoptr(AnnealSchedule) schedule =
    anneal_schedule_parse ("sgdr(lr=0.1, t_0=10, t_mult=2, eta_min=0.0001)", NULL, NULL);
  g_autoptr(GPtrArray) pitfalls = anneal_schedule_find_pitfalls (schedule, 80);
  g_autoptr(AnnealPitfall) copy = NULL;

  g_assert_cmpuint (pitfalls->len, ==, 1);
  copy = anneal_pitfall_copy (g_ptr_array_index (pitfalls, 0));
  g_assert_cmpint (anneal_pitfall_get_id (copy), ==, ANNEAL_PITFALL_ENDS_MID_CYCLE);
  g_assert_cmpint (anneal_pitfall_get_fix_epochs (copy), ==, 70);
  g_assert_cmpstr (anneal_pitfall_get_explanation (copy), ==,
                   "training stops at epoch 79, just after the restart at epoch 70, in the "
                   "first half of a cycle of 80 epochs, at a high rate; end training at the "
                   "end of a cycle: N = 70");
  g_assert_true (G_TYPE_IS_BOXED (anneal_pitfall_get_type ()));
  g_assert_cmpstr (anneal_pitfall_id_to_string (ANNEAL_PITFALL_PAST_HORIZON), ==,
                   "past-horizon");
  g_assert_cmpstr (anneal_pitfall_id_to_string (ANNEAL_PITFALL_UNREACHED_MILESTONE), ==,
                   "unreached-milestone");
}

/* A schedule stepped per optimizer step finds the same pitfalls, fixes and numbers;
 * its explanations speak of steps, never of epochs. */
static void
test_per_step (void)
{
  guint with_text = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (cases[i].spec, NULL, NULL);
      g_autoptr(GPtrArray) epochs = anneal_schedule_find_pitfalls (schedule, cases[i].n);
      g_autoptr(GPtrArray) steps = anneal_schedule_find_pitfalls_per_step (schedule,
                                                                           cases[i].n);

      g_assert_cmpuint (steps->len, ==, epochs->len);
      for (guint j = 0; j < steps->len; j++)
        {
          const AnnealPitfall *e = g_ptr_array_index (epochs, j);
          const AnnealPitfall *p = g_ptr_array_index (steps, j);
          const char *ev = NULL, *pv = NULL;
          g_autofree char *as_steps = NULL;
          g_auto(GStrv) parts = NULL;

          g_assert_cmpint (anneal_pitfall_get_id (p), ==, anneal_pitfall_get_id (e));
          g_assert_cmpuint (anneal_pitfall_get_stage (p), ==, anneal_pitfall_get_stage (e));
          g_assert_cmpint (anneal_pitfall_get_fix_epochs (p), ==,
                           anneal_pitfall_get_fix_epochs (e));
          g_assert_cmpstr (anneal_pitfall_get_fix_param (p, &pv), ==,
                           anneal_pitfall_get_fix_param (e, &ev));
          g_assert_cmpstr (pv, ==, ev);
          g_assert_null (strstr (anneal_pitfall_get_explanation (p), "epoch"));
          /* the same sentence with the unit's word changed (and the fix in words) */
          parts = g_strsplit (anneal_pitfall_get_explanation (e), "epoch", -1);
          as_steps = g_strjoinv ("step", parts);
          if (anneal_pitfall_get_fix_epochs (e) == 0)
            g_assert_cmpstr (anneal_pitfall_get_explanation (p), ==, as_steps);
          else
            g_assert_nonnull (strstr (anneal_pitfall_get_explanation (p), "after "));
          with_text++;
        }
    }
  g_assert_cmpuint (with_text, >, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_set_nonfatal_assertions ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/pitfalls/case/%u", i);

      g_test_add_data_func (path, &cases[i], test_case);
    }
  g_test_add_func ("/anneal/pitfalls/golden", test_golden_cases);
  g_test_add_func ("/anneal/pitfalls/fixes", test_fixes);
  g_test_add_func ("/anneal/pitfalls/fix-within-limit", test_fix_within_limit);
  g_test_add_func ("/anneal/pitfalls/wave-fixes", test_wave_fixes);
  g_test_add_func ("/anneal/pitfalls/horizon-fix-within-limit", test_horizon_fix_within_limit);
  g_test_add_func ("/anneal/pitfalls/explanations", test_explanations);
  g_test_add_func ("/anneal/pitfalls/per-step", test_per_step);
  g_test_add_func ("/anneal/pitfalls/zero-rate-first", test_zero_rate_first);
  return g_test_run ();
}
