#!/usr/bin/python3
# test-import-libs.py — `anneal-cli import` against the libraries themselves
#
# Each snippet below is written the way training scripts write it (aliases,
# positional arguments, variables, arithmetic). The test runs the snippet as Python —
# with the real PyTorch (Debian's python3-torch) and with the float64
# re-implementations of tests/ref/ for Hugging Face, Keras, timm and optax (under
# their own module names, tests/ref/libs.py) — reads the rate at every step, imports the same text with
# `anneal-cli import`, evaluates the spec with `anneal-cli eval` and compares every
# step: 1e-12 relative, with an absolute floor of 1e-14 of the curve's peak.
#
# Usage: test-import-libs.py ANNEAL_CLI. Output is TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "ref"))

try:
    import torch
except ImportError:
    torch = None

CASES = [
    # name, steps, variable, code
    ("torch-step-positional", 100, "sched", """
import torch
opt = torch.optim.SGD(model.parameters(), 0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.StepLR(opt, 30, 0.5)
"""),
    ("torch-multistep-alias", 120, "s", """
import torch.optim.lr_scheduler as lrs
from torch import optim
optimizer = optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.01)
s = lrs.MultiStepLR(optimizer, milestones=[80, 30, 30], gamma=0.1)
"""),
    ("torch-cosine-from-import", 130, "scheduler", """
from torch.optim.lr_scheduler import CosineAnnealingLR as Cos
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
epochs = 1_00
scheduler = Cos(optimizer, T_max=epochs, eta_min=0)
"""),
    ("torch-sequential-arithmetic", 300, "scheduler", """
total = 300
warm = int(0.1 * total)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1 * 2)  # doubled
warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1e-3, \\
    total_iters=warm)
main = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total - warm)
scheduler = torch.optim.lr_scheduler.SequentialLR(
    optimizer,
    schedulers=[warmup, main],
    milestones=[warm],
)
"""),
    ("torch-sequential-constant", 60, "scheduler", """
from torch.optim.lr_scheduler import SequentialLR, ConstantLR, ExponentialLR, StepLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9)
scheduler = SequentialLR(optimizer, [ConstantLR(optimizer, factor=0.5, total_iters=10),
                                     StepLR(optimizer, 7, gamma=0.5)], milestones=[4])
"""),
    ("torch-onecycle", 1000, "scheduler", """
optimizer = torch.optim.SGD(net.parameters(), lr=1e-4)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0x10 / 160, epochs=10,
                                                steps_per_epoch=100, anneal_strategy='linear')
"""),
    ("torch-onecycle-three-phase", 500, "scheduler", """
optimizer = torch.optim.Adam(net.parameters())
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, 0.01, total_steps=500,
                                                three_phase=True, div_factor=10.)
"""),
    ("torch-cyclic", 200, "sched", """
from torch.optim import SGD
from torch.optim.lr_scheduler import CyclicLR
opt = SGD(model.parameters(), lr=0.1, momentum=0.9)
sched = CyclicLR(opt, base_lr=1e-3, max_lr=6e-3, step_size_up=4 * 5, mode="triangular2")
"""),
    ("torch-warm-restarts", 150, "s", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
s = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, 10, 2, 1e-5)
"""),
    ("torch-linear-poly", 40, "s", """
opt = torch.optim.RMSprop(model.parameters(), lr=1e-2)
a = torch.optim.lr_scheduler.LinearLR(opt, 0.25, 1.0, 8)
b = torch.optim.lr_scheduler.PolynomialLR(opt, total_iters=20, power=2.0)
s = torch.optim.lr_scheduler.SequentialLR(opt, [a, b], [8])
"""),
    ("torch-constant-default", 20, "scheduler", """
optimizer = torch.optim.Adam(model.parameters())
scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer)
"""),
    ("hf-cosine-warmup", 1000, "scheduler", """
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=100,
                                            num_training_steps=1000)
"""),
    ("hf-cosine-past-end", 1300, "scheduler", """
from transformers import get_cosine_schedule_with_warmup
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
scheduler = get_cosine_schedule_with_warmup(optimizer, 50, 1050, num_cycles=2.5)
"""),
    ("hf-linear", 1100, "lr_scheduler", """
from transformers import get_scheduler as gs, SchedulerType
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
num_training_steps = 2 * 500
lr_scheduler = gs(name=SchedulerType.LINEAR, optimizer=optimizer, num_warmup_steps=60,
                  num_training_steps=num_training_steps)
"""),
    ("hf-linear-no-warmup", 500, "s", """
import transformers
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
s = transformers.get_linear_schedule_with_warmup(optimizer, 0, 400)
"""),
    ("hf-constant-warmup", 300, "s", """
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
s = transformers.get_constant_schedule_with_warmup(optimizer, num_warmup_steps=37)
"""),
    ("hf-constant", 30, "s", """
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
s = transformers.get_scheduler("constant", optimizer, num_warmup_steps=10)
"""),
    ("hf-hard-restarts", 700, "s", """
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
s = get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, 100, 700, num_cycles=3)
"""),
    ("hf-poly", 1100, "scheduler", """
from transformers import get_polynomial_decay_schedule_with_warmup
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
scheduler = get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps=100,
    num_training_steps=1000, lr_end=1e-6, power=2.0)
"""),
    ("hf-poly-power0", 60, "s", """
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
s = get_polynomial_decay_schedule_with_warmup(optimizer, 10, 50, power=0)
"""),
    ("hf-inverse-sqrt", 3000, "s", """
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
s = get_inverse_sqrt_schedule(optimizer, 400)
"""),
    ("hf-min-lr", 1200, "s", """
optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4)
s = get_cosine_with_min_lr_schedule_with_warmup(optimizer, 100, 1100, min_lr=4e-5)
"""),
    ("hf-wsd", 550, "scheduler", """
from transformers import get_wsd_schedule
optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4)
scheduler = get_wsd_schedule(optimizer, num_warmup_steps=50, num_stable_steps=300,
                             num_decay_steps=150)
"""),
    ("hf-wsd-training-steps", 700, "scheduler", """
optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4)
scheduler = transformers.get_scheduler('warmup_stable_decay', optimizer, num_warmup_steps=20,
    num_training_steps=600, scheduler_specific_kwargs={'num_decay_steps': 100,
    'warmup_type': 'cosine', 'decay_type': '1-sqrt', 'min_lr_ratio': 0.1})
"""),
    ("keras-cosine-warmup", 1100, "lr_schedule", """
import keras
lr_schedule = keras.optimizers.schedules.CosineDecay(initial_learning_rate=0.0,
    decay_steps=900, alpha=0.1, warmup_target=0.001, warmup_steps=100)
"""),
    ("keras-cosine-plain", 300, "lr", """
from tensorflow import keras
lr = keras.optimizers.schedules.CosineDecay(1e-3, 250)
"""),
    ("keras-cosine-warm-from", 400, "lr", """
import tensorflow as tf
lr = tf.keras.optimizers.schedules.CosineDecay(1e-4, 300, warmup_target=1e-3, warmup_steps=50)
"""),
    ("keras-exp-stair", 2000, "s", """
s = keras.optimizers.schedules.ExponentialDecay(1e-2, decay_steps=250, decay_rate=0.9,
                                                staircase=True)
"""),
    ("keras-piecewise", 2500, "lr", """
lr = keras.optimizers.schedules.PiecewiseConstantDecay([1000, 2000], [1e-3, 1e-4, 1e-5])
optimizer = keras.optimizers.Adam(learning_rate=lr)
"""),
    ("keras-polynomial", 12000, "sched", """
sched = tf.keras.optimizers.schedules.PolynomialDecay(0.1, 10000, end_learning_rate=0.01,
                                                      power=0.5)
"""),
    ("keras-restarts", 800, "s", """
s = keras.optimizers.schedules.CosineDecayRestarts(0.1, 50)
"""),
    ("timm-step", 100, "s", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
s = timm.scheduler.StepLRScheduler(optimizer, decay_t=30, decay_rate=0.1, warmup_t=3,
                                   warmup_lr_init=1e-4)
"""),
    ("timm-step-no-prefix", 100, "s", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
s = timm.scheduler.StepLRScheduler(optimizer, 7, 0.5, warmup_t=10, warmup_prefix=False)
"""),
    ("timm-multistep", 100, "s", """
from timm.scheduler import MultiStepLRScheduler
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
s = MultiStepLRScheduler(optimizer, decay_t=[30, 60], decay_rate=0.1, warmup_t=5,
                         warmup_lr_init=0.01, warmup_prefix=True)
"""),
    # timm's bisect_right(decay_t, t + 1) assumes a sorted list; on one that is not it
    # takes both decays at 30 and none at 60 (the spec had them at 29 and 59).
    ("timm-multistep-unsorted", 100, "s", """
from timm.scheduler import MultiStepLRScheduler
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
s = MultiStepLRScheduler(optimizer, decay_t=[60, 30], decay_rate=0.1, warmup_t=5,
                         warmup_prefix=False)
"""),
    # get_scheduler passes no scheduler_specific_kwargs to inverse_sqrt (nor to constant
    # and constant_with_warmup): the timescale is the warm-up's, not 3 (it was taken).
    ("hf-get-scheduler-inverse-sqrt-kwargs", 200, "s", """
from transformers import get_scheduler
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4)
s = get_scheduler("inverse_sqrt", optimizer, num_warmup_steps=20,
                  scheduler_specific_kwargs={"timescale": 3})
"""),
    ("hf-get-scheduler-constant-kwargs", 50, "s", """
from transformers import get_scheduler
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4)
extra_kwargs = {"num_cycles": 3}
s = get_scheduler("constant_with_warmup", optimizer, num_warmup_steps=20,
                  scheduler_specific_kwargs=extra_kwargs)
"""),
    # get_cosine_with_min_lr_schedule_with_warmup_lr_rate, by name and by get_scheduler
    # (neither was read: "no learning-rate schedule found", "unknown scheduler").
    ("hf-cosine-min-lr-rate", 400, "s", """
from transformers.optimization import get_cosine_with_min_lr_schedule_with_warmup_lr_rate
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
s = get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer, 50, 300, num_cycles=1.5,
                                                        min_lr=1e-5)
"""),
    ("hf-cosine-min-lr-rate-warmup-rate", 400, "s", """
from transformers.optimization import get_cosine_with_min_lr_schedule_with_warmup_lr_rate
head, body = model.weight, model.bias
optimizer = torch.optim.AdamW([{"params": [head], "lr": 1e-4}, {"params": [body]}], lr=3e-4)
s = get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer, 7, 300, min_lr=1e-5,
                                                        warmup_lr_rate=0.05)
"""),
    ("hf-get-scheduler-cosine-warmup-with-min-lr", 120, "s", """
import transformers
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
s = transformers.get_scheduler("cosine_warmup_with_min_lr", optimizer, num_warmup_steps=1,
                               num_training_steps=100,
                               scheduler_specific_kwargs={"min_lr_rate": 0.1})
