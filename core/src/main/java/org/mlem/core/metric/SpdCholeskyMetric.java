package org.mlem.core.metric;

/**
 * MLEM's metric with interactions: a symmetric positive definite W built from a Cholesky-like
 * factor (docs/method.md section 2). The F(F+1)/2 parameters V fill a lower-triangular L in the term
 * order of {@link PhiExpansion#termIndex(int, int)}, with a softplus on the diagonal so that it
 * is positive: {@code L_ab = V_ab} (a &gt; b), {@code L_aa = softplus(V_aa)}; then
 * {@code W = L L^T / ||L L^T||_F}. Initial parameters are drawn from U(-1, 1).
 *
 * <p>Immutable and stateless.
 */
public final class SpdCholeskyMetric extends LowerTriangularMetric {
  /**
   * A parametrization for {@code featureCount} features.
   *
   * @param featureCount F, &gt;= 1
   */
  public SpdCholeskyMetric(int featureCount) {
    super(featureCount);
  }

  @Override
  public void coefficients(double[] params, double[] coefOut) {
    ParameterChecks.requireLength("params", params, termCount, toString());
    ParameterChecks.requireLength("coefOut", coefOut, termCount, toString());
    double[] factor = factor(params);
    double norm = gramLower(factor, coefOut);
    double inverse = 1.0 / norm;
    for (int t = 0; t < termCount; t++) {
      coefOut[t] *= inverse;
    }
  }

  /**
   * With G the gradient on the lower triangle of W (zero above) and {@code <G, W>} their inner
   * product, the gradient on the unnormalized {@code M = L L^T} is {@code (G - <G, W> W) / ||M||};
   * symmetrized, {@code S = (G + G^T - 2 <G, W> W) / ||M||}, the gradient on L is {@code S L}
   * restricted to the lower triangle, and the diagonal is multiplied by the logistic function.
   */
  @Override
  public void backward(double[] params, double[] gradCoefficients, double[] gradParamsOut) {
    ParameterChecks.requireLength("params", params, termCount, toString());
    ParameterChecks.requireLength("gradCoefficients", gradCoefficients, termCount, toString());
    ParameterChecks.requireLength("gradParamsOut", gradParamsOut, termCount, toString());
    double[] factor = factor(params);
    double[] sym = new double[termCount];
    double norm = gramLower(factor, sym);
    double inverse = 1.0 / norm;
    double inner = 0.0;
    for (int t = 0; t < termCount; t++) {
      sym[t] *= inverse; // now W
      inner += gradCoefficients[t] * sym[t];
    }
    for (int a = 0; a < featureCount; a++) {
      int row = a * (a + 1) / 2;
      for (int b = 0; b <= a; b++) {
        double g = a == b ? 2.0 * gradCoefficients[row + b] : gradCoefficients[row + b];
        sym[row + b] = (g - 2.0 * inner * sym[row + b]) * inverse;
      }
    }
    // d score / d L_ab = sum_{k >= b} S_ak L_kb, for a >= b.
    for (int a = 0; a < featureCount; a++) {
      int row = a * (a + 1) / 2;
      for (int b = 0; b <= a; b++) {
        double sum = 0.0;
        for (int k = b; k < featureCount; k++) {
          double s = k <= a ? sym[row + k] : sym[k * (k + 1) / 2 + a];
          sum += s * factor[k * (k + 1) / 2 + b];
        }
        gradParamsOut[row + b] = a == b ? sum * Softplus.derivative(params[row + b]) : sum;
      }
    }
  }

  @Override
  public String toString() {
    return "SpdCholeskyMetric with " + featureCount + " features";
  }

  /** L in term order: the parameters with a softplus on the diagonal. */
  private double[] factor(double[] params) {
    double[] factor = params.clone();
    for (int a = 0; a < featureCount; a++) {
      int diagonal = a * (a + 1) / 2 + a;
      factor[diagonal] = Softplus.value(params[diagonal]);
    }
    return factor;
  }

  /** Writes the lower triangle of {@code L L^T} into {@code out}; returns its Frobenius norm. */
  private double gramLower(double[] factor, double[] out) {
    double squares = 0.0;
    for (int a = 0; a < featureCount; a++) {
      int rowA = a * (a + 1) / 2;
      for (int b = 0; b <= a; b++) {
        int rowB = b * (b + 1) / 2;
        double sum = 0.0;
        for (int k = 0; k <= b; k++) {
          sum += factor[rowA + k] * factor[rowB + k];
        }
        out[rowA + b] = sum;
        squares += a == b ? sum * sum : 2.0 * sum * sum;
      }
    }
    return ParameterChecks.requireUsableNorm(Math.sqrt(squares), "W = L L^T of " + this);
  }
}
