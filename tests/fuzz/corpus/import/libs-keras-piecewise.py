lr = keras.optimizers.schedules.PiecewiseConstantDecay([1000, 2000], [1e-3, 1e-4, 1e-5])
optimizer = keras.optimizers.Adam(learning_rate=lr)
