"""The libraries' public names over the float64 references of this folder, so that
training code written against them runs as it is (test-import-libs.py).

`install()` puts modules named transformers, keras, tensorflow, timm and optax (and
their submodules people import from) into sys.modules. Each call builds the
reference of hf.py, keras.py, timm.py or optax.py with the arguments bound by the
upstream signature (positional or keyword, the same defaults); the schedule objects
give the rate at step t as the libraries do: a callable (Hugging Face, Keras,
optax) or `_get_lr(t)` (timm). Hugging Face's and timm's schedulers read the rate
from the optimizer, as upstream.

SPDX-License-Identifier: GPL-3.0-or-later
"""
import inspect
import sys
import types

import hf
import keras as keras_ref
import optax as optax_ref
import timm as timm_ref


def _bind(signature, args, kwargs):
    """The arguments of a call bound by an upstream signature, defaults applied."""
    bound = inspect.signature(signature).bind(*args, **kwargs)
    bound.apply_defaults()
    return dict(bound.arguments)


def _lr(optimizer):
    group = optimizer.param_groups[0]
    return group.get("initial_lr", group["lr"])


class _Rate:
    """A rate as a function of the step: s(t)."""
    def __init__(self, f):
        self.f = f

    def __call__(self, t):
        return self.f(t)


# ---------------------------------------------------------------- transformers
# huggingface/transformers, src/transformers/optimization.py (signatures)

def _hf(ref, signature, keep):
    def make(*args, **kwargs):
        a = _bind(signature, args, kwargs)
        # Upstream's min_lr is a rate of optimizer.defaults["lr"], not of the group's.
        if a.get("min_lr") is not None:
            a["min_lr_rate"] = a.pop("min_lr") / a["optimizer"].defaults["lr"]
        return _Rate(ref(_lr(a["optimizer"]), **{k: a[k] for k in keep if k in a}))
    make.__signature__ = inspect.signature(signature)
    return make


def _sig_constant(optimizer, last_epoch=-1): pass
def _sig_constant_warmup(optimizer, num_warmup_steps, last_epoch=-1): pass
def _sig_linear(optimizer, num_warmup_steps, num_training_steps, last_epoch=-1): pass
def _sig_cosine(optimizer, num_warmup_steps, num_training_steps, num_cycles=0.5, last_epoch=-1): pass
def _sig_hard(optimizer, num_warmup_steps, num_training_steps, num_cycles=1, last_epoch=-1): pass
def _sig_poly(optimizer, num_warmup_steps, num_training_steps, lr_end=1e-7, power=1.0,
              last_epoch=-1): pass
def _sig_inv_sqrt(optimizer, num_warmup_steps, timescale=None, last_epoch=-1): pass
def _sig_min_lr(optimizer, num_warmup_steps, num_training_steps, num_cycles=0.5, last_epoch=-1,
                min_lr=None, min_lr_rate=None): pass
def _sig_min_lr_rate(optimizer, num_warmup_steps, num_training_steps, num_cycles=0.5,
                     last_epoch=-1, min_lr=None, min_lr_rate=None, warmup_lr_rate=None): pass
def _sig_wsd(optimizer, num_warmup_steps, num_decay_steps, num_training_steps=None,
             num_stable_steps=None, warmup_type="linear", decay_type="cosine", min_lr_ratio=0,
             num_cycles=0.5, last_epoch=-1): pass


_W, _N = ("num_warmup_steps",), ("num_warmup_steps", "num_training_steps")
transformers = types.ModuleType("transformers")
transformers.get_constant_schedule = _hf(hf.constant, _sig_constant, ())
transformers.get_constant_schedule_with_warmup = _hf(hf.constant_with_warmup,
                                                     _sig_constant_warmup, _W)
transformers.get_linear_schedule_with_warmup = _hf(hf.linear_with_warmup, _sig_linear, _N)
transformers.get_cosine_schedule_with_warmup = _hf(hf.cosine_with_warmup, _sig_cosine,
                                                   _N + ("num_cycles",))
transformers.get_cosine_with_hard_restarts_schedule_with_warmup = _hf(
    hf.cosine_with_hard_restarts, _sig_hard, _N + ("num_cycles",))
transformers.get_polynomial_decay_schedule_with_warmup = _hf(
    hf.polynomial_with_warmup, _sig_poly, _N + ("lr_end", "power"))
