total = 300
warm = int(0.1 * total)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1 * 2)  # doubled
warmup = torch.optim.lr_scheduler.LinearLR(optimizer, start_factor=1e-3, \
    total_iters=warm)
main = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=total - warm)
scheduler = torch.optim.lr_scheduler.SequentialLR(
    optimizer,
    schedulers=[warmup, main],
    milestones=[warm],
)
