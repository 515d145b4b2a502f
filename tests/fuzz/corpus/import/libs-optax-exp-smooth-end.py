s = optax.exponential_decay(0.1, 20, 0.9, transition_begin=30, end_value=0.01)
