from timm.scheduler import MultiStepLRScheduler
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
s = MultiStepLRScheduler(optimizer, decay_t=[30, 60], decay_rate=0.1, warmup_t=5,
                         warmup_lr_init=0.01, warmup_prefix=True)
