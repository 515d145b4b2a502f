from torch.optim.lr_scheduler import SequentialLR, ConstantLR, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.02)
hold = ConstantLR(optimizer, factor=0.1, total_iters=0)
decay = ExponentialLR(optimizer, gamma=0.9)
scheduler = SequentialLR(optimizer, schedulers=[hold, decay], milestones=[7])
