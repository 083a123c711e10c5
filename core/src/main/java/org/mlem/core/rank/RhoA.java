package org.mlem.core.rank;

/**
 * rsatoolbox's rho-a: {@code 1 - 6 * sum((rx - ry)^2) / (n^3 - n)} with average ranks, the
 * Spearman correlation expected under random tie-breaking (Nili et al. 2014; rsatoolbox
 * {@code compare_rho_a}). Unlike the Pearson-of-ranks Spearman, it does not reward a model for
 * predicting ties (MLEM-SPEC section 5).
 */
public final class RhoA {
  private RhoA() {}

  /**
   * rho-a of {@code x} and {@code y}.
   *
   * @param x first vector, length n >= 2, no NaN
   * @param y second vector, same length, no NaN
   * @return rho-a, at most 1 (it can fall below -1 only in degenerate tied cases)
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
    double sum = 0;
    for (int i = 0; i < rx.length; i++) {
      double d = rx[i] - ry[i];
      sum += d * d;
    }
    double n = rx.length;
    return 1.0 - 6.0 * sum / (n * n * n - n);
  }
}
