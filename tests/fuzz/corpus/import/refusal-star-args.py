o = SGD(p, lr=0.1)
s = StepLR(o, **cfg)