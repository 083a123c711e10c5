package org.mlem.core.metric;

/**
 * An unconstrained symmetric metric, the FR-RSA-I baseline (docs/method.md section 2): the
 * F(F+1)/2 parameters V are the lower triangle of W in the term order of
 * {@link PhiExpansion#termIndex(int, int)}, {@code W = sym(V) / ||sym(V)||_F} with
 * {@code sym(V)_ab = sym(V)_ba = V_ab}. W may be indefinite. Initial parameters are drawn from
 * U(-1, 1).
 *
 * <p>Immutable and stateless.
 */
public final class SymmetricMetric extends LowerTriangularMetric {
  /**
   * A parametrization for {@code featureCount} features.
   *
   * @param featureCount F, &gt;= 1
   */
  public SymmetricMetric(int featureCount) {
    super(featureCount);
  }

  @Override
  public void coefficients(double[] params, double[] coefOut) {
    ParameterChecks.requireLength("params", params, termCount, toString());
    ParameterChecks.requireLength("coefOut", coefOut, termCount, toString());
    double inverse = 1.0 / norm(params);
    for (int t = 0; t < termCount; t++) {
      coefOut[t] = params[t] * inverse;
    }
  }

  /**
   * With n = ||sym(V)||_F, c = V / n and m_ab the multiplicity of V_ab in sym(V) (1 on the
   * diagonal, 2 off it): {@code d/dV_ab = (g_ab - <g, c> m_ab c_ab) / n}.
   */
  @Override
  public void backward(double[] params, double[] gradCoefficients, double[] gradParamsOut) {
    ParameterChecks.requireLength("params", params, termCount, toString());
    ParameterChecks.requireLength("gradCoefficients", gradCoefficients, termCount, toString());
    ParameterChecks.requireLength("gradParamsOut", gradParamsOut, termCount, toString());
    double inverse = 1.0 / norm(params);
    double inner = 0.0;
    for (int t = 0; t < termCount; t++) {
      inner += gradCoefficients[t] * params[t] * inverse;
    }
    for (int a = 0; a < featureCount; a++) {
      int row = a * (a + 1) / 2;
      for (int b = 0; b <= a; b++) {
        double multiplicity = a == b ? 1.0 : 2.0;
        double c = params[row + b] * inverse;
        gradParamsOut[row + b] = (gradCoefficients[row + b] - inner * multiplicity * c) * inverse;
      }
    }
  }

  @Override
  public String toString() {
    return "SymmetricMetric with " + featureCount + " features";
  }

  private double norm(double[] params) {
    double squares = 0.0;
    for (int a = 0; a < featureCount; a++) {
      int row = a * (a + 1) / 2;
      for (int b = 0; b <= a; b++) {
        double v = params[row + b];
        squares += a == b ? v * v : 2.0 * v * v;
      }
    }
    return ParameterChecks.requireUsableNorm(Math.sqrt(squares), "sym(V) of " + this);
  }
}
