/* test-spec.c — spec strings: what parses, what is refused and where, printing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <anneal.h>
#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <string.h>

static AnnealSchedule *
parse_ok (const char *spec)
{
  g_autoptr(GError) error = NULL;
  guint column = 99;
  AnnealSchedule *schedule = anneal_schedule_parse (spec, &column, &error);

  if (error != NULL)
    g_error ("'%s' was refused: %s", spec, error->message);
  g_assert_nonnull (schedule);
  g_assert_cmpuint (column, ==, 0);
  return schedule;
}

static void
test_parse_whitespace_and_numbers (void)
{
  g_autoptr(AnnealSchedule) a = parse_ok ("cosine-wave(lr_start=0.1,lr_end=1e-3,period=10)");
  g_autoptr(AnnealSchedule) b = parse_ok ("  cosine-wave (\tlr_start = 1/10 , lr_end=0.001,\n period=1e1 )  ");
  g_autoptr(AnnealSchedule) c = parse_ok ("cosine-wave()");
  g_autoptr(AnnealSchedule) d = parse_ok ("damped-cosine-wave(keep=0.3333333333333333)");
  g_autoptr(AnnealSchedule) e = parse_ok ("damped-cosine-wave()");
  g_autoptr(AnnealSchedule) f = parse_ok ("constant(lr=+.5)");

  g_assert_true (anneal_schedule_equal (a, b));
  g_assert_true (anneal_schedule_equal (a, c));
  /* 1/3 is the double nearest a third, whichever way it is written */
  g_assert_true (anneal_schedule_equal (d, e));
  g_assert_cmpfloat (anneal_schedule_get_number (e, 0, "keep"), ==, 1.0 / 3);
  g_assert_cmpfloat (anneal_schedule_value (f, 7), ==, 0.5);
}

static void
test_parse_values_of_each_type (void)
{
  g_autoptr(AnnealSchedule) m = parse_ok ("multistep(milestones=[ 80 ,30, 30 ])");
  g_autoptr(AnnealSchedule) empty = parse_ok ("multistep(milestones=[])");
  g_autoptr(AnnealSchedule) o = parse_ok ("onecycle(anneal=linear, three_phase=true)");
  g_autofree char *milestones = anneal_schedule_get_param (m, 0, "milestones");
  g_autofree char *anneal = anneal_schedule_get_param (o, 0, "anneal");
  g_autofree char *three = anneal_schedule_get_param (o, 0, "three_phase");

  g_assert_cmpstr (milestones, ==, "[30, 30, 80]");
  g_assert_cmpstr (anneal, ==, "linear");
  g_assert_cmpstr (three, ==, "true");
  /* A milestone given twice decays twice, as PyTorch's Counter does. */
  g_assert_cmpfloat_with_epsilon (anneal_schedule_value (m, 30), 0.001, 1e-17);
  g_assert_cmpfloat (anneal_schedule_value (empty, 1000), ==, 0.1);
}

static void
test_sequence (void)
{
  g_autoptr(AnnealSchedule) s =
    parse_ok ("linear(lr=0.1, start_factor=0.01, total_iters=5, for=5) -> cosine(lr=0.1, t_max=45)");
  g_autoptr(AnnealSchedule) cos = parse_ok ("cosine(lr=0.1, t_max=45)");
  g_autoptr(AnnealSchedule) lin = parse_ok ("linear(lr=0.1, start_factor=0.01, total_iters=5)");

  g_assert_cmpuint (anneal_schedule_get_n_stages (s), ==, 2);
  g_assert_cmpint (anneal_schedule_get_stage_length (s, 0), ==, 5);
  g_assert_cmpint (anneal_schedule_get_stage_length (s, 1), ==, -1);
  g_assert_cmpstr (anneal_kind_get_name (anneal_schedule_get_kind (s, 1)), ==, "cosine");
  for (gint64 t = 0; t < 5; t++)
    g_assert_cmpfloat (anneal_schedule_value (s, t), ==, anneal_schedule_value (lin, t));
  /* The next stage starts from its own epoch 0 (SequentialLR). */
  for (gint64 t = 5; t < 100; t++)
    g_assert_cmpfloat (anneal_schedule_value (s, t), ==, anneal_schedule_value (cos, t - 5));
}

static void
test_three_stages_and_join (void)
{
  g_autoptr(AnnealSchedule) s =
    parse_ok ("constant(lr=0.01, for=3)->constant(lr=0.02, for=4)->constant(lr=0.03)");
  g_autoptr(AnnealSchedule) a = anneal_schedule_get_stage (s, 0);
  g_autoptr(AnnealSchedule) b = anneal_schedule_get_stage (s, 1);
  g_autoptr(AnnealSchedule) c = anneal_schedule_get_stage (s, 2);
  AnnealSchedule *parts[] = { a, b, c };
  gint64 lengths[] = { 3, 4, -1 };
  g_autoptr(AnnealSchedule) joined = NULL;
  g_autoptr(GError) error = NULL;
  double expect[] = { 0.01, 0.01, 0.01, 0.02, 0.02, 0.02, 0.02, 0.03, 0.03 };
  double values[9];

  anneal_schedule_fill (s, 0, 9, values);
  for (guint i = 0; i < 9; i++)
    g_assert_cmpfloat (values[i], ==, expect[i]);

  joined = anneal_schedule_join (parts, lengths, 3, &error);
  g_assert_no_error (error);
  g_assert_true (anneal_schedule_equal (joined, s));

  g_clear_pointer (&joined, anneal_schedule_unref);
  lengths[0] = 0;
  joined = anneal_schedule_join (parts, lengths, 3, &error);
  g_assert_null (joined);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_MISSING_FOR);
}

