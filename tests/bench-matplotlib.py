#!/usr/bin/python3
"""The same figure as bench-render, made the way the notebook makes it: numpy
arrays of every epoch and matplotlib, for the side-by-side comparison in the
README. Prints the best of three times to render and write a 1920x1080 PNG of
the notebook's five schedules, and the peak resident memory of this process.

  /usr/bin/python3 tests/bench-matplotlib.py [EPOCHS...]   (default 50 1000 1000000)
  /usr/bin/python3 tests/bench-matplotlib.py --once EPOCHS FILE
      renders once and exits: the whole process is the figure, for bench-figure.py

Needs Debian's python3-numpy and python3-matplotlib; not part of the test suite."""
import resource
import sys
import tempfile
import time

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def notebook_five(n):
    t = np.arange(n, dtype=np.float64)
    hold = np.where(t < 10, 0.1, 0.1 * np.exp(-0.1 * (t - 10 + 1)))
    w = (1 + np.cos(t / 9 * np.pi)) / 2
    cosine = w * 0.1 + (1 - w) * 0.001
    i = t % 5
    w = (np.exp(3 * (1 - i / 4)) - 1) / (np.exp(3) - 1)
    exp_cycles = w * 0.1 + (1 - w) * 0.001
    s1, g = 0.1 / 3, 1 / 3 + 1 / 3 - 1 / 9
    s = s1 * g ** (t // 9)
    w = (1 + np.cos((t % 18) / 9 * np.pi)) / 2
    damped_cos = w * s + (1 - w) * s / 3
    g = 3 / 7 + 1 / 3 - 1 / 7
    s = s1 * g ** (t // 5)
    w = (np.exp(3 * (1 - i / 4)) - 1) / (np.exp(3) - 1)
    damped_exp = w * s + (1 - w) * s * 3 / 7
    return t, [hold, cosine, exp_cycles, damped_cos, damped_exp]


def render(n, path):
    start = time.perf_counter()
    t, series = notebook_five(n)
    fig = plt.figure(figsize=(19.2, 10.8), dpi=100)
    for name, v in zip(["hold-decay", "cosine-wave", "exp-cycles",
                        "damped-cosine-wave", "damped-exp-cycles"], series):
        plt.plot(t, v, label=name)
    plt.xlabel("epoch")
    plt.ylabel("learning rate")
    plt.legend(loc="upper right")
    fig.savefig(path)
    plt.close(fig)
    return time.perf_counter() - start


def main():
    if sys.argv[1:2] == ["--once"]:
        render(int(sys.argv[2]), sys.argv[3])
        return
    sizes = [int(a) for a in sys.argv[1:]] or [50, 1000, 1000000]
    with tempfile.TemporaryDirectory() as d:
        print("numpy %s + matplotlib %s, 1920x1080 PNG of the notebook's five" %
              (np.__version__, matplotlib.__version__))
        for n in sizes:
            best = min(render(n, d + "/f.png") for _ in range(3))
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print("%12d epochs: %8.1f ms   peak RSS so far %6.0f MiB" % (n, best * 1e3, peak))


main()
