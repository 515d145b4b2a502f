optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4)
s = transformers.get_scheduler("cosine_with_min_lr", optimizer, num_warmup_steps=30,
    num_training_steps=700, scheduler_specific_kwargs=dict(min_lr_rate=0.05))
