opt = torch.optim.SGD(p, lr=args.lr)
s = StepLR(opt, 10)