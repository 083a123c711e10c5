package org.mlem.core.rank;

/**
 * Tie-aware Spearman rank correlation: the Pearson correlation of the average ranks of the two
 * vectors, exactly as {@code scipy.stats.spearmanr}. MLEM evaluates predicted against neural
 * distances with it (docs/method.md section 5). Unlike the reference package, which ranks with
 * argsort-of-argsort and so breaks ties arbitrarily, ties get their average rank; this matters
 * because distances predicted from categorical features are heavily tied.
 */
public final class Spearman {
  private Spearman() {}

  /**
   * Spearman correlation of {@code x} and {@code y}.
   *
   * @param x first vector, length n >= 2, no NaN
   * @param y second vector, same length, no NaN
   * @return the correlation in [-1, 1]
   * @throws IllegalArgumentException on null, mismatched or too short vectors, or NaN
   * @throws ArithmeticException if either vector is constant
   */
  public static double exact(double[] x, double[] y) {
    VectorChecks.requireSameLength("x", x, "y", y, 2);
    return Correlation.pearson(Ranks.average(x), Ranks.average(y));
  }

  /**
   * Spearman correlation of {@code x} with a vector whose average ranks {@code yRanks} the caller
   * computed once with {@link Ranks#average(double[])} (permutation importance ranks the neural
   * distances once and the permuted predictions many times).
   *
   * @param x the vector to rank, length n >= 2, no NaN
   * @param yRanks average ranks of the other vector, same length
   * @return the correlation in [-1, 1]
   * @throws IllegalArgumentException on null, mismatched or too short vectors, or NaN
   * @throws ArithmeticException if either vector is constant
   */
  public static double againstRanks(double[] x, double[] yRanks) {
    VectorChecks.requireSameLength("x", x, "yRanks", yRanks, 2);
    return Correlation.pearson(Ranks.average(x), yRanks);
  }

  /**
   * Spearman correlation of {@code x} snapped with {@link TieSnapping} with a vector of average
   * ranks {@code yRanks}: exactly {@code againstRanks(TieSnapping.snapInPlace(x), yRanks)},
   * ranked from the snapped grid indices ({@link SnappedRanks}) and leaving {@code x} unchanged.
   *
   * @throws ArithmeticException if a value of x is not finite, or either vector is constant
   * @throws IllegalArgumentException on mismatched or too short vectors
   */
  public static double snappedAgainstRanks(double[] x, double[] yRanks) {
    double[] ranks = SnappedRanks.average(x);
    VectorChecks.requireSameLength("x", x, "yRanks", yRanks, 2);
    return Correlation.pearson(ranks, yRanks);
  }
}
