s = keras.optimizers.schedules.InverseTimeDecay(0.1, decay_steps=10, decay_rate=0.5)
