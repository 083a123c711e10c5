package org.mlem.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.core.testing.GradientCheck;

/** Properties shared by every parametrization, for F = 1, 2, 5, 12. */
class MetricParametrizationTest {
  /** Tolerance of invariants computed in double precision (norms, symmetry, brute force). */
  private static final double INVARIANT = 1e-12;

  private static final int[] FEATURE_COUNTS = {1, 2, 5, 12};

  static Stream<Arguments> parametrizations() {
    List<Arguments> cases = new ArrayList<>();
    List<IntFunction<MetricParametrization>> kinds =
        List.of(SpdCholeskyMetric::new, SoftplusDiagonalMetric::new, SymmetricMetric::new,
            ProjectedSpdMetric::new, ProjectedDiagonalMetric::new);
    for (IntFunction<MetricParametrization> kind : kinds) {
      for (int featureCount : FEATURE_COUNTS) {
        MetricParametrization p = kind.apply(featureCount);
        cases.add(Arguments.of(p.toString(), p));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parametrizations")
  void countsAgreeWithThePhiExpansion(String name, MetricParametrization p) {
    int expected = PhiExpansion.termCount(p.featureCount(), p.interactions());
    assertEquals(expected, p.coefficientCount());
    assertEquals(expected, p.parameterCount());
    assertEquals(expected, p.initialParameters(1).length);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parametrizations")
  void backwardMatchesFiniteDifferences(String name, MetricParametrization p) {
    SplittableRandom random = new SplittableRandom(21 + p.featureCount());
    for (int trial = 0; trial < 3; trial++) {
      double[] params = p.initialParameters(100 + trial);
      double[] c = random.doubles(p.coefficientCount(), -1, 1).toArray();
      double[] gradient = new double[p.parameterCount()];
      p.backward(params, c, gradient);
      GradientCheck.assertMatches(x -> dot(c, p.coefficients(x)), params, gradient);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parametrizations")
  void backwardMatchesFiniteDifferencesAwayFromTheInitialRange(
      String name, MetricParametrization p) {
    SplittableRandom random = new SplittableRandom(31 + p.featureCount());
    double[] params = random.doubles(p.parameterCount(), -4, 4).toArray();
    double[] c = random.doubles(p.coefficientCount(), -1, 1).toArray();
    double[] gradient = new double[p.parameterCount()];
    p.backward(params, c, gradient);
    GradientCheck.assertMatches(x -> dot(c, p.coefficients(x)), params, gradient);
  }

  /** The whole chain of a training step's linear part: params -> W -> s = Phi w -> g . s. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("parametrizations")
  void backwardThroughThePhiExpansionMatchesFiniteDifferences(
      String name, MetricParametrization p) {
    SplittableRandom random = new SplittableRandom(41 + p.featureCount());
    int rows = 30;
    int featureCount = p.featureCount();
    int termCount = p.coefficientCount();
    double[] delta = random.doubles(rows * featureCount, 0, 1).toArray();
    double[] phi = new double[rows * termCount];
    PhiExpansion.expand(delta, rows, featureCount, p.interactions(), phi);
    double[] g = random.doubles(rows, -1, 1).toArray();
    double[] gradCoefficients = new double[termCount];
    PhiExpansion.transposeTimes(phi, rows, termCount, g, gradCoefficients);
    double[] params = p.initialParameters(7);
    double[] gradient = new double[p.parameterCount()];
    p.backward(params, gradCoefficients, gradient);
    double[] s = new double[rows];
    GradientCheck.assertMatches(
        x -> {
          PhiExpansion.predict(phi, rows, termCount, p.coefficients(x), s);
          return dot(g, s);
        },
        params,
        gradient);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parametrizations")
  void metricIsSymmetricWithUnitFrobeniusNorm(String name, MetricParametrization p) {
    for (long seed = 0; seed < 5; seed++) {
      double[][] w = p.matrix(p.initialParameters(seed));
      double squares = 0;
      for (int a = 0; a < w.length; a++) {
        for (int b = 0; b < w.length; b++) {
          assertEquals(w[a][b], w[b][a], 0.0);
          squares += w[a][b] * w[a][b];
          if (!p.interactions() && a != b) {
            assertEquals(0.0, w[a][b], 0.0);
          }
        }
      }
      assertEquals(1.0, Math.sqrt(squares), INVARIANT);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parametrizations")
  void initialParametersAreDeterministicBySeed(String name, MetricParametrization p) {
    assertArrayEquals(p.initialParameters(42), p.initialParameters(42), 0.0);
    if (p instanceof ProjectedSpdMetric || p instanceof ProjectedDiagonalMetric) {
      // The projected metrics start from I / sqrt(F) whatever the seed.
      assertArrayEquals(p.initialParameters(42), p.initialParameters(43), 0.0);
      double[][] w = p.matrix(p.initialParameters(42));
      for (int a = 0; a < w.length; a++) {
        for (int b = 0; b < w.length; b++) {
          assertEquals(a == b ? 1.0 / Math.sqrt(w.length) : 0.0, w[a][b], INVARIANT);
        }
      }
      return;
    }
    double[] first = p.initialParameters(42);
    double[] other = p.initialParameters(43);
    assertFalse(java.util.Arrays.equals(first, other), "different seeds give different values");
    // The brief fixes the generator: SplittableRandom(seed), values drawn in term order.
    SplittableRandom random = new SplittableRandom(42);
    double expected = p instanceof SoftplusDiagonalMetric ? random.nextDouble() : random.nextDouble(-1, 1);
    assertEquals(expected, first[0], 0.0);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parametrizations")
  void wrongArrayLengthsAreExplained(String name, MetricParametrization p) {
    int n = p.parameterCount();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> p.coefficients(new double[n + 1], new double[p.coefficientCount()]));
    assertEquals("params must have length " + n + " for " + p + ", found " + (n + 1), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> p.backward(p.initialParameters(1), new double[p.coefficientCount() + 1], new double[n]));
    assertThrows(
        IllegalArgumentException.class,
        () -> p.backward(p.initialParameters(1), new double[p.coefficientCount()], null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parametrizations")
  void nonFiniteParametersFailNumerically(String name, MetricParametrization p) {
    double[] params = p.initialParameters(3);
    params[0] = Double.NaN;
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> p.coefficients(params));
    assertTrue(e.getMessage().contains("norm is NaN"), e.getMessage());
  }

  @Test
  void spdMetricIsTheNormalizedGramMatrixOfItsCholeskyFactor() {
    for (int featureCount : FEATURE_COUNTS) {
      SpdCholeskyMetric p = new SpdCholeskyMetric(featureCount);
      for (long seed = 0; seed < 5; seed++) {
        double[] params = p.initialParameters(seed);
        double[][] l = new double[featureCount][featureCount];
        for (int a = 0; a < featureCount; a++) {
          for (int b = 0; b <= a; b++) {
            double v = params[PhiExpansion.termIndex(a, b)];
            l[a][b] = a == b ? Math.log(1 + Math.exp(v)) : v;
          }
        }
        double[][] m = new double[featureCount][featureCount];
        double squares = 0;
        for (int a = 0; a < featureCount; a++) {
          for (int b = 0; b < featureCount; b++) {
            for (int k = 0; k < featureCount; k++) {
              m[a][b] += l[a][k] * l[b][k];
            }
            squares += m[a][b] * m[a][b];
          }
        }
        double norm = Math.sqrt(squares);
        double[][] w = p.matrix(params);
        // W is SPD: its Cholesky factor exists and is L / sqrt(||L L^T||_F).
        double[][] chol = cholesky(w);
        for (int a = 0; a < featureCount; a++) {
          for (int b = 0; b < featureCount; b++) {
            assertEquals(m[a][b] / norm, w[a][b], INVARIANT);
            assertEquals(l[a][b] / Math.sqrt(norm), chol[a][b], 1e-10);
          }
        }
      }
    }
  }

  @Test
  void spdMetricIsPositiveDefiniteBeyondTheInitialRange() {
    SpdCholeskyMetric p = new SpdCholeskyMetric(12);
    SplittableRandom random = new SplittableRandom(5);
    for (int trial = 0; trial < 20; trial++) {
      double[] params = random.doubles(p.parameterCount(), -3, 3).toArray();
      cholesky(p.matrix(params)); // fails on a non-positive pivot
    }
  }

  @Test
  void diagonalMetricIsTheNormalizedSoftplusOfItsParameters() {
    SoftplusDiagonalMetric p = new SoftplusDiagonalMetric(5);
    double[] params = {-3, -0.5, 0, 0.5, 3};
    double[] softplus = new double[5];
    double squares = 0;
    for (int f = 0; f < 5; f++) {
      softplus[f] = Math.log(1 + Math.exp(params[f]));
      squares += softplus[f] * softplus[f];
    }
    double[] w = p.coefficients(params);
    for (int f = 0; f < 5; f++) {
      assertEquals(softplus[f] / Math.sqrt(squares), w[f], INVARIANT);
      assertTrue(w[f] >= 0);
    }
    for (double v : p.initialParameters(9)) {
      assertTrue(v >= 0 && v < 1, "init is U(0, 1), found " + v);
    }
  }

  @Test
  void symmetricMetricIsTheNormalizedSymmetrizedLowerTriangle() {
    SymmetricMetric p = new SymmetricMetric(2);
    // sym(V) = [[1, 2], [2, -4]]: ||.||_F = sqrt(1 + 4 + 4 + 16) = 5.
    double[] w = p.coefficients(new double[] {1, 2, -4});
    assertArrayEquals(new double[] {0.2, 0.4, -0.8}, w, INVARIANT);
    boolean negative = false;
    for (double v : p.initialParameters(9)) {
      assertTrue(v >= -1 && v < 1, "init is U(-1, 1), found " + v);
      negative |= v < 0;
    }
    assertTrue(negative, "U(-1, 1) draws negative values too");
  }

  @Test
  void zeroNormIsAnArithmeticFailure() {
    ArithmeticException e =
        assertThrows(
            ArithmeticException.class, () -> new SymmetricMetric(2).coefficients(new double[3]));
    assertEquals(
        "cannot normalize sym(V) of SymmetricMetric with 2 features: its norm is 0.0"
            + " (must be positive and finite)",
        e.getMessage());
    // softplus(-1000) underflows to 0.
    assertThrows(
        ArithmeticException.class,
        () -> new SoftplusDiagonalMetric(2).coefficients(new double[] {-1000, -1000}));
    assertThrows(
        ArithmeticException.class,
        () -> new SymmetricMetric(2).backward(new double[3], new double[3], new double[3]));
  }

  @Test
  void featureCountBelowOneIsRejected() {
    List<IntFunction<MetricParametrization>> kinds =
        List.of(SpdCholeskyMetric::new, SoftplusDiagonalMetric::new, SymmetricMetric::new,
            ProjectedSpdMetric::new, ProjectedDiagonalMetric::new);
    for (IntFunction<MetricParametrization> kind : kinds) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> kind.apply(0));
      assertEquals("featureCount must be >= 1, found 0", e.getMessage());
    }
  }

  /** Plain Cholesky decomposition; fails the test on a non-positive pivot. */
  private static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          assertTrue(sum > 0, "Cholesky pivot " + i + " is " + sum + ": W is not positive definite");
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    return l;
  }

  private static double dot(double[] x, double[] y) {
    double sum = 0;
    for (int k = 0; k < x.length; k++) {
      sum += x[k] * y[k];
    }
    return sum;
  }
}
