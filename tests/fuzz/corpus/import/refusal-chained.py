o = SGD(p, lr=0.1)
ChainedScheduler([StepLR(o, 3)])