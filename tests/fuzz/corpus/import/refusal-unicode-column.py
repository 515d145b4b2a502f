ö = SGD(p, lr=0.1)
s = StepLR(ö, 3, gamma=x)