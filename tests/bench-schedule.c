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
  g_autoptr(AnnealSchedule) s = anneal_schedule_parse ("damped-cosine-wave()", NULL, NULL);
  const int columns = 1920;
  const gint64 n = G_GINT64_CONSTANT (1000000000);
  double t0 = seconds (), lo, hi;

  for (int c = 0; c < columns; c++)
    {
      anneal_schedule_range (s, n * c / columns, n * (c + 1) / columns - 1, &lo, &hi);
      sink += lo + hi;
    }
  printf ("\nrange: %d column envelopes of damped-cosine-wave() over 10^9 epochs: %.2f ms\n",
          columns, (seconds () - t0) * 1e3);
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
