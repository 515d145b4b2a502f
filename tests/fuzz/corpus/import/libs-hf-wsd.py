from transformers import get_wsd_schedule
optimizer = torch.optim.AdamW(model.parameters(), lr=6e-4)
scheduler = get_wsd_schedule(optimizer, num_warmup_steps=50, num_stable_steps=300,
                             num_decay_steps=150)
