/* test-import.c — training code in: Python source read back as a spec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shared golden cases (tests/data/import/, code and the library's values at
 * every step), snippets written the way scripts write them (aliases, positional
 * arguments, variables, arithmetic) with the spec each must give, refusals with
 * their line and column, and the limits on hostile input. The values of the
 * snippets against the real PyTorch and the libraries' float64 re-implementations
 * are checked by test-import-libs.py.
 */
#include <anneal.h>
#include <math.h>
#include <string.h>

#include "anneal-import.h"
#include "anneal-test-csv.h"

typedef struct
{
  char   *name;
  gint64  steps;
  double  rel_tol;
  char   *code;
} GoldenCase;

static void
golden_case_free (gpointer data)
{
  GoldenCase *c = data;

  g_free (c->name);
  g_free (c->code);
  g_free (c);
}

static void
test_golden (gconstpointer data)
{
  const GoldenCase *c = data;
  g_autofree char *file = g_strconcat (c->name, ".csv", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealImport) import = NULL;
  g_autoptr(AnnealSchedule) schedule = NULL;
  gsize rows = 0;
  g_autofree double *expected = anneal_test_read_curve (path, "step,lr", &rows);

  import = anneal_import (c->code, -1, NAN, NULL, NULL, &error);
  if (error != NULL && strstr (error->message, "not reproduced yet") != NULL)
    {
      /* Waits for a kind of the catalogue (README, "Library calls"). */
      g_test_incomplete (error->message);
      return;
    }
  g_assert_no_error (error);
  schedule = anneal_schedule_parse (import->spec, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpint ((gint64) rows, ==, c->steps);
  for (gint64 t = 0; t < (gint64) rows; t++)
    {
      double got = anneal_schedule_value (schedule, t);

      if (fabs (got - expected[t]) > c->rel_tol * fabs (expected[t]) + 1e-15 * c->rel_tol)
        g_error ("%s at step %" G_GINT64_FORMAT ": got %.17g, expected %.17g (spec %s)",
                 c->name, t, got, expected[t], import->spec);
    }
}

#define ONES_10 "1111111111"
#define ONES_100 ONES_10 ONES_10 ONES_10 ONES_10 ONES_10 ONES_10 ONES_10 ONES_10 ONES_10 ONES_10
#define ONES_420 ONES_100 ONES_100 ONES_100 ONES_100 ONES_10 ONES_10

/* Snippets in the styles real scripts use, and the spec each gives. */
static const struct
{
  const char *name;
  const char *code;
  const char *spec;
} snippets[] = {
  { "torch-steplr-positional",
    "import torch\nopt = torch.optim.SGD(model.parameters(), 0.1, momentum=0.9)\n"
    "sched = torch.optim.lr_scheduler.StepLR(opt, 30, 0.5)\n",
    "step(step_size=30, gamma=0.5)" },
  { "torch-alias-module",
    "import torch.optim.lr_scheduler as sched\nfrom torch import optim\n"
    "optimizer = optim.AdamW(params, lr=3e-4, weight_decay=0.01)\n"
    "s = sched.MultiStepLR(optimizer, milestones=[80, 30], gamma=0.1)",
    "multistep(lr=0.0003, milestones=[30, 80])" },
  { "torch-from-import-as",
    "from torch.optim.lr_scheduler import CosineAnnealingLR as Cos\n"
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.05)\n"
    "epochs = 1_00\nscheduler = Cos(optimizer, T_max=epochs, eta_min=1e-6)",
    "cosine(lr=0.05, t_max=100, eta_min=0.000001)" },
  /* schedulers built in different scopes, or on different optimizers: the last one */
  { "two-schedulers-other-def",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\ndef a():\n    s = StepLR(o, 3)\n"
    "def b(opt):\n    s = LinearLR(opt, 0.5)\ns = ExponentialLR(o, 0.9)\n",
    "exponential(gamma=0.9)" },
  { "two-schedulers-one-line-def",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\ndef make(opt): return StepLR(opt, 3)\n"
    "s = ExponentialLR(o, 0.9)\n", "exponential(gamma=0.9)" },
  { "two-schedulers-two-optimizers",
    "o1 = torch.optim.SGD(m.parameters(), lr=0.1)\no2 = torch.optim.SGD(m.parameters(), lr=0.2)\n"
    "s1 = StepLR(o1, 3)\ns2 = ExponentialLR(o2, 0.9)\n", "exponential(lr=0.2, gamma=0.9)" },
  { "two-schedulers-chained",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\ns = ConstantLR(o, 0.5, total_iters=0)\n"
    "w = ExponentialLR(o, 0.9)\nc = ChainedScheduler([s, w])\n",
    "exponential(lr=0.05, gamma=0.9)" },
  /* a condition Anneal knows chooses as Python does */
  { "conditional-expression-known",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nuse_step = 2 > 1\n"
    "s = StepLR(o, 5) if use_step else ExponentialLR(o, 0.9)", "step(step_size=5)" },
  { "conditional-and-known",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\ns = 0 or ExponentialLR(o, 0.9)",
    "exponential(gamma=0.9)" },
  /* a library's name set to another of the libraries' is that one, as in Python */
  { "shadow-alias-library",
    "from torch.optim.lr_scheduler import StepLR as S, ExponentialLR\n"
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nStepLR = ExponentialLR\ns = StepLR(o, 0.5)",
    "exponential(gamma=0.5)" },
  { "shadow-import-again",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\ndef StepLR(o, n):\n    pass\n"
    "from torch.optim.lr_scheduler import StepLR\ns = StepLR(o, 5)", "step(step_size=5)" },
  { "shadow-dotted-library",
    "import torch\no = torch.optim.SGD(m.parameters(), lr=0.1)\nclass StepLR:\n    pass\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 5)", "step(step_size=5)" },
  { "shadow-inside-def-only",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\ndef f():\n    StepLR = 3\n"
    "s = StepLR(o, 5)", "step(step_size=5)" },
  { "torch-arithmetic",
    "total = 1000\nwarm = int(0.1 * total)\n"
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1 * 2)  # doubled\n"
    "warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1e-3, \\\n"
    "    total_iters=warm)\n"
    "main = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total - warm)\n"
    "scheduler = torch.optim.lr_scheduler.SequentialLR(\n"
    "    optimizer,\n    schedulers=[warmup, main],\n    milestones=[warm],\n)\n"
    "for epoch in range(total):\n    train()\n    scheduler.step()\n",
    "linear(lr=0.2, start_factor=0.001, end_factor=1, total_iters=100, for=100) -> "
    "cosine(lr=0.2, t_max=900)" },
  { "torch-onecycle-epochs",
    "optimizer = torch.optim.SGD(net.parameters(), lr=1e-4)\n"
    "scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0x10 / 160, "
    "epochs=10, steps_per_epoch=100, anneal_strategy='linear')",
    "onecycle(total_steps=1000, anneal=linear)" },
  /* OneCycleLR's max_lr and CyclicLR's base_lr and max_lr may be one per parameter
   * group: the first group's is drawn (torch 1.13 agrees to 2e-15) */
  { "torch-onecycle-max-lr-list",
    "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[0.3], total_steps=100)",
    "onecycle(max_lr=0.3)" },
  { "torch-onecycle-max-lr-groups",
    "opt = SGD([{'params': a}, {'params': b, 'lr': 0.5}], lr=0.1)\n"
    "sched = OneCycleLR(opt, max_lr=(0.2, 1.0), total_steps=100)",
    "onecycle(max_lr=0.2)" },
  { "torch-cyclic-lists",
    "o = SGD([{'params': a}, {'params': b}], lr=0.1)\n"
    "s = CyclicLR(o, base_lr=[0.01, 0.02], max_lr=(0.1, 0.2), step_size_up=4)",
    "cyclic(base_lr=0.01, max_lr=0.1, step_size_up=4, step_size_down=4)" },
  /* A milestone at 0 applies at the constructor's own step, so from step 0 on. */
  { "torch-multistep-milestone-0",
    "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[0, 3], gamma=0.5)",
    "multistep(milestones=[0, 3], gamma=0.5)" },
  /* Negative milestones are never reached, except by SequentialLR's restart, step(0),
   * whose closed form counts every milestone ≤ 0 */
  { "torch-multistep-negative",
    "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[-2, 0, 3], gamma=0.5)",
    "multistep(milestones=[0, 3], gamma=0.5)" },
  { "torch-multistep-negative-restarted",
    "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "a = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[-2, 3], gamma=0.5)\n"
    "b = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[-2, 0, 3], gamma=0.5)\n"
    "sched = torch.optim.lr_scheduler.SequentialLR(opt, [a, b], milestones=[5])",
    "multistep(milestones=[3], gamma=0.5, for=5) -> multistep(milestones=[0, 0, 3], gamma=0.5)" },
  /* Built before the scheduler it precedes, OneCycleLR's initial_lr (max_lr/div_factor)
   * is the rate that one is built with and that SequentialLR resets to: exact. */
  { "torch-sequential-onecycle-built-first",
    "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "main = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=100)\n"
    "warm = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=5)\n"
    "s = torch.optim.lr_scheduler.SequentialLR(opt, schedulers=[warm, main], milestones=[5])",
    "linear(lr=0.04, start_factor=0.1, for=5) -> onecycle(max_lr=1)" },
  /* CyclicLR sets the rate to base_lr, which SequentialLR resets, and steps from its own
   * base_lr: exact wherever it is. */
  { "torch-sequential-cyclic",
    "opt = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "warm = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=5)\n"
    "main = torch.optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=4)\n"
    "s = torch.optim.lr_scheduler.SequentialLR(opt, schedulers=[warm, main], milestones=[5])",
    "linear(start_factor=0.1, for=5) -> cyclic(base_lr=0.01, step_size_up=4, step_size_down=4)" },
  /* Each optimizer's default rate in PyTorch 1.13 */
  { "torch-default-lr-rmsprop",
    "opt = torch.optim.RMSprop(model.parameters())\ns = torch.optim.lr_scheduler.StepLR(opt, 5)",
    "step(lr=0.01, step_size=5)" },
  { "torch-default-lr-adadelta",
    "opt = torch.optim.Adadelta(model.parameters())\ns = torch.optim.lr_scheduler.StepLR(opt, 5)",
    "step(lr=1, step_size=5)" },
  { "torch-default-lr-nadam",
    "opt = torch.optim.NAdam(model.parameters())\ns = torch.optim.lr_scheduler.StepLR(opt, 5)",
    "step(lr=0.002, step_size=5)" },
  { "torch-sgd-lr-positional",
    "opt = torch.optim.SGD(model.parameters(), 0.05)\ns = torch.optim.lr_scheduler.StepLR(opt, 5)",
    "step(lr=0.05, step_size=5)" },
  /* Parameter groups with rates of their own: the first group's, param_groups[0]["lr"],
   * which get_last_lr()[0] reports */
  { "torch-param-groups-first-own-lr",
    "opt = torch.optim.SGD([{\"params\": a, \"lr\": 0.01}, {\"params\": b}], lr=0.1)\n"
    "s = torch.optim.lr_scheduler.StepLR(opt, 5)",
    "step(lr=0.01, step_size=5)" },
  { "torch-param-groups-second-own-lr",
    "groups = [dict(params=a), {'params': b, 'lr': 0.01}]\n"
    "opt = torch.optim.AdamW(groups, lr=0.1)\ns = torch.optim.lr_scheduler.StepLR(opt, 5)",
    "step(step_size=5)" },
  { "torch-param-groups-sgd-every-lr",
    "opt = torch.optim.SGD(params=[{'params': a, 'lr': 0.02}, {'params': b, 'lr': 0.5}])\n"
    "s = torch.optim.lr_scheduler.StepLR(opt, 5)",
    "step(lr=0.02, step_size=5)" },
  { "torch-cyclic",
    "opt = SGD(model.parameters(), lr=0.1, momentum=0.9)\n"
    "sched = CyclicLR(opt, base_lr=1e-3, max_lr=6e-3, step_size_up=4 * 5, mode=\"triangular2\")",
    "cyclic(max_lr=0.006, step_size_up=20, step_size_down=20, mode=triangular2)" },
  { "torch-constant-default",
    "optimizer = torch.optim.Adam(model.parameters())\n"
    "scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer)",
    "constant(lr=0.0003333333333333333, for=5) -> constant(lr=0.001)" },
  /* total_iters=0: L·factor for good (PyTorch 1.13 never divides it back), but L when
   * a SequentialLR restarts it at a milestone. */
  { "torch-constant-total0",
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=0)",
    "constant(lr=0.05)" },
  { "torch-constant-total0-sequential",
    "from torch.optim.lr_scheduler import SequentialLR, ConstantLR, ExponentialLR\n"
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.02)\n"
    "hold = ConstantLR(optimizer, factor=0.1, total_iters=0)\n"
    "decay = ExponentialLR(optimizer, gamma=0.9)\n"
    "again = ConstantLR(optimizer, factor=0.1, total_iters=0)\n"
    "scheduler = SequentialLR(optimizer, schedulers=[hold, decay, again], milestones=[7, 10])",
    "constant(lr=0.002, for=7) -> exponential(lr=0.02, gamma=0.9, for=3) -> constant(lr=0.02)" },
  { "torch-constant-total0-chained",
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "scheduler = torch.optim.lr_scheduler.ChainedScheduler([\n"
    "    torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=0),\n"
    "    torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.9)])",
    "exponential(lr=0.05, gamma=0.9)" },
  /* LinearLR(total_iters=0): the first step multiplies by start_factor and every later
   * one keeps the rate (last_epoch > total_iters), alone, first in a SequentialLR and
   * as a factor in a ChainedScheduler; end_factor plays no part. */
  { "torch-linear-total0",
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.5, "
    "end_factor=0.2, total_iters=0)",
    "constant(lr=0.05)" },
  { "torch-linear-total0-from-0",
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, 0.0, total_iters=0)",
    "constant(lr=0)" },
  { "torch-linear-total0-sequential-first",
    "from torch.optim.lr_scheduler import SequentialLR, LinearLR, ExponentialLR\n"
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.02)\n"
    "warm = LinearLR(optimizer, start_factor=0.1, total_iters=0)\n"
    "decay = ExponentialLR(optimizer, gamma=0.9)\n"
    "scheduler = SequentialLR(optimizer, schedulers=[warm, decay], milestones=[7])",
    "constant(lr=0.002, for=7) -> exponential(lr=0.02, gamma=0.9)" },
  /* Between equal milestones it is never restarted: PyTorch restarts the last one. */
  { "torch-linear-total0-sequential-no-steps",
    "from torch.optim.lr_scheduler import SequentialLR, LinearLR, ExponentialLR, StepLR\n"
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "scheduler = SequentialLR(optimizer, [ExponentialLR(optimizer, 0.9),\n"
    "                                     LinearLR(optimizer, 0.5, total_iters=0),\n"
    "                                     StepLR(optimizer, 2)], milestones=[3, 3])",
    "exponential(gamma=0.9, for=3) -> step(step_size=2)" },
  { "torch-linear-total0-chained",
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "scheduler = torch.optim.lr_scheduler.ChainedScheduler([\n"
    "    torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.5, total_iters=0),\n"
    "    torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=4)])",
    "constant(lr=0.025, for=4) -> constant(lr=0.05)" },
  { "junk-lines-skipped",
    "import optax\nfoo bar baz\nx = = 1\nschedule = optax.constant_schedule(0.2)\n",
    "constant(lr=0.2)" },
  { "hf-get-scheduler",
    "from transformers import get_scheduler as gs, SchedulerType\n"
    "optimizer = AdamW(model.parameters(), lr=5e-5)\n"
    "num_training_steps = 3 * 500\n"
    "lr_scheduler = gs(name=SchedulerType.LINEAR, optimizer=optimizer, num_warmup_steps=0,\n"
    "                  num_training_steps=num_training_steps)",
    "ramp(from=0.00005, to=0, steps=1500, anchor=to)" },
  { "hf-get-scheduler-wsd",
    "optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)\n"
    "sched = transformers.get_scheduler('warmup_stable_decay', optimizer, num_warmup_steps=10,\n"
    "    scheduler_specific_kwargs={'num_decay_steps': 20, 'num_stable_steps': 70, "
    "'decay_type': '1-sqrt'})",
    "wsd(lr=0.001, warmup=10, stable=70, decay=20, decay_shape=sqrt)" },
  { "hf-inverse-sqrt",
    "optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)\n"
    "s = get_inverse_sqrt_schedule(optimizer, 4000)",
    "inverse-sqrt(lr=0.001, warmup=4000, timescale=4000)" },
  { "keras-piecewise",
    "from tensorflow import keras\n"
    "lr = keras.optimizers.schedules.PiecewiseConstantDecay([1000, 2000], [1e-3, 1e-4, 1e-5])\n"
    "model.compile(optimizer=keras.optimizers.Adam(learning_rate=lr))",
    "constant(lr=0.001, for=1001) -> constant(lr=0.0001, for=1000) -> constant(lr=0.00001)" },
  { "keras-polynomial",
    "sched = tf.keras.optimizers.schedules.PolynomialDecay(0.1, 10000, end_learning_rate=0.01, "
    "power=0.5)",
    "poly(total_iters=10000, power=0.5, end=0.01)" },
  { "optax-join",
    "import optax\nwarm = optax.linear_schedule(0.0, 1e-3, 500)\n"
    "decay = optax.cosine_decay_schedule(1e-3, decay_steps=9500)\n"
    "schedule = optax.join_schedules([warm, decay], boundaries=[500])\n"
    "tx = optax.adamw(learning_rate=schedule)",
    "poly(lr=0, total_iters=500, end=0.001, for=500) -> cosine(lr=0.001, t_max=9500, "
    "for=9500) -> constant(lr=0)" },
  /* the schedule the optimizer is given is the one drawn, not the last one built */
  { "optax-given-to-optimizer",
    "import optax\nwarm = optax.linear_schedule(0.0, 1e-3, 100)\n"
    "decay = optax.cosine_decay_schedule(1e-3, 1000)\nopt = optax.adam(learning_rate=warm)\n",
    "poly(lr=0, total_iters=100, end=0.001)" },
  { "optax-given-positional-wd-schedule",
    "import optax\nlr = optax.linear_schedule(0.0, 1e-3, 100)\n"
    "wd = optax.cosine_decay_schedule(1e-4, 1000)\nopt = optax.adamw(lr, weight_decay=wd)\n",
    "poly(lr=0, total_iters=100, end=0.001)" },
  { "keras-given-to-optimizer",
    "import keras\nlr = keras.optimizers.schedules.ExponentialDecay(0.1, 100, 0.9)\n"
    "other = keras.optimizers.schedules.CosineDecay(0.1, 1000)\n"
    "model.compile(optimizer=keras.optimizers.Adam(lr), loss='mse')\n",
    "exponential(gamma=0.9, decay_steps=100)" },
  { "optax-piecewise-constant",
    "from optax import schedules\n"
    "s = schedules.piecewise_constant_schedule(0.1, {200: 0.1, 100: 0.5})",
    "constant(for=100) -> constant(lr=0.05, for=100) -> constant(lr=0.005000000000000001)" },
  { "timm-step-prefix",
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "s = timm.scheduler.StepLRScheduler(optimizer, decay_t=30, decay_rate=0.1, warmup_t=3,\n"
    "                                   warmup_lr_init=1e-4)",
    "ramp(from=0.0001, to=0.1, steps=3, for=3) -> step(step_size=30)" },
  /* float literals of any length are Python floats (one of 420 digits was refused as
   * "an integer too large") */
  { "torch-long-float-literals",
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "s = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0." ONES_420 ")\n",
    "exponential(gamma=1/9)" },
  { "torch-long-float-exponent",
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\n"
    "s = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=" ONES_420 "e-420)\n",
    "exponential(gamma=1/9)" },
  /* Blocks that run once, in order, are read as straight-line code: a main guard, a
   * function's body, a loop over the optimizer's groups (whose rate, set before the
   * first scheduler, is the one that scheduler starts from, as in PyTorch) */
  { "block-main-guard",
    "if __name__ == \"__main__\":\n    optimizer = torch.optim.SGD(m.parameters(), lr=0.1)\n"
    "    warm = 5\n    s = torch.optim.lr_scheduler.StepLR(optimizer, warm)\n",
    "step(step_size=5)" },
  { "block-def-main",
    "import torch\n\ndef main():\n    o = torch.optim.SGD(m.parameters(), lr=0.1)\n"
    "    s = torch.optim.lr_scheduler.StepLR(o, 4)\n    for epoch in range(10):\n"
    "        s.step()\n\nif __name__ == \"__main__\":\n    main()\n",
    "step(step_size=4)" },
  /* a def or class body is a scope: what it sets does not leak out */
  { "block-def-scope",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nn = 3\ndef helper():\n    n = 7\n"
    "class A:\n    n = 9\ns = torch.optim.lr_scheduler.StepLR(o, n)\n", "step(step_size=3)" },
  { "block-param-groups-loop",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nfor g in o.param_groups:\n    g['lr'] = 0.01\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 4)\n", "step(lr=0.01, step_size=4)" },
  /* string escapes as Python decodes them: \x63 is 'c' */
  { "string-escapes",
    "o = torch.optim.AdamW(m.parameters(), lr=1e-3)\n"
    "s = transformers.get_scheduler(\"\\x63o\\u0073\\151ne\", o, num_warmup_steps=10, "
    "num_training_steps=100)\n",
    "ramp(to=0.001, steps=10, for=10) -> cosine-cycles(lr=0.001, steps=90)" },
  /* names in their NFKC form, as Python reads them: ｎ is n, ＳｔｅｐＬＲ is StepLR */
  { "nfkc-names",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nn = 3\n\xef\xbd\x8e = 5\n"
    "s = torch.optim.lr_scheduler.\xef\xbc\xb3\xef\xbd\x94\xef\xbd\x85\xef\xbd\x90"
    "\xef\xbc\xac\xef\xbc\xb2(o, n)\n", "step(step_size=5)" },
  /* a \N{…} escape in a string the schedule does not use is no matter */
  { "string-escape-by-name-unused",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nprint(\"\\N{DEGREE SIGN}\")\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 3)\n", "step(step_size=3)" },
  { "f-string-without-placeholder",
    "o = torch.optim.AdamW(m.parameters(), lr=1e-3)\n"
    "s = transformers.get_scheduler(f\"cosine\", o, num_warmup_steps=10, "
    "num_training_steps=100)\n",
    "ramp(to=0.001, steps=10, for=10) -> cosine-cycles(lr=0.001, steps=90)" },
  /* integers exact as long as no sum or product had to be rounded: 2**53 itself is */
  /* += extends the list itself, as Python does: ms is [3, 10] too */
  { "list-alias-plus-equals",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nms = [3]\nm2 = ms\nm2 += [10]\n"
    "s = torch.optim.lr_scheduler.MultiStepLR(o, ms)\n", "multistep(milestones=[3, 10])" },
  { "scheduler-verbose-set",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 3)\ns.verbose = True\n", "step(step_size=3)" },
  { "integer-2-53-exact",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 2**53 - 2**53 + 3)\n", "step(step_size=3)" },
  /* Python's integers are exact: past 2^53 too, where a double holds them exactly */
  { "integer-power-past-2-53",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 10**16 // 10**15)\n", "step(step_size=10)" },
  { "integer-product-past-2-53",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 2**40 * 2**20 // 2**58 + 2**62 % 5)\n",
    "step(step_size=8)" },
  { "integer-literal-past-2-64",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 100_000_000_000_000_000_000 // 10**19)\n",
    "step(step_size=10)" },
  /* match and case are keywords only in a header */
  { "match-as-a-name",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nx = match = 3\nmatch = 5\nmatch(x)\n"
    "s = torch.optim.lr_scheduler.StepLR(o, match)\n", "step(step_size=5)" },
  { "unicode-names", "o = torch.optim.SGD(m.parameters(), lr=0.1)\nsch\xc3\xa9 = 3\n"
    "s = torch.optim.lr_scheduler.StepLR(o, sch\xc3\xa9)\n", "step(step_size=3)" },
  { "block-param-groups-index",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\no.param_groups[0]['lr'] = 0.5\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 4)\n", "step(lr=0.5, step_size=4)" },
  /* another group's rate is not the first group's, whose schedule is drawn */
  { "param-groups-second-group",
    "o = torch.optim.SGD([{'params': a}, {'params': b}], lr=0.1)\n"
    "o.param_groups[1]['lr'] = 0.5\no.param_groups[1].update(lr=0.7)\n"
    "g = o.param_groups[2]\ng['lr'] = 0.9\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 4)\n", "step(step_size=4)" },
  /* a form feed in the indentation sets its count back to 0, as Python's tokenizer
   * does: s is at the module's level, not under the 'if' */
  { "indent-form-feed",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nif x:\n    pass\n    \fs = "
    "torch.optim.lr_scheduler.StepLR(o, 3)\n", "step(step_size=3)" },
  /* A rate set on an optimizer's param_groups is that optimizer's, whichever was built
   * last; a dict's "lr" is no optimizer's */
  { "param-groups-other-optimizer",
    "o1 = torch.optim.SGD(m.parameters(), lr=0.1)\no1.param_groups[0][\"lr\"] = 0.2\n"
    "o2 = torch.optim.SGD(m.parameters(), lr=0.7)\no2.param_groups[0][\"lr\"] = 0.5\n"
    "s = torch.optim.lr_scheduler.StepLR(o1, 3, gamma=0.5)\n",
    "step(lr=0.2, step_size=3, gamma=0.5)" },
  { "param-groups-loop-other-optimizer",
    "o1 = torch.optim.SGD(m.parameters(), lr=0.1)\no2 = torch.optim.SGD(m.parameters(), lr=0.7)\n"
    "for g in o2.param_groups:\n    g['lr'] = 0.5\n"
    "s = torch.optim.lr_scheduler.StepLR(o1, 3)\n", "step(step_size=3)" },
  { "param-groups-dict-not-a-group",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\ncfg = {'lr': 0.1}\ncfg['lr'] = 0.5\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 3)\n", "step(step_size=3)" },
  /* the group's rate read back: halved in place */
  { "param-groups-rate-read",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\ngroup = o.param_groups[0]\n"
    "group['lr'] *= 0.5\ns = torch.optim.lr_scheduler.StepLR(o, 3)\n",
    "step(lr=0.05, step_size=3)" },
  /* a group's update() sets its rate as group["lr"] = … does */
  { "param-groups-update-loop",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nfor g in o.param_groups: g.update(lr=0.05)\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 3)\n", "step(lr=0.05, step_size=3)" },
  { "param-groups-update-dict",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\n"
    "o.param_groups[0].update({\"lr\": 0.02, \"momentum\": 0.9})\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 3)\n", "step(lr=0.02, step_size=3)" },
  { "param-groups-update-dict-call",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nfor g in o.param_groups:\n"
    "    g.update(dict(lr=0.03), weight_decay=0)\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 3)\n", "step(lr=0.03, step_size=3)" },
  /* initial_lr set by hand before the first scheduler is kept (PyTorch's setdefault):
   * a StepLR steps on from the group's rate, SequentialLR restarts from initial_lr */
  { "initial-lr-by-hand-step",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\no.param_groups[0]['initial_lr'] = 0.3\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 3)\n", "step(step_size=3)" },
  { "initial-lr-by-hand-sequential",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\no.param_groups[0]['initial_lr'] = 0.3\n"
    "s = SequentialLR(o, [ConstantLR(o, 0.5, 2), CosineAnnealingLR(o, 4)], [3])\n",
    "constant(lr=0.15, for=2) -> constant(lr=0.3, for=1) -> cosine(lr=0.3, t_max=4)" },
  { "initial-lr-by-hand-hf",
    "o = torch.optim.AdamW(m.parameters(), lr=1e-3)\n"
    "for g in o.param_groups:\n    g.update(initial_lr=3e-4)\n"
    "s = get_constant_schedule(o)\n", "constant(lr=0.0003)" },
  /* a dict's or a list's item set again is what a later line reads */
  { "dict-item-set",
    "cfg = {'lr': 0.1, 'step': 3}\ncfg['lr'] = 0.5\ncfg.update(step=4)\nms = [30, 60]\n"
    "ms[-1] = 80\no = torch.optim.SGD(m.parameters(), lr=cfg['lr'])\n"
    "s = torch.optim.lr_scheduler.MultiStepLR(o, ms, gamma=cfg['step'] / 10)\n",
    "multistep(lr=0.5, milestones=[30, 80], gamma=0.4)" },
  /* update() on what may be a group counts only with "lr" written out */
  { "update-not-a-rate",
    "o = torch.optim.SGD(m.parameters(), lr=0.1)\nema = ModelEma(m)\n"
    "s = torch.optim.lr_scheduler.StepLR(o, 3)\nfor epoch in range(3):\n    ema.update(m)\n",
    "step(step_size=3)" },
  /* Python reads \r\n and a lone \r (old Mac files, some pastes) as line ends */
  { "line-ends-cr",
    "optimizer = torch.optim.SGD(model.parameters(), lr=0.1)\r"
    "s = torch.optim.lr_scheduler.StepLR(optimizer,\r  30, \\\r  gamma=0.5)\r",
    "step(step_size=30, gamma=0.5)" },
  { "line-ends-mixed",
    "import torch\r\noptimizer = torch.optim.SGD(model.parameters(), lr=0.1)\r"
    "s = torch.optim.lr_scheduler.StepLR(optimizer, \\\r\n  30,\r gamma=0.5)\n",
    "step(step_size=30, gamma=0.5)" },
};

static void
test_snippet (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealImport) import = anneal_import (snippets[i].code, -1, NAN, NULL, NULL, &error);
  g_autoptr(AnnealSchedule) expected = anneal_schedule_parse (snippets[i].spec, NULL, NULL);
  g_autofree char *canonical = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (expected);
  canonical = anneal_schedule_to_string (expected);
  g_assert_cmpstr (import->spec, ==, canonical);
}