static void
test_print_canonical (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "cosine-wave()", "cosine-wave()" },
    { "cosine-wave(period=10, lr_start=0.1)", "cosine-wave()" },
    { "cosine-wave( period = 12 )", "cosine-wave(period=12)" },
    /* every ASCII white space, the vertical tab and form feed too */
    { "\tcosine(\vlr=0.1,\f t_max=5)\r\n\v", "cosine(t_max=5)" },
    { "cosine(t_max=20, eta_min=1e-3, lr=0.1)", "cosine(t_max=20, eta_min=0.001)" },
    { "damped-cosine-wave(keep=2/3)", "damped-cosine-wave(keep=2/3)" },
    { "damped-exp-cycles(keep=1/7)", "damped-exp-cycles(keep=1/7)" },
    { "exp-cycles(a=1e-7)", "exp-cycles(a=1e-07)" },
    { "multistep(milestones=[80,5,30])", "multistep(milestones=[5, 30, 80])" },
    { "cyclic(step_size_up=5, step_size_down=5)", "cyclic(step_size_up=5, step_size_down=5)" },
    { "cyclic(mode=exp_range,gamma=0.99)", "cyclic(mode=exp_range, gamma=0.99)" },
    { "onecycle(three_phase=true)", "onecycle(three_phase=true)" },
    { "linear(for=5)->cosine(t_max=45)", "linear(for=5) -> cosine(t_max=45)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(AnnealSchedule) s = parse_ok (cases[i].in);
      g_autofree char *text = anneal_schedule_to_string (s);
      g_autoptr(AnnealSchedule) again = parse_ok (text);

      g_assert_cmpstr (text, ==, cases[i].out);
      g_assert_true (anneal_schedule_equal (s, again));
    }
}

static void
test_with_param (void)
{
  g_autoptr(AnnealSchedule) s = parse_ok ("linear(for=5) -> exp-cycles()");
  g_autoptr(AnnealSchedule) t = NULL;
  g_autoptr(AnnealSchedule) u = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  t = anneal_schedule_with_param (s, 1, "a", "4", &error);
  g_assert_no_error (error);
  text = anneal_schedule_to_string (t);
  g_assert_cmpstr (text, ==, "linear(for=5) -> exp-cycles(a=4)");
  g_assert_cmpfloat (anneal_schedule_get_number (s, 1, "a"), ==, 3);  /* s is unchanged */
  g_assert_false (anneal_schedule_param_is_default (t, 1, "a"));
  g_assert_true (anneal_schedule_param_is_default (t, 1, "lr_start"));

  u = anneal_schedule_with_param (t, 0, "for", "7", &error);
  g_assert_no_error (error);
  g_assert_cmpint (anneal_schedule_get_stage_length (u, 0), ==, 7);
  g_clear_pointer (&u, anneal_schedule_unref);

  u = anneal_schedule_with_param (t, 1, "cycles", "60", &error);
  g_assert_null (u);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "cycles: "));
  g_clear_error (&error);

  u = anneal_schedule_with_param (t, 1, "lr_end", "-1", &error);
  g_assert_null (u);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_RANGE);
  g_clear_error (&error);

  u = anneal_schedule_with_param (t, 1, "a", "nan", &error);
  g_assert_null (u);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_RANGE);
  g_clear_error (&error);

  u = anneal_schedule_with_param (t, 1, "for", "5", &error);
  g_assert_null (u);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_INVALID);
}

