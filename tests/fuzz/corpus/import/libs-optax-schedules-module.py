from optax import schedules
schedule = schedules.cosine_decay_schedule(1e-3, 400, alpha=0.0)
