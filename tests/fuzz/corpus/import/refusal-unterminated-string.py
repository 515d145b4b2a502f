s = optax.constant_schedule('abc)
