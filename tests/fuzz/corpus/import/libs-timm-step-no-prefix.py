optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
s = timm.scheduler.StepLRScheduler(optimizer, 7, 0.5, warmup_t=10, warmup_prefix=False)
