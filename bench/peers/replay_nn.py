#!/usr/bin/python3
"""Check nn's arithmetic on B3/B4: train in numpy from nn's own initial weights, in nn's own data order.

    nn train bench/configs/b4.yaml training.epochs=0 --checkpoint-dir /tmp/b4-init     # the initial weights
    nn train bench/configs/b4.yaml --checkpoint-dir /tmp/b4-end                        # one epoch
    /usr/bin/python3 bench/peers/replay_nn.py --task B4 --seed 1 /tmp/b4-init/last.ckpt /tmp/b4-end/last.ckpt

If nn computes plain SGD on mean softmax cross-entropy correctly, the replayed weights match nn's to rounding
(float64, different summation order) and so does the test accuracy; any difference in accuracy between nn and
the numpy peer is then down to the random draws (initial weights, data order), not to nn's arithmetic.
nn's data order is replicated from its SplitMix64 generator (nn.core.tensor.Rng: derive(seed, "shuffle")).
"""
import argparse
import json
import struct

import numpy as np

import common

MASK = (1 << 64) - 1


class SplitMix64:
    """nn.core.tensor.Rng, bit for bit (Java longs as Python ints mod 2^64)."""

    def __init__(self, state):
        self.state = state & MASK

    def next_long(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_int(self, bound):  # Math.floorMod(nextLong(), bound) on the signed long
        v = self.next_long()
        return (v - (1 << 64) if v >> 63 else v) % bound

    @staticmethod
    def derive(seed, stream):
        h = 0
        for ch in stream:  # String.hashCode, a signed 32-bit int
            h = (31 * h + ord(ch)) & 0xFFFFFFFF
        h = h - (1 << 32) if h >> 31 else h
        r = SplitMix64(seed ^ ((h * 0x9E3779B97F4A7C15) & MASK))
        r.next_long()
        return r

    def shuffle(self, idx):  # Fisher–Yates as Rng.shuffle
        for i in range(len(idx) - 1, 0, -1):
            j = self.next_int(i + 1)
            idx[i], idx[j] = idx[j], idx[i]


def read_params(path):
    """The param/ arrays of an nn checkpoint: {name: array}."""
    b = open(path, "rb").read()
    assert b[:7] == b"NNCKPT\0", f"{path}: not an nn checkpoint"
    _, hlen = struct.unpack_from("<II", b, 7)
    header = json.loads(b[15:15 + hlen])
    out = {}
    for a in header["arrays"]:
        if a["name"].startswith("param/"):
            n = int(np.prod(a["shape"]))
            out[a["name"][6:]] = np.frombuffer(b, "<f8", n, 15 + hlen + a["offset"]).reshape(a["shape"]).copy()
    return out


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--task", default="B4", choices=["B3", "B4"])
    p.add_argument("--seed", type=int, default=1, help="the config's seed (bench/configs use 1)")
    p.add_argument("init", help="checkpoint with nn's initial weights (training.epochs=0)")
    p.add_argument("end", help="checkpoint after nn's epoch")
    a = p.parse_args()
    spec = common.TASKS[a.task]
    w0, w1 = read_params(a.init), read_params(a.end)
    L = len(spec["sizes"]) - 1
    W = [w0[f"layers.{i}.weight"] for i in range(L)]
    b = [w0[f"layers.{i}.bias"] for i in range(L)]
    x, y = common.fashion_numpy(common.FASHION_DIR, "train", None, "float64")
    xt, yt = common.fashion_numpy(common.FASHION_DIR, "t10k", None, "float64")

    order = list(range(len(x)))
    rng = SplitMix64.derive(a.seed, "shuffle")
    rng.shuffle(order)
    order = np.array(order)

    bs, lr = spec["batch"], spec["lr"]
    for s in range(0, len(x), bs):
        idx = order[s:s + bs]
        acts = [x[idx]]
        for i in range(L):
            z = acts[-1] @ W[i].T + b[i]
            acts.append(np.maximum(z, 0) if i < L - 1 else z)
        e = np.exp(acts[-1] - acts[-1].max(axis=1, keepdims=True))
        dz = e / e.sum(axis=1, keepdims=True)
        dz[np.arange(len(idx)), y[idx]] -= 1
        dz /= len(idx)
        for i in range(L - 1, -1, -1):
            dW, db = dz.T @ acts[i], dz.sum(axis=0)
            if i > 0:
                dz = (dz @ W[i]) * (acts[i] > 0)
            W[i] -= lr * dW
            b[i] -= lr * db

    for i in range(L):
        for name, mine in (("weight", W[i]), ("bias", b[i])):
            theirs = w1[f"layers.{i}.{name}"]
            err = np.abs(mine - theirs).max()
            print(f"layers.{i}.{name}: max |numpy - nn| = {err:.3g} (max |w| {np.abs(theirs).max():.3g})")

    def accuracy(Ws, bs_):
        h = xt
        for i in range(L):
            h = h @ Ws[i].T + bs_[i]
            if i < L - 1:
                h = np.maximum(h, 0)
        return float((h.argmax(axis=1) == yt).mean())

    print(f"test accuracy: replayed {accuracy(W, b):.4f}, nn's weights "
          f"{accuracy([w1[f'layers.{i}.weight'] for i in range(L)], [w1[f'layers.{i}.bias'] for i in range(L)]):.4f}")


if __name__ == "__main__":
    main()
