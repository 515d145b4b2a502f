optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
s = transformers.get_constant_schedule_with_warmup(optimizer, num_warmup_steps=37)
