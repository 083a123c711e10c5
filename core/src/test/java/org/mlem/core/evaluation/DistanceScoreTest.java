package org.mlem.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.mlem.core.importance.MetricScorer;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.rank.Ranks;
import org.mlem.core.rank.Spearman;
import org.mlem.core.rank.TieSnapping;
import org.mlem.core.testing.TestVectors;

/**
 * The Pearson and MSE scorings against scipy / numpy / scikit-learn
 * (core/src/test/python/scoring_reference.py, committed as testvectors/scoring.json), on plain
 * predictions and through a metric's scorer (s = delta^T W delta, distances sqrt(max(s, 0))),
 * and the default Spearman scoring bit-identical to the formula used before scorings existed.
 */
class DistanceScoreTest {
  private static final String SCRIPT = "src/test/python/scoring_reference.py";
  private static final String VECTORS = "scoring.json";
  /** Agreement with the reference implementations (sums of a few dozen products). */
  private static final double TOLERANCE = 1e-12;

  @Test
  void handCaseIsTheLeastSquaresLine() {
    // p = 1..4, d = 2.1, 3.9, 6.2, 7.8: centred cross products 9.7, centred squares 5, so
    // slope 1.94 and intercept 5 - 1.94 * 2.5 = 0.15
    AffineCalibration c = AffineCalibration.fit(new double[] {1, 2, 3, 4},
        new double[] {2.1, 3.9, 6.2, 7.8});
    assertEquals(1.94, c.slope(), 1e-14);
    assertEquals(0.15, c.intercept(), 1e-14);
    // constant predictions: the least-squares constant, the mean of d
    AffineCalibration flat = AffineCalibration.fit(new double[] {2, 2, 2},
        new double[] {1, 2, 6});
    assertEquals(0, flat.slope());
    assertEquals(3, flat.intercept(), 1e-15);
    assertEquals((4 + 1 + 9) / 3.0, flat.meanSquaredError(new double[] {5, 5, 5},
        new double[] {1, 2, 6}), 1e-15);
  }

  @Test
  void agreesWithTheCommittedScipyValues() {
    check(TestVectors.load(VECTORS));
  }

  @Test
  void theReferenceScriptStillGivesTheCommittedValues() throws Exception {
    JsonNode fresh = TestVectors.rerun(SCRIPT, "numpy, scipy, sklearn");
    JsonNode committed = TestVectors.load(VECTORS);
    for (String group : new String[] {"cases", "metrics"}) {
      assertEquals(committed.get(group).size(), fresh.get(group).size());
      for (int k = 0; k < committed.get(group).size(); k++) {
        for (String key : new String[] {"intercept", "slope", "mse", "pearson"}) {
          assertEquals(committed.get(group).get(k).get(key).asDouble(),
              fresh.get(group).get(k).get(key).asDouble(), 1e-12, group + " " + k + " " + key);
        }
      }
    }
    check(fresh);
  }

