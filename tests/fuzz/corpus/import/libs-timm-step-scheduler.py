from timm.scheduler import StepLRScheduler
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
s = StepLRScheduler(optimizer, decay_t=30, decay_rate=0.1, warmup_t=5, warmup_lr_init=1e-4)
