#!/usr/bin/env python3
"""Print the weights of an nn checkpoint as `nn inspect CKPT --params` does. Format: docs/checkpoint.md."""
import json, math, struct, sys
from decimal import Decimal

T = []
for i in range(256):
    for _ in range(8): i = (i >> 1) ^ (0x82F63B78 if i & 1 else 0)
    T.append(i)

def crc32c(data, c=0xFFFFFFFF):
    for x in data: c = T[(c ^ x) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF

def java(x):  # Java's Double.toString: plain in [1e-3, 1e7), else d.dddE±n
    if x == 0 or 1e-3 <= abs(x) < 1e7 or not math.isfinite(x): return repr(x).replace('inf', 'Infinity').replace('nan', 'NaN')
    sign, digits, exp = Decimal(repr(x)).as_tuple()
    d = ''.join(map(str, digits))
    return ('-' if sign else '') + d[0] + '.' + (d[1:].rstrip('0') or '0') + 'E' + str(len(d) - 1 + exp)

b = open(sys.argv[1], 'rb').read()
if b[:7] != b'NNCKPT\0': sys.exit(f'{sys.argv[1]}: not an nn checkpoint')
version, hlen = struct.unpack_from('<II', b, 7)
if version != 1: sys.exit(f'{sys.argv[1]}: format version {version}; this script reads 1')
if crc32c(b[:-4]) != struct.unpack_from('<I', b, len(b) - 4)[0]: sys.exit(f'{sys.argv[1]}: checksum mismatch')
header, data, count = json.loads(b[15:15 + hlen]), 15 + hlen, {'w': 0, 'b': 0}
print('param\tname\tvalue')
def index(shape, i): return f'[{i}]' if len(shape) != 2 else f'[{i // shape[1]},{i % shape[1]}]'
for a in (a for a in header['arrays'] if a['name'].startswith('param/')):  # weights w1, w2, …; biases b1, b2, …
    shape, kind = a['shape'], 'b' if a['name'].endswith('.bias') else 'w'
    for i, v in enumerate(struct.unpack_from(f'<{math.prod(shape)}d', b, data + a['offset'])):
        count[kind] += 1
        print(f"{a['name'][len('param/'):]}{index(shape, i)}\t{kind}{count[kind]}\t{java(v)}")
for a in (a for a in header['arrays'] if a['name'].startswith('buffer/')):  # a layer's running statistics
    for i, v in enumerate(struct.unpack_from(f"<{math.prod(a['shape'])}d", b, data + a['offset'])):
        print(f"{a['name'][len('buffer/'):]}{index(a['shape'], i)}\tbuffer\t{java(v)}")
