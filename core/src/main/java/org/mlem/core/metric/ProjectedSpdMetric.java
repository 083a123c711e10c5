package org.mlem.core.metric;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * MLEM's default metric with interactions: the F(F+1)/2 parameters are the lower triangle of a
 * symmetric W (term order of {@link PhiExpansion#termIndex(int, int)}), mapped to coefficients
 * as {@code W / ||W||_F} (so the gradient is that of {@link SymmetricMetric}), and after every
 * optimizer step {@link #project projected} onto the positive semidefinite matrices of unit
 * Frobenius norm (docs/method.md section 2). Every entry of W receives its own gradient, so,
 * unlike {@link SpdCholeskyMetric}, a feature whose weight shrinks early can grow back. Initial
 * parameters: I / sqrt(F), the same for every seed.
 *
 * <p>Immutable and stateless; {@link #project} allocates O(F^2) per call.
 */
public final class ProjectedSpdMetric implements MetricParametrization {
  private final SymmetricMetric normalization;
  private final int featureCount;
  private final int termCount;

  /**
   * A parametrization for {@code featureCount} features.
   *
   * @param featureCount F, &gt;= 1
   */
  public ProjectedSpdMetric(int featureCount) {
    this.normalization = new SymmetricMetric(featureCount);
    this.featureCount = featureCount;
    this.termCount = normalization.parameterCount();
  }

  @Override
  public int featureCount() {
    return featureCount;
  }

  @Override
  public boolean interactions() {
    return true;
  }

  @Override
  public int parameterCount() {
    return termCount;
  }

  @Override
  public int coefficientCount() {
    return termCount;
  }

  /** I / sqrt(F) whatever the seed: the metric that weighs every feature alike. */
  @Override
  public double[] initialParameters(long seed) {
    double[] params = new double[termCount];
    double diagonal = 1.0 / Math.sqrt(featureCount);
    for (int a = 0; a < featureCount; a++) {
      params[PhiExpansion.termIndex(a, a)] = diagonal;
    }
    return params;
  }

  @Override
  public void coefficients(double[] params, double[] coefOut) {
    ParameterChecks.requireLength("params", params, termCount, toString());
    ParameterChecks.requireLength("coefOut", coefOut, termCount, toString());
    normalization.coefficients(params, coefOut);
  }

  @Override
  public void backward(double[] params, double[] gradCoefficients, double[] gradParamsOut) {
    ParameterChecks.requireLength("params", params, termCount, toString());
    ParameterChecks.requireLength("gradCoefficients", gradCoefficients, termCount, toString());
    ParameterChecks.requireLength("gradParamsOut", gradParamsOut, termCount, toString());
    normalization.backward(params, gradCoefficients, gradParamsOut);
  }

  /**
   * Replaces {@code params} by the nearest symmetric positive semidefinite matrix of unit
   * Frobenius norm: with W = Q diag(lambda) Q^T, {@code Q diag(max(lambda, 0)) Q^T}, rescaled.
   * When no eigenvalue is positive, the nearest such matrix is {@code q q^T} for the eigenvector
   * q of the largest eigenvalue.
   *
   * @throws ArithmeticException if W has a non-finite entry
   */
  @Override
  public void project(double[] params) {
    ParameterChecks.requireLength("params", params, termCount, toString());
    DMatrixRMaj w = new DMatrixRMaj(featureCount, featureCount);
    for (int a = 0; a < featureCount; a++) {
      for (int b = 0; b <= a; b++) {
        double v = params[PhiExpansion.termIndex(a, b)];
        if (!Double.isFinite(v)) {
          throw new ArithmeticException(
              "cannot project W of " + this + ": entry (" + a + ", " + b + ") is " + v);
        }
        w.unsafe_set(a, b, v);
        w.unsafe_set(b, a, v);
      }
    }
    EigenDecomposition_F64<DMatrixRMaj> eig =
        DecompositionFactory_DDRM.eig(featureCount, true, true);
    if (!eig.decompose(w)) {
      throw new ArithmeticException("eigendecomposition of W failed for " + this);
    }
    int count = eig.getNumberOfEigenvalues();
    double[] lambda = new double[count];
    int largest = 0;
    boolean anyPositive = false;
    for (int k = 0; k < count; k++) {
      lambda[k] = eig.getEigenvalue(k).getReal();
      if (lambda[k] > lambda[largest]) {
        largest = k;
      }
      anyPositive |= lambda[k] > 0;
    }
    double[][] vectors = new double[count][];
    for (int k = 0; k < count; k++) {
      lambda[k] = anyPositive ? Math.max(lambda[k], 0.0) : (k == largest ? 1.0 : 0.0);
      vectors[k] = lambda[k] == 0.0 ? null : unit(eig.getEigenVector(k));
    }
    double squares = 0.0;
    for (int a = 0; a < featureCount; a++) {
      for (int b = 0; b <= a; b++) {
        double sum = 0.0;
        for (int k = 0; k < count; k++) {
          if (vectors[k] != null) {
            sum += lambda[k] * vectors[k][a] * vectors[k][b];
          }
        }
        params[PhiExpansion.termIndex(a, b)] = sum;
        squares += a == b ? sum * sum : 2.0 * sum * sum;
      }
    }
    double inverse = 1.0 / ParameterChecks.requireUsableNorm(Math.sqrt(squares),
        "the projection of W of " + this);
    for (int t = 0; t < termCount; t++) {
      params[t] *= inverse;
    }
  }

  private double[] unit(DMatrixRMaj vector) {
    double[] q = new double[featureCount];
    double squares = 0.0;
    for (int a = 0; a < featureCount; a++) {
      q[a] = vector.get(a);
      squares += q[a] * q[a];
    }
    double inverse = 1.0 / ParameterChecks.requireUsableNorm(Math.sqrt(squares),
        "an eigenvector of W of " + this);
    for (int a = 0; a < featureCount; a++) {
      q[a] *= inverse;
    }
    return q;
  }

  @Override
  public String toString() {
    return "ProjectedSpdMetric with " + featureCount + " features";
  }
}
