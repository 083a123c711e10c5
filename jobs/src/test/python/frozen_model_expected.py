"""Expected predictions of the frozen MLlib model (FrozenModelTest), computed with numpy from
what the model saved, independently of MLEM's code.

Input: jobs/src/test/resources/frozen/mllib-model-saved.txt, the saved data/features table
(name|value_type|kind|categories|min|max|missing_distance|W row), written by
FrozenModelGenerator with plain Spark SQL. The per-feature distances follow docs/method.md
(feature distances) and MLEMModel's class comment:
  categorical: 0 if equal, else 1; a value not seen at fit differs from everything (1);
  ordinal: |s(x1) - s(x2)|, s(x) = clamp((x - min) / (max - min), 0, 1);
  vector: min(1, ||s(x1) - s(x2)|| / sqrt(dim)), s per component (0 for a constant one);
  a missing value on either side: the saved missing distance.
The prediction is sqrt(max(0, delta^T W delta)).

Run: /usr/bin/python3 jobs/src/test/python/frozen_model_expected.py
"""
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SAVED = os.path.join(HERE, "..", "resources", "frozen", "mllib-model-saved.txt")

# The pairs of FrozenModelTest.PAIRS: per feature (value_1, value_2); None = missing.
PAIRS = [
    {"f0": ("A", "A"), "f1": ("B", "B"), "f2": ("A", "A"), "size": (1.0, 1.0),
     "pos": ([0.0, 0.0], [0.0, 0.0])},
    {"f0": ("A", "B"), "f1": ("A", "A"), "f2": ("B", "B"), "size": (-1.0, 4.0),
     "pos": ([0.0, -4.0], [2.0, 4.0])},
    {"f0": ("B", "B"), "f1": ("C", "C"), "f2": ("A", "B"), "size": (10.0, -5.0),
     "pos": ([1.0, 0.0], [1.0, 0.0])},
    {"f0": ("A", "A"), "f1": ("A", "B"), "f2": ("A", "B"), "size": (None, 2.0),
     "pos": ([0.5, 1.0], [1.5, -1.0])},
    {"f0": ("B", "A"), "f1": ("B", "B"), "f2": ("B", "A"), "size": (0.5, 2.0),
     "pos": (None, [1.0, 1.0])},
]


def load():
    features = []
    for line in open(SAVED):
        if line.startswith("#") or not line.strip():
            continue
        name, vtype, kind, cats, lo, hi, miss, w = line.rstrip("\n").split("|")
        nums = lambda s: np.array([float(v) for v in s.split(",")]) if s else np.array([])
        features.append(dict(name=name, kind=kind, cats=cats.split(",") if cats else [],
                             lo=nums(lo), hi=nums(hi), miss=float(miss), w=nums(w)))
    return features


def scaled(x, lo, hi):
    x = np.asarray(x, dtype=float)
    rng = hi - lo
    s = np.where(rng > 0, (x - lo) / np.where(rng > 0, rng, 1.0), 0.0)
    return np.clip(s, 0.0, 1.0)


def delta(f, a, b):
    if a is None or b is None:
        return f["miss"]
    if f["kind"] == "CATEGORICAL":
        if a not in f["cats"] or b not in f["cats"]:
            return 1.0
        return 0.0 if a == b else 1.0
    if f["kind"] == "ORDINAL":
        return float(abs(scaled(a, f["lo"][0], f["hi"][0]) - scaled(b, f["lo"][0], f["hi"][0])))
    d = scaled(a, f["lo"], f["hi"]) - scaled(b, f["lo"], f["hi"])
    return float(min(1.0, np.sqrt(np.sum(d * d) / len(f["lo"]))))


def main():
    features = load()
    w = np.array([f["w"] for f in features])
    for pair in PAIRS:
        d = np.array([delta(f, *pair[f["name"]]) for f in features])
        print(repr(float(np.sqrt(max(0.0, d @ w @ d)))))


if __name__ == "__main__":
    main()
