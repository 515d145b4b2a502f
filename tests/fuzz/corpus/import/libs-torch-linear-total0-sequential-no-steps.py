from torch.optim.lr_scheduler import SequentialLR, LinearLR, ExponentialLR, StepLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = SequentialLR(optimizer, [ExponentialLR(optimizer, 0.9),
                                     LinearLR(optimizer, 0.5, total_iters=0),
                                     StepLR(optimizer, 2)], milestones=[3, 3])
