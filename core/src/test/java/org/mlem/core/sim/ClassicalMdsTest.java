package org.mlem.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ClassicalMdsTest {
  /** Distances of an exactly Euclidean configuration must be reproduced to rounding. */
  private static final double DISTANCE_TOLERANCE = 1e-8;

  @Test
  void reproducesEuclideanDistancesOfPointsInThreeDimensions() {
    double[][] points = randomPoints(40, new double[] {3.0, 2.0, 0.5}, 11);
    double[][] distances = euclideanDistances(points);
    double[][] embedded = ClassicalMds.embed(distances, 3);
    assertEquals(40, embedded.length);
    assertEquals(3, embedded[0].length);
    double[][] reproduced = euclideanDistances(embedded);
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 40; j++) {
        assertEquals(distances[i][j], reproduced[i][j], DISTANCE_TOLERANCE, "pair " + i + ", " + j);
      }
    }
  }

  @Test
  void duplicatedPointsGetIdenticalCoordinatesAndDistancesAreReproduced() {
    // 600 points that are copies of 5 distinct ones (like stimuli sharing all feature values):
    // the full eigenproblem has a 595-fold null space, which the merged problem avoids.
    double[][] distinct = randomPoints(5, new double[] {2.0, 1.0, 0.5}, 3);
    double[][] points = new double[600][];
    for (int i = 0; i < 600; i++) {
      points[i] = distinct[(i * 7) % 5];
    }
    double[][] distances = euclideanDistances(points);
    double[][] embedded = ClassicalMds.embed(distances, 8);
    double[][] reproduced = euclideanDistances(embedded);
    for (int i = 0; i < 600; i += 7) {
      for (int j = 0; j < 600; j += 5) {
        assertEquals(distances[i][j], reproduced[i][j], DISTANCE_TOLERANCE, "pair " + i + ", " + j);
      }
    }
    for (int c = 0; c < 8; c++) {
      assertEquals(embedded[0][c], embedded[5][c], 0.0, "copies share coordinates");
    }
    for (int c = 3; c < 8; c++) {
      assertEquals(0.0, embedded[1][c], 1e-7, "only 3 dimensions carry variance");
    }
  }

  @Test
  void columnsAreCentredAndOrderedByDecreasingEigenvalue() {
    // axis scales 0.5, 3, 2: the embedding's columns must come out by decreasing spread
    double[][] points = randomPoints(50, new double[] {0.5, 3.0, 2.0}, 12);
    double[][] embedded = ClassicalMds.embed(euclideanDistances(points), 3);
    double[] sumSquares = new double[3];
    for (double[] row : embedded) {
      for (int c = 0; c < 3; c++) {
        sumSquares[c] += row[c] * row[c]; // = the column's eigenvalue
      }
    }
    assertTrue(sumSquares[0] > sumSquares[1] && sumSquares[1] > sumSquares[2],
        "column eigenvalues not decreasing: " + java.util.Arrays.toString(sumSquares));
    for (int c = 0; c < 3; c++) {
      double sum = 0;
      for (double[] row : embedded) {
        sum += row[c];
      }
      assertEquals(0.0, sum, 1e-9, "column " + c + " not centred");
    }
  }

  @Test
  void extraDimensionsBeyondTheRankAreZero() {
    double[][] points = randomPoints(20, new double[] {1.0, 1.0}, 13);
    double[][] embedded = ClassicalMds.embed(euclideanDistances(points), 5);
    for (double[] row : embedded) {
      for (int c = 2; c < 5; c++) {
        assertEquals(0.0, row[c], 1e-6);
      }
    }
  }

  @Test
  void isDeterministicIncludingSigns() {
    double[][] distances = euclideanDistances(randomPoints(30, new double[] {1, 2, 3}, 14));
    double[][] a = ClassicalMds.embed(distances, 3);
    double[][] b = ClassicalMds.embed(distances, 3);
    for (int i = 0; i < 30; i++) {
      assertEquals(java.util.Arrays.toString(a[i]), java.util.Arrays.toString(b[i]));
    }
  }

  @Test
  void rejectsDimsOutOfRange() {
    double[][] distances = euclideanDistances(randomPoints(5, new double[] {1, 1}, 15));
    IllegalArgumentException tooMany =
        assertThrows(IllegalArgumentException.class, () -> ClassicalMds.embed(distances, 6));
    assertEquals("dims must be in [1, n] = [1, 5], found 6", tooMany.getMessage());
    IllegalArgumentException none =
        assertThrows(IllegalArgumentException.class, () -> ClassicalMds.embed(distances, 0));
    assertEquals("dims must be in [1, n] = [1, 5], found 0", none.getMessage());
  }

  @Test
  void rejectsMalformedMatrices() {
    assertMessage("distances must be 2 x 2, found row 1 of length 3",
        new double[][] {{0, 1}, {1, 0, 2}});
    assertMessage("distances must be symmetric, found 2.0 at (1, 0) and 1.0 at (0, 1)",
        new double[][] {{0, 1}, {2, 0}});
    assertMessage("distances must be finite and >= 0, found -1.0 at (0, 1)",
        new double[][] {{0, -1}, {-1, 0}});
    assertMessage("distances must be finite and >= 0, found NaN at (0, 1)",
        new double[][] {{0, Double.NaN}, {Double.NaN, 0}});
    assertMessage("distances must have a zero diagonal, found 1.0 at (0, 0)",
        new double[][] {{1, 1}, {1, 0}});
    assertMessage("distances must be a non-empty n x n matrix, found 0 rows", new double[0][]);
  }

  private static void assertMessage(String expected, double[][] distances) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ClassicalMds.embed(distances, 1));
    assertEquals(expected, e.getMessage());
  }

  static double[][] randomPoints(int n, double[] axisScales, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[][] points = new double[n][axisScales.length];
    for (double[] point : points) {
      for (int c = 0; c < axisScales.length; c++) {
        point[c] = axisScales[c] * (2 * random.nextDouble() - 1) + 10; // offset: MDS must centre
      }
    }
    return points;
  }

  /**
   * The Lanczos path's leading coordinates equal the full decomposition's (EJML's symmetric QR)
   * to 1e-8 of the largest coordinate: 600 points whose 12 axes have distinct scales (a
   * high-dimensional cloud like a layer's), 420 copies of 7 distinct points, and distances that
   * are not Euclidean (negative eigenvalues, whose columns both methods drop).
   */
  @Test
  void leadingCoordinatesEqualTheFullDecompositions() {
    double[] scales = new double[12];
    for (int a = 0; a < 12; a++) {
      scales[a] = 5.0 / (1 + a);
    }
    double[][] cloud = euclideanDistances(randomPoints(600, scales, 21));
    double[][] copies = new double[420][];
    double[][] distinct = randomPoints(7, new double[] {2.0, 1.0, 0.5, 0.25}, 4);
    for (int i = 0; i < 420; i++) {
      copies[i] = distinct[(i * 3) % 7];
    }
    SplittableRandom random = new SplittableRandom(8);
    double[][] noisy = euclideanDistances(randomPoints(300, new double[] {3.0, 1.0}, 9));
    for (int i = 0; i < 300; i++) {
      for (int j = 0; j < i; j++) {
        double d = noisy[i][j] * (1 + 0.3 * random.nextDouble());
        noisy[i][j] = d;
        noisy[j][i] = d;
      }
    }
    for (double[][] d : new double[][][] {cloud, euclideanDistances(copies), noisy}) {
      double[][] full = ClassicalMds.embed(d, 2);
      double[][] leading = ClassicalMds.embedLeading(d, 2);
      double largest = 0;
      for (double[] row : full) {
        largest = Math.max(largest, Math.max(Math.abs(row[0]), Math.abs(row[1])));
      }
      assertTrue(largest > 0.1, "a non-trivial embedding");
      for (int i = 0; i < d.length; i++) {
        for (int c = 0; c < 2; c++) {
          assertEquals(full[i][c], leading[i][c], 1e-8 * largest,
              d.length + " stimuli, stimulus " + i + " column " + c);
        }
      }
    }
  }

  /** Small matrices go to the full decomposition: the very same numbers. */
  @Test
  void aSmallMatrixGetsTheFullDecompositionsNumbers() {
    double[][] d = euclideanDistances(randomPoints(40, new double[] {3.0, 2.0, 0.5}, 11));
    double[][] full = ClassicalMds.embed(d, 2);
    double[][] leading = ClassicalMds.embedLeading(d, 2);
    for (int i = 0; i < 40; i++) {
      assertEquals(full[i][0], leading[i][0], 0.0);
      assertEquals(full[i][1], leading[i][1], 0.0);
    }
  }

  static double[][] euclideanDistances(double[][] points) {
    int n = points.length;
    double[][] distances = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double sum = 0;
        for (int c = 0; c < points[i].length; c++) {
          double diff = points[i][c] - points[j][c];
          sum += diff * diff;
        }
        distances[i][j] = Math.sqrt(sum);
      }
    }
    return distances;
  }
}