  private static void check(JsonNode vectors) {
    for (JsonNode c : vectors.get("cases")) {
      String name = c.get("name").asText();
      double[] pTrain = TestVectors.doubles(c.get("train_predicted"));
      double[] dTrain = TestVectors.doubles(c.get("train_neural"));
      double[] pTest = TestVectors.doubles(c.get("test_predicted"));
      double[] dTest = TestVectors.doubles(c.get("test_neural"));
      AffineCalibration cal = AffineCalibration.fit(pTrain, dTrain);
      assertEquals(c.get("intercept").asDouble(), cal.intercept(), TOLERANCE, name);
      assertEquals(c.get("slope").asDouble(), cal.slope(), TOLERANCE, name);
      DistanceScore mse = new DistanceScore(Scoring.MSE, cal);
      double[] ranks = Ranks.average(dTest);
      double gain = mse.gain(pTest, dTest, ranks);
      assertEquals(c.get("mse").asDouble(), -gain, TOLERANCE, name);
      assertEquals(c.get("mse").asDouble(), mse.reported(gain), TOLERANCE, name);
      assertEquals(c.get("pearson").asDouble(),
          DistanceScore.correlation(Scoring.PEARSON).gain(pTest, dTest, ranks), TOLERANCE, name);
    }
    int negative = 0;
    for (JsonNode c : vectors.get("metrics")) {
      String name = c.get("name").asText();
      int f = c.get("feature_count").asInt();
      double[] coef = TestVectors.doubles(c.get("coefficients"));
      double[] trainDelta = TestVectors.doubles(c.get("train_delta"));
      double[] dTrain = TestVectors.doubles(c.get("train_neural"));
      double[] testDelta = TestVectors.doubles(c.get("test_delta"));
      double[] dTest = TestVectors.doubles(c.get("test_neural"));
      double[] s = new double[dTrain.length];
      PhiExpansion.predictFromDelta(trainDelta, dTrain.length, f, true, coef, s);
      AffineCalibration cal = AffineCalibration.fit(MetricScorer.distancesInPlace(s), dTrain);
      assertEquals(c.get("intercept").asDouble(), cal.intercept(), TOLERANCE, name);
      assertEquals(c.get("slope").asDouble(), cal.slope(), TOLERANCE, name);
      double[] ranks = Ranks.average(dTest);
      MetricScorer mse = new MetricScorer(coef, f, true, new DistanceScore(Scoring.MSE, cal));
      assertEquals(c.get("mse").asDouble(), -mse.score(testDelta, f, dTest, ranks), TOLERANCE,
          name);
      MetricScorer pearson = new MetricScorer(coef, f, true,
          DistanceScore.correlation(Scoring.PEARSON));
      assertEquals(c.get("pearson").asDouble(), pearson.score(testDelta, f, dTest, ranks),
          TOLERANCE, name);
      negative += c.get("negative_predictions").asInt();
    }
    // the indefinite W's negative predictions were clamped to distance 0 on both sides
    assertTrue(negative > 0, "no case exercises negative predictions");
  }

  @Test
  void spearmanIsTheFormulaOfBeforeBitForBit() {
    double[] coef = {0.6, 0.1, 0.5, 0.0, -0.2, 0.4};
    java.util.Random random = new java.util.Random(3);
    int b = 200;
    double[] delta = new double[b * 3];
    double[] d = new double[b];
    for (int k = 0; k < b; k++) {
      for (int a = 0; a < 3; a++) {
        delta[k * 3 + a] = random.nextInt(2);
      }
      d[k] = random.nextDouble();
    }
    double[] ranks = Ranks.average(d);
    double[] s = new double[b];
    PhiExpansion.predictFromDelta(delta, b, 3, true, coef, s);
    double before = Spearman.againstRanks(TieSnapping.snapInPlace(s), ranks);
    assertEquals(Double.doubleToLongBits(before), Double.doubleToLongBits(
        new MetricScorer(coef, 3, true).score(delta, 3, d, ranks)));
    assertEquals(Double.doubleToLongBits(before), Double.doubleToLongBits(
        new MetricScorer(coef, 3, true, DistanceScore.SPEARMAN).score(delta, 3, d, ranks)));
  }

  @Test
  void namesAndBadValues() {
    assertEquals(Scoring.MSE, Scoring.parse(" MSE "));
    assertEquals("scoring must be one of spearman, pearson, mse, found 'r2'",
        assertThrows(IllegalArgumentException.class, () -> Scoring.parse("r2")).getMessage());
    assertEquals(Scoring.SPEARMAN, Scoring.parseOrDefault(null));
    assertThrows(IllegalArgumentException.class, () -> DistanceScore.correlation(Scoring.MSE));
    assertThrows(IllegalArgumentException.class,
        () -> new AffineCalibration(Double.NaN, 1));
    // constant predictions: the correlations are undefined (NaN), the MSE is not
    double[] flat = {1, 1, 1};
    double[] d = {1, 2, 4};
    assertTrue(Double.isNaN(DistanceScore.correlation(Scoring.PEARSON).gain(flat, d,
        Ranks.average(d))));
    assertEquals(-(0 + 1 + 9) / 3.0, new DistanceScore(Scoring.MSE, AffineCalibration.IDENTITY)
        .gain(flat, d, Ranks.average(d)), 1e-15);
  }
}
