import optax
warm = optax.linear_schedule(0.0, 1e-3, 500)
decay = optax.cosine_decay_schedule(1e-3, decay_steps=9500)
schedule = optax.join_schedules([warm, decay], boundaries=[500])
tx = optax.adamw(learning_rate=schedule)