from transformers import get_scheduler as gs, SchedulerType
optimizer = AdamW(model.parameters(), lr=5e-5)
num_training_steps = 3 * 500
lr_scheduler = gs(name=SchedulerType.LINEAR, optimizer=optimizer, num_warmup_steps=0,
                  num_training_steps=num_training_steps)