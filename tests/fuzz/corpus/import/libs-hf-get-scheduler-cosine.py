import transformers
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-5)
lr_scheduler = transformers.get_scheduler("cosine", optimizer, 100, 1000)
