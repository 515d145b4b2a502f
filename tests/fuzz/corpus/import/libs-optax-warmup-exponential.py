s = optax.warmup_exponential_decay_schedule(0.0, 0.1, 20, 1, 0.99)
