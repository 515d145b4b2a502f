# reference_libs.py — float64 re-implementations of the schedules of Hugging Face
# transformers, Keras, timm and optax, for test-import-libs.py (Debian has only
# PyTorch, which the tests use for real). Each follows the upstream source operation
# for operation:
#   transformers  src/transformers/optimization.py (the _get_*_lr_lambda functions,
#                 get_scheduler), on top of the real torch.optim.lr_scheduler.LambdaLR
#   keras         keras/src/optimizers/schedules/learning_rate_schedule.py
#   timm          timm/scheduler/{cosine,step,multistep,poly}_lr.py, scheduler.py
#   optax         optax/schedules/_schedule.py, _join.py
#
# SPDX-License-Identifier: GPL-3.0-or-later

import bisect
import math
import types

from torch.optim.lr_scheduler import LambdaLR


# ---------------------------------------------------------------- transformers

def _warm(step, w):
    return float(step) / float(max(1.0, w))


def get_constant_schedule(optimizer, last_epoch=-1):
    return LambdaLR(optimizer, lambda _: 1, last_epoch=last_epoch)


def get_constant_schedule_with_warmup(optimizer, num_warmup_steps, last_epoch=-1):
    def f(step):
        if step < num_warmup_steps:
            return float(step) / float(max(1.0, num_warmup_steps))
        return 1.0
    return LambdaLR(optimizer, f, last_epoch=last_epoch)


def get_linear_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
                                    last_epoch=-1):
    def f(step):
        if step < num_warmup_steps:
            return float(step) / float(max(1, num_warmup_steps))
        return max(0.0, float(num_training_steps - step) /
                   float(max(1, num_training_steps - num_warmup_steps)))
    return LambdaLR(optimizer, f, last_epoch)


def get_cosine_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
                                    num_cycles=0.5, last_epoch=-1):
    def f(step):
        if step < num_warmup_steps:
            return float(step) / float(max(1, num_warmup_steps))
        progress = float(step - num_warmup_steps) / float(max(1, num_training_steps -
                                                              num_warmup_steps))
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress)))
    return LambdaLR(optimizer, f, last_epoch)


def get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, num_warmup_steps,
                                                       num_training_steps, num_cycles=1,
                                                       last_epoch=-1):
    def f(step):
        if step < num_warmup_steps:
            return float(step) / float(max(1, num_warmup_steps))
        progress = float(step - num_warmup_steps) / float(max(1, num_training_steps -
                                                              num_warmup_steps))
        if progress >= 1.0:
            return 0.0
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * ((float(num_cycles) * progress) % 1.0))))
    return LambdaLR(optimizer, f, last_epoch)


def get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
                                              lr_end=1e-7, power=1.0, last_epoch=-1):
    lr_init = optimizer.defaults["lr"]
    if not (lr_init > lr_end):
        raise ValueError("lr_end")

    def f(step):
        if step < num_warmup_steps:
            return float(step) / float(max(1, num_warmup_steps))
        elif step > num_training_steps:
            return lr_end / lr_init
        else:
            lr_range = lr_init - lr_end
            decay_steps = num_training_steps - num_warmup_steps
            pct_remaining = 1 - (step - num_warmup_steps) / decay_steps
            decay = lr_range * pct_remaining ** power + lr_end
            return decay / lr_init
    return LambdaLR(optimizer, f, last_epoch)


def get_inverse_sqrt_schedule(optimizer, num_warmup_steps, timescale=None, last_epoch=-1):
    if timescale is None:
        timescale = num_warmup_steps or 10_000

    def f(step):
        if step < num_warmup_steps:
            return float(step) / float(max(1, num_warmup_steps))
        shift = timescale - num_warmup_steps
        return 1.0 / math.sqrt((step + shift) / timescale)
    return LambdaLR(optimizer, f, last_epoch)


def get_cosine_with_min_lr_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps,
                                                num_cycles=0.5, last_epoch=-1, min_lr=None,
                                                min_lr_rate=None):
    if min_lr is not None and min_lr_rate is not None:
        raise ValueError("both")
    elif min_lr is not None:
        min_lr_rate = min_lr / optimizer.defaults["lr"]
    elif min_lr_rate is None:
        raise ValueError("none")

    def f(step):
        if step < num_warmup_steps:
            return float(step) / float(max(1, num_warmup_steps))
        progress = float(step - num_warmup_steps) / float(max(1, num_training_steps -
                                                              num_warmup_steps))
        factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
        factor = factor * (1 - min_lr_rate) + min_lr_rate
        return max(0, factor)
    return LambdaLR(optimizer, f, last_epoch)


