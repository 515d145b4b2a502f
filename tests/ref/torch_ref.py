"""Rates of real PyTorch schedulers, stepped as a training loop steps them.

Needs PyTorch (Debian's python3-torch, 1.13): run with /usr/bin/python3. The value
at t is the optimizer's rate before the t-th `scheduler.step()`, read from
`optimizer.param_groups[0]['lr']` (what `get_last_lr()` reports).

SPDX-License-Identifier: GPL-3.0-or-later
"""
import warnings

import torch

warnings.filterwarnings("ignore")  # the "step(0)" deprecation of SequentialLR, et al.

S = torch.optim.lr_scheduler


def rates(lr, make, steps, momentum=0.9):
    """make(optimizer) builds the scheduler (or schedulers; it returns the one to step)."""
    params = [torch.nn.Parameter(torch.zeros(1))]
    optimizer = torch.optim.SGD(params, lr=lr, momentum=momentum)
    scheduler = make(optimizer)
    out = []
    for _ in range(steps):
        out.append(optimizer.param_groups[0]['lr'])
        optimizer.step()
        scheduler.step()
    return out


def closed_rates(lr, make, steps):
    """As rates(), for a scheduler whose get_lr() depends on last_epoch alone (CyclicLR):
    PyTorch's own get_lr() at each step, without stepping through the run."""
    params = [torch.nn.Parameter(torch.zeros(1))]
    optimizer = torch.optim.SGD(params, lr=lr, momentum=0.9)
    scheduler = make(optimizer)
    scheduler._get_lr_called_within_step = True
    out = []
    for t in range(steps):
        scheduler.last_epoch = t
        out.append(scheduler.get_lr()[0])
    return out
