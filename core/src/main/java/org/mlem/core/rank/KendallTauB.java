package org.mlem.core.rank;

/**
 * Kendall's tau-b, {@code (C - D) / sqrt((n0 - n1) (n0 - n2))} with C and D the concordant and
 * discordant pairs, n0 = n (n - 1) / 2, n1 and n2 the pairs tied in x and in y: the tie-corrected
 * tau that {@code scipy.stats.kendalltau(x, y)} returns by default. Used to compare two
 * importance profiles (a few dozen units) without weighting the top of the ranking, next to the
 * weighted tau (docs/method.md section 7); without ties it equals {@link KendallTauA}. Computed
 * over every pair, O(n^2), which is what profile sizes need.
 */
public final class KendallTauB {
  private KendallTauB() {}

  /**
   * tau-b of {@code x} and {@code y}.
   *
   * @param x first vector, length n >= 2, no NaN
   * @param y second vector, same length, no NaN
   * @return tau-b in [-1, 1]
   * @throws IllegalArgumentException on null, mismatched or too short vectors, or NaN
   * @throws ArithmeticException if x or y is constant (tau-b is undefined; scipy returns NaN)
   */
  public static double of(double[] x, double[] y) {
    VectorChecks.requireSameLength("x", x, "y", y, 2);
    VectorChecks.requireNoNaN("x", x);
    VectorChecks.requireNoNaN("y", y);
    int n = x.length;
    long score = 0;
    long tiedX = 0;
    long tiedY = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int sx = Double.compare(x[i] + 0.0, x[j] + 0.0);
        int sy = Double.compare(y[i] + 0.0, y[j] + 0.0);
        if (sx == 0) {
          tiedX++;
        }
        if (sy == 0) {
          tiedY++;
        }
        score += (long) Integer.signum(sx) * Integer.signum(sy);
      }
    }
    long pairs = (long) n * (n - 1) / 2;
    if (tiedX == pairs || tiedY == pairs) {
      throw new ArithmeticException("Kendall tau-b is undefined: " + (tiedX == pairs ? "x" : "y")
          + " is constant over its " + n + " values");
    }
    return score / Math.sqrt((double) (pairs - tiedX) * (pairs - tiedY));
  }
}
