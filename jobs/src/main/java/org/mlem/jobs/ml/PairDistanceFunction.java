package org.mlem.jobs.ml;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.mlem.core.metric.PhiExpansion;

/**
 * The model's prediction for one pair, run by executor tasks: the feature distances delta of
 * the pair (each feature's {@link FittedFeature#distance}), then {@code s = delta^T W delta}
 * through core's {@link PhiExpansion} (the training model's own formula), and
 * {@code sqrt(max(s, 0))} (s can only be negative for the unconstrained frrsa-i model).
 *
 * <p>Input: a struct of 2F cells, {@code (f_1, f_2)} for each feature f in W's order.
 */
final class PairDistanceFunction implements UDF1<Row, Double> {
  private static final long serialVersionUID = 1L;

  private final FittedFeature[] features;
  private final double[] coefficients;

  /**
   * @param features the fitted features in W's order
   * @param weights W, F x F, symmetric
   */
  PairDistanceFunction(List<FittedFeature> features, double[][] weights) {
    this.features = features.toArray(new FittedFeature[0]);
    int f = this.features.length;
    this.coefficients = new double[PhiExpansion.termCount(f, true)];
    for (int a = 0; a < f; a++) {
      for (int b = 0; b <= a; b++) {
        coefficients[PhiExpansion.termIndex(a, b)] = weights[a][b];
      }
    }
  }

  @Override
  public Double call(Row pair) {
    int f = features.length;
    double[] delta = new double[f];
    for (int k = 0; k < f; k++) {
      FittedFeature feature = features[k];
      delta[k] = feature.distance(
          ColumnTypes.value(pair.get(2 * k), feature.name() + "_1"),
          ColumnTypes.value(pair.get(2 * k + 1), feature.name() + "_2"));
    }
    return predict(delta);
  }

  /** sqrt(max(delta^T W delta, 0)) for one delta vector. */
  double predict(double[] delta) {
    double[] phi = new double[coefficients.length];
    PhiExpansion.expand(delta, 1, features.length, true, phi);
    double[] s = new double[1];
    PhiExpansion.predict(phi, 1, coefficients.length, coefficients, s);
    return Math.sqrt(Math.max(s[0], 0.0));
  }
}
