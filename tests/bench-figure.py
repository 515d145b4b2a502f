#!/usr/bin/python3
"""The notebook's figure as whole processes, side by side in one run.

`anneal-cli render` of the notebook's five schedules at 10^6 epochs into a
1920x1080 PNG, against numpy + matplotlib making the same figure
(bench-matplotlib.py --once), each a whole process from exec to exit:
interpreter and library loading, font set-up, drawing and PNG encoding.
Prints the wall and CPU (user + system) times, best and median, and the
ratios (target: Anneal at least 20 times faster in both).

  bench-figure.py ANNEAL_CLI BENCH_MATPLOTLIB_PY [EPOCHS]

ANNEAL_BENCH_RUNS (default 10) and ANNEAL_BENCH_MPL_RUNS (default 2) set the
number of runs. Asserts nothing."""
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

SPECS = ["hold-decay()", "cosine-wave()", "exp-cycles()",
         "damped-cosine-wave()", "damped-exp-cycles()"]


def measure(argv, runs):
    """Wall and CPU seconds of each of @runs runs of @argv."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def row(name, walls, cpus):
    print("%-22s %5d %10.1f %10.1f %10.1f %10.1f" %
          (name, len(walls), min(walls) * 1e3, statistics.median(walls) * 1e3,
           min(cpus) * 1e3, statistics.median(cpus) * 1e3))


def main():
    cli, mpl = sys.argv[1], sys.argv[2]
    epochs = int(sys.argv[3]) if len(sys.argv) > 3 else 1000000
    runs = int(os.environ.get("ANNEAL_BENCH_RUNS", "10"))
    mpl_runs = int(os.environ.get("ANNEAL_BENCH_MPL_RUNS", "2"))

    with tempfile.TemporaryDirectory() as d:
        anneal = [cli, "render", "-n", str(epochs), "--size", "1920x1080",
                  "-o", d + "/anneal.png"] + SPECS
        python = ["/usr/bin/python3", mpl, "--once", str(epochs), d + "/mpl.png"]

        print("# the notebook's five schedules, %d epochs, 1920x1080 PNG, whole processes" % epochs)
        print("%-22s %5s %10s %10s %10s %10s" %
              ("program", "runs", "wall best", "median", "CPU best", "median"))
        print("%-22s %5s %10s %10s %10s %10s" % ("", "", "(ms)", "(ms)", "(ms)", "(ms)"))
        # Warm the page cache for both, then measure them alternately
        measure(anneal, 1)
        a_walls, a_cpus = measure(anneal, runs)
        try:
            m_walls, m_cpus = measure(python, mpl_runs)
        except (subprocess.CalledProcessError, FileNotFoundError) as e:
            row("anneal-cli render", a_walls, a_cpus)
            print("# numpy + matplotlib could not run (%s): no comparison" % e)
            return
        row("anneal-cli render", a_walls, a_cpus)
        row("numpy + matplotlib", m_walls, m_cpus)
        print("# Anneal is %.0fx faster in wall time, %.0fx in CPU time (medians; target >= 20)" %
              (statistics.median(m_walls) / statistics.median(a_walls),
               statistics.median(m_cpus) / statistics.median(a_cpus)))
        print("# best against best: %.0fx wall, %.0fx CPU" %
              (min(m_walls) / min(a_walls), min(m_cpus) / min(a_cpus)))


main()
