from torch.optim.lr_scheduler import SequentialLR, LinearLR, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)
warm = LinearLR(optimizer, start_factor=0.1, end_factor=0.5, total_iters=0)
decay = ExponentialLR(optimizer, gamma=0.9)
scheduler = SequentialLR(optimizer, schedulers=[warm, decay], milestones=[7])
