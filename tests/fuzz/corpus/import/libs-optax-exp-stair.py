schedule = optax.exponential_decay(0.1, transition_steps=50, decay_rate=0.5,
                                   transition_begin=100, staircase=True)