"""),
    ("timm-cosine-prefix", 200, "s", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
s = timm.scheduler.CosineLRScheduler(optimizer, t_initial=40, lr_min=1e-5, cycle_decay=0.5,
                                     cycle_limit=3, warmup_t=5, warmup_prefix=True)
"""),
    ("optax-warmup-cosine", 1100, "schedule", """
import optax
schedule = optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=1e-3,
    warmup_steps=100, decay_steps=1000, end_value=1e-5)
"""),
    ("optax-exp-stair", 400, "schedule", """
schedule = optax.exponential_decay(0.1, transition_steps=50, decay_rate=0.5,
                                   transition_begin=100, staircase=True)
"""),
    ("optax-exp-end-value", 400, "schedule", """
schedule = optax.exponential_decay(0.1, 10, 0.5, staircase=True, end_value=1e-3)
"""),
    ("optax-join", 10500, "schedule", """
import optax
warm = optax.linear_schedule(0.0, 1e-3, 500)
decay = optax.cosine_decay_schedule(1e-3, decay_steps=9500)
schedule = optax.join_schedules([warm, decay], boundaries=[500])
tx = optax.adamw(learning_rate=schedule)
"""),
    ("optax-piecewise", 300, "s", """
from optax import schedules
s = schedules.piecewise_constant_schedule(0.1, {200: 0.1, 100: 0.5})
"""),
    ("optax-polynomial-begin", 200, "s", """
s = optax.polynomial_schedule(init_value=1.0, end_value=0.01, power=3, transition_steps=100,
                              transition_begin=40)
"""),
    ("optax-warmup-exponential", 300, "s", """
s = optax.warmup_exponential_decay_schedule(0.0, 0.1, 20, 1, 0.99)
"""),
]


CASES += [
    ("hf-cosine-cycles", 1300, "scheduler", """
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
scheduler = get_cosine_schedule_with_warmup(optimizer, 50, 1050, num_cycles=1.5)
"""),
    ("hf-hard-restarts-fraction", 800, "s", """
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
s = get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, 10, 710, num_cycles=2.5)
"""),
    ("hf-min-lr-rate", 900, "s", """
optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4)
s = transformers.get_scheduler("cosine_with_min_lr", optimizer, num_warmup_steps=30,
    num_training_steps=700, scheduler_specific_kwargs=dict(min_lr_rate=0.05))
"""),
    ("keras-exp-smooth", 1000, "s", """
s = keras.optimizers.schedules.ExponentialDecay(0.1, 100, 0.96)
"""),
    ("keras-inverse-time", 1000, "s", """
s = keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5)
"""),
    ("keras-inverse-time-stair", 1000, "s", """
s = keras.optimizers.schedules.InverseTimeDecay(0.1, 10, 0.5, staircase=True)
"""),
    ("keras-poly-cycle", 500, "s", """
s = keras.optimizers.schedules.PolynomialDecay(0.1, 100, 0.001, power=2, cycle=True)
"""),
    ("keras-restarts-damped", 900, "s", """
s = keras.optimizers.schedules.CosineDecayRestarts(0.1, 40, t_mul=1.5, m_mul=0.8, alpha=0.1)
"""),
    ("timm-cosine-mul", 400, "s", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
s = timm.scheduler.CosineLRScheduler(optimizer, t_initial=20, cycle_mul=2, lr_min=1e-4,
    cycle_limit=4, warmup_t=3, warmup_lr_init=1e-3)
"""),
    ("timm-poly", 120, "s", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
s = timm.scheduler.PolyLRScheduler(optimizer, t_initial=100, power=2.0, lr_min=1e-4,
    warmup_t=5, warmup_prefix=True)
"""),
    ("optax-interpolate", 400, "s", """
s = optax.piecewise_interpolate_schedule('cosine', 0.1, {100: 0.5, 300: 0.1})
"""),
    ("optax-linear-onecycle", 1100, "s", """
s = optax.linear_onecycle_schedule(1000, 0.01)
"""),
    ("optax-cosine-onecycle", 1100, "s", """
s = optax.cosine_onecycle_schedule(transition_steps=1000, peak_value=0.01, pct_start=0.25)
"""),
    ("optax-sgdr", 700, "s", """
kw = dict(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=200, end_value=1e-3)
s = optax.sgdr_schedule([kw] * 3)
"""),
    ("optax-exp-smooth-end", 700, "s", """
s = optax.exponential_decay(0.1, 20, 0.9, transition_begin=30, end_value=0.01)
"""),
    ("optax-cosine-exponent", 300, "s", """
s = optax.cosine_decay_schedule(0.1, 200, alpha=0.01, exponent=2.0)
"""),
]


