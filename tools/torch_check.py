#!/usr/bin/env python3
"""Recompute nn's gradients and optimizer steps with PyTorch, for cross-checking.

Reads JSON objects, one per line, on stdin, and answers each with one line on stdout (so that one process, which
imports torch once, serves many cases). Each object:
  {"layers": [{"nin": 2, "nout": 3, "activation": "tanh", "alpha": null, "bias": true}, ...],
   "loss": "mse" | "mae" | "cross_entropy" | "binary_cross_entropy",
   "x": [[...], ...], "t": [[...], ...],
   "params": {"layers.0.weight": [[...]], "layers.0.bias": [...], ...},
   "optimizer": null | {"type": "adam", "learning_rate": ..., ...}, "steps": 3,
   "dtype": "float64" (default) | "float32"}
With no optimizer, prints {"grads": {path: nested lists}} for the loss over all rows, computed in dtype (the
numbers given are rounded to it first, as nn's float32 networks round them).
With an optimizer, takes `steps` full-batch steps and prints {"params": {path: nested lists}}.
"""
import json
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def activation(name, alpha, z):
    if name == "identity":
        return z
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return F.relu(z)
    if name == "leaky_relu":
        return F.leaky_relu(z, alpha)
    if name == "elu":
        return F.elu(z, alpha)
    if name == "softplus":
        return F.softplus(z)
    if name == "silu":
        return F.silu(z)
    if name == "gelu":
        return F.gelu(z)
    if name == "softmax":
        return F.softmax(z, dim=1)
    raise ValueError(name)


def loss(name, y, t):
    if name == "mse":
        return F.mse_loss(y, t)
    if name == "mae":
        return F.l1_loss(y, t)
    if name == "binary_cross_entropy":
        return F.binary_cross_entropy(y, t)
    if name == "cross_entropy":
        return -(t * torch.log(y)).sum(dim=1).mean()
    raise ValueError(name)


def optimizer(spec, params):
    kind = spec["type"]
    lr = spec["learning_rate"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=spec.get("momentum", 0), dampening=spec.get("dampening", 0),
                               nesterov=spec.get("nesterov", False), weight_decay=spec.get("weight_decay", 0))
    if kind in ("adam", "adamw"):
        cls = torch.optim.Adam if kind == "adam" else torch.optim.AdamW
        return cls(params, lr=lr, betas=(spec.get("beta1", 0.9), spec.get("beta2", 0.999)), eps=spec.get("eps", 1e-8),
                   weight_decay=spec.get("weight_decay", 0 if kind == "adam" else 0.01), amsgrad=spec.get("amsgrad", False))
    if kind == "rmsprop":
        return torch.optim.RMSprop(params, lr=lr, alpha=spec.get("alpha", 0.99), eps=spec.get("eps", 1e-8),
                                   weight_decay=spec.get("weight_decay", 0), momentum=spec.get("momentum", 0),
                                   centered=spec.get("centered", False))
    if kind == "adagrad":
        return torch.optim.Adagrad(params, lr=lr, lr_decay=spec.get("lr_decay", 0), weight_decay=spec.get("weight_decay", 0),
                                   initial_accumulator_value=spec.get("initial_accumulator_value", 0), eps=spec.get("eps", 1e-10))
    raise ValueError(kind)


def answer(spec):
    dtype = torch.float32 if spec.get("dtype") == "float32" else torch.float64
    params = {k: torch.tensor(v, dtype=dtype, requires_grad=True) for k, v in spec["params"].items()}
    x, t = torch.tensor(spec["x"], dtype=dtype), torch.tensor(spec["t"], dtype=dtype)

    def forward():
        a = x
        for i, layer in enumerate(spec["layers"]):
            z = a @ params["layers.%d.weight" % i].T
            if layer["bias"]:
                z = z + params["layers.%d.bias" % i]
            a = activation(layer["activation"], layer.get("alpha"), z)
        return loss(spec["loss"], a, t)

    if spec.get("optimizer") is None:
        forward().backward()
        out = {"grads": {k: p.grad.tolist() for k, p in params.items()}}
    else:
        opt = optimizer(spec["optimizer"], list(params.values()))
        for _ in range(spec.get("steps", 1)):
            opt.zero_grad()
            forward().backward()
            opt.step()
        out = {"params": {k: p.detach().tolist() for k, p in params.items()}}
    return out


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(answer(json.loads(line))) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
