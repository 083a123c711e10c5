package org.mlem.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.testing.GradientCheck;

class PhiExpansionTest {
  /** Absolute/relative tolerance of phi . w against delta^T W delta (brief: 1e-12). */
  private static final double QUADRATIC_FORM = 1e-12;

  @Test
  void termCountIsTriangularWithInteractionsAndFeatureCountWithout() {
    assertEquals(1, PhiExpansion.termCount(1, true));
    assertEquals(3, PhiExpansion.termCount(2, true));
    assertEquals(78, PhiExpansion.termCount(12, true));
    assertEquals(12, PhiExpansion.termCount(12, false));
  }

  @Test
  void termIndexFollowsLowerTriangularRowMajorOrder() {
    int[][] order = {{0, 0}, {1, 0}, {1, 1}, {2, 0}, {2, 1}, {2, 2}, {3, 0}};
    for (int t = 0; t < order.length; t++) {
      assertEquals(t, PhiExpansion.termIndex(order[t][0], order[t][1]));
      assertEquals(t, PhiExpansion.termIndex(order[t][1], order[t][0]), "unordered pair");
      assertArrayEquals(order[t], PhiExpansion.termFeatures(t));
    }
  }

  @Test
  void termFeaturesInvertsTermIndexForManyFeatures() {
    for (int a = 0; a < 300; a++) {
      for (int b = 0; b <= a; b++) {
        int t = PhiExpansion.termIndex(a, b);
        assertArrayEquals(new int[] {a, b}, PhiExpansion.termFeatures(t));
      }
    }
  }

  @Test
  void expandWritesSquaresAndDoubledProducts() {
    double[] delta = {1, 2, 3, 0.5, 0, 1};
    double[] phi = new double[12];
    PhiExpansion.expand(delta, 2, 3, true, phi);
    // (0,0)=1, (1,0)=2*2*1, (1,1)=4, (2,0)=2*3*1, (2,1)=2*3*2, (2,2)=9; then the second row.
    assertArrayEquals(new double[] {1, 4, 4, 6, 12, 9, 0.25, 0, 0, 1, 0, 1}, phi, 0.0);
    double[] diagonal = new double[6];
    PhiExpansion.expand(delta, 2, 3, false, diagonal);
    assertArrayEquals(new double[] {1, 4, 9, 0.25, 0, 1}, diagonal, 0.0);
  }

  @Test
  void predictEqualsTheQuadraticFormOfTheSymmetricMatrix() {
    SplittableRandom random = new SplittableRandom(11);
    for (int featureCount : new int[] {1, 2, 5, 12}) {
      int rows = 40;
      int termCount = PhiExpansion.termCount(featureCount, true);
      double[][] w = randomSymmetric(random, featureCount);
      double[] coefficients = new double[termCount];
      for (int a = 0; a < featureCount; a++) {
        for (int b = 0; b <= a; b++) {
          coefficients[PhiExpansion.termIndex(a, b)] = w[a][b];
        }
      }
      double[] delta = random.doubles(rows * featureCount, 0, 1).toArray();
      double[] phi = new double[rows * termCount];
      double[] s = new double[rows];
      PhiExpansion.expand(delta, rows, featureCount, true, phi);
      PhiExpansion.predict(phi, rows, termCount, coefficients, s);
      for (int r = 0; r < rows; r++) {
        double expected = quadraticForm(w, delta, r * featureCount);
        assertEquals(expected, s[r], QUADRATIC_FORM * Math.max(1, Math.abs(expected)));
      }
      assertArrayEquals(flatten(w), flatten(PhiExpansion.matrix(coefficients, featureCount, true)), 0);
    }
  }

  @Test
  void predictWithoutInteractionsEqualsTheDiagonalQuadraticForm() {
    SplittableRandom random = new SplittableRandom(12);
    int featureCount = 7;
    int rows = 30;
    double[] weights = random.doubles(featureCount, -1, 1).toArray();
    double[][] w = PhiExpansion.matrix(weights, featureCount, false);
    double[] delta = random.doubles(rows * featureCount, 0, 1).toArray();
    double[] phi = new double[rows * featureCount];
    double[] s = new double[rows];
    PhiExpansion.expand(delta, rows, featureCount, false, phi);
    PhiExpansion.predict(phi, rows, featureCount, weights, s);
    for (int r = 0; r < rows; r++) {
      assertEquals(quadraticForm(w, delta, r * featureCount), s[r], QUADRATIC_FORM);
    }
  }