# Real-script styles: module aliases, submodule imports, keyword and positional
# arguments, variables, 1_000 and int(0.1 * n), past-the-end runs.
CASES += [
    ("torch-sched-alias", 200, "scheduler", """
import torch
from torch.optim import lr_scheduler as sched
optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
scheduler = sched.StepLR(optimizer, step_size=1_000 // 100, gamma=0.5)
"""),
    ("torch-lr_scheduler-module", 200, "scheduler", """
import torch.optim as optim
from torch.optim import lr_scheduler
optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True)
scheduler = lr_scheduler.MultiStepLR(optimizer, milestones=[50, 100, 150], gamma=0.2)
"""),
    ("torch-exponential-positional", 300, "s", """
opt = torch.optim.SGD(model.parameters(), lr=1e-2)
s = torch.optim.lr_scheduler.ExponentialLR(opt, 0.98)
"""),
    ("torch-polynomial", 150, "s", """
opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
s = torch.optim.lr_scheduler.PolynomialLR(opt, total_iters=100, power=2.0)
"""),
    ("torch-linear-warmup-only", 50, "s", """
opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
s = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, end_factor=1.0, total_iters=10)
"""),
    ("torch-constant-factor", 30, "s", """
opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
s = torch.optim.lr_scheduler.ConstantLR(opt, factor=0.25, total_iters=8)
"""),
    ("torch-cosine-eta-past", 700, "scheduler", """
EPOCHS = 200
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS, eta_min=1e-4)
"""),
    ("torch-warm-restarts-mult", 400, "scheduler", """
from torch.optim.lr_scheduler import CosineAnnealingWarmRestarts
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=10, T_mult=2, eta_min=1e-6)
"""),
    ("torch-onecycle-epochs", 600, "scheduler", """
epochs = 6
steps_per_epoch = 100
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-3, epochs=epochs, steps_per_epoch=steps_per_epoch, pct_start=0.25)
"""),
    ("torch-cyclic-exp", 500, "scheduler", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
scheduler = torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr=0.001, max_lr=0.1, step_size_up=50, mode='exp_range', gamma=0.999)
"""),
    ("torch-sequential-three", 300, "scheduler", """
from torch.optim.lr_scheduler import LinearLR, CosineAnnealingLR, ConstantLR, SequentialLR
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-4)
warm = LinearLR(optimizer, start_factor=0.01, total_iters=20)
hold = ConstantLR(optimizer, factor=1.0, total_iters=50)
decay = CosineAnnealingLR(optimizer, T_max=230, eta_min=2e-6)
scheduler = SequentialLR(optimizer, schedulers=[warm, hold, decay], milestones=[20, 70])
"""),
    ("torch-sequential-exp", 200, "scheduler", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler1 = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.1, total_iters=2)
scheduler2 = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.9)
scheduler = torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers=[scheduler1, scheduler2], milestones=[2])
"""),
    ("hf-get-scheduler-positional", 1200, "lr_scheduler", """
from transformers import get_scheduler
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
num_training_steps = 3 * 400
lr_scheduler = get_scheduler("linear", optimizer=optimizer, num_warmup_steps=0, num_training_steps=num_training_steps)
"""),
    ("hf-get-scheduler-cosine", 1000, "lr_scheduler", """
import transformers
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
lr_scheduler = transformers.get_scheduler("cosine", optimizer, 100, 1000)
"""),
    ("hf-get-scheduler-kwargs", 1000, "s", """
from transformers import get_scheduler
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
s = get_scheduler(name="cosine_with_min_lr", optimizer=optimizer, num_warmup_steps=50, num_training_steps=1000, scheduler_specific_kwargs={"min_lr": 1e-6})
"""),
    ("hf-optimization-module", 800, "s", """
from transformers.optimization import get_linear_schedule_with_warmup
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, eps=1e-8)
s = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=int(0.06 * 800), num_training_steps=800)
"""),
    ("hf-poly-kw", 600, "s", """
from transformers import get_polynomial_decay_schedule_with_warmup
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
s = get_polynomial_decay_schedule_with_warmup(optimizer, 60, 500, lr_end=1e-5, power=1.5)
"""),
    ("hf-inverse-sqrt-timescale", 900, "s", """
from transformers import get_inverse_sqrt_schedule
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
s = get_inverse_sqrt_schedule(optimizer, num_warmup_steps=100, timescale=50)
"""),
    ("keras-tf-exp", 1000, "lr_schedule", """
import tensorflow as tf
lr_schedule = tf.keras.optimizers.schedules.ExponentialDecay(
    initial_learning_rate=1e-2,
    decay_steps=10000,
    decay_rate=0.9)
optimizer = tf.keras.optimizers.SGD(learning_rate=lr_schedule)
"""),
    ("keras-schedules-import", 800, "sched", """
from keras.optimizers.schedules import PiecewiseConstantDecay
boundaries = [100, 300]
values = [1.0, 0.5, 0.1]
sched = PiecewiseConstantDecay(boundaries, values)
"""),
    ("keras-cosine-alpha", 1200, "lr", """
import keras
lr = keras.optimizers.schedules.CosineDecay(0.001, decay_steps=1000, alpha=0.1)
"""),
    ("keras-restarts-tf", 2000, "lr", """
import tensorflow as tf
lr = tf.keras.optimizers.schedules.CosineDecayRestarts(1e-3, first_decay_steps=200, t_mul=1.5, m_mul=0.8, alpha=0.05)
"""),
    ("keras-poly-power", 1200, "lr", """
from tensorflow import keras
lr = keras.optimizers.schedules.PolynomialDecay(0.1, 1000, end_learning_rate=0.001, power=0.5)
"""),
    ("timm-cosine-warmup", 300, "s", """
from timm.scheduler import CosineLRScheduler
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4)
s = CosineLRScheduler(optimizer, t_initial=300, lr_min=1e-6, warmup_t=20, warmup_lr_init=1e-7, warmup_prefix=True)
"""),
    ("timm-cosine-cycles", 400, "s", """
from timm.scheduler.cosine_lr import CosineLRScheduler
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
s = CosineLRScheduler(optimizer, t_initial=100, cycle_mul=1.0, cycle_decay=0.5, cycle_limit=3, lr_min=1e-5)
"""),
    ("timm-step-scheduler", 100, "s", """
from timm.scheduler import StepLRScheduler
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
s = StepLRScheduler(optimizer, decay_t=30, decay_rate=0.1, warmup_t=5, warmup_lr_init=1e-4)
"""),
    ("optax-warmup-cosine-kw", 1200, "schedule", """
import optax
schedule = optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=1e-3, warmup_steps=100, decay_steps=1_000, end_value=1e-5)
"""),
    ("optax-join-linear-cosine", 600, "schedule", """
import optax
warmup_fn = optax.linear_schedule(init_value=0., end_value=0.1, transition_steps=50)
cosine_fn = optax.cosine_decay_schedule(init_value=0.1, decay_steps=500)
schedule = optax.join_schedules(schedules=[warmup_fn, cosine_fn], boundaries=[50])
"""),
    ("optax-piecewise-dict", 400, "schedule", """
import optax
schedule = optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={100: 0.1, 200: 0.1, 300: 0.5})
"""),
    ("optax-exp-decay-kw", 500, "schedule", """
import optax
schedule = optax.exponential_decay(init_value=1e-3, transition_steps=100, decay_rate=0.5, transition_begin=50, staircase=True, end_value=1e-4)
"""),
    ("optax-linear-begin", 300, "schedule", """
import optax
schedule = optax.linear_schedule(1e-3, 1e-5, 200, 20)
"""),
    # a negative transition_begin falls back to 0 in optax
    ("optax-negative-begin", 300, "schedule", """
import optax
schedule = optax.linear_schedule(1e-3, 1e-5, 200, transition_begin=-20)
"""),
    ("optax-exp-negative-begin", 300, "schedule", """
import optax
schedule = optax.exponential_decay(1e-3, 100, 0.5, transition_begin=-5, staircase=True)
"""),
    ("optax-schedules-module", 500, "schedule", """
from optax import schedules
schedule = schedules.cosine_decay_schedule(1e-3, 400, alpha=0.0)
"""),
]

