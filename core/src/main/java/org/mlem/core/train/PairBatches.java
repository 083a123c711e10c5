package org.mlem.core.train;

import org.mlem.core.distance.PairDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.pairs.PairIndices;

/**
 * Computes the feature and neural distances of drawn pairs. Shared by the in-process source and
 * the Spark tasks so that both produce the same numbers for the same pairs.
 */
public final class PairBatches {
  private PairBatches() {}

  /**
   * Writes the distances of pairs {@code [from, to)} of {@code pairs} into {@code delta} (rows
   * from {@code from}, row-major, F per row) and {@code neural} (positions from {@code from}).
   * Each output position depends only on its pair, so slices may be filled concurrently.
   */
  public static void fill(
      EncodedFeatures features,
      PairDistances distances,
      PairIndices pairs,
      int from,
      int to,
      double[] delta,
      double[] neural) {
    int f = features.featureCount();
    int[] first = pairs.first();
    int[] second = pairs.second();
    for (int k = from; k < to; k++) {
      int i = first[k];
      int j = second[k];
      features.delta(i, j, delta, k * f);
      neural[k] = distances.distance(i, j);
    }
  }

  /** The whole batch of {@code pairs}, computed in the calling thread. */
  public static PairBatch compute(
      EncodedFeatures features, PairDistances distances, PairIndices pairs) {
    int b = pairs.size();
    double[] delta = new double[b * features.featureCount()];
    double[] neural = new double[b];
    fill(features, distances, pairs, 0, b, delta, neural);
    return new PairBatch(b, features.featureCount(), delta, neural);
  }
}
