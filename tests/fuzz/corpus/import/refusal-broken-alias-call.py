from optax import cosine_decay_schedule as cds
s = cds(0.1, 100,, 3)