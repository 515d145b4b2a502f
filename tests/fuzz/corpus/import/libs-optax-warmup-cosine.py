import optax
schedule = optax.warmup_cosine_decay_schedule(init_value=0.0, peak_value=1e-3,
    warmup_steps=100, decay_steps=1000, end_value=1e-5)