/* Every refusal: the code, the column (1-based, in characters) and a word of the reason. */
static const struct
{
  const char *spec;
  int         code;
  guint       column;
  const char *reason;
} refusals[] = {
  { "", ANNEAL_SPEC_ERROR_SYNTAX, 1, "expected a schedule kind" },
  { "   ", ANNEAL_SPEC_ERROR_SYNTAX, 4, "expected a schedule kind" },
  { "cosine", ANNEAL_SPEC_ERROR_SYNTAX, 7, "expected '('" },
  { "cosine(", ANNEAL_SPEC_ERROR_SYNTAX, 8, "parameter name" },
  { "cosine(lr=0.1", ANNEAL_SPEC_ERROR_SYNTAX, 14, "expected ')'" },
  { "cosine(lr 0.1)", ANNEAL_SPEC_ERROR_SYNTAX, 11, "expected '='" },
  { "cosine(lr=)", ANNEAL_SPEC_ERROR_SYNTAX, 11, "expected a value" },
  { "cosine(lr=0.1;)", ANNEAL_SPEC_ERROR_SYNTAX, 14, "expected ',' or ')'" },
  { "cosine() x", ANNEAL_SPEC_ERROR_SYNTAX, 10, "unexpected text" },
  { "cosine())", ANNEAL_SPEC_ERROR_SYNTAX, 9, "unexpected text" },
  { "cosin()", ANNEAL_SPEC_ERROR_UNKNOWN_KIND, 1, "did you mean 'cosine'" },
  { "  wobble()", ANNEAL_SPEC_ERROR_UNKNOWN_KIND, 3, "unknown schedule kind 'wobble'" },
  { "cosine-wave(lr_strat=0.1)", ANNEAL_SPEC_ERROR_UNKNOWN_PARAM, 13, "did you mean 'lr_start'" },
  { "cosine(gamma=0.1)", ANNEAL_SPEC_ERROR_UNKNOWN_PARAM, 8, "unknown parameter 'gamma' for cosine" },
  { "cosine(lr=0.1, lr=0.2)", ANNEAL_SPEC_ERROR_DUPLICATE_PARAM, 16, "given twice" },
  { "linear(for=2, for=3)->cosine()", ANNEAL_SPEC_ERROR_DUPLICATE_PARAM, 15, "given twice" },
  { "cosine(lr=abc)", ANNEAL_SPEC_ERROR_TYPE, 11, "expects a number" },
  { "cosine(lr=[1])", ANNEAL_SPEC_ERROR_TYPE, 11, "expects a number" },
  { "cosine(t_max=2.5)", ANNEAL_SPEC_ERROR_TYPE, 14, "whole number" },
  { "multistep(milestones=30)", ANNEAL_SPEC_ERROR_TYPE, 22, "list" },
  { "multistep(milestones=[30, 2.5])", ANNEAL_SPEC_ERROR_TYPE, 27, "whole number" },
  { "multistep(milestones=[30,])", ANNEAL_SPEC_ERROR_SYNTAX, 26, "number in the list" },
  { "multistep(milestones=[30, 3/2])", ANNEAL_SPEC_ERROR_SYNTAX, 27, "not fractions" },
  { "multistep(milestones=[30 40])", ANNEAL_SPEC_ERROR_SYNTAX, 26, "expected ',' or ']'" },
  { "onecycle(three_phase=yes)", ANNEAL_SPEC_ERROR_TYPE, 22, "true or false" },
  { "onecycle(anneal=0)", ANNEAL_SPEC_ERROR_TYPE, 17, "cos or linear" },
  { "cyclic(mode=triangle)", ANNEAL_SPEC_ERROR_RANGE, 13, "did you mean 'triangular'" },
  { "cyclic(mode=sawtooth)", ANNEAL_SPEC_ERROR_RANGE, 13, "choose triangular" },
  { "cosine(lr=nan)", ANNEAL_SPEC_ERROR_RANGE, 11, "finite" },
  { "cosine(lr=inf)", ANNEAL_SPEC_ERROR_RANGE, 11, "finite" },
  { "cosine(lr=1e999)", ANNEAL_SPEC_ERROR_RANGE, 11, "finite" },
  { "cosine(lr=-0.1)", ANNEAL_SPEC_ERROR_RANGE, 11, "cannot be negative" },
  { "cosine(eta_min=-1e-9)", ANNEAL_SPEC_ERROR_RANGE, 16, "cannot be negative" },
  { "cosine(lr=1/0)", ANNEAL_SPEC_ERROR_RANGE, 12, "division by zero" },
  { "cosine(lr=1e-400)", ANNEAL_SPEC_ERROR_RANGE, 11, "too small" },
  { "cosine(lr=1/1e400)", ANNEAL_SPEC_ERROR_RANGE, 13, "too large" },
  { "cosine(lr=1e400/1e400)", ANNEAL_SPEC_ERROR_RANGE, 11, "too large" },
  { "multistep(milestones=[5, 1e-999])", ANNEAL_SPEC_ERROR_RANGE, 26, "too small" },
  { "linear(for=1e999) -> cosine()", ANNEAL_SPEC_ERROR_RANGE, 12, "too large" },
  { "->cosine()", ANNEAL_SPEC_ERROR_SYNTAX, 1, "expected a schedule kind" },
  { "cosine(t_max=0)", ANNEAL_SPEC_ERROR_RANGE, 14, "at least 1" },
  { "cosine-wave(period=0)", ANNEAL_SPEC_ERROR_RANGE, 20, "at least 1" },
  { "damped-cosine-wave(period=1)", ANNEAL_SPEC_ERROR_RANGE, 27, "at least 2" },
  { "damped-cosine-wave(keep=1.5)", ANNEAL_SPEC_ERROR_RANGE, 25, "at most 1" },
  { "exp-cycles(a=0)", ANNEAL_SPEC_ERROR_RANGE, 14, "greater than 0" },
  { "exp-cycles(cycles=0)", ANNEAL_SPEC_ERROR_RANGE, 19, "at least 1" },
  { "exp-cycles(cycles=60)", ANNEAL_SPEC_ERROR_INVALID, 12, "cannot exceed epochs" },
  { "exp-cycles(epochs=5)", ANNEAL_SPEC_ERROR_INVALID, 1, "cannot exceed epochs" },
  { "damped-exp-cycles(epochs=3, cycles=4)", ANNEAL_SPEC_ERROR_INVALID, 29, "cannot exceed" },
  { "step(step_size=0)", ANNEAL_SPEC_ERROR_RANGE, 16, "at least 1" },
  { "step(gamma=0)", ANNEAL_SPEC_ERROR_RANGE, 12, "greater than 0" },
  { "linear(total_iters=0)", ANNEAL_SPEC_ERROR_RANGE, 20, "at least 1" },
  { "linear(start_factor=0)", ANNEAL_SPEC_ERROR_RANGE, 21, "greater than 0" },
  { "sgdr(t_0=0)", ANNEAL_SPEC_ERROR_RANGE, 10, "at least 1" },
  { "sgdr(t_mult=0)", ANNEAL_SPEC_ERROR_RANGE, 13, "at least 1" },
  { "onecycle(total_steps=1)", ANNEAL_SPEC_ERROR_RANGE, 22, "at least 2" },
  { "onecycle(pct_start=1)", ANNEAL_SPEC_ERROR_RANGE, 20, "less than 1" },
  { "onecycle(total_steps=3, pct_start=0.3)", ANNEAL_SPEC_ERROR_INVALID, 25, "more than 1" },
  { "onecycle(three_phase=true, pct_start=0.6)", ANNEAL_SPEC_ERROR_INVALID, 28, "too large" },
  { "cyclic(step_size_up=0)", ANNEAL_SPEC_ERROR_RANGE, 21, "at least 1" },
  { "linear() -> cosine()", ANNEAL_SPEC_ERROR_MISSING_FOR, 1, "needs for=N" },
  { "linear(for=5) -> step() -> cosine()", ANNEAL_SPEC_ERROR_MISSING_FOR, 18, "stage 2" },
  { "cosine(for=5)", ANNEAL_SPEC_ERROR_INVALID, 8, "last stage" },
  { "linear(for=0)->cosine()", ANNEAL_SPEC_ERROR_RANGE, 12, "at least 1" },
  { "linear(for=x)->cosine()", ANNEAL_SPEC_ERROR_TYPE, 12, "whole number" },
  { "linear(for=5) ->", ANNEAL_SPEC_ERROR_SYNTAX, 17, "expected a schedule kind" },
  { "linear(for=5) - > cosine()", ANNEAL_SPEC_ERROR_SYNTAX, 15, "unexpected text" },
  { "cosine(lr=0.1) cosine()", ANNEAL_SPEC_ERROR_SYNTAX, 16, "join stages" },
  { "cosine(lr=1e-1x)", ANNEAL_SPEC_ERROR_SYNTAX, 15, "expected ',' or ')'" },
  { "cos→ine()", ANNEAL_SPEC_ERROR_UNKNOWN_KIND, 1, "unknown schedule kind 'cos'" },
  { "cosine→()", ANNEAL_SPEC_ERROR_SYNTAX, 7, "expected '('" },
  { "cosine(lr=0.1, t_max=é)", ANNEAL_SPEC_ERROR_TYPE, 22, "expects a whole number, not a word" },
  { "cosine(lr=\"0.1\")", ANNEAL_SPEC_ERROR_SYNTAX, 11, "expected a number" },
  /* Issue 9: messages that misled. A look-alike letter: the whole word, at that letter. */
  { "c\xd0\xbesine()", ANNEAL_SPEC_ERROR_UNKNOWN_KIND, 2,
    "unknown schedule kind 'c\xd0\xbesine': '\xd0\xbe' (U+043E) is not an ASCII letter "
    "(did you mean 'cosine'?)" },
  { "\xd1\x81osine()", ANNEAL_SPEC_ERROR_UNKNOWN_KIND, 1, "(U+0441)" },
  { "cosine-wave(lr_st\xd0\xb0rt=0.1)", ANNEAL_SPEC_ERROR_UNKNOWN_PARAM, 18,
    "'lr_st\xd0\xb0rt' for cosine-wave: '\xd0\xb0' (U+0430) is not an ASCII letter "
    "(did you mean 'lr_start'?)" },
  { "cyclic(mode=tri\xd0\xb0ngular)", ANNEAL_SPEC_ERROR_RANGE, 16,
    "(did you mean 'triangular'?)" },
  /* A list element is blamed where it is, not at '['. */
  { "multistep(milestones=[1,2,-3])", ANNEAL_SPEC_ERROR_RANGE, 27, "at least 0 (got -3)" },
  { "multistep(milestones=[1, 2.5, 3])", ANNEAL_SPEC_ERROR_TYPE, 26, "whole number" },
  /* A word with '-' is one word. */
  { "cyclic(mode=exp-range)", ANNEAL_SPEC_ERROR_RANGE, 13,
    "unknown mode 'exp-range' for cyclic (did you mean 'exp_range'?)" },
  /* A quotient that is not representable is refused like a literal one. */
  { "constant(lr=1e-300/1e300)", ANNEAL_SPEC_ERROR_RANGE, 13, "too small" },
  { "constant(lr=1e300/1e-300)", ANNEAL_SPEC_ERROR_RANGE, 13, "too large" },
  { "constant(lr=1e-400)", ANNEAL_SPEC_ERROR_RANGE, 13, "too small" },
  /* Case is not a reason to give up on "did you mean". */
  { "COSINE()", ANNEAL_SPEC_ERROR_UNKNOWN_KIND, 1, "unknown schedule kind 'COSINE' (did you mean 'cosine'?)" },
  { "onecycle(anneal=LINEAR)", ANNEAL_SPEC_ERROR_RANGE, 17, "(did you mean 'linear'?)" },
  { "cosine(LR=0.2)", ANNEAL_SPEC_ERROR_UNKNOWN_PARAM, 8, "(did you mean 'lr'?)" },
  { "linear(FOR=2)->cosine()", ANNEAL_SPEC_ERROR_UNKNOWN_PARAM, 8, "(did you mean 'for'?)" },
  /* Control characters are echoed escaped, never raw. */
  { "cosine()\x1b[31m", ANNEAL_SPEC_ERROR_SYNTAX, 9, "unexpected text after the schedule: '\\x1b'" },
  { "cosine(lr=0.1\x7f)", ANNEAL_SPEC_ERROR_SYNTAX, 14, "not '\\x7f'" },
  { "cosine(lr=\xc2\x9b" "1)", ANNEAL_SPEC_ERROR_SYNTAX, 11, "not '\\u009B'" },
  { "cosine()\xe2\x80\xae" "x", ANNEAL_SPEC_ERROR_SYNTAX, 9, "'\\u202E'" },
  { "\xe2\x81\xa6" "cosine()", ANNEAL_SPEC_ERROR_SYNTAX, 1, "not '\\u2066'" },
  /* A space or an invisible character outside ASCII is named by its code point: a
   * no-break space would show as ' ' */
  { "cosine(lr=0.1, t_max=5\xc2\xa0)", ANNEAL_SPEC_ERROR_SYNTAX, 23,
    "expected ',' or ')', not '\\u00A0'" },
  { "\xe2\x80\x8b" "cosine()", ANNEAL_SPEC_ERROR_SYNTAX, 1, "not '\\u200B'" },
  { "cosine(\xc2\xa0" "lr=0.1)", ANNEAL_SPEC_ERROR_SYNTAX, 8,
    "expected a parameter name, not '\\u00A0'" },
  /* … and inside a word, pointed at and named like a look-alike letter */
  { "cos\x1b[31mine()", ANNEAL_SPEC_ERROR_UNKNOWN_KIND, 4,
    "unknown schedule kind 'cos\\x1b': '\\x1b' (U+001B) is a control character" },
  { "cyclic(mode=tri\xe2\x80\xae" "angular)", ANNEAL_SPEC_ERROR_RANGE, 16,
    "unknown mode 'tri\\u202Eangular' for cyclic: '\\u202E' (U+202E) is a control character "
    "(did you mean 'triangular'?)" },
  { "cosine(lr\x7f=1)", ANNEAL_SPEC_ERROR_UNKNOWN_PARAM, 10,
    "unknown parameter 'lr\\x7f' for cosine: '\\x7f' (U+007F) is a control character "
    "(did you mean 'lr'?)" },
};

