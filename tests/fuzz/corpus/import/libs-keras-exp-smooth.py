s = keras.optimizers.schedules.ExponentialDecay(0.1, 100, 0.96)
