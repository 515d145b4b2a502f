from optax import schedules
s = schedules.piecewise_constant_schedule(0.1, {200: 0.1, 100: 0.5})