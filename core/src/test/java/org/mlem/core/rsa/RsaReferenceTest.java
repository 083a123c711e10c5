package org.mlem.core.rsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mlem.core.testing.TestVectors;

/**
 * The RDM correlations of {@code mlem rsa} against scipy: Spearman is
 * {@code scipy.stats.spearmanr}, Kendall's tau-a its formula in numpy (scipy's kendalltau is
 * tau-b), on plain and on bootstrapped RDMs (pairs weighted by their resample counts), from
 * core/src/test/python/rsa_reference.py (committed as testvectors/rsa.json).
 */
class RsaReferenceTest {
  private static final String VECTORS = "rsa.json";
  private static final String SCRIPT = "src/test/python/rsa_reference.py";
  /** Agreement with scipy's double-precision results. */
  private static final double TOLERANCE = 1e-12;

  @Test
  void agreesWithTheCommittedScipyValues() {
    assertEquals(4, check(TestVectors.load(VECTORS)));
  }

  @Test
  void theReferenceScriptStillGivesTheCommittedValues() throws Exception {
    JsonNode fresh = TestVectors.rerun(SCRIPT, "numpy, scipy");
    JsonNode committed = TestVectors.load(VECTORS);
    assertEquals(committed.get("cases").size(), fresh.get("cases").size());
    for (int k = 0; k < committed.get("cases").size(); k++) {
      for (String key : new String[] {"spearman", "tau_a", "spearman_weighted",
          "tau_a_weighted"}) {
        assertEquals(committed.get("cases").get(k).get(key).asDouble(),
            fresh.get("cases").get(k).get(key).asDouble(), TOLERANCE, "case " + k + " " + key);
      }
    }
    check(fresh);
  }

  private static int check(JsonNode vectors) {
    int checked = 0;
    for (JsonNode c : vectors.get("cases")) {
      String name = c.get("name").asText();
      double[] x = TestVectors.doubles(c.get("x"));
      double[] y = TestVectors.doubles(c.get("y"));
      assertEquals(c.get("spearman").asDouble(), RsaMeasure.SPEARMAN.of(x, y), TOLERANCE, name);
      assertEquals(c.get("tau_a").asDouble(), RsaMeasure.KENDALL_TAU_A.of(x, y), TOLERANCE,
          name);
      double[] w = TestVectors.doubles(c.get("w"));
      assertEquals(c.get("spearman_weighted").asDouble(), WeightedSpearman.of(x,
          WeightedSpearman.order(x), y, WeightedSpearman.order(y), w), TOLERANCE,
          name + " weighted");
      assertEquals(c.get("tau_a_weighted").asDouble(), WeightedKendallTauA.of(x, y, w),
          TOLERANCE, name + " weighted");
      double[] ones = new double[x.length];
      java.util.Arrays.fill(ones, 1.0);
      assertEquals(c.get("tau_a").asDouble(), WeightedKendallTauA.of(x, y, ones), TOLERANCE,
          name + " unit weights");
      checked++;
    }
    return checked;
  }
}
