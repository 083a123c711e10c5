"""Reference values of rho-a for RhoATest, including heavily tied vectors.

Source: rsatoolbox's compare_rho_a (rsatoolbox/rdm/compare.py, _rho_a): rank each vector with
scipy.stats.rankdata (average ranks for ties), subtract each vector's mean rank, and compute
    rho_a = 12 * sum((rx - mean(rx)) * (ry - mean(ry))) / (n^3 - n).
rsatoolbox itself is not a dependency; its formula is written out below in numpy.

Run: /usr/bin/python3 core/src/test/python/rho_a_reference.py \
       > core/src/test/resources/testvectors/rho_a.json
"""
import json

import numpy as np
import scipy
from scipy.stats import rankdata


def rho_a(x, y):
    rx = rankdata(x)
    ry = rankdata(y)
    n = len(rx)
    rx = rx - rx.mean()
    ry = ry - ry.mean()
    return float(np.sum(rx * ry) * 12 / (n ** 3 - n))


def main():
    rng = np.random.RandomState(8)
    cases = []

    def add(name, x, y):
        x = [float(v) for v in x]
        y = [float(v) for v in y]
        cases.append({"name": name, "x": x, "y": y, "rho_a": rho_a(x, y)})

    add("hand: one tie in x", [1, 1, 2, 3], [10, 20, 30, 40])
    add("all tied x", [7, 7, 7, 7, 7], [3, 1, 4, 1, 5])
    for n, levels in [(10, 2), (25, 3), (50, 4), (200, 2), (301, 6)]:
        # categorical-like predictions: few distinct values, many ties on both sides
        x = rng.randint(0, levels, size=n)
        y = x + rng.randint(0, 3, size=n)
        add("tied n=%d levels=%d" % (n, levels), x, y)
    x = rng.normal(size=100)
    add("continuous n=100", x, x + rng.normal(size=100))
    x = rng.randint(0, 3, size=60)
    add("tied x, continuous y n=60", x, x + rng.normal(size=60))
    out = {
        "source": "rsatoolbox compare_rho_a formula (12 sum (rx - rbar)(ry - rbar) / (n^3 - n)) "
                  "in numpy %s with scipy %s stats.rankdata average ranks; "
                  "core/src/test/python/rho_a_reference.py" % (np.__version__, scipy.__version__),
        "cases": cases,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
