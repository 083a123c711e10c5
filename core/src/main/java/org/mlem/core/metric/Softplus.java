package org.mlem.core.metric;

/**
 * The softplus function {@code log(1 + e^x)} and its derivative, the logistic function, both
 * computed without overflow or needless cancellation for any finite x.
 */
public final class Softplus {
  private Softplus() {}

  /** {@code log(1 + e^x)}, always &gt;= 0; equals x up to rounding for large x. */
  public static double value(double x) {
    if (x > 0) {
      return x + Math.log1p(Math.exp(-x));
    }
    return Math.log1p(Math.exp(x));
  }

  /** The derivative of softplus, the logistic function {@code 1 / (1 + e^-x)}, in [0, 1]. */
  public static double derivative(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }
}
