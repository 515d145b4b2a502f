optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = torch.optim.lr_scheduler.ChainedScheduler([
    torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=0.5, total_iters=0),
    torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.5, total_iters=4)])