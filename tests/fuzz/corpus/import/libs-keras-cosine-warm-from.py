import tensorflow as tf
lr = tf.keras.optimizers.schedules.CosineDecay(1e-4, 300, warmup_target=1e-3, warmup_steps=50)
