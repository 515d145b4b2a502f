o = SGD(p, lr=0.1)
s = ExponentialLR(o)