import tensorflow as tf
lr = tf.keras.optimizers.schedules.CosineDecayRestarts(1e-3, first_decay_steps=200, t_mul=1.5, m_mul=0.8, alpha=0.05)
