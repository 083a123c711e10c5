package org.mlem.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.testing.SimulatedProblem;
import org.mlem.core.testing.TestVectors;

/**
 * The default scoring (spearman) gives, bit for bit, the numbers of the release before
 * {@code --scoring} existed: the committed snapshot {@code default_scoring_before.json} was
 * written by {@link DefaultScoringSnapshot} on that release. The same with the scoring given
 * explicitly, and a pearson run differs only where it should (its score), not in W.
 */
class DefaultScoringUnchangedTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDefaultReproducesTheReleaseBeforeScoringBitForBit() {
    JsonNode before = TestVectors.load("default_scoring_before.json").get("analyses");
    JsonNode now = JSON.valueToTree(DefaultScoringSnapshot.snapshot());
    assertEquals(before.size(), now.size());
    before.fieldNames().forEachRemaining(name ->
        assertEquals(before.get(name), now.get(name), name + " differs from the release before "
            + "--scoring"));
  }

  @Test
  void spearmanGivenExplicitlyIsTheDefaultAndPearsonKeepsTheFit() {
    SimulatedProblem problem = DefaultScoringSnapshot.problem();
    for (Map.Entry<String, MlemConfig> e : DefaultScoringSnapshot.configurations().entrySet()) {
      MlemConfig config = e.getValue();
      assertEquals(Scoring.SPEARMAN, config.scoring());
      MlemAnalysis given = Mlem.with(config.toBuilder().scoring(Scoring.SPEARMAN).build())
          .analyze(problem.features(), problem.distances());
      JsonNode before = TestVectors.load("default_scoring_before.json").get("analyses")
          .get(e.getKey());
      assertEquals(before, JSON.valueToTree(DefaultScoringSnapshot.numbers(given)), e.getKey());
      assertEquals(given.spearman(), given.score(), 0.0);
      MlemAnalysis pearson = Mlem.with(config.toBuilder().scoring(Scoring.PEARSON).build())
          .analyze(problem.features(), problem.distances());
      JsonNode p = JSON.valueToTree(DefaultScoringSnapshot.numbers(pearson));
      // training does not depend on the scoring: the same W and the same rank scores
      for (int f = 0; f < before.get("folds").size(); f++) {
        assertEquals(before.get("folds").get(f).get("coefficients"),
            p.get("folds").get(f).get("coefficients"), e.getKey());
        assertEquals(before.get("folds").get(f).get("spearman"),
            p.get("folds").get(f).get("spearman"), e.getKey());
      }
      assertEquals(Scoring.PEARSON, pearson.folds().get(0).scores().scoring());
      // the importance changed with the scoring
      assertEquals(false, before.get("folds").get(0).get("baselines")
          .equals(p.get("folds").get(0).get("baselines")), e.getKey());
    }
  }
}
