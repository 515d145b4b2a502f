"""Float64 re-implementations of timm's learning-rate schedulers (without noise).

Source: huggingface/pytorch-image-models, timm/scheduler/cosine_lr.py
(CosineLRScheduler._get_lr), poly_lr.py (PolyLRScheduler._get_lr), tanh_lr.py
(TanhLRScheduler.__init__ and _get_lr), step_lr.py (StepLRScheduler._get_lr),
multistep_lr.py (MultiStepLRScheduler._get_lr), read at commit
aa4b5850c1543fa488abf260f18390eda46cf85d. The value at t is `_get_lr(t)` for one
parameter group whose base rate is `lr`.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import bisect
import math


def _cycle(t, t_initial, cycle_mul):
    # The cycle search the cosine, poly and tanh schedulers share.
    if cycle_mul != 1:
        i = math.floor(math.log(1 - t / t_initial * (1 - cycle_mul), cycle_mul))
        t_i = cycle_mul ** i * t_initial
        t_curr = t - (1 - cycle_mul ** i) / (1 - cycle_mul) * t_initial
    else:
        i = t // t_initial
        t_i = t_initial
        t_curr = t - (t_initial * i)
    return i, t_i, t_curr


def _cycles(lr, t_initial, lr_min, cycle_mul, cycle_decay, cycle_limit, warmup_t,
            warmup_lr_init, warmup_prefix, shape):
    warmup_step = (lr - warmup_lr_init) / warmup_t if warmup_t else 1

    def get_lr(t):
        if t < warmup_t:
            return warmup_lr_init + t * warmup_step
        if warmup_prefix:
            t = t - warmup_t
        i, t_i, t_curr = _cycle(t, t_initial, cycle_mul)
        if i < cycle_limit:
            return shape(lr * cycle_decay ** i, t_curr, t_i)
        return lr_min
    return get_lr


def cosine(lr, t_initial, lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1, warmup_t=0,
           warmup_lr_init=0., warmup_prefix=False, k_decay=1.0):
    """CosineLRScheduler._get_lr"""
    k = k_decay
    return _cycles(lr, t_initial, lr_min, cycle_mul, cycle_decay, cycle_limit, warmup_t,
                   warmup_lr_init, warmup_prefix,
                   lambda lr_max, t_curr, t_i:
                   lr_min + 0.5 * (lr_max - lr_min) * (1 + math.cos(math.pi * t_curr ** k / t_i ** k)))


def poly(lr, t_initial, power=0.5, lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1,
         warmup_t=0, warmup_lr_init=0., warmup_prefix=False, k_decay=1.0):
    """PolyLRScheduler._get_lr"""
    k = k_decay
    return _cycles(lr, t_initial, lr_min, cycle_mul, cycle_decay, cycle_limit, warmup_t,
                   warmup_lr_init, warmup_prefix,
                   lambda lr_max, t_curr, t_i:
                   lr_min + (lr_max - lr_min) * (1 - t_curr ** k / t_i ** k) ** power)


def tanh(lr, t_initial, lb=-7., ub=3., lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1,
         warmup_t=0, warmup_lr_init=0., warmup_prefix=False):
    """TanhLRScheduler._get_lr; without warmup_prefix its warm-up aims at the value at
    warmup_t (TanhLRScheduler.__init__)."""
    def shape(lr_max, t_curr, t_i):
        tr = t_curr / t_i
        return lr_min + 0.5 * (lr_max - lr_min) * (1 - math.tanh(lb * (1. - tr) + ub * tr))

    plain = _cycles(lr, t_initial, lr_min, cycle_mul, cycle_decay, cycle_limit, 0, 0., False,
                    shape)
    if not warmup_t:
        return plain
    target = lr if warmup_prefix else plain(warmup_t)
    warmup_step = (target - warmup_lr_init) / warmup_t
    rest = _cycles(lr, t_initial, lr_min, cycle_mul, cycle_decay, cycle_limit, warmup_t,
                   warmup_lr_init, warmup_prefix, shape)

    def get_lr(t):
        if t < warmup_t:
            return warmup_lr_init + t * warmup_step
        return rest(t)
    return get_lr


def step(lr, decay_t, decay_rate=1., warmup_t=0, warmup_lr_init=0., warmup_prefix=True):
    """StepLRScheduler._get_lr"""
    warmup_step = (lr - warmup_lr_init) / warmup_t if warmup_t else 1

    def get_lr(t):
        if t < warmup_t:
            return warmup_lr_init + t * warmup_step
        if warmup_prefix:
            t = t - warmup_t
        return lr * (decay_rate ** (t // decay_t))
    return get_lr


def multistep(lr, decay_t, decay_rate=1., warmup_t=0, warmup_lr_init=0., warmup_prefix=True):
    """MultiStepLRScheduler._get_lr with get_curr_decay_steps: bisect_right(decay_t, t + 1)."""
    warmup_step = (lr - warmup_lr_init) / warmup_t if warmup_t else 1

    def get_lr(t):
        if t < warmup_t:
            return warmup_lr_init + t * warmup_step
        if warmup_prefix:
            t = t - warmup_t
        return lr * (decay_rate ** bisect.bisect_right(decay_t, t + 1))
    return get_lr
