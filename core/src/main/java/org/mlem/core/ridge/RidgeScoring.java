package org.mlem.core.ridge;

import org.mlem.core.rank.Correlation;
import org.mlem.core.rank.Spearman;

/**
 * How the inner cross-validation of FR-RSA scores a fraction on its held-out pairs; higher is
 * better. The correlations are invariant to the scale of beta, so with them the fraction only
 * matters through the direction ridge shrinkage gives beta (with one design column every fraction
 * scores the same); {@link #MSE} also rewards the shrinkage of the scale, and on data the features
 * do not predict it prefers small fractions.
 */
public enum RidgeScoring {
  /** Spearman correlation of predicted and neural distances (MLEM's score). */
  SPEARMAN,
  /** Pearson correlation (the frrsa package's default). */
  PEARSON,
  /** Minus the mean squared error of predicted against neural distances. */
  MSE;

  /**
   * The score of predictions against neural distances.
   *
   * @return the correlation (NaN when either side is constant) or minus the mean squared error
   */
  public double score(double[] predicted, double[] neural) {
    if (this == MSE) {
      if (predicted.length != neural.length || predicted.length == 0) {
        throw new IllegalArgumentException("expected as many predictions as neural distances, "
            + "found " + predicted.length + " and " + neural.length);
      }
      double sum = 0;
      for (int i = 0; i < predicted.length; i++) {
        double d = predicted[i] - neural[i];
        sum += d * d;
      }
      return -sum / predicted.length;
    }
    try {
      return this == SPEARMAN ? Spearman.exact(predicted, neural)
          : Correlation.pearson(predicted, neural);
    } catch (ArithmeticException e) {
      return Double.NaN;
    }
  }
}
