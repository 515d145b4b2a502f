o = SGD(p, lr=0.1)
s = StepLR(o, 3, gamma=2)