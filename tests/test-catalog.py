#!/usr/bin/env python3
# test-catalog.py — every row of the README's "Library calls" table, checked against
# the library: for random parameters of each call, `anneal-cli eval` of the row's
# spec must give the library's rate at every step (1e-12 relative, with an absolute
# floor of 1e-14 of the curve's peak), the steps past the end included. PyTorch's
# values come from real PyTorch (python3-torch; this script then runs under
# /usr/bin/python3), the others' from the float64 re-implementations in tests/ref/,
# each citing the upstream file and function it follows.
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-catalog.py ANNEAL_CLI [ROW-SUBSTRING]. Output is TAP.

import math
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'ref'))
import hf      # noqa: E402
import keras   # noqa: E402
import optax   # noqa: E402
import timm    # noqa: E402

try:
    import torch_ref
    S = torch_ref.S
except ImportError:
    torch_ref = None

CASES_PER_ROW = 12


def num(x):
    """A number as spec text that reads back to the same double."""
    if isinstance(x, bool):
        return 'true' if x else 'false'
    if isinstance(x, int):
        return str(x)
    return repr(float(x))


def stage(kind, **params):
    return '%s(%s)' % (kind, ', '.join('%s=%s' % (k.rstrip('_'), v if isinstance(v, str) else num(v))
                                       for k, v in params.items()))


def seq(*parts):
    """parts: (stage text, length or None); stages of length 0 are left out."""
    kept = [(s, n) for s, n in parts if n is None or n > 0]
    out = []
    for i, (s, n) in enumerate(kept):
        if i + 1 < len(kept):
            s = s[:-1] + ('' if s.endswith('()') else ', ') + 'for=%d)' % n
        out.append(s)
    return ' -> '.join(out)


def rate(rng, lo=-6, hi=0):
    return 10 ** rng.uniform(lo, hi)


# --- PyTorch -------------------------------------------------------------------------

def torch_case(make):
    def run(n):
        return torch_ref.rates(make.lr, make.build, n)
    return run


class T:
    """A PyTorch scheduler: its constructor and its spec parts."""
    def __init__(self, lr, build, parts):
        self.lr, self.build, self.parts = lr, build, parts
        self.closed = False  # get_lr() at each step, not stepped (torch_ref.closed_rates)


def t_step(rng, L):
    s, g = rng.randint(1, 40), rng.uniform(0.05, 1)
    return (lambda o: S.StepLR(o, step_size=s, gamma=g)), [(stage('step', lr=L, step_size=s, gamma=g), None)]


def t_multistep(rng, L):
    m = sorted(rng.randint(0, 150) for _ in range(rng.randint(0, 5)))
    g = rng.uniform(0.05, 1)
    spec = 'multistep(lr=%s, milestones=[%s], gamma=%s)' % (num(L), ', '.join(map(str, m)), num(g))
    return (lambda o: S.MultiStepLR(o, milestones=m, gamma=g)), [(spec, None)]


def t_constant(rng, L):
    f, n = rng.choice([1 / 3, rng.uniform(0.01, 1), 1.0]), rng.choice([0, 1, 5, rng.randint(0, 60)])
    if n == 0:
        parts = [(stage('constant', lr=L * f), None)]
    else:
        parts = [(stage('constant', lr=L * f), n), (stage('constant', lr=L), None)]
    return (lambda o: S.ConstantLR(o, factor=f, total_iters=n)), parts


def t_linear(rng, L):
    a, b, n = rng.uniform(0.001, 1), rng.choice([0.0, 1.0, rng.uniform(0, 1)]), rng.randint(1, 80)
    return ((lambda o: S.LinearLR(o, start_factor=a, end_factor=b, total_iters=n)),
            [(stage('linear', lr=L, start_factor=a, end_factor=b, total_iters=n), None)])


def t_exponential(rng, L):
    g = rng.uniform(0.9, 1)
    return (lambda o: S.ExponentialLR(o, gamma=g)), [(stage('exponential', lr=L, gamma=g), None)]


def t_poly(rng, L):
    n, p = rng.randint(1, 120), rng.choice([1.0, 2.0, 0.5, rng.uniform(0.1, 4)])
    return ((lambda o: S.PolynomialLR(o, total_iters=n, power=p)),
            [(stage('poly', lr=L, total_iters=n, power=p), None)])


def t_cosine(rng, L, eta_min=None):
    tm = rng.randint(1, 150)
    e = 0.0 if eta_min is None else eta_min
    return ((lambda o: S.CosineAnnealingLR(o, T_max=tm, eta_min=e)),
            [(stage('cosine', lr=L, t_max=tm, eta_min=e), None)])


def t_sgdr(rng, L):
    t0, tm, e = rng.randint(1, 30), rng.randint(1, 3), rng.choice([0.0, L * rng.uniform(0, 1)])
    return ((lambda o: S.CosineAnnealingWarmRestarts(o, T_0=t0, T_mult=tm, eta_min=e)),
            [(stage('sgdr', lr=L, t_0=t0, t_mult=tm, eta_min=e), None)])