# ChainedScheduler: ConstantLR factors times at most one ExponentialLR.
CASES += [
    ("torch-chained-doc", 100, "scheduler", """
optimizer = torch.optim.SGD(model.parameters(), lr=1.)
scheduler1 = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.1, total_iters=2)
scheduler2 = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.9)
scheduler = torch.optim.lr_scheduler.ChainedScheduler([scheduler1, scheduler2])
"""),
    ("torch-chained-exp-first", 1500, "scheduler", """
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
scheduler = ChainedScheduler([ExponentialLR(optimizer, gamma=0.997),
                              ConstantLR(optimizer, factor=0.3, total_iters=40),
                              ConstantLR(optimizer, factor=0.5, total_iters=100)])
"""),
    ("torch-chained-constants", 50, "scheduler", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
a = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.25, total_iters=10)
b = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=10)
c = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.8, total_iters=3)
scheduler = torch.optim.lr_scheduler.ChainedScheduler([a, b, c])
"""),
]

# A rate set on an optimizer's param_groups is that optimizer's, before its first
# scheduler: not the last optimizer's.
CASES += [
    ("torch-param-groups-two-optimizers", 20, "s", """
o1 = torch.optim.SGD(model.parameters(), lr=0.1)
o1.param_groups[0]["lr"] = 0.2
o2 = torch.optim.SGD(model.parameters(), lr=0.7)
for g in o2.param_groups:
    g["lr"] = 0.5
s = torch.optim.lr_scheduler.StepLR(o1, 3, gamma=0.5)
"""),
    ("torch-param-groups-update", 20, "s", """
o = torch.optim.SGD(model.parameters(), lr=0.1)
for g in o.param_groups: g.update(lr=0.05)
s = torch.optim.lr_scheduler.ExponentialLR(o, 0.9)
"""),
    # g.__setitem__("lr", x) is g["lr"] = x (it was not followed: 0.1 was drawn)
    ("torch-param-groups-setitem", 20, "s", """
o = torch.optim.SGD(model.parameters(), lr=0.1)
for g in o.param_groups:
    g.__setitem__('lr', 0.05)
s = torch.optim.lr_scheduler.StepLR(o, 3, gamma=0.5)
"""),
    ("hf-param-groups-update-dict", 120, "s", """
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
optimizer.param_groups[0].update({"lr": 3e-4, "weight_decay": 0.01})
s = transformers.get_cosine_schedule_with_warmup(optimizer, 10, 100)
"""),
    ("timm-param-groups-rate", 60, "s", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for group in optimizer.param_groups:
    group["lr"] = 0.02
s = timm.scheduler.CosineLRScheduler(optimizer, t_initial=50, warmup_t=5, warmup_lr_init=1e-4)
"""),
]

# initial_lr set by hand before the first scheduler: kept (group.setdefault), so the
# schedulers that start from initial_lr (LambdaLR's, Hugging Face's, the warm
# restarts, SequentialLR, timm) take it; those that step the group's rate on
# (StepLR, …, alone or in a ChainedScheduler) take lr.
for name, steps, code in [
    ("torch-initial-lr-step", 20, "s = torch.optim.lr_scheduler.StepLR(o, 3, gamma=0.5)"),
    ("torch-initial-lr-multistep", 20, "s = MultiStepLR(o, [2, 5])"),
    ("torch-initial-lr-constant", 20, "s = ConstantLR(o, 0.5, total_iters=4)"),
    ("torch-initial-lr-linear", 20, "s = LinearLR(o, 0.25, total_iters=4)"),
    ("torch-initial-lr-poly", 20, "s = PolynomialLR(o, total_iters=8, power=2.0)"),
    ("torch-initial-lr-exponential", 20, "s = ExponentialLR(o, 0.9)"),
    ("torch-initial-lr-warm-restarts", 40, "s = CosineAnnealingWarmRestarts(o, 5, 2)"),
    ("torch-initial-lr-sequential", 40,
     "s = SequentialLR(o, [ConstantLR(o, 0.5, 2), CosineAnnealingLR(o, 4)], [3])"),
    ("torch-initial-lr-sequential-cosine-first", 40,
     "s = SequentialLR(o, [CosineAnnealingLR(o, 2), StepLR(o, 2)], [4])"),
    ("torch-initial-lr-chained", 30,
     "s = ChainedScheduler([ExponentialLR(o, 0.9), ConstantLR(o, 0.5, 2)])"),
    ("hf-initial-lr", 120, "s = transformers.get_cosine_schedule_with_warmup(o, 10, 100)"),
    ("timm-initial-lr", 60, "s = timm.scheduler.StepLRScheduler(o, decay_t=10, warmup_t=3)"),
]:
    CASES.append((name, steps, "s", """
o = torch.optim.SGD(model.parameters(), lr=0.1)
o.param_groups[0]["lr"] = 0.2
for group in o.param_groups:
    group["initial_lr"] = 0.3
""" + code + "\n"))

