from torch.optim.lr_scheduler import CosineAnnealingLR as Cos
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
epochs = 1_00
scheduler = Cos(optimizer, T_max=epochs, eta_min=1e-6)