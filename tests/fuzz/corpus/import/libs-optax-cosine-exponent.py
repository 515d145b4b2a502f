s = optax.cosine_decay_schedule(0.1, 200, alpha=0.01, exponent=2.0)
