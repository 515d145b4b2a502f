opt = torch.optim.SGD(model.parameters(), lr=1e-2)
s = torch.optim.lr_scheduler.ExponentialLR(opt, 0.98)
