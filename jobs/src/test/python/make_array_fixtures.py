#!/usr/bin/env python3
"""Writes the .npz and .safetensors test files of org.mlem.jobs.io and their expected values.

Run from the repository root:  python3 jobs/src/test/python/make_array_fixtures.py
Needs numpy. The .npz files are numpy.savez (stored) and numpy.savez_compressed (deflated). The
.safetensors file is written here by the format's specification (the safetensors package is not
needed): an unsigned 64-bit little-endian header length N, N bytes of JSON
{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {...}} padded with
spaces, then each tensor's little-endian C-order bytes. expected.json holds every array's shape
and values as numpy computes them in float64 (BF16: the float32 bits' upper half, as bfloat16
stores them).
"""
import json
import os
import struct

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "arrays")
rng = np.random.default_rng(11)


def bf16(values32):
    bits = values32.astype(np.float32).view(np.uint32) >> 16
    return bits.astype(np.uint16)


def main():
    os.makedirs(OUT, exist_ok=True)
    arrays = {
        "layer1": rng.normal(size=(5, 3)).astype(np.float32),
        "layer2": rng.normal(size=(5, 4)),
        "hidden": rng.normal(size=(5, 2, 3)).astype(np.float32),
        "counts": rng.integers(-9, 9, size=(5, 2)).astype(np.int32),
    }
    np.savez(os.path.join(OUT, "layers.npz"), **arrays)
    np.savez_compressed(os.path.join(OUT, "layers_compressed.npz"), **arrays)
    expected = {"source": "numpy " + np.__version__
                + " (jobs/src/test/python/make_array_fixtures.py)", "npz": {}, "safetensors": {}}
    for name, a in arrays.items():
        expected["npz"][name] = {"shape": list(a.shape),
                                 "values": a.astype(np.float64).ravel().tolist()}

    f32 = rng.normal(size=(5, 3)).astype(np.float32)
    tensors = [
        ("layer.0", "F32", f32, f32.astype(np.float64)),
        ("layer.1", "F64", rng.normal(size=(5, 3)), None),
        ("h16", "F16", rng.normal(size=(5, 3)).astype(np.float16), None),
        ("hbf16", "BF16", bf16(f32), None),
        ("tokens", "F32", rng.normal(size=(5, 2, 3)).astype(np.float32), None),
    ]
    header = {"__metadata__": {"format": "pt", "note": "mlem test fixture"}}
    data = b""
    for name, dtype, a, _ in tensors:
        raw = a.astype(a.dtype.newbyteorder("<")).tobytes(order="C")
        header[name] = {"dtype": dtype, "shape": list(a.shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(os.path.join(OUT, "model.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        f.write(data)
    for name, dtype, a, _ in tensors:
        if dtype == "BF16":
            values = (a.astype(np.uint32) << 16).view(np.float32).astype(np.float64)
        else:
            values = a.astype(np.float64)
        expected["safetensors"][name] = {"dtype": dtype, "shape": list(a.shape),
                                         "values": values.ravel().tolist()}
    # end-to-end sweeps: 40 stimuli (the jobs' sweep fixtures), two layers per archive
    e2e = {"layer_a": rng.normal(size=(40, 6)).astype(np.float32),
           "layer_b": rng.normal(size=(40, 2, 3)).astype(np.float32)}
    np.savez_compressed(os.path.join(OUT, "e2e_layers.npz"), **e2e)
    header, data = {}, b""
    for name, a in e2e.items():
        raw = a.astype("<f4").tobytes(order="C")
        header[name] = {"dtype": "F32", "shape": list(a.shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header).encode("utf-8")
    with open(os.path.join(OUT, "e2e_layers.safetensors"), "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
