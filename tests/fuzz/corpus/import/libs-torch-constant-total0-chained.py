from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = ChainedScheduler([ConstantLR(optimizer, factor=0.5, total_iters=0),
                              ExponentialLR(optimizer, gamma=0.95),
                              ConstantLR(optimizer, factor=0.2, total_iters=3)])
