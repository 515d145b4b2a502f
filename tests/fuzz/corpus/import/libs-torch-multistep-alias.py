import torch.optim.lr_scheduler as lrs
from torch import optim
optimizer = optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.01)
s = lrs.MultiStepLR(optimizer, milestones=[80, 30, 30], gamma=0.1)
