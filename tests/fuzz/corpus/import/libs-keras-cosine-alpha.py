import keras
lr = keras.optimizers.schedules.CosineDecay(0.001, decay_steps=1000, alpha=0.1)
