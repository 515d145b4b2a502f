/* test-cli.c — anneal-cli as a user runs it: exit codes, CSV, JSON, messages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <anneal.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <string.h>

typedef struct
{
  char *out;
  char *err;
  int   status;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_cli_env (Run         *run,
             char       **envp,
             const char  *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("ANNEAL_CLI");
  va_list args;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  memset (run, 0, sizeof *run);
  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

#define run_cli(run, ...) run_cli_env (run, NULL, __VA_ARGS__, NULL)

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_help_and_usage (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--help");
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < 4; i++)
    g_assert_nonnull (strstr (run.out, (const char *[]) { "eval", "render", "list", "check" }[i]));
  run_clear (&run);

  run_cli_env (&run, NULL, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  run_cli (&run, "frobnicate");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "error: unknown command 'frobnicate'"));
  run_clear (&run);

  run_cli (&run, "eval", "--no-such-option", "cosine()");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  run_clear (&run);

  run_cli (&run, "eval", "--help");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--epochs"));
  g_assert_nonnull (strstr (run.out, "anneal-cli eval"));
}

static void
test_eval_csv (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autoptr(AnnealSchedule) a = anneal_schedule_parse ("cosine-wave()", NULL, NULL);
  g_autoptr(AnnealSchedule) b = anneal_schedule_parse ("damped-cosine-wave()", NULL, NULL);

  run_cli (&run, "eval", "cosine-wave()", "damped-cosine-wave()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 52);  /* header, 50 rows, "" after the last \n */
  g_assert_cmpstr (lines[0], ==, "epoch,cosine-wave(),damped-cosine-wave()");
  g_assert_cmpstr (lines[51], ==, "");
  for (guint t = 0; t < 50; t++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[t + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 3);
      g_assert_cmpint (g_ascii_strtoll (fields[0], NULL, 10), ==, t);
      /* Round-trip precision: the text reads back to the very same double. */
      g_assert_cmpfloat (g_ascii_strtod (fields[1], NULL), ==, anneal_schedule_value (a, t));
      g_assert_cmpfloat (g_ascii_strtod (fields[2], NULL), ==, anneal_schedule_value (b, t));
    }
}

static void
test_eval_epochs_option (void)
{
  g_auto(Run) run = { 0 };
  static const char * const bad[] = { "0", "-5", "abc", "2.5", "", "1000000000000001", "99999999999999999999" };

  run_cli (&run, "eval", "-n", "7", "step()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 8);
  run_clear (&run);

  run_cli (&run, "eval", "--epochs=1", "step()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "epoch,step()\n0,0.1\n");
  run_clear (&run);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      run_cli (&run, "eval", "-n", bad[i], "step()");
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_true (g_str_has_prefix (run.err, "error: -n"));
      run_clear (&run);
    }

  run_cli (&run, "eval", "--format", "xml", "step()");
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* a value attached to a short option, as getopt() takes it: "-n3", "-n=3", "-k2" */
  run_cli (&run, "eval", "-n3", "step()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 4);
  run_clear (&run);
  run_cli (&run, "eval", "-n=2", "-k2", "step()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "step,epoch,step()\n0,0,0.1\n1,0,0.1\n2,1,0.1\n3,1,0.1\n");
  run_clear (&run);
  run_cli (&run, "check", "-n3x", "step()");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "error: -n: expected a whole number of epochs, got '3x'\n");
  run_clear (&run);
  /* after "--" nothing is an option */
  run_cli (&run, "eval", "--", "-n3");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "error: column 1: "));
  run_clear (&run);

  run_cli (&run, "eval");
  g_assert_cmpint (run.status, ==, 2);
}

/* --steps-per-epoch and --per-step: one row per step, per-epoch series held
 * through their epoch, per-step series evaluated at the step. */
