package org.mlem.core.importance;

import java.io.Serializable;

/**
 * Scores held-out pairs from their feature distances: the model-agnostic heart of
 * {@link StimulusImportance}, which only ever calls this with the pairs' (possibly permuted)
 * feature distances. The default, {@link MetricScorer}, predicts s = delta^T W delta and
 * returns its exact tie-aware Spearman with the neural distances; tests pass scorers with
 * known answers. Serializable so that rounds can run on Spark executors; must be a pure
 * function of its arguments (and thread-safe).
 */
@FunctionalInterface
public interface PairScorer extends Serializable {
  /**
   * The score of B pairs.
   *
   * @param delta B x F feature distances, row-major; must not be modified
   * @param featureCount F
   * @param neural the B neural distances
   * @param neuralRanks their average ranks (precomputed once per round)
   * @return the score; NaN when undefined (e.g. constant predictions)
   */
  double score(double[] delta, int featureCount, double[] neural, double[] neuralRanks);
}
