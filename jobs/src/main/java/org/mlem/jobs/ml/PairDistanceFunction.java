package org.mlem.jobs.ml;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.mlem.core.features.FittedFeature;
import org.mlem.core.metric.MetricDistance;

/**
 * The model's prediction for one pair, run by executor tasks: converts the pair's cells
 * ({@link ColumnTypes#value}) and delegates to core: the feature distances delta of the pair
 * (each feature's {@link FittedFeature#delta}: its distance, or a SIMPLEX feature's C - 1
 * coordinate differences), then core's {@link MetricDistance}
 * {@code sqrt(max(delta^T W delta, 0))}.
 *
 * <p>Input: a struct of 2F cells, {@code (f_1, f_2)} for each feature f in W's order.
 */
final class PairDistanceFunction implements UDF1<Row, Double> {
  private static final long serialVersionUID = 1L;

  private final FittedFeature[] features;
  private final MetricDistance metric;

  /**
   * @param features the fitted features in W's order
   * @param weights W over the features' components, symmetric
   */
  PairDistanceFunction(List<FittedFeature> features, double[][] weights) {
    this.features = features.toArray(new FittedFeature[0]);
    this.metric = MetricDistance.ofMatrix(weights);
  }

  @Override
  public Double call(Row pair) {
    double[] delta = new double[metric.featureCount()];
    for (int k = 0, at = 0; k < features.length; k++) {
      FittedFeature feature = features[k];
      feature.delta(
          ColumnTypes.value(pair.get(2 * k), feature.name() + "_1"),
          ColumnTypes.value(pair.get(2 * k + 1), feature.name() + "_2"), delta, at);
      at += feature.width();
    }
    return metric.distance(delta);
  }
}
