from torch.optim.lr_scheduler import SequentialLR, ConstantLR, ExponentialLR, StepLR
optimizer = torch.optim.SGD(model.parameters(), lr=0.02, momentum=0.9)
scheduler = SequentialLR(optimizer, [ConstantLR(optimizer, factor=0.5, total_iters=10),
                                     StepLR(optimizer, 7, gamma=0.5)], milestones=[4])
