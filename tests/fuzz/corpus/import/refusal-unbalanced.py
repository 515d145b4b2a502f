s = optax.constant_schedule((0.1)
