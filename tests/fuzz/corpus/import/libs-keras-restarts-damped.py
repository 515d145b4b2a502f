s = keras.optimizers.schedules.CosineDecayRestarts(0.1, 40, t_mul=1.5, m_mul=0.8, alpha=0.1)
