package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KendallTauATest {

  /** The O(n^2) definition: (concordant - discordant) / (n (n - 1) / 2). */
  private static double bruteForce(double[] x, double[] y) {
    long score = 0;
    int n = x.length;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        score += (long) (Math.signum(x[i] - x[j]) * Math.signum(y[i] - y[j]));
      }
    }
    return score / (n * (n - 1) / 2.0);
  }

  @Test
  void matchesBruteForceOnRandomDataWithManyTies() {
    SplittableRandom random = new SplittableRandom(7);
    for (int trial = 0; trial < 30; trial++) {
      int n = 2 + random.nextInt(400);
      int levelsX = 1 + random.nextInt(6);
      int levelsY = 1 + random.nextInt(8);
      double[] x = new double[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) {
        x[i] = random.nextInt(levelsX);
        y[i] = random.nextInt(levelsY) + (trial % 3 == 0 ? x[i] : 0);
      }
      assertEquals(bruteForce(x, y), KendallTauA.of(x, y), 1e-14, "trial " + trial + ", n " + n);
    }
  }

  @Test
  void handCases() {
    assertEquals(1.0, KendallTauA.of(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 0.0);
    assertEquals(-1.0, KendallTauA.of(new double[] {1, 2, 3}, new double[] {30, 20, 10}), 0.0);
    // Pairs (0,1) tied in x, (1,2) concordant, (0,2) concordant: (2 - 0) / 3.
    assertEquals(2.0 / 3, KendallTauA.of(new double[] {1, 1, 2}, new double[] {5, 3, 9}), 1e-15);
    // All tied in x: no pair counts, tau-a = 0 (tau-b would be undefined).
    assertEquals(0.0, KendallTauA.of(new double[] {4, 4, 4, 4}, new double[] {1, 2, 3, 4}), 0.0);
    // -0.0 and 0.0 are tied.
    assertEquals(0.0, KendallTauA.of(new double[] {-0.0, 0.0}, new double[] {1, 2}), 0.0);
  }

  @Test
  void errors() {
    assertThrows(IllegalArgumentException.class, () -> KendallTauA.of(new double[] {1}, new double[] {1}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> KendallTauA.of(new double[] {1, 2}, new double[] {Double.NaN, 2}));
    assertEquals("y must not contain NaN, found NaN at position 0", e.getMessage());
  }
}
