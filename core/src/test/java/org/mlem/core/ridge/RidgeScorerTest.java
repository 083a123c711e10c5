package org.mlem.core.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlem.core.importance.MetricScorer;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.rank.Ranks;

/**
 * Without interactions a ridge prediction is intercept + sum_f beta_f (delta_f^2 - m_f) / sd_f,
 * an increasing affine function of delta^T W delta with W = diag(beta_f / sd_f); the Spearman
 * score is blind to the shift, so the ridge scorer must score any pairs as the metric scorer of
 * that W does (m_f and sd_f computed here from the pairs, not through RdmDesign).
 */
class RidgeScorerTest {
  @Test
  void withoutInteractionsTheRidgeScoreIsTheScoreOfTheEquivalentDiagonalMetric() {
    int f = 3;
    int train = 200;
    double[] delta = deltas(train, f, 1);
    RdmDesign design = RdmDesign.fit(delta, train, f, false);
    double[] beta = {0.7, -0.2, 1.3};
    RidgeSolution solution = new RidgeSolution(0.5, 2.0, 0.5, beta, 4.0);
    RidgeScorer ridge = new RidgeScorer(design, solution);
    double[] w = new double[f];
    for (int c = 0; c < f; c++) {
      double mean = 0;
      for (int r = 0; r < train; r++) {
        mean += delta[r * f + c] * delta[r * f + c] / train;
      }
      double var = 0;
      for (int r = 0; r < train; r++) {
        double d = delta[r * f + c] * delta[r * f + c] - mean;
        var += d * d / train;
      }
      w[c] = beta[c] / Math.sqrt(var);
    }
    MetricScorer metric = new MetricScorer(w, f, false);
    for (int round = 0; round < 5; round++) {
      int b = 150;
      double[] held = deltas(b, f, 100 + round);
      double[] neural = new double[b];
      for (int k = 0; k < b; k++) {
        neural[k] = PositionalRandom.gaussian(PositionalRandom.mix(7, round, k))
            + held[k * f + 2] * held[k * f + 2];
      }
      double[] ranks = Ranks.average(neural);
      double expected = metric.score(held, f, neural, ranks);
      assertTrue(Math.abs(expected) > 0.1, "the case is informative: " + expected);
      assertEquals(expected, ridge.score(held, f, neural, ranks), 1e-12, "round " + round);
    }
  }

  @Test
  void theInteractionDesignIsTheStandardizedProductsOfSquaredDistances() {
    // two training pairs, delta = (1, 1) and (1, 3): columns (0,0) = 1, 1 (constant: mean 1,
    // unit scale); (1,0) = 1, 9 and (1,1) = 1, 9 (mean 5, population sd 4)
    RdmDesign design = RdmDesign.fit(new double[] {1, 1, 1, 3}, 2, 2, true);
    assertArrayEquals(new double[] {3.0, (16 - 5) / 4.0, (4 - 5) / 4.0},
        design.apply(new double[] {2, 2}, 1), 1e-15);
    RidgeScorer ridge = new RidgeScorer(design,
        new RidgeSolution(1, 0, 1, new double[] {0.5, 2, -1}, 10));
    assertEquals(10 + 0.5 * 3.0 + 2 * 2.75 - 1 * -0.25, ridge.predict(new double[] {2, 2}, 1)[0],
        1e-12);
  }

  private static double[] deltas(int rows, int f, long seed) {
    double[] out = new double[rows * f];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.abs(PositionalRandom.gaussian(PositionalRandom.mix(seed, i)));
    }
    return out;
  }
}