# ConstantLR(total_iters=0): the first step multiplies by the factor and nothing ever
# divides it back — L·factor for good, alone, first in a SequentialLR or in a
# ChainedScheduler; restarted later in a SequentialLR by step(0) it is L.
CASES += [
    ("torch-constant-total0", 40, "scheduler", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=0)
"""),
    ("torch-constant-total0-sequential-first", 60, "scheduler", """
from torch.optim.lr_scheduler import SequentialLR, ConstantLR, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)
hold = ConstantLR(optimizer, factor=0.1, total_iters=0)
decay = ExponentialLR(optimizer, gamma=0.9)
scheduler = SequentialLR(optimizer, schedulers=[hold, decay], milestones=[7])
"""),
    ("torch-constant-total0-sequential-later", 60, "scheduler", """
from torch.optim.lr_scheduler import SequentialLR, ConstantLR, LinearLR, StepLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.3)
scheduler = SequentialLR(optimizer, schedulers=[LinearLR(optimizer, 0.1, total_iters=4),
                                                ConstantLR(optimizer, factor=0.7, total_iters=0),
                                                StepLR(optimizer, 5, gamma=0.5)],
                         milestones=[4, 20])
"""),
    ("torch-constant-total0-chained", 80, "scheduler", """
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = ChainedScheduler([ConstantLR(optimizer, factor=0.5, total_iters=0),
                              ExponentialLR(optimizer, gamma=0.95),
                              ConstantLR(optimizer, factor=0.2, total_iters=3)])
"""),
    ("torch-constant-total0-chained-constants", 30, "scheduler", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
a = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=0)
b = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.2, total_iters=3)
scheduler = torch.optim.lr_scheduler.ChainedScheduler([b, a])
"""),
]

# LinearLR(total_iters=0): the first step multiplies by start_factor and every later
# one keeps the rate (last_epoch > total_iters) — L·start_factor for good, whatever
# end_factor, alone, first in a SequentialLR or in a ChainedScheduler.
for start, end in [(1 / 3, 1.0), (0.5, 0.2), (0.0, 1.0), (1.0, 0.0), (0.25, 0.25), (0.7, 1.0)]:
    CASES.append(("torch-linear-total0-%r-%r" % (start, end), 21, "scheduler", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=%r, end_factor=%r,
                                              total_iters=0)
""" % (start, end)))
CASES += [
    ("torch-linear-total0-sequential-first", 40, "scheduler", """
from torch.optim.lr_scheduler import SequentialLR, LinearLR, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)
warm = LinearLR(optimizer, start_factor=0.1, end_factor=0.5, total_iters=0)
decay = ExponentialLR(optimizer, gamma=0.9)
scheduler = SequentialLR(optimizer, schedulers=[warm, decay], milestones=[7])
"""),
    ("torch-linear-total0-sequential-no-steps", 30, "scheduler", """
from torch.optim.lr_scheduler import SequentialLR, LinearLR, ExponentialLR, StepLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = SequentialLR(optimizer, [ExponentialLR(optimizer, 0.9),
                                     LinearLR(optimizer, 0.5, total_iters=0),
                                     StepLR(optimizer, 2)], milestones=[3, 3])
"""),
    ("torch-linear-total0-chained", 30, "scheduler", """
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, LinearLR, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = ChainedScheduler([LinearLR(optimizer, start_factor=0.5, total_iters=0),
                              ExponentialLR(optimizer, gamma=0.95),
                              ConstantLR(optimizer, factor=0.2, total_iters=3)])
"""),
    ("torch-linear-total0-chained-constants", 20, "scheduler", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
a = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.5, total_iters=0)
b = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=4)
scheduler = torch.optim.lr_scheduler.ChainedScheduler([b, a])
"""),
    # Schedulers on two optimizers, or one in a def: each its own (two on one optimizer
    # are refused: a second one's constructor may set the rate, as LinearLR's does)
    ("torch-two-optimizers", 20, "s2", """
o1 = torch.optim.SGD(model.parameters(), lr=0.1)
o2 = torch.optim.SGD(model.parameters(), lr=0.2)
s1 = torch.optim.lr_scheduler.LinearLR(o1, 0.5)
s2 = torch.optim.lr_scheduler.StepLR(o2, 3, gamma=0.5)
"""),
    ("torch-other-scheduler-in-def", 20, "s", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
def make_swa(opt):
    return torch.optim.lr_scheduler.LinearLR(opt, 0.5)
s = torch.optim.lr_scheduler.ExponentialLR(optimizer, 0.9)
"""),
    # A condition Anneal knows, and a library's name set to another of the libraries'
    ("torch-conditional-known", 20, "s", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
use_step = 2 > 1
s = StepLR(optimizer, 5) if use_step else ExponentialLR(optimizer, 0.9)
"""),
    ("torch-name-set-to-another", 20, "s", """
from torch.optim.lr_scheduler import StepLR as S, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
StepLR = ExponentialLR
s = StepLR(optimizer, 0.5)
"""),
]

