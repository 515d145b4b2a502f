"""Float64 re-implementations of optax's schedules.

Source: google-deepmind/optax, optax/schedules/_schedule.py and _join.py (read at
commit 2edbcbe2390da13983b92cbef94ac0460ecde1c5), operation for operation, with
Python floats in place of jax arrays (jnp.power, jnp.cos, ... are the libm
functions here). Each function returns `schedule(count)`.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import math


def constant_schedule(value):
    return lambda count: value


def polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin=0):
    """polynomial_schedule"""
    if transition_steps <= 0:
        return lambda count: init_value
    if transition_begin < 0:
        transition_begin = 0

    def schedule(count):
        count = min(max(count - transition_begin, 0), transition_steps)
        frac = 1 - count / transition_steps
        return (init_value - end_value) * (frac ** power) + end_value
    return schedule


def linear_schedule(init_value, end_value, transition_steps, transition_begin=0):
    """linear_schedule: polynomial_schedule with power 1."""
    return polynomial_schedule(init_value, end_value, 1, transition_steps, transition_begin)


def piecewise_constant_schedule(init_value, boundaries_and_scales=None):
    """piecewise_constant_schedule: indicator = max(0, sign(threshold - count))."""
    def schedule(count):
        v = init_value
        if boundaries_and_scales is not None:
            for threshold, scale in sorted(boundaries_and_scales.items()):
                indicator = max(0.0, float((threshold - count > 0) - (threshold - count < 0)))
                v = v * indicator + (1 - indicator) * scale * v
        return v
    return schedule


def exponential_decay(init_value, transition_steps, decay_rate, transition_begin=0,
                      staircase=False, end_value=None):
    """exponential_decay"""
    if transition_steps <= 0 or decay_rate == 0:
        return lambda count: init_value
    if transition_begin < 0:
        transition_begin = 0
    clip = max if decay_rate < 1.0 else min

    def schedule(count):
        decreased_count = count - transition_begin
        p = decreased_count / transition_steps
        if staircase:
            p = math.floor(p)
        value = init_value if decreased_count <= 0 else init_value * math.pow(decay_rate, p)
        if end_value is not None:
            value = clip(value, end_value)
        return value
    return schedule


def cosine_decay_schedule(init_value, decay_steps, alpha=0.0, exponent=1.0):
    """cosine_decay_schedule"""
    if decay_steps <= 0:
        raise ValueError("decay_steps must be positive")

    def schedule(count):
        count = min(float(count), float(decay_steps))
        cosine_decay = 0.5 * (1 + math.cos(math.pi * count / decay_steps))
        decayed = (1 - alpha) * cosine_decay ** exponent + alpha
        return init_value * decayed
    return schedule


def _linear_interpolate(start, end, pct):
    return (end - start) * pct + start


def _cosine_interpolate(start, end, pct):
    return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)


def piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales=None):
    """piecewise_interpolate_schedule"""
    fn = _linear_interpolate if interpolate_type == 'linear' else _cosine_interpolate
    items = sorted(boundaries_and_scales.items()) if boundaries_and_scales else []
    bounds = [0] + [b for b, _ in items]
    values = [init_value]
    for _, s in items:
        values.append(values[-1] * s)  # jnp.cumprod

    def schedule(count):
        out = 0.0
        for i in range(len(bounds) - 1):
            size = max(bounds[i + 1] - bounds[i], 1)
            if bounds[i] <= count < bounds[i + 1]:
                out += fn(values[i], values[i + 1], (count - bounds[i]) / size)
        if bounds[-1] <= count:
            out += values[-1]
        return out
    return schedule


def linear_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, pct_final=0.85,
                             div_factor=25.0, final_div_factor=1e4):
    """linear_onecycle_schedule"""
    return piecewise_interpolate_schedule('linear', peak_value / div_factor, {
        int(pct_start * transition_steps): div_factor,
        int(pct_final * transition_steps): 1. / div_factor,
        transition_steps: 1. / final_div_factor})


def cosine_onecycle_schedule(transition_steps, peak_value, pct_start=0.3, div_factor=25.0,
                             final_div_factor=1e4):
    """cosine_onecycle_schedule"""
    return piecewise_interpolate_schedule('cosine', peak_value / div_factor, {
        int(pct_start * transition_steps): div_factor,
        int(transition_steps): 1. / (div_factor * final_div_factor)})


def join_schedules(schedules, boundaries):
    """_join.join_schedules"""
    def schedule(step):
        output = schedules[0](step)
        for boundary, s in zip(boundaries, schedules[1:]):
            output = output if step < boundary else s(step - boundary)
        return output
    return schedule


def warmup_constant_schedule(init_value, peak_value, warmup_steps):
    return linear_schedule(init_value, peak_value, warmup_steps)


def warmup_cosine_decay_schedule(init_value, peak_value, warmup_steps, decay_steps,
                                 end_value=0.0, exponent=1.0):
    """warmup_cosine_decay_schedule"""
    alpha = 0.0 if peak_value == 0.0 else end_value / peak_value
    return join_schedules([linear_schedule(init_value, peak_value, warmup_steps),
                           cosine_decay_schedule(peak_value, decay_steps - warmup_steps,
                                                 alpha, exponent)],
                          [warmup_steps])


def warmup_exponential_decay_schedule(init_value, peak_value, warmup_steps, transition_steps,
                                      decay_rate, transition_begin=0, staircase=False,
                                      end_value=None):
    """warmup_exponential_decay_schedule"""
    return join_schedules([linear_schedule(init_value, peak_value, warmup_steps),
                           exponential_decay(peak_value, transition_steps, decay_rate,
                                             transition_begin, staircase, end_value)],
                          [warmup_steps])


def sgdr_schedule(cosine_kwargs):
    """sgdr_schedule"""
    boundaries, schedules, step = [], [], 0
    for kwargs in cosine_kwargs:
        schedules.append(warmup_cosine_decay_schedule(**kwargs))
        boundaries.append(step + kwargs['decay_steps'])
        step += kwargs['decay_steps']
    return join_schedules(schedules, boundaries[:-1])
