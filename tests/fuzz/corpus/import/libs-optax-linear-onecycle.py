s = optax.linear_onecycle_schedule(1000, 0.01)