#define NUL_CODE "o = SGD(p, lr=0.1)  # a\0b\ns = ExponentialLR(o, gamma=0.5)"

/* What must be refused, with the line and column of the culprit. */
static const struct
{
  const char *name;
  const char *code;
  guint       line;
  guint       column;
  const char *reason;
  gsize       length;  /* 0: up to the first NUL */
} refusals[] = {
  { "lambda", "opt = SGD(p, lr=0.1)\nsched = LambdaLR(opt, lr_lambda=lambda e: 0.95 ** e)",
    2, 9, "Python function" },
  /* A lambda whose body builds a scheduler: Anneal does not call lambdas, so the
   * schedule is refused at the lambda (it was "no learning-rate schedule found") */
  { "lambda-builds-scheduler", "o = SGD(p, lr=0.1)\ns = lambda e: StepLR(o, 3)", 2, 5,
    "this lambda builds StepLR when it is called" },
  { "lambda-factory-called",
    "o = SGD(p, lr=0.1)\nmake = lambda opt, n=3: (\n    torch.optim.lr_scheduler.StepLR(opt, n))\n"
    "s = make(o)", 2, 8, "this lambda builds StepLR when it is called" },
  /* called after another scheduler was built: that one is not the last */
  { "lambda-factory-called-later",
    "o = SGD(p, lr=0.1)\nmake = lambda opt: StepLR(opt, 3)\ne = ExponentialLR(o, 0.9)\n"
    "s = make(o)", 2, 8, "this lambda builds StepLR when it is called" },
  { "lambda-factory-alias",
    "from transformers import get_cosine_schedule_with_warmup as cw\no = AdamW(p, lr=1e-3)\n"
    "make = lambda opt: cw(opt, 10, 100)", 3, 8,
    "this lambda builds get_cosine_schedule_with_warmup when it is called" },
  { "lambda-scheduler-in-lambdalr",
    "o = SGD(p, lr=0.1)\ns = LambdaLR(o, lambda e: StepLR(o, 3))", 2, 17,
    "this lambda builds StepLR when it is called" },
  { "plateau", "opt = SGD(p, lr=0.1)\n\ns = ReduceLROnPlateau(opt, 'min')", 3, 5, "validation" },
  { "runtime-value",
    "opt = torch.optim.AdamW(p, lr=1e-3)\ntotal = len(train_loader) * 3\n"
    "s = get_linear_schedule_with_warmup(opt, 100, total)", 2, 9, "run time" },
  { "runtime-lr", "opt = torch.optim.SGD(p, lr=args.lr)\ns = StepLR(opt, 10)", 1, 29, "--lr" },
  { "no-optimizer", "s = StepLR(optimizer, step_size=10)", 1, 12, "--lr" },
  { "unknown-keyword", "o = SGD(p, lr=0.1)\ns = StepLR(o, step_size=3, gama=0.5)", 2, 28,
    "no argument 'gama'" },
  { "missing-argument", "o = SGD(p, lr=0.1)\ns = ExponentialLR(o)", 2, 5, "gamma" },
  { "twice", "o = SGD(p, lr=0.1)\ns = StepLR(o, 5, step_size=5)", 2, 18, "twice" },
  /* a NUL is UTF-8 but not Python source: said so, not "not valid UTF-8" */
  { "nul", NUL_CODE, 1, 24, "NUL", sizeof NUL_CODE - 1 },
  /* a keyword repeated is a SyntaxError to Python, in any call */
  { "keyword-twice", "o = SGD(p, lr=0.1)\ns = ExponentialLR(o, gamma=0.5, gamma=0.4)", 2, 33,
    "a keyword argument given twice" },
  { "positional-after-keyword", "o = SGD(p, lr=0.1)\ns = StepLR(o, step_size=4, 0.5)", 2, 28,
    "a positional argument after a keyword argument" },
  { "optimizer-keyword-twice", "o = SGD(p, lr=0.1, lr=0.2)\ns = ExponentialLR(o, gamma=0.5)",
    2, 19, "--lr" },
  { "nothing", "import torch\nx = 1 + 2\n", 1, 1, "no learning-rate schedule" },
  { "unterminated-string", "s = optax.constant_schedule('abc)\n", 1, 29, "unterminated" },
  { "unbalanced", "s = optax.constant_schedule((0.1)\n", 1, 28, "never closed" },
  { "whole-steps", "s = optax.exponential_decay(0.1, 2.5, 0.5, staircase=True)", 1, 34,
    "whole number" },
  { "line-ends-cr-position", "o = SGD(p, lr=0.1)\r\rs = StepLR(o, 3,\r\n   gamma=2)", 4, 4,
    "'gamma' must be at most 1" },
  /* What a block that may not run (or runs many times) builds or sets is decided at
   * run time: refused, not read as if every line ran (the last one written won) */
  { "block-optimizer-under-if",
    "if use_adam:\n    o = Adam(p, lr=1e-3)\nelse:\n    o = SGD(p, lr=0.1)\ns = StepLR(o, 4)", 5, 12,
    "set under 'else' on line 3: known only at run time; give its rate with --lr" },
  { "block-scheduler-under-else",
    "o = SGD(p, lr=0.1)\nif a:\n    s = StepLR(o, 4)\nelse:\n    s = ExponentialLR(o, 0.5)\n"
    "for e in range(9):\n    s.step()", 5, 9,
    "ExponentialLR is built under 'else' on line 4: which schedule runs is decided at run time" },
  { "block-one-line", "o = SGD(p, lr=0.1)\ns = StepLR(o, 3)\nif x: s = ExponentialLR(o, 0.5)", 3,
    11, "under 'if' on line 3" },
  { "block-one-line-then-semicolon",
    "o = SGD(p, lr=0.1)\nif x: a = 1; s = StepLR(o, 3)", 2, 18, "under 'if' on line 2" },
  { "block-main-guard-and", "o = SGD(p, lr=0.1)\nif __name__ == \"__main__\" and x:\n"
    "    s = StepLR(o, 3)", 3, 9, "under 'if' on line 2" },
  { "block-main-guard-bytes", "o = SGD(p, lr=0.1)\nif __name__ == b\"__main__\":\n"
    "    s = StepLR(o, 3)", 3, 9, "under 'if' on line 2" },
  { "block-for-target", "o = SGD(p, lr=0.1)\nn = 10\nfor n in range(3): pass\ns = StepLR(o, n)",
    3, 5, "set by the 'for' on line 3" },
  /* a parameter is not the module's name of the same spelling */
  { "block-def-parameter", "o = SGD(p, lr=0.1)\nstep = 3\ndef make(opt, step=10):\n"
    "    return StepLR(opt, step)\ns = make(o)", 4, 24, "'step' is not defined" },
  /* the rate set again after the scheduler was built: PyTorch steps on from it */
  { "group-rate-after-scheduler",
    "o = SGD(p, lr=0.1)\ns = StepLR(o, 3)\no.param_groups[0][\"lr\"] = 0.5", 2, 5,
    "the optimizer's rate is set again on line 3" },
  /* the spaces after a form feed are the indentation */
  { "block-indent-after-form-feed", "o = SGD(p, lr=0.1)\nif x:\n    pass\n\f    s = StepLR(o, 3)",
    4, 10, "under 'if' on line 2" },
  { "group-rate-after-scheduler-not-last-optimizer",
    "o1 = SGD(p, lr=0.1)\no2 = SGD(p, lr=0.2)\ns = StepLR(o1, 3)\no1.param_groups[0][\"lr\"] = 0.5",
    3, 5, "the optimizer's rate is set again on line 4" },
  /* initial_lr set by hand apart from the rate: CosineAnnealingLR steps from the rate
   * and, past T_max, from initial_lr; CyclicLR's first step is initial_lr, whether the
   * text or an earlier scheduler set it */
  { "initial-lr-by-hand-cosine",
    "o = SGD(p, lr=0.1)\no.param_groups[0]['initial_lr'] = 0.3\ns = CosineAnnealingLR(o, 6)", 3, 5,
    "initial_lr, which line 2 sets apart from its rate" },
  { "initial-lr-by-hand-cyclic",
    "o = SGD(p, lr=0.1)\no.param_groups[0]['initial_lr'] = 0.3\ns = CyclicLR(o, 0.01, 0.1, 2)",
    3, 5, "CyclicLR's first rate is the optimizer's initial_lr, 0.3" },
  /* (its first rate would be the StepLR's initial_lr: two schedulers on one optimizer
   * are refused first) */
  { "cyclic-after-other-scheduler",
    "o = SGD(p, lr=0.1)\na = StepLR(o, 3)\ns = CyclicLR(o, 0.01, 0.1, 2)", 3, 5,
    "two schedulers are built on this optimizer (line 2 and line 3)" },
  /* a dict's item set under an 'if' is known only at run time */
  { "dict-item-set-under-if",
    "cfg = {'lr': 0.1}\nif x:\n    cfg['lr'] = 0.5\no = SGD(p, lr=cfg['lr'])\ns = StepLR(o, 3)",
    3, 5, "set under 'if' on line 2" },
  /* update() is refused where group["lr"] = … is */
  { "group-update-after-scheduler",
    "o = SGD(p, lr=0.1)\ns = StepLR(o, 3)\no.param_groups[0].update(lr=0.5)", 2, 5,
    "the optimizer's rate is set again on line 3" },
  { "block-group-update-in-if",
    "o = SGD(p, lr=0.1)\nif x:\n    o.param_groups[0].update(lr=0.01)\ns = StepLR(o, 4)", 3, 30,
    "set under 'if' on line 2" },
  { "group-update-unread",
    "o = SGD(p, lr=0.1)\nfor g in o.param_groups:\n    g.update(cfg)\ns = StepLR(o, 4)", 3, 14,
    "update() with 'cfg', which Anneal cannot read, may set it" },
  /* A scheduler on an optimizer Anneal cannot follow is not given another one's rate:
   * one built under an 'if' is not the one built before it, and a name the text does
   * not build is not one of two it builds */
  { "optimizer-under-if-not-the-other",
    "o1 = SGD(p, lr=0.1)\nif x:\n    o2 = Adam(p, lr=1e-3)\ns = StepLR(o2, 3)", 4, 12,
    "set under 'if' on line 2" },
  { "optimizer-unknown-among-two",
    "o1 = SGD(p, lr=0.1)\no2 = SGD(p, lr=0.2)\ns = StepLR(optimizer, 3)", 3, 12,
    "'optimizer' is not built in the text, which builds 2 optimizers" },
  /* "lr" set on something that may be a parameter group: whose, Anneal cannot tell */
  { "group-rate-unknown-group",
    "o = SGD(p, lr=0.1)\ng = groups_of(o)[0]\ng['lr'] = 0.01\ns = StepLR(o, 4)", 3, 1,
    "'g' may be one of its parameter groups" },
  { "block-match-case", "o = SGD(p, lr=0.1)\nmatch cmd:\n    case \"a\":\n"
    "        s = StepLR(o, 3)", 4, 13, "under 'case' on line 3" },
  { "block-group-rate-in-loop",
    "o = SGD(p, lr=0.1)\nfor g in groups:\n    g['lr'] = 0.01\ns = StepLR(o, 4)", 3, 5,
    "set under 'for' on line 2" },
  /* Outside ASCII, only what Python's names take: a no-break space is not a space */
  { "no-break-space", "o = SGD(p, lr=0.1)\ns = StepLR(o,\xc2\xa0" "4)", 2, 14,
    "invalid non-printable character U+00A0" },
  { "arrow-in-name", "o = SGD(p, lr=0.1)\ns\xe2\x86\x92 = StepLR(o, 4)", 2, 2,
    "invalid character '\xe2\x86\x92' (U+2192)" },
  /* A UTF-8 byte order mark is skipped, as Python skips it: columns from after it */
  { "byte-order-mark", "\xef\xbb\xbf" "o = SGD(p, lr=0.1); s = StepLR(o, 3, gamma=2)", 1, 38,
    "'gamma' must be at most 1" },
  /* A name is text: not bytes, not cut at a NUL (Hugging Face raises for both) */
  { "scheduler-name-bytes", "o = AdamW(p, lr=1e-3)\ns = get_scheduler(b\"cosine\", o, 10, 100)",
    2, 19, "a bytes literal, not text" },
  { "scheduler-name-nul", "o = AdamW(p, lr=1e-3)\ns = get_scheduler(\"cosine\\0\", o, 10, 100)",
    2, 19, "holds a NUL character" },
  /* A character by its Unicode name: GLib has no table of the names, so the escape is
   * refused where the string is used, at the escape ("\x63osine" is read) */
  { "string-escape-by-name",
    "o = AdamW(p, lr=1e-3)\ns = get_scheduler(\"\\N{LATIN SMALL LETTER C}osine\", o, 10, 100)",
    2, 20, "a \\N{…} escape" },
  { "bytes-joined-to-text", "o = AdamW(p, lr=1e-3)\ns = get_scheduler(\"cos\" b\"ine\", o, 10, 100)",
    2, 25, "bytes and text literals cannot be joined" },
  /* Integers from 2^53 on, computed: a double holds another than Python's */
  { "integer-past-2-53", "o = SGD(p, lr=0.1)\ns = StepLR(o, 2**53 + 1 - 2**53 + 2)", 2, 21,
    "an integer too large" },
  { "integer-power-inexact", "o = SGD(p, lr=0.1)\ns = StepLR(o, 3**40 // 3**38)", 2, 16,
    "an integer too large to be exact in a double" },
  { "integer-literal-inexact", "o = SGD(p, lr=0.1)\ns = StepLR(o, 12345678901234567891 // 10**19)",
    2, 15, "an integer too large to be exact in a double" },
  { "integer-floor-division-inexact",
    "o = SGD(p, lr=0.1)\ns = StepLR(o, 2**60 // 3 - 2**60 // 3 + 4)", 2, 21,
    "an integer too large to be exact in a double" },
  { "integer-invert-inexact", "o = SGD(p, lr=0.1)\ns = StepLR(o, ~(2**60) + 2**60 + 5)", 2, 15,
    "an integer too large to be exact in a double" },
  /* One scheduler object twice: PyTorch steps it for both parts (0.1 vs 0.05 at t = 3) */
  { "sequential-same-scheduler-twice",
    "o = SGD(p, lr=0.1)\na = StepLR(o, 3, 0.5)\ns = SequentialLR(o, [a, a], milestones=[7])", 3, 21,
    "holds a scheduler used before" },
  /* A value beyond Anneal's bounds: the argument that gave it, not the call. */
  { "range", "o = SGD(p, lr=0.1)\ns = StepLR(o, 3, gamma=2)", 2, 18, "gamma" },
  { "range-optimizer-rate", "o = SGD(p,\n        lr=5e6)\ns = StepLR(o, 3)", 2, 12,
    "'lr' must be at most" },
  { "range-keyword-less", "o = SGD(p, lr=0.1)\ns = CyclicLR(o, 0.01,\n  2e6)", 3, 3,
    "'max_lr' must be at most" },
  { "range-keras", "s = ExponentialDecay(\n  initial_learning_rate=5e6, decay_steps=10,\n"
    "  decay_rate=0.9)", 2, 3, "'lr' must be at most" },
  { "range-in-sequence", "o = SGD(p, lr=0.1)\nw = LinearLR(o, 0.5, total_iters=3)\n"
    "s = SequentialLR(o, [w, StepLR(o, 2, gamma=3)], milestones=[3])", 3, 38, "gamma" },
  { "unicode-column", "ö = SGD(p, lr=0.1)\ns = StepLR(ö, 3, gamma=x)", 2, 24, "gamma" },
  { "star-args", "o = SGD(p, lr=0.1)\ns = StepLR(o, **cfg)", 2, 15, "unpacked" },
  { "chained", "o = SGD(p, lr=0.1)\nChainedScheduler([StepLR(o, 3)])", 2, 19, "product" },
  { "not-utf8", "s = 1\n\xff", 2, 1, "UTF-8" },
  /* A schedule call that does not parse is reported, not skipped, even with another
   * schedule after it; lines without one are skipped. */
  { "broken-call", "import optax\nx = = 1\n"
    "schedule = optax.exponential_decay(0.1, transition_steps=50 decay_rate=0.5)\n"
    "other = optax.constant_schedule(0.2)\n", 3, 61, "exponential_decay: expected ','" },
  { "broken-alias-call", "from optax import cosine_decay_schedule as cds\ns = cds(0.1, 100,, 3)",
    2, 18, "cds: expected a value" },
  /* PyTorch raises there: SequentialLR restarts a later scheduler with step(0), whose
   * closed form divides by total_iters. */
  { "linear-total0-restarted",
    "o = SGD(p, lr=0.1)\nd = ExponentialLR(o, 0.9)\nw = LinearLR(o, 0.5, total_iters=0)\n"
    "s = SequentialLR(o, [d, w], milestones=[3])", 3, 5, "total_iters=0" },
  { "linear-total0-restarted-inline",
    "o = SGD(p, lr=0.1)\n"
    "s = SequentialLR(o, [StepLR(o, 2), LinearLR(o, 0.5, total_iters=0), StepLR(o, 3)],\n"
    "                 milestones=[4, 6])", 2, 36, "ZeroDivisionError" },
  /* PyTorch divides by start_factor·total_iters at step 1, and wants factors in [0, 1]. */
  { "linear-start-0", "o = SGD(p, lr=0.1)\ns = LinearLR(o, start_factor=0, total_iters=5)", 2,
    17, "start_factor of 0" },
  { "linear-start-range", "o = SGD(p, lr=0.1)\ns = LinearLR(o, 1.5, total_iters=0)", 2, 17,
    "between 0 and 1" },
  { "linear-end-range", "o = SGD(p, lr=0.1)\ns = LinearLR(o, 0.5, -0.5)", 2, 22,
    "between 0 and 1" },
  /* OneCycleLR sets initial_lr to max_lr/div_factor, which SequentialLR resets the rate
   * to: LinearLR, built before it, steps from 0.04, not 0.1 (PyTorch 0.004 at step 0) */
  { "sequential-onecycle-after-first",
    "o = SGD(p, lr=0.1)\nw = LinearLR(o, start_factor=0.1, total_iters=5)\n"
    "m = OneCycleLR(o, max_lr=1.0, total_steps=100)\n"
    "s = SequentialLR(o, schedulers=[w, m], milestones=[5])", 3, 5,
    "after the scheduler on line 2 was built" },
  { "sequential-onecycle-inline",
    "o = SGD(p, lr=0.1)\n"
    "s = SequentialLR(o, [StepLR(o, 3), OneCycleLR(o, 1.0, total_steps=100)], milestones=[5])",
    2, 36, "SequentialLR resets the rate to it" },
  /* A OneCycleLR built later rewrites the max_lr and min_lr an earlier one steps from. */
  { "sequential-onecycle-twice",
    "o = SGD(p, lr=0.1)\na = OneCycleLR(o, 0.5, total_steps=100)\n"
    "b = OneCycleLR(o, 1.0, total_steps=100)\ns = SequentialLR(o, [a, b], milestones=[5])", 3, 5,
    "after the OneCycleLR on line 2" },
  /* SequentialLR with a milestone at 0 steps the next scheduler on without restarting it */
  { "sequential-milestone-0",
    "o = SGD(p, lr=0.1)\na = ConstantLR(o, factor=0.5, total_iters=5)\nb = ExponentialLR(o, 0.9)\n"
    "s = SequentialLR(o, [a, b], milestones=[0])", 4, 29, "a milestone at or below 0" },
  /* one value per parameter group, or PyTorch raises ValueError */
  { "onecycle-max-lr-list-length", "o = SGD(p, lr=0.1)\n"
    "s = OneCycleLR(o, max_lr=[0.1, 0.2], total_steps=100)", 2, 19,
    "'max_lr' is a list of 2, the optimizer has 1 parameter group:" },
  { "cyclic-base-lr-list-length", "o = SGD([{'params': a}, {'params': b}], lr=0.1)\n"
    "s = CyclicLR(o, base_lr=[0.01], max_lr=0.1)", 2, 17,
    "'base_lr' is a list of 1, the optimizer has 2 parameter groups:" },
  { "onecycle-max-lr-list-unknown-optimizer",
    "s = OneCycleLR(make_optimizer(), max_lr=[0.1, 0.2], total_steps=100)", 1, 34,
    "the optimizer is not known here" },
  /* PyTorch 1.13's SGD has no default rate (ValueError), even when --lr could give one */
  { "sgd-without-lr", "import torch\nopt = torch.optim.SGD(model.parameters(), momentum=0.9)\n"
    "s = torch.optim.lr_scheduler.StepLR(opt, 5)", 2, 7, "SGD needs lr=" },
  { "sgd-without-lr-onecycle", "opt = SGD(model.parameters())\n"
    "s = OneCycleLR(opt, max_lr=0.1, total_steps=100)", 1, 7, "no default rate" },
  { "sgd-without-lr-hf", "opt = SGD(model.parameters())\n"
    "s = get_linear_schedule_with_warmup(opt, 10, 100)", 1, 7, "no default rate" },
  { "sgd-without-lr-group-without",
    "o = SGD([{'params': a, 'lr': 0.01}, {'params': b}])\ns = StepLR(o, 5)", 1, 5,
    "or an lr in every parameter group" },
  { "sgd-without-lr-defaults",
    "o = SGD([{'params': a, 'lr': 0.01}])\n"
    "s = get_polynomial_decay_schedule_with_warmup(o, 10, 100)", 2, 5,
    "optimizer.defaults[\"lr\"]" },
  /* A list or dict changed in place, under any name it has, and a scheduler changed
   * after it is built: refused where it changes (they were read as before, silently) */
  { "list-appended", "o = SGD(p, lr=0.1)\nms = [3]\nms.append(10)\ns = MultiStepLR(o, ms)",
    3, 1, "a list or dict changed in place on line 3" },
  { "list-alias-extended", "o = SGD(p, lr=0.1)\nms = [3]\nm2 = ms\nm2.extend([10])\n"
    "s = MultiStepLR(o, ms)", 4, 1, "changed in place on line 4" },
  { "list-in-dict-popped", "o = SGD(p, lr=0.1)\ncfg = {'ms': [3, 10]}\ncfg['ms'].pop()\n"
    "s = MultiStepLR(o, cfg['ms'])", 3, 1, "changed in place on line 3" },
  { "list-del-item", "o = SGD(p, lr=0.1)\nms = [3, 10, 20]\ndel ms[0]\ns = MultiStepLR(o, ms)",
    3, 5, "changed in place on line 3" },
  { "list-slice-set", "o = SGD(p, lr=0.1)\nms = [3, 10, 20]\nms[1:] = [50]\n"
    "s = MultiStepLR(o, ms)", 3, 1, "changed in place on line 3" },
  { "list-filled-in-loop", "o = SGD(p, lr=0.1)\nms = []\nfor m in (3, 10):\n    ms.append(m)\n"
    "s = MultiStepLR(o, ms)", 2, 6, "changed in place on line 4" },
  { "scheduler-attribute-set", "o = SGD(p, lr=0.1)\ns = StepLR(o, 3, gamma=0.5)\ns.gamma = 0.9",
    3, 1, "the scheduler is changed after it is built (its 'gamma' is set)" },
  { "scheduler-last-epoch-set", "o = SGD(p, lr=0.1)\ns = StepLR(o, 3)\ns.last_epoch = 5",
    3, 1, "its 'last_epoch' is set" },
  { "scheduler-setattr", "o = SGD(p, lr=0.1)\ns = StepLR(o, 3)\nsetattr(s, 'gamma', 0.9)",
    3, 1, "(setattr())" },
  { "scheduler-state-loaded", "o = SGD(p, lr=0.1)\ns = StepLR(o, 3)\ns.load_state_dict(sd)",
    3, 1, "(load_state_dict())" },
  /* an empty list appended to as the program runs: the first group is not in the text */
  { "param-groups-filled-at-run-time",
    "groups = []\nfor i in range(3):\n    groups.append({'params': layers[i], 'lr': 0.1 * 0.8 ** i})\n"
    "o = AdamW(groups, lr=0.1)\ns = StepLR(o, 5)", 1, 10, "filled at run time" },
  { "param-group-initial-lr",
    "o = SGD([{'params': a, 'lr': 0.01, 'initial_lr': 0.5}], lr=0.1)\ns = StepLR(o, 5)", 1, 50,
    "its own initial_lr" },
  /* PyTorch 1.13 runs neither inside a SequentialLR as written */
  { "sequential-chained-inside",
    "o = SGD(p, lr=0.1)\nc = ChainedScheduler([ConstantLR(o, 0.5, 3), ExponentialLR(o, 0.9)])\n"
    "s = SequentialLR(o, [StepLR(o, 3), c], milestones=[5])", 2, 5, "AttributeError" },
  { "sequential-inside-sequential",
    "o = SGD(p, lr=0.1)\n"
    "s = SequentialLR(o, [SequentialLR(o, [ConstantLR(o, 0.5, 3), ExponentialLR(o, 0.9)], [2]), "
    "StepLR(o, 3)], milestones=[5])", 2, 22, "a SequentialLR inside a SequentialLR" },
  /* The rate set again after the scheduler was built: PyTorch's rate before step 1 is
   * the new one (0.5, not 0.1, 0.04 or 0.01) */
  { "sequential-rate-set-after",
    "o = SGD(p, lr=0.1)\na = StepLR(o, 3)\nb = ExponentialLR(o, 0.9)\n"
    "s = SequentialLR(o, [a, b], milestones=[5])\no.param_groups[0]['lr'] = 0.5", 4, 5,
    "set again on line 5" },
  { "sequential-initial-lr-set-before",
    "o = SGD(p, lr=0.1)\na = StepLR(o, 3)\nb = ExponentialLR(o, 0.9)\n"
    "o.param_groups[0]['initial_lr'] = 0.5\ns = SequentialLR(o, [a, b], milestones=[5])", 5, 5,
    "set on line 4, after the schedulers of this SequentialLR were built" },
  { "onecycle-rate-set-after",
    "o = SGD(p, lr=0.1)\ns = OneCycleLR(o, 1.0, total_steps=300)\n"
    "for g in o.param_groups:\n    g['lr'] = 0.5", 2, 5, "set again on line 4" },
  { "cyclic-rate-set-after",
    "o = SGD(p, lr=0.1)\ns = CyclicLR(o, 0.01, 0.1)\no.param_groups[0]['lr'] = 0.5", 2, 5,
    "set again on line 3" },
  { "broken-sequential", "o = SGD(p, lr=0.1)\nw = LinearLR(o, 0.1, total_iters=5)\n"
    "s = SequentialLR(o, [w, ExponentialLR(o, 0.9)] milestones=[5])", 3, 48, "SequentialLR" },
  /* A message quotes the text (a character, a string, a call) on one line of UTF-8:
   * control characters escaped, a call cut at its first line or at whole characters. */
  /* Two schedulers on one optimizer, neither in the other nor in a SequentialLR or a
   * ChainedScheduler: the second one's constructor may set the rate (LinearLR's does), so
   * which one sets it Anneal cannot tell (the last one built was taken) */
  { "two-schedulers",
    "o = SGD(p, lr=0.1)\ns = StepLR(o, step_size=3, gamma=0.5)\n"
    "swa = ExponentialLR(o, gamma=0.9)\nfor e in range(10):\n    s.step()\n", 3, 7,
    "two schedulers are built on this optimizer (line 2 and line 3): Anneal cannot tell "
    "which sets its rate" },
  { "two-schedulers-same-name", "o = SGD(p, lr=0.1)\ns = StepLR(o, 3)\ns = ExponentialLR(o, 0.9)",
    3, 5, "(line 2 and line 3)" },
  { "two-schedulers-in-def",
    "def main():\n    o = SGD(p, lr=0.1)\n    s = StepLR(o, 3)\n    s = LinearLR(o, 0.5)\n",
    4, 9, "(line 3 and line 4)" },
  { "two-schedulers-named-optimizer", "optimizer.param_groups[0]['lr'] = 0.1\n"
    "s = StepLR(optimizer, 3)\nw = LinearLR(optimizer, 0.5)\n", 3, 5, "(line 2 and line 3)" },
  /* the other one refused, or built under an `if`, counts as well: its constructor runs
   * (LambdaLR's sets the rate to lr·f(0)), and it may be the one stepped */
  { "two-schedulers-first-refused",
    "o = SGD(p, lr=0.1)\ns = LambdaLR(o, lambda e: 0.5)\nswa = ExponentialLR(o, 0.9)", 3, 7,
    "(line 2 and line 3)" },
  { "two-schedulers-first-under-if",
    "o = SGD(p, lr=0.1)\nif warm:\n    w = LinearLR(o, 0.5)\ns = ExponentialLR(o, 0.9)", 4, 5,
    "(line 3 and line 4)" },
  { "two-schedulers-get-scheduler",
    "o = SGD(p, lr=0.1)\nw = LinearLR(o, 0.5)\ns = get_scheduler('linear', o, 10, 100)", 3, 5,
    "(line 2 and line 3)" },
  /* Keras, optax: two optimizers given different schedules */
  { "optax-optimizers-given-two",
    "import optax\na = optax.linear_schedule(0.0, 1e-3, 100)\n"
    "b = optax.cosine_decay_schedule(1e-4, 1000)\no1 = optax.adam(a)\no2 = optax.sgd(b)", 5, 1,
    "optimizers are given different schedules on line 4 and line 5" },
  /* A schedule chosen by a condition known only at run time, in an expression: refused as
   * under an `if` block (it was "no learning-rate schedule … found") */
  { "conditional-expression",
    "o = SGD(p, lr=0.1)\nscheduler = StepLR(o, 5) if use_step else ExponentialLR(o, 0.9)", 2,
    43, "ExponentialLR is built under 'if' on line 2: which schedule runs is decided at run time" },
  { "conditional-expression-one-side",
    "o = SGD(p, lr=0.1)\nscheduler = StepLR(o, 5) if use_step else None", 2, 13,
    "StepLR is built under 'if' on line 2" },
  { "conditional-and", "o = SGD(p, lr=0.1)\ns = use_step and StepLR(o, 5)", 2, 18,
    "StepLR is built under 'and' on line 2" },
  { "conditional-or", "o = SGD(p, lr=0.1)\ns = given or \\\n    StepLR(o, 5)", 3, 5,
    "StepLR is built under 'or' on line 2" },
  /* A library's name the code defines itself is not the library's (it was read as it) */
  { "shadow-def",
    "from torch.optim.lr_scheduler import StepLR, ExponentialLR\no = SGD(p, lr=0.1)\n"
    "def StepLR(opt, n, gamma=0.5):\n    return ExponentialLR(opt, gamma)\ns = StepLR(o, 5)",
    5, 5, "StepLR is defined in this code (line 3)" },
  { "shadow-class", "o = SGD(p, lr=0.1)\nclass StepLR:\n    pass\ns = StepLR(o, 5)", 4, 5,
    "StepLR is defined in this code (line 2)" },
  { "shadow-assigned", "o = SGD(p, lr=0.1)\nStepLR = make_scheduler\ns = StepLR(o, 5)", 3, 5,
    "StepLR is defined in this code (line 2)" },
  { "shadow-parameter", "o = SGD(p, lr=0.1)\ndef train(o, StepLR):\n    s = StepLR(o, 5)", 3, 9,
    "StepLR is defined in this code (line 2)" },
  { "shadow-for-target", "o = SGD(p, lr=0.1)\nfor StepLR in makers:\n    s = StepLR(o, 5)", 3,
    9, "set by the 'for' on line 2" },
  /* optimizer.load_state_dict(…) sets its rate to what was saved (it was read as
   * before, silently): before its scheduler, the rate is unknown; after, it is set
   * again under the scheduler */
  { "torch-optimizer-load-state",
    "o = SGD(p, lr=0.1)\no.load_state_dict(torch.load(\"ck.pt\")[\"opt\"])\ns = StepLR(o, 3)",
    2, 1, "the optimizer's state is loaded on line 2 (load_state_dict())" },
  { "torch-optimizer-load-state-after",
    "o = SGD(p, lr=0.1)\ns = StepLR(o, 3)\no.load_state_dict(ck)", 2, 5,
    "the optimizer's rate is set again on line 3" },
  /* PyTorch checks these with isinstance(x, int) and raises ValueError for a float
   * (a bool is an int, and so is what int arithmetic gives) */
  { "torch-float-total-steps", "o = SGD(p, lr=0.1)\ns = OneCycleLR(o, 0.1, total_steps=201.0)",
    2, 24, "'total_steps' is 201.0, a float: OneCycleLR raises ValueError" },
  { "torch-float-steps-per-epoch",
    "o = SGD(p, lr=0.1)\ns = OneCycleLR(o, 0.1, epochs=2, steps_per_epoch=10 / 2)", 2, 49,
    "'steps_per_epoch' is 5.0, a float" },
  { "torch-float-t-0", "o = SGD(p, lr=0.1)\ns = CosineAnnealingWarmRestarts(o, 1e1)", 2, 36,
    "'T_0' is 10.0, a float: CosineAnnealingWarmRestarts raises ValueError" },
  { "torch-float-t-mult", "o = SGD(p, lr=0.1)\ns = CosineAnnealingWarmRestarts(o, 10, T_mult=2.)",
    2, 40, "'T_mult' is 2.0, a float" },
  { "message-control-character", "s = 1\x01", 1, 6, "unexpected character '\\x01'" },
  { "message-newline-in-string",
    "o = SGD(p, lr=0.1)\ns = OneCycleLR(o, 0.1, total_steps=10, anneal_strategy=\"co\\ns\")", 2,
    40, "cannot be 'co\\ns'" },
  { "message-call-first-line", "o = SGD(p, lr=0.1)\ns = StepLR(o, 3, gamma=len(\n  x))", 2, 24,
    "'len(…' is known only at run time" },
  { "message-call-whole-characters",
    "o = SGD(p, lr=0.1)\ns = StepLR(o, 3, gamma=len(\"a"
    "öööööööööööööööööööööööööööööööööööööööö\"))", 2, 24,
    "'len(\"aööööööööööööööööööööööööööööööö…' is known only at run time" },
};

