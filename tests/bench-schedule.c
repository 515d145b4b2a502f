/* bench-schedule.c — how fast schedules evaluate and anneal-cli eval writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints figures; asserts nothing about time. Run with `meson test --benchmark`
 * (or directly: ANNEAL_CLI=path/to/anneal-cli bench-schedule [--quick]).
 */
#include <anneal.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static double sink;

static double
seconds (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
bench_kinds (gint64 bulk_n)
{
  g_autofree double *values = g_new (double, bulk_n);

  printf ("%-20s %14s %16s\n", "kind (defaults)", "single ns/value", "bulk Mvalues/s");
  printf ("(bulk: one anneal_schedule_fill() of %" G_GINT64_FORMAT " epochs, %u threads)\n",
          bulk_n, g_get_num_processors ());
  for (guint i = 0; i < anneal_kind_get_count (); i++)
    {
      const AnnealKind *kind = anneal_kind_get_nth (i);
      g_autoptr(AnnealSchedule) s = anneal_schedule_new_default (kind);
      const gint64 single_n = 2000000;
      double t0, single, bulk;
      double acc = 0;

      /* Single values at scattered epochs (a multiplicative walk), as a chart's hover does. */
      t0 = seconds ();
      for (gint64 k = 0, t = 1; k < single_n; k++, t = (t * 6364136223846793005LL + 1) & 0xffffffffffLL)
        acc += anneal_schedule_value (s, t);
      single = (seconds () - t0) / single_n * 1e9;

      /* One call for the whole array, as a caller filling a buffer makes it. */
      t0 = seconds ();
      anneal_schedule_fill (s, 0, (gsize) bulk_n, values);
      acc += values[bulk_n - 1];
      bulk = bulk_n / (seconds () - t0) / 1e6;
      sink += acc;

      printf ("%-20s %14.1f %16.1f\n", anneal_kind_get_name (kind), single, bulk);
    }
}

static void
bench_range (void)
{
  /* A chart's envelope: one range per pixel column, on the app's main loop */
  static const char * const specs[] = {
    "damped-cosine-wave()", "cosine()", "cosine(t_max=1000, eta_min=0.001)",
    "cosine(t_max=10000, eta_min=0.01)", "cosine(t_max=100000, eta_min=0.001)",
  };
  const int columns = 1920;
  const gint64 n = G_GINT64_CONSTANT (1000000000);

  printf ("\nrange: %d column envelopes over 10^9 epochs\n", columns);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) s = anneal_schedule_parse (specs[i], NULL, NULL);
      double t0 = seconds (), lo, hi;

      for (int c = 0; c < columns; c++)
        {
          anneal_schedule_range (s, n * c / columns, n * (c + 1) / columns - 1, &lo, &hi);
          sink += lo + hi;
        }
      printf ("%-36s %10.2f ms\n", specs[i], (seconds () - t0) * 1e3);
    }
}

static void
bench_column_range (void)
{
  /* The same as a chart draws it: 256 pieces at most at each end of a column, over
   * 10^15 epochs; timm's restarts with t_mul a hair above 1 are the costly ones */
  static const char * const specs[] = {
    "restarts(t_mul=1.000001)", "restarts(t_mul=1.0000000001)",
    "restarts(t_mul=1.0001, power=0.37)", "cosine-cycles()", "cyclic(step_size_up=1)",
  };
  const int columns = 1920;
  const gint64 n = G_GINT64_CONSTANT (1000000000000000);

  printf ("\nrange_limited: %d column envelopes over 10^15 epochs, 256 pieces a column end\n",
          columns);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) s = anneal_schedule_parse (specs[i], NULL, NULL);
      double t0 = seconds (), lo, hi;

      for (int c = 0; c < columns; c++)
        {
          anneal_schedule_range_limited (s, n / columns * c, n / columns * (c + 1) - 1, 256,
                                         &lo, &hi);
          sink += lo + hi;
        }
      printf ("%-36s %10.2f ms\n", specs[i], (seconds () - t0) * 1e3);
    }
}

typedef struct
{
  const AnnealSchedule *schedule;
  gint64                epochs;
  GCancellable         *cancellable;
  AnnealStats           stats;
  gboolean              done;
  gint                  finished;
} StatsJob;

static gpointer
stats_thread (gpointer data)
{
  StatsJob *job = data;

  job->done = anneal_schedule_stats_full (job->schedule, 0, job->epochs - 1, &job->stats,
                                          job->cancellable, NULL);
  g_atomic_int_set (&job->finished, 1);
  return NULL;
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* Statistics over 0 … N−1 in a worker thread, cancelled after @limit seconds as
 * the app cancels a computation whose schedule changed. */
static double
time_stats (const AnnealSchedule *schedule,
            gint64                epochs,
            double                limit,
            gboolean             *done)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GSource) timeout = g_timeout_source_new ((guint) (limit * 1000));
  StatsJob job = { schedule, epochs, cancellable };
  GThread *thread;
  double start = seconds ();

  g_source_set_callback (timeout, cancel_cb, cancellable, NULL);
  g_source_attach (timeout, context);
  thread = g_thread_new ("bench-stats", stats_thread, &job);
  while (!g_atomic_int_get (&job.finished))
    {
      g_main_context_iteration (context, FALSE);
      g_usleep (100);
    }
  g_thread_join (thread);
  g_source_destroy (timeout);
  sink += job.stats.sum;
  *done = job.done;
  return seconds () - start;
}