/* Whether @message holds a character a terminal would obey or that reorders text. */
static gboolean
has_raw_controls (const char *message)
{
  for (const char *p = message; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || g_unichar_type (c) == G_UNICODE_FORMAT)
        return TRUE;
    }
  return FALSE;
}

static void
test_refusal (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) s = NULL;
  g_autofree char *prefix = NULL;
  guint column = 0;

  s = anneal_schedule_parse (refusals[i].spec, &column, &error);
  if (s != NULL)
    g_error ("'%s' was accepted", refusals[i].spec);
  g_assert_nonnull (error);
  if (error->code != refusals[i].code || column != refusals[i].column ||
      strstr (error->message, refusals[i].reason) == NULL)
    g_error ("'%s': got code %d, column %u, '%s'; expected code %d, column %u, '%s'",
             refusals[i].spec, error->code, column, error->message,
             refusals[i].code, refusals[i].column, refusals[i].reason);
  g_assert_true (error->domain == ANNEAL_SPEC_ERROR);
  prefix = g_strdup_printf ("column %u: ", column);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_false (has_raw_controls (error->message));
  /* The column and the reason are data, not only text. */
  g_assert_cmpuint (anneal_spec_error_get_column (error), ==, column);
  g_assert_cmpstr (anneal_spec_error_get_reason (error), ==, error->message + strlen (prefix));
}

