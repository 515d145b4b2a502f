o = SGD(p, lr=0.1)
s = LinearLR(o, start_factor=0, total_iters=5)