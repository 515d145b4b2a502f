import keras
lr_schedule = keras.optimizers.schedules.CosineDecay(initial_learning_rate=0.0,
    decay_steps=900, alpha=0.1, warmup_target=0.001, warmup_steps=100)
