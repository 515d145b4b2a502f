from tensorflow import keras
lr = keras.optimizers.schedules.CosineDecay(1e-3, 250)
