package org.mlem.core.stats;

/**
 * Fisher-z average of correlations, tanh(mean(atanh(r))), used to average the scores of
 * cross-validation folds (docs/method.md section 5; as rsatoolbox does). Correlations of exactly +1 or
 * -1 have an infinite z; they are clamped to +-(1 - 1e-15) before the transform, so that one
 * perfect fold pulls the average strongly towards +-1 without making it undefined.
 */
public final class FisherZ {
  /** Magnitude to which correlations of exactly +-1 are clamped before atanh. */
  public static final double CLAMP = 1 - 1e-15;

  private FisherZ() {}

  /**
   * tanh of the mean of atanh(r) over the given correlations (each clamped to [-CLAMP, CLAMP]).
   *
   * @param correlations at least one value, each in [-1, 1]
   * @return the average correlation, in [-1, 1]
   * @throws IllegalArgumentException if the array is null or empty, or a value is NaN or outside
   *     [-1, 1] (the message names its position)
   */
  public static double average(double... correlations) {
    if (correlations == null || correlations.length == 0) {
      throw new IllegalArgumentException(
          "correlations must hold at least one value, found "
              + (correlations == null ? "null" : "none"));
    }
    double sum = 0;
    for (int i = 0; i < correlations.length; i++) {
      double r = correlations[i];
      if (!(r >= -1 && r <= 1)) {
        throw new IllegalArgumentException(
            "correlations must be in [-1, 1], found " + r + " at position " + i);
      }
      double c = Math.max(-CLAMP, Math.min(CLAMP, r));
      sum += atanh(c);
    }
    return Math.tanh(sum / correlations.length);
  }

  /** atanh(r) = log((1 + r) / (1 - r)) / 2, via log1p for accuracy near 0. */
  static double atanh(double r) {
    return 0.5 * Math.log1p(2 * r / (1 - r));
  }
}
