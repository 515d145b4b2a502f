optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = SequentialLR(optimizer, [StepLR(optimizer, 2), LinearLR(optimizer, 0.5, total_iters=0.0),
                                     StepLR(optimizer, 3)], milestones=[4, 6])