static void
test_eval_steps (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autoptr(AnnealSchedule) a = anneal_schedule_parse ("step(step_size=1)", NULL, NULL);
  g_autoptr(AnnealSchedule) b = anneal_schedule_parse ("cosine(t_max=12)", NULL, NULL);
  static const char * const bad_k[] = { "0", "-1", "x", "1.5", "", "1000000000000001" };

  run_cli (&run, "eval", "-n", "4", "--steps-per-epoch", "3", "--per-step", "2",
           "step(step_size=1)", "cosine(t_max=12)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 14);  /* header, 12 steps, "" */
  g_assert_cmpstr (lines[0], ==, "step,epoch,step(step_size=1),cosine(t_max=12)");
  for (guint s = 0; s < 12; s++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[s + 1], ",", -1);

      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_cmpint (g_ascii_strtoll (fields[0], NULL, 10), ==, s);
      g_assert_cmpint (g_ascii_strtoll (fields[1], NULL, 10), ==, s / 3);
      g_assert_cmpfloat (g_ascii_strtod (fields[2], NULL), ==, anneal_schedule_value (a, s / 3));
      g_assert_cmpfloat (g_ascii_strtod (fields[3], NULL), ==, anneal_schedule_value (b, s));
    }
  run_clear (&run);

  /* One step an epoch: the plain epoch table, whatever the units. */
  run_cli (&run, "eval", "-n", "2", "-k", "1", "--per-step", "all", "step()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "epoch,step()\n0,0.1\n1,0.1\n");
  run_clear (&run);

  /* Every spec per step; --per-step repeated and listed. */
  run_cli (&run, "eval", "-n", "2", "-k", "2", "--per-step", "1", "--per-step", "1,2",
           "step(step_size=1)", "step(step_size=2)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==,
                   "step,epoch,step(step_size=1),step(step_size=2)\n"
                   "0,0,0.1,0.1\n1,0,0.010000000000000002,0.1\n"
                   "2,1,0.0010000000000000002,0.010000000000000002\n"
                   "3,1,0.00010000000000000003,0.010000000000000002\n");
  run_clear (&run);

  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    JsonObject *root;
    JsonArray *rows, *units;

    run_cli (&run, "eval", "-n", "3", "-k", "5", "--format", "json", "--per-step", "all",
             "cosine(t_max=15)", "constant()");
    g_assert_cmpint (run.status, ==, 0);
    json_parser_load_from_data (parser, run.out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (root, "epochs"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (root, "steps_per_epoch"), ==, 5);
    units = json_object_get_array_member (root, "stepped_per");
    g_assert_cmpstr (json_array_get_string_element (units, 0), ==, "step");
    rows = json_object_get_array_member (root, "rows");
    g_assert_cmpuint (json_array_get_length (rows), ==, 15);
    for (guint s = 0; s < 15; s++)
      {
        JsonArray *r = json_array_get_array_element (rows, s);
        g_autoptr(AnnealSchedule) c = anneal_schedule_parse ("cosine(t_max=15)", NULL, NULL);

        g_assert_cmpint (json_array_get_int_element (r, 0), ==, s);
        g_assert_cmpint (json_array_get_int_element (r, 1), ==, s / 5);
        g_assert_cmpfloat (json_array_get_double_element (r, 2), ==, anneal_schedule_value (c, s));
      }
    run_clear (&run);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad_k); i++)
    {
      run_cli (&run, "eval", "-k", bad_k[i], "step()");
      g_assert_cmpint (run.status, ==, 2);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_true (g_str_has_prefix (run.err, "error: --steps-per-epoch"));
      run_clear (&run);
    }

  /* Epochs × steps within the epoch limit. */
  run_cli (&run, "eval", "-n", "1001", "-k", "1000000000000", "step()");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, "10^15"));
  run_clear (&run);

  run_cli (&run, "eval", "-k", "2", "--per-step", "2", "step()");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "error: --per-step"));
  run_clear (&run);

  run_cli (&run, "eval", "--per-step", "one", "step()");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "error: --per-step"));
  run_clear (&run);

  /* an empty list names nothing: refused, as "1," is */
  run_cli (&run, "eval", "-k", "2", "--per-step", "", "step()");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "error: --per-step"));
}

/* render takes the same steps options: its .csv is eval's table, and a bad
 * --x-axis or K is one line, exit 2 */
static void
test_render_steps (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("anneal-cli-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "steps.csv", NULL);
  g_autofree char *png = g_build_filename (dir, "steps.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  run_cli (&run, "render", "-n", "3", "-k", "4", "--per-step", "2", "--x-axis", "steps",
           "-o", csv, "step(step_size=1)", "cosine(t_max=12)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  run_clear (&run);
  run_cli (&run, "eval", "-n", "3", "-k", "4", "--per-step", "2",
           "step(step_size=1)", "cosine(t_max=12)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (text, ==, run.out);
  run_clear (&run);

  run_cli (&run, "render", "-n", "3", "-k", "1000", "--per-step", "all", "-o", png,
           "cosine(t_max=3000)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));
  run_clear (&run);

  run_cli (&run, "render", "--x-axis", "minutes", "-o", png, "cosine()");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "error: --x-axis"));
  run_clear (&run);

  run_cli (&run, "render", "-k", "0", "-o", png, "cosine()");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "error: --steps-per-epoch"));
  run_clear (&run);

  g_unlink (csv);
  g_unlink (png);
  g_rmdir (dir);
}

/* import --json says which library and how often it steps the schedule, so that
 * per-step libraries' specs go with eval's --per-step */
static void
test_import_json (void)
{
  static const struct { const char *code; const char *library; const char *unit; } cases[] = {
    { "opt = torch.optim.AdamW(model.parameters(), lr=3e-4)\n"
      "sched = get_cosine_schedule_with_warmup(opt, 100, 1000)\n", "Hugging Face", "step" },
    { "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
      "sched = torch.optim.lr_scheduler.StepLR(opt, step_size=10)\n", "PyTorch", "epoch" },
  };
  g_autofree char *dir = g_dir_make_tmp ("anneal-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "train.py", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *spec = NULL;
      JsonObject *root;

      g_assert_true (g_file_set_contents (path, cases[i].code, -1, NULL));
      run_cli (&run, "import", path);
      g_assert_cmpint (run.status, ==, 0);
      spec = g_strndup (run.out, strcspn (run.out, "\n"));
      run_clear (&run);

      run_cli (&run, "import", "--json", path);
      g_assert_cmpint (run.status, ==, 0);
      json_parser_load_from_data (parser, run.out, -1, &error);
      g_assert_no_error (error);
      root = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (root, "spec"), ==, spec);
      g_assert_cmpstr (json_object_get_string_member (root, "library"), ==, cases[i].library);
      g_assert_cmpstr (json_object_get_string_member (root, "stepped_per"), ==, cases[i].unit);
    }
  g_unlink (path);
  g_rmdir (dir);
}

