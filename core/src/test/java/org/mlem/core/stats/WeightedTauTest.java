package org.mlem.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.testing.TestVectors;
import org.mlem.core.testing.Tolerances;

class WeightedTauTest {
  private static final String FILE = "weighted_tau.json";

  @Test
  void matchesScipyWeightedtauTestVectors() {
    String source = TestVectors.load(FILE).get("source").asText();
    List<JsonNode> cases = TestVectors.cases(FILE);
    assertEquals(4, cases.size());
    for (int c = 0; c < cases.size(); c++) {
      JsonNode k = cases.get(c);
      assertEquals(k.get("weighted_tau").asDouble(),
          WeightedTau.of(TestVectors.doubles(k.get("x")), TestVectors.doubles(k.get("y"))),
          Tolerances.WEIGHTED_TAU, source + ", case " + c);
    }
  }

  @Test
  void matchesScipyOnTiedInputs() {
    // Source: scipy 1.17.1, scipy.stats.weightedtau(x, y).statistic with defaults.
    assertEquals(0.08683809303992383,
        WeightedTau.of(new double[] {0.5, 0.5, 0.2, 0.9, 0.2, 0.7, 0.5, 0.1},
            new double[] {0.3, 0.1, 0.3, 0.8, 0.3, 0.7, 0.2, 0.9}),
        Tolerances.WEIGHTED_TAU);
    assertEquals(-0.4043627477753069,
        WeightedTau.of(new double[] {1, 2, 2, 3, 3, 3}, new double[] {3, 1, 2, 2, 2, 1}),
        Tolerances.WEIGHTED_TAU);
  }

  @Test
  void invariants() {
    SplittableRandom random = new SplittableRandom(8);
    double[] x = new double[500];
    double[] y = new double[500];
    double[] reversed = new double[500];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble();
      y[i] = x[i] + 0.3 * random.nextGaussian();
      reversed[i] = -x[i];
    }
    assertEquals(1.0, WeightedTau.of(x, x), 1e-12);
    assertEquals(-1.0, WeightedTau.of(x, reversed), 1e-12);
    assertEquals(WeightedTau.of(x, y), WeightedTau.of(y, x), 1e-12);
    double tau = WeightedTau.of(x, y);
    assertEquals(true, tau > 0.3 && tau < 1, "positively correlated data, found " + tau);
  }

  @Test
  void errors() {
    ArithmeticException e = assertThrows(ArithmeticException.class,
        () -> WeightedTau.of(new double[] {1, 2, 3}, new double[] {4, 4, 4}));
    assertEquals("weighted tau undefined: y is constant over its 3 values", e.getMessage());
    e = assertThrows(ArithmeticException.class,
        () -> WeightedTau.of(new double[] {2, 2, 2}, new double[] {1, 2, 3}));
    assertEquals("weighted tau undefined: x is constant over its 3 values", e.getMessage());
    IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
        () -> WeightedTau.of(new double[] {1, 2}, new double[] {1, 2, 3}));
    assertEquals("x and y must have the same length, found 2 and 3", i.getMessage());
    i = assertThrows(IllegalArgumentException.class,
        () -> WeightedTau.of(new double[] {1, Double.NaN}, new double[] {1, 2}));
    assertEquals("x must not contain NaN, found NaN at position 1", i.getMessage());
    assertThrows(IllegalArgumentException.class, () -> WeightedTau.of(new double[] {1}, new double[] {1}));
  }
}
