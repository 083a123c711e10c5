package org.mlem.core.metric;

import java.util.SplittableRandom;

/**
 * What the two metrics with interactions share: F(F+1)/2 unconstrained parameters V, one per
 * term of W's lower triangle in {@link PhiExpansion#termIndex(int, int)} order, initialized
 * from U(-1, 1), and as many coefficients. Subclasses map V to a unit-Frobenius W.
 */
abstract class LowerTriangularMetric implements MetricParametrization {
  /** F. */
  protected final int featureCount;
  /** F(F+1)/2. */
  protected final int termCount;

  LowerTriangularMetric(int featureCount) {
    PhiExpansion.requireFeatureCount(featureCount);
    this.featureCount = featureCount;
    this.termCount = PhiExpansion.termCount(featureCount, true);
  }

  @Override
  public final int featureCount() {
    return featureCount;
  }

  @Override
  public final boolean interactions() {
    return true;
  }

  @Override
  public final int parameterCount() {
    return termCount;
  }

  @Override
  public final int coefficientCount() {
    return termCount;
  }

  /** V ~ U(-1, 1), each of the F(F+1)/2 values in turn. */
  @Override
  public final double[] initialParameters(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] params = new double[termCount];
    for (int t = 0; t < termCount; t++) {
      params[t] = random.nextDouble(-1.0, 1.0);
    }
    return params;
  }
}