def sequential(rng, L, children, milestones):
    def build(o):
        scheds = [make(o) for make, _ in children]
        return S.SequentialLR(o, schedulers=scheds, milestones=milestones)
    parts = []
    bounds = [0] + milestones + [None]
    for (make, child), a, b in zip(children, bounds, bounds[1:]):
        left = None if b is None else b - a
        for s, n in child:
            if left is not None:
                n = left if n is None else min(n, left)
                left -= n
            parts.append((s, n))
            if left == 0:
                break
    return build, parts


def torch_rows():
    def simple(make_fn, steps=(50, 400)):
        def gen(rng):
            L = rate(rng)
            build, parts = make_fn(rng, L)
            return T(L, build, parts), rng.randint(*steps)
        return gen

    def cosine_eta(rng):
        L = rate(rng)
        tm = rng.randint(1, 150)
        e = L * rng.uniform(0.01, 3)
        build, parts = t_cosine(rng, L, e)
        return T(L, (lambda o: S.CosineAnnealingLR(o, T_max=tm, eta_min=e)),
                 [(stage('cosine', lr=L, t_max=tm, eta_min=e), None)]), tm + 1

    def cosine_eta_past(rng):
        # Past T_max PyTorch's recursion restarts each rising half from eta_min plus
        # a rounding error that the wave then grows by up to (2·T_max/π)²: long
        # periods with eta_min near lr, many periods with short ones.
        L = rate(rng)
        tm = rng.choice([rng.randint(1, 40), rng.randint(500, 3000)])
        e = L * rng.choice([rng.uniform(0, 1), rng.uniform(0.5, 1), 10 ** rng.uniform(-6, 0)])
        return T(L, (lambda o: S.CosineAnnealingLR(o, T_max=tm, eta_min=e)),
                 [(stage('cosine', lr=L, t_max=tm, eta_min=e), None)]), min(tm * rng.randint(3, 40), 20000)

    def onecycle(rng):
        L = rate(rng)
        total = rng.randint(10, 400)
        anneal = rng.choice(['cos', 'linear'])
        div, fdiv, three = rng.choice([25.0, rng.uniform(1, 100)]), rng.choice([1e4, rng.uniform(1, 1e5)]), rng.random() < 0.5
        while True:  # the phases Anneal accepts: a rise of over one step, none empty
            pct = rng.uniform(0.01, 0.6)
            p = pct * total
            if p - 1 > 0 and (2 * p - 2 if three else total - 1) > p - 1 and (not three or total - 1 > 2 * p - 2):
                break
        return T(L, lambda o: S.OneCycleLR(o, max_lr=L, total_steps=total, pct_start=pct,
                                           anneal_strategy=anneal, div_factor=div,
                                           final_div_factor=fdiv, three_phase=three),
                 [(stage('onecycle', max_lr=L, total_steps=total, pct_start=pct, anneal=anneal,
                         div_factor=div, final_div_factor=fdiv, three_phase=three), None)]), total

    def cyclic(rng, modes=('triangular', 'triangular2', 'exp_range')):
        base, top = rate(rng, -6, -2), rate(rng, -2, 0)
        up, down = rng.randint(1, 60), rng.choice([None, rng.randint(1, 60)])
        mode = rng.choice(modes)
        g = rng.uniform(0.99, 1) if rng.random() < 0.5 else 1 - 10 ** rng.uniform(-7, -4)
        params = dict(base_lr=base, max_lr=top, step_size_up=up)
        if down is not None:
            params['step_size_down'] = down
        params.update(mode=mode, gamma=g)
        return T(base, lambda o: S.CyclicLR(o, base_lr=base, max_lr=top, step_size_up=up,
                                            step_size_down=down, mode=mode, gamma=g,
                                            cycle_momentum=False),
                 [(stage('cyclic', **params), None)]), rng.randint(100, 3000)

    def cyclic_long(rng):
        # PyTorch's phase 1 + t/L − floor(1 + t/L) drifts from the exact remainder
        # by an ulp of t/L: over 10⁵ steps and more that is above 1e-12. (PyTorch's
        # triangular2 raises OverflowError from cycle 1026 on: 2.0 ** 1025.)
        gen = cyclic(rng, ('triangular', 'exp_range'))[0]
        gen.closed = True
        return gen, rng.randint(60000, 150000)

    def seq_lr(rng):
        L = rate(rng)
        pool = [t_step, t_multistep, t_constant, t_linear, t_exponential, t_poly, t_cosine, t_sgdr]
        k = rng.randint(2, 4)
        children = [rng.choice(pool)(rng, L) for _ in range(k)]
        milestones = sorted(rng.sample(range(1, 120), k - 1))
        build, parts = sequential(rng, L, children, milestones)
        return T(L, build, parts), rng.randint(milestones[-1] + 1, 300)

    return [
        ('torch/StepLR', simple(t_step)),
        ('torch/MultiStepLR', simple(t_multistep)),
        ('torch/ConstantLR', simple(t_constant)),
        ('torch/LinearLR', simple(t_linear)),
        ('torch/ExponentialLR', simple(t_exponential, (100, 5000))),
        ('torch/PolynomialLR', simple(t_poly)),
        ('torch/CosineAnnealingLR', simple(t_cosine, (100, 2000))),
        ('torch/CosineAnnealingLR-eta_min-to-T_max', cosine_eta),
        ('torch/CosineAnnealingLR-eta_min-past-T_max', cosine_eta_past),
        ('torch/CosineAnnealingWarmRestarts', simple(t_sgdr, (100, 2000))),
        ('torch/OneCycleLR', onecycle),
        ('torch/CyclicLR', cyclic),
        ('torch/CyclicLR-long', cyclic_long),
        ('torch/SequentialLR', seq_lr),
    ]