transformers.get_inverse_sqrt_schedule = _hf(hf.inverse_sqrt, _sig_inv_sqrt, _W + ("timescale",))
transformers.get_cosine_with_min_lr_schedule_with_warmup = _hf(
    hf.cosine_with_min_lr, _sig_min_lr, _N + ("num_cycles", "min_lr", "min_lr_rate"))
transformers.get_cosine_with_min_lr_schedule_with_warmup_lr_rate = _hf(
    hf.cosine_with_min_lr_lr_rate, _sig_min_lr_rate,
    _N + ("num_cycles", "min_lr", "min_lr_rate", "warmup_lr_rate"))
transformers.get_wsd_schedule = _hf(
    hf.wsd, _sig_wsd, ("num_warmup_steps", "num_decay_steps", "num_training_steps",
                       "num_stable_steps", "warmup_type", "decay_type", "min_lr_ratio",
                       "num_cycles"))

_HF_NAMES = {
    "linear": "get_linear_schedule_with_warmup",
    "cosine": "get_cosine_schedule_with_warmup",
    "cosine_with_restarts": "get_cosine_with_hard_restarts_schedule_with_warmup",
    "polynomial": "get_polynomial_decay_schedule_with_warmup",
    "constant": "get_constant_schedule",
    "constant_with_warmup": "get_constant_schedule_with_warmup",
    "inverse_sqrt": "get_inverse_sqrt_schedule",
    "cosine_with_min_lr": "get_cosine_with_min_lr_schedule_with_warmup",
    "cosine_warmup_with_min_lr": "get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
    "warmup_stable_decay": "get_wsd_schedule",
}


def _get_scheduler(name, optimizer, num_warmup_steps=None, num_training_steps=None,
                   scheduler_specific_kwargs=None):
    """get_scheduler: the name's function with what it takes of the arguments. As
    upstream, constant takes the optimizer alone, constant_with_warmup and inverse_sqrt
    num_warmup_steps too: scheduler_specific_kwargs are not passed to those three."""
    f = getattr(transformers, _HF_NAMES[str(name)])
    if str(name) == "constant":
        return f(optimizer)
    if str(name) in ("constant_with_warmup", "inverse_sqrt"):
        return f(optimizer, num_warmup_steps=num_warmup_steps)
    kw = dict(scheduler_specific_kwargs or {})
    params = inspect.signature(f).parameters
    if "num_warmup_steps" in params:
        kw["num_warmup_steps"] = num_warmup_steps
    if "num_training_steps" in params:
        kw["num_training_steps"] = num_training_steps
    return f(optimizer, **kw)


transformers.get_scheduler = _get_scheduler
transformers.SchedulerType = types.SimpleNamespace(**{k.upper(): k for k in _HF_NAMES})
transformers.optimization = transformers


# ---------------------------------------------------------------- keras
# keras-team/keras, keras/src/optimizers/schedules/learning_rate_schedule.py

def _keras(ref, signature):
    def make(*args, **kwargs):
        a = _bind(signature, args, kwargs)
        a.pop("name", None)
        return _Rate(ref(**a))
    return make


def _sig_exp(initial_learning_rate, decay_steps, decay_rate, staircase=False, name=None): pass
def _sig_piecewise(boundaries, values, name=None): pass
def _sig_kpoly(initial_learning_rate, decay_steps, end_learning_rate=0.0001, power=1.0,
               cycle=False, name=None): pass
def _sig_inv_time(initial_learning_rate, decay_steps, decay_rate, staircase=False,
                  name=None): pass
def _sig_kcos(initial_learning_rate, decay_steps, alpha=0.0, name=None, warmup_target=None,
              warmup_steps=0): pass
def _sig_krestarts(initial_learning_rate, first_decay_steps, t_mul=2.0, m_mul=1.0, alpha=0.0,
                   name=None): pass


schedules = types.ModuleType("keras.optimizers.schedules")
schedules.ExponentialDecay = _keras(keras_ref.exponential_decay, _sig_exp)
schedules.PiecewiseConstantDecay = _keras(keras_ref.piecewise_constant_decay, _sig_piecewise)
schedules.PolynomialDecay = _keras(keras_ref.polynomial_decay, _sig_kpoly)
schedules.InverseTimeDecay = _keras(keras_ref.inverse_time_decay, _sig_inv_time)
schedules.CosineDecay = _keras(keras_ref.cosine_decay, _sig_kcos)
schedules.CosineDecayRestarts = _keras(keras_ref.cosine_decay_restarts, _sig_krestarts)
keras = types.ModuleType("keras")
keras.optimizers = types.ModuleType("keras.optimizers")
keras.optimizers.schedules = schedules
for _name in ("SGD", "Adam", "AdamW", "RMSprop"):
    setattr(keras.optimizers, _name, lambda learning_rate=0.001, **kw: learning_rate)
