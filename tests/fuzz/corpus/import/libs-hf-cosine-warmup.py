optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4)
scheduler = get_cosine_schedule_with_warmup(optimizer, num_warmup_steps=100,
                                            num_training_steps=1000)
