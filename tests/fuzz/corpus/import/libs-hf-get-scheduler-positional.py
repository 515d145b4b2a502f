from transformers import get_scheduler
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
num_training_steps = 3 * 400
lr_scheduler = get_scheduler("linear", optimizer=optimizer, num_warmup_steps=0, num_training_steps=num_training_steps)