/* A schedule call with a syntax error is refused with one line naming where and
 * what (exit 2, as any import refusal), not "no schedule found" at 1:1. */
static void
test_import_syntax_error (void)
{
  g_auto(Run) run = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("anneal-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "train.py", NULL);

  g_assert_true (g_file_set_contents (path,
                                      "import optax\n"
                                      "print 'a Python 2 line, skipped'\n"
                                      "schedule = optax.warmup_cosine_decay_schedule(\n"
                                      "    init_value=0.0, peak_value=1e-3 warmup_steps=100,\n"
                                      "    decay_steps=1000)\n", -1, NULL));
  run_cli (&run, "import", path);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "error: line 4, column 37: "));
  g_assert_nonnull (strstr (run.err, "warmup_cosine_decay_schedule"));
  g_assert_nonnull (strstr (run.err, "expected ','"));
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, (gssize) strlen (run.err) - 1);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_eval_quoting (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, "eval", "-n", "2", "cosine(lr=0.1,\n   t_max=20)", "constant()\f");
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  /* RFC 4180: the field with a comma is quoted; the spec is written on one line,
   * every white space (a form feed too) as one space, no control character raw. */
  g_assert_cmpstr (lines[0], ==, "epoch,\"cosine(lr=0.1, t_max=20)\",constant()");
  g_assert_cmpstr (lines[1], ==, "0,0.1,0.1");
}

static void
test_eval_json (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealSchedule) s = anneal_schedule_parse ("sgdr(t_0=7, t_mult=2)", NULL, NULL);
  JsonObject *root;
  JsonArray *rows;

  run_cli (&run, "eval", "-n", "40", "--format", "json", "sgdr(t_0=7, t_mult=2)", "constant()");
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "epochs"), ==, 40);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (root, "series"), 0),
                   ==, "sgdr(t_0=7, t_mult=2)");
  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 40);
  for (guint t = 0; t < 40; t++)
    {
      JsonArray *row = json_array_get_array_element (rows, t);

      g_assert_cmpuint (json_array_get_length (row), ==, 3);
      g_assert_cmpint (json_array_get_int_element (row, 0), ==, t);
      g_assert_cmpfloat (json_array_get_double_element (row, 1), ==, anneal_schedule_value (s, t));
    }
}

/* Issue 9: one row longer than any fixed buffer (3,500 series of 19-character values). */
static void
run_cli_argv (Run         *run,
              GPtrArray   *args)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  memset (run, 0, sizeof *run);
  g_ptr_array_insert (args, 0, (char *) g_getenv ("ANNEAL_CLI"));
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

#define MANY_SPECS 3500

static void
test_eval_long_rows (gconstpointer data)
{
  const char *format = data;
  const char *spec = "constant(lr=0.12345678901234567)";
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) row = g_string_new (NULL);

  g_ptr_array_add (args, (char *) "eval");
  g_ptr_array_add (args, (char *) "-n");
  g_ptr_array_add (args, (char *) "3");
  g_ptr_array_add (args, (char *) "--format");
  g_ptr_array_add (args, (char *) format);
  for (guint i = 0; i < MANY_SPECS; i++)
    g_ptr_array_add (args, (char *) spec);
  run_cli_argv (&run, args);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  if (strcmp (format, "json") == 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonArray *rows;

      json_parser_load_from_data (parser, run.out, -1, &error);
      g_assert_no_error (error);
      rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                           "rows");
      g_assert_cmpuint (json_array_get_length (rows), ==, 3);
      for (guint t = 0; t < 3; t++)
        {
          JsonArray *r = json_array_get_array_element (rows, t);

          g_assert_cmpuint (json_array_get_length (r), ==, MANY_SPECS + 1);
          g_assert_cmpint (json_array_get_int_element (r, 0), ==, t);
          for (guint i = 1; i <= MANY_SPECS; i++)
            g_assert_cmpfloat (json_array_get_double_element (r, i), ==, 0.12345678901234567);
        }
      return;
    }

  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[4], ==, "");
  for (guint t = 0; t < 3; t++)
    {
      g_string_printf (row, "%u", t);
      for (guint i = 0; i < MANY_SPECS; i++)
        g_string_append (row, ",0.12345678901234566");
      g_assert_cmpstr (lines[t + 1], ==, row->str);
    }
}

static const char * const refused[] = {
  "cosine-wave(lr_strat=0.1)", "cosine(lr=-0.1)", "cosine(lr=nan)", "cosine(t_max=0)",
  "exp-cycles(cycles=51)", "linear() -> cosine()", "cosine(", "", "cosine(lr=1/0)",
  "cyclic(mode=sine)", "multistep(milestones=[1, x])", "wobble()", "cosine() junk",
  "cosine(lr=0.1, lr=0.2)", "step(gamma=2)", "cosine(lr=inf)", "onecycle(total_steps=2)",
  "cosine(lr=1e-400)", "->cosine()", "-cosine()", "cosine(lr=0x10)",
};

