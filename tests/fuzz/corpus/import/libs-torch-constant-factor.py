opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
s = torch.optim.lr_scheduler.ConstantLR(opt, factor=0.25, total_iters=8)
