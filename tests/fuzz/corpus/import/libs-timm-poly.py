optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
s = timm.scheduler.PolyLRScheduler(optimizer, t_initial=100, power=2.0, lr_min=1e-4,
    warmup_t=5, warmup_prefix=True)
