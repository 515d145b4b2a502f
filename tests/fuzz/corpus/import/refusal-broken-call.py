import optax
x = = 1
schedule = optax.exponential_decay(0.1, transition_steps=50 decay_rate=0.5)
other = optax.constant_schedule(0.2)