static void
test_limits (void)
{
  g_autoptr(GString) long_spec = g_string_new ("constant(lr=0.1");
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) list = g_string_new ("multistep(milestones=[");
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) s = NULL;
  guint column = 0;

  while (long_spec->len <= ANNEAL_SPEC_MAX_LENGTH)
    g_string_append (long_spec, "          ");
  g_string_append (long_spec, ")");
  s = anneal_schedule_parse (long_spec->str, &column, &error);
  g_assert_null (s);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_LIMIT);
  g_assert_cmpuint (column, ==, ANNEAL_SPEC_MAX_LENGTH + 1);
  g_clear_error (&error);

  for (guint i = 0; i < ANNEAL_SPEC_MAX_STAGES; i++)
    g_string_append (deep, "constant(for=1) -> ");
  g_string_append (deep, "constant()");
  s = anneal_schedule_parse (deep->str, &column, &error);
  g_assert_null (s);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_LIMIT);
  g_clear_error (&error);

  /* One stage fewer is fine. */
  g_string_erase (deep, 0, strlen ("constant(for=1) -> "));
  s = parse_ok (deep->str);
  g_assert_cmpuint (anneal_schedule_get_n_stages (s), ==, ANNEAL_SPEC_MAX_STAGES);
  g_clear_pointer (&s, anneal_schedule_unref);

  for (guint i = 0; i <= ANNEAL_LIST_MAX_LENGTH; i++)
    g_string_append_printf (list, "%s%u", i ? "," : "", i);
  g_string_append (list, "])");
  s = anneal_schedule_parse (list->str, &column, &error);
  g_assert_null (s);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_LIMIT);
  g_clear_error (&error);

  /* Epoch counts above 10^15 are refused, not wrapped. */
  s = anneal_schedule_parse ("linear(for=1e16) -> cosine()", &column, &error);
  g_assert_null (s);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_RANGE);
  g_assert_cmpuint (column, ==, 12);
}