  @Test
  void transposeTimesIsTheGradientOfTheLinearScore() {
    SplittableRandom random = new SplittableRandom(13);
    int featureCount = 5;
    int rows = 25;
    int termCount = PhiExpansion.termCount(featureCount, true);
    double[] delta = random.doubles(rows * featureCount, 0, 1).toArray();
    double[] phi = new double[rows * termCount];
    PhiExpansion.expand(delta, rows, featureCount, true, phi);
    double[] g = random.doubles(rows, -1, 1).toArray();
    double[] gradient = new double[termCount];
    PhiExpansion.transposeTimes(phi, rows, termCount, g, gradient);
    for (int k = 0; k < termCount; k++) {
      double expected = 0;
      for (int r = 0; r < rows; r++) {
        expected += phi[r * termCount + k] * g[r];
      }
      assertEquals(expected, gradient[k], 1e-12);
    }
    double[] s = new double[rows];
    GradientCheck.assertMatches(
        w -> {
          PhiExpansion.predict(phi, rows, termCount, w, s);
          double score = 0;
          for (int r = 0; r < rows; r++) {
            score += g[r] * s[r];
          }
          return score;
        },
        random.doubles(termCount, -1, 1).toArray(),
        gradient);
  }

  @Test
  void buffersLongerThanNeededAreAcceptedAndTheirTailUntouched() {
    double[] delta = {1, 2, 9, 9};
    double[] phi = {7, 7, 7, 7, 7};
    PhiExpansion.expand(delta, 1, 2, true, phi);
    assertArrayEquals(new double[] {1, 4, 4, 7, 7}, phi, 0);
    double[] out = {5, 5, 5, 5};
    PhiExpansion.transposeTimes(phi, 1, 3, new double[] {2}, out);
    assertArrayEquals(new double[] {2, 8, 8, 5}, out, 0);
  }

  @Test
  void termNamesPutTheEarlierFeatureFirst() {
    assertArrayEquals(
        new String[] {"x", "x:y", "y", "x:z", "y:z", "z"},
        PhiExpansion.termNames(List.of("x", "y", "z"), true));
    assertArrayEquals(
        new String[] {"x", "y", "z"}, PhiExpansion.termNames(List.of("x", "y", "z"), false));
  }

  @Test
  void callerMistakesAreExplained() {
    assertEquals(
        "featureCount must be >= 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> PhiExpansion.termCount(0, true))
            .getMessage());
    assertEquals(
        "phiOut must have length >= 6 (2 x 3), found 5",
        assertThrows(
                IllegalArgumentException.class,
                () -> PhiExpansion.expand(new double[4], 2, 2, true, new double[5]))
            .getMessage());
    assertEquals(
        "term must be >= 0, found -1",
        assertThrows(IllegalArgumentException.class, () -> PhiExpansion.termFeatures(-1))
            .getMessage());
    assertEquals(
        "feature indices must be >= 0, found (1, -2)",
        assertThrows(IllegalArgumentException.class, () -> PhiExpansion.termIndex(1, -2))
            .getMessage());
    assertEquals(
        "coefficients must have 3 values for 2 features with interactions, found 2",
        assertThrows(
                IllegalArgumentException.class, () -> PhiExpansion.matrix(new double[2], 2, true))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> PhiExpansion.termNames(List.of(), true));
  }

  static double[][] randomSymmetric(SplittableRandom random, int featureCount) {
    double[][] w = new double[featureCount][featureCount];
    for (int a = 0; a < featureCount; a++) {
      for (int b = 0; b <= a; b++) {
        w[a][b] = random.nextDouble(-1, 1);
        w[b][a] = w[a][b];
      }
    }
    return w;
  }

  private static double quadraticForm(double[][] w, double[] delta, int offset) {
    double sum = 0;
    for (int a = 0; a < w.length; a++) {
      for (int b = 0; b < w.length; b++) {
        sum += delta[offset + a] * w[a][b] * delta[offset + b];
      }
    }
    return sum;
  }

