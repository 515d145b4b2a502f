optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
scheduler = timm.scheduler.CosineLRScheduler(optimizer, t_initial=50, lr_min=1e-5, warmup_t=5, warmup_lr_init=1e-6, cycle_limit=2)
