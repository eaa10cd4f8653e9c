#!/usr/bin/python3
"""Peer: B1 and B2 in plain Python (floats and math, no numpy), per-sample SGD on mse.

Per-step overhead decides these tiny tasks, and plain Python pays the least of it, so each network is written
out unit by unit, forward and backward side by side. Float64 only (Python floats). Weights and biases are drawn
from U(±1/√fan_in) as nn.Linear's default. mse = mean over the outputs (one here), so dL/dy = 2(y − t).
Prints one JSON line (see common.report); samples/s and loop_seconds time the training loop only.
"""
import math
import random
import sys
import time

import common

args = common.parse_args("python_loop.py", dtypes=("float64",))
spec = args.spec
if args.task not in ("B1", "B2"):
    sys.exit(f"python_loop.py: {args.task} is not a per-sample task (only B1, B2)")
rng = random.Random(args.seed)
exp, tanh = math.exp, math.tanh


def uniform(fan_in, n):
    bound = 1 / math.sqrt(fan_in)
    return [rng.uniform(-bound, bound) for _ in range(n)]


def train_b1(rows, epochs, lr):
    """1-1-2-1, sigmoid everywhere: I -w1-> h1 -w2/w3-> h2a/h2b -w4/w5-> O (the README's seed network)."""
    (w1,), (b1,) = uniform(1, 1), uniform(1, 1)
    (w2, w3), (b2, b3) = uniform(1, 2), uniform(1, 2)
    (w4, w5), (b4,) = uniform(2, 2), uniform(2, 1)
    (x,), (t,) = rows[0]
    for _ in range(epochs):
        h1 = 1 / (1 + exp(-(w1 * x + b1)))
        h2a = 1 / (1 + exp(-(w2 * h1 + b2)))
        h2b = 1 / (1 + exp(-(w3 * h1 + b3)))
        o = 1 / (1 + exp(-(w4 * h2a + w5 * h2b + b4)))
        d_o = 2 * (o - t) * o * (1 - o)                 # dL/dz_O
        d_2a = d_o * w4 * h2a * (1 - h2a)               # dL/dz_h2a
        d_2b = d_o * w5 * h2b * (1 - h2b)
        d_1 = (d_2a * w2 + d_2b * w3) * h1 * (1 - h1)   # dL/dz_h1
        w4 -= lr * d_o * h2a; w5 -= lr * d_o * h2b; b4 -= lr * d_o
        w2 -= lr * d_2a * h1; b2 -= lr * d_2a
        w3 -= lr * d_2b * h1; b3 -= lr * d_2b
        w1 -= lr * d_1 * x; b1 -= lr * d_1
    return epochs, (o - t) ** 2


def train_b2(rows, epochs, lr):
    """2-4-1, tanh hidden, sigmoid output; rows shuffled every epoch."""
    W = [uniform(2, 2) for _ in range(4)]   # W[j] = the weights into hidden unit j
    c = uniform(2, 4)                       # hidden biases
    v, (d,) = uniform(4, 4), uniform(4, 1)  # output weights and bias
    order = list(range(len(rows)))
    for _ in range(epochs):
        rng.shuffle(order)
        for r in order:
            (x0, x1), (t,) = rows[r]
            h = [tanh(wj[0] * x0 + wj[1] * x1 + cj) for wj, cj in zip(W, c)]
            o = 1 / (1 + exp(-(v[0] * h[0] + v[1] * h[1] + v[2] * h[2] + v[3] * h[3] + d)))
            d_o = 2 * (o - t) * o * (1 - o)
            for j in range(4):
                hj = h[j]
                d_h = d_o * v[j] * (1 - hj * hj)    # dL/dz_hj, with v[j] before its update
                v[j] -= lr * d_o * hj
                wj = W[j]
                wj[0] -= lr * d_h * x0
                wj[1] -= lr * d_h * x1
                c[j] -= lr * d_h
            d -= lr * d_o
    return epochs * len(rows), (o - t) ** 2


train = train_b1 if args.task == "B1" else train_b2
start = time.perf_counter()
steps, last_loss = train(common.INLINE[spec["data"]], spec["epochs"], spec["lr"])
loop_seconds = time.perf_counter() - start  # the training loop only
common.report("python", args, 1, steps, steps, loop_seconds, last_loss, python=sys.version.split()[0])
