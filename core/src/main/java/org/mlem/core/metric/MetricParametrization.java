package org.mlem.core.metric;

/**
 * Maps unconstrained parameters to the coefficients of a unit-Frobenius metric W, and back-
 * propagates gradients through that map (docs/method.md section 2). The coefficients are those of
 * {@link PhiExpansion}: with interactions, {@code W_ab} for a &gt;= b in the order of
 * {@link PhiExpansion#termIndex(int, int)}; without, the diagonal of W.
 *
 * <p>Implementations are immutable and stateless, hence safe to share across threads: every
 * method depends on its arguments only. Their cost is independent of the batch size (at most
 * O(F^3) arithmetic and O(F^2) memory per call).
 */
public interface MetricParametrization {
  /** F, the number of features, &gt;= 1. */
  int featureCount();

  /** Whether W has off-diagonal terms (coefficients of the products of distinct features). */
  boolean interactions();

  /** The number of unconstrained parameters. */
  int parameterCount();

  /** The number of coefficients, {@code PhiExpansion.termCount(featureCount(), interactions())}. */
  int coefficientCount();

  /**
   * Fresh initial parameters drawn from {@code new java.util.SplittableRandom(seed)} with the
   * distribution of docs/method.md section 2; the same seed gives the same parameters.
   *
   * @param seed any value
   */
  double[] initialParameters(long seed);

  /**
   * Writes the coefficients of the normalized W (unit Frobenius norm) for {@code params}.
   *
   * @param params {@link #parameterCount()} values
   * @param coefOut receives {@link #coefficientCount()} values
   * @throws IllegalArgumentException if an array has the wrong length
   * @throws ArithmeticException if the norm of W is zero or not finite
   */
  void coefficients(double[] params, double[] coefOut);

  /**
   * The chain rule through {@link #coefficients(double[], double[])}: from the gradient of a
   * score with respect to the coefficients to its gradient with respect to the parameters,
   * including the normalization. The coefficient of a term (a, b), a != b, is both
   * {@code W_ab} and {@code W_ba}, so its gradient is taken as that of one number.
   *
   * @param params {@link #parameterCount()} values
   * @param gradCoefficients {@link #coefficientCount()} values, d score / d coefficients
   * @param gradParamsOut receives {@link #parameterCount()} values, d score / d params
   * @throws IllegalArgumentException if an array has the wrong length
   * @throws ArithmeticException if the norm of W is zero or not finite
   */
  void backward(double[] params, double[] gradCoefficients, double[] gradParamsOut);

  /**
   * Brings parameters back into the feasible set after an optimizer step (projected gradient).
   * The default does nothing: most parametrizations are unconstrained.
   *
   * @param params {@link #parameterCount()} values, updated in place
   * @throws ArithmeticException if the parameters cannot be projected (a non-finite entry)
   */
  default void project(double[] params) {}

  /** The coefficients of the normalized W as a new array; see {@link #coefficients(double[], double[])}. */
  default double[] coefficients(double[] params) {
    double[] coefficients = new double[coefficientCount()];
    coefficients(params, coefficients);
    return coefficients;
  }

  /** The normalized W as a full symmetric F x F matrix (a new array). */
  default double[][] matrix(double[] params) {
    return PhiExpansion.matrix(coefficients(params), featureCount(), interactions());
  }
}
