import optax
schedule = optax.linear_schedule(1e-3, 1e-5, 200, 20)