# --- Hugging Face ----------------------------------------------------------------------

def hf_warmup(L, w):
    return (stage('ramp', from_=0.0, to=L, steps=w), w)


def hf_rows():
    def steps(rng):
        w = rng.choice([0, 1, rng.randint(0, 100)])
        return w, w + rng.choice([1, rng.randint(1, 1000)])

    def constant(rng):
        L = rate(rng)
        return hf.constant(L), stage('constant', lr=L), 50

    def constant_warmup(rng):
        L, w = rate(rng), rng.choice([0, 1, rng.randint(1, 200)])
        spec = stage('ramp', from_=0.0, to=L, steps=w) if w else stage('constant', lr=L)
        return hf.constant_with_warmup(L, w), spec, w + 100

    def linear(rng):
        L, (w, total) = rate(rng), steps(rng)
        return (hf.linear_with_warmup(L, w, total),
                seq(hf_warmup(L, w), (stage('ramp', from_=L, to=0.0, steps=total - w, anchor='to'),
                                       None)),
                total + 50)

    def cosine(rng):
        L, (w, total) = rate(rng), steps(rng)
        c = rng.choice([0.5, 0.5, 1.0, rng.uniform(0.1, 3)])
        return (hf.cosine_with_warmup(L, w, total, c),
                seq(hf_warmup(L, w), (stage('cosine-cycles', lr=L, steps=max(1, total - w), cycles=c), None)),
                total + rng.randint(0, 2 * total))

    def hard(rng):
        L, (w, total) = rate(rng), steps(rng)
        c = rng.choice([1, 2, 3, rng.randint(1, 9)])
        return (hf.cosine_with_hard_restarts(L, w, total, c),
                seq(hf_warmup(L, w), (stage('cosine-cycles', lr=L, steps=max(1, total - w), cycles=float(c),
                                            restarts=True), None)),
                total + 50)

    def poly(rng):
        L, (w, total) = rate(rng), steps(rng)
        end, p = L * rng.choice([0.0, 1e-3, rng.uniform(0, 1)]), rng.choice([1.0, 2.0, 0.5, rng.uniform(0.2, 4)])
        return (hf.polynomial_with_warmup(L, w, total, end, p),
                seq(hf_warmup(L, w), (stage('poly', lr=L, total_iters=total - w, power=p, end=end), None)),
                total + 50)

    def inv_sqrt(rng):
        L, w = rate(rng), rng.choice([0, rng.randint(1, 500)])
        ts = rng.choice([None, rng.randint(1, 2000)])
        params = dict(lr=L, warmup=w)
        if ts is not None:
            params['timescale'] = ts
        return hf.inverse_sqrt(L, w, ts), stage('inverse-sqrt', **params), rng.randint(10, 3000)

    def min_lr(rng):
        L, (w, total) = rate(rng), steps(rng)
        c = rng.choice([0.5, rng.uniform(0.1, 2)])
        if rng.random() < 0.5:
            m = L * rng.uniform(0, 1)
            ref, eta = hf.cosine_with_min_lr(L, w, total, c, min_lr=m), m
        else:
            r = rng.uniform(0, 1)
            ref, eta = hf.cosine_with_min_lr(L, w, total, c, min_lr_rate=r), L * r
        return (ref, seq(hf_warmup(L, w), (stage('cosine-cycles', lr=L, steps=max(1, total - w), cycles=c,
                                                  eta_min=eta), None)),
                total + 100)

    def min_lr_rate(rng):
        L, (w, total) = rate(rng), steps(rng)
        c = rng.choice([0.5, rng.uniform(0.1, 2)])
        r = rng.uniform(0, 1)
        wr = rng.choice([None, rng.uniform(0, 1)])
        ref = hf.cosine_with_min_lr_lr_rate(L, w, total, c, min_lr_rate=r, warmup_lr_rate=wr)
        if w == 0:
            warm = []
        elif wr is None:
            warm = [(stage('ramp', from_=L * (1. / w), to=L, steps=w - 1), w) if w > 1 else
                    (stage('constant', lr=L), 1)]
        else:
            warm = [(stage('ramp', from_=L * wr, to=L, steps=max(1, w - 1)), w)]
        spec = seq(*(warm + [(stage('cosine-cycles', lr=L, steps=max(1, total - w), cycles=c,
                                    eta_min=L * r, shift=1), None)]))
        return ref, spec, total + 100

    def wsd(rng):
        L = rate(rng)
        w, d, s = rng.randint(0, 60), rng.randint(0, 200), rng.randint(0, 300)
        wt, dt = rng.choice(['linear', 'cosine', '1-sqrt']), rng.choice(['linear', 'cosine', '1-sqrt'])
        ratio, c = rng.choice([0.0, rng.uniform(0, 1)]), rng.choice([0.5, rng.uniform(0.01, 0.5)])
        shape = {'linear': 'linear', 'cosine': 'cosine', '1-sqrt': 'sqrt'}
        return (hf.wsd(L, w, d, num_stable_steps=s, warmup_type=wt, decay_type=dt, min_lr_ratio=ratio,
                       num_cycles=c),
                stage('wsd', lr=L, warmup=w, stable=s, decay=d, warmup_shape=shape[wt],
                      decay_shape=shape[dt], min_lr_ratio=ratio, cycles=c),
                w + s + d + 50)

    return [
        ('hf/get_constant_schedule', constant),
        ('hf/get_constant_schedule_with_warmup', constant_warmup),
        ('hf/get_linear_schedule_with_warmup', linear),
        ('hf/get_cosine_schedule_with_warmup', cosine),
        ('hf/get_cosine_with_hard_restarts_schedule_with_warmup', hard),
        ('hf/get_polynomial_decay_schedule_with_warmup', poly),
        ('hf/get_inverse_sqrt_schedule', inv_sqrt),
        ('hf/get_cosine_with_min_lr_schedule_with_warmup', min_lr),
        ('hf/get_cosine_with_min_lr_schedule_with_warmup_lr_rate', min_lr_rate),
        ('hf/get_wsd_schedule', wsd),
    ]


