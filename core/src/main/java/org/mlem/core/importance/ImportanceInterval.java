package org.mlem.core.importance;

/**
 * What the 95% interval of an importance summary reflects (docs/method.md section 5).
 *
 * <ul>
 *   <li>{@link #FOLDS}: with K >= 2 cross-validation folds, Student t with K - 1 degrees of
 *       freedom over the K per-fold means (each the mean over that fold's permutations): the
 *       variability across training and held-out sets.
 *   <li>{@link #PERMUTATION_NOISE}: with one train/test split, Student t with P - 1 degrees of
 *       freedom over the P permutations of that split. It reflects only the noise of the
 *       shuffles given one fitted W and one held-out set, not the variability of the fit or of
 *       the held-out stimuli; use folds for an interval across data.
 * </ul>
 */
public enum ImportanceInterval {
  /** t with K - 1 df over the K per-fold means. */
  FOLDS("across folds", "95% interval: Student t with K - 1 degrees of freedom over the K "
      + "per-fold means"),
  /** t with P - 1 df over the permutations of a single split. */
  PERMUTATION_NOISE("permutation noise only", "95% interval: permutation noise only (Student t "
      + "with P - 1 degrees of freedom over the P permutations of the one split; not the "
      + "variability across data)");

  private final String label;
  private final String description;

  ImportanceInterval(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** Short label for table columns and run.json: "across folds" or "permutation noise only". */
  public String label() {
    return label;
  }

  /** One sentence for reports and column docs. */
  public String description() {
    return description;
  }
}
