from transformers import get_scheduler as gs, SchedulerType
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
num_training_steps = 2 * 500
lr_scheduler = gs(name=SchedulerType.LINEAR, optimizer=optimizer, num_warmup_steps=60,
                  num_training_steps=num_training_steps)
