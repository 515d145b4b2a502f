o = SGD(p, lr=0.1)
s = LinearLR(o, 0.5, -0.5)