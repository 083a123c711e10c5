package org.mlem.core.importance;

/**
 * The importances of every unit for one permutation index, on one batch of held-out pairs.
 *
 * @param permutation permutation index
 * @param baseline exact Spearman of the unpermuted predictions with the neural distances
 * @param units importance of each unit (term order)
 * @param totals total importance of each feature, or an empty array when not computed
 */
public record PermutationRound(int permutation, double baseline, double[] units, double[] totals) {
  /** Copies the arrays. */
  public PermutationRound {
    units = units.clone();
    totals = totals.clone();
  }

  /** Importance of each unit, a copy. */
  @Override
  public double[] units() {
    return units.clone();
  }

  /** Total importance of each feature, a copy. */
  @Override
  public double[] totals() {
    return totals.clone();
  }
}
