package org.mlem.core.metric;

import java.io.Serializable;

/**
 * The distance a fitted metric W predicts for a pair from its feature distances delta
 * (docs/method.md section 2): {@code sqrt(max(0, delta^T W delta))}, the quadratic form formed
 * as the training model forms it ({@link PhiExpansion#expand} then {@link PhiExpansion#predict}).
 * The form is never negative for the positive semi-definite parametrizations; only the
 * unconstrained frrsa-i model can give a negative value, which predicts 0. Immutable and
 * serializable (Spark tasks carry it).
 */
public final class MetricDistance implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int featureCount;
  private final boolean interactions;
  private final double[] coefficients;

  private MetricDistance(int featureCount, boolean interactions, double[] coefficients) {
    this.featureCount = featureCount;
    this.interactions = interactions;
    this.coefficients = coefficients;
  }

  /**
   * A metric from its coefficients in term order.
   *
   * @param coefficients W's coefficients (lower triangle in term order, or the diagonal); copied
   * @param featureCount F &gt;= 1
   * @param interactions whether the coefficients include interaction terms
   * @return the metric
   * @throws IllegalArgumentException if the length is not the term count of F features
   */
  public static MetricDistance of(double[] coefficients, int featureCount, boolean interactions) {
    int terms = PhiExpansion.termCount(featureCount, interactions);
    if (coefficients.length != terms) {
      throw new IllegalArgumentException("expected " + terms + " coefficients for "
          + featureCount + " features, found " + coefficients.length);
    }
    return new MetricDistance(featureCount, interactions, coefficients.clone());
  }

  /**
   * A metric from the full matrix W; its lower triangle is used (W is symmetric).
   *
   * @param weights W, F x F
   * @return the metric, with interaction terms
   * @throws IllegalArgumentException if W is not square
   */
  public static MetricDistance ofMatrix(double[][] weights) {
    int f = weights.length;
    double[] coefficients = new double[PhiExpansion.termCount(f, true)];
    for (int a = 0; a < f; a++) {
      if (weights[a].length != f) {
        throw new IllegalArgumentException("W row " + a + " has " + weights[a].length
            + " values for " + f + " features; expected an F x F matrix");
      }
      for (int b = 0; b <= a; b++) {
        coefficients[PhiExpansion.termIndex(a, b)] = weights[a][b];
      }
    }
    return new MetricDistance(f, true, coefficients);
  }

  /**
   * The number of features F.
   *
   * @return F
   */
  public int featureCount() {
    return featureCount;
  }

  /**
   * {@code delta^T W delta}.
   *
   * @param delta the F feature distances of one pair
   * @return the quadratic form
   * @throws IllegalArgumentException if delta does not have F values
   */
  public double squared(double[] delta) {
    if (delta.length != featureCount) {
      throw new IllegalArgumentException("expected " + featureCount
          + " feature distances, found " + delta.length);
    }
    double[] phi = new double[coefficients.length];
    PhiExpansion.expand(delta, 1, featureCount, interactions, phi);
    double[] s = new double[1];
    PhiExpansion.predict(phi, 1, coefficients.length, coefficients, s);
    return s[0];
  }

  /**
   * The predicted distance {@code sqrt(max(0, delta^T W delta))}.
   *
   * @param delta the F feature distances of one pair
   * @return the distance, &gt;= 0
   */
  public double distance(double[] delta) {
    return Math.sqrt(Math.max(squared(delta), 0.0));
  }
}
