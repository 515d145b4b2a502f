opt = torch.optim.SGD(model.parameters(), lr=0.1)
s = torch.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, 10, 2, 1e-5)
