schedule = optax.exponential_decay(0.1, 10, 0.5, staircase=True, end_value=1e-3)
