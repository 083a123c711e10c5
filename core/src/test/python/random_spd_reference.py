"""Reference distribution of the simulation's ground-truth metric W* (RandomSpdTest).

Source: scikit-learn's sklearn.datasets.make_spd_matrix (A uniform on [0,1)^(FxF),
U, S, Vt = svd(A^T A), X = U (1.0 + diag(u)) Vt, i.e. the all-ones matrix plus diag(u)),
then symmetrized (X + X^T) / 2 and scaled to unit Frobenius norm as MLEM does.

For F = 6 it draws many matrices and records, for the two statistics RandomSpdTest checks
(condition number; off-diagonal mass = sum of squared off-diagonal entries of the unit-Frobenius
matrix), the population median and the 0.05% / 99.95% quantiles of the median of 200 draws
(so a correct generator fails the test with probability about 0.1% per statistic, whatever its
random numbers). It also records the same statistics for the old, wrong recipe
U diag(1 + u) Vt, to show the acceptance intervals exclude it.

Run: /usr/bin/python3 core/src/test/python/random_spd_reference.py \
       > core/src/test/resources/testvectors/random_spd_distribution.json
"""
import json

import numpy as np
import scipy
import sklearn
from sklearn.datasets import make_spd_matrix

F = 6
DRAWS_PER_TEST = 200
POPULATION = 100_000
REPLICATES = 20_000


def unit(x):
    x = (x + x.T) / 2
    return x / np.linalg.norm(x)


def stats(w):
    ev = np.linalg.eigvalsh(w)
    off = w - np.diag(np.diag(w))
    return ev[-1] / ev[0], float(np.sum(off * off)), ev[0]


def old_recipe(rng):
    a = rng.uniform(size=(F, F))
    u, _, vt = scipy.linalg.svd(a.T @ a)
    return u @ np.diag(1.0 + rng.uniform(size=F)) @ vt


def main():
    rng = np.random.RandomState(20240217)
    cond = np.empty(POPULATION)
    off = np.empty(POPULATION)
    min_eig = np.inf
    for k in range(POPULATION):
        c, o, e = stats(unit(make_spd_matrix(F, random_state=rng)))
        cond[k], off[k] = c, o
        min_eig = min(min_eig, e)
    boot = np.random.RandomState(7)
    med_cond = np.empty(REPLICATES)
    med_off = np.empty(REPLICATES)
    for r in range(REPLICATES):
        idx = boot.randint(0, POPULATION, size=DRAWS_PER_TEST)
        med_cond[r] = np.median(cond[idx])
        med_off[r] = np.median(off[idx])
    old = [stats(unit(old_recipe(rng))) for _ in range(DRAWS_PER_TEST)]
    out = {
        "source": "scikit-learn %s make_spd_matrix (numpy %s, scipy %s), symmetrized and "
                  "unit-Frobenius; core/src/test/python/random_spd_reference.py"
                  % (sklearn.__version__, np.__version__, scipy.__version__),
        "dim": F,
        "draws_per_test": DRAWS_PER_TEST,
        "population_draws": POPULATION,
        "smallest_eigenvalue_seen": float(min_eig),
        "condition_number": {
            "population_median": float(np.median(cond)),
            "median_of_draws_low": float(np.quantile(med_cond, 0.0005)),
            "median_of_draws_high": float(np.quantile(med_cond, 0.9995)),
        },
        "off_diagonal_mass": {
            "population_median": float(np.median(off)),
            "median_of_draws_low": float(np.quantile(med_off, 0.0005)),
            "median_of_draws_high": float(np.quantile(med_off, 0.9995)),
        },
        "old_recipe_U_diag_1_plus_u_Vt": {
            "condition_number_median": float(np.median([s[0] for s in old])),
            "off_diagonal_mass_median": float(np.median([s[1] for s in old])),
        },
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
