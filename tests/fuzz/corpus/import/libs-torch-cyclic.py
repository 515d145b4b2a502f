from torch.optim import SGD
from torch.optim.lr_scheduler import CyclicLR
opt = SGD(model.parameters(), lr=0.1, momentum=0.9)
sched = CyclicLR(opt, base_lr=1e-3, max_lr=6e-3, step_size_up=4 * 5, mode="triangular2")
