package org.mlem.core.rank;

/**
 * rsatoolbox's rho-a: {@code 12 * sum((rx - rbar)(ry - rbar)) / (n^3 - n)} with average ranks rx,
 * ry and their common mean rbar = (n + 1) / 2 (Nili et al. 2014; rsatoolbox {@code
 * compare_rho_a}). The denominator is the rank variance without ties, n (n^2 - 1) / 12, for both
 * vectors, so ties shrink the score instead of being normalized away: unlike the Pearson-of-ranks
 * Spearman, it does not reward a model for predicting ties, and an all-tied vector scores 0.
 * Without ties it equals Spearman's rho. It is not {@code 1 - 6 sum d^2 / (n^3 - n)}, which agrees
 * with it only without ties (docs/method.md section 5).
 */
public final class RhoA {
  private RhoA() {}

  /**
   * rho-a of {@code x} and {@code y}.
   *
   * @param x first vector, length n >= 2, no NaN
   * @param y second vector, same length, no NaN
   * @return rho-a, in [-1, 1]; 0 when either vector is all tied
   * @throws IllegalArgumentException on null, mismatched or too short vectors, or NaN
   */
  public static double of(double[] x, double[] y) {
    VectorChecks.requireSameLength("x", x, "y", y, 2);
    return fromRanks(Ranks.average(x), Ranks.average(y));
  }

  /**
   * rho-a of {@code x} with a vector whose average ranks {@code yRanks} the caller precomputed
   * with {@link Ranks#average(double[])}.
   *
   * @param x the vector to rank, length n >= 2, no NaN
   * @param yRanks average ranks of the other vector, same length, finite
   * @return rho-a
   * @throws IllegalArgumentException on null, mismatched or too short vectors, or NaN
   */
  public static double againstRanks(double[] x, double[] yRanks) {
    VectorChecks.requireSameLength("x", x, "yRanks", yRanks, 2);
    VectorChecks.requireFinite("yRanks", yRanks);
    return fromRanks(Ranks.average(x), yRanks);
  }

  private static double fromRanks(double[] rx, double[] ry) {
    double n = rx.length;
    // average ranks of n values always sum to n (n + 1) / 2, so the mean rank is exact
    double meanRank = 0.5 * (n + 1);
    double sum = 0;
    for (int i = 0; i < rx.length; i++) {
      sum += (rx[i] - meanRank) * (ry[i] - meanRank);
    }
    return 12.0 * sum / (n * n * n - n);
  }
}
