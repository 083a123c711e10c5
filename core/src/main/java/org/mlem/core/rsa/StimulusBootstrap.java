package org.mlem.core.rsa;

import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PositionalRandom;

/**
 * One resample of a stimulus bootstrap (docs/method.md section 9): n stimuli drawn with
 * replacement from the n common stimuli, draw k of resample b being
 * {@code below(mix(seed, STREAM, b, k), n)}. The bootstrapped RDM holds, for every two draws
 * of distinct stimuli i and j, the distance d_ij; two draws of the same stimulus give no entry
 * (as rsatoolbox's {@code bootstrap_sample_rdm}, which drops the self-pairs). So pair {i, j}
 * occurs w_i w_j times, w_i being how often stimulus i was drawn: the bootstrapped correlation is
 * the correlation over the shared pairs with those multiplicities ({@link #pairWeights}), and a
 * pair of a stimulus not drawn drops out ({@link WeightedSpearman}, {@link WeightedKendallTauA}).
 */
public final class StimulusBootstrap {
  /** The stream of the draws in {@link PositionalRandom#mix(long, long, long, long)}. */
  static final long STREAM = 0x5253415F424F4F54L; // "RSA_BOOT"

  private StimulusBootstrap() {}

  /**
   * How often each stimulus is drawn in resample b.
   *
   * @param seed the run seed
   * @param resample the resample's position b, &gt;= 0
   * @param n the number of stimuli, &gt;= 1
   * @return counts summing to n
   */
  public static int[] counts(long seed, long resample, int n) {
    int[] counts = new int[n];
    for (int k = 0; k < n; k++) {
      counts[(int) PositionalRandom.below(PositionalRandom.mix(seed, STREAM, resample, k), n)]++;
    }
    return counts;
  }

  /**
   * The multiplicity w_i w_j of each shared pair {i, j} in a resample.
   *
   * @param counts how often each stimulus was drawn ({@link #counts})
   * @param pairs the shared pairs
   * @return one weight per pair
   */
  public static double[] pairWeights(int[] counts, PairIndices pairs) {
    int[] first = pairs.first();
    int[] second = pairs.second();
    double[] w = new double[first.length];
    for (int k = 0; k < w.length; k++) {
      w[k] = (double) counts[first[k]] * counts[second[k]];
    }
    return w;
  }
}
