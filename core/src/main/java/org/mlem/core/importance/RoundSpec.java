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
 * @param score how predictions are scored (exact Spearman by default)
 */
public record RoundSpec(
    double[] coefficients, int featureCount, boolean interactions, int permutations,
    int batchSize, boolean total, long seed, DistanceScore score) implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Copies the coefficients and checks the shapes. */
  public RoundSpec {
    java.util.Objects.requireNonNull(score, "score");
    coefficients = coefficients.clone();
    if (permutations < 1) {
      throw new IllegalArgumentException("permutations must be >= 1, found " + permutations);
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException("importance batch size must be >= 2, found " + batchSize);
    }
  }

  /** A spec scored by exact Spearman (the default). */
  public RoundSpec(double[] coefficients, int featureCount, boolean interactions,
      int permutations, int batchSize, boolean total, long seed) {
    this(coefficients, featureCount, interactions, permutations, batchSize, total, seed,
        DistanceScore.SPEARMAN);
  }

  /** The coefficients, a copy. */
  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }
}