def get_wsd_schedule(optimizer, num_warmup_steps, num_decay_steps, num_training_steps=None,
                     num_stable_steps=None, warmup_type="linear", decay_type="cosine",
                     min_lr_ratio=0, num_cycles=0.5, last_epoch=-1):
    if num_stable_steps is None:
        num_stable_steps = num_training_steps - num_warmup_steps - num_decay_steps

    def f(step):
        if step < num_warmup_steps:
            progress = float(step) / float(max(1, num_warmup_steps))
            if warmup_type == "linear":
                factor = progress
            elif warmup_type == "cosine":
                factor = 0.5 * (1.0 - math.cos(math.pi * progress))
            else:
                factor = 1.0 - math.sqrt(1.0 - progress)
            factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
            return max(0.0, factor)
        if step < num_warmup_steps + num_stable_steps:
            return 1.0
        if step < num_warmup_steps + num_stable_steps + num_decay_steps:
            progress = float(step - num_warmup_steps - num_stable_steps) / \
                float(max(1, num_decay_steps))
            if decay_type == "linear":
                factor = 1.0 - progress
            elif decay_type == "cosine":
                factor = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
            else:
                factor = 1.0 - math.sqrt(progress)
            factor = factor * (1.0 - min_lr_ratio) + min_lr_ratio
            return max(0.0, factor)
        return min_lr_ratio
    return LambdaLR(optimizer, f, last_epoch)


class SchedulerType:
    LINEAR = "linear"
    COSINE = "cosine"
    COSINE_WITH_RESTARTS = "cosine_with_restarts"
    POLYNOMIAL = "polynomial"
    CONSTANT = "constant"
    CONSTANT_WITH_WARMUP = "constant_with_warmup"
    INVERSE_SQRT = "inverse_sqrt"
    COSINE_WITH_MIN_LR = "cosine_with_min_lr"
    WARMUP_STABLE_DECAY = "warmup_stable_decay"


_HF = {
    "linear": get_linear_schedule_with_warmup,
    "cosine": get_cosine_schedule_with_warmup,
    "cosine_with_restarts": get_cosine_with_hard_restarts_schedule_with_warmup,
    "polynomial": get_polynomial_decay_schedule_with_warmup,
    "constant": get_constant_schedule,
    "constant_with_warmup": get_constant_schedule_with_warmup,
    "inverse_sqrt": get_inverse_sqrt_schedule,
    "cosine_with_min_lr": get_cosine_with_min_lr_schedule_with_warmup,
    "warmup_stable_decay": get_wsd_schedule,
}


def get_scheduler(name, optimizer, num_warmup_steps=None, num_training_steps=None,
                  scheduler_specific_kwargs=None):
    f = _HF[name]
    kw = scheduler_specific_kwargs or {}
    if name == "constant":
        return f(optimizer)
    if name in ("constant_with_warmup", "inverse_sqrt"):
        return f(optimizer, num_warmup_steps=num_warmup_steps)
    if name == "warmup_stable_decay":
        return f(optimizer, num_warmup_steps=num_warmup_steps,
                 num_training_steps=num_training_steps, **kw)
    return f(optimizer, num_warmup_steps=num_warmup_steps,
             num_training_steps=num_training_steps, **kw)


transformers = types.ModuleType("transformers")
for _n, _v in list(globals().items()):
    if _n.startswith("get_") or _n == "SchedulerType":
        setattr(transformers, _n, _v)


# ---------------------------------------------------------------- keras

class ExponentialDecay:
    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="ExponentialDecay"):
        self.a = (initial_learning_rate, decay_steps, decay_rate, staircase)

    def __call__(self, step):
        lr, ds, rate, stair = self.a
        p = step / ds
        if stair:
            p = math.floor(p)
        return lr * math.pow(rate, p)


class PiecewiseConstantDecay:
    def __init__(self, boundaries, values, name="PiecewiseConstant"):
        self.b, self.v = boundaries, values

    def __call__(self, step):
        for b, v in zip(self.b, self.v):
            if step <= b:
                return v
        return self.v[-1]


class PolynomialDecay:
    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                 cycle=False, name="PolynomialDecay"):
        self.a = (initial_learning_rate, decay_steps, end_learning_rate, power)

    def __call__(self, step):
        lr, ds, end, power = self.a
        step = min(step, ds)
        p = step / ds
        return (lr - end) * math.pow(1 - p, power) + end


