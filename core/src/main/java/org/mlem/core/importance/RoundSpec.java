package org.mlem.core.importance;

import java.io.Serializable;
import org.mlem.core.evaluation.DistanceScore;

/**
 * What every permutation round of one importance computation shares: the metric's coefficients
 * and shape, the number of rounds, the pairs per round, whether totals are computed, and the
 * seed. Serializable so that distributed runners can ship it to executors.
 *
 * @param coefficients the metric's coefficients in term order
 * @param featureCount F
 * @param interactions whether the metric has interaction terms
 * @param permutations number of rounds, >= 1
 * @param batchSize held-out pairs per round, >= 2
 * @param total whether to compute total importance per feature
 * @param seed the seed the permutations derive from
 * @param groups the features as ranges of components ({@code FeatureLayout#starts}, G + 1
 *     values from 0 to featureCount): a total permutes all of a feature's components together
 * @param score how predictions are scored (exact Spearman by default)
 */
public record RoundSpec(
    double[] coefficients, int featureCount, boolean interactions, int permutations,
    int batchSize, boolean total, long seed, int[] groups, DistanceScore score)
    implements Serializable {
  private static final long serialVersionUID = 3L;

  /** A spec where every component is its own feature (no SIMPLEX feature), exact Spearman. */
  public RoundSpec(double[] coefficients, int featureCount, boolean interactions,
      int permutations, int batchSize, boolean total, long seed) {
    this(coefficients, featureCount, interactions, permutations, batchSize, total, seed,
        java.util.stream.IntStream.rangeClosed(0, Math.max(featureCount, 0)).toArray(),
        DistanceScore.SPEARMAN);
  }

  /** Copies the arrays and checks the shapes. */
  public RoundSpec {
    java.util.Objects.requireNonNull(score, "score");
    coefficients = coefficients.clone();
    groups = groups.clone();
    if (groups.length < 2 || groups[0] != 0 || groups[groups.length - 1] != featureCount) {
      throw new IllegalArgumentException("feature groups must rise from 0 to the component count "
          + featureCount + ", found " + java.util.Arrays.toString(groups));
    }
    if (permutations < 1) {
      throw new IllegalArgumentException("permutations must be >= 1, found " + permutations);
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException("importance batch size must be >= 2, found " + batchSize);
    }
  }

  /** The feature groups, a copy. */
  @Override
  public int[] groups() {
    return groups.clone();
  }

  /** The coefficients, a copy. */
  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }
}
