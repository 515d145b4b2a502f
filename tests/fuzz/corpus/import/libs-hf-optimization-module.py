from transformers.optimization import get_linear_schedule_with_warmup
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, eps=1e-8)
s = get_linear_schedule_with_warmup(optimizer, num_warmup_steps=int(0.06 * 800), num_training_steps=800)
