package org.mlem.core.rsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.rank.KendallTauA;
import org.mlem.core.rank.Spearman;

/**
 * The weighted correlations equal the plain ones of the vectors with entries repeated by their
 * weights (Spearman: the rank package's tie-aware Spearman; tau-a: with unit weights the rank
 * package's tau-a), on tied data; and a resample's pair weights are the products of the counts.
 */
class WeightedSpearmanTest {
  @Test
  void equalsSpearmanOfTheRepeatedEntries() {
    int n = 200;
    double[] x = new double[n];
    double[] y = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = PositionalRandom.below(PositionalRandom.mix(1, i), 7);
      y[i] = x[i] + PositionalRandom.below(PositionalRandom.mix(2, i), 4);
      w[i] = PositionalRandom.below(PositionalRandom.mix(3, i), 4);
    }
    int total = 0;
    for (double v : w) {
      total += (int) v;
    }
    double[] xr = new double[total];
    double[] yr = new double[total];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < (int) w[i]; c++) {
        xr[k] = x[i];
        yr[k++] = y[i];
      }
    }
    assertEquals(Spearman.exact(xr, yr), WeightedSpearman.of(x, WeightedSpearman.order(x), y,
        WeightedSpearman.order(y), w), 1e-12);
    assertEquals(Spearman.exact(x, y), WeightedSpearman.of(x, y), 1e-12);
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    assertEquals(KendallTauA.of(x, y), WeightedKendallTauA.of(x, y, ones), 1e-15);
    assertEquals(1.0, WeightedSpearman.of(xr, xr), 0.0);
  }

  @Test
  void aConstantWeightedVectorHasNoCorrelation() {
    double[] x = {1, 2, 3};
    double[] y = {1, 2, 3};
    // only the first entry weighs: x is constant over the weighted entries
    assertThrows(ArithmeticException.class, () -> WeightedSpearman.of(x,
        WeightedSpearman.order(x), y, WeightedSpearman.order(y), new double[] {3, 0, 0}));
    assertThrows(ArithmeticException.class,
        () -> WeightedKendallTauA.of(x, y, new double[] {3, 0, 0}));
  }

  @Test
  void pairWeightsAreProductsOfTheCountsAndSelfPairsGiveNothing() {
    // counts (2, 0, 1): pairs (0,1), (0,2), (1,2) occur 0, 2 and 0 times
    PairIndices pairs = new PairIndices(new int[] {0, 0, 1}, new int[] {1, 2, 2});
    assertArrayEquals(new double[] {0, 2, 0},
        StimulusBootstrap.pairWeights(new int[] {2, 0, 1}, pairs), 0.0);
    int[] counts = StimulusBootstrap.counts(5, 3, 50);
    int sum = 0;
    for (int c : counts) {
      sum += c;
    }
    assertEquals(50, sum);
    assertArrayEquals(counts, StimulusBootstrap.counts(5, 3, 50));
  }
}
