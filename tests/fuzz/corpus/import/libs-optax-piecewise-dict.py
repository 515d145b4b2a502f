import optax
schedule = optax.piecewise_constant_schedule(init_value=0.1, boundaries_and_scales={100: 0.1, 200: 0.1, 300: 0.5})
