optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
s = transformers.get_scheduler("constant", optimizer, num_warmup_steps=10)
