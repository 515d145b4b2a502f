s = keras.optimizers.schedules.CosineDecayRestarts(0.1, 50)