class CosineDecay:
    def __init__(self, initial_learning_rate, decay_steps, alpha=0.0, name="CosineDecay",
                 warmup_target=None, warmup_steps=0):
        self.a = (initial_learning_rate, decay_steps, alpha, warmup_target, warmup_steps)

    def _decay(self, step, decay_steps, decay_from_lr):
        completed_fraction = step / decay_steps
        cosine_decayed = 0.5 * (1.0 + math.cos(math.pi * completed_fraction))
        decayed = (1 - self.a[2]) * cosine_decayed + self.a[2]
        return decay_from_lr * decayed

    def __call__(self, step):
        lr, ds, alpha, target, ws = self.a
        if target is None:
            return self._decay(min(step, ds), ds, lr)
        step = min(step, ds + ws)
        if step < ws:
            completed_fraction = step / ws
            return (target - lr) * completed_fraction + lr
        return self._decay(step - ws, ds, target)


class CosineDecayRestarts:
    def __init__(self, initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0,
                 name="SGDRDecay"):
        self.a = (initial_learning_rate, first_decay_steps, t_mul, m_mul, alpha)

    def __call__(self, step):
        lr, fds, t_mul, m_mul, alpha = self.a
        completed_fraction = step / fds
        if t_mul == 1.0:
            i_restart = math.floor(completed_fraction)
            completed_fraction -= i_restart
        else:
            i_restart = math.floor(math.log(1.0 - completed_fraction * (1.0 - t_mul)) /
                                   math.log(t_mul))
            sum_r = (1.0 - t_mul ** i_restart) / (1.0 - t_mul)
            completed_fraction = (completed_fraction - sum_r) / t_mul ** i_restart
        m_fac = m_mul ** i_restart
        cosine_decayed = 0.5 * m_fac * (1.0 + math.cos(math.pi * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return lr * decayed


class InverseTimeDecay:
    def __init__(self, initial_learning_rate, decay_steps, decay_rate, staircase=False,
                 name="InverseTimeDecay"):
        self.a = (initial_learning_rate, decay_steps, decay_rate, staircase)

    def __call__(self, step):
        lr, ds, rate, stair = self.a
        p = step / ds
        if stair:
            p = math.floor(p)
        return lr / (1 + rate * p)


class PolynomialDecayCycle(PolynomialDecay):
    def __init__(self, initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                 cycle=False, name="PolynomialDecay"):
        super().__init__(initial_learning_rate, decay_steps, end_learning_rate, power)
        self.cycle = cycle

    def __call__(self, step):
        lr, ds, end, power = self.a
        if self.cycle:
            multiplier = 1.0 if step == 0 else math.ceil(step / ds)
            ds = ds * multiplier
        else:
            step = min(step, ds)
        p = step / ds
        return (lr - end) * math.pow(1 - p, power) + end


keras = types.ModuleType("keras")
keras.optimizers = types.SimpleNamespace(
    schedules=types.SimpleNamespace(ExponentialDecay=ExponentialDecay,
                                    PiecewiseConstantDecay=PiecewiseConstantDecay,
                                    PolynomialDecay=PolynomialDecayCycle,
                                    InverseTimeDecay=InverseTimeDecay, CosineDecay=CosineDecay,
                                    CosineDecayRestarts=CosineDecayRestarts),
    Adam=lambda learning_rate=0.001, **kw: learning_rate)
tf = types.ModuleType("tensorflow")
tf.keras = keras


# ---------------------------------------------------------------- timm

class _TimmBase:
    def __init__(self, optimizer):
        for g in optimizer.param_groups:
            g.setdefault("initial_lr", g["lr"])
        self.base_values = [g["initial_lr"] for g in optimizer.param_groups]


class CosineLRScheduler(_TimmBase):
    def __init__(self, optimizer, t_initial, lr_min=0., cycle_mul=1., cycle_decay=1.,
                 cycle_limit=1, warmup_t=0, warmup_lr_init=0, warmup_prefix=False,
                 t_in_epochs=True, noise_range_t=None, noise_pct=0.67, noise_std=1.0,
                 noise_seed=42, k_decay=1.0, initialize=True):
        super().__init__(optimizer)
        self.__dict__.update(locals())
        self.warmup_steps = [(v - warmup_lr_init) / warmup_t for v in self.base_values] \
            if warmup_t else [1 for _ in self.base_values]

    def _get_lr(self, t):
        if t < self.warmup_t:
            return [self.warmup_lr_init + t * s for s in self.warmup_steps]
        if self.warmup_prefix:
            t = t - self.warmup_t
        if self.cycle_mul != 1:
            i = math.floor(math.log(1 - t / self.t_initial * (1 - self.cycle_mul),
                                    self.cycle_mul))
            t_i = self.cycle_mul ** i * self.t_initial
            t_curr = t - (1 - self.cycle_mul ** i) / (1 - self.cycle_mul) * self.t_initial
        else:
            i = t // self.t_initial
            t_i = self.t_initial
            t_curr = t - (self.t_initial * i)
        gamma = self.cycle_decay ** i
        lr_max_values = [v * gamma for v in self.base_values]
        k = self.k_decay
        if i < self.cycle_limit:
            return [self.lr_min + 0.5 * (lr_max - self.lr_min) *
                    (1 + math.cos(math.pi * t_curr ** k / t_i ** k)) for lr_max in lr_max_values]
        return [self.lr_min for _ in self.base_values]


class StepLRScheduler(_TimmBase):
    def __init__(self, optimizer, decay_t, decay_rate=1., warmup_t=0, warmup_lr_init=0,
                 warmup_prefix=True, t_in_epochs=True, noise_range_t=None, noise_pct=0.67,
                 noise_std=1.0, noise_seed=42, initialize=True):
        super().__init__(optimizer)
        self.__dict__.update(locals())
        self.warmup_steps = [(v - warmup_lr_init) / warmup_t for v in self.base_values] \
            if warmup_t else [1 for _ in self.base_values]

    def _get_lr(self, t):
        if t < self.warmup_t:
            return [self.warmup_lr_init + t * s for s in self.warmup_steps]
        if self.warmup_prefix:
            t = t - self.warmup_t
        return [v * (self.decay_rate ** (t // self.decay_t)) for v in self.base_values]


class MultiStepLRScheduler(StepLRScheduler):
    def _get_lr(self, t):
        if t < self.warmup_t:
            return [self.warmup_lr_init + t * s for s in self.warmup_steps]
        if self.warmup_prefix:
            t = t - self.warmup_t
        n = bisect.bisect_right(self.decay_t, t + 1)
        return [v * (self.decay_rate ** n) for v in self.base_values]


class PolyLRScheduler(CosineLRScheduler):
    def __init__(self, optimizer, t_initial, power=0.5, lr_min=0., cycle_mul=1., cycle_decay=1.,
                 cycle_limit=1, warmup_t=0, warmup_lr_init=0., warmup_prefix=False,
                 t_in_epochs=True, noise_range_t=None, noise_pct=0.67, noise_std=1.0,
                 noise_seed=42, k_decay=1.0, initialize=True):
        super().__init__(optimizer, t_initial, lr_min, cycle_mul, cycle_decay, cycle_limit,
                         warmup_t, warmup_lr_init, warmup_prefix, k_decay=k_decay)
        self.power = power

    def _get_lr(self, t):
        if t < self.warmup_t:
            return [self.warmup_lr_init + t * s for s in self.warmup_steps]
        if self.warmup_prefix:
            t = t - self.warmup_t
        if self.cycle_mul != 1:
            i = math.floor(math.log(1 - t / self.t_initial * (1 - self.cycle_mul),
                                    self.cycle_mul))
            t_i = self.cycle_mul ** i * self.t_initial
            t_curr = t - (1 - self.cycle_mul ** i) / (1 - self.cycle_mul) * self.t_initial
        else:
            i = t // self.t_initial
            t_i = self.t_initial
            t_curr = t - (self.t_initial * i)
        gamma = self.cycle_decay ** i
        k = self.k_decay
        if i < self.cycle_limit:
            return [self.lr_min + (v * gamma - self.lr_min) *
                    (1 - t_curr ** k / t_i ** k) ** self.power for v in self.base_values]
        return [self.lr_min for _ in self.base_values]


timm = types.ModuleType("timm")
timm.scheduler = types.SimpleNamespace(CosineLRScheduler=CosineLRScheduler,
                                       StepLRScheduler=StepLRScheduler,
                                       MultiStepLRScheduler=MultiStepLRScheduler,
                                       PolyLRScheduler=PolyLRScheduler)


# ---------------------------------------------------------------- optax

def constant_schedule(value):
    return lambda count: value


def polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
    if transition_steps <= 0:
        return lambda count: init_value

    def schedule(count):
        count = min(max(count - transition_begin, 0), transition_steps)
        frac = 1 - count / transition_steps
        return (init_value - end_value) * (frac ** power) + end_value
    return schedule


def linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
    return polynomial_schedule(init_value, end_value, 1, transition_steps, transition_begin)


def cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
    def schedule(count):
        count = min(count, decay_steps)
        cosine_decay = 0.5 * (1 + math.cos(math.pi * count / decay_steps))
        decayed = (1 - alpha) * cosine_decay ** exponent + alpha
        return init_value * decayed
    return schedule


def exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0,
                      staircase=False, end_value=None):
    if transition_steps <= 0 or decay_rate == 0:
        return lambda count: init_value

    def schedule(count):
        decreased_count = count - transition_begin
        p = decreased_count / transition_steps
        if staircase:
            p = math.floor(p)
        v = init_value if decreased_count <= 0 else init_value * decay_rate ** p
        if end_value is not None:
            v = max(v, end_value) if decay_rate < 1.0 else min(v, end_value)
        return v
    return schedule


def piecewise_constant_schedule(init_value, boundaries_and_scales=None):
    def schedule(count):
        v = init_value
        for threshold, scale in sorted((boundaries_and_scales or {}).items()):
            indicator = max(0., math.copysign(1.0, threshold - count)
                            if threshold != count else 0.0)
            v = v * indicator + (1 - indicator) * scale * v
        return v
    return schedule


def join_schedules(schedules, boundaries):
    def schedule(step):
        output = schedules[0](step)
        for boundary, s in zip(boundaries, schedules[1:]):
            output = output if step < boundary else s(step - boundary)
        return output
    return schedule


def warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
                                 end_value=0.0, exponent=1.0):
    alpha = 0. if peak_value == 0. else end_value / peak_value
    return join_schedules([linear_schedule(init_value, peak_value, warmup_steps),
                           cosine_decay_schedule(peak_value, decay_steps - warmup_steps,
                                                 alpha, exponent)], [warmup_steps])


def warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps,
                                      decay_rate, transition_begin=0, staircase=False,
                                      end_value=None):
    return join_schedules([linear_schedule(init_value, peak_value, warmup_steps),
                           exponential_decay(peak_value, transition_steps, decay_rate,
                                             transition_begin, staircase, end_value)],
                          [warmup_steps])


def piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales=None):
    items = sorted((boundaries_and_scales or {}).items())
    bounds = [0] + [b for b, _ in items]
    values = [init_value]
    for _, sc in items:
        values.append(values[-1] * sc)

    def schedule(count):
        out = 0.0
        for i in range(len(bounds) - 1):
            if bounds[i] <= count < bounds[i + 1]:
                pct = (count - bounds[i]) / (bounds[i + 1] - bounds[i])
                start, end = values[i], values[i + 1]
                if interpolate_type == "linear":
                    out += (end - start) * pct + start
                else:
                    out += end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)
        if bounds[-1] <= count:
            out += values[-1]
        return out
    return schedule


