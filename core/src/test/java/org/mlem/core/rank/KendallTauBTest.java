package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.testing.TestVectors;
import org.mlem.core.testing.Tolerances;

/**
 * Kendall's tau-b against scipy.stats.kendalltau (core/src/test/python/kendall_tau_reference.py,
 * committed as testvectors/kendall_tau.json and re-run when /usr/bin/python3 has scipy), hand
 * cases, and tau-a on tie-free data.
 */
class KendallTauBTest {
  private static final String VECTORS = "kendall_tau.json";
  private static final String SCRIPT = "src/test/python/kendall_tau_reference.py";

  @Test
  void agreesWithTheCommittedScipyValues() {
    int far = checkAgainst(TestVectors.load(VECTORS));
    // a constant answer (0 or 1) would fail: most cases are far from both
    assertTrue(far >= 5, "too few cases away from 0 and 1: " + far);
  }

  @Test
  void theReferenceScriptStillGivesTheCommittedValues() throws Exception {
    JsonNode fresh = TestVectors.rerun(SCRIPT, "scipy, numpy");
    JsonNode committed = TestVectors.load(VECTORS);
    assertEquals(committed.get("cases").size(), fresh.get("cases").size());
    for (int k = 0; k < committed.get("cases").size(); k++) {
      assertEquals(committed.get("cases").get(k).get("kendall_tau").asDouble(),
          fresh.get("cases").get(k).get("kendall_tau").asDouble(), Tolerances.KENDALL_TAU,
          "case " + k);
    }
    checkAgainst(fresh);
  }

  private static int checkAgainst(JsonNode vectors) {
    int far = 0;
    for (JsonNode c : vectors.get("cases")) {
      double[] x = TestVectors.doubles(c.get("x"));
      double[] y = TestVectors.doubles(c.get("y"));
      double expected = c.get("kendall_tau").asDouble();
      assertEquals(expected, KendallTauB.of(x, y), Tolerances.KENDALL_TAU,
          c.get("name").asText());
      if (Math.abs(expected) > 0.05 && Math.abs(Math.abs(expected) - 1) > 0.05) {
        far++;
      }
    }
    return far;
  }

  @Test
  void handCasesAndTauAWithoutTies() {
    assertEquals(1.0, KendallTauB.of(new double[] {1, 2, 3}, new double[] {10, 20, 30}), 0.0);
    assertEquals(-1.0, KendallTauB.of(new double[] {1, 2, 3}, new double[] {3, 2, 1}), 0.0);
    // x = (1, 1, 2), y = (5, 3, 9): C = 2, D = 0, n0 = 3, n1 = 1, n2 = 0: 2 / sqrt(2 * 3)
    assertEquals(2.0 / Math.sqrt(6), KendallTauB.of(new double[] {1, 1, 2},
        new double[] {5, 3, 9}), 1e-15);
    SplittableRandom random = new SplittableRandom(3);
    double[] x = new double[40];
    double[] y = new double[40];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextDouble();
      y[i] = x[i] + random.nextDouble();
    }
    assertEquals(KendallTauA.of(x, y), KendallTauB.of(x, y), 1e-15);
  }

  @Test
  void constantOrBadInputIsRefused() {
    assertThrows(ArithmeticException.class,
        () -> KendallTauB.of(new double[] {2, 2, 2}, new double[] {1, 2, 3}));
    assertThrows(IllegalArgumentException.class,
        () -> KendallTauB.of(new double[] {1}, new double[] {1}));
    assertThrows(IllegalArgumentException.class,
        () -> KendallTauB.of(new double[] {1, Double.NaN}, new double[] {1, 2}));
  }
}
