package org.mlem.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The projections of the projected metrics onto the positive semidefinite (or non-negative)
 * matrices of unit Frobenius norm, on hand-checkable cases and invariants.
 */
class ProjectedMetricTest {
  private static final double EXACT = 1e-12;

  @Test
  void aPositiveSemidefiniteMatrixIsOnlyRescaled() {
    ProjectedSpdMetric p = new ProjectedSpdMetric(2);
    // W = [[2, 1], [1, 2]] (eigenvalues 3 and 1), ||W||_F = sqrt(10).
    double[] params = {2, 1, 2};
    p.project(params);
    double r = Math.sqrt(10);
    assertArrayEquals(new double[] {2 / r, 1 / r, 2 / r}, params, EXACT);
  }

  @Test
  void negativeEigenvaluesAreClippedAtZero() {
    ProjectedSpdMetric p = new ProjectedSpdMetric(2);
    // W = [[0, 1], [1, 0]]: eigenvalues 1 (q = (1, 1) / sqrt 2) and -1. Clipped: q q^T =
    // [[0.5, 0.5], [0.5, 0.5]], Frobenius norm 1.
    double[] params = {0, 1, 0};
    p.project(params);
    assertArrayEquals(new double[] {0.5, 0.5, 0.5}, params, EXACT);
    // diag(3, -1) -> diag(1, 0).
    double[] diagonal = {3, 0, -1};
    p.project(diagonal);
    assertArrayEquals(new double[] {1, 0, 0}, diagonal, EXACT);
  }

  @Test
  void withNoPositiveEigenvalueTheLargestEigenvectorIsKept() {
    ProjectedSpdMetric p = new ProjectedSpdMetric(2);
    // diag(-1, -3): the nearest unit-norm PSD matrix is e1 e1^T.
    double[] params = {-1, 0, -3};
    p.project(params);
    assertArrayEquals(new double[] {1, 0, 0}, params, EXACT);
  }

  @Test
  void projectionsArePositiveSemidefiniteUnitNormAndIdempotent() {
    for (int f : new int[] {1, 3, 6, 12}) {
      ProjectedSpdMetric p = new ProjectedSpdMetric(f);
      SplittableRandom random = new SplittableRandom(f);
      for (int trial = 0; trial < 20; trial++) {
        double[] params = random.doubles(p.parameterCount(), -1, 1).toArray();
        p.project(params);
        double[][] w = PhiExpansion.matrix(params, f, true);
        double squares = 0;
        for (double[] row : w) {
          for (double v : row) {
            squares += v * v;
          }
        }
        assertEquals(1.0, Math.sqrt(squares), 1e-12);
        // PSD: x^T W x >= 0 for random directions (to rounding).
        for (int k = 0; k < 50; k++) {
          double[] x = random.doubles(f, -1, 1).toArray();
          double q = 0;
          for (int a = 0; a < f; a++) {
            for (int b = 0; b < f; b++) {
              q += x[a] * w[a][b] * x[b];
            }
          }
          assertTrue(q >= -1e-12, "x^T W x = " + q);
        }
        double[] again = params.clone();
        p.project(again);
        assertArrayEquals(params, again, 1e-12);
      }
    }
  }

  @Test
  void diagonalProjectionClipsNegativeWeights() {
    ProjectedDiagonalMetric p = new ProjectedDiagonalMetric(3);
    double[] params = {3, -2, 4};
    p.project(params);
    assertArrayEquals(new double[] {0.6, 0, 0.8}, params, EXACT);
    double[] allNegative = {-3, -1, -2};
    p.project(allNegative);
    assertArrayEquals(new double[] {0, 1, 0}, allNegative, EXACT);
  }

  @Test
  void nonFiniteEntriesAreRefused() {
    double[] params = {1, Double.NaN, 1};
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> new ProjectedSpdMetric(2).project(params));
    assertEquals("cannot project W of ProjectedSpdMetric with 2 features: entry (1, 0) is NaN",
        e.getMessage());
    assertThrows(ArithmeticException.class,
        () -> new ProjectedDiagonalMetric(2).project(new double[] {1, Double.NaN}));
  }

  @Test
  void mlemUsesTheProjectedMetricsByDefaultAndCholeskyOnRequest() {
    assertTrue(Parametrizations.of(Model.MLEM, 3, true) instanceof ProjectedSpdMetric);
    assertTrue(Parametrizations.of(Model.MLEM, 3, false) instanceof ProjectedDiagonalMetric);
    assertTrue(Parametrizations.of(Model.MLEM, 3, true, Parametrization.CHOLESKY)
        instanceof SpdCholeskyMetric);
    assertTrue(Parametrizations.of(Model.MLEM, 3, false, Parametrization.CHOLESKY)
        instanceof SoftplusDiagonalMetric);
    assertTrue(Parametrizations.of(Model.FRRSA_I, 3, true, Parametrization.PROJECTED)
        instanceof SymmetricMetric);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Parametrization.parse("expm"));
    assertEquals("parametrization must be one of projected, cholesky, found 'expm'",
        e.getMessage());
  }
}
