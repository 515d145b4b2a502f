import optax
schedule = optax.exponential_decay(init_value=1e-3, transition_steps=100, decay_rate=0.5, transition_begin=50, staircase=True, end_value=1e-4)
