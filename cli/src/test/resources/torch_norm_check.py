#!/usr/bin/env python3
"""torch.nn.BatchNorm1d and torch.nn.LayerNorm on the batches nn's TorchNormCrossCheckTest gives, in float64.

Reads JSON objects, one per line, and answers each with one line. Each object:
  {"kind": "batch_norm" | "layer_norm", "width": C, "momentum": m, "eps": e, "affine": true,
   "weight": [...], "bias": [...], "running_mean": [...], "running_var": [...],   (running_*: batch_norm only)
   "train": [{"x": [[...]], "dout": [[...]]}, ...],   training steps, in order
   "eval": {"x": [[...]], "dout": [[...]]}}
For every training step (module.train()) and then the evaluation batch (module.eval()): the output y, and, for
L = sum(dout * y), the gradients dL/dx, dL/dweight, dL/dbias (zeroed before each step); after each step the running
statistics. Prints {"train": [{"out", "dx", "dweight", "dbias", "running_mean", "running_var"}, ...], "eval": {...}}.
"""
import json
import sys

import torch

torch.set_default_dtype(torch.float64)


def module(spec):
    c = spec["width"]
    if spec["kind"] == "batch_norm":
        m = torch.nn.BatchNorm1d(c, eps=spec["eps"], momentum=spec["momentum"], affine=spec["affine"])
        with torch.no_grad():
            m.running_mean.copy_(torch.tensor(spec["running_mean"]))
            m.running_var.copy_(torch.tensor(spec["running_var"]))
    else:
        m = torch.nn.LayerNorm(c, eps=spec["eps"], elementwise_affine=spec["affine"])
    if spec["affine"]:
        with torch.no_grad():
            m.weight.copy_(torch.tensor(spec["weight"]))
            m.bias.copy_(torch.tensor(spec["bias"]))
    return m


def step(m, batch):
    x = torch.tensor(batch["x"], requires_grad=True)
    if m.weight is not None:
        m.weight.grad = None
        m.bias.grad = None
    y = m(x)
    (y * torch.tensor(batch["dout"])).sum().backward()
    out = {"out": y.detach().tolist(), "dx": x.grad.tolist()}
    if m.weight is not None:
        out["dweight"] = m.weight.grad.tolist()
        out["dbias"] = m.bias.grad.tolist()
    if isinstance(m, torch.nn.BatchNorm1d):
        out["running_mean"] = m.running_mean.tolist()
        out["running_var"] = m.running_var.tolist()
    return out


def answer(spec):
    m = module(spec)
    m.train()
    train = [step(m, b) for b in spec["train"]]
    m.eval()
    return {"train": train, "eval": step(m, spec["eval"])}


def main():
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(answer(json.loads(line))) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
