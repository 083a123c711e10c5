package org.mlem.core.rsa;

import org.mlem.core.rank.Ranks;

/**
 * Spearman's correlation of two vectors whose entries carry integer multiplicities: exactly the
 * Spearman correlation (average ranks for ties, as {@code scipy.stats.spearmanr}) of the vectors
 * in which entry p is repeated {@code w[p]} times, computed without building them. A stimulus
 * bootstrap gives pair {i, j} the weight w_i w_j (how often the pair occurs among the resampled
 * stimuli), so one sort per RDM serves every resample: the weighted average ranks are read off
 * the fixed sort order in O(P), and the correlation is the weighted Pearson correlation of the
 * ranks. An entry of weight 0 is left out.
 *
 * <p>The correlation is {@code sxy / sqrt(sxx * syy)}: for identical vectors sxy, sxx and syy are
 * the same sum, and {@code sqrt(s * s) == s} in IEEE arithmetic, so a vector correlates with
 * itself exactly 1.
 */
public final class WeightedSpearman {
  private WeightedSpearman() {}

  /**
   * The indices that sort {@code x} ascending (stable), computed once per vector.
   *
   * @param x the values, no NaN
   * @return a permutation of 0..n-1
   */
  public static int[] order(double[] x) {
    return Ranks.argsort(x);
  }

  /**
   * Spearman correlation of {@code x} and {@code y} with every entry counted once.
   *
   * @param x first vector, length &gt;= 2, no NaN
   * @param y second vector, same length
   * @return the correlation in [-1, 1]
   * @throws ArithmeticException if a vector is constant
   */
  public static double of(double[] x, double[] y) {
    requireSameLength(x, y);
    double[] w = new double[x.length];
    java.util.Arrays.fill(w, 1.0);
    return of(x, order(x), y, order(y), w);
  }

  /**
   * Spearman correlation of {@code x} and {@code y} with entry p counted {@code w[p]} times.
   *
   * @param x first vector, no NaN
   * @param orderX {@link #order(double[]) order} of x
   * @param y second vector, same length, no NaN
   * @param orderY order of y
   * @param w multiplicities, whole numbers &gt;= 0, same length
   * @return the correlation in [-1, 1]
   * @throws ArithmeticException if either weighted vector is constant (or the weights are all 0)
   */
  public static double of(double[] x, int[] orderX, double[] y, int[] orderY, double[] w) {
    requireSameLength(x, y);
    double[] cx = new double[x.length];
    double[] cy = new double[y.length];
    double sxx = centredRanks(x, orderX, w, cx);
    double syy = centredRanks(y, orderY, w, cy);
    if (!(sxx > 0)) {
      throw new ArithmeticException("Spearman correlation undefined: x is constant over its "
          + "weighted entries");
    }
    if (!(syy > 0)) {
      throw new ArithmeticException("Spearman correlation undefined: y is constant over its "
          + "weighted entries");
    }
    return correlation(cx, sxx, cy, syy, w);
  }

  /**
   * Writes into {@code out} the weighted average ranks of {@code x} minus their weighted mean,
   * and returns the weighted sum of their squares (0 when x is constant over the entries of
   * positive weight). A tie group of total weight W after entries of total weight C gets the rank
   * C + (W + 1) / 2: the mean of the positions C + 1 .. C + W its copies would occupy.
   *
   * @param x the values
   * @param order the order of x
   * @param w the multiplicities
   * @param out receives the centred ranks (entries of weight 0 get their group's, unused)
   * @return sum of w[p] * out[p]^2
   */
  static double centredRanks(double[] x, int[] order, double[] w, double[] out) {
    int n = order.length;
    double before = 0;
    int i = 0;
    while (i < n) {
      double value = x[order[i]];
      int j = i;
      double group = 0;
      while (j < n && x[order[j]] == value) {
        group += w[order[j]];
        j++;
      }
      double rank = before + 0.5 * (group + 1);
      for (int k = i; k < j; k++) {
        out[order[k]] = rank;
      }
      before += group;
      i = j;
    }
    double total = before;
    if (total == 0) {
      return 0;
    }
    // the weighted mean of the ranks of total entries 1..total is (total + 1) / 2 exactly
    double mean = 0.5 * (total + 1);
    double ss = 0;
    for (int p = 0; p < n; p++) {
      out[p] -= mean;
      ss += w[p] * out[p] * out[p];
    }
    return ss;
  }

  /**
   * The weighted Pearson correlation of centred vectors, given their weighted sums of squares
   * ({@link #centredRanks}); the same loop as those sums, so identical inputs give exactly 1.
   */
  static double correlation(double[] cx, double sxx, double[] cy, double syy, double[] w) {
    double sxy = 0;
    for (int p = 0; p < cx.length; p++) {
      sxy += w[p] * cx[p] * cy[p];
    }
    double r = sxy / Math.sqrt(sxx * syy);
    return Math.max(-1.0, Math.min(1.0, r));
  }

  private static void requireSameLength(double[] x, double[] y) {
    if (x == null || y == null || x.length != y.length || x.length < 2) {
      throw new IllegalArgumentException("weighted Spearman needs two vectors of the same length"
          + " >= 2, found " + (x == null ? "null" : x.length) + " and "
          + (y == null ? "null" : y.length));
    }
  }
}
