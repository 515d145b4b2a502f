import torch
from torch.optim import lr_scheduler as sched
optimizer = torch.optim.Adam(model.parameters(), lr=3e-4)
scheduler = sched.StepLR(optimizer, step_size=1_000 // 100, gamma=0.5)
