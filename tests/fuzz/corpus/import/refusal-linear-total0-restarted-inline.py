o = SGD(p, lr=0.1)
s = SequentialLR(o, [StepLR(o, 2), LinearLR(o, 0.5, total_iters=0), StepLR(o, 3)],
                 milestones=[4, 6])