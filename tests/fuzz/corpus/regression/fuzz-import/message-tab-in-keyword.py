optimizer = torch.optim.AdamW(mmathodel.parameters(), lr=1e-3)
sched = transformers.get_scheduler('warmup_stable_decay', optimizer, num_warmup_steps=HHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHHH10,
    scheduler_specific_kwargs={'num_decay_steps':P21, '	num_stable_steps': 70, 'decay_type': '1-sqrt'})