static void
test_refusals (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    for (guint command = 0; command < 2; command++)
      {
        g_auto(Run) run = { 0 };
        GRegex *regex;

        run_cli (&run, command ? "check" : "eval", refused[i]);
        if (run.status != 2)
          g_error ("'%s' exited with %d", refused[i], run.status);
        g_assert_cmpstr (run.out, ==, "");
        g_assert_cmpuint (count_lines (run.err), ==, 1);
        regex = g_regex_new ("^error: column [0-9]+: .+\n$", 0, 0, NULL);
        if (!g_regex_match (regex, run.err, 0, NULL))
          g_error ("'%s': %s", refused[i], run.err);
        g_regex_unref (regex);
      }
}

static void
test_refusal_names_the_spec (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "eval", "cosine()", "cosine(t_max=-1)");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==,
                   "error: column 14: 't_max' must be at least 1 (got -1) [spec 2 of 2]\n");
}

static void
test_check (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "check", "cosine(lr=0.1, t_max=45)", "linear(for=5)->cosine()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "cosine(t_max=45)\nlinear(for=5) -> cosine()\n");
  run_clear (&run);

  run_cli (&run, "check");
  g_assert_cmpint (run.status, ==, 2);
}

/* check -n N: one line per pitfall on standard error, "warning: column C: ID: …",
 * C the column of the stage; exit status 0; without -n nothing is looked for. */
