package org.mlem.core.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The simplex (Helmert) vertices: for C = 3 the issue's reference (0.5, 0.2887), (-0.5, 0.2887),
 * (0, -0.5774), i.e. the closed form (1/2, 1/(2 sqrt 3)), (-1/2, 1/(2 sqrt 3)), (0, -1/sqrt 3);
 * for C = 2..6 every two distinct vertices exactly 1 apart (the defining invariant, checked by
 * hand-computable Euclidean distances), centred, and the oriented difference of a pair is the
 * same whichever level comes first.
 */
class SimplexCoordinatesTest {
  private static final double EXACT = 1e-12;
  /** The issue prints 4 decimals. */
  private static final double PRINTED = 5e-5;

  @Test
  void threeLevelsAreTheIssuesVertices() {
    double[][] v = SimplexCoordinates.vertices(3);
    double[][] closedForm = {
        {0.5, 1 / (2 * Math.sqrt(3))}, {-0.5, 1 / (2 * Math.sqrt(3))}, {0, -1 / Math.sqrt(3)}};
    double[][] printed = {{0.5, 0.2887}, {-0.5, 0.2887}, {0, -0.5774}};
    for (int j = 0; j < 3; j++) {
      for (int k = 0; k < 2; k++) {
        assertEquals(closedForm[j][k], v[j][k], EXACT, "level " + j + " coordinate " + k);
        assertEquals(printed[j][k], v[j][k], PRINTED, "level " + j + " coordinate " + k);
      }
    }
    // unit pairwise distances, by hand: |(1, 0)| = 1, |(0.5, sqrt(3)/2)| = 1
    assertEquals(1.0, distance(v[0], v[1]), EXACT);
    assertEquals(1.0, distance(v[0], v[2]), EXACT);
    assertEquals(1.0, distance(v[1], v[2]), EXACT);
  }

  @Test
  void everyTwoLevelsAreOneApartForTwoToSixLevels() {
    for (int c = 2; c <= 6; c++) {
      double[][] v = SimplexCoordinates.vertices(c);
      assertEquals(c, v.length);
      double[] sum = new double[c - 1];
      for (int p = 0; p < c; p++) {
        assertEquals(c - 1, v[p].length, "C - 1 coordinates");
        for (int k = 0; k < c - 1; k++) {
          sum[k] += v[p][k];
        }
        for (int q = 0; q < c; q++) {
          assertEquals(p == q ? 0.0 : 1.0, distance(v[p], v[q]), EXACT,
              "C = " + c + ", levels " + p + " and " + q);
        }
      }
      for (int k = 0; k < c - 1; k++) {
        assertEquals(0.0, sum[k], EXACT, "C = " + c + ": coordinate " + k + " is centred");
      }
    }
  }

  @Test
  void theDifferenceIsOrientedAndOfUnitLength() {
    double[] ab = new double[3];
    double[] ba = new double[3];
    for (int p = 0; p < 4; p++) {
      for (int q = 0; q < 4; q++) {
        SimplexCoordinates.difference(p, q, 4, ab, 0);
        SimplexCoordinates.difference(q, p, 4, ba, 0);
        double[][] v = SimplexCoordinates.vertices(4);
        double[] lo = v[Math.min(p, q)];
        double[] hi = v[Math.max(p, q)];
        double norm = 0;
        for (int k = 0; k < 3; k++) {
          assertEquals(ab[k], ba[k], 0.0, "the pair's order does not matter");
          assertEquals(lo[k] - hi[k], ab[k], EXACT);
          norm += ab[k] * ab[k];
        }
        assertEquals(p == q ? 0.0 : 1.0, Math.sqrt(norm), EXACT);
      }
    }
  }

  @Test
  void oneLevelHasNoSimplex() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SimplexCoordinates.vertices(1));
    assertTrue(e.getMessage().contains("at least 2 levels, found 1"), e.getMessage());
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += (a[k] - b[k]) * (a[k] - b[k]);
    }
    return Math.sqrt(s);
  }
}
