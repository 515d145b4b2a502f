o = SGD(p, lr=0.1)
w = LinearLR(o, 0.1, total_iters=5)
s = SequentialLR(o, [w, ExponentialLR(o, 0.9)] milestones=[5])