optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
s = timm.scheduler.CosineLRScheduler(optimizer, t_initial=40, lr_min=1e-5, cycle_decay=0.5,
                                     cycle_limit=3, warmup_t=5, warmup_prefix=True)
