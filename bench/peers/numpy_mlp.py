#!/usr/bin/python3
"""Peer: the benchmark tasks in numpy, forward and backward written out, plain SGD.

Weights are units × inputs (as torch's Linear.weight) drawn from U(±1/√fan_in), biases too. Losses as PyTorch
defines them: mse = mean over all elements; cross-entropy = mean over the batch of −log softmax[label].
Prints one JSON line (see common.report); samples/s and loop_seconds time the training loop only, load_seconds the
reading of the data (train and test) into arrays.
"""
import sys
import time

import common

args = common.parse_args("numpy_mlp.py")
common.limit_blas_threads(args.threads)  # before numpy loads OpenBLAS
import numpy as np  # noqa: E402

spec = args.spec
dtype = np.dtype(args.dtype)
rng = np.random.default_rng(args.seed)

# Layers: W[i] (units × inputs) and b[i] (units), U(−1/√fan_in, 1/√fan_in) as nn.Linear's default.
sizes = spec["sizes"]
W, b = [], []
for nin, nout in zip(sizes, sizes[1:]):
    bound = 1.0 / np.sqrt(nin)
    W.append(rng.uniform(-bound, bound, (nout, nin)).astype(dtype))
    b.append(rng.uniform(-bound, bound, nout).astype(dtype))

load_start = time.perf_counter()  # load_seconds: reading the data into arrays (the IDX files for B3/B4)
if spec["data"] == "fashion":
    x_train, y_train = common.fashion_numpy(args.data, "train", args.train_rows, dtype)
    x_test, y_test = common.fashion_numpy(args.data, "t10k", args.test_rows, dtype)
    t_train = y_train  # class labels; the loss uses them directly
else:
    rows = common.INLINE[spec["data"]]
    x_train = np.array([r[0] for r in rows], dtype=dtype)
    t_train = np.array([r[1] for r in rows], dtype=dtype)
    x_test = None
load_seconds = time.perf_counter() - load_start


def act(name, z):
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.maximum(z, 0)
    raise ValueError(name)


def act_grad(name, z, a):
    """f'(z), from z or from the output a = f(z), whichever is cheaper."""
    if name == "sigmoid":
        return a * (1 - a)
    if name == "tanh":
        return 1 - a * a
    return z > 0  # relu, f'(0) = 0


def forward(x):
    """Every layer's (z, a); the output layer's a is softmax probabilities or the output activation."""
    zs, acts = [], [x]
    last = len(W) - 1
    for i in range(len(W)):
        z = acts[-1] @ W[i].T + b[i]
        if i < last:
            a = act(spec["hidden"], z)
        elif spec["output"] == "softmax":
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
        else:
            a = act(spec["output"], z)
        zs.append(z)
        acts.append(a)
    return zs, acts


def loss(x, t):
    y = forward(x)[1][-1]
    if spec["loss"] == "cross_entropy":  # t: labels
        return float(-np.log(y[np.arange(len(t)), t]).mean())
    return float(((y - t) ** 2).mean())


def step(x, t, lr):
    """One SGD step on the batch (x, t). (The loss value itself is not needed for the step, so not computed.)"""
    zs, acts = forward(x)
    y, n = acts[-1], x.shape[0]
    if spec["loss"] == "cross_entropy":  # t: labels; dL/dz = (softmax − onehot)/B
        dz = y.copy()
        dz[np.arange(n), t] -= 1
        dz /= n
    else:  # mse on the output activation: dL/dy = 2(y − t)/N, N = all elements
        dz = (2.0 / y.size) * (y - t) * act_grad(spec["output"], zs[-1], y)
    for i in range(len(W) - 1, -1, -1):
        dW = dz.T @ acts[i]
        db = dz.sum(axis=0)
        if i > 0:
            da = dz @ W[i]
            dz = da * act_grad(spec["hidden"], zs[i - 1], acts[i])
        W[i] -= lr * dW
        b[i] -= lr * db


def train():
    """Returns steps, samples and the last batch (x, t)."""
    n, bs, lr = x_train.shape[0], spec["batch"], spec["lr"]
    steps = samples = 0
    if bs == 1:  # per-sample SGD: rows as ready (1 × width) views, so no gather per step
        rows = [(x_train[i:i + 1], t_train[i:i + 1]) for i in range(n)]
        for _ in range(spec["epochs"]):
            for i in (rng.permutation(n) if spec["shuffle"] else range(n)):
                step(*rows[i], lr)
        return spec["epochs"] * n, spec["epochs"] * n, rows[i]
    for _ in range(spec["epochs"]):
        order = rng.permutation(n) if spec["shuffle"] else np.arange(n)
        for s in range(0, n, bs):  # the last partial batch is used, as nn does
            idx = order[s:s + bs]
            xb, tb = x_train[idx], t_train[idx]
            step(xb, tb, lr)
            steps += 1
            samples += len(idx)
    return steps, samples, (xb, tb)


with common.blas_limits(args.threads):
    start = time.perf_counter()
    steps, samples, last_batch = train()
    loop_seconds = time.perf_counter() - start  # the training loop only: no data loading, no evaluation
    last_loss = loss(*last_batch)  # after the last step, on the last batch: a sanity check, not timed
    accuracy = None
    if x_test is not None:
        predicted = np.concatenate([forward(x_test[s:s + 1000])[1][-1].argmax(axis=1) for s in range(0, len(x_test), 1000)])
        accuracy = float((predicted == y_test).mean())

common.report("numpy", args, args.threads, steps, samples, loop_seconds, last_loss, accuracy,
              load_seconds=load_seconds, numpy=np.__version__)
sys.exit(0)
