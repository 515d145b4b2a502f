from transformers import get_polynomial_decay_schedule_with_warmup
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
scheduler = get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps=100,
    num_training_steps=1000, lr_end=1e-6, power=2.0)
