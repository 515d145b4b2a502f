optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
s = get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, 100, 700, num_cycles=3)
