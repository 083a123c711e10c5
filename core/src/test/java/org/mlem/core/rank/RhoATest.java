package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RhoATest {

  @Test
  void equalsSpearmanWithoutTies() {
    SplittableRandom random = new SplittableRandom(5);
    double[] x = new double[300];
    double[] y = new double[300];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
      y[i] = x[i] + random.nextGaussian();
    }
    assertEquals(Spearman.exact(x, y), RhoA.of(x, y), 1e-12);
  }

  @Test
  void handCaseWithTies() {
    // ranks x = (1.5, 1.5, 3, 4), y = (1, 2, 3, 4): sum d^2 = 0.5; 1 - 6 * 0.5 / 60 = 0.95
    // (rsatoolbox rho_a formula, computed by hand).
    double[] x = {1, 1, 2, 3};
    double[] y = {10, 20, 30, 40};
    assertEquals(0.95, RhoA.of(x, y), 1e-15);
    assertEquals(0.95, RhoA.againstRanks(x, Ranks.average(y)), 1e-15);
    // Tied predictions are not rewarded: all-tied x scores 1 - 6 * sum((2.5 - r)^2) / 60 = 0.5.
    assertEquals(0.5, RhoA.of(new double[] {7, 7, 7, 7}, y), 1e-15);
  }

  @Test
  void errors() {
    assertThrows(IllegalArgumentException.class, () -> RhoA.of(new double[] {1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> RhoA.againstRanks(new double[] {1, 2}, new double[] {1, Double.NaN}));
  }
}