/* Issue 9: a spec over the limit whose last byte within it starts a multi-byte
 * character is blamed at that character, not at column 1. */
static void
test_limit_in_a_character (void)
{
  g_autoptr(GString) spec = g_string_new ("constant(lr=0.1");
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) s = NULL;
  guint column = 0;

  while (spec->len < ANNEAL_SPEC_MAX_LENGTH - 1)
    g_string_append_c (spec, ' ');
  g_string_append (spec, "\xc3\xa9)");  /* é straddles the limit */
  s = anneal_schedule_parse (spec->str, &column, &error);
  g_assert_null (s);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_LIMIT);
  g_assert_cmpuint (column, ==, ANNEAL_SPEC_MAX_LENGTH);
}

/* Issue 9 item 4: canonical output is always accepted as input. For each kind,
 * every parameter at its longest accepted value (the longest numbers, the largest
 * epoch counts, full lists of them), in a stage followed by "->" so that for=10^15
 * is written too: the canonical text reads back to the same schedule. */
static const char * const long_numbers[] = {
  "1.2345678901234567e-200", "0.00012345678901234567", "123456.78901234567",
  "0.12345678901234566", "1/3",
};

static char *
longest_stage (const AnnealKind *kind,
               guint             only)
{
  g_autoptr(GString) stage = g_string_new (NULL);
  g_autofree char *best = NULL;
  gsize best_len = 0;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new_with_free_func (g_free);
  const AnnealParam *param = anneal_kind_get_param (kind, only);
  const char * const *choices = anneal_param_get_choices (param);
  char max[32];

  g_snprintf (max, sizeof max, "%.0f", MIN (anneal_param_get_maximum (param), 1e15));
  switch (anneal_param_get_value_type (param))
    {
    case ANNEAL_PARAM_NUMBER:
      {
        double lo = MAX (anneal_param_get_minimum (param), -1e15);
        double hi = MIN (anneal_param_get_maximum (param), 1e15);
        char inside[G_ASCII_DTOSTR_BUF_SIZE];

        for (guint i = 0; i < G_N_ELEMENTS (long_numbers); i++)
          g_ptr_array_add (candidates, g_strdup (long_numbers[i]));
        /* 17 digits anywhere in the range, e.g. "1.1234567890123457" in [1, 1000] */
        g_ascii_formatd (inside, sizeof inside, "%.17g", lo + (hi - lo) * 0.12345678901234567);
        g_ptr_array_add (candidates, g_strdup (inside));
        g_ascii_formatd (inside, sizeof inside, "%.17g", hi - (hi - lo) * 0.12345678901234567);
        g_ptr_array_add (candidates, g_strdup (inside));
      }
      break;
    case ANNEAL_PARAM_INTEGER:
      g_ptr_array_add (candidates, g_strdup (max));
      g_ptr_array_add (candidates, g_strdup ("49"));  /* within the other defaults */
      break;
    case ANNEAL_PARAM_LIST:
      {
        GString *list = g_string_new ("[");

        for (guint i = 0; i < ANNEAL_LIST_MAX_LENGTH; i++)
          g_string_append_printf (list, "%s%s", i ? ", " : "", max);
        g_string_append_c (list, ']');
        g_ptr_array_add (candidates, g_string_free (list, FALSE));
      }
      break;
    case ANNEAL_PARAM_CHOICE:
      for (guint i = 0; choices[i] != NULL; i++)
        g_ptr_array_add (candidates, g_strdup (choices[i]));
      break;
    case ANNEAL_PARAM_BOOLEAN:
    default:
      g_ptr_array_add (candidates, g_strdup ("true"));
      g_ptr_array_add (candidates, g_strdup ("false"));
      break;
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      g_autoptr(AnnealSchedule) s = NULL;
      g_autofree char *text = NULL;

      g_string_printf (stage, "%s(%s=%s, for=1000000000000000) -> constant()",
                       anneal_kind_get_name (kind), anneal_param_get_name (param), (char *) g_ptr_array_index (candidates, i));
      s = anneal_schedule_parse (stage->str, NULL, NULL);
      if (s == NULL)
        continue;  /* e.g. a value that does not fit with the defaults of the others */
      text = anneal_schedule_to_string (s);
      if (strlen (text) > best_len)
        {
          best_len = strlen (text);
          g_free (best);
          best = g_strdup (stage->str);
        }
    }
  return g_steal_pointer (&best);
}