static void
test_check_pitfalls (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "check", "-n", "80", "sgdr(lr=0.1, t_0=10, t_mult=2, eta_min=0.0001)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "sgdr(t_mult=2, eta_min=0.0001)\n");
  g_assert_cmpstr (run.err, ==,
                   "warning: column 1: ends-mid-cycle: training stops at epoch 79, just after "
                   "the restart at epoch 70, in the first half of a cycle of 80 epochs, at a "
                   "high rate; end training at the end of a cycle: N = 70\n");
  run_clear (&run);

  /* Hugging Face's cosine of two waves, stopped on the fall after its second crest;
   * in a sequence, the epochs and the fix are the run's. */
  run_cli (&run, "check", "-n", "60", "cosine-cycles(steps=100, cycles=2, eta_min=0.001)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==,
                   "warning: column 1: ends-mid-cycle: training stops at epoch 59, just after "
                   "the crest of the wave at epoch 50, at a high rate; end training at the end "
                   "of a cycle: N = 76\n");
  run_clear (&run);
  run_cli (&run, "check", "-n", "70",
           "ramp(from=0.01, to=0.1, steps=10, for=10) -> cosine-cycles(steps=100, cycles=2, "
           "eta_min=0.001)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==,
                   "warning: column 46: ends-mid-cycle: training stops at epoch 69, just after "
                   "the crest of the wave at epoch 60, at a high rate; end training at the end "
                   "of a cycle: N = 86\n");
  run_clear (&run);

  /* The stage's column, past the arrow and the blanks after it. */
  run_cli (&run, "check", "--epochs=30", "constant(for=30) ->  cosine(t_max=20)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.err, "warning: column 22: unreached-milestone: "));
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  run_clear (&run);

  /* A vertical tab is white space between tokens, as the parser takes it (the stage
   * was put one column early: 21, and 0 before a first stage). */
  run_cli (&run, "check", "--epochs=30", "constant(for=30) ->\v\vcosine(t_max=20)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.err, "warning: column 22: unreached-milestone: "));
  run_clear (&run);
  run_cli (&run, "check", "--epochs=30", "\v\fconstant(for=30) -> cosine(t_max=20)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.err, "warning: column 23: unreached-milestone: "));
  run_clear (&run);
  run_cli (&run, "check", "-n", "3", "\vramp()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.err, "warning: column 2: "));
  run_clear (&run);

  run_cli (&run, "check", "-n", "50", "constant(for=50) -> cosine()",
           "ramp(steps=5, for=5) -> cosine(t_max=30)");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_lines (run.out), ==, 2);
  g_assert_cmpstr (run.err, ==,
                   "warning: column 21: unreached-milestone: this stage starts at epoch 50, at "
                   "or beyond the run's 50 epochs: it never happens [spec 1 of 2]\n"
                   "warning: column 1: zero-rate: the rate is exactly 0 at epoch 0, before the "
                   "last epoch: a step that learns nothing [spec 2 of 2]\n"
                   "warning: column 25: past-horizon: the run goes on to epoch 49, past the end "
                   "of t_max = 30 at epoch 35: PyTorch's CosineAnnealingLR rises again there, "
                   "while other libraries hold eta_min; set t_max = 44 [spec 2 of 2]\n"
                   "warning: column 25: zero-rate: the rate is exactly 0 at epoch 35, before "
                   "the last epoch: a step that learns nothing [spec 2 of 2]\n");
  run_clear (&run);

  /* Sound schedules are silent: the notebook's figures. */
  run_cli (&run, "check", "-n", "50", "hold-decay()", "cosine-wave()", "exp-cycles()",
           "damped-cosine-wave()", "damped-exp-cycles()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  /* Without -n, check only validates. */
  run_cli (&run, "check", "multistep()", "cyclic()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  run_cli (&run, "check", "-n", "0", "cosine()");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_true (g_str_has_prefix (run.err, "error: -n: "));
}

static void
test_list (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *kinds;

  run_cli (&run, "list");
  g_assert_cmpint (run.status, ==, 0);
  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);
      g_autofree char *heading = g_strdup_printf ("%s — ", anneal_kind_get_name (kind));

      g_assert_nonnull (strstr (run.out, heading));
    }
  /* the parameters' columns line up: a default, whatever it is, ends before the
   * range's column (character 41; "(see description)" pushed its row's columns out) */
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);
    guint rows = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        const char *type;

        if (!g_str_has_prefix (lines[i], "  ") || g_utf8_strlen (lines[i], -1) < 42)
          continue;
        type = g_utf8_offset_to_pointer (lines[i], 20);
        if (!g_str_has_prefix (type, "number ") && !g_str_has_prefix (type, "integer ") &&
            !g_str_has_prefix (type, "choice ") && !g_str_has_prefix (type, "boolean ") &&
            !g_str_has_prefix (type, "list "))
          continue;
        rows++;
        g_assert_cmpint (*g_utf8_offset_to_pointer (lines[i], 40), ==, ' ');
        g_assert_cmpint (*g_utf8_offset_to_pointer (lines[i], 41), !=, ' ');
      }
    g_assert_cmpuint (rows, >, 50);
  }
  run_clear (&run);

  run_cli (&run, "list", "--json");
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  kinds = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (kinds), ==, anneal_kind_get_count ());
  for (guint i = 0; i < json_array_get_length (kinds); i++)
    {
      JsonObject *kind = json_array_get_object_element (kinds, i);
      const AnnealKind *expected = anneal_kind_get_nth (i);
      JsonArray *params = json_object_get_array_member (kind, "params");

      g_assert_cmpstr (json_object_get_string_member (kind, "name"), ==,
                       anneal_kind_get_name (expected));
      g_assert_cmpuint (json_array_get_length (params), ==, anneal_kind_get_n_params (expected));
      for (guint j = 0; j < anneal_kind_get_n_params (expected); j++)
        {
          JsonObject *param = json_array_get_object_element (params, j);
          const AnnealParam *expected_param = anneal_kind_get_param (expected, j);

          g_assert_cmpstr (json_object_get_string_member (param, "name"), ==,
                           anneal_param_get_name (expected_param));
          g_assert_cmpstr (json_object_get_string_member (param, "type"), ==,
                           anneal_param_type_to_string (
                             anneal_param_get_value_type (expected_param)));
          g_assert_true (json_object_has_member (param, "default"));
          g_assert_true (json_object_has_member (param, "summary"));
        }
    }
  run_clear (&run);

  run_cli (&run, "list", "extra");
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_golden_through_cli (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cases.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint checked = 0;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      g_auto(Run) run = { 0 };
      g_autofree char *golden_path = NULL;
      g_autofree char *golden = NULL;
      g_auto(GStrv) got = NULL;
      g_auto(GStrv) want = NULL;
      double tol;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", 4);
      tol = g_ascii_strtod (f[2], NULL);
      run_cli (&run, "eval", "-n", f[1], f[3]);
      g_assert_cmpint (run.status, ==, 0);

      golden_path = g_strdup_printf ("%s/data/%s.csv", g_test_get_dir (G_TEST_DIST), f[0]);
      g_assert_true (g_file_get_contents (golden_path, &golden, NULL, NULL));
      got = g_strsplit (run.out, "\n", -1);
      want = g_strsplit (golden, "\n", -1);
      g_assert_cmpuint (g_strv_length (got), ==, g_strv_length (want));
      for (guint k = 1; want[k] != NULL && want[k][0] != '\0'; k++)
        {
          double a = g_ascii_strtod (strchr (got[k], ',') + 1, NULL);
          double b = g_ascii_strtod (strchr (want[k], ',') + 1, NULL);

          g_assert_cmpfloat (fabs (a - b), <=, tol * fabs (b) + 1e-15);
        }
      checked++;
    }
  g_assert_cmpuint (checked, >=, 12);
}

static void
test_numbers_in_c_locale (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) env = g_get_environ ();

  env = g_environ_setenv (env, "LC_ALL", "de_DE.UTF-8", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "de", TRUE);
  run_cli_env (&run, env, "eval", "-n", "2", "constant(lr=0.25)", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "epoch,constant(lr=0.25)\n0,0.25\n1,0.25\n");
}

/* A UTF-8 title where no locale is set (cron, containers): GOption's conversion
 * from the locale's encoding refused it ("Invalid byte sequence"); a title that is
 * not UTF-8 is refused naming the option. */
