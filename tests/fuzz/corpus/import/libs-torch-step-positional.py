import torch
opt = torch.optim.SGD(model.parameters(), 0.1, momentum=0.9)
sched = torch.optim.lr_scheduler.StepLR(opt, 30, 0.5)
