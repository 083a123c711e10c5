package org.mlem.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SimulationStudyTest {
  /**
   * With W* like scikit-learn's make_spd_matrix, d_ij = sqrt(delta^T W* delta) is in general
   * not Euclidean (B = -J D^2 J / 2 has negative eigenvalues), so no embedding reproduces it;
   * classical MDS keeps exactly B's positive part B+. Checked without an eigendecomposition:
   * the centred Gram matrix G of the representations satisfies {@code <B, G> = ||G||^2} and
   * {@code x^T (B - G) x <= 0} for any x (B - G = B- is negative semidefinite).
   */
  @Test
  void noiselessRepresentationsAreThePositivePartOfTheGroundTruthGeometry() {
    assertIsPositivePartOfTruth(SimulationStudy.generate(80, 4, 40, 0.0, 31));
    // The check fails on representations that are not B's positive part (noise added).
    assertThrows(AssertionError.class,
        () -> assertIsPositivePartOfTruth(SimulationStudy.generate(80, 4, 40, 0.5, 31)));
  }

  private static void assertIsPositivePartOfTruth(SyntheticDataset data) {
    int n = data.size();
    int dims = data.dims();
    double[][] d2 = new double[n][n];
    double[] truth = truthDistances(data);
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++, p++) {
        d2[i][j] = d2[j][i] = truth[p] * truth[p];
      }
    }
    double[] rowMean = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        rowMean[i] += d2[i][j] / n;
      }
      total += rowMean[i] / n;
    }
    double[][] b = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i][j] = -0.5 * (d2[i][j] - rowMean[i] - rowMean[j] + total);
      }
    }
    double[][] y = new double[n][dims];
    double[] mean = new double[dims];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < dims; k++) {
        y[i][k] = data.representations()[i * dims + k];
        mean[k] += y[i][k] / n;
      }
    }
    double inner = 0;
    double gramSquares = 0;
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int k = 0; k < dims; k++) {
          sum += (y[i][k] - mean[k]) * (y[j][k] - mean[k]);
        }
        g[i][j] = sum;
        inner += b[i][j] * sum;
        gramSquares += sum * sum;
      }
    }
    // Representations are float32: agreement to float precision.
    assertEquals(gramSquares, inner, 1e-4 * gramSquares, "<B, G> = ||G||^2");
    SplittableRandom random = new SplittableRandom(5);
    double scale = Math.sqrt(gramSquares);
    for (int trial = 0; trial < 30; trial++) {
      double[] x = random.doubles(n, -1, 1).toArray();
      double q = 0;
      double norm = 0;
      for (int i = 0; i < n; i++) {
        norm += x[i] * x[i];
        for (int j = 0; j < n; j++) {
          q += x[i] * (b[i][j] - g[i][j]) * x[j];
        }
      }
      assertTrue(q <= 1e-4 * scale * norm, "x^T (B - G) x = " + q + " must be <= 0");
    }
  }

  @Test
  void noiseWeakensTheDistanceCorrelation() {
    double clean = distanceCorrelation(SimulationStudy.generate(80, 4, 40, 0.0, 37));
    double noisy = distanceCorrelation(SimulationStudy.generate(80, 4, 40, 1.0, 37));
    assertTrue(noisy < clean - 0.05, "clean " + clean + ", noisy " + noisy);
  }

  /**
   * Pearson correlation, over all pairs, between d_ij = sqrt(delta^T W* delta) recomputed
   * independently from the feature columns and W*, and the Euclidean distances of the
   * representations.
   */
  private static double distanceCorrelation(SyntheticDataset data) {
    int n = data.size();
    int dims = data.dims();
    double[] truth = truthDistances(data);
    double[] embedded = new double[truth.length];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++, p++) {
        double sum = 0;
        for (int d = 0; d < dims; d++) {
          double diff = data.representations()[i * dims + d] - data.representations()[j * dims + d];
          sum += diff * diff;
        }
        embedded[p] = Math.sqrt(sum);
      }
    }
    return pearson(truth, embedded);
  }

  /** d_ij = sqrt(delta^T W* delta) recomputed from the feature columns and W*, i < j. */
  private static double[] truthDistances(SyntheticDataset data) {
    int n = data.size();
    int features = data.features().size();
    double[][] w = data.trueWeights();
    assertNotNull(w);
    int pairs = n * (n - 1) / 2;
    double[] truth = new double[pairs];
    double[] delta = new double[features];
    int p = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++, p++) {
        for (int f = 0; f < features; f++) {
          String[] values = data.features().get(f).categories();
          delta[f] = values[i].equals(values[j]) ? 0 : 1;
        }
        double q = 0;
        for (int a = 0; a < features; a++) {
          for (int b = 0; b < features; b++) {
            q += delta[a] * w[a][b] * delta[b];
          }
        }
        truth[p] = Math.sqrt(q);
      }
    }
    return truth;
  }

  @Test
  void noiseChangesRepresentationsButKeepsFeaturesAndMetric() {
    SyntheticDataset clean = SimulationStudy.generate(60, 3, 20, 0.0, 32);
    SyntheticDataset noisy = SimulationStudy.generate(60, 3, 20, 2.0, 32);
    assertEquals(clean.features(), noisy.features());
    assertTrue(Arrays.deepEquals(clean.trueWeights(), noisy.trueWeights()));
    assertFalse(Arrays.equals(clean.representations(), noisy.representations()));
  }

  @Test
  void shapesNamesAndBalancedBinaryFeatures() {
    int n = 400;
    SyntheticDataset data = SimulationStudy.generate(n, 5, 10, 0.5, 33);
    assertEquals(n, data.size());
    assertEquals(10, data.dims());
    assertEquals(n * 10, data.representations().length);
    assertEquals("s0", data.ids().get(0));
    assertEquals("s399", data.ids().get(n - 1));
    assertEquals(5, data.features().size());
    assertEquals(5, data.trueWeights().length);
    for (int f = 0; f < 5; f++) {
      SyntheticColumn column = data.features().get(f);
      assertEquals("f" + f, column.name());
      assertTrue(column.categorical());
      long countA = Arrays.stream(column.categories()).filter("A"::equals).count();
      long countB = Arrays.stream(column.categories()).filter("B"::equals).count();
      assertEquals(n, countA + countB, "only A and B expected in " + column.name());
      // binomial(400, 0.5): sd 10, so +-50 is 5 sd
      assertEquals(n / 2.0, countA, 50, "A count of " + column.name());
    }
    assertTrue(data.description().contains("n=400"), data.description());
  }

  @Test
  void sameSeedSameDatasetBitForBitOtherSeedDiffers() {
    SyntheticDataset a = SimulationStudy.generate(30, 3, 5, 1.0, 34);
    SyntheticDataset b = SimulationStudy.generate(30, 3, 5, 1.0, 34);
    assertEquals(a, b);
    assertArrayEquals(a.representations(), b.representations(), 0.0f);
    assertFalse(a.equals(SimulationStudy.generate(30, 3, 5, 1.0, 35)));
  }

  @Test
  void paperScaleRunsInAFewSeconds() {
    long start = System.nanoTime();
    SyntheticDataset data = SimulationStudy.generate(1000, 6, 64, 0.0, 36);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(64_000, data.representations().length);
    assertIsPositivePartOfTruth(data);
    // about 1.5 s alone on one core; generous because the build machine is shared
    assertTrue(seconds < 15, "n=1000 F=6 D=64 took " + seconds + " s");
  }

  @Test
  void rejectsInvalidArguments() {
    assertMessage("stimuli must be >= 4, found 3", () -> SimulationStudy.generate(3, 2, 2, 0, 1));
    assertMessage("features must be >= 1, found 0", () -> SimulationStudy.generate(10, 0, 2, 0, 1));
    assertMessage("dims must be in [1, stimuli] = [1, 10], found 0",
        () -> SimulationStudy.generate(10, 2, 0, 0, 1));
    assertMessage("dims must be in [1, stimuli] = [1, 10], found 11",
        () -> SimulationStudy.generate(10, 2, 11, 0, 1));
    assertMessage("noise level must be finite and >= 0, found -1.0",
        () -> SimulationStudy.generate(10, 2, 2, -1, 1));
    assertMessage("noise level must be finite and >= 0, found Infinity",
        () -> SimulationStudy.generate(10, 2, 2, Double.POSITIVE_INFINITY, 1));
  }

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }

  private static double pearson(double[] x, double[] y) {
    double meanX = 0;
    double meanY = 0;
    for (int k = 0; k < x.length; k++) {
      meanX += x[k];
      meanY += y[k];
    }
    meanX /= x.length;
    meanY /= y.length;
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int k = 0; k < x.length; k++) {
      sxy += (x[k] - meanX) * (y[k] - meanY);
      sxx += (x[k] - meanX) * (x[k] - meanX);
      syy += (y[k] - meanY) * (y[k] - meanY);
    }
    return sxy / Math.sqrt(sxx * syy);
  }
}
