package org.mlem.core.importance;

import java.util.Objects;

/**
 * Settings of permutation importance.
 *
 * @param permutations permutations per unit, >= 1 (paper: 10)
 * @param batchSize held-out pairs per permutation round, >= 2 (normally the training batch size)
 * @param total whether to also compute total importance per feature (term-level only; a
 *     stimulus-level main effect already breaks a feature and all its interactions)
 * @param kind stimulus-level (default) or term-level importance
 */
public record ImportanceConfig(
    int permutations, int batchSize, boolean total, ImportanceKind kind) {
  /** Default number of permutations (paper, section 2.3). */
  public static final int DEFAULT_PERMUTATIONS =
      org.mlem.core.config.MlemOptions.PERMUTATIONS.defaultValue();

  /** Default kind of importance. */
  public static final ImportanceKind DEFAULT_KIND =
      org.mlem.core.config.MlemOptions.IMPORTANCE.defaultValue();

  /** Term-level settings (the paper's importance), as before the kind existed. */
  public ImportanceConfig(int permutations, int batchSize, boolean total) {
    this(permutations, batchSize, total, ImportanceKind.TERM);
  }

  /** Validates every field. */
  public ImportanceConfig {
    Objects.requireNonNull(kind, "kind");
    if (permutations < 1) {
      throw new IllegalArgumentException("permutations must be >= 1, found " + permutations);
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException("importance batch size must be >= 2, found " + batchSize);
    }
  }
}