# --- Keras ---------------------------------------------------------------------------

def keras_rows():
    def exponential(rng):
        L, n, g, st = rate(rng), rng.randint(1, 300), rng.uniform(0.05, 1), rng.random() < 0.5
        return (keras.exponential_decay(L, n, g, st),
                stage('exponential', lr=L, gamma=g, decay_steps=n, staircase=st), rng.randint(50, 3000))

    def piecewise(rng):
        b = sorted(rng.sample(range(0, 300), rng.randint(1, 5)))
        v = [rate(rng) for _ in range(len(b) + 1)]
        parts = [(stage('constant', lr=v[0]), b[0] + 1)]
        parts += [(stage('constant', lr=v[i + 1]), b[i + 1] - b[i]) for i in range(len(b) - 1)]
        parts += [(stage('constant', lr=v[-1]), None)]
        return keras.piecewise_constant_decay(b, v), seq(*parts), b[-1] + 50

    def polynomial(rng):
        L, n = rate(rng), rng.randint(1, 300)
        e, p, cyc = L * rng.choice([0.0, 1e-3, rng.uniform(0, 1)]), rng.choice([1.0, 2.0, 0.5, rng.uniform(0.2, 4)]), rng.random() < 0.5
        return (keras.polynomial_decay(L, n, e, p, cyc),
                stage('poly', lr=L, total_iters=n, power=p, end=e, cycle=cyc), rng.randint(1, 5) * n + 7)

    def inverse_time(rng):
        L, n, r, st = rate(rng), rng.randint(1, 300), rng.uniform(0, 5), rng.random() < 0.5
        return (keras.inverse_time_decay(L, n, r, st),
                stage('inverse-time', lr=L, decay_rate=r, decay_steps=n, staircase=st), rng.randint(50, 3000))

    def cosine(rng):
        L, n, a = rate(rng), rng.randint(1, 500), rng.choice([0.0, rng.uniform(0, 1)])
        if rng.random() < 0.5:
            ref = keras.cosine_decay(L, n, a)
            spec = seq((stage('cosine', lr=L, t_max=n, eta_min=L * a), n + 1), (stage('constant', lr=L * a), None))
        else:
            P, w = rate(rng), rng.choice([0, rng.randint(1, 200)])
            ref = keras.cosine_decay(L, n, a, warmup_target=P, warmup_steps=w)
            spec = seq((stage('ramp', from_=L, to=P, steps=w), w),
                       (stage('cosine', lr=P, t_max=n, eta_min=P * a), n + 1),
                       (stage('constant', lr=P * a), None))
        return ref, spec, rng.randint(n, 2 * n + 250)

    def restarts(rng):
        L, n = rate(rng), rng.randint(1, 100)
        tm = rng.choice([1.0, 2.0, 2.0, 3.0, 1.5, rng.uniform(1, 3)])
        mm, a = rng.choice([1.0, rng.uniform(0.3, 1)]), rng.choice([0.0, rng.uniform(0, 1)])
        return (keras.cosine_decay_restarts(L, n, tm, mm, a),
                stage('restarts', lr=L, t_0=n, t_mul=tm, decay=mm, eta_min=L * a, damp='range'),
                rng.randint(100, 3000))

    def restarts_long(rng):
        # Keras' phase is step/first_decay_steps in floating point, less its restarts:
        # an ulp of that quotient, which over 10⁵ steps is above 1e-12.
        L, n = rate(rng), rng.randint(1, 30)
        tm = rng.choice([1.0, 1.0, 1.0001, 1.001, 1 + rng.uniform(0, 0.01)])
        mm, a = rng.choice([1.0, 1.0, rng.uniform(0.999, 1)]), rng.choice([0.0, rng.uniform(0, 1)])
        return (keras.cosine_decay_restarts(L, n, tm, mm, a),
                stage('restarts', lr=L, t_0=n, t_mul=tm, decay=mm, eta_min=L * a, damp='range'),
                rng.randint(50000, 150000))

    return [
        ('keras/ExponentialDecay', exponential),
        ('keras/PiecewiseConstantDecay', piecewise),
        ('keras/PolynomialDecay', polynomial),
        ('keras/InverseTimeDecay', inverse_time),
        ('keras/CosineDecay', cosine),
        ('keras/CosineDecayRestarts', restarts),
        ('keras/CosineDecayRestarts-long', restarts_long),
    ]


