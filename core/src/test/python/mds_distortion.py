"""How far classical MDS moves the paper's simulated geometry from W* (README, "The paper's
experiments"). Independent of the Java code: scikit-learn's make_spd_matrix for W*, numpy for
classical MDS and a least-squares fit of W. Run: /usr/bin/python3 core/src/test/python/mds_distortion.py
(Debian's python3-numpy, python3-scipy, python3-sklearn).

For the 64 patterns of 6 binary features, d = sqrt(delta^T W* delta): prints the fraction of
B = -J D^2 J / 2's spectrum that is negative (0 for Euclidean distances), and the Frobenius
distance to W* of the unit-norm W whose delta^T W delta best fits (least squares) the squared
distances of the classical-MDS embedding and of scikit-learn's SMACOF embedding.
"""
import numpy as np
from scipy.stats import spearmanr
from sklearn.datasets import make_spd_matrix
from sklearn.manifold import MDS

F, N = 6, 64
X = np.array([[(k >> a) & 1 for a in range(F)] for k in range(N)], float)
W = make_spd_matrix(F, random_state=0)
W /= np.linalg.norm(W)
D = np.abs(X[:, None, :] - X[None, :, :])
d = np.sqrt(np.einsum("ija,ab,ijb->ij", D, W, D))
J = np.eye(N) - 1 / N
B = -0.5 * J @ (d ** 2) @ J
ev, V = np.linalg.eigh(B)
print("negative fraction of B's spectrum: %.3f" % (-ev[ev < 0].sum() / np.abs(ev).sum()))
iu = np.triu_indices(N, 1)


def least_squares_metric(dist):
    cols = []
    for a in range(F):
        for b in range(a + 1):
            cols.append(D[:, :, a][iu] * D[:, :, b][iu] * (1 if a == b else 2))
    w = np.linalg.lstsq(np.array(cols).T, dist[iu] ** 2, rcond=None)[0]
    M = np.zeros((F, F))
    k = 0
    for a in range(F):
        for b in range(a + 1):
            M[a, b] = M[b, a] = w[k]
            k += 1
    return M / np.linalg.norm(M)


def distances(Y):
    return np.sqrt(((Y[:, None] - Y[None]) ** 2).sum(-1))


pos = ev > 0
classical = distances(V[:, pos] * np.sqrt(ev[pos]))
smacof = distances(MDS(n_components=N - 1, dissimilarity="precomputed", random_state=0,
                       n_init=1, max_iter=3000, eps=1e-9,
                       normalized_stress=False).fit_transform(d))
for name, emb in (("classical MDS", classical), ("SMACOF", smacof)):
    print("%s: Spearman(d, embedded) %.3f, best-fitting W %.3f from W*"
          % (name, spearmanr(emb[iu], d[iu])[0], np.linalg.norm(least_squares_metric(emb) - W)))
