"""What every peer shares: the task table, the command line, the Fashion-MNIST reader and the JSON result line.

The tasks mirror bench/configs/b1.yaml … b4.yaml (see /work/shared/bench/TASKS.md); keep the two in step.
Nothing here imports numpy at module level, so the plain-Python peer can use it too.
"""
import argparse
import gzip
import json
import os
import struct
import sys

# sizes: units per layer, inputs first; hidden/output: activations; epochs: full passes over the training rows.
TASKS = {
    "B1": dict(sizes=[1, 1, 2, 1], hidden="sigmoid", output="sigmoid", loss="mse",
               lr=0.5, batch=1, epochs=100_000, shuffle=False, data="seed"),
    "B2": dict(sizes=[2, 4, 1], hidden="tanh", output="sigmoid", loss="mse",
               lr=0.5, batch=1, epochs=25_000, shuffle=True, data="xor"),
    "B3": dict(sizes=[784, 128, 10], hidden="relu", output="softmax", loss="cross_entropy",
               lr=0.1, batch=64, epochs=1, shuffle=True, data="fashion"),
    "B4": dict(sizes=[784, 1024, 1024, 10], hidden="relu", output="softmax", loss="cross_entropy",
               lr=0.1, batch=256, epochs=1, shuffle=True, data="fashion"),
}

# Rows of the tiny tasks: (inputs, targets).
INLINE = {
    "seed": [([1.0], [0.0])],
    "xor": [([0.0, 0.0], [0.0]), ([0.0, 1.0], [1.0]), ([1.0, 0.0], [1.0]), ([1.0, 1.0], [0.0])],
}

FASHION_DIR = "/usr/share/datasets/fashion-mnist"


def parse_args(program, dtypes=("float64", "float32"), blas_threads=False):
    """The peers' common options; the task's own settings come from TASKS, --epochs and the row limits override."""
    p = argparse.ArgumentParser(prog=program, description="Train one benchmark task; print one JSON line.")
    p.add_argument("--task", required=True, choices=sorted(TASKS))
    p.add_argument("--dtype", default="float64", choices=dtypes)
    p.add_argument("--threads", type=int, default=1, help="compute threads (OpenBLAS; for torch also intra-op)")
    if blas_threads:
        p.add_argument("--blas-threads", type=int, default=None, help="OpenBLAS threads (default: --threads)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--epochs", type=int, default=None, help="override the task's epochs (smoke runs)")
    p.add_argument("--train-rows", type=int, default=None, help="use only the first N training rows")
    p.add_argument("--test-rows", type=int, default=None, help="use only the first N test rows")
    p.add_argument("--data", default=FASHION_DIR, help="folder of the Fashion-MNIST IDX files")
    a = p.parse_args()
    a.spec = dict(TASKS[a.task])
    if a.epochs is not None:
        a.spec["epochs"] = a.epochs
    return a


def limit_blas_threads(n):
    """Before numpy/torch load: OpenBLAS and OpenMP read these once. threadpoolctl enforces them again later."""
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = str(n)


def blas_limits(n):
    """A context that limits OpenBLAS to n threads (threadpoolctl), or does nothing when it is not installed."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        import contextlib
        print("threadpoolctl not installed: relying on OPENBLAS_NUM_THREADS", file=sys.stderr)
        return contextlib.nullcontext()
    return threadpool_limits(limits=n, user_api="blas")


def read_idx(path):
    """An IDX file (optionally gzipped) as (shape, bytes): unsigned bytes, row-major."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic = f.read(4)
        if magic[0] != 0 or magic[1] != 0 or magic[2] != 0x08:
            raise ValueError(f"{path}: not an unsigned-byte IDX file")
        dims = struct.unpack(">" + "I" * magic[3], f.read(4 * magic[3]))
        return dims, f.read()


def fashion_files(folder, part):
    """The (images, labels) paths of part 'train' or 't10k', gzipped or not."""
    out = []
    for kind in ("images-idx3-ubyte", "labels-idx1-ubyte"):
        base = os.path.join(folder, f"{part}-{kind}")
        out.append(base + ".gz" if os.path.exists(base + ".gz") else base)
    return out


def fashion_numpy(folder, part, rows, dtype):
    """Images as an (n, 784) array of pixel/255 in dtype (the same doubles as the CSV nn reads), labels as int64."""
    import numpy as np
    images, labels = fashion_files(folder, part)
    (n, h, w), pix = read_idx(images)
    _, lab = read_idx(labels)
    n = n if rows is None else min(rows, n)
    x = np.frombuffer(pix, dtype=np.uint8, count=n * h * w).reshape(n, h * w)
    x = x.astype(np.float64)
    x /= 255.0  # in float64, as the CSV's values are; then rounded once for float32
    x = x.astype(dtype, copy=False)
    y = np.frombuffer(lab, dtype=np.uint8, count=n).astype(np.int64)
    return x, y


def report(program, args, threads, steps, samples, loop_seconds, last_loss, test_accuracy=None, **extra):
    """The result line the driver reads. samples_per_second = training rows processed / seconds of the loop; the
    peers pass load_seconds (reading their data into arrays) among the extras."""
    out = dict(program=program, task=args.task, dtype=args.dtype, threads=threads, steps=steps, samples=samples,
               loop_seconds=loop_seconds, samples_per_second=samples / loop_seconds if loop_seconds > 0 else None,
               last_loss=last_loss, test_accuracy=test_accuracy)
    out.update(extra)
    print(json.dumps(out))
