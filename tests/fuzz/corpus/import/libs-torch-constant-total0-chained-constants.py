optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
a = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=0)
b = torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.2, total_iters=3)
scheduler = torch.optim.lr_scheduler.ChainedScheduler([b, a])
