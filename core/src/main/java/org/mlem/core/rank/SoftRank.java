package org.mlem.core.rank;

/**
 * Differentiable soft ranks with l2 regularization (Blondel, Teboul, Berthet, Djolonga 2020,
 * "Fast Differentiable Sorting and Ranking", ICML; the reference {@code fast_soft_sort} numpy
 * code), ascending: as the strength goes to 0 the soft ranks tend to the ranks 1..n, as it grows
 * they tend to the constant (n + 1) / 2, and they are piecewise affine in the values.
 *
 * <p>Algorithm (docs/method.md section 4), for values x of length n and strength eps: z = x / eps;
 * w = (n, n-1, ..., 1); sigma = argsort(z) descending; u = z[sigma]; v = the non-increasing
 * isotonic regression of u - w, by pool adjacent violators (PAV, O(n)); rank = (u - v)[sigma^-1].
 * Values that are tied fall in one PAV block and get equal soft ranks. The sort is a primitive
 * radix sort, so {@link #compute} takes O(n) time with a small constant and allocates only a few
 * arrays of length n.
 *
 * <p>An instance is the result of one forward pass: it holds the soft ranks and what the backward
 * pass needs (the permutation sigma and the PAV blocks). It is immutable and thread-safe, except
 * when computed into a {@link Workspace}: then it lives in the workspace's arrays and is valid
 * until the workspace's next use (a training loop ranks a batch of the same size every step,
 * and these arrays would otherwise be ~76 bytes per value allocated and zeroed each time).
 */
public final class SoftRank {
  private final double[] ranks;
  private final int[] sigma;
  /** For each first position i of a PAV block (in sorted order), blockLast[i] is its last position. */
  private final int[] blockLast;
  private final double scale;

  private SoftRank(double[] ranks, int[] sigma, int[] blockLast, double scale) {
    this.ranks = ranks;
    this.sigma = sigma;
    this.blockLast = blockLast;
    this.scale = scale;
  }

  /**
   * Forward pass: the soft ranks of {@code values}.
   *
   * @param values the values to rank, length n >= 1, finite
   * @param strength the regularization strength eps, finite and > 0 (reference default 1.0);
   *     smaller is closer to the hard ranks
   * @return the soft ranks, with the state needed by {@link #vjp(double[])}
   * @throws IllegalArgumentException if {@code values} is null, empty or not finite, or the
   *     strength is not finite and positive
   * @throws ArithmeticException if {@code values / strength} overflows
   */
  public static SoftRank compute(double[] values, double strength) {
    return compute(values, strength, new Workspace());
  }

  /**
   * Work arrays that successive {@link #compute(double[], double, Workspace)} calls reuse: the
   * result of one call is valid until the next call on the same workspace. Not thread-safe: one
   * workspace per thread at a time.
   */
  public static final class Workspace {
    private double[] z = new double[0];
    private double[] u;
    private double[] sol;
    private double[] ranks;
    private double[] sums;
    private double[] counts;
    private int[] ascending;
    private int[] sigma;
    private long[] code;
    private long[] codeTmp;
    private int[] orderTmp;

    private void size(int n) {
      if (z.length == n) {
        return;
      }
      z = new double[n];
      u = new double[n];
      sol = new double[n];
      ranks = new double[n];
      sums = new double[n];
      counts = new double[n];
      ascending = new int[n];
      sigma = new int[n];
      code = new long[n];
      codeTmp = new long[n];
      orderTmp = new int[n];
    }
  }

  /**
   * As {@link #compute(double[], double)}, in the arrays of {@code workspace} (the same
   * operations, so the same bits): the result is valid until {@code workspace} is used again.
   */
  public static SoftRank compute(double[] values, double strength, Workspace workspace) {
    VectorChecks.requireFinite("values", values);
    if (values.length == 0) {
      throw new IllegalArgumentException("values must have length >= 1, found 0");
    }
    if (!(strength > 0) || !Double.isFinite(strength)) {
      throw new IllegalArgumentException(
          "soft rank strength must be finite and > 0, found " + strength);
    }
    int n = values.length;
    double scale = 1.0 / strength;
    workspace.size(n);
    double[] z = workspace.z;
    for (int i = 0; i < n; i++) {
      z[i] = values[i] * scale;
      if (!Double.isFinite(z[i])) {
        throw new ArithmeticException(
            "soft rank: values / strength overflows at position " + i + " (value " + values[i]
                + ", strength " + strength + ")");
      }
    }
    int[] ascending = workspace.ascending;
    for (int i = 0; i < n; i++) {
      ascending[i] = i;
    }
    IndexSort.sortStable(z, ascending, workspace.code, workspace.codeTmp, workspace.orderTmp);
    int[] sigma = workspace.sigma;
    double[] u = workspace.u;
    double[] sol = workspace.sol;
    for (int i = 0; i < n; i++) {
      int idx = ascending[n - 1 - i];
      sigma[i] = idx;
      u[i] = z[idx];
      sol[i] = z[idx] - (n - i);
    }
    int[] blockLast = ascending; // reused as PAV workspace: no longer needed as an order
    isotonicNonIncreasing(sol, blockLast, workspace.sums, workspace.counts);
    double[] ranks = workspace.ranks;
    for (int i = 0; i < n; i++) {
      ranks[sigma[i]] = u[i] - sol[i];
    }
    return new SoftRank(ranks, sigma, blockLast, scale);
  }

