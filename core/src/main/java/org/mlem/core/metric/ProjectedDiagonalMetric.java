package org.mlem.core.metric;

import java.util.Arrays;

/**
 * MLEM's default metric without interactions: the F parameters are the diagonal w of W, mapped
 * to coefficients as {@code w / ||w||_2}, and after every optimizer step {@link #project
 * projected} onto the non-negative vectors of unit norm (negative weights clipped at 0, then
 * rescaled; docs/method.md section 2). The gradient of a weight does not vanish as it
 * approaches 0, unlike {@link SoftplusDiagonalMetric}'s. Initial parameters: all 1 / sqrt(F).
 *
 * <p>Immutable and stateless.
 */
public final class ProjectedDiagonalMetric extends DiagonalMetric {
  /**
   * A parametrization for {@code featureCount} features.
   *
   * @param featureCount F, &gt;= 1
   */
  public ProjectedDiagonalMetric(int featureCount) {
    super(featureCount);
  }

  /** Every weight 1 / sqrt(F), whatever the seed. */
  @Override
  public double[] initialParameters(long seed) {
    double[] params = new double[featureCount];
    Arrays.fill(params, 1.0 / Math.sqrt(featureCount));
    return params;
  }

  @Override
  public void coefficients(double[] params, double[] coefOut) {
    ParameterChecks.requireLength("params", params, featureCount, toString());
    ParameterChecks.requireLength("coefOut", coefOut, featureCount, toString());
    double inverse = 1.0 / norm(params);
    for (int f = 0; f < featureCount; f++) {
      coefOut[f] = params[f] * inverse;
    }
  }

  /** With n = ||w|| and c = w / n: {@code d/dw = (g - <g, c> c) / n}. */
  @Override
  public void backward(double[] params, double[] gradCoefficients, double[] gradParamsOut) {
    ParameterChecks.requireLength("params", params, featureCount, toString());
    ParameterChecks.requireLength("gradCoefficients", gradCoefficients, featureCount, toString());
    ParameterChecks.requireLength("gradParamsOut", gradParamsOut, featureCount, toString());
    double inverse = 1.0 / norm(params);
    double inner = 0.0;
    for (int f = 0; f < featureCount; f++) {
      inner += gradCoefficients[f] * params[f] * inverse;
    }
    for (int f = 0; f < featureCount; f++) {
      gradParamsOut[f] = (gradCoefficients[f] - inner * params[f] * inverse) * inverse;
    }
  }

  /**
   * Replaces {@code params} by the nearest non-negative vector of unit norm: negative entries
   * set to 0, then rescaled; when no entry is positive, the unit vector of the largest entry.
   *
   * @throws ArithmeticException if an entry is not finite
   */
  @Override
  public void project(double[] params) {
    ParameterChecks.requireLength("params", params, featureCount, toString());
    int largest = 0;
    for (int f = 0; f < featureCount; f++) {
      if (!Double.isFinite(params[f])) {
        throw new ArithmeticException(
            "cannot project the weights of " + this + ": weight " + f + " is " + params[f]);
      }
      if (params[f] > params[largest]) {
        largest = f;
      }
    }
    double squares = 0.0;
    for (int f = 0; f < featureCount; f++) {
      params[f] = Math.max(params[f], 0.0);
      squares += params[f] * params[f];
    }
    if (squares == 0.0) {
      params[largest] = 1.0;
      return;
    }
    double inverse = 1.0 / Math.sqrt(squares);
    for (int f = 0; f < featureCount; f++) {
      params[f] *= inverse;
    }
  }

  @Override
  public String toString() {
    return "ProjectedDiagonalMetric with " + featureCount + " features";
  }

  private double norm(double[] params) {
    double squares = 0.0;
    for (double p : params) {
      squares += p * p;
    }
    return ParameterChecks.requireUsableNorm(Math.sqrt(squares), "w of " + this);
  }
}
