package org.mlem.core.rank;

/**
 * Exact ranks of a vector. {@link #average(double[])} gives the ranks 1..n with ties replaced by
 * their average rank, as {@code scipy.stats.rankdata(x, method='average')}; it is what the
 * tie-aware Spearman correlation of docs/method.md section 5 is built on. Both methods run in
 * O(n log n) time or better (a stable primitive radix sort), without boxing.
 */
public final class Ranks {
  private Ranks() {}

  /**
   * Average ranks of {@code x}: the smallest value has rank 1, the largest rank n, and the k values
   * of a tie group occupying sorted positions i+1..i+k all get (2i + k + 1) / 2. {@code -0.0} and
   * {@code 0.0} are tied.
   *
   * @param x the values, any length (an empty vector gives an empty result), no NaN; infinities
   *     are ranked like any other value
   * @return a new array of ranks in [1, n], in the order of {@code x}
   * @throws IllegalArgumentException if {@code x} is null or contains NaN (the message names the
   *     first position)
   */
  public static double[] average(double[] x) {
    int[] order = argsort(x);
    double[] ranks = new double[x.length];
    averageFromOrder(x, order, ranks);
    return ranks;
  }

  /**
   * Writes into {@code ranks} the average ranks of {@code x} given {@code order}, the indices that
   * sort {@code x} ascending. Package-private building block for callers that already sorted.
   */
  static void averageFromOrder(double[] x, int[] order, double[] ranks) {
    int n = order.length;
    int i = 0;
    while (i < n) {
      double value = x[order[i]];
      int j = i + 1;
      while (j < n && x[order[j]] == value) {
        j++;
      }
      // Positions i..j-1 (0-based) hold ranks i+1..j: their mean is (i + 1 + j) / 2.
      double rank = 0.5 * (i + 1 + j);
      for (int k = i; k < j; k++) {
        ranks[order[k]] = rank;
      }
      i = j;
    }
  }

  /**
   * The indices that sort {@code x} ascending, stably (tied values keep their index order), like
   * {@code numpy.argsort(x, kind='stable')}. {@code -0.0} and {@code 0.0} count as equal.
   *
   * @param x the values, no NaN
   * @return a new permutation of 0..n-1
   * @throws IllegalArgumentException if {@code x} is null or contains NaN
   */
  public static int[] argsort(double[] x) {
    VectorChecks.requireNoNaN("x", x);
    int[] order = new int[x.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    IndexSort.sortStable(x, order);
    return order;
  }

  /**
   * The indices that sort by {@code primary} ascending and, among equal primary values, by
   * {@code secondary} ascending; fully tied entries keep their index order. Equivalent to
   * {@code numpy.lexsort((secondary, primary))}.
   *
   * @param primary the first sort key, no NaN
   * @param secondary the second sort key, same length, no NaN
   * @return a new permutation of 0..n-1
   * @throws IllegalArgumentException if a key is null, contains NaN, or the lengths differ
   */
  public static int[] lexsort(double[] primary, double[] secondary) {
    VectorChecks.requireSameLength("primary", primary, "secondary", secondary, 0);
    VectorChecks.requireNoNaN("primary", primary);
    int[] order = argsort(secondary);
    IndexSort.sortStable(primary, order);
    return order;
  }
}
