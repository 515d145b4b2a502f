optimizer = torch.optim.AdamW(model.parameters(), lr=4e-4)
s = get_cosine_with_min_lr_schedule_with_warmup(optimizer, 100, 1100, min_lr=4e-5)
