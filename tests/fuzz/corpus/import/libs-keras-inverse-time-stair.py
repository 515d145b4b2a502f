s = keras.optimizers.schedules.InverseTimeDecay(0.1, 10, 0.5, staircase=True)
