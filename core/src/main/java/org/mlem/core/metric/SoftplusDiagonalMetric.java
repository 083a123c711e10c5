package org.mlem.core.metric;

import java.util.SplittableRandom;

/**
 * A diagonal metric with non-negative weights: {@code w = softplus(v) / ||softplus(v)||_2}
 * (docs/method.md section 2). It is MLEM's metric without interactions and the FR-RSA baseline.
 * Initial parameters are drawn from U(0, 1).
 *
 * <p>Immutable and stateless.
 */
public final class SoftplusDiagonalMetric extends DiagonalMetric {
  /**
   * A parametrization for {@code featureCount} features.
   *
   * @param featureCount F, &gt;= 1
   */
  public SoftplusDiagonalMetric(int featureCount) {
    super(featureCount);
  }

  /** v ~ U(0, 1), each of the F values in turn. */
  @Override
  public double[] initialParameters(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double[] params = new double[featureCount];
    for (int f = 0; f < featureCount; f++) {
      params[f] = random.nextDouble();
    }
    return params;
  }

  @Override
  public void coefficients(double[] params, double[] coefOut) {
    ParameterChecks.requireLength("params", params, featureCount, toString());
    ParameterChecks.requireLength("coefOut", coefOut, featureCount, toString());
    double squares = 0.0;
    for (int f = 0; f < featureCount; f++) {
      double s = Softplus.value(params[f]);
      coefOut[f] = s;
      squares += s * s;
    }
    double inverse = 1.0 / norm(squares);
    for (int f = 0; f < featureCount; f++) {
      coefOut[f] *= inverse;
    }
  }

  /**
   * With s = softplus(v), n = ||s|| and w = s / n: {@code d/ds = (g - <g, w> w) / n}, then times
   * the logistic function of v.
   */
  @Override
  public void backward(double[] params, double[] gradCoefficients, double[] gradParamsOut) {
    ParameterChecks.requireLength("params", params, featureCount, toString());
    ParameterChecks.requireLength("gradCoefficients", gradCoefficients, featureCount, toString());
    ParameterChecks.requireLength("gradParamsOut", gradParamsOut, featureCount, toString());
    double squares = 0.0;
    for (int f = 0; f < featureCount; f++) {
      double s = Softplus.value(params[f]);
      squares += s * s;
    }
    double inverse = 1.0 / norm(squares);
    double inner = 0.0;
    for (int f = 0; f < featureCount; f++) {
      inner += gradCoefficients[f] * Softplus.value(params[f]) * inverse;
    }
    for (int f = 0; f < featureCount; f++) {
      double w = Softplus.value(params[f]) * inverse;
      gradParamsOut[f] =
          (gradCoefficients[f] - inner * w) * inverse * Softplus.derivative(params[f]);
    }
  }

  @Override
  public String toString() {
    return "SoftplusDiagonalMetric with " + featureCount + " features";
  }

  private double norm(double squares) {
    return ParameterChecks.requireUsableNorm(Math.sqrt(squares), "softplus(v) of " + this);
  }
}
