opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
s = torch.optim.lr_scheduler.PolynomialLR(opt, total_iters=100, power=2.0)
