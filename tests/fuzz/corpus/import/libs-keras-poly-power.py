from tensorflow import keras
lr = keras.optimizers.schedules.PolynomialDecay(0.1, 1000, end_learning_rate=0.001, power=0.5)
