package org.mlem.core.ridge;

import org.mlem.core.rank.Correlation;
import org.mlem.core.rank.Spearman;

/** How the inner cross-validation of FR-RSA scores a fraction on its held-out pairs. */
public enum RidgeScoring {
  /** Spearman correlation of predicted and neural distances (MLEM's score). */
  SPEARMAN,
  /** Pearson correlation (the frrsa package's default). */
  PEARSON;

  /**
   * The score of predictions against neural distances.
   *
   * @return the correlation, NaN when either side is constant
   */
  public double score(double[] predicted, double[] neural) {
    try {
      return this == SPEARMAN ? Spearman.exact(predicted, neural)
          : Correlation.pearson(predicted, neural);
    } catch (ArithmeticException e) {
      return Double.NaN;
    }
  }
}
