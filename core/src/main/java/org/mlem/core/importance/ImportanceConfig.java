package org.mlem.core.importance;

/**
 * Settings of permutation importance.
 *
 * @param permutations permutations per unit, >= 1 (paper: 10)
 * @param batchSize held-out pairs per permutation round, >= 2 (normally the training batch size)
 * @param total whether to also compute total importance per feature
 */
public record ImportanceConfig(int permutations, int batchSize, boolean total) {
  /** Default number of permutations (paper, section 2.3). */
  public static final int DEFAULT_PERMUTATIONS = 10;

  /** Validates every field. */
  public ImportanceConfig {
    if (permutations < 1) {
      throw new IllegalArgumentException("permutations must be >= 1, found " + permutations);
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException("importance batch size must be >= 2, found " + batchSize);
    }
  }
}
