s = optax.piecewise_interpolate_schedule('cosine', 0.1, {100: 0.5, 300: 0.1})