# --- timm ----------------------------------------------------------------------------

def timm_rows():
    def common(rng):
        L = rate(rng)
        return dict(lr=L, t_initial=rng.randint(1, 80), lr_min=rng.choice([0.0, L * rng.uniform(0, 0.5)]),
                    cycle_mul=rng.choice([1.0, 1.0, 2.0, 1.5, rng.uniform(1, 3)]),
                    cycle_decay=rng.choice([1.0, rng.uniform(0.2, 1)]),
                    cycle_limit=rng.choice([1, 2, 3, 10 ** 6]),
                    warmup_t=rng.choice([0, rng.randint(1, 30)]),
                    warmup_lr_init=rng.choice([0.0, L * rng.uniform(0, 1)]),
                    warmup_prefix=rng.random() < 0.5)

    def spec_of(c, **extra):
        params = dict(lr=c['lr'], t_0=c['t_initial'], t_mul=c['cycle_mul'], eta_min=c['lr_min'],
                      decay=c['cycle_decay'], cycle_limit=c['cycle_limit'], warmup=c['warmup_t'],
                      warmup_lr=c['warmup_lr_init'], warmup_prefix=c['warmup_prefix'])
        params.update(extra)
        return stage('restarts', **params)

    def cosine(rng):
        c, k = common(rng), rng.choice([1.0, 1.0, rng.uniform(0.5, 3)])
        return timm.cosine(k_decay=k, **c), spec_of(c, k=k), rng.randint(50, 2000)

    def poly(rng):
        c, k, p = common(rng), rng.choice([1.0, rng.uniform(0.5, 3)]), rng.choice([0.5, 1.0, rng.uniform(0.2, 3)])
        return timm.poly(power=p, k_decay=k, **c), spec_of(c, shape='poly', power=p, k=k), rng.randint(50, 2000)

    def tanh(rng):
        c, lb, ub = common(rng), rng.choice([-7.0, rng.uniform(-10, 0)]), rng.choice([3.0, rng.uniform(0, 6)])
        return timm.tanh(lb=lb, ub=ub, **c), spec_of(c, shape='tanh', lb=lb, ub=ub), rng.randint(50, 2000)

    def warm(c, L):
        return (stage('ramp', from_=c['warmup_lr_init'], to=L, steps=c['warmup_t']), c['warmup_t'])

    def step(rng):
        c = common(rng)
        L, s, g = c['lr'], rng.randint(1, 60), rng.choice([1.0, rng.uniform(0.05, 1)])
        w, prefix = c['warmup_t'], c['warmup_prefix']
        ref = timm.step(L, s, g, w, c['warmup_lr_init'], prefix)
        if prefix or w == 0:
            spec = seq(warm(c, L), (stage('step', lr=L, step_size=s, gamma=g), None))
        else:
            k = w // s
            spec = seq(warm(c, L), (stage('constant', lr=L * g ** k), s - w % s),
                       (stage('step', lr=L * g ** (k + 1), step_size=s, gamma=g), None))
        return ref, spec, rng.randint(w + 50, 1000)

    def multistep(rng):
        c = common(rng)
        L, g = c['lr'], rng.choice([1.0, rng.uniform(0.05, 1)])
        m = sorted(rng.sample(range(0, 200), rng.randint(1, 5)))
        w, prefix = c['warmup_t'], c['warmup_prefix']
        ref = timm.multistep(L, m, g, w, c['warmup_lr_init'], prefix)
        shift = 1 + (0 if prefix else w)
        folded = [x - shift for x in m]
        lr = L
        for x in folded:
            if x < 0:
                lr = lr * g
        spec = 'multistep(lr=%s, milestones=[%s], gamma=%s)' % (
            num(lr), ', '.join(str(x) for x in folded if x >= 0), num(g))
        return ref, seq(warm(c, L), (spec, None)), rng.randint(w + 50, 400)

    return [
        ('timm/CosineLRScheduler', cosine),
        ('timm/PolyLRScheduler', poly),
        ('timm/TanhLRScheduler', tanh),
        ('timm/StepLRScheduler', step),
        ('timm/MultiStepLRScheduler', multistep),
    ]


# --- optax ---------------------------------------------------------------------------

