package org.mlem.core.stats;

import org.mlem.core.rank.Ranks;

/**
 * Kendall's weighted tau (Vigna 2015, "A weighted correlation index for rankings with ties"),
 * exactly as {@code scipy.stats.weightedtau(x, y)} with its defaults: hyperbolic weigher
 * 1 / (r + 1), additive weights (a pair weighs w(r_i) + w(r_j)), and {@code rank=True}, the
 * average of the index computed with the ranking by x (decreasing, ties broken by y, then by
 * index) and the one computed with the ranking by y. Used to compare two importance profiles,
 * where agreement among the most important units matters most (docs/method.md section 7).
 *
 * <p>This is a line-by-line port of scipy's {@code _weightedrankedtau} (O(n log n): a lexicographic
 * sort and a weighted merge sort counting exchanges), including its tie handling and its order of
 * floating-point operations, so results agree with scipy to rounding.
 */
public final class WeightedTau {
  private WeightedTau() {}

  /**
   * Weighted tau of {@code x} and {@code y}.
   *
   * @param x first score vector (e.g. importances), length n >= 2, no NaN
   * @param y second score vector, same length, no NaN
   * @return the weighted tau in [-1, 1]
   * @throws IllegalArgumentException if a vector is null, the lengths differ or are below 2, or a
   *     value is NaN (the message names the vector and position)
   * @throws ArithmeticException if x or y is constant (scipy returns NaN there)
   */
  public static double of(double[] x, double[] y) {
    if (x == null || y == null) {
      throw new IllegalArgumentException("x and y must not be null, found " + (x == null ? "x" : "y") + " null");
    }
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x and y must have the same length, found " + x.length + " and " + y.length);
    }
    if (x.length < 2) {
      throw new IllegalArgumentException("x and y must have length >= 2, found " + x.length);
    }
    requireNoNaN("x", x);
    requireNoNaN("y", y);
    return (rankedTau(x, y, "x") + rankedTau(y, x, "y")) / 2;
  }

  private static void requireNoNaN(String name, double[] v) {
    for (int i = 0; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        throw new IllegalArgumentException(name + " must not contain NaN, found NaN at position " + i);
      }
    }
  }

  /** scipy's {@code _weightedrankedtau(x, y, rank=None, weigher=None, additive=True)}. */
  private static double rankedTau(double[] x, double[] y, String xName) {
    int n = x.length;
    int[] perm = Ranks.lexsort(x, y);
    // rank[perm[n - 1 - i]] = i: the largest (x, y) gets rank 0; weights 1 / (1 + rank).
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      weight[perm[n - 1 - i]] = 1.0 / (1 + i);
    }

    // Weigh joint ties.
    int first = 0;
    double t = 0;
    double s = weight[perm[first]];
    for (int i = 1; i < n; i++) {
      if (x[perm[first]] != x[perm[i]] || y[perm[first]] != y[perm[i]]) {
        t += s * (i - first - 1);
        first = i;
        s = 0;
      }
      s += weight[perm[i]];
    }
    t += s * (n - first - 1);

    // Weigh ties in x.
    first = 0;
    double u = 0;
    s = weight[perm[first]];
    for (int i = 1; i < n; i++) {
      if (x[perm[first]] != x[perm[i]]) {
        u += s * (i - first - 1);
        first = i;
        s = 0;
      }
      s += weight[perm[i]];
    }
    u += s * (n - first - 1);
    if (first == 0) {
      throw constant(xName, n);
    }

    // Weigh discordances: merge sort perm by y, accumulating weighted exchanges.
    ExchangeCounter counter = new ExchangeCounter(perm, y, weight);
    counter.weigh(0, n);
    double exchanges = counter.exchanges;

    // Weigh ties in y (perm is now sorted by y).
    first = 0;
    double v = 0;
    s = weight[perm[first]];
    for (int i = 1; i < n; i++) {
      if (y[perm[first]] != y[perm[i]]) {
        v += s * (i - first - 1);
        first = i;
        s = 0;
      }
      s += weight[perm[i]];
    }
    v += s * (n - first - 1);
    if (first == 0) {
      throw constant(xName.equals("x") ? "y" : "x", n);
    }

    // Weigh all pairs.
    s = 0;
    for (int i = 0; i < n; i++) {
      s += weight[perm[i]];
    }
    double tot = s * (n - 1);

    double tau = ((tot - (v + u - t)) - 2. * exchanges) / Math.sqrt(tot - u) / Math.sqrt(tot - v);
    return Math.min(1., Math.max(-1., tau));
  }

  private static ArithmeticException constant(String name, int n) {
    return new ArithmeticException(
        "weighted tau undefined: " + name + " is constant over its " + n + " values");
  }

  /** The recursive weighted merge sort of scipy's {@code weigh} closure. */
  private static final class ExchangeCounter {
    private final int[] perm;
    private final int[] temp;
    private final double[] y;
    private final double[] weight;
    private double exchanges;

    ExchangeCounter(int[] perm, double[] y, double[] weight) {
      this.perm = perm;
      this.temp = new int[perm.length];
      this.y = y;
      this.weight = weight;
    }

    /** Sorts perm[offset, offset + length) by y; returns the total weight of the section. */
    double weigh(int offset, int length) {
      if (length == 1) {
        return weight[perm[offset]];
      }
      int length0 = length / 2;
      int length1 = length - length0;
      int middle = offset + length0;
      double residual = weigh(offset, length0);
      double total = weigh(middle, length1) + residual;
      if (y[perm[middle - 1]] < y[perm[middle]]) {
        return total;
      }
      int i = 0;
      int j = 0;
      int k = 0;
      while (j < length0 && k < length1) {
        if (y[perm[offset + j]] <= y[perm[middle + k]]) {
          temp[i] = perm[offset + j];
          residual -= weight[temp[i]];
          j++;
        } else {
          temp[i] = perm[middle + k];
          exchanges += weight[temp[i]] * (length0 - j) + residual;
          k++;
        }
        i++;
      }
      System.arraycopy(perm, offset + j, perm, offset + i, length0 - j);
      System.arraycopy(temp, 0, perm, offset, i);
      return total;
    }
  }
}
