package org.mlem.core.ridge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mlem.core.pairs.PositionalRandom;

/**
 * The inner cross-validation on planted cases: a neural RDM that is one feature's RDM plus a
 * little noise chooses a large fraction; pure noise scored by mean squared error chooses a small
 * one (a correlation score is blind to beta's scale, so it cannot tell fractions apart on noise).
 */
class InnerStimulusCvTest {
  @Test
  void aPlantedFeatureChoosesALargeFractionAndRecoversItsWeight() {
    int n = 40;
    int f = 4;
    InnerStimulusCv.Pairs pairs = allPairs(n, f, 7, (delta, k) ->
        2 * delta[0] * delta[0] + 0.05 * PositionalRandom.gaussian(PositionalRandom.mix(99, k)));
    InnerStimulusCv.Result result = InnerStimulusCv.fit(range(n), pairs, false, 5,
        InnerStimulusCv.defaultFractions(), RidgeScoring.SPEARMAN, 3);
    double fraction = result.solution().fraction();
    assertTrue(fraction >= 0.8, "chosen fraction " + fraction);
    double[] beta = result.solution().beta();
    for (int c = 1; c < f; c++) {
      assertTrue(Math.abs(beta[c]) < 0.05 * Math.abs(beta[0]), "beta " + c + " = " + beta[c]);
    }
    assertTrue(beta[0] > 0);
  }

  @Test
  void pureNoiseScoredByMeanSquaredErrorChoosesASmallFraction() {
    int smallCount = 0;
    int runs = 10;
    for (int seed = 0; seed < runs; seed++) {
      int s = seed;
      InnerStimulusCv.Pairs pairs = allPairs(16, 5, 100 + seed,
          (delta, k) -> PositionalRandom.gaussian(PositionalRandom.mix(500 + s, k)));
      InnerStimulusCv.Result result = InnerStimulusCv.fit(range(16), pairs, true, 4,
          InnerStimulusCv.defaultFractions(), RidgeScoring.MSE, seed);
      if (result.solution().fraction() <= 0.3) {
        smallCount++;
      }
    }
    assertTrue(smallCount >= 8, smallCount + " of " + runs + " noise fits chose a fraction <= 0.3");
  }

  @Test
  void theSameSeedGivesTheSameChoiceAndScores() {
    InnerStimulusCv.Pairs pairs = allPairs(20, 3, 5, (delta, k) -> delta[1] * delta[1]
        + PositionalRandom.gaussian(PositionalRandom.mix(8, k)));
    InnerStimulusCv.Result a = InnerStimulusCv.fit(range(20), pairs, true, 4,
        InnerStimulusCv.defaultFractions(), RidgeScoring.PEARSON, 11);
    InnerStimulusCv.Result b = InnerStimulusCv.fit(range(20), pairs, true, 4,
        InnerStimulusCv.defaultFractions(), RidgeScoring.PEARSON, 11);
    assertArrayEquals(a.meanScores(), b.meanScores());
    assertEquals(a.solution().alpha(), b.solution().alpha());
    assertEquals(20, a.fractions().length);
    assertEquals(0.05, a.fractions()[0], 1e-15);
    assertEquals(1.0, a.fractions()[19], 1e-15);
  }

  @Test
  void aPairOutsideTheTrainingStimuliIsRejected() {
    InnerStimulusCv.Pairs pairs = allPairs(10, 2, 1, (delta, k) -> delta[0]);
    int[] someStimuli = {0, 1, 2, 3, 4, 5, 6, 7};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> InnerStimulusCv.fit(someStimuli, pairs, false, 2,
            InnerStimulusCv.defaultFractions(), RidgeScoring.SPEARMAN, 1));
    assertTrue(e.getMessage().contains("not among the training stimuli"), e.getMessage());
  }

  interface Neural {
    double of(double[] delta, int pair);
  }

  /** Every pair of n stimuli with F standard-normal features (delta = |x_i - x_j|). */
  static InnerStimulusCv.Pairs allPairs(int n, int f, long seed, Neural neural) {
    double[][] x = new double[n][f];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < f; c++) {
        x[i][c] = PositionalRandom.gaussian(PositionalRandom.mix(seed, i, c));
      }
    }
    // features 1.. are correlated with feature 0, as real feature RDMs often are
    for (int i = 0; i < n; i++) {
      for (int c = 1; c < f; c++) {
        x[i][c] = 0.6 * x[i][0] + 0.8 * x[i][c];
      }
    }
    int count = n * (n - 1) / 2;
    int[] first = new int[count];
    int[] second = new int[count];
    double[] delta = new double[count * f];
    double[] y = new double[count];
    int k = 0;
    for (int a = 1; a < n; a++) {
      for (int b = 0; b < a; b++) {
        first[k] = b;
        second[k] = a;
        double[] d = new double[f];
        for (int c = 0; c < f; c++) {
          d[c] = Math.abs(x[a][c] - x[b][c]);
        }
        System.arraycopy(d, 0, delta, k * f, f);
        y[k] = neural.of(d, k);
        k++;
      }
    }
    return new InnerStimulusCv.Pairs(first, second, delta, f, y);
  }

  static int[] range(int n) {
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = i;
    }
    return out;
  }
}