def linear_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, pct_final=0.85,
                             div_factor=25.0, final_div_factor=1e4):
    return piecewise_interpolate_schedule(
        "linear", peak_value / div_factor,
        {int(pct_start * transition_steps): div_factor,
         int(pct_final * transition_steps): 1. / div_factor,
         transition_steps: 1. / final_div_factor})


def cosine_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, div_factor=25.0,
                             final_div_factor=1e4):
    return piecewise_interpolate_schedule(
        "cosine", peak_value / div_factor,
        {int(pct_start * transition_steps): div_factor,
         int(transition_steps): 1. / (div_factor * final_div_factor)})


def sgdr_schedule(cosine_kwargs):
    boundaries, schedules, step = [], [], 0
    for kwargs in cosine_kwargs:
        schedules.append(warmup_cosine_decay_schedule(**kwargs))
        boundaries.append(step + kwargs["decay_steps"])
        step += kwargs["decay_steps"]
    return join_schedules(schedules, boundaries[:-1])


optax = types.ModuleType("optax")
for _n in ("constant_schedule", "polynomial_schedule", "linear_schedule",
           "cosine_decay_schedule", "exponential_decay", "piecewise_constant_schedule",
           "join_schedules", "warmup_cosine_decay_schedule", "warmup_exponential_decay_schedule",
           "piecewise_interpolate_schedule", "linear_onecycle_schedule",
           "cosine_onecycle_schedule", "sgdr_schedule"):
    setattr(optax, _n, globals()[_n])
optax.schedules = optax
optax.adamw = lambda learning_rate, **kw: learning_rate
