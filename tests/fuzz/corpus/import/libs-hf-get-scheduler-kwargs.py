from transformers import get_scheduler
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
s = get_scheduler(name="cosine_with_min_lr", optimizer=optimizer, num_warmup_steps=50, num_training_steps=1000, scheduler_specific_kwargs={"min_lr": 1e-6})
