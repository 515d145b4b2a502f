opt = SGD(p, lr=0.1)

s = ReduceLROnPlateau(opt, 'min')