def interpolate_spec(kind, init, bs):
    """The spec of piecewise_interpolate_schedule(kind, init, bs)."""
    items = sorted(bs.items())
    values = [init]
    for _, s in items:
        values.append(values[-1] * s)
    bounds = [0] + [b for b, _ in items]
    shape = 'linear' if kind == 'linear' else 'cos'
    parts = []
    for i in range(len(items)):
        size = bounds[i + 1] - bounds[i]
        parts.append((stage('ramp', from_=values[i], to=values[i + 1], steps=max(size, 1), shape=shape), size))
    if parts:
        last, _ = parts.pop()
        parts.append((last, None))
    else:
        parts.append((stage('constant', lr=init), None))
    # a ramp of length 0 (a boundary at 0) is left out; the last one holds
    return seq(*parts) if parts[-1][0].startswith('ramp') and bounds[-1] > bounds[-2] else \
        seq(*(parts[:-1] + [(stage('constant', lr=values[-1]), None)]))


def cosine_part(peak, n, alpha, exponent=1.0):
    return [(stage('cosine', lr=peak, t_max=n, eta_min=peak * alpha, exponent=exponent), n + 1),
            (stage('constant', lr=peak * alpha), None)]


def optax_rows():
    def constant(rng):
        v = rate(rng)
        return optax.constant_schedule(v), stage('constant', lr=v), 20

    def begin(init, B):
        return (stage('constant', lr=init), B)

    def linear(rng):
        a, b, n, B = rate(rng), rng.choice([0.0, rate(rng)]), rng.randint(1, 300), rng.choice([0, rng.randint(1, 100)])
        if rng.random() < 0.3:
            a, b = b, a
        return (optax.linear_schedule(a, b, n, B),
                seq(begin(a, B), (stage('ramp', from_=a, to=b, steps=n), None)), n + B + 50)

    def polynomial(rng):
        a, b, n, B = rate(rng), rng.choice([0.0, rate(rng)]), rng.randint(1, 300), rng.choice([0, rng.randint(1, 100)])
        p = rng.choice([1.0, 2.0, 0.5, rng.uniform(0.2, 4)])
        return (optax.polynomial_schedule(a, b, p, n, B),
                seq(begin(a, B), (stage('poly', lr=a, total_iters=n, power=p, end=b), None)), n + B + 50)

    def cosine_decay(rng):
        v, n, a, x = rate(rng), rng.randint(1, 400), rng.choice([0.0, rng.uniform(0, 1)]), rng.choice([1.0, rng.uniform(0.3, 4)])
        return optax.cosine_decay_schedule(v, n, a, x), seq(*cosine_part(v, n, a, x)), n + 100

    def exponential(rng):
        v, n, g = rate(rng), rng.randint(1, 200), rng.uniform(0.05, 0.999)
        B, st = rng.choice([0, rng.randint(1, 100)]), rng.random() < 0.5
        e = rng.choice([None, v * rng.uniform(0, 1)])
        return (optax.exponential_decay(v, n, g, B, st, e),
                seq(begin(v, B), (stage('exponential', lr=v, gamma=g, decay_steps=n, staircase=st,
                                        end=0.0 if e is None else e), None)),
                rng.randint(B + 50, 3000))

    def piecewise_constant(rng):
        v = rate(rng)
        bs = {b: rng.uniform(0, 2) for b in rng.sample(range(0, 300), rng.randint(1, 5))}
        items = sorted(bs.items())
        vals, parts, prev = [v], [], 0
        for b, s in items:
            vals.append(vals[-1] * s)
        bounds = [b for b, _ in items]
        parts.append((stage('constant', lr=vals[0]), bounds[0]))
        for i in range(1, len(bounds)):
            parts.append((stage('constant', lr=vals[i]), bounds[i] - bounds[i - 1]))
        parts.append((stage('constant', lr=vals[-1]), None))
        return optax.piecewise_constant_schedule(v, bs), seq(*parts), bounds[-1] + 50

    def piecewise_interpolate(rng):
        kind, v = rng.choice(['linear', 'cosine']), rate(rng)
        bs = {b: rng.uniform(0, 2) for b in rng.sample(range(1, 300), rng.randint(1, 5))}
        return (optax.piecewise_interpolate_schedule(kind, v, bs), interpolate_spec(kind, v, bs),
                max(bs) + 50)

    def linear_onecycle(rng):
        n, peak = rng.randint(10, 1000), rate(rng)
        ps, pf = rng.uniform(0.05, 0.5), rng.uniform(0.55, 0.95)
        d, f = rng.choice([25.0, rng.uniform(2, 100)]), rng.choice([1e4, rng.uniform(2, 1e5)])
        bs = {int(ps * n): d, int(pf * n): 1. / d, n: 1. / f}
        return (optax.linear_onecycle_schedule(n, peak, ps, pf, d, f),
                interpolate_spec('linear', peak / d, bs), n + 50)

    def cosine_onecycle(rng):
        n, peak = rng.randint(10, 1000), rate(rng)
        ps = rng.uniform(0.05, 0.9)
        d, f = rng.choice([25.0, rng.uniform(2, 100)]), rng.choice([1e4, rng.uniform(2, 1e5)])
        bs = {int(ps * n): d, int(n): 1. / (d * f)}
        return (optax.cosine_onecycle_schedule(n, peak, ps, d, f),
                interpolate_spec('cosine', peak / d, bs), n + 50)

    def warmup_constant(rng):
        a, b, w = rng.choice([0.0, rate(rng)]), rate(rng), rng.randint(1, 200)
        return optax.warmup_constant_schedule(a, b, w), stage('ramp', from_=a, to=b, steps=w), w + 50

    def warmup_cosine_spec(init, peak, w, n, e, x):
        alpha = 0.0 if peak == 0.0 else e / peak
        return [(stage('ramp', from_=init, to=peak, steps=w), w)] + cosine_part(peak, n - w, alpha, x)

    def warmup_cosine(rng):
        init, peak = rng.choice([0.0, rate(rng)]), rate(rng)
        w = rng.choice([0, rng.randint(1, 200)])
        n = w + rng.randint(1, 1000)
        e, x = rng.choice([0.0, peak * rng.uniform(0, 1)]), rng.choice([1.0, rng.uniform(0.3, 3)])
        return (optax.warmup_cosine_decay_schedule(init, peak, w, n, e, x),
                seq(*warmup_cosine_spec(init, peak, w, n, e, x)), n + 100)

    def warmup_exponential(rng):
        init, peak, w = rng.choice([0.0, rate(rng)]), rate(rng), rng.choice([0, rng.randint(1, 200)])
        n, g, B, st = rng.randint(1, 200), rng.uniform(0.05, 0.999), rng.choice([0, rng.randint(1, 50)]), rng.random() < 0.5
        e = rng.choice([None, peak * rng.uniform(0, 1)])
        return (optax.warmup_exponential_decay_schedule(init, peak, w, n, g, B, st, e),
                seq((stage('ramp', from_=init, to=peak, steps=w), w), begin(peak, B),
                    (stage('exponential', lr=peak, gamma=g, decay_steps=n, staircase=st,
                           end=0.0 if e is None else e), None)),
                w + B + rng.randint(50, 2000))

    def sgdr(rng):
        kws, parts, total = [], [], 0
        for _ in range(rng.randint(1, 4)):
            peak, w = rate(rng), rng.choice([0, rng.randint(1, 50)])
            n = w + rng.randint(1, 300)
            kw = dict(init_value=rng.choice([0.0, rate(rng)]), peak_value=peak, warmup_steps=w,
                      decay_steps=n, end_value=rng.choice([0.0, peak * rng.uniform(0, 1)]))
            kws.append(kw)
            p = warmup_cosine_spec(kw['init_value'], peak, w, n, kw['end_value'], 1.0)
            # this cycle lasts decay_steps: cut its parts there
            left, cut = n, []
            for s, m in p:
                m = left if m is None else min(m, left)
                cut.append((s, m))
                left -= m
                if left == 0:
                    break
            parts += cut
            total += n
        parts[-1] = (parts[-1][0], None) if parts[-1][0].startswith('constant') else parts[-1]
        if parts[-1][1] is not None:
            # the last cycle goes on past its decay_steps
            last = kws[-1]
            alpha = 0.0 if last['peak_value'] == 0.0 else last['end_value'] / last['peak_value']
            parts.append((stage('constant', lr=last['peak_value'] * alpha), None))
        return optax.sgdr_schedule(kws), seq(*parts), total + 50

    def join(rng):
        a, b = rate(rng), rate(rng)
        n1, n2 = rng.randint(1, 100), rng.randint(1, 100)
        s0 = optax.linear_schedule(0.0, a, n1)
        s1 = optax.cosine_decay_schedule(a, n2, 0.1)
        s2 = optax.constant_schedule(b)
        spec = seq((stage('ramp', from_=0.0, to=a, steps=n1), n1),
                   (stage('cosine', lr=a, t_max=n2, eta_min=a * 0.1), n2 + 1),
                   (stage('constant', lr=a * 0.1), 20),
                   (stage('constant', lr=b), None))
        return optax.join_schedules([s0, s1, s2], [n1, n1 + n2 + 21]), spec, n1 + n2 + 100

    return [
        ('optax/constant_schedule', constant),
        ('optax/linear_schedule', linear),
        ('optax/polynomial_schedule', polynomial),
        ('optax/cosine_decay_schedule', cosine_decay),
        ('optax/exponential_decay', exponential),
        ('optax/piecewise_constant_schedule', piecewise_constant),
        ('optax/piecewise_interpolate_schedule', piecewise_interpolate),
        ('optax/linear_onecycle_schedule', linear_onecycle),
        ('optax/cosine_onecycle_schedule', cosine_onecycle),
        ('optax/warmup_constant_schedule', warmup_constant),
        ('optax/warmup_cosine_decay_schedule', warmup_cosine),
        ('optax/warmup_exponential_decay_schedule', warmup_exponential),
        ('optax/sgdr_schedule', sgdr),
        ('optax/join_schedules', join),
    ]


