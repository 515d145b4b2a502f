o = SGD(p, lr=0.1)
s = LinearLR(o, 1.5, total_iters=0)