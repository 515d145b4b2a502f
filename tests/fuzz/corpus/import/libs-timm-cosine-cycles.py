from timm.scheduler.cosine_lr import CosineLRScheduler
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
s = CosineLRScheduler(optimizer, t_initial=100, cycle_mul=1.0, cycle_decay=0.5, cycle_limit=3, lr_min=1e-5)