# --- the run -------------------------------------------------------------------------

def evaluate(cli, specs, n):
    p = subprocess.run([cli, 'eval', '-n', str(n)] + specs, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True,
                       env=dict(os.environ, LC_ALL='C.UTF-8'))
    if p.returncode != 0:
        return None, p.stderr.strip()
    rows = [line.split(',') for line in p.stdout.splitlines()[1:]]
    return [[float(r[1 + j]) for r in rows] for j in range(len(specs))], None


def reference(ref, n):
    if isinstance(ref, T):
        return (torch_ref.closed_rates if ref.closed else torch_ref.rates)(ref.lr, ref.build, n)
    return [float(ref(t)) for t in range(n)]


def compare(spec, want, got):
    """The first step where anneal differs from the library, as a message, or None."""
    peak = max(abs(v) for v in want)
    for t, (a, b) in enumerate(zip(want, got)):
        if not abs(a - b) <= max(1e-12 * abs(a), 1e-14 * peak) or b < 0:
            return '%s at step %d: library %r, anneal %r' % (spec, t, a, b)
    return None


def check_row(cli, name, gen):
    rng = random.Random(name)
    cases = []
    for _ in range(CASES_PER_ROW):
        case = gen(rng)
        if len(case) == 2:  # PyTorch: the scheduler carries its spec parts
            case = (case[0], seq(*case[0].parts), case[1])
        cases.append(case)
    # One eval for the row; a refused spec is then found and named on its own.
    got, error = evaluate(cli, [c[1] for c in cases], max(c[2] for c in cases))
    problems = []
    for j, (ref, spec, steps) in enumerate(cases):
        if got is None:
            mine, error = evaluate(cli, [spec], steps)
            if mine is None:
                problems.append('%s: refused: %s' % (spec, error))
                continue
            values = mine[0]
        else:
            values = got[j][:steps]
        problem = compare(spec, reference(ref, steps), values)
        if problem:
            problems.append(problem)
    return problems


