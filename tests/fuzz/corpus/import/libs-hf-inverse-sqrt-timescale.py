from transformers import get_inverse_sqrt_schedule
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
s = get_inverse_sqrt_schedule(optimizer, num_warmup_steps=100, timescale=50)
