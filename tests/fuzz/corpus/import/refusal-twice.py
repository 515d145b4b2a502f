o = SGD(p, lr=0.1)
s = StepLR(o, 5, step_size=5)