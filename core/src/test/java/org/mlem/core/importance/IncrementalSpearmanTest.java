package org.mlem.core.importance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.pairs.Splits;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.rank.Ranks;
import org.mlem.core.rank.SnappedRanks;
import org.mlem.core.rank.TieSnapping;
import org.mlem.core.sim.SentenceLikeDataset;

/**
 * The incremental permuted score must be the exact path's bit for bit: the reference is the full
 * recomputation ({@link MetricScorer#scoreReplaced}, and {@code StimulusImportance.round} with
 * the incremental update switched off), on sentence-shaped data (binary and discrete features,
 * heavily tied predictions) and on a hand-built case where tied pairs reach the same value by
 * different updates and sit at a grid cell's edge.
 */
class IncrementalSpearmanTest {
  private static final EncodedFeatures SENTENCES =
      FeatureSchema.inferred().encode(SentenceLikeDataset.generate(400, 8, 3).features());

  /** Mixed-sign coefficients with exact zeros, as a fitted W of correlated features. */
  private static double[] coefficients(int f, boolean interactions, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] w = new double[PhiExpansion.termCount(f, interactions)];
    for (int k = 0; k < w.length; k++) {
      w[k] = k % 7 == 3 ? 0 : random.nextDouble() - 0.3;
    }
    for (int a = 0; a < f; a++) {
      w[interactions ? PhiExpansion.termIndex(a, a) : a] = a % 5 == 4 ? 0 : 1 + 0.1 * a;
    }
    return w;
  }

  @Test
  void roundsEqualTheFullRecomputationOnSentenceShapedData() {
    StimulusSplit split = Splits.trainTest(SENTENCES.size(), 0.5, 7);
    int f = SENTENCES.featureCount();
    for (boolean interactions : new boolean[] {true, false}) {
      MetricScorer scorer = new MetricScorer(coefficients(f, interactions, 11), f, interactions);
      StimulusRoundSpec spec = new StimulusRoundSpec(scorer, f, interactions, 2, 6000, 5,
          split.test(), SENTENCES.layout().starts());
      for (int p = 0; p < 2; p++) {
        PairIndices pairs = new PairSampler(split.test()).sample(3, 2, p, 6000);
        double[] neural = new double[pairs.size()];
        SplittableRandom random = new SplittableRandom(p);
        for (int k = 0; k < neural.length; k++) {
          // tied neural distances too, as from a discrete representation
          neural[k] = random.nextInt(50);
        }
        PermutationRound exact = StimulusImportance.round(SENTENCES, pairs, neural, spec, p, false);
        PermutationRound fast = StimulusImportance.round(SENTENCES, pairs, neural, spec, p, true);
        assertEquals(exact.baseline(), fast.baseline());
        assertArrayEquals(exact.units(), fast.units(), "interactions " + interactions);
        double spread = 0;
        for (double u : exact.units()) {
          spread = Math.max(spread, Math.abs(u));
        }
        assertTrue(spread > 1e-3, "the units are not all zero: " + spread);
      }
    }
  }

  @Test
  void everyUnitEqualsScoreReplacedAndSomePairsNeedTheExactPrediction() {
    SplittableRandom random = new SplittableRandom(13);
    int n = SENTENCES.size();
    int b = 5000;
    int f = SENTENCES.featureCount();
    double[] delta = new double[b * f];
    double[][] permuted = new double[f][b];
    double[] neural = new double[b];
    for (int k = 0; k < b; k++) {
      int i = random.nextInt(n);
      int j = (i + 1 + random.nextInt(n - 1)) % n;
      SENTENCES.delta(i, j, delta, k * f);
      int pi = random.nextInt(n);
      int pj = (pi + 1 + random.nextInt(n - 1)) % n;
      for (int c = 0; c < f; c++) {
        // half the pairs keep their value, as a permutation of a binary feature does
        permuted[c][k] = random.nextBoolean() ? delta[k * f + c] : SENTENCES.distance(c, pi, pj);
      }
      neural[k] = random.nextDouble();
    }
    double[] ranks = Ranks.average(neural);
    double[] w = coefficients(f, true, 17);
    MetricScorer scorer = new MetricScorer(w, f, true);
    IncrementalSpearman incremental = new IncrementalSpearman(delta, f, w, true, permuted, ranks);
    int[][] units = {{0}, {5}, {f - 1}, {2, 1}, {9, 3}, {f - 1, 0}, {4, 7, 11}};
    for (int[] unit : units) {
      assertEquals(scorer.scoreReplaced(delta, unit, permuted, neural, ranks),
          incremental.score(unit), java.util.Arrays.toString(unit));
    }
    assertTrue(incremental.exactPairs() > 0, "the certification must fail for some pairs");
    assertTrue(incremental.exactPairs() < (long) b * units.length / 5,
        "most pairs are certified: " + incremental.exactPairs());
  }

  /**
   * Four pairs whose permuted rows are all (0, 0, 1, 0) although they started from different
   * rows, so the update reaches their common exact value by different roundings; a fifth pair
   * (0, 0, 0, z) sets the grid's scale so that this value lies within 10^-6 of a cell's edge.
   * The exact path ties the four; so must the incremental one, and its score must be the same.
   */
  @Test
  void tiedPairsReachedByDifferentUpdatesStayTiedAtACellEdge() {
    int f = 4;
    // W in term order: (0,0) (1,0) (1,1) (2,0) (2,1) (2,2) (3,0) (3,1) (3,2) (3,3)
    double[] w = {0.1, 0.7, 1.0 / 3, -0.3, 0.45, 0.2, 0, 0, 0, 1};
    double[][] rows = {{1, 1, 1, 0}, {0, 1, 1, 0}, {1, 0, 1, 0}, {0.5, 0.25, 1, 0}};
    double v = 0.2; // the exact prediction of (0, 0, 1, 0): w_22 * 1 * 1
    // scale M with v / (M 2^-40) = k + 1/2 for k = 2^20: v sits at a cell edge
    double target = v * 0x1p40 / (0x1p20 + 0.5);
    double z = Math.sqrt(target);
    int b = 5;
    double[] delta = new double[b * f];
    double[][] permuted = new double[f][b];
    for (int k = 0; k < 4; k++) {
      System.arraycopy(rows[k], 0, delta, k * f, f);
      permuted[2][k] = 1;
    }
    delta[4 * f + 3] = z;
    permuted[0][4] = 0;
    permuted[1][4] = 0;
    permuted[2][4] = 0;
    permuted[3][4] = z;
    double[] scale = new double[1];
    RowPrediction.predict(new double[] {0, 0, 0, z}, 1, f, w, scale);
    double cell = v / SnappedRanks.quantum(scale[0]);
    assertTrue(Math.abs(cell - Math.rint(cell) - 0.5) < 1e-6
        || Math.abs(cell - Math.rint(cell) + 0.5) < 1e-6, "v at a cell edge: " + cell);
    double[] neural = {1, 2, 3, 4, 5};
    double[] ranks = Ranks.average(neural);
    int[] unit = {0, 1};
    MetricScorer scorer = new MetricScorer(w, f, true);
    IncrementalSpearman incremental = new IncrementalSpearman(delta, f, w, true, permuted, ranks);
    double fast = incremental.score(unit);
    assertEquals(scorer.scoreReplaced(delta, unit, permuted, neural, ranks), fast);
    // the exact path's answer, computed independently: four tied values below the fifth
    double[] tied = TieSnapping.snap(new double[] {v, v, v, v, scale[0]});
    assertEquals(Ranks.average(tied)[0], 2.5);
    double expected = org.mlem.core.rank.Correlation.pearson(Ranks.average(tied), ranks);
    assertEquals(expected, fast);
    // the update itself drifts: the incremental values of the tied pairs are not all v
    boolean drift = false;
    for (int k = 0; k < 4; k++) {
      double[] d = rows[k];
      double la = -d[0];
      double lc = -d[1];
      double g0 = w[1] * d[1] + w[3] * d[2];
      double g1 = w[1] * d[0] + w[4] * d[2];
      double s0 = d[0] * d[0] * w[0] + 2 * d[0] * d[1] * w[1] + d[1] * d[1] * w[2]
          + 2 * d[2] * (w[3] * d[0] + w[4] * d[1]) + w[5] * d[2] * d[2];
      double s = s0 + la * (2 * g0 + w[0] * d[0]) + lc * (2 * g1 + w[2] * d[1])
          + 2 * w[1] * la * lc;
      drift |= s != v;
    }
    assertTrue(drift, "some tied pair's update differs from v in its last bits");
    assertNotEquals(0, incremental.exactPairs(), "the edge forces exact predictions");
  }
}
