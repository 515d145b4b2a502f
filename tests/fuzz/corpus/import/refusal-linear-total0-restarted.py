o = SGD(p, lr=0.1)
d = ExponentialLR(o, 0.9)
w = LinearLR(o, 0.5, total_iters=0)
s = SequentialLR(o, [d, w], milestones=[3])