static void
bench_stats (double limit)
{
  static const char * const specs[] = {
    "exponential()", "hold-decay()", "step()", "multistep()", "linear()", "cosine()",
    "cosine(t_max=1000000000)", "cosine-wave()", "cosine-wave(period=1000000000)",
    "sgdr()", "sgdr(t_mult=2)", "sgdr(t_0=3, decay=0.9)", "onecycle()",
    "onecycle(total_steps=1000000000000000)", "cyclic()", "cyclic(mode=triangular2)",
    "cyclic(mode=exp_range, gamma=0.99)", "exp-cycles()", "damped-cosine-wave()",
    "damped-exp-cycles()", "damped-cosine-wave(period=1000000000)",
    "damped-exp-cycles(epochs=1000000000000, cycles=3)", "poly()", "wsd()",
    "wsd(warmup=1000000000, decay=100000000000, decay_shape=sqrt)", "cosine-cycles()",
    "cosine-cycles(cycles=3.7)", "cosine-cycles(steps=1000000000000, cycles=1000, restarts=true)",
    "restarts()", "restarts(t_mul=2, decay=0.9, shape=poly, power=0.5)",
    "restarts(damp=range, decay=0.99, warmup=100)", "cosine(exponent=2, t_max=1000000000)",
    "cyclic(step_size_up=1000000000)", "inverse-sqrt()", "constant()",
    "linear(for=5) -> cosine(t_max=45, for=45) -> exponential()",
    /* many growing cycles; cycles longer than a period is added up; many pieces */
    "restarts(t_mul=1.01)", "restarts(t_mul=1.0001, decay=0.999)",
    "restarts(t_mul=1.001, damp=range, decay=0.99)", "restarts(t_mul=1.01, shape=poly, power=2)",
    "exp-cycles(epochs=1000000000000, cycles=3)", "exp-cycles(epochs=100000000, a=0.0001)",
    "cosine-cycles(steps=1000, cycles=123.456789)",
    /* peaks below eta_min: value() cancels (the values were added up before session 13) */
    "restarts(shape=poly, power=0.001, t_mul=1.001, eta_min=0.01, decay=0.99)",
    "restarts(k=1000, t_mul=1.001, eta_min=0.01, decay=0.99)",
  };
  static const gint64 spans[] = {
    G_GINT64_CONSTANT (1000000000), G_GINT64_CONSTANT (1000000000000000),
  };

  printf ("\n%-64s %12s %12s\n", "anneal_schedule_stats_full (0 … N−1)", "N = 10^9", "N = 10^15");
  printf ("(a worker thread, cancelled after %g s: \"cancelled\")\n", limit);
  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    {
      g_autoptr(AnnealSchedule) schedule = anneal_schedule_parse (specs[i], NULL, NULL);

      printf ("%-64s", specs[i]);
      for (guint k = 0; k < G_N_ELEMENTS (spans); k++)
        {
          gboolean done;
          double elapsed = time_stats (schedule, spans[k], limit, &done);

          if (done)
            printf (" %9.3f ms", elapsed * 1e3);
          else
            printf (" %12s", "cancelled");
        }
      printf ("\n");
      fflush (stdout);
    }
}

static void
bench_cli (const char *cli,
           const char *epochs,
           const char *spec)
{
  struct rusage usage;
  int status = 0;
  double t0, elapsed;
  pid_t pid;

  fflush (stdout);
  t0 = seconds ();
  pid = fork ();

  if (pid == 0)
    {
      FILE *null = freopen ("/dev/null", "w", stdout);

      (void) null;
      execl (cli, cli, "eval", "-n", epochs, spec, (char *) NULL);
      _exit (127);
    }
  wait4 (pid, &status, 0, &usage);
  elapsed = seconds () - t0;
  printf ("anneal-cli eval -n %s '%s' > /dev/null: %.2f s, %.1f Mrows/s, peak RSS %ld KiB%s\n",
          epochs, spec, elapsed, g_ascii_strtod (epochs, NULL) / elapsed / 1e6,
          usage.ru_maxrss, WIFEXITED (status) && WEXITSTATUS (status) == 0 ? "" : " (FAILED)");
}

int
main (int    argc,
      char **argv)
{
  const char *cli = g_getenv ("ANNEAL_CLI");
  gboolean quick = argc > 1 && strcmp (argv[1], "--quick") == 0;

  printf ("Anneal schedule benchmark (%s)\n\n", quick ? "quick" : "full");
  bench_kinds (quick ? 1000000 : 10000000);
  bench_range ();
  bench_column_range ();
  bench_stats (quick ? 0.5 : 2);

  if (cli != NULL)
    {
      printf ("\n");
      bench_cli (cli, quick ? "1000000" : "10000000", "cosine()");
      bench_cli (cli, quick ? "1000000" : "10000000", "damped-exp-cycles()");
      if (!quick)
        bench_cli (cli, "100000000", "cosine()");
    }
  return sink == 42 ? 1 : 0;
}