static void
test_refusal (gconstpointer data)
{
  guint i = GPOINTER_TO_UINT (data);
  g_autoptr(GError) error = NULL;
  guint line = 0, column = 0;
  g_autoptr(AnnealImport) import = anneal_import (refusals[i].code,
                                                  refusals[i].length > 0
                                                    ? (gssize) refusals[i].length : -1,
                                                  NAN, &line, &column, &error);
  g_autofree char *prefix = g_strdup_printf ("line %u, column %u: ", refusals[i].line,
                                             refusals[i].column);

  g_assert_null (import);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpuint (line, ==, refusals[i].line);
  g_assert_cmpuint (column, ==, refusals[i].column);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, refusals[i].reason));
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  for (const char *p = error->message; *p != '\0'; p++)
    g_assert_false (g_ascii_iscntrl (*p));
  if (g_str_has_prefix (refusals[i].name, "broken-"))
    g_assert_error (error, ANNEAL_IMPORT_ERROR, ANNEAL_IMPORT_ERROR_SYNTAX);
}

/* Blocks nested past the limit are refused, not left untracked (a conditional
 * schedule below 64 defs was read as straight-line code) */
static void
test_nested_blocks_limit (void)
{
  g_autoptr(GString) code = g_string_new ("o = SGD(p, lr=0.1)\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealImport) import = NULL;

  for (int i = 0; i < 70; i++)
    g_string_append_printf (code, "%*sdef f%d():\n", i, "", i);
  g_string_append_printf (code, "%*sif x:\n%*ss = StepLR(o, 3)\n", 70, "", 71, "");
  import = anneal_import (code->str, -1, NAN, NULL, NULL, &error);
  g_assert_null (import);
  g_assert_error (error, ANNEAL_IMPORT_ERROR, ANNEAL_IMPORT_ERROR_LIMIT);
  g_assert_nonnull (strstr (error->message, "nested blocks"));
}

/* Hugging Face's get_linear_schedule_with_warmup, lr·(s/max(1, w)) then
 * lr·max(0, (T − s)/max(1, T − w)), to the bit at every step tried: near the warm-up's
 * end, near T (where lr − lr·(s − w)/(T − w) cancelled: 2e-11 off at the last of 10^6
 * steps, 1e-3 at 10^15) and between. */
static void
test_hf_linear_exact (void)
{
  static const gint64 totals[] = { 1, 7, 1000, 1000000, 1000001, 30000000,
                                   G_GINT64_CONSTANT (999999999999999) };
  static const double rates[] = { 3e-4, 0.1, 1.0, 7e-9, 123.456 };
  GRand *rand = g_rand_new_with_seed (4);

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    for (guint k = 0; k < G_N_ELEMENTS (rates); k++)
      {
        gint64 total = totals[i];
        gint64 warmups[] = { 0, 1, 100, total / 3, total - 1, total };

        for (guint j = 0; j < G_N_ELEMENTS (warmups); j++)
          {
            gint64 w = MIN (warmups[j], total);
            double lr = rates[k];
            g_autofree char *code = g_strdup_printf ("opt = torch.optim.AdamW(m.parameters(), "
                                                     "lr=%.17g)\ns = get_linear_schedule_with_"
                                                     "warmup(opt, %" G_GINT64_FORMAT ", %"
                                                     G_GINT64_FORMAT ")", lr, w, total);
            g_autoptr(GError) error = NULL;
            g_autoptr(AnnealImport) import = anneal_import (code, -1, NAN, NULL, NULL, &error);
            g_autoptr(AnnealSchedule) schedule = NULL;
            gint64 at[64];
            guint n = 0;

            g_assert_no_error (error);
            schedule = anneal_schedule_parse (import->spec, NULL, &error);
            g_assert_no_error (error);
            for (gint64 d = -3; d <= 3; d++)
              {
                at[n++] = w + d;
                at[n++] = total + d;
              }
            for (gint64 d = 4; d <= 40; d++)
              at[n++] = total - d;
            while (n < G_N_ELEMENTS (at))
              at[n++] = (gint64) g_rand_double_range (rand, 0, (double) total);
            for (guint a = 0; a < n; a++)
              {
                gint64 t = at[a];
                double expected;

                if (t < 0 || t > ANNEAL_EPOCH_MAX)
                  continue;
                if (t < w)
                  expected = lr * ((double) t / (double) MAX (1, w));
                else
                  expected = lr * MAX (0.0, (double) (total - t) / (double) MAX (1, total - w));
                if (anneal_schedule_value (schedule, t) != expected)
                  g_error ("T=%" G_GINT64_FORMAT " w=%" G_GINT64_FORMAT " lr=%g at %"
                           G_GINT64_FORMAT ": %.17g, Hugging Face %.17g (%s)", total, w, lr, t,
                           anneal_schedule_value (schedule, t), expected, import->spec);
              }
          }
      }
  g_rand_free (rand);
}

/* optax's linear_schedule and polynomial_schedule, and Keras' PolynomialDecay:
 * (init − end)·(1 − min(t, T)/T)^power + end, to the bit at every step tried — for a
 * decay to 0 near T (where from + (to − from)·t/T cancelled: 2e-11 off at 10^5
 * steps) and for a rise from 0 near t = 0 (where this order cancels and the library
 * is what is drawn). */
static void
test_optax_keras_poly_exact (void)
{
  static const gint64 totals[] = { 1, 7, 1000, 100000, 1000001,
                                   G_GINT64_CONSTANT (999999999999999) };
  static const double ends[][2] = { { 1e-3, 0 }, { 0, 1e-3 }, { 0.1, 1e-5 }, { 1e-12, 1 },
                                    { 123.456, 7e-9 }, { 0.5, 0.5 } };
  static const double powers[] = { 1, 0.5, 2, 7.25 };
  GRand *rand = g_rand_new_with_seed (7);

  for (guint i = 0; i < G_N_ELEMENTS (totals); i++)
    for (guint k = 0; k < G_N_ELEMENTS (ends); k++)
      for (guint p = 0; p < G_N_ELEMENTS (powers); p++)
        for (guint lib = 0; lib < 2; lib++)
          {
            gint64 total = totals[i];
            double init = ends[k][0], end = ends[k][1], power = powers[p];
            g_autofree char *code = NULL;
            g_autoptr(GError) error = NULL;
            g_autoptr(AnnealImport) import = NULL;
            g_autoptr(AnnealSchedule) schedule = NULL;
            gint64 at[64];
            guint n = 0;

            if (lib == 0 && power == 1)
              code = g_strdup_printf ("import optax\ns = optax.linear_schedule(%.17g, %.17g, %"
                                      G_GINT64_FORMAT ")", init, end, total);
            else if (lib == 0)
              code = g_strdup_printf ("import optax\ns = optax.polynomial_schedule(%.17g, "
                                      "%.17g, %.17g, %" G_GINT64_FORMAT ")", init, end, power,
                                      total);
            else
              code = g_strdup_printf ("import keras\ns = keras.optimizers.schedules."
                                      "PolynomialDecay(%.17g, %" G_GINT64_FORMAT ", %.17g, "
                                      "power=%.17g)", init, total, end, power);
            import = anneal_import (code, -1, NAN, NULL, NULL, &error);
            g_assert_no_error (error);
            schedule = anneal_schedule_parse (import->spec, NULL, &error);
            g_assert_no_error (error);
            for (gint64 d = 0; d <= 20; d++)
              {
                at[n++] = d;
                at[n++] = total - d;
              }
            at[n++] = total + 1;
            at[n++] = total + 1000;
            while (n < G_N_ELEMENTS (at))
              at[n++] = (gint64) g_rand_double_range (rand, 0, (double) total);
            for (guint a = 0; a < n; a++)
              {
                gint64 t = at[a];
                double x, expected;

                if (t < 0 || t > ANNEAL_EPOCH_MAX)
                  continue;
                x = 1 - (double) MIN (t, total) / (double) total;
                expected = (init - end) * pow (x, power) + end;
                if (anneal_schedule_value (schedule, t) != expected)
                  g_error ("%s at %" G_GINT64_FORMAT ": %.17g, the library %.17g (%s)", code, t,
                           anneal_schedule_value (schedule, t), expected, import->spec);
              }
          }
  g_rand_free (rand);
}

/* optax's warmup_*_schedule warm up with linear_schedule: polynomial_schedule's
 * order, to the bit (a warm-up from 0 over 10^5 steps rounded 5e-12 apart at its
 * first step as a ramp); warmup_constant_schedule with warmup_steps = 0 is
 * linear_schedule's constant init, not the peak. */
static void
test_optax_warmups_exact (void)
{
  static const gint64 warmups[] = { 1, 3, 1000, 100000, 9999991 };
  static const double inits[] = { 0, 1e-7, 0.3 };

  for (guint i = 0; i < 3; i++)
    for (guint j = 0; j < G_N_ELEMENTS (warmups); j++)
      for (guint k = 0; k < G_N_ELEMENTS (inits); k++)
        {
          gint64 w = warmups[j];
          double init = inits[k], peak = 1e-3;
          g_autofree char *call = NULL;
          g_autofree char *code = NULL;
          g_autoptr(GError) error = NULL;
          g_autoptr(AnnealImport) import = NULL;
          g_autoptr(AnnealSchedule) schedule = NULL;

          if (i == 0)
            call = g_strdup_printf ("optax.warmup_cosine_decay_schedule(%.17g, %.17g, %"
                                    G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")", init, peak, w,
                                    w * 10);
          else if (i == 1)
            call = g_strdup_printf ("optax.warmup_constant_schedule(%.17g, %.17g, %"
                                    G_GINT64_FORMAT ")", init, peak, w);
          else
            call = g_strdup_printf ("optax.warmup_exponential_decay_schedule(%.17g, %.17g, %"
                                    G_GINT64_FORMAT ", 1000, 0.5)", init, peak, w);
          code = g_strdup_printf ("import optax\ns = %s\n", call);
          import = anneal_import (code, -1, NAN, NULL, NULL, &error);
          g_assert_no_error (error);
          schedule = anneal_schedule_parse (import->spec, NULL, &error);
          g_assert_no_error (error);
          for (gint64 d = 0; d < 40; d++)
            for (guint end = 0; end < 2; end++)
              {
                gint64 t = end ? w - d : d;
                double expected;

                if (t < 0 || t > w)
                  continue;
                expected = (init - peak) * (1 - (double) t / (double) w) + peak;
                if (t == w && i == 2)
                  continue;  /* the decay's own first value */
                if (anneal_schedule_value (schedule, t) != expected)
                  g_error ("%s at %" G_GINT64_FORMAT ": %.17g, optax %.17g (%s)", call, t,
                           anneal_schedule_value (schedule, t), expected, import->spec);
              }
        }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AnnealImport) import = anneal_import ("import optax\n"
                                                    "s = optax.warmup_constant_schedule(0.0, "
                                                    "1e-3, 0)\n", -1, NAN, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (import->spec, ==, "constant(lr=0)");
  }
}

