import torch
x = 1 + 2
