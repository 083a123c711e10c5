package org.mlem.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * The Lanczos iteration on S = H diag(lambda) H with H = I - 2 h h^T (a Householder reflection,
 * so the eigenvectors are H's columns and the eigenvalues are lambda, by construction).
 */
class LeadingEigenpairsTest {
  private static final int N = 300;

  private static double[] unitVector(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] h = random.doubles(N, -1, 1).toArray();
    double norm = 0;
    for (double x : h) {
      norm += x * x;
    }
    for (int k = 0; k < N; k++) {
      h[k] /= Math.sqrt(norm);
    }
    return h;
  }

  private static DMatrixRMaj matrix(double[] lambda, double[] h) {
    DMatrixRMaj s = new DMatrixRMaj(N, N);
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        double sum = 0;
        for (int k = 0; k < N; k++) {
          double hik = (i == k ? 1 : 0) - 2 * h[i] * h[k];
          double hjk = (j == k ? 1 : 0) - 2 * h[j] * h[k];
          sum += hik * lambda[k] * hjk;
        }
        s.set(i, j, sum);
      }
    }
    return s;
  }

  @Test
  void findsTheLargestEigenpairsOfAKnownMatrix() {
    double[] lambda = new double[N];
    for (int k = 0; k < N; k++) {
      lambda[k] = k == 17 ? 40 : k == 3 ? 25 : k == 250 ? -60 : 1.0 / (1 + k);
    }
    double[] h = unitVector(5);
    double[][] pairs = LeadingEigenpairs.of(matrix(lambda, h), 2);
    assertNotNull(pairs, "accepted");
    assertEquals(40, pairs[0][0], 1e-9, "largest, not the largest in magnitude (-60)");
    assertEquals(25, pairs[0][1], 1e-9);
    int[] column = {17, 3};
    for (int c = 0; c < 2; c++) {
      double dot = 0;
      for (int i = 0; i < N; i++) {
        double hic = (i == column[c] ? 1 : 0) - 2 * h[i] * h[column[c]];
        dot += hic * pairs[c + 1][i];
      }
      assertEquals(1.0, Math.abs(dot), 1e-9, "eigenvector " + c + " is H's column");
    }
  }

  @Test
  void aSmallMatrixIsLeftToTheFullDecomposition() {
    assertNull(LeadingEigenpairs.of(new DMatrixRMaj(10, 10), 2));
  }
}
