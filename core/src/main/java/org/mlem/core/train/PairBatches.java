package org.mlem.core.train;

import org.mlem.core.distance.PairDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.StimulusRows;
import org.mlem.core.metric.SparseDeltas;
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
    int[] first = pairs.first();
    int[] second = pairs.second();
    features.deltas(first, second, from, to, delta, from * features.featureCount());
    int[] order = byLaterStimulus(first, second, from, to, features.size());
    distances.distancesAt(first, second, order, order.length, neural, 0);
  }

  /**
   * Positions {@code [from, to)} ordered by the larger of their two stimulus indices (a counting
   * sort), so that consecutive pairs share a representation row that is still in cache, and a
   * memo of all pairs ({@link org.mlem.core.distance.MemoizedPairDistances}, stored by that
   * index) is read row by row. Every position is computed independently, so the order changes
   * no value, only the memory traffic.
   */
  static int[] byLaterStimulus(int[] first, int[] second, int from, int to, int stimuli) {
    int[] start = new int[stimuli + 1];
    for (int k = from; k < to; k++) {
      start[Math.max(first[k], second[k]) + 1]++;
    }
    for (int i = 0; i < stimuli; i++) {
      start[i + 1] += start[i];
    }
    int[] order = new int[to - from];
    for (int k = from; k < to; k++) {
      order[start[Math.max(first[k], second[k])]++] = k;
    }
    return order;
  }

  /**
   * The non-zero feature distances of pairs {@code [from, to)} of {@code pairs} (batch rows
   * 0 .. to - from of the segment), never written as a dense array (read from the stimuli's
   * {@link EncodedFeatures#stimulusRows} when every feature is categorical or ordinal, else
   * written a block at a time and compacted), and their neural distances into {@code neural}
   * (positions from {@code from}): the same values as {@link #fill}. Reuses {@code previous}'s
   * arrays where large enough (or null).
   */
  public static SparseDeltas.Segment fillSparse(
      EncodedFeatures features,
      PairDistances distances,
      PairIndices pairs,
      int from,
      int to,
      SparseDeltas.Segment previous,
      double[] neural) {
    int[] first = pairs.first();
    int[] second = pairs.second();
    StimulusRows rows = features.stimulusRows();
    SparseDeltas.Segment segment = rows != null
        ? SparseDeltas.segment((r, feature, value, at) -> rows.nonZeroDistances(first[r],
            second[r], feature, value, at), from, to, features.featureCount(), previous)
        : SparseDeltas.segment((a, b, out) -> features.deltas(first, second, a, b, out), from,
            to, features.featureCount(), previous);
    int[] order = byLaterStimulus(first, second, from, to, features.size());
    distances.distancesAt(first, second, order, order.length, neural, 0);
    return segment;
  }

  /**
   * Writes only the feature distances of pairs {@code [from, to)} into {@code delta} (rows from
   * {@code from}), for sources that compute the neural distances elsewhere: the same values as
   * {@link #fill}.
   */
  public static void fillFeatures(
      EncodedFeatures features, PairIndices pairs, int from, int to, double[] delta) {
    int f = features.featureCount();
    int[] first = pairs.first();
    int[] second = pairs.second();
    for (int k = from; k < to; k++) {
      features.delta(first[k], second[k], delta, k * f);
    }
  }

  /**
   * Writes only the neural distances of pairs {@code [from, to)} into {@code neural} at
   * positions {@code 0 .. to - from}, in first-stimulus order for cache reuse: the same values
   * as {@link #fill}.
   */
  public static void fillNeural(
      PairDistances distances, PairIndices pairs, int from, int to, double[] neural) {
    int[] first = pairs.first();
    int[] second = pairs.second();
    int[] order = byLaterStimulus(first, second, from, to, distances.size());
    distances.distancesAt(first, second, order, order.length, neural, from);
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