static void
test_lr_option (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealImport) with = anneal_import ("s = StepLR(optimizer, 10)", -1, 0.25, NULL,
                                                NULL, &error);
  g_autoptr(AnnealImport) text_wins = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (with->spec, ==, "step(lr=0.25)");
  g_assert_cmpstr (with->label, ==, "PyTorch StepLR");
  g_assert_false (with->per_step);

  /* The text's own rate is used when it has one. */
  text_wins = anneal_import ("o = SGD(p, lr=0.5)\ns = StepLR(o, 10)", -1, 0.25, NULL, NULL,
                             &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text_wins->spec, ==, "step(lr=0.5)");

  /* Two schedulers on an optimizer the text names but does not build: refused as on one
   * it builds; on two such optimizers, the last one */
  g_clear_pointer (&with, anneal_import_free);
  with = anneal_import ("s = StepLR(optimizer, 3)\nw = LinearLR(optimizer, 0.5)", -1, 0.25,
                        NULL, NULL, &error);
  g_assert_null (with);
  g_assert_error (error, ANNEAL_IMPORT_ERROR, ANNEAL_IMPORT_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "line 2, column 5: two schedulers"));
  g_clear_error (&error);
  with = anneal_import ("s = StepLR(opt_a, 3)\nw = LinearLR(opt_b, 0.5)", -1, 0.25, NULL, NULL,
                        &error);
  g_assert_no_error (error);
  g_assert_cmpstr (with->spec, ==, "linear(lr=0.25, start_factor=0.5)");
}