  /**
   * In place, replaces {@code sol} by its non-increasing isotonic regression (least squares, unit
   * weights), with the O(n) pool-adjacent-violators of Blondel et al.'s reference
   * {@code isotonic_l2}. On return, for each block [i..j], {@code target[i] == j} and
   * {@code target[j] == i}; adjacent entries that are equal are pooled into one block.
   */
  static void isotonicNonIncreasing(double[] sol, int[] target) {
    isotonicNonIncreasing(sol, target, new double[sol.length], new double[sol.length]);
  }

  /** As {@link #isotonicNonIncreasing(double[], int[])}, with its two work arrays given. */
  private static void isotonicNonIncreasing(double[] sol, int[] target, double[] sums,
      double[] counts) {
    int n = sol.length;
    for (int i = 0; i < n; i++) {
      target[i] = i;
      sums[i] = sol[i];
      counts[i] = 1;
    }
    int i = 0;
    while (i < n) {
      int k = target[i] + 1;
      if (k == n) {
        break;
      }
      if (sol[i] > sol[k]) {
        i = k;
        continue;
      }
      double sumY = sums[i];
      double sumC = counts[i];
      while (true) {
        // Inside a non-decreasing run: pool it into the block starting at i.
        double prevY = sol[k];
        sumY += sums[k];
        sumC += counts[k];
        k = target[k] + 1;
        if (k == n || prevY > sol[k]) {
          sol[i] = sumY / sumC;
          sums[i] = sumY;
          counts[i] = sumC;
          target[i] = k - 1;
          target[k - 1] = i;
          if (i > 0) {
            i = target[i - 1]; // backtrack to the previous block, which may now violate
          }
          break;
        }
      }
    }
    i = 0;
    while (i < n) {
      int k = target[i] + 1;
      for (int j = i + 1; j < k; j++) {
        sol[j] = sol[i];
      }
      i = k;
    }
  }

  /** A copy of the soft ranks, in the order of the input values; each in [1, n] up to rounding. */
  public double[] ranks() {
    return ranks.clone();
  }

  /** The soft ranks without copying, for this package's hot paths; callers must not modify it. */
  double[] ranksView() {
    return ranks;
  }

  /** The number of ranked values n. */
  public int size() {
    return ranks.length;
  }

  /**
   * Backward pass: the vector-Jacobian product {@code g^T d ranks / d values}, that is
   * {@code (g - blockmean_PAV(g[sigma])[sigma^-1]) / eps}, where blockmean replaces each entry by
   * the mean over its PAV block.
   *
   * @param cotangent g, length n, finite
   * @return a new array of length n
   * @throws IllegalArgumentException if the cotangent is null, of the wrong length or not finite
   */
  public double[] vjp(double[] cotangent) {
    double[] out = new double[ranks.length];
    vjpInto(cotangent, out);
    return out;
  }

  /**
   * As {@link #vjp(double[])}, writing into {@code out} (length n, may not alias the cotangent),
   * for allocation-free use in training loops.
   *
   * @throws IllegalArgumentException if an array is null or of the wrong length, the arrays are the
   *     same, or the cotangent is not finite
   */
  public void vjpInto(double[] cotangent, double[] out) {
    VectorChecks.requireNonNull("cotangent", cotangent);
    VectorChecks.requireNonNull("out", out);
    int n = ranks.length;
    if (cotangent.length != n || out.length != n) {
      throw new IllegalArgumentException(
          "cotangent and out must have length " + n + " (the number of ranked values), found "
              + cotangent.length + " and " + out.length);
    }
    if (cotangent == out) {
      throw new IllegalArgumentException("out must not be the cotangent array");
    }
    VectorChecks.requireFinite("cotangent", cotangent);
    int i = 0;
    while (i < n) {
      int last = blockLast[i];
      double sum = 0;
      for (int j = i; j <= last; j++) {
        sum += cotangent[sigma[j]];
      }
      double mean = sum / (last - i + 1);
      for (int j = i; j <= last; j++) {
        int idx = sigma[j];
        out[idx] = (cotangent[idx] - mean) * scale;
      }
      i = last + 1;
    }
  }
}
