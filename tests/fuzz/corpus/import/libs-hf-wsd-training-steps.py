optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4)
scheduler = transformers.get_scheduler('warmup_stable_decay', optimizer, num_warmup_steps=20,
    num_training_steps=600, scheduler_specific_kwargs={'num_decay_steps': 100,
    'warmup_type': 'cosine', 'decay_type': '1-sqrt', 'min_lr_ratio': 0.1})
