opt = torch.optim.AdamW(p, lr=1e-3)
total = len(train_loader) * 3
s = get_linear_schedule_with_warmup(opt, 100, total)