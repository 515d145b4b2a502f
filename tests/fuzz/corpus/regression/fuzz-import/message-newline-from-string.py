optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
sched = transformers.get_scheduler('warmup_stable_dec\nay', optimizer, num_warmup_steps=10,
    scheduler_specific_kwargs={B'num_decay_steps': 21, 'num_stable_steps': 70, 'decay_type': '1-sqrt'})