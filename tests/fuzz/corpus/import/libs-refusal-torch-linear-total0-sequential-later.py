from torch.optim.lr_scheduler import SequentialLR, LinearLR, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
decay = ExponentialLR(optimizer, gamma=0.9)
hold = LinearLR(optimizer, start_factor=0.5, total_iters=0)
scheduler = SequentialLR(optimizer, schedulers=[decay, hold], milestones=[3])