static void
assert_reads_back (const char *spec)
{
  g_autoptr(AnnealSchedule) s = parse_ok (spec);
  g_autofree char *text = anneal_schedule_to_string (s);
  g_autoptr(AnnealSchedule) again = parse_ok (text);
  g_autofree char *text_again = anneal_schedule_to_string (again);

  g_assert_cmpuint (strlen (text), <=, ANNEAL_SPEC_MAX_LENGTH);
  g_assert_true (anneal_schedule_equal (s, again));
  g_assert_cmpstr (text, ==, text_again);
}

static void
test_canonical_limit (gconstpointer data)
{
  const AnnealKind *kind = data;
  gsize longest = 0;
  g_autofree char *longest_spec = NULL;

  for (guint j = 0; j < anneal_kind_get_n_params (kind); j++)
    {
      g_autofree char *spec = longest_stage (kind, j);

      if (spec == NULL)
        g_error ("%s: no value of '%s' accepted", anneal_kind_get_name (kind),
                 anneal_param_get_name (anneal_kind_get_param (kind, j)));
      assert_reads_back (spec);
      if (strlen (spec) > longest)
        {
          longest = strlen (spec);
          g_free (longest_spec);
          longest_spec = g_strdup (spec);
        }
    }

  /* Sixty-four such stages: either accepted and read back, or refused for their
   * length, at the stage that passes the limit, never accepted unreadable. */
  if (longest_spec != NULL)
    {
      g_autoptr(GString) chain = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnealSchedule) s = NULL;
      char *arrow = strstr (longest_spec, " -> constant()");

      *arrow = '\0';
      for (guint i = 0; i + 1 < ANNEAL_SPEC_MAX_STAGES; i++)
        g_string_append_printf (chain, "%s -> ", longest_spec);
      g_string_append (chain, "constant()");
      if (chain->len > ANNEAL_SPEC_MAX_LENGTH)
        return;  /* refused as typed already: /anneal/spec/limits */
      s = anneal_schedule_parse (chain->str, NULL, &error);
      if (s != NULL)
        assert_reads_back (chain->str);
      else
        g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_LIMIT);
    }
}

/* The case of the report: 256 milestones of 10^15, 4630 bytes written out. */
static void
test_canonical_limit_milestones (void)
{
  g_autoptr(GString) spec = g_string_new ("multistep(milestones=[");
  g_autoptr(GString) twice = NULL;
  g_autoptr(AnnealSchedule) s = NULL;
  g_autoptr(AnnealSchedule) joined = NULL;
  g_autoptr(AnnealSchedule) longer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 lengths[2] = { 10, -1 };

  for (guint i = 0; i < ANNEAL_LIST_MAX_LENGTH; i++)
    g_string_append_printf (spec, "%s1e15", i ? "," : "");
  g_string_append (spec, "])");
  s = parse_ok (spec->str);
  text = anneal_schedule_to_string (s);
  g_assert_cmpuint (strlen (text), ==, 4630);
  assert_reads_back (text);

  /* Two of them would not read back: refused, as typed and as joined. */
  twice = g_string_new (text);
  g_string_insert (twice, twice->len - 1, ", for=10");
  g_string_append_printf (twice, " -> %s", text);
  g_assert_cmpuint (twice->len, >, ANNEAL_SPEC_MAX_LENGTH);
  {
    g_autoptr(GString) typed = g_string_new (spec->str);
    g_autoptr(AnnealSchedule) refused = NULL;
    guint column = 0;
    glong second;

    g_string_insert (typed, typed->len - 1, ", for=10");
    g_string_append (typed, " -> ");
    second = (glong) typed->len + 1;
    g_string_append (typed, spec->str);
    g_assert_cmpuint (typed->len, <, ANNEAL_SPEC_MAX_LENGTH);  /* short as typed, … */
    refused = anneal_schedule_parse (typed->str, &column, &error);
    g_assert_null (refused);                                   /* … too long written out */
    g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_LIMIT);
    g_assert_cmpuint (column, ==, second);
    g_clear_error (&error);
  }
  {
    AnnealSchedule * const parts[2] = { s, s };

    joined = anneal_schedule_join (parts, lengths, 2, &error);
    g_assert_null (joined);
    g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_LIMIT);
    g_clear_error (&error);
  }

  /* Nor can one parameter edit make a schedule that does not read back. */
  {
    g_autoptr(AnnealSchedule) two = parse_ok ("multistep(for=5) -> multistep()");
    g_autofree char *list = g_strndup (strchr (text, '['),
                                       (gsize) (strchr (text, ']') - strchr (text, '[') + 1));
    g_autoptr(AnnealSchedule) one = NULL;

    one = anneal_schedule_with_param (two, 0, "milestones", list, &error);
    g_assert_no_error (error);
    longer = anneal_schedule_with_param (one, 1, "milestones", list, &error);
    g_assert_null (longer);
    g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_LIMIT);
  }
}