static void
check_limit (const char *code,
             gssize      length,
             int         code_expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AnnealImport) import = anneal_import (code, length, NAN, NULL, NULL, &error);

  g_assert_null (import);
  g_assert_error (error, ANNEAL_IMPORT_ERROR, code_expected);
}

/* The links of long chains, and the tokens of each. */
static const struct
{
  const char *link;
  guint       n_tokens;
} chain_links[] = {
  { ".b", 2 },
  { "()", 2 },
  { "[0]", 3 },
  { " + 1", 2 },
  { " * 2", 2 },
  { " ** 1", 2 },
  { " < 1", 2 },
  { " and 1", 2 },
  { " or 0", 2 },
};

static void
test_limits (void)
{
  g_autoptr(GString) deep = g_string_new ("s = ");
  g_autoptr(GString) minus = g_string_new ("s = ");
  g_autoptr(GString) many = g_string_new (NULL);
  g_autofree char *huge = g_malloc0 (ANNEAL_IMPORT_MAX_LENGTH + 2);

  for (int i = 0; i < 1000; i++)
    g_string_append_c (deep, '(');
  check_limit (deep->str, -1, ANNEAL_IMPORT_ERROR_LIMIT);

  /* Unary minus nests without brackets. */
  for (int i = 0; i < 100000; i++)
    g_string_append_c (minus, '-');
  g_string_append (minus, "1\ns = optax.constant_schedule(0.1)\n");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AnnealImport) import = anneal_import (minus->str, -1, NAN, NULL, NULL, &error);

    /* The bad statement is skipped; the schedule after it is read. */
    g_assert_no_error (error);
    g_assert_cmpstr (import->spec, ==, "constant()");
  }

  /* Chains nest too: a.b.c, f()(), a[0][0], 1 + 1 + 1, … are trees as deep as they are
   * long. As long as the token limit allows, they are refused like deep brackets (the
   * statement is skipped) instead of overflowing the stack or taking quadratic time. */
  for (guint k = 0; k < G_N_ELEMENTS (chain_links); k++)
    {
      g_autoptr(GString) chain = g_string_new ("s = a");
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnealImport) import = NULL;
      guint n = (ANNEAL_IMPORT_MAX_TOKENS - 100) / chain_links[k].n_tokens;

      for (guint i = 0; i < n; i++)
        g_string_append (chain, chain_links[k].link);
      g_string_append (chain, "\ns = optax.constant_schedule(0.1)\n");
      import = anneal_import (chain->str, -1, NAN, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (import->spec, ==, "constant()");
    }

  /* Inside a schedule call, the chain is where it cannot be read. */
  {
    g_autoptr(GString) sum = g_string_new ("s = optax.constant_schedule(0.1");
    g_autoptr(GError) error = NULL;
    g_autoptr(AnnealImport) import = NULL;

    for (int i = 0; i < 100; i++)
      g_string_append (sum, " + 0");
    g_string_append (sum, ")");
    import = anneal_import (sum->str, -1, NAN, NULL, NULL, &error);
    g_assert_null (import);
    g_assert_error (error, ANNEAL_IMPORT_ERROR, ANNEAL_IMPORT_ERROR_SYNTAX);
    g_assert_nonnull (strstr (error->message, "nested too deeply"));
  }

  /* An empty list times a huge count is empty at once. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AnnealImport) import = anneal_import ("x = [] * 10**15\n"
                                                    "s = optax.constant_schedule(0.1)\n",
                                                    -1, NAN, NULL, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (import->spec, ==, "constant()");
  }

  /* `s = s + s` doubles at each line: 60 lines of it took 9 GB. What `+` and `*` make
   * is bounded, each list, each string and all together; the schedule is still read,
   * and one built from such a list says why it cannot be. */
  {
    static const char * const starts[] = { "s = 'a'\n", "s = [1]\n", "s = [1] * 4000\n" };

    for (guint k = 0; k < G_N_ELEMENTS (starts); k++)
      {
        g_autoptr(GString) text = g_string_new (starts[k]);
        g_autoptr(GError) error = NULL;
        g_autoptr(AnnealImport) import = NULL;

        for (int i = 0; i < 60; i++)
          g_string_append (text, "s = s + s\n");
        g_string_append (text, "s = optax.constant_schedule(0.1)\n");
        import = anneal_import (text->str, -1, NAN, NULL, NULL, &error);
        g_assert_no_error (error);
        g_assert_cmpstr (import->spec, ==, "constant()");
      }
  }
  {
    g_autoptr(GString) text = g_string_new ("ms = [30]\n");
    g_autoptr(GError) error = NULL;
    g_autoptr(AnnealImport) import = NULL;

    for (int i = 0; i < 2000; i++)  /* 2000 lists of 4096 items: more than 2^22 made */
      g_string_append (text, "x = [1] * 4096\n");
    g_string_append (text, "ms = ms + [80]\n"
                           "o = torch.optim.SGD(m.parameters(), lr=0.1)\n"
                           "s = torch.optim.lr_scheduler.MultiStepLR(o, ms)\n");
    import = anneal_import (text->str, -1, NAN, NULL, NULL, &error);
    g_assert_null (import);
    g_assert_error (error, ANNEAL_IMPORT_ERROR, ANNEAL_IMPORT_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "more lists and strings joined than Anneal follows"));
    g_assert_nonnull (strstr (error->message, "2002"));  /* the line */
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AnnealImport) import =
      anneal_import ("ms = [1] * 4000 + [2] * 97\n"
                     "o = torch.optim.SGD(m.parameters(), lr=0.1)\n"
                     "s = torch.optim.lr_scheduler.MultiStepLR(o, ms)\n",
                     -1, NAN, NULL, NULL, &error);

    g_assert_null (import);
    g_assert_error (error, ANNEAL_IMPORT_ERROR, ANNEAL_IMPORT_ERROR_UNSUPPORTED);
    g_assert_nonnull (strstr (error->message, "a list too long for Anneal"));
  }

  /* A ChainedScheduler of ConstantLRs is one stage from each boundary to the next:
   * 64 are a spec's most, more are refused before any is written (8000 took 76 s to
   * be refused as a spec too long). */
  for (guint n = 63; n <= 8000; n = n == 63 ? 64 : 8000)
    {
      g_autoptr(GString) text = g_string_new ("o = SGD(p, lr=0.1)\n");
      g_autoptr(GError) error = NULL;
      g_autoptr(AnnealImport) import = NULL;

      for (guint i = 0; i < n; i++)
        g_string_append_printf (text, "s%u = ConstantLR(o, factor=0.99, total_iters=%u)\n",
                                i, i + 1);
      g_string_append (text, "c = ChainedScheduler([s0");
      for (guint i = 1; i < n; i++)
        g_string_append_printf (text, ", s%u", i);
      g_string_append (text, "])\n");
      import = anneal_import (text->str, -1, NAN, NULL, NULL, &error);
      if (n == 63)
        {
          g_autoptr(AnnealSchedule) schedule = NULL;

          g_assert_no_error (error);
          schedule = anneal_schedule_parse (import->spec, NULL, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (anneal_schedule_get_n_stages (schedule), ==, 64);
          /* 0.1·0.99^63 until the first ends, 0.1 from epoch 63 on */
          g_assert_cmpfloat_with_epsilon (anneal_schedule_value (schedule, 0),
                                          0.1 * pow (0.99, 63), 1e-15);
          g_assert_cmpfloat (anneal_schedule_value (schedule, 63), ==, 0.1);
        }
      else
        {
          g_assert_null (import);
          g_assert_error (error, ANNEAL_IMPORT_ERROR, ANNEAL_IMPORT_ERROR_UNSUPPORTED);
          g_assert_nonnull (strstr (error->message, "more pieces than Anneal's stages hold"));
        }
      if (n == 8000)
        break;
    }

  for (int i = 0; i < ANNEAL_IMPORT_MAX_TOKENS; i++)
    g_string_append (many, "x;");
  check_limit (many->str, -1, ANNEAL_IMPORT_ERROR_LIMIT);

  memset (huge, 'x', ANNEAL_IMPORT_MAX_LENGTH + 1);
  check_limit (huge, -1, ANNEAL_IMPORT_ERROR_LIMIT);

  /* Embedded NULs are not UTF-8 text Python reads. */
  check_limit ("s = 1\0", 6, ANNEAL_IMPORT_ERROR_SYNTAX);
}

