"""Reference values of Kendall's tau-b for KendallTauBTest, with and without ties.

Source: scipy.stats.kendalltau(x, y) with its defaults (variant='b', the tie-corrected tau).
Profile-sized vectors (5 to 60 values): continuous, tied (few levels) and reversed.

Run: /usr/bin/python3 core/src/test/python/kendall_tau_reference.py \
       > core/src/test/resources/testvectors/kendall_tau.json
"""
import json

import numpy as np
import scipy
from scipy.stats import kendalltau


def main():
    rng = np.random.RandomState(10)
    cases = []

    def add(name, x, y):
        x = [float(v) for v in x]
        y = [float(v) for v in y]
        cases.append({"name": name, "x": x, "y": y,
                      "kendall_tau": float(kendalltau(x, y).statistic)})

    add("hand: one tie in x", [1, 1, 2, 3], [10, 20, 30, 40])
    add("hand: reversed", [1, 2, 3, 4, 5], [5, 4, 3, 2, 1])
    for n in [5, 12, 30, 60]:
        x = rng.normal(size=n)
        add("continuous n=%d" % n, x, x + rng.normal(size=n))
    for n, levels in [(10, 2), (25, 3), (40, 5)]:
        x = rng.randint(0, levels, size=n)
        y = x + rng.randint(0, 3, size=n)
        add("tied n=%d levels=%d" % (n, levels), x, y)
    x = rng.normal(size=20)
    add("anticorrelated n=20", x, -x + 0.5 * rng.normal(size=20))
    out = {
        "source": "scipy %s stats.kendalltau (variant='b'); "
                  "core/src/test/python/kendall_tau_reference.py" % scipy.__version__,
        "cases": cases,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
