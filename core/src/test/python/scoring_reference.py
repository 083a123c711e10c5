"""Reference values of the Pearson and MSE scorings for DistanceScoreTest.

Source: scipy.stats.pearsonr for Pearson r; numpy.polyfit(p, d, 1) for the least-squares affine
map d ~ intercept + slope * p fitted on the training pairs; sklearn.metrics.mean_squared_error
for the held-out MSE of the mapped predictions. For the metric cases the predictions are
s = delta^T W delta computed with numpy.einsum from the full matrix W, and the predicted
distances sqrt(max(s, 0)) (docs/method.md section 5).

Run: /usr/bin/python3 core/src/test/python/scoring_reference.py \
       > core/src/test/resources/testvectors/scoring.json
"""
import json

import numpy as np
import scipy
import sklearn
from scipy.stats import pearsonr
from sklearn.metrics import mean_squared_error


def floats(a):
    return [float(v) for v in np.asarray(a).ravel()]


def scored(p_train, d_train, p_test, d_test):
    slope, intercept = np.polyfit(p_train, d_train, 1)
    mse = mean_squared_error(d_test, intercept + slope * np.asarray(p_test))
    return {
        "intercept": float(intercept),
        "slope": float(slope),
        "mse": float(mse),
        "pearson": float(pearsonr(p_test, d_test)[0]),
    }


def lower_terms(w):
    """W's coefficients in the project's term order (0,0), (1,0), (1,1), (2,0), ..."""
    f = w.shape[0]
    return [float(w[a, b]) for a in range(f) for b in range(a + 1)]


def main():
    rng = np.random.RandomState(10)
    cases = []

    def add(name, p_train, d_train, p_test, d_test):
        case = {"name": name, "train_predicted": floats(p_train), "train_neural": floats(d_train),
                "test_predicted": floats(p_test), "test_neural": floats(d_test)}
        case.update(scored(p_train, d_train, p_test, d_test))
        cases.append(case)

    add("hand", [1, 2, 3, 4], [2.1, 3.9, 6.2, 7.8], [1.5, 2.5, 3.5, 5], [3, 5.2, 6.9, 10.4])
    p = rng.uniform(0, 1, 40)
    q = rng.uniform(0, 1, 30)
    add("continuous n=40/30", p, 3 + 10 * p + rng.normal(0, 1, 40), q,
        3 + 10 * q + rng.normal(0, 1, 30))

    metrics = []
    true_w = np.array([[0.7, 0.2, 0.0], [0.2, 0.4, 0.1], [0.0, 0.1, 0.5]])
    for name, w in [
            ("spd", np.array([[0.6, 0.1, 0.0], [0.1, 0.5, -0.2], [0.0, -0.2, 0.4]])),
            ("indefinite", np.array([[0.5, 0.6, 0.0], [0.6, 0.1, -0.3], [0.0, -0.3, 0.2]]))]:
        delta_train = rng.uniform(0, 1, (30, 3))
        delta_test = rng.uniform(0, 1, (25, 3))

        def neural(delta):
            d = np.sqrt(np.einsum("ka,ab,kb->k", delta, true_w, delta))
            return 2.0 * d + 0.5 + rng.normal(0, 0.05, len(d))

        d_train = neural(delta_train)
        d_test = neural(delta_test)
        s_train = np.einsum("ka,ab,kb->k", delta_train, w, delta_train)
        s_test = np.einsum("ka,ab,kb->k", delta_test, w, delta_test)
        p_train = np.sqrt(np.maximum(s_train, 0))
        p_test = np.sqrt(np.maximum(s_test, 0))
        case = {"name": name, "coefficients": lower_terms(w), "feature_count": 3,
                "negative_predictions": int(np.sum(s_test < 0) + np.sum(s_train < 0)),
                "train_delta": floats(delta_train), "train_neural": floats(d_train),
                "test_delta": floats(delta_test), "test_neural": floats(d_test)}
        case.update(scored(p_train, d_train, p_test, d_test))
        metrics.append(case)

    out = {
        "source": "scipy %s stats.pearsonr, numpy %s polyfit(deg=1) and einsum, scikit-learn %s "
                  "metrics.mean_squared_error; core/src/test/python/scoring_reference.py"
                  % (scipy.__version__, np.__version__, sklearn.__version__),
        "cases": cases,
        "metrics": metrics,
    }
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