static void
test_title_without_locale (void)
{
  g_autofree char *dir = g_dir_make_tmp ("anneal-cli-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "t.svg", NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *contents = NULL;

  env = g_environ_unsetenv (env, "LANG");
  env = g_environ_unsetenv (env, "LANGUAGE");
  env = g_environ_setenv (env, "LC_ALL", "C", TRUE);
  {
    g_auto(Run) run = { 0 };

    run_cli_env (&run, env, "render", "--title", "Lernrate – θ", "-o", svg, "cosine()", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "<title>Lernrate – θ</title>"));
  }
  {
    g_auto(Run) run = { 0 };

    run_cli_env (&run, env, "render", "--title", "bad \xff", "-o", svg, "cosine()", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_cmpstr (run.err, ==, "error: --title must be UTF-8 text\n");
  }
  g_unlink (svg);
  g_rmdir (dir);
}

/* An option's value GOption cannot convert from the locale's character set (bytes
 * that are not UTF-8; any non-ASCII without a locale) is refused naming the option:
 * GOption's own message said only "Invalid byte sequence in conversion input". */
static void
test_option_value_unreadable (void)
{
  static const struct { const char *args[4]; const char *option; gboolean no_locale; } cases[] = {
    { { "eval", "--format", "\xff", "cosine()" }, "--format", FALSE },
    { { "eval", "--format=\xff", "cosine()", NULL }, "--format", FALSE },
    { { "eval", "-n", "1\xff", "cosine()" }, "-n", FALSE },
    { { "render", "--size", "1\xff", "cosine()" }, "--size", FALSE },
    { { "eval", "--format", "csv\u00e9", "cosine()" }, "--format", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) env = g_get_environ ();
      g_auto(Run) run = { 0 };
      g_autofree char *expected = g_strdup_printf ("error: Could not read the value of %s: ",
                                                   cases[i].option);

      if (cases[i].no_locale)
        {
          env = g_environ_unsetenv (env, "LANG");
          env = g_environ_unsetenv (env, "LANGUAGE");
          env = g_environ_setenv (env, "LC_ALL", "C", TRUE);
        }
      run_cli_env (&run, env, cases[i].args[0], cases[i].args[1], cases[i].args[2],
                   cases[i].args[3], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, expected));
      g_assert_cmpint (strchr (run.err, '\n') - run.err + 1, ==, strlen (run.err));
    }
}

/* check -n's warnings are its answer: when standard error cannot take them (full,
 * closed) the command fails, exit 1; without warnings to write, or with standard
 * error fine, exit 0. */
static void
test_check_warnings_lost (void)
{
  static const struct { const char *command; int status; } cases[] = {
    { "\"$ANNEAL_CLI\" check -n 80 'sgdr(t_0=10, t_mult=2)' 2>/dev/full", 1 },
    { "\"$ANNEAL_CLI\" check -n 80 'sgdr(t_0=10, t_mult=2)' 2>&-", 1 },
    { "\"$ANNEAL_CLI\" check -n 80 'sgdr(t_0=10, t_mult=2)' 2>/dev/null", 0 },
    { "\"$ANNEAL_CLI\" check -n 70 'sgdr(t_0=10, t_mult=2)' 2>/dev/full", 0 },
    { "\"$ANNEAL_CLI\" check 'sgdr(t_0=10, t_mult=2)' 2>&-", 0 },
  };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      const char *argv[] = { "/bin/sh", "-c", cases[i].command, NULL };
      int wait_status = 0;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                    &out, NULL, &wait_status, &error);
      g_assert_no_error (error);
      g_test_message ("%s", cases[i].command);
      g_assert_cmpint (WEXITSTATUS (wait_status), ==, cases[i].status);
      g_assert_cmpstr (out, ==, "sgdr(t_mult=2)\n");
    }
}

/* import - that cannot read its standard input (a folder) names it as such */
static void
test_import_stdin_unreadable (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "/bin/sh", "-c", "\"$ANNEAL_CLI\" import - < /", NULL };
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_true (g_str_has_prefix (err, "error: cannot read standard input: "));
  g_assert_cmpuint (count_lines (err), ==, 1);
}

static void
test_write_failure (void)
{
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  const char *argv[] = { "/bin/sh", "-c", "\"$ANNEAL_CLI\" eval -n 100000 'cosine()' > /dev/full", NULL };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run.out, &run.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "error: could not write the output"));
  g_assert_cmpuint (count_lines (run.err), ==, 1);
}

/* Issue 9 item 6: every command reports a failed write on standard output. */
static const struct
{
  const char *name;
  const char *command;
} stdout_commands[] = {
  { "eval", "eval -n 100000 'cosine()'" },
  { "eval-json", "eval -n 3 --format json 'cosine()'" },
  { "check", "check 'cosine()'" },
  /* pitfalls found (past-horizon), yet only the failed write is reported */
  { "check-pitfalls", "check -n 100 'cosine(t_max=10)'" },
  { "list", "list" },
  { "list-json", "list --json" },
  { "help", "--help" },
  { "eval-help", "eval --help" },
  { "version", "--version" },
};

static void
test_stdout_failure (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data) / 2;
  gboolean closed = GPOINTER_TO_UINT (data) % 2;
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  int wait_status = 0;
  const char *argv[] = { "/bin/sh", "-c", NULL, NULL };

  if (!closed && !g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }
  script = g_strdup_printf ("\"$ANNEAL_CLI\" %s %s", stdout_commands[i].command,
                            closed ? ">&-" : "> /dev/full");
  argv[2] = script;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run.out, &run.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_cmpstr (run.err, ==, closed
                   ? "error: could not write the output: Bad file descriptor\n"
                   : "error: could not write the output: No space left on device\n");
}

