import transformers
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
s = transformers.get_linear_schedule_with_warmup(optimizer, 0, 400)
