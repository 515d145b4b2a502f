s = optax.cosine_onecycle_schedule(transition_steps=1000, peak_value=0.01, pct_start=0.25)
