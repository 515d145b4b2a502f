import optax
foo bar baz
x = = 1
schedule = optax.constant_schedule(0.2)
