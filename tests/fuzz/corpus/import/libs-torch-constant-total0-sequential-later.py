from torch.optim.lr_scheduler import SequentialLR, ConstantLR, LinearLR, StepLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.3)
scheduler = SequentialLR(optimizer, schedulers=[LinearLR(optimizer, 0.1, total_iters=4),
                                                ConstantLR(optimizer, factor=0.7, total_iters=0),
                                                StepLR(optimizer, 5, gamma=0.5)],
                         milestones=[4, 20])
