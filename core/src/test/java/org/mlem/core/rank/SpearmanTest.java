package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlem.core.testing.TestVectors;
import org.mlem.core.testing.Tolerances;

class SpearmanTest {
  private static final String FILE = "spearman.json";

  @Test
  void matchesScipySpearmanrTestVectors() {
    String source = TestVectors.load(FILE).get("source").asText();
    List<JsonNode> cases = TestVectors.cases(FILE);
    assertEquals(4, cases.size());
    for (int c = 0; c < cases.size(); c++) {
      JsonNode k = cases.get(c);
      double[] x = TestVectors.doubles(k.get("x"));
      double[] y = TestVectors.doubles(k.get("y"));
      double expected = k.get("spearman_average_ranks").asDouble();
      assertEquals(expected, Spearman.exact(x, y), Tolerances.SPEARMAN, source + ", case " + c);
      assertEquals(
          expected, Spearman.againstRanks(x, Ranks.average(y)), Tolerances.SPEARMAN,
          source + ", case " + c + " (againstRanks)");
    }
  }

  @Test
  void smallTiedCase() {
    // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]).statistic (scipy 1.17.1)
    assertEquals(0.9486832980505139, Spearman.exact(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4}),
        Tolerances.SPEARMAN);
  }

  @Test
  void isInvariantToMonotoneTransforms() {
    double[] x = {0.3, -1.2, 4.0, 2.2, 2.2, 0.0};
    double[] y = {1, 3, 2, 6, 5, 4};
    double[] expX = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      expX[i] = Math.exp(x[i]);
    }
    assertEquals(Spearman.exact(x, y), Spearman.exact(expX, y), 1e-15);
  }

  @Test
  void errors() {
    assertThrows(ArithmeticException.class, () -> Spearman.exact(new double[] {2, 2, 2}, new double[] {1, 2, 3}));
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> Spearman.againstRanks(new double[] {1, 2}, new double[] {1}));
    assertEquals("x and yRanks must have the same length, found 2 and 1", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Spearman.exact(new double[] {1, Double.NaN}, new double[] {1, 2}));
  }
}
