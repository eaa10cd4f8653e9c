#!/usr/bin/python3
"""Peer of `nn predict CKPT DATA` (bench task S3): load a saved PyTorch model, predict the rows of a CSV, print CSV.

    torch_predict.py MODEL.pt DATA.csv           the timed part: torch.load, read DATA, forward, print
    torch_predict.py --export CKPT MODEL.pt      setup, once: an nn checkpoint's weights into a torch model, saved

MODEL.pt (torch.save) holds the model itself, a torch.nn.Sequential of Linear layers and activations in float64, with
what nn predict takes from its checkpoint: the feature columns, the normalization (x' = (x − shift) / scale), the
target column and the class names. The output is nn predict's without --proba: a header with the target column's
name, then the predicted class of each row (the argmax of the outputs).
The export reads the checkpoint as docs/checkpoint.md describes it (tools/read_ckpt.py is the same reader) and
takes the activations from the resolved config stored in it (needs PyYAML; no training happens here).
"""
import csv
import sys

import torch


def predict(model_path, data_path):
    saved = torch.load(model_path)
    model = saved["model"]
    model.eval()
    with open(data_path, newline="") as f:
        rows = list(csv.DictReader(f))
    x = torch.tensor([[float(r[c]) for c in saved["features"]] for r in rows], dtype=torch.float64)
    with torch.no_grad():
        y = model((x - saved["shift"]) / saved["scale"])
    out = [saved["target"]] + [saved["classes"][k] for k in y.argmax(dim=1).tolist()]
    sys.stdout.write("\n".join(out) + "\n")


def read_checkpoint(path):
    """(header, {array name: tensor}) of an nn checkpoint, format version 1 (docs/checkpoint.md)."""
    import json
    import math
    import struct
    b = open(path, "rb").read()
    if b[:7] != b"NNCKPT\0":
        sys.exit(f"{path}: not an nn checkpoint")
    version, hlen = struct.unpack_from("<II", b, 7)
    if version != 1:
        sys.exit(f"{path}: format version {version}; this script reads 1")
    header = json.loads(b[15:15 + hlen])
    data = 15 + hlen
    arrays = {}
    for a in header["arrays"]:
        n = math.prod(a["shape"])
        values = struct.unpack_from(f"<{n}d", b, data + a["offset"])
        arrays[a["name"]] = torch.tensor(values, dtype=torch.float64).reshape(a["shape"])
    return header, arrays


ACTIVATIONS = {"relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid, "tanh": torch.nn.Tanh,
               "softmax": lambda: torch.nn.Softmax(dim=1), "identity": torch.nn.Identity}


def export(ckpt, model_path):
    import yaml
    header, arrays = read_checkpoint(ckpt)
    config = yaml.safe_load(header["config"])
    layers = config["model"]["layers"]
    if header.get("normalize") not in (None, "none", "standard", "minmax"):
        sys.exit(f"{ckpt}: normalization {header.get('normalize')} not handled")
    if not header.get("classes"):
        sys.exit(f"{ckpt}: not a classifier; this peer prints classes only")
    modules = []
    for i, layer in enumerate(layers):
        if layer.get("type", "dense") != "dense":
            sys.exit(f"{ckpt}: layer {i} is {layer['type']}; this peer builds dense layers only")
        w, b = arrays[f"param/layers.{i}.weight"], arrays[f"param/layers.{i}.bias"]
        linear = torch.nn.Linear(w.shape[1], w.shape[0], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(w)
            linear.bias.copy_(b)
        act = layer.get("activation", "identity")
        act = act["type"] if isinstance(act, dict) else act
        if act not in ACTIVATIONS:
            sys.exit(f"{ckpt}: activation {act} of layer {i} not handled")
        modules += [linear, ACTIVATIONS[act]()]
    n = len(header["features"])
    shift = arrays.get("normalizer/shift", torch.zeros(n, dtype=torch.float64))
    scale = arrays.get("normalizer/scale", torch.ones(n, dtype=torch.float64))
    torch.save(dict(model=torch.nn.Sequential(*modules), features=header["features"], shift=shift, scale=scale,
                    target=header["targets"][0], classes=header["classes"]), model_path)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--export":
        export(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3:
        predict(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)
