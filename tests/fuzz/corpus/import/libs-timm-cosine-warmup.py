from timm.scheduler import CosineLRScheduler
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-4)
s = CosineLRScheduler(optimizer, t_initial=300, lr_min=1e-6, warmup_t=20, warmup_lr_init=1e-7, warmup_prefix=True)