# The examples of golden/import (code and values, copied to tests/data/import/): the
# spec each call becomes, by the rows above, must give the recorded values.
GOLDEN_SPECS = {
    'torch-sgdr-tmult2': 'sgdr(lr=0.1, t_0=10, t_mult=2, eta_min=1e-5)',
    'torch-seq-vars': seq((stage('constant', lr=0.02 * 0.1), 5),
                          (stage('exponential', lr=0.02, gamma=0.97), None)),
    'hf-cosine-warmup': seq((stage('ramp', from_=0.0, to=3e-4, steps=100), 100),
                            (stage('cosine-cycles', lr=3e-4, steps=900, cycles=0.5), None)),
    'hf-wsd': stage('wsd', lr=6e-4, warmup=50, stable=300, decay=150, decay_shape='cosine'),
    'keras-cosine-warmup': seq((stage('ramp', from_=0.0, to=0.001, steps=100), 100),
                               (stage('cosine', lr=0.001, t_max=900, eta_min=0.001 * 0.1), 901),
                               (stage('constant', lr=0.001 * 0.1), None)),
    'keras-exp-stair': stage('exponential', lr=1e-2, gamma=0.9, decay_steps=250, staircase=True),
    'timm-cosine-limit2': stage('restarts', lr=0.01, t_0=50, eta_min=1e-5, cycle_limit=2, warmup=5,
                                warmup_lr=1e-6),
    'optax-warmup-cosine': seq((stage('ramp', from_=0.0, to=1e-3, steps=100), 100),
                               (stage('cosine', lr=1e-3, t_max=900, eta_min=1e-3 * (1e-5 / 1e-3)), 901),
                               (stage('constant', lr=1e-3 * (1e-5 / 1e-3)), None)),
    'optax-exp-stair': seq((stage('constant', lr=0.1), 100),
                           (stage('exponential', lr=0.1, gamma=0.5, decay_steps=50, staircase=True), None)),
    'hf-poly': seq((stage('ramp', from_=0.0, to=1e-4, steps=100), 100),
                   (stage('poly', lr=1e-4, total_iters=900, power=2.0, end=1e-6), None)),
}


def check_golden(cli, name):
    folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'import')
    with open(os.path.join(folder, name + '.csv')) as f:
        want = [float(line.split(',')[1]) for line in f.read().splitlines()[1:]]
    spec = GOLDEN_SPECS[name]
    got, error = evaluate(cli, [spec], len(want))
    if got is None:
        return ['%s: refused: %s' % (spec, error)]
    problem = compare(spec, want, got[0])
    return [problem] if problem else []


def main():
    cli = sys.argv[1]
    only = sys.argv[2] if len(sys.argv) > 2 else ''
    rows = []
    rows += [('/anneal/catalog/' + n, g, True) for n, g in torch_rows()]
    rows += [('/anneal/catalog/' + n, g, False) for n, g in hf_rows() + keras_rows() + timm_rows() + optax_rows()]
    rows += [('/anneal/catalog/golden/' + n, n, False) for n in GOLDEN_SPECS]
    rows = [r for r in rows if only in r[0]]
    print('1..%d' % len(rows))
    failed = 0
    for i, (name, gen, needs_torch) in enumerate(rows, 1):
        if needs_torch and torch_ref is None:
            print('ok %d %s # SKIP PyTorch is not installed (python3-torch)' % (i, name))
            continue
        problems = check_golden(cli, gen) if isinstance(gen, str) else check_row(cli, name, gen)
        if problems:
            failed += 1
            print('not ok %d %s' % (i, name))
            for p in problems[:5]:
                print('# ' + p)
        else:
            print('ok %d %s' % (i, name))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