static void
test_looks_like_code (void)
{
  g_assert_true (anneal_import_looks_like_code ("import torch\n"));
  g_assert_true (anneal_import_looks_like_code ("optax.constant_schedule(0.1)"));
  g_assert_true (anneal_import_looks_like_code ("get_cosine_schedule_with_warmup(o, 10, 100)"));
  g_assert_false (anneal_import_looks_like_code ("cosine(lr=0.1, t_max=45)"));
  g_assert_false (anneal_import_looks_like_code ("linear(lr=1e-3, for=5) -> step()"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (golden_case_free);

  g_test_init (&argc, &argv, NULL);

  path = g_test_build_filename (G_TEST_DIST, "data", "import", "cases.tsv", NULL);
  rows = anneal_test_read_cases (path, 5, TRUE);
  for (guint i = 0; i < rows->len; i++)
    {
      char **fields = g_ptr_array_index (rows, i);
      g_autofree char *test_path = NULL;
      GoldenCase *c = g_new0 (GoldenCase, 1);

      c->name = g_strdup (fields[0]);
      c->steps = g_ascii_strtoll (fields[2], NULL, 10);
      c->rel_tol = g_ascii_strtod (fields[3], NULL);
      c->code = g_strcompress (fields[4]);
      g_ptr_array_add (cases, c);
      test_path = g_strdup_printf ("/anneal/import/golden/%s", c->name);
      g_test_add_data_func (test_path, c, test_golden);
    }
  g_assert_cmpuint (cases->len, ==, 10);

  for (guint i = 0; i < G_N_ELEMENTS (snippets); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/anneal/import/snippet/%s",
                                                    snippets[i].name);

      g_test_add_data_func (test_path, GUINT_TO_POINTER (i), test_snippet);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autofree char *test_path = g_strdup_printf ("/anneal/import/refusal/%s",
                                                    refusals[i].name);

      g_test_add_data_func (test_path, GUINT_TO_POINTER (i), test_refusal);
    }
  g_test_add_func ("/anneal/import/hf-linear-exact", test_hf_linear_exact);
  g_test_add_func ("/anneal/import/optax-keras-poly-exact", test_optax_keras_poly_exact);
  g_test_add_func ("/anneal/import/optax-warmups-exact", test_optax_warmups_exact);
  g_test_add_func ("/anneal/import/lr-option", test_lr_option);
  g_test_add_func ("/anneal/import/limits", test_limits);
  g_test_add_func ("/anneal/import/nested-blocks-limit", test_nested_blocks_limit);
  g_test_add_func ("/anneal/import/looks-like-code", test_looks_like_code);

  return g_test_run ();
}