  private static double[] flatten(double[][] m) {
    return java.util.Arrays.stream(m).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  /** The dense row-by-row forms the sparse kernels must equal bit for bit. */
  private static double densePrediction(double[] d, int o, int f, double[] w) {
    double sum = 0;
    int k = 0;
    for (int a = 0; a < f; a++) {
      double cross = 0;
      for (int b = 0; b < a; b++) {
        cross += w[k++] * d[o + b];
      }
      sum += d[o + a] * (2 * cross + w[k++] * d[o + a]);
    }
    return sum;
  }

  @Test
  void predictionsAndGradientFromSparseDeltaEqualTheDenseSumsBitForBit() {
    SplittableRandom random = new SplittableRandom(14);
    int f = 9;
    int rows = 700;
    int terms = PhiExpansion.termCount(f, true);
    double[] delta = new double[rows * f];
    for (int i = 0; i < delta.length; i++) {
      // most pairs differ on a few features only; some rows are all zero
      delta[i] = random.nextDouble() < 0.55 || i / f % 50 == 0 ? 0.0 : random.nextDouble(-1, 2);
    }
    double[] w = new double[terms];
    for (int k = 0; k < terms; k++) {
      w[k] = random.nextGaussian();
    }
    double[] g = new double[rows];
    for (int i = 0; i < rows; i++) {
      g[i] = random.nextGaussian();
    }
    double[] s = new double[rows];
    PhiExpansion.predictFromDelta(delta, rows, f, true, w, s);
    double[] denseGrad = new double[terms];
    for (int i = 0; i < rows; i++) {
      assertEquals(densePrediction(delta, i * f, f, w), s[i], 0.0, "pair " + i);
      int k = 0;
      for (int a = 0; a < f; a++) {
        double ga = g[i] * delta[i * f + a];
        for (int b = 0; b < a; b++) {
          denseGrad[k++] += 2 * ga * delta[i * f + b];
        }
        denseGrad[k++] += ga * delta[i * f + a];
      }
    }
    double[] grad = new double[terms];
    PhiExpansion.transposeTimesFromDelta(delta, rows, f, true, g, grad);
    assertArrayEquals(denseGrad, grad, 0.0);

    // and equal to the materialized phi up to rounding
    double[] phi = new double[rows * terms];
    PhiExpansion.expand(delta, rows, f, true, phi);
    double[] viaPhi = new double[terms];
    PhiExpansion.transposeTimes(phi, rows, terms, g, viaPhi);
    for (int k = 0; k < terms; k++) {
      assertEquals(viaPhi[k], grad[k], 1e-12 * Math.max(1, Math.abs(viaPhi[k])));
    }

    // ranges of pairs and of features put together give the same bits
    double[] parts = new double[rows];
    PhiExpansion.predictFromDelta(delta, 0, 333, f, true, w, parts);
    PhiExpansion.predictFromDelta(delta, 333, rows, f, true, w, parts);
    assertArrayEquals(s, parts, 0.0);
    double[] split = new double[terms];
    java.util.Arrays.fill(split, Double.NaN);
    PhiExpansion.transposeTimesFromDelta(delta, rows, f, true, g, split, 0, 6);
    PhiExpansion.transposeTimesFromDelta(delta, rows, f, true, g, split, 6, f);
    assertArrayEquals(grad, split, 0.0);
    double[] diagonal = new double[f];
    double[] diagonalSplit = new double[f];
    PhiExpansion.transposeTimesFromDelta(delta, rows, f, false, g, diagonal);
    PhiExpansion.transposeTimesFromDelta(delta, rows, f, false, g, diagonalSplit, 0, 4);
    PhiExpansion.transposeTimesFromDelta(delta, rows, f, false, g, diagonalSplit, 4, f);
    assertArrayEquals(diagonal, diagonalSplit, 0.0);
    double sumSquares = 0;
    for (int i = 0; i < rows; i++) {
      sumSquares += g[i] * delta[i * f + 2] * delta[i * f + 2];
    }
    assertEquals(sumSquares, diagonal[2], 0.0);
  }
}
