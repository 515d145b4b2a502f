"""Float64 re-implementations of Keras' learning-rate schedules.

Source: keras-team/keras, keras/src/optimizers/schedules/learning_rate_schedule.py
(read at commit 3422977a5e38fb2f7709aaa9a08e47f0c43d0f60), the `__call__` of each
class, operation for operation, with Python floats (float64) in place of tensors.
Each function returns `schedule(step)`.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import math


def exponential_decay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
    """ExponentialDecay.__call__"""
    def schedule(step):
        p = float(step) / float(decay_steps)
        if staircase:
            p = math.floor(p)
        return initial_learning_rate * math.pow(decay_rate, p)
    return schedule


def piecewise_constant_decay(boundaries, values):
    """PiecewiseConstantDecay.__call__: values[0] while step <= boundaries[0],
    values[i] while boundaries[i-1] < step <= boundaries[i], values[-1] after."""
    def schedule(step):
        result = 0.0
        result += float(step <= boundaries[0]) * values[0]
        result += float(step > boundaries[-1]) * values[-1]
        for low, high, value in zip(boundaries[:-1], boundaries[1:], values[1:-1]):
            result += float(low < step <= high) * value
        return result
    return schedule


def polynomial_decay(initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
                     cycle=False):
    """PolynomialDecay.__call__"""
    def schedule(step):
        global_step_recomp = float(step)
        decay_steps_recomp = float(decay_steps)
        if cycle:
            multiplier = 1.0 if global_step_recomp == 0 else math.ceil(global_step_recomp / decay_steps)
            decay_steps_recomp = decay_steps_recomp * multiplier
        else:
            global_step_recomp = min(global_step_recomp, decay_steps_recomp)
        p = global_step_recomp / decay_steps_recomp
        return (initial_learning_rate - end_learning_rate) * math.pow(1 - p, power) + end_learning_rate
    return schedule


def inverse_time_decay(initial_learning_rate, decay_steps, decay_rate, staircase=False):
    """InverseTimeDecay.__call__"""
    def schedule(step):
        p = float(step) / float(decay_steps)
        if staircase:
            p = math.floor(p)
        denom = 1.0 + decay_rate * p
        return initial_learning_rate / denom
    return schedule


def cosine_decay(initial_learning_rate, decay_steps, alpha=0.0, warmup_target=None,
                 warmup_steps=0):
    """CosineDecay.__call__ with its _decay_function and _warmup_function."""
    def decay(step, decay_from_lr):
        completed_fraction = step / decay_steps
        cosine_decayed = 0.5 * (1.0 + math.cos(math.pi * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return decay_from_lr * decayed

    def schedule(step):
        step = float(step)
        if warmup_target is None:
            return decay(min(step, float(decay_steps)), initial_learning_rate)
        step = min(step, float(decay_steps) + float(warmup_steps))
        if step < warmup_steps:
            completed_fraction = step / warmup_steps
            total_step_delta = warmup_target - initial_learning_rate
            return total_step_delta * completed_fraction + initial_learning_rate
        return decay(step - warmup_steps, warmup_target)
    return schedule


def cosine_decay_restarts(initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0,
                          alpha=0.0):
    """CosineDecayRestarts.__call__ (with its compute_step)."""
    def schedule(step):
        completed_fraction = float(step) / float(first_decay_steps)
        if t_mul == 1.0:
            i_restart = math.floor(completed_fraction)
            completed_fraction -= i_restart
        else:
            i_restart = math.floor(math.log(1.0 - completed_fraction * (1.0 - t_mul))
                                   / math.log(t_mul))
            sum_r = (1.0 - math.pow(t_mul, i_restart)) / (1.0 - t_mul)
            completed_fraction = (completed_fraction - sum_r) / math.pow(t_mul, i_restart)
        m_fac = math.pow(m_mul, i_restart)
        cosine_decayed = 0.5 * m_fac * (1.0 + math.cos(math.pi * completed_fraction))
        decayed = (1 - alpha) * cosine_decayed + alpha
        return initial_learning_rate * decayed
    return schedule
