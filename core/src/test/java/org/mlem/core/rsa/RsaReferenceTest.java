package org.mlem.core.rsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
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
    Assumptions.assumeTrue(new File("/usr/bin/python3").canExecute(), "no /usr/bin/python3");
    Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy, scipy")
        .redirectErrorStream(true).start();
    probe.getInputStream().readAllBytes();
    Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "python3 has no scipy");
    Path out = Files.createTempFile("rsa_reference", ".json");
    try {
      Process run = new ProcessBuilder("/usr/bin/python3", SCRIPT)
          .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      assertTrue(run.waitFor(120, TimeUnit.SECONDS), "the reference script timed out");
      assertEquals(0, run.exitValue(), "the reference script failed");
      JsonNode fresh = new ObjectMapper().readTree(out.toFile());
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
    } finally {
      Files.deleteIfExists(out);
    }
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
