from transformers import get_polynomial_decay_schedule_with_warmup
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
s = get_polynomial_decay_schedule_with_warmup(optimizer, 60, 500, lr_end=1e-5, power=1.5)
