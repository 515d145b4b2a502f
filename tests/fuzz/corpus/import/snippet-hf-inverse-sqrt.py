optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
s = get_inverse_sqrt_schedule(optimizer, 4000)