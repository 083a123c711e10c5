"""Reference numbers for BatchSizeEstimatorTest's interactions case (paper, Appendix C).

Feature table (the test builds the same one): n = 2 * 19^3 = 13718 stimuli, three binary
features, f0 = "B" if i % 19 == 0, f1 = "B" if (i // 19) % 19 == 0, f2 = "B" if
(i // 361) % 19 == 0, else "A": independent, each "B" for 1/19 of the stimuli, so a pair's
indicator distance is 1 with probability ~0.1 (sparse feature distances).

Pairs {i, j}, i != j, drawn uniformly: every column of a batch is an iid sample of the population
over all n (n - 1) / 2 pairs, computed here exactly by counting pairs per feature pattern. The
columns are delta_a^2 (without interactions) or the phi terms delta_a^2 and 2 delta_a delta_b
(with interactions; docs/method.md section 2). For every two columns the sample Pearson correlation
r over b pairs has standard deviation c / sqrt(b) for large b, where c^2 is the delta-method
asymptotic variance of r for a non-normal population (e.g. Kendall & Stuart, The Advanced
Theory of Statistics, vol. 1, 10.6; also Bonett & Wright 2000):
    c^2 = r^2/4 [m40/m20^2 + m04/m02^2 + 2 m22/(m20 m02) + 4 m22/m11^2
                 - 4 m31/(m11 m20) - 4 m13/(m11 m02)],
or m22/(m20 m02) when m11 = 0 (uncorrelated columns), with m_jk central moments. A Monte Carlo
check of c (std of r over many batches, numpy) is printed beside it.

The estimator keeps the first b whose largest across-batch std of a correlation is below the
threshold, so it should stop near (c_max / threshold)^2; c_max over the phi columns is ~2.9x
c_max over the delta^2 columns, so with interactions the batch size must be ~8.6x larger.

Run: /usr/bin/python3 core/src/test/python/batch_size_interactions_reference.py \
       > core/src/test/resources/testvectors/batch_size_interactions.json
"""
import itertools
import json

import numpy as np

M = 19
N = 2 * M ** 3
F = 3
THRESHOLD = 0.02


def features():
    i = np.arange(N)
    return np.stack([i % M == 0, (i // M) % M == 0, (i // (M * M)) % M == 0],
                    axis=1).astype(int)


def population(x, interactions):
    """Distinct column vectors over all pairs and their probabilities."""
    patterns, counts = np.unique(x, axis=0, return_counts=True)
    rows, weights = [], []
    for g, h in itertools.combinations_with_replacement(range(len(patterns)), 2):
        pairs = counts[g] * (counts[g] - 1) // 2 if g == h else counts[g] * counts[h]
        if pairs == 0:
            continue
        d = (patterns[g] != patterns[h]).astype(float)
        if interactions:
            phi = []
            for a in range(F):  # lower-triangular row-major: (0,0),(1,0),(1,1),(2,0),...
                for b in range(a):
                    phi.append(2 * d[a] * d[b])
                phi.append(d[a] ** 2)
        else:
            phi = list(d ** 2)
        rows.append(phi)
        weights.append(pairs)
    weights = np.array(weights, float)
    return np.array(rows), weights / weights.sum()


def asymptotic_c(x, y, p):
    dx = x - p @ x
    dy = y - p @ y

    def m(j, k):
        return p @ (dx ** j * dy ** k)

    if abs(m(1, 1)) < 1e-14:
        return float(np.sqrt(m(2, 2) / (m(2, 0) * m(0, 2))))
    r = m(1, 1) / np.sqrt(m(2, 0) * m(0, 2))
    v = r ** 2 / 4 * (m(4, 0) / m(2, 0) ** 2 + m(0, 4) / m(0, 2) ** 2
                      + 2 * m(2, 2) / (m(2, 0) * m(0, 2)) + 4 * m(2, 2) / m(1, 1) ** 2
                      - 4 * m(3, 1) / (m(1, 1) * m(2, 0)) - 4 * m(1, 3) / (m(1, 1) * m(0, 2)))
    return float(np.sqrt(v))


def monte_carlo_c(rows, p, i, j, b=4000, batches=1500, seed=3):
    rng = np.random.RandomState(seed)
    rs = []
    for _ in range(batches):
        s = rows[rng.choice(len(p), size=b, p=p)]
        rs.append(np.corrcoef(s[:, i], s[:, j])[0, 1])
    return float(np.std(rs, ddof=1) * np.sqrt(b))


def summary(x, interactions):
    rows, p = population(x, interactions)
    k = rows.shape[1]
    best = (-1.0, None)
    for i, j in itertools.combinations(range(k), 2):
        c = asymptotic_c(rows[:, i], rows[:, j], p)
        if c > best[0]:
            best = (c, (i, j))
    c, (i, j) = best
    return {
        "columns": k,
        "c_max": c,
        "c_max_columns": [i, j],
        "c_max_monte_carlo": monte_carlo_c(rows, p, i, j),
        "predicted_batch_size": (c / THRESHOLD) ** 2,
    }


def main():
    x = features()
    main_effects = summary(x, False)
    with_interactions = summary(x, True)
    out = {
        "source": "delta-method asymptotic std of Pearson r over the exact pair population "
                  "(numpy %s), with a Monte Carlo check; "
                  "core/src/test/python/batch_size_interactions_reference.py" % np.__version__,
        "stimuli": N,
        "modulus": M,
        "threshold": THRESHOLD,
        "without_interactions": main_effects,
        "with_interactions": with_interactions,
        "predicted_ratio": with_interactions["predicted_batch_size"]
        / main_effects["predicted_batch_size"],
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
