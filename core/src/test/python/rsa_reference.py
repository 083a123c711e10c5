"""Reference values of the RDM correlations of mlem rsa for RsaReferenceTest.

Sources: Spearman from scipy.stats.spearmanr (average ranks for ties); Kendall's tau-a from
its formula, sum over i < j of sign(x_i - x_j) * sign(y_i - y_j) divided by n (n - 1) / 2,
written in numpy (scipy.stats.kendalltau computes tau-b, which divides by the untied pairs
instead). A bootstrapped RDM is the RDM with pair p repeated w[p] times (w = w_i * w_j, the
counts of its two stimuli among the resampled ones): its Spearman is spearmanr of
numpy.repeat(x, w) and numpy.repeat(y, w); its tau-a compares every two copies of distinct
pairs, sum over p < q of w_p w_q sign(x_p - x_q) sign(y_p - y_q) / sum over p < q of w_p w_q
(two copies of the same pair are one comparison, not a tie; docs/method.md section 9).

Run: /usr/bin/python3 core/src/test/python/rsa_reference.py \
       > core/src/test/resources/testvectors/rsa.json
"""
import json
from itertools import combinations

import numpy as np
import scipy
from scipy.stats import spearmanr


def tau_a(x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(x)
    dx = np.sign(x[:, None] - x[None, :])
    dy = np.sign(y[:, None] - y[None, :])
    upper = np.triu_indices(n, 1)
    return float(np.sum(dx[upper] * dy[upper]) / (n * (n - 1) / 2))


def weighted_tau_a(x, y, w):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    w = np.asarray(w, dtype=float)
    n = len(x)
    dx = np.sign(x[:, None] - x[None, :])
    dy = np.sign(y[:, None] - y[None, :])
    ww = w[:, None] * w[None, :]
    upper = np.triu_indices(n, 1)
    return float(np.sum(ww[upper] * dx[upper] * dy[upper]) / np.sum(ww[upper]))


def rdm(points):
    n = len(points)
    return [float(np.linalg.norm(points[a] - points[b]))
            for a in range(1, n) for b in range(a)]


def pair_weights(counts, n):
    # lower-triangular row-major order: pair (b, a) with b < a, a = 1..n-1
    return [int(counts[b] * counts[a]) for a in range(1, n) for b in range(a)]


def main():
    rng = np.random.RandomState(10)
    cases = []

    def add(name, x, y, w=None):
        x = [float(v) for v in x]
        y = [float(v) for v in y]
        case = {"name": name, "x": x, "y": y,
                "spearman": float(spearmanr(x, y).correlation), "tau_a": tau_a(x, y)}
        if w is not None:
            w = [int(v) for v in w]
            xr = np.repeat(x, w)
            yr = np.repeat(y, w)
            case["w"] = w
            case["spearman_weighted"] = float(spearmanr(xr, yr).correlation)
            case["tau_a_weighted"] = weighted_tau_a(x, y, w)
        cases.append(case)

    add("hand: one tie", [1, 1, 2, 3], [10, 20, 30, 40], [1, 2, 0, 3])
    # RDMs of two noisy views of the same 12 points (66 pairs), and a resample's weights
    n = 12
    z = rng.normal(size=(n, 3))
    a = rdm(z + 0.5 * rng.normal(size=(n, 3)))
    b = rdm(z + 0.5 * rng.normal(size=(n, 3)))
    counts = np.bincount(rng.randint(0, n, size=n), minlength=n)
    add("two views n=12", a, b, pair_weights(counts, n))
    # rounded distances: many ties on both sides
    ar = np.round(a, 0)
    br = np.round(b, 0)
    counts = np.bincount(rng.randint(0, n, size=n), minlength=n)
    add("tied views n=12", ar, br, pair_weights(counts, n))
    # unrelated RDMs of 20 points (190 pairs)
    n = 20
    a = rdm(rng.normal(size=(n, 4)))
    b = rdm(rng.normal(size=(n, 4)))
    counts = np.bincount(rng.randint(0, n, size=n), minlength=n)
    add("unrelated n=20", a, b, pair_weights(counts, n))
    out = {
        "source": "scipy %s stats.spearmanr; Kendall tau-a by its formula in numpy %s; "
                  "core/src/test/python/rsa_reference.py" % (scipy.__version__, np.__version__),
        "cases": cases,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
