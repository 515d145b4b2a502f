sched = tf.keras.optimizers.schedules.PolynomialDecay(0.1, 10000, end_learning_rate=0.01,
                                                      power=0.5)