# MultiStepLR: a milestone at 0 applies from step 0 on (the constructor's own step);
# negative ones never, except when a SequentialLR restarts it with step(0), whose
# closed form counts every milestone <= 0.
CASES += [
    ("torch-multistep-milestone-0", 20, "sched", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[0, 3], gamma=0.5)
"""),
    ("torch-multistep-negative", 20, "sched", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
sched = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[3, -1, 0, 0], gamma=0.5)
"""),
    ("torch-multistep-milestone-0-sequential", 40, "sched", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
c = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[-3, -1, 0, 4], gamma=0.5)
a = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[-2, 0, 3], gamma=0.5)
b = torch.optim.lr_scheduler.MultiStepLR(opt, milestones=[-2, 2], gamma=0.3)
sched = torch.optim.lr_scheduler.SequentialLR(opt, [a, b, c], milestones=[6, 12])
"""),
]

# OneCycleLR and CyclicLR inside a SequentialLR: OneCycleLR sets initial_lr to
# max_lr/div_factor, which the schedulers built after it start from and which
# SequentialLR resets the rate to; CyclicLR sets the rate to base_lr (initial_lr too when
# it is the first scheduler of the optimizer) and steps from its own base_lr.
CASES += [
    ("torch-sequential-onecycle-built-first", 250, "s", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
main = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=300)
warm = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=5)
after = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=0.99)
s = torch.optim.lr_scheduler.SequentialLR(opt, schedulers=[warm, main, after],
                                          milestones=[5, 200])
"""),
    ("torch-sequential-onecycle-first", 250, "s", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
step = torch.optim.lr_scheduler.StepLR(opt, 10, 0.5)
main = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=300)
cos = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=30)
s = torch.optim.lr_scheduler.SequentialLR(opt, schedulers=[main, step, cos],
                                          milestones=[100, 180])
"""),
    ("torch-sequential-onecycle-after-restarts", 250, "s", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
warm = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=7)
main = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=1.0, total_steps=300)
s = torch.optim.lr_scheduler.SequentialLR(opt, schedulers=[warm, main], milestones=[20])
"""),
    ("torch-sequential-cyclic-second", 250, "s", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
warm = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=5)
main = torch.optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=4,
                                         cycle_momentum=False)
s = torch.optim.lr_scheduler.SequentialLR(opt, schedulers=[warm, main], milestones=[5])
"""),
    ("torch-sequential-cyclic-built-first", 250, "s", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
main = torch.optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.2, step_size_up=3,
                                         cycle_momentum=False)
warm = torch.optim.lr_scheduler.ExponentialLR(opt, 0.5)
s = torch.optim.lr_scheduler.SequentialLR(opt, [warm, main], milestones=[4])
"""),
]

# Each optimizer's own default rate when the text gives none (SGD has none: refused below).
for name in ["Adam", "AdamW", "Adamax", "Adagrad", "Adadelta", "RMSprop", "Rprop", "ASGD",
             "NAdam", "RAdam", "LBFGS", "SparseAdam"]:
    CASES.append(("torch-default-lr-%s" % name, 12, "s", """
opt = torch.optim.%s(model.parameters())
s = torch.optim.lr_scheduler.StepLR(opt, 5, gamma=0.5)
""" % name))

# Parameter groups with rates of their own: the first group's rate is the one drawn
# (param_groups[0]["lr"], get_last_lr()[0]).
CASES += [
    ("torch-param-groups-step", 40, "s", """
opt = torch.optim.SGD([{"params": [model.weight], "lr": 0.01}, {"params": [model.bias]}],
                      lr=0.1, momentum=0.9)
s = torch.optim.lr_scheduler.StepLR(opt, 5, gamma=0.5)
"""),
    ("torch-param-groups-sequential", 300, "s", """
groups = [dict(params=[model.weight], lr=2e-5), {"params": [model.bias], "weight_decay": 0.0}]
opt = torch.optim.AdamW(groups, lr=1e-3)
warm = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.01, total_iters=20)
decay = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=200, eta_min=1e-7)
s = torch.optim.lr_scheduler.SequentialLR(opt, [warm, decay], milestones=[20])
"""),
    ("torch-param-groups-sgd-every-lr", 100, "s", """
opt = torch.optim.SGD([{"params": [model.weight], "lr": 0.05}, {"params": [model.bias], "lr": 0.5}])
s = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, 10, 2)
"""),
    ("hf-param-groups-linear", 120, "s", """
opt = torch.optim.AdamW([{"params": [model.weight], "lr": 3e-5}, {"params": [model.bias]}], lr=1e-3)
s = get_linear_schedule_with_warmup(opt, 10, 100)
"""),
    # a rate set on another group is not the first group's (it was taken as it)
    ("torch-param-groups-second-set", 20, "s", """
opt = torch.optim.SGD([{"params": [model.weight]}, {"params": [model.bias]}], lr=0.1)
opt.param_groups[1]["lr"] = 0.5
opt.param_groups[1].update(lr=0.7)
s = torch.optim.lr_scheduler.StepLR(opt, 3, gamma=0.5)
"""),
    ("torch-param-groups-first-then-second", 20, "s", """
opt = torch.optim.SGD([{"params": [model.weight]}, {"params": [model.bias]}], lr=0.1)
opt.param_groups[0]["lr"] = 0.2
opt.param_groups[1]["lr"] = 0.5
s = torch.optim.lr_scheduler.ExponentialLR(opt, 0.9)
"""),
]

