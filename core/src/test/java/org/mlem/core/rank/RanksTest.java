package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RanksTest {

  @Test
  void averageRanksGiveTiesTheirMeanRank() {
    // scipy.stats.rankdata([3, 1, 2, 2, 5, 2], method='average') = [5, 1, 3, 3, 6, 3]
    assertArrayEquals(
        new double[] {5, 1, 3, 3, 6, 3}, Ranks.average(new double[] {3, 1, 2, 2, 5, 2}), 0.0);
    assertArrayEquals(new double[] {1.5, 1.5}, Ranks.average(new double[] {-0.0, 0.0}), 0.0);
    assertArrayEquals(new double[] {}, Ranks.average(new double[] {}), 0.0);
    assertArrayEquals(
        new double[] {3, 1, 2},
        Ranks.average(new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0}),
        0.0);
  }

  @Test
  void averageRanksMatchBruteForceOnLargeTiedData() {
    SplittableRandom random = new SplittableRandom(11);
    double[] x = new double[3000];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextInt(-40, 40) * 0.25;
    }
    double[] ranks = Ranks.average(x);
    for (int i = 0; i < x.length; i++) {
      int below = 0;
      int equal = 0;
      for (double v : x) {
        if (v < x[i]) {
          below++;
        } else if (v == x[i]) {
          equal++;
        }
      }
      assertEquals(below + (equal + 1) / 2.0, ranks[i], 0.0, "rank of position " + i);
    }
  }

  @Test
  void argsortIsStableAndSortsSignedValuesOnBothPaths() {
    SplittableRandom random = new SplittableRandom(3);
    for (int n : new int[] {1, 5, 47, 48, 200, 5000}) {
      double[] x = new double[n];
      for (int i = 0; i < n; i++) {
        // Many ties, both signs, a wide range of magnitudes, signed zeros.
        x[i] = random.nextInt(0, 4) == 0
            ? (random.nextBoolean() ? -0.0 : 0.0)
            : random.nextInt(-30, 30) * Math.pow(10, random.nextInt(-200, 200));
      }
      int[] order = Ranks.argsort(x);
      boolean[] seen = new boolean[n];
      for (int i = 0; i < n; i++) {
        seen[order[i]] = true;
        if (i > 0) {
          double a = x[order[i - 1]];
          double b = x[order[i]];
          assertTrue(a <= b, "n=" + n + ": not ascending at " + i + ": " + a + " > " + b);
          if (a == b) {
            assertTrue(order[i - 1] < order[i], "n=" + n + ": not stable at " + i);
          }
        }
      }
      for (int i = 0; i < n; i++) {
        assertTrue(seen[i], "n=" + n + ": index " + i + " missing");
      }
    }
  }

  @Test
  void lexsortSortsByPrimaryThenSecondaryThenIndex() {
    double[] primary = {2, 1, 2, 1, 2, 1};
    double[] secondary = {0, 5, -1, 5, 0, 4};
    // numpy.lexsort((secondary, primary)) = [5, 1, 3, 2, 0, 4]
    assertArrayEquals(new int[] {5, 1, 3, 2, 0, 4}, Ranks.lexsort(primary, secondary));
  }

  @Test
  void nanIsRejectedWithItsPosition() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Ranks.average(new double[] {1, 2, Double.NaN}));
    assertEquals("x must not contain NaN, found NaN at position 2", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Ranks.argsort(null));
  }
}