/* Issue 10: the reason of a parameter edit is kept as data, so a translated
 * "column" (German "Spalte") never leaks into the message. */
static void
test_with_param_translated (void)
{
  g_autofree char *podir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (podir, "de", "LC_MESSAGES", "anneal.mo",
                                          NULL);
  g_autoptr(AnnealSchedule) s = parse_ok ("cosine()");
  g_autoptr(AnnealSchedule) t = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) parse_error = NULL;
  g_autoptr(AnnealSchedule) refused = NULL;

  if (!g_test_subprocess ())
    {
      /* German for this test only */
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }
  if (!g_file_test (mo, G_FILE_TEST_EXISTS))
    g_error ("%s was not built", mo);
  bindtextdomain ("anneal", podir);
  bind_textdomain_codeset ("anneal", "UTF-8");
  g_setenv ("LANGUAGE", "de", TRUE);
  /* glibc 2.41 (Debian 13) treats C.UTF-8 as the C locale, where LANGUAGE is
   * ignored: take the German locale where it is installed (tools/install-deps and
   * the Debian 13 root generate it). */
  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    setlocale (LC_ALL, "C.UTF-8");

  /* The parser speaks German here… */
  refused = anneal_schedule_parse ("cosine(lr=2e9)", NULL, &parse_error);
  g_assert_null (refused);
  g_assert_true (g_str_has_prefix (parse_error->message, "Spalte 11: "));

  /* … and a parameter edit names the parameter, with no column at all. */
  t = anneal_schedule_with_param (s, 0, "lr", "2e9", &error);
  g_assert_null (t);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_RANGE);
  g_assert_true (g_str_has_prefix (error->message, "lr: "));
  g_assert_null (strstr (error->message, "Spalte"));
  g_assert_null (strstr (error->message, "column"));
  g_assert_cmpuint (anneal_spec_error_get_column (error), ==, 0);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  guint column = 0;
  g_autoptr(AnnealSchedule) s = anneal_schedule_parse ("cosine(lr=0.\xff)", &column, &error);

  g_assert_null (s);
  g_assert_error (error, ANNEAL_SPEC_ERROR, ANNEAL_SPEC_ERROR_SYNTAX);
  g_assert_cmpuint (column, ==, 13);
}

/* A name of thousands of characters is echoed cut at 64 with "…" (an 8,000-character
 * parameter name filled the terminal) */
static void
test_long_name_echo (void)
{
  g_autofree char *name = g_strnfill (3000, 'x');
  g_autofree char *param = g_strdup_printf ("cosine(%s=1)", name);
  g_autofree char *kind = g_strdup_printf ("%s()", name);
  const char *specs[] = { param, kind };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnealSchedule) s = anneal_schedule_parse (specs[i], NULL, &error);

      g_assert_null (s);
      g_assert_nonnull (strstr (error->message, "xxx…'"));
      g_assert_cmpuint (strlen (error->message), <, 200);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anneal/spec/whitespace-and-numbers", test_parse_whitespace_and_numbers);
  g_test_add_func ("/anneal/spec/value-types", test_parse_values_of_each_type);
  g_test_add_func ("/anneal/spec/sequence", test_sequence);
  g_test_add_func ("/anneal/spec/three-stages-and-join", test_three_stages_and_join);
  g_test_add_func ("/anneal/spec/print-canonical", test_print_canonical);
  g_test_add_func ("/anneal/spec/with-param", test_with_param);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/spec/refusals/%03u", i);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_refusal);
    }
  g_test_add_func ("/anneal/spec/limits", test_limits);
  g_test_add_func ("/anneal/spec/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/anneal/spec/limits/in-a-character", test_limit_in_a_character);
  g_test_add_func ("/anneal/spec/canonical-limit/milestones", test_canonical_limit_milestones);
  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);
      g_autofree char *path = g_strdup_printf ("/anneal/spec/canonical-limit/%s",
                                              anneal_kind_get_name (kind));

      g_test_add_data_func (path, kind, test_canonical_limit);
    }
  g_test_add_func ("/anneal/spec/with-param-translated", test_with_param_translated);
  g_test_add_func ("/anneal/spec/long-name-echo", test_long_name_echo);

  return g_test_run ();
}
