optimizer = torch.optim.Adam(net.parameters())
scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, 0.01, total_steps=500,
                                                three_phase=True, div_factor=10.)
