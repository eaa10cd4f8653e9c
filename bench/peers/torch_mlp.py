#!/usr/bin/python3
"""Peer: the benchmark tasks in PyTorch eager mode, nn.Linear layers, autograd, torch.optim.SGD.

nn.Linear's default init is U(±1/√fan_in) for weight and bias (kaiming_uniform_ with a = √5), what nn's
torch_default draws. B3/B4: F.cross_entropy on the logits (mean over the batch; the softmax is inside it);
B1/B2: F.mse_loss (mean) on the sigmoid output.

Threads: torch.set_num_threads(--threads) for ATen's OpenMP pool, and threadpoolctl limits OpenBLAS (which torch
calls for the matrix products here) to --blas-threads (default: the same). Run it with OMP_WAIT_POLICY=PASSIVE so
idle OpenMP threads sleep instead of spinning on the cores OpenBLAS wants (bench/run does).
Prints one JSON line (see common.report); samples/s and loop_seconds time the training loop only, load_seconds the
reading of the data (train and test) into tensors.
"""
import sys
import time

import common

args = common.parse_args("torch_mlp.py", blas_threads=True)
blas = args.blas_threads or args.threads
common.limit_blas_threads(blas)  # before torch loads OpenBLAS
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
spec = args.spec
dtype = getattr(torch, args.dtype)
torch.set_default_dtype(dtype)

ACT = {"sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh, "relu": torch.nn.ReLU}
layers = []
sizes = spec["sizes"]
for i, (nin, nout) in enumerate(zip(sizes, sizes[1:])):
    layers.append(torch.nn.Linear(nin, nout))
    last = i == len(sizes) - 2
    if not last:
        layers.append(ACT[spec["hidden"]]())
    elif spec["output"] != "softmax":  # softmax is inside F.cross_entropy
        layers.append(ACT[spec["output"]]())
model = torch.nn.Sequential(*layers)
opt = torch.optim.SGD(model.parameters(), lr=spec["lr"])
loss_fn = F.cross_entropy if spec["loss"] == "cross_entropy" else F.mse_loss

load_start = time.perf_counter()  # load_seconds: reading the data into tensors (the IDX files for B3/B4)
if spec["data"] == "fashion":
    x, y = common.fashion_numpy(args.data, "train", args.train_rows, args.dtype)
    x_test, y_test = common.fashion_numpy(args.data, "t10k", args.test_rows, args.dtype)
    x, t = torch.from_numpy(x), torch.from_numpy(y)  # targets: class indices
    x_test, y_test = torch.from_numpy(x_test), torch.from_numpy(y_test)
else:
    rows = common.INLINE[spec["data"]]
    x = torch.tensor([r[0] for r in rows])
    t = torch.tensor([r[1] for r in rows])
    x_test = None
load_seconds = time.perf_counter() - load_start


def train():
    """Returns steps, samples and the last batch's loss (a tensor; read after the clock stops)."""
    n, bs = x.shape[0], spec["batch"]
    steps = samples = 0
    if bs == 1:  # per-sample SGD: rows as ready (1 × width) views, so no gather per step
        batches = [(x[i:i + 1], t[i:i + 1]) for i in range(n)]
    for _ in range(spec["epochs"]):
        order = torch.randperm(n) if spec["shuffle"] else torch.arange(n)
        for s in range(0, n, bs):  # the last partial batch is used, as nn does
            if bs == 1:
                xb, tb = batches[int(order[s])]
            else:
                idx = order[s:s + bs]
                xb, tb = x[idx], t[idx]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), tb)
            loss.backward()
            opt.step()
            steps += 1
            samples += xb.shape[0]
    return steps, samples, loss


with common.blas_limits(blas):
    start = time.perf_counter()
    steps, samples, loss = train()
    loop_seconds = time.perf_counter() - start  # the training loop only: no data loading, no evaluation
    accuracy = None
    if x_test is not None:
        with torch.no_grad():
            accuracy = float((model(x_test).argmax(dim=1) == y_test).double().mean())

common.report("torch", args, args.threads, steps, samples, loop_seconds, float(loss), accuracy,
              load_seconds=load_seconds, blas_threads=blas, torch=torch.__version__)
sys.exit(0)
