opt = torch.optim.RMSprop(model.parameters(), lr=1e-2)
a = torch.optim.lr_scheduler.LinearLR(opt, 0.25, 1.0, 8)
b = torch.optim.lr_scheduler.PolynomialLR(opt, total_iters=20, power=2.0)
s = torch.optim.lr_scheduler.SequentialLR(opt, [a, b], [8])
