"""Float64 re-implementations of Hugging Face's learning-rate schedules.

Source: huggingface/transformers, src/transformers/optimization.py (read at commit
005edacb6b5dabbf0843e92c6623de9e07ca6241). Each schedule there is a `LambdaLR`
whose lambda gives a factor; the rate before the t-th `scheduler.step()` is
`base_lr * factor(t)`. The functions below return that rate as a function of t,
computing the factor operation for operation as the named lambda does.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import math


def _lambda_lr(base_lr, factor):
    # torch.optim.lr_scheduler.LambdaLR.get_lr: base_lr * lmbda(self.last_epoch)
    return lambda t: base_lr * factor(t)


def constant(lr):
    """get_constant_schedule (_get_constant_lambda)."""
    return _lambda_lr(lr, lambda t: 1)


def constant_with_warmup(lr, num_warmup_steps):
    """get_constant_schedule_with_warmup (_get_constant_schedule_with_warmup_lr_lambda)."""
    def factor(t):
        if t < num_warmup_steps:
            return float(t) / float(max(1.0, num_warmup_steps))
        return 1.0
    return _lambda_lr(lr, factor)


def linear_with_warmup(lr, num_warmup_steps, num_training_steps):
    """get_linear_schedule_with_warmup (_get_linear_schedule_with_warmup_lr_lambda)."""
    def factor(t):
        if t < num_warmup_steps:
            return float(t) / float(max(1, num_warmup_steps))
        return max(0.0, float(num_training_steps - t)
                   / float(max(1, num_training_steps - num_warmup_steps)))
    return _lambda_lr(lr, factor)


def cosine_with_warmup(lr, num_warmup_steps, num_training_steps, num_cycles=0.5,
                       min_lr_rate=0.0):
    """get_cosine_schedule_with_warmup and get_cosine_with_min_lr_schedule_with_warmup
    (_get_cosine_schedule_with_warmup_lr_lambda, with its min_lr_rate)."""
    def factor(t):
        if t < num_warmup_steps:
            return float(t) / float(max(1, num_warmup_steps))
        progress = float(t - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
        f = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
        f = f * (1 - min_lr_rate) + min_lr_rate
        return max(0, f)
    return _lambda_lr(lr, factor)


def cosine_with_min_lr(lr, num_warmup_steps, num_training_steps, num_cycles=0.5,
                       min_lr=None, min_lr_rate=None):
    """get_cosine_with_min_lr_schedule_with_warmup: min_lr becomes min_lr / lr."""
    if min_lr is not None:
        min_lr_rate = min_lr / lr
    return cosine_with_warmup(lr, num_warmup_steps, num_training_steps, num_cycles,
                              min_lr_rate)


def cosine_with_min_lr_lr_rate(lr, num_warmup_steps, num_training_steps, num_cycles=0.5,
                               min_lr=None, min_lr_rate=None, warmup_lr_rate=None):
    """get_cosine_with_min_lr_schedule_with_warmup_lr_rate
    (_get_cosine_with_min_lr_schedule_with_warmup_lr_rate_lambda): its warm-up and
    progress count one step ahead."""
    if min_lr is not None:
        min_lr_rate = min_lr / lr

    def factor(t):
        t = float(t)
        w = float(num_warmup_steps)
        total = float(num_training_steps)
        if t < w:
            if warmup_lr_rate is None:
                return (t + 1.) / max(1., w)
            r = float(warmup_lr_rate)
            return r + (1.0 - r) * t / (max(1, w - 1))
        progress = (t - w + 1.) / (max(1., total - w))
        f = 0.5 * (1.0 + math.cos(math.pi * num_cycles * 2.0 * progress))
        f = f * (1 - min_lr_rate) + min_lr_rate
        return max(0, f)
    return _lambda_lr(lr, factor)


def cosine_with_hard_restarts(lr, num_warmup_steps, num_training_steps, num_cycles=1):
    """get_cosine_with_hard_restarts_schedule_with_warmup
    (_get_cosine_with_hard_restarts_schedule_with_warmup_lr_lambda)."""
    def factor(t):
        if t < num_warmup_steps:
            return float(t) / float(max(1, num_warmup_steps))
        progress = float(t - num_warmup_steps) / float(max(1, num_training_steps - num_warmup_steps))
        if progress >= 1.0:
            return 0.0
        return max(0.0, 0.5 * (1.0 + math.cos(math.pi * ((float(num_cycles) * progress) % 1.0))))
    return _lambda_lr(lr, factor)


def polynomial_with_warmup(lr, num_warmup_steps, num_training_steps, lr_end=1e-7, power=1.0):
    """get_polynomial_decay_schedule_with_warmup
    (_get_polynomial_decay_schedule_with_warmup_lr_lambda); lr_init is the
    optimizer's default rate, here lr."""
    lr_init = lr
    if not lr_init > lr_end:
        raise ValueError("lr_end must be smaller than the initial lr")

    def factor(t):
        if t < num_warmup_steps:
            return float(t) / float(max(1, num_warmup_steps))
        elif t > num_training_steps:
            return lr_end / lr_init
        lr_range = lr_init - lr_end
        decay_steps = num_training_steps - num_warmup_steps
        pct_remaining = 1 - (t - num_warmup_steps) / decay_steps
        decay = lr_range * pct_remaining ** power + lr_end
        return decay / lr_init
    return _lambda_lr(lr, factor)


def inverse_sqrt(lr, num_warmup_steps, timescale=None):
    """get_inverse_sqrt_schedule (_get_inverse_sqrt_schedule_lr_lambda)."""
    if timescale is None:
        timescale = num_warmup_steps or 10_000

    def factor(t):
        if t < num_warmup_steps:
            return float(t) / float(max(1, num_warmup_steps))
        shift = timescale - num_warmup_steps
        return 1.0 / math.sqrt((t + shift) / timescale)
    return _lambda_lr(lr, factor)


def wsd(lr, num_warmup_steps, num_decay_steps, num_training_steps=None, num_stable_steps=None,
        warmup_type="linear", decay_type="cosine", min_lr_ratio=0, num_cycles=0.5):
    """get_wsd_schedule (_get_wsd_scheduler_lambda)."""
    if num_stable_steps is None:
        num_stable_steps = num_training_steps - num_warmup_steps - num_decay_steps

    def factor(t):
        if t < num_warmup_steps:
            progress = float(t) / float(max(1, num_warmup_steps))
            if warmup_type == "linear":
                f = progress
            elif warmup_type == "cosine":
                f = 0.5 * (1.0 - math.cos(math.pi * progress))
            else:  # "1-sqrt"
                f = 1.0 - math.sqrt(1.0 - progress)
            f = f * (1.0 - min_lr_ratio) + min_lr_ratio
            return max(0.0, f)
        if t < num_warmup_steps + num_stable_steps:
            return 1.0
        if t < num_warmup_steps + num_stable_steps + num_decay_steps:
            progress = float(t - num_warmup_steps - num_stable_steps) / float(max(1, num_decay_steps))
            if decay_type == "linear":
                f = 1.0 - progress
            elif decay_type == "cosine":
                f = 0.5 * (1.0 + math.cos(math.pi * float(num_cycles) * 2.0 * progress))
            else:  # "1-sqrt"
                f = 1.0 - math.sqrt(progress)
            f = f * (1.0 - min_lr_ratio) + min_lr_ratio
            return max(0.0, f)
        return min_lr_ratio
    return _lambda_lr(lr, factor)
