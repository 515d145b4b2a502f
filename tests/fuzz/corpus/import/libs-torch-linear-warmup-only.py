opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
s = torch.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, end_factor=1.0, total_iters=10)
