package org.mlem.core.evaluation;

import java.io.Serializable;

/**
 * The least-squares affine map d ~ intercept + slope * p from a model's predicted distances p to
 * the neural distances d, fitted on training pairs and applied unchanged to held-out and
 * permuted pairs, so that the MSE of {@link Scoring#MSE} is on the neural scale whatever the
 * model's scale (docs/method.md section 5). When the training predictions are constant the
 * slope is 0 and the intercept is the mean of d (the least-squares constant).
 *
 * @param intercept the map's intercept, finite
 * @param slope the map's slope, finite
 */
public record AffineCalibration(double intercept, double slope) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The identity map (intercept 0, slope 1). */
  public static final AffineCalibration IDENTITY = new AffineCalibration(0, 1);

  /** Rejects non-finite values. */
  public AffineCalibration {
    if (!Double.isFinite(intercept) || !Double.isFinite(slope)) {
      throw new IllegalArgumentException("an affine calibration needs a finite intercept and "
          + "slope, found " + intercept + " and " + slope);
    }
  }

  /**
   * Fits the map by least squares (two passes: the means, then the centred sums).
   *
   * @param predicted the model's predicted distances of the training pairs, finite
   * @param neural their neural distances, finite, the same length (at least 1)
   * @return the fitted map
   */
  public static AffineCalibration fit(double[] predicted, double[] neural) {
    if (predicted.length != neural.length || predicted.length == 0) {
      throw new IllegalArgumentException("an affine calibration needs as many predictions as "
          + "neural distances (at least one), found " + predicted.length + " and "
          + neural.length);
    }
    int n = predicted.length;
    double sp = 0;
    double sd = 0;
    for (int i = 0; i < n; i++) {
      sp += predicted[i];
      sd += neural[i];
    }
    double mp = sp / n;
    double md = sd / n;
    double spp = 0;
    double spd = 0;
    for (int i = 0; i < n; i++) {
      double dp = predicted[i] - mp;
      spp += dp * dp;
      spd += dp * (neural[i] - md);
    }
    if (!(spp > 0)) {
      return new AffineCalibration(md, 0);
    }
    double slope = spd / spp;
    return new AffineCalibration(md - slope * mp, slope);
  }

  /**
   * The mean squared error of the mapped predictions against the neural distances.
   *
   * @param predicted the model's predicted distances
   * @param neural the neural distances, the same length (at least 1)
   */
  public double meanSquaredError(double[] predicted, double[] neural) {
    if (predicted.length != neural.length || predicted.length == 0) {
      throw new IllegalArgumentException("expected as many predictions as neural distances "
          + "(at least one), found " + predicted.length + " and " + neural.length);
    }
    double sum = 0;
    for (int i = 0; i < predicted.length; i++) {
      double e = intercept + slope * predicted[i] - neural[i];
      sum += e * e;
    }
    return sum / predicted.length;
  }
}
