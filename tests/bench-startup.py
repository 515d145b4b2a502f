#!/usr/bin/python3
"""Start-up, side by side in one run: from the start of the process to its first
drawn frame, `anneal` (the notebook's comparison) against a bare libadwaita
window built beside this benchmark (bench-bare-window.c). Each program prints
a line at its first frame and quits; the time is taken here, from the spawn to
that line, so it counts exec, library loading, GTK's set-up and the first frame
alike for both. Runs them alternately (ANNEAL_BENCH_RUNS, default 7) and prints
best and median, and the ratio of the medians (target: at most 1.2). Needs a
display (run through bench-with-display.sh). Asserts nothing.

  bench-startup.py ANNEAL BARE_WINDOW"""
import os
import resource
import statistics
import subprocess
import sys
import time


def first_frame(argv, marker):
    """Seconds from the spawn to the marker line, the CPU seconds of the whole run,
    and the CPU seconds the program says it had spent at its first frame."""
    env = dict(os.environ, ANNEAL_BENCH_FIRST_FRAME="1")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env,
                         text=True)
    elapsed = None
    cpu_at_frame = float("nan")
    for line in p.stdout:
        if line.startswith(marker) and elapsed is None:
            elapsed = time.perf_counter() - start
        elif line.startswith("cpu-ms:"):
            cpu_at_frame = float(line.split()[1]) / 1e3
    p.wait()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if elapsed is None:
        sys.exit("%s printed no first frame (exit %d)" % (argv[0], p.returncode))
    return (elapsed, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime,
            cpu_at_frame)


def main():
    anneal, bare = sys.argv[1], sys.argv[2]
    runs = int(os.environ.get("ANNEAL_BENCH_RUNS", "7"))
    results = {"anneal": ([], [], []), "bare libadwaita window": ([], [], [])}

    first_frame([bare], "first-frame")  # warm the page cache
    first_frame([anneal], "first-frame")
    for _ in range(runs):
        for name, argv in (("bare libadwaita window", [bare]), ("anneal", [anneal])):
            for column, value in zip(results[name], first_frame(argv, "first-frame")):
                column.append(value)

    print("# process start to first frame, %d runs each, alternately" % runs)
    print("# wall: spawn to first frame; CPU: user + system of the process, at its first")
    print("# frame and over the whole run (which renders that frame and exits)")
    print("%-24s %10s %10s %14s %14s" % ("program", "best (ms)", "median", "CPU at frame",
                                         "CPU whole run"))
    for name, (walls, cpus, frame_cpus) in results.items():
        print("%-24s %10.1f %10.1f %14.1f %14.1f" % (name, min(walls) * 1e3,
                                                     statistics.median(walls) * 1e3,
                                                     statistics.median(frame_cpus) * 1e3,
                                                     statistics.median(cpus) * 1e3))
    a, b = results["anneal"], results["bare libadwaita window"]
    print("# anneal / bare window: %.2fx (medians), %.2fx (best); target <= 1.2" %
          (statistics.median(a[0]) / statistics.median(b[0]), min(a[0]) / min(b[0])))
    print("# CPU at the first frame: %.2fx (medians)" %
          (statistics.median(a[2]) / statistics.median(b[2])))


main()
