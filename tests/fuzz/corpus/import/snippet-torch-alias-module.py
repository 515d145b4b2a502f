import torch.optim.lr_scheduler as sched
from torch import optim
optimizer = optim.AdamW(params, lr=3e-4, weight_decay=0.01)
s = sched.MultiStepLR(optimizer, milestones=[80, 30], gamma=0.1)