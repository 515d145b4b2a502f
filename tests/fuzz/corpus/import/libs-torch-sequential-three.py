from torch.optim.lr_scheduler import LinearLR, CosineAnnealingLR, ConstantLR, SequentialLR
optimizer = torch.optim.AdamW(model.parameters(), lr=2e-4)
warm = LinearLR(optimizer, start_factor=0.01, total_iters=20)
hold = ConstantLR(optimizer, factor=1.0, total_iters=50)
decay = CosineAnnealingLR(optimizer, T_max=230, eta_min=2e-6)
scheduler = SequentialLR(optimizer, schedulers=[warm, hold, decay], milestones=[20, 70])
