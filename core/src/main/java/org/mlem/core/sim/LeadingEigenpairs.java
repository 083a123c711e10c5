package org.mlem.core.sim;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The few largest eigenpairs of a symmetric matrix by a Lanczos iteration with full
 * reorthogonalization (Golub and Van Loan, Matrix Computations, section 10.1), for
 * {@link ClassicalMds#embedLeading}: a 2-D view of 1,000 stimuli needs two eigenvectors, not
 * the thousand a full decomposition computes. The start vector is a fixed deterministic
 * sequence, so the result depends only on the matrix. Every returned pair is checked by its
 * residual; when one is not accurate enough, or the matrix is small, the caller's full
 * decomposition is used instead ({@code null}).
 */
final class LeadingEigenpairs {
  /** Below this size a full decomposition is as fast. */
  private static final int MIN_SIZE = 200;
  /** Accepted residual |S v - lambda v|, relative to the largest Ritz value's magnitude. */
  private static final double RESIDUAL = 1e-10;

  private LeadingEigenpairs() {}

  /**
   * The {@code wanted} largest eigenvalues (row 0, decreasing) and their unit eigenvectors
   * (rows 1..wanted), or null when the iteration is not accurate enough or not worth it. S is
   * only read.
   */
  static double[][] of(DMatrixRMaj s, int wanted) {
    int u = s.numRows;
    if (u < MIN_SIZE) {
      return null;
    }
    int steps = Math.min(u, Math.max(60, 8 * wanted + 40));
    double[][] q = new double[steps][];
    double[] alpha = new double[steps];
    double[] beta = new double[steps];
    double[] v = new double[u];
    for (int g = 0; g < u; g++) {
      v[g] = Math.sin(1.0 + 0.7548776662466927 * g);
    }
    scale(v, 1.0 / Math.sqrt(dot(v, v)));
    int m = 0;
    double norm = 0;
    for (int j = 0; j < steps; j++) {
      q[j] = v;
      m = j + 1;
      double[] w = times(s, v);
      if (j > 0) {
        axpy(-beta[j - 1], q[j - 1], w);
      }
      alpha[j] = dot(w, v);
      axpy(-alpha[j], v, w);
      for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i <= j; i++) {
          axpy(-dot(w, q[i]), q[i], w);
        }
      }
      beta[j] = Math.sqrt(dot(w, w));
      norm = Math.max(norm, Math.abs(alpha[j]) + beta[j]);
      if (beta[j] <= 1e-13 * norm) {
        break; // an invariant subspace: its Ritz pairs are exact
      }
      v = w;
      scale(v, 1.0 / beta[j]);
    }
    if (m < wanted) {
      return null;
    }
    DMatrixRMaj t = new DMatrixRMaj(m, m);
    for (int j = 0; j < m; j++) {
      t.set(j, j, alpha[j]);
      if (j + 1 < m) {
        t.set(j, j + 1, beta[j]);
        t.set(j + 1, j, beta[j]);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m, true, true);
    if (!eig.decompose(t)) {
      return null;
    }
    double[] theta = new double[m];
    for (int k = 0; k < m; k++) {
      theta[k] = eig.getEigenvalue(k).getReal();
    }
    Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -theta[k]));
    double largest = 0;
    for (double th : theta) {
      largest = Math.max(largest, Math.abs(th));
    }
    double[][] pairs = new double[wanted + 1][];
    pairs[0] = new double[wanted];
    for (int c = 0; c < wanted; c++) {
      int k = order[c];
      DMatrixRMaj y = eig.getEigenVector(k);
      if (y == null || !Double.isFinite(theta[k])) {
        return null;
      }
      double[] x = new double[u];
      for (int j = 0; j < m; j++) {
        axpy(y.get(j, 0), q[j], x);
      }
      scale(x, 1.0 / Math.sqrt(dot(x, x)));
      double[] r = times(s, x);
      axpy(-theta[k], x, r);
      if (!(Math.sqrt(dot(r, r)) <= RESIDUAL * Math.max(largest, Double.MIN_NORMAL))) {
        return null;
      }
      pairs[0][c] = theta[k];
      pairs[c + 1] = x;
    }
    return pairs;
  }

  private static double[] times(DMatrixRMaj s, double[] v) {
    int u = s.numRows;
    double[] out = new double[u];
    for (int r = 0; r < u; r++) {
      double sum = 0;
      for (int c = 0, o = r * u; c < u; c++) {
        sum += s.data[o + c] * v[c];
      }
      out[r] = sum;
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += a[k] * b[k];
    }
    return sum;
  }

  /** y += a x. */
  private static void axpy(double a, double[] x, double[] y) {
    for (int k = 0; k < y.length; k++) {
      y[k] += a * x[k];
    }
  }

  private static void scale(double[] x, double a) {
    for (int k = 0; k < x.length; k++) {
      x[k] *= a;
    }
  }
}
