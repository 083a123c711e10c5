package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.testing.TestVectors;
import org.mlem.core.testing.Tolerances;

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
  void handCasesWithTies() {
    // ranks x = (1.5, 1.5, 3, 4), y = (1, 2, 3, 4), mean rank 2.5: centred (-1, -1, 0.5, 1.5) and
    // (-1.5, -0.5, 0.5, 1.5), sum of products 4.5; 12 * 4.5 / (64 - 4) = 0.9 (rsatoolbox formula
    // by hand; the old 1 - 6 sum d^2 / (n^3 - n) gave 0.95).
    double[] x = {1, 1, 2, 3};
    double[] y = {10, 20, 30, 40};
    assertEquals(0.9, RhoA.of(x, y), 1e-15);
    assertEquals(0.9, RhoA.againstRanks(x, Ranks.average(y)), 1e-15);
    // identical tied vectors: ranks (1.5, 1.5, 3.5, 3.5), centred +-1, 12 * 4 / 60 = 0.8 < 1
    double[] tied = {1, 1, 2, 2};
    assertEquals(0.8, RhoA.of(tied, tied), 1e-15);
    // no ties: +1 and -1 exactly; n = 2 reversed: 12 * (-0.5) / 6 = -1
    assertEquals(1.0, RhoA.of(y, new double[] {1, 2, 3, 4}), 1e-15);
    assertEquals(-1.0, RhoA.of(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}), 1e-15);
    assertEquals(-1.0, RhoA.of(new double[] {1, 2}, new double[] {2, 1}), 1e-15);
  }

  @Test
  void allTiedPredictionScoresZero() {
    // every centred rank of an all-tied vector is 0, so the sum is 0 whatever the other vector
    // (the old formula scored 1 - 6 * sum((2.5 - r)^2) / 60 = 0.5 here)
    double[] y = {10, 20, 30, 40};
    assertEquals(0.0, RhoA.of(new double[] {7, 7, 7, 7}, y), 0.0);
    assertEquals(0.0, RhoA.of(y, new double[] {7, 7, 7, 7}), 0.0);
    assertEquals(0.0, RhoA.againstRanks(new double[] {-3, -3, -3, -3}, Ranks.average(y)), 0.0);
  }

  /** Values from rsatoolbox's formula over scipy.stats.rankdata (core/src/test/python/rho_a_reference.py). */
  @Test
  void matchesRsatoolboxFormulaWithTies() {
    for (JsonNode c : TestVectors.cases("rho_a.json")) {
      double[] x = TestVectors.doubles(c.get("x"));
      double[] y = TestVectors.doubles(c.get("y"));
      double expected = c.get("rho_a").asDouble();
      String name = c.get("name").asText();
      assertEquals(expected, RhoA.of(x, y), Tolerances.RHO_A, name);
      assertEquals(expected, RhoA.againstRanks(x, Ranks.average(y)), Tolerances.RHO_A, name);
    }
  }

  @Test
  void errors() {
    assertThrows(IllegalArgumentException.class, () -> RhoA.of(new double[] {1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> RhoA.againstRanks(new double[] {1, 2}, new double[] {1, Double.NaN}));
  }
}
