package org.mlem.core.rank;

/**
 * Pearson's product-moment correlation, computed in two passes (the means first, then the centred
 * sums of squares and cross-products) so that a large common offset does not cost accuracy. It is
 * the correlation behind {@link Spearman} (Pearson of average ranks) and the soft-rank training
 * objective {@link SoftSpearman}.
 */
public final class Correlation {
  private Correlation() {}

  /**
   * Pearson correlation of {@code x} and {@code y}, clamped to [-1, 1] against rounding.
   *
   * @param x first vector, finite values, length n >= 2
   * @param y second vector, finite values, same length as {@code x}
   * @return the correlation in [-1, 1]
   * @throws IllegalArgumentException if a vector is null, the lengths differ or are below 2, or a
   *     value is NaN or infinite (the message names the vector and position)
   * @throws ArithmeticException if either vector is constant (the correlation is undefined)
   */
  public static double pearson(double[] x, double[] y) {
    VectorChecks.requireSameLength("x", x, "y", y, 2);
    int n = x.length;
    double sx = 0;
    double sy = 0;
    for (int i = 0; i < n; i++) {
      sx += x[i];
      sy += y[i];
    }
    if (!Double.isFinite(sx)) {
      VectorChecks.requireFinite("x", x);
    }
    if (!Double.isFinite(sy)) {
      VectorChecks.requireFinite("y", y);
    }
    double mx = sx / n;
    double my = sy / n;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
    if (sxx == 0 || VectorChecks.isConstant(x)) {
      throw constant("x", n);
    }
    if (syy == 0 || VectorChecks.isConstant(y)) {
      throw constant("y", n);
    }
    double r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
    return Math.max(-1.0, Math.min(1.0, r));
  }

  private static ArithmeticException constant(String name, int n) {
    return new ArithmeticException(
        "Pearson correlation undefined: " + name + " is constant over its " + n + " values");
  }
}
