optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
s = timm.scheduler.CosineLRScheduler(optimizer, t_initial=20, cycle_mul=2, lr_min=1e-4,
    cycle_limit=4, warmup_t=3, warmup_lr_init=1e-3)
