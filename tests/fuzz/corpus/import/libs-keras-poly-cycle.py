s = keras.optimizers.schedules.PolynomialDecay(0.1, 100, 0.001, power=2, cycle=True)
