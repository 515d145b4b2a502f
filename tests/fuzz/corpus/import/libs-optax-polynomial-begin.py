s = optax.polynomial_schedule(init_value=1.0, end_value=0.01, power=3, transition_steps=100,
                              transition_begin=40)
