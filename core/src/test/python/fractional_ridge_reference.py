"""Reference values of fractional ridge regression for FractionalRidgeTest.

Sources: the fraction-to-alpha map of fracridge (Rokem and Kay 2020; nrdg/fracridge): from the
SVD of the centered design, ||beta(alpha)|| / ||beta_OLS|| with
beta(alpha) = V diag(s / (s^2 + alpha)) U^T y, solved here for alpha with scipy.optimize.brentq
(not the project's bisection); the coefficients for that alpha from scikit-learn's
sklearn.linear_model.Ridge(alpha, fit_intercept=True, solver="cholesky"), an independent solver
of (X^T X + alpha I) beta = X^T y on centered data. Fraction 1 is numpy.linalg.lstsq on the
centered data (OLS).

Run: /usr/bin/python3 core/src/test/python/fractional_ridge_reference.py \
       > core/src/test/resources/testvectors/fractional_ridge.json
"""
import json

import numpy as np
import scipy
import sklearn
from scipy.optimize import brentq
from sklearn.linear_model import Ridge

FRACTIONS = [0.05, 0.1, 0.3, 0.5, 0.75, 0.9, 1.0]


def fraction_at(s, uty, alpha):
    ols = uty / s
    ridge = uty * s / (s ** 2 + alpha)
    return np.linalg.norm(ridge) / np.linalg.norm(ols)


def case(name, x, y):
    xc = x - x.mean(axis=0)
    yc = y - y.mean()
    u, s, vt = np.linalg.svd(xc, full_matrices=False)
    uty = u.T @ yc
    solutions = []
    for f in FRACTIONS:
        if f == 1.0:
            alpha = 0.0
            beta = np.linalg.lstsq(xc, yc, rcond=None)[0]
            intercept = y.mean() - x.mean(axis=0) @ beta
        else:
            alpha = brentq(lambda a: fraction_at(s, uty, a) - f, 1e-12, 1e12,
                           xtol=1e-14, rtol=1e-15, maxiter=1000)
            model = Ridge(alpha=alpha, fit_intercept=True, solver="cholesky").fit(x, y)
            beta = model.coef_
            intercept = model.intercept_
        solutions.append({"fraction": f, "alpha": float(alpha),
                          "beta": [float(b) for b in beta], "intercept": float(intercept)})
    return {"name": name, "rows": int(x.shape[0]), "columns": int(x.shape[1]),
            "x": [float(v) for v in x.ravel()], "y": [float(v) for v in y],
            "solutions": solutions}


def main():
    rng = np.random.RandomState(10)
    cases = []
    x = rng.normal(size=(30, 4))
    x[:, 3] += 0.8 * x[:, 0]  # correlated columns, so ridge shrinks them unequally
    y = x @ np.array([1.5, -0.5, 0.0, 2.0]) + 3.0 + rng.normal(scale=0.7, size=30)
    cases.append(case("30 x 4, correlated columns, offset 3", x, y))
    x = rng.normal(size=(12, 3)) * np.array([10.0, 1.0, 0.1])
    y = rng.normal(size=12)
    cases.append(case("12 x 3, scales 10 / 1 / 0.1, pure noise", x, y))
    print(json.dumps({
        "source": "fracridge's fraction-to-alpha map solved with scipy " + scipy.__version__
                  + " brentq; betas from scikit-learn " + sklearn.__version__
                  + " Ridge (cholesky) and numpy " + np.__version__ + " lstsq"
                  + " (core/src/test/python/fractional_ridge_reference.py)",
        "cases": cases}, indent=1))


if __name__ == "__main__":
    main()