tf = types.ModuleType("tensorflow")
tf.keras = keras


# ---------------------------------------------------------------- timm
# huggingface/pytorch-image-models, timm/scheduler/*_lr.py (signatures)

class _Timm:
    def __init__(self, f):
        self.f = f

    def _get_lr(self, t):
        return [self.f(t)]


def _timm(ref, signature, drop):
    def make(*args, **kwargs):
        a = _bind(signature, args, kwargs)
        optimizer = a.pop("optimizer")
        for k in drop:
            a.pop(k, None)
        return _Timm(ref(_lr(optimizer), **a))
    return make


_NOISE = ("t_in_epochs", "noise_range_t", "noise_pct", "noise_std", "noise_seed", "initialize")


def _sig_tcos(optimizer, t_initial, lr_min=0., cycle_mul=1., cycle_decay=1., cycle_limit=1,
              warmup_t=0, warmup_lr_init=0, warmup_prefix=False, t_in_epochs=True,
              noise_range_t=None, noise_pct=0.67, noise_std=1.0, noise_seed=42, k_decay=1.0,
              initialize=True): pass
def _sig_tpoly(optimizer, t_initial, power=0.5, lr_min=0., cycle_mul=1., cycle_decay=1.,
               cycle_limit=1, warmup_t=0, warmup_lr_init=0., warmup_prefix=False,
               t_in_epochs=True, noise_range_t=None, noise_pct=0.67, noise_std=1.0,
               noise_seed=42, k_decay=1.0, initialize=True): pass
def _sig_ttanh(optimizer, t_initial, lb=-7., ub=3., lr_min=0., cycle_mul=1., cycle_decay=1.,
               cycle_limit=1, warmup_t=0, warmup_lr_init=0, warmup_prefix=False,
               t_in_epochs=True, noise_range_t=None, noise_pct=0.67, noise_std=1.0,
               noise_seed=42, initialize=True): pass
def _sig_tstep(optimizer, decay_t, decay_rate=1., warmup_t=0, warmup_lr_init=0,
               warmup_prefix=True, t_in_epochs=True, noise_range_t=None, noise_pct=0.67,
               noise_std=1.0, noise_seed=42, initialize=True): pass


scheduler = types.ModuleType("timm.scheduler")
scheduler.CosineLRScheduler = _timm(timm_ref.cosine, _sig_tcos, _NOISE)
scheduler.PolyLRScheduler = _timm(timm_ref.poly, _sig_tpoly, _NOISE)
scheduler.TanhLRScheduler = _timm(timm_ref.tanh, _sig_ttanh, _NOISE)
scheduler.StepLRScheduler = _timm(timm_ref.step, _sig_tstep, _NOISE)
scheduler.MultiStepLRScheduler = _timm(timm_ref.multistep, _sig_tstep, _NOISE)
timm = types.ModuleType("timm")
timm.scheduler = scheduler


# ---------------------------------------------------------------- optax
# google-deepmind/optax, optax/schedules/_schedule.py, _join.py: optax.py has the
# same names and signatures.

optax = types.ModuleType("optax")
for _name in dir(optax_ref):
    if _name.endswith("schedule") or _name.endswith("schedules") or _name == "exponential_decay":
        setattr(optax, _name, getattr(optax_ref, _name))
optax.schedules = optax
for _name in ("adam", "adamw", "sgd"):
    setattr(optax, _name, lambda learning_rate, **kw: learning_rate)


MODULES = {
    "transformers": transformers, "transformers.optimization": transformers,
    "keras": keras, "keras.optimizers": keras.optimizers,
    "keras.optimizers.schedules": schedules, "tensorflow": tf, "tensorflow.keras": keras,
    "tensorflow.keras.optimizers": keras.optimizers,
    "tensorflow.keras.optimizers.schedules": schedules,
    "timm": timm, "timm.scheduler": scheduler, "timm.scheduler.cosine_lr": scheduler,
    "timm.scheduler.step_lr": scheduler, "timm.scheduler.multistep_lr": scheduler,
    "timm.scheduler.poly_lr": scheduler, "timm.scheduler.tanh_lr": scheduler,
    "optax": optax, "optax.schedules": optax,
}


def install():
    sys.modules.update(MODULES)