/* Standard output to a file past `ulimit -f` (RLIMIT_FSIZE, here 512 bytes): write()
 * fails with EFBIG, reported as any failed write is — not SIGXFSZ ending the process
 * without a word (exit 153 from a shell). */
static const struct
{
  const char *name;
  const char *command;
} file_size_commands[] = {
  { "eval", "eval -n 100000 'cosine()'" },
  { "eval-json", "eval -n 100000 --format json 'cosine()'" },
  { "list", "list" },
  { "list-json", "list --json" },
  { "check", "check" },  /* with 2000 specs */
  { "code", "code --to python 'restarts(shape=poly, t_mul=2)'" },
  { "help", "--help" },
};

#define FILE_SIZE_LIMIT 512

/* In the child, before the shell: its ulimit would count in its own blocks. */
static void
limit_file_size (gpointer data)
{
  struct rlimit limit = { FILE_SIZE_LIMIT, FILE_SIZE_LIMIT };

  setrlimit (RLIMIT_FSIZE, &limit);
}

static void
test_stdout_file_size (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("anneal-cli-XXXXXX", &error);
  g_autofree char *out = NULL;
  g_autoptr(GString) script = g_string_new ("exec \"$ANNEAL_CLI\" ");
  const char *argv[] = { "/bin/sh", "-c", NULL, "sh", NULL, NULL };
  int wait_status = 0;
  GStatBuf st;

  g_assert_no_error (error);
  out = g_build_filename (dir, "out", NULL);
  g_string_append (script, file_size_commands[i].command);
  if (strcmp (file_size_commands[i].name, "check") == 0)
    for (guint k = 0; k < 2000; k++)
      g_string_append (script, " 'cosine()'");
  g_string_append (script, " > \"$1\"");
  argv[2] = script->str;
  argv[4] = out;  /* $1 */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, limit_file_size, NULL,
                &run.out, &run.err, &wait_status, &error);
  g_assert_no_error (error);
  if (WIFSIGNALED (wait_status))
    g_error ("%s: ended by signal %d (%s)", file_size_commands[i].command,
             WTERMSIG (wait_status), g_strsignal (WTERMSIG (wait_status)));
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
  g_assert_cmpstr (run.err, ==, "error: could not write the output: File too large\n");
  /* the limit was reached: the output was cut there, not left empty */
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, FILE_SIZE_LIMIT);

  g_unlink (out);
  g_rmdir (dir);
}

/* "--" ends the options and is no spec. */
static void
test_double_dash (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "check", "--", "->cosine()");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "error: column 1: expected a schedule kind, not '-'\n");
  run_clear (&run);

  run_cli (&run, "check", "--", "cosine()", "-n");
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.err, ==, "error: column 1: expected a schedule kind, not '-' [spec 2 of 2]\n");
  run_clear (&run);

  run_cli (&run, "eval", "-n", "1", "--", "cosine()");
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "epoch,cosine()\n0,0.1\n");
}

/* What a terminal would obey is never echoed raw: ESC, DEL, CSI, bidi overrides. */
static const struct
{
  const char *argument;
  const char *shown;
} echoed[] = {
  { "cosine()\x1b]0;owned\x07", "'\\x1b'" },
  { "cosine(lr=0.1\x7f)", "'\\x7f'" },
  { "cosine(lr=\xc2\x9b" "31m)", "'\\u009B'" },
  { "cosine()\xe2\x80\xae" "txt.exe", "'\\u202E'" },
  /* inside a word: at that character, named */
  { "cos\x1b[31mine()", "column 4: unknown schedule kind 'cos\\x1b': '\\x1b' (U+001B)" },
  { "cyclic(mode=tri\xe2\x80\xae" "angular)",
    "column 16: unknown mode 'tri\\u202Eangular' for cyclic: '\\u202E' (U+202E)" },
  { "cosine(lr\x7f=1)", "column 10: unknown parameter 'lr\\x7f' for cosine: '\\x7f' (U+007F)" },
};

