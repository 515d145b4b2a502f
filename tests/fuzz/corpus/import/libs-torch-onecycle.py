optimizer = torch.optim.SGD(net.parameters(), lr=1e-4)
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0x10 / 160, epochs=10,
                                                steps_per_epoch=100, anneal_strategy='linear')
