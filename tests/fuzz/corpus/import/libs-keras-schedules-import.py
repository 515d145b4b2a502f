from keras.optimizers.schedules import PiecewiseConstantDecay
boundaries = [100, 300]
values = [1.0, 0.5, 0.1]
sched = PiecewiseConstantDecay(boundaries, values)
