from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, ExponentialLR
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
scheduler = ChainedScheduler([ExponentialLR(optimizer, gamma=0.997),
                              ConstantLR(optimizer, factor=0.3, total_iters=40),
                              ConstantLR(optimizer, factor=0.5, total_iters=100)])
