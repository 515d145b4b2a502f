kw = dict(init_value=0.0, peak_value=0.1, warmup_steps=10, decay_steps=200, end_value=1e-3)
s = optax.sgdr_schedule([kw] * 3)
