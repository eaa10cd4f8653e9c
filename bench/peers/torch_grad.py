#!/usr/bin/python3
"""Peer of `nn grad configs/seed.yaml --of output` (bench task S2): the same gradients with PyTorch autograd.

The README's seed network, 1-1-2-1 with sigmoid everywhere, every weight 0.5 and every bias 1, in float64; forward
input 1, backward from the output unit, print d(output)/d(each parameter) as nn grad does: a header, then one
tab-separated row per parameter element, layer by layer, weights (row-major) then biases, named w1…w5 and b1…b4.
w1's gradient is 0.0014291881022047… (README). What is timed is the whole process, `import torch` included.
"""
import torch

torch.set_default_dtype(torch.float64)
linears = [torch.nn.Linear(1, 1), torch.nn.Linear(1, 2), torch.nn.Linear(2, 1)]
model = torch.nn.Sequential(linears[0], torch.nn.Sigmoid(), linears[1], torch.nn.Sigmoid(), linears[2], torch.nn.Sigmoid())
with torch.no_grad():
    for layer in linears:
        layer.weight.fill_(0.5)
        layer.bias.fill_(1.0)

output = model(torch.tensor([[1.0]]))
output[0, 0].backward()

print("param\tname\tvalue\tgrad")
count = {"w": 0, "b": 0}
for i, layer in enumerate(linears):
    for kind, p in (("weight", layer.weight), ("bias", layer.bias)):
        for k, (value, grad) in enumerate(zip(p.detach().flatten().tolist(), p.grad.flatten().tolist())):
            letter = kind[0]
            count[letter] += 1
            index = f"[{k // p.shape[1]},{k % p.shape[1]}]" if kind == "weight" else f"[{k}]"
            print(f"layers.{i}.{kind}{index}\t{letter}{count[letter]}\t{value!r}\t{grad!r}")