# What PyTorch itself raises on within the run must be refused: exit 2 and
# "error: line L, column C: reason". name, steps, variable, code, line, column.
REFUSALS = [
    # SequentialLR restarts a later scheduler with step(0), whose closed form divides
    # by total_iters.
    ("torch-linear-total0-sequential-later", 10, "scheduler", """
from torch.optim.lr_scheduler import SequentialLR, LinearLR, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
decay = ExponentialLR(optimizer, gamma=0.9)
hold = LinearLR(optimizer, start_factor=0.5, total_iters=0)
scheduler = SequentialLR(optimizer, schedulers=[decay, hold], milestones=[3])
""", 5, 8),
    ("torch-linear-total0-sequential-middle", 10, "scheduler", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = SequentialLR(optimizer, [StepLR(optimizer, 2), LinearLR(optimizer, 0.5, total_iters=0.0),
                                     StepLR(optimizer, 3)], milestones=[4, 6])
""", 3, 60),
    # SGD's lr is required: PyTorch 1.13 raises ValueError without it.
    ("torch-sgd-without-lr", 10, "s", """
opt = torch.optim.SGD(model.parameters(), momentum=0.9)
s = torch.optim.lr_scheduler.StepLR(opt, 5)
""", 2, 7),
    ("torch-sgd-group-without-lr", 10, "s", """
opt = torch.optim.SGD([{"params": [model.weight], "lr": 0.01}, {"params": [model.bias]}])
s = torch.optim.lr_scheduler.StepLR(opt, 5)
""", 2, 7),
    # Neither a ChainedScheduler nor a SequentialLR runs inside a SequentialLR.
    ("torch-sequential-chained-inside", 20, "s", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
c = ChainedScheduler([ConstantLR(opt, 0.5, 3), ExponentialLR(opt, 0.9)])
s = SequentialLR(opt, [StepLR(opt, 3), c], milestones=[5])
""", 3, 5),
    ("torch-sequential-inside-sequential", 20, "s", """
opt = torch.optim.SGD(model.parameters(), lr=0.1)
c = SequentialLR(opt, [ConstantLR(opt, 0.5, 3), ExponentialLR(opt, 0.9)], milestones=[2])
s = SequentialLR(opt, [StepLR(opt, 3), c], milestones=[5])
""", 3, 5),
    # LinearLR divides by start_factor·total_iters at step 1.
    ("torch-linear-start-0", 10, "scheduler", """
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.0, total_iters=4)
""", 3, 58),
]


def reference(code, var, steps):
    import libs
    libs.install()
    model = torch.nn.Linear(2, 1)
    ns = {"torch": torch, "model": model, "net": model, "transformers": libs.transformers,
          "keras": libs.keras, "tf": libs.tf, "timm": libs.timm, "optax": libs.optax}
    for name in dir(torch.optim.lr_scheduler):
        ns.setdefault(name, getattr(torch.optim.lr_scheduler, name))
    for name in dir(libs.transformers):
        ns.setdefault(name, getattr(libs.transformers, name))
    exec(code, ns)
    s = ns[var]
    values = []
    if hasattr(s, "optimizer") and hasattr(s, "step"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for _ in range(steps):
                values.append(s.optimizer.param_groups[0]["lr"])
                s.step()
    elif hasattr(s, "_get_lr"):
        values = [s._get_lr(t)[0] for t in range(steps)]
    else:
        values = [float(s(t)) for t in range(steps)]
    return values


def anneal(cli, code, steps):
    r = subprocess.run([cli, "import", "-"], input=code, capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.strip()
    spec = r.stdout.strip()
    e = subprocess.run([cli, "eval", "-n", str(steps), spec], capture_output=True, text=True,
                       check=True)
    return [float(line.split(",")[-1]) for line in e.stdout.strip().split("\n")[1:]], spec


def refusal(cli, code, steps, var, line, column, number):
    """A TAP line: PyTorch raises within @steps, anneal-cli import refuses at @line,
    @column (in the text as given, which starts with a newline)."""
    try:
        reference(code, var, steps)
        return "not ok %d - PyTorch does not raise" % number, False
    except (ZeroDivisionError, ValueError, TypeError, AttributeError) as e:
        raised = type(e).__name__
    r = subprocess.run([cli, "import", "-"], input=code, capture_output=True, text=True)
    prefix = "error: line %d, column %d: " % (line, column)
    if r.returncode != 2 or not r.stderr.startswith(prefix) or r.stdout:
        return "not ok %d - PyTorch raises %s; import: exit %d, %r" % (
            number, raised, r.returncode, (r.stdout + r.stderr).strip()), False
    return "ok %d - PyTorch raises %s; %s" % (number, raised, r.stderr.strip()), True


def main(argv):
    cli = argv[1]
    print("1..%d" % (len(CASES) + len(REFUSALS)))
    if torch is None:
        for i, (name, *_rest) in enumerate(CASES + REFUSALS):
            print("ok %d - %s # SKIP python3-torch is not installed" % (i + 1, name))
        return 0
    failed = 0
    for i, (name, steps, var, code) in enumerate(CASES):
        ref = reference(code, var, steps)
        got, spec = anneal(cli, code, steps)
        if got is None:
            if "not reproduced yet" in spec:
                print("not ok %d - %s # TODO %s" % (i + 1, name, spec))
            else:
                failed += 1
                print("not ok %d - %s: refused: %s" % (i + 1, name, spec))
            continue
        peak = max(abs(v) for v in ref)
        bad = [(t, a, b) for t, (a, b) in enumerate(zip(got, ref))
               if abs(a - b) > 1e-12 * abs(b) and abs(a - b) > 1e-14 * peak]
        if bad or len(got) != len(ref):
            failed += 1
            t, a, b = bad[0] if bad else (len(got), 0, 0)
            print("not ok %d - %s: step %d: anneal %r, library %r (%s)" % (i + 1, name, t, a, b,
                                                                            spec))
        else:
            print("ok %d - %s: %s" % (i + 1, name, spec))
    for i, (name, steps, var, code, line, column) in enumerate(REFUSALS):
        text, ok = refusal(cli, code, steps, var, line, column, len(CASES) + i + 1)
        failed += not ok
        print(text.replace(" - ", " - %s: " % name, 1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
