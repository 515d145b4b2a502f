o = SGD(p, lr=0.1)
s = StepLR(o, step_size=3, gama=0.5)