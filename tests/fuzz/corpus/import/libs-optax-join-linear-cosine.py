import optax
warmup_fn = optax.linear_schedule(init_value=0., end_value=0.1, transition_steps=50)
cosine_fn = optax.cosine_decay_schedule(init_value=0.1, decay_steps=500)
schedule = optax.join_schedules(schedules=[warmup_fn, cosine_fn], boundaries=[50])
