package org.mlem.core.metric;

/**
 * What the metrics without interactions share: F parameters, one per feature, and F
 * coefficients, the diagonal of W. Subclasses map the parameters to a unit-norm diagonal.
 */
abstract class DiagonalMetric implements MetricParametrization {
  /** F. */
  protected final int featureCount;

  DiagonalMetric(int featureCount) {
    PhiExpansion.requireFeatureCount(featureCount);
    this.featureCount = featureCount;
  }

  @Override
  public final int featureCount() {
    return featureCount;
  }

  @Override
  public final boolean interactions() {
    return false;
  }

  @Override
  public final int parameterCount() {
    return featureCount;
  }

  @Override
  public final int coefficientCount() {
    return featureCount;
  }
}