static void
test_echo_escaped (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_auto(Run) run = { 0 };

  run_cli (&run, "check", echoed[i].argument);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_nonnull (strstr (run.err, echoed[i].shown));
  for (const char *p = run.err; *p; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
  g_assert_null (strstr (run.err, "\xc2\x9b"));
  g_assert_null (strstr (run.err, "\xe2\x80\xae"));
  run_clear (&run);

  /* Options echo their values too. */
  run_cli (&run, "eval", "--format", echoed[i].argument, "cosine()");
  g_assert_cmpint (run.status, ==, 2);
  for (const char *p = run.err; *p; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
  g_assert_null (strstr (run.err, "\xc2\x9b"));
  g_assert_null (strstr (run.err, "\xe2\x80\xae"));
}

/* Issue 9 item 5: a signal during a long render leaves no temporary file. */
/* The signal with its default action, as a terminal gives it: a shell without job
 * control starts a background command with SIGINT and SIGQUIT ignored, and an ignored
 * signal is left so by anneal-cli (and by exec). SIGQUIT and SIGXCPU dump core by
 * default: not here. */
static void
default_signal_no_core (gpointer data)
{
  struct rlimit none = { 0, 0 };

  signal (GPOINTER_TO_INT (data), SIG_DFL);
  setrlimit (RLIMIT_CORE, &none);
}

static void
test_render_signal (gconstpointer data)
{
  int sig = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("anneal-cli-XXXXXX", &error);
  g_autofree char *out = NULL;
  const char *argv[] = { g_getenv ("ANNEAL_CLI"), "render", "-n", "300000000", "-o", NULL,
                         "cosine()", NULL };
  gboolean seen = FALSE;
  GPid pid;
  int status = 0;

  g_assert_no_error (error);
  out = g_build_filename (dir, "values.csv", NULL);
  argv[5] = out;
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                 default_signal_no_core, GINT_TO_POINTER (sig), &pid, &error);
  g_assert_no_error (error);

  /* Wait until the temporary file is there, then signal. */
  for (guint i = 0; i < 1000 && !seen; i++)
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while ((name = g_dir_read_name (d)) != NULL)
        seen |= g_str_has_prefix (name, ".anneal-");
      if (!seen)
        g_usleep (10000);
    }
  g_assert_true (seen);
  kill (pid, sig);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, sig);

  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name = g_dir_read_name (d);

    if (name != NULL)
      g_error ("left behind: %s", name);
  }
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anneal/cli/help-and-usage", test_help_and_usage);
  g_test_add_func ("/anneal/cli/eval-csv", test_eval_csv);
  g_test_add_func ("/anneal/cli/eval-epochs-option", test_eval_epochs_option);
  g_test_add_func ("/anneal/cli/eval-quoting", test_eval_quoting);
  g_test_add_func ("/anneal/cli/eval-steps", test_eval_steps);
  g_test_add_func ("/anneal/cli/render-steps", test_render_steps);
  g_test_add_func ("/anneal/cli/import-json", test_import_json);
  g_test_add_func ("/anneal/cli/import-syntax-error", test_import_syntax_error);
  g_test_add_func ("/anneal/cli/eval-json", test_eval_json);
  g_test_add_data_func ("/anneal/cli/eval-long-rows/csv", "csv", test_eval_long_rows);
  g_test_add_data_func ("/anneal/cli/eval-long-rows/json", "json", test_eval_long_rows);
  g_test_add_func ("/anneal/cli/refusals", test_refusals);
  g_test_add_func ("/anneal/cli/refusal-names-the-spec", test_refusal_names_the_spec);
  g_test_add_func ("/anneal/cli/check", test_check);
  g_test_add_func ("/anneal/cli/check-pitfalls", test_check_pitfalls);
  g_test_add_func ("/anneal/cli/list", test_list);
  g_test_add_func ("/anneal/cli/golden", test_golden_through_cli);
  g_test_add_func ("/anneal/cli/numbers-in-c-locale", test_numbers_in_c_locale);
  g_test_add_func ("/anneal/cli/write-failure", test_write_failure);
  g_test_add_func ("/anneal/cli/title-without-locale", test_title_without_locale);
  g_test_add_func ("/anneal/cli/option-value-unreadable", test_option_value_unreadable);
  g_test_add_func ("/anneal/cli/check-warnings-lost", test_check_warnings_lost);
  g_test_add_func ("/anneal/cli/import-stdin-unreadable", test_import_stdin_unreadable);
  for (guint i = 0; i < G_N_ELEMENTS (stdout_commands); i++)
    for (guint closed = 0; closed < 2; closed++)
      {
        g_autofree char *path = g_strdup_printf ("/anneal/cli/stdout-failure/%s/%s",
                                                 stdout_commands[i].name,
                                                 closed ? "closed" : "full");

        g_test_add_data_func (path, GUINT_TO_POINTER (2 * i + closed), test_stdout_failure);
      }
  for (guint i = 0; i < G_N_ELEMENTS (file_size_commands); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/cli/stdout-failure/%s/file-size",
                                               file_size_commands[i].name);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_stdout_file_size);
    }
  g_test_add_func ("/anneal/cli/double-dash", test_double_dash);
  {
    static const struct { const char *name; int sig; } signals[] = {
      { "SIGTERM", SIGTERM }, { "SIGHUP", SIGHUP }, { "SIGINT", SIGINT },
      { "SIGQUIT", SIGQUIT }, { "SIGXCPU", SIGXCPU }, { "SIGUSR1", SIGUSR1 }, { "SIGUSR2", SIGUSR2 }, { "SIGALRM", SIGALRM },
      { "SIGVTALRM", SIGVTALRM }, { "SIGPROF", SIGPROF },
    };

    for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
      {
        g_autofree char *path = g_strdup_printf ("/anneal/cli/render-signal/%s",
                                                 signals[i].name);

        g_test_add_data_func (path, GINT_TO_POINTER (signals[i].sig), test_render_signal);
      }
  }
  for (guint i = 0; i < G_N_ELEMENTS (echoed); i++)
    {
      g_autofree char *path = g_strdup_printf ("/anneal/cli/echo-escaped/%u", i);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_echo_escaped);
    }

  return g_test_run ();
}
