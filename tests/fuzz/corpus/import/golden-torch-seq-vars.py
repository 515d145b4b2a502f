from torch.optim.lr_scheduler import SequentialLR, ConstantLR, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9)
warmup = ConstantLR(optimizer, factor=0.1, total_iters=5)
decay = ExponentialLR(optimizer, gamma=0.97)
scheduler = SequentialLR(optimizer, schedulers=[warmup, decay], milestones=[5])
