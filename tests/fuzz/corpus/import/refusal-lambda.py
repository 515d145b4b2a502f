opt = SGD(p, lr=0.1)
sched = LambdaLR(opt, lr_lambda=lambda e: 0.95 ** e)