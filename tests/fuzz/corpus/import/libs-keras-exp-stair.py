s = keras.optimizers.schedules.ExponentialDecay(1e-2, decay_steps=250, decay_rate=0.9,
                                                staircase=True)
