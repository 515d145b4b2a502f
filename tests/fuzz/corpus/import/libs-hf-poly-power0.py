optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
s = get_polynomial_decay_schedule_with_warmup(optimizer, 10, 50, power=0)
