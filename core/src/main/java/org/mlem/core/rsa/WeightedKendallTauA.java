package org.mlem.core.rsa;

import org.mlem.core.rank.Ranks;

/**
 * Kendall's tau-a of two vectors whose entries carry whole-number weights, for the stimulus
 * bootstrap (entry p = a stimulus pair occurring w_p = w_i w_j times among the resampled
 * stimuli): the sum over two distinct entries p &lt; q of w_p w_q sign(x_p - x_q)
 * sign(y_p - y_q), divided by the sum of w_p w_q (docs/method.md section 9). So two copies of the
 * same stimulus pair are not compared with each other: they are one comparison, and counting
 * them as a tie would pull a set's tau-a with itself below 1; a pair of entries tied in x or in y
 * counts as neither concordant nor discordant, as in tau-a. With every weight 1 this is
 * {@link org.mlem.core.rank.KendallTauA}.
 *
 * <p>O(P log P) by Knight's algorithm with weights (Knight 1966): sort the entries by (x, y) once
 * ({@link #prepare}, independent of the weights), then for each weighting sum the weight products
 * of the x, y and (x, y) tie groups and count the discordant weight as the weighted inversions
 * of a merge sort of y. Sums are exact in long arithmetic.
 */
public final class WeightedKendallTauA {
  private WeightedKendallTauA() {}

  /** Two vectors sorted by (x, y), ready for any weighting. */
  public static final class Prepared {
    private final int[] order;
    private final double[] xs;
    private final double[] ys;

    private Prepared(int[] order, double[] xs, double[] ys) {
      this.order = order;
      this.xs = xs;
      this.ys = ys;
    }
  }

  /**
   * Sorts two vectors by (x, y).
   *
   * @param x first vector, no NaN
   * @param y second vector, same length, no NaN
   * @return the prepared pair
   */
  public static Prepared prepare(double[] x, double[] y) {
    int[] order = Ranks.lexsort(x, y);
    double[] xs = new double[order.length];
    double[] ys = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      xs[i] = x[order[i]];
      ys[i] = y[order[i]];
    }
    return new Prepared(order, xs, ys);
  }

  /**
   * The weighted tau-a.
   *
   * @param x first vector, length &gt;= 2, no NaN
   * @param y second vector, same length
   * @param w whole-number weights &gt;= 0, same length
   * @return tau-a in [-1, 1]
   * @throws ArithmeticException if fewer than two entries have positive weight
   */
  public static double of(double[] x, double[] y, double[] w) {
    if (x.length != y.length || x.length != w.length || x.length < 2) {
      throw new IllegalArgumentException("weighted tau-a needs three vectors of the same length"
          + " >= 2, found " + x.length + ", " + y.length + " and " + w.length);
    }
    double value = of(prepare(x, y), w);
    if (Double.isNaN(value)) {
      throw new ArithmeticException("weighted tau-a undefined: fewer than two entries have a"
          + " positive weight");
    }
    return value;
  }

  /**
   * The weighted tau-a of prepared vectors.
   *
   * @param p the vectors sorted by {@link #prepare}
   * @param w whole-number weights &gt;= 0, in the vectors' original order
   * @return tau-a in [-1, 1], or NaN when no two distinct entries have positive weight
   */
  public static double of(Prepared p, double[] w) {
    int n = p.order.length;
    long[] ws = new long[n];
    long total = 0;
    long squares = 0;
    for (int i = 0; i < n; i++) {
      ws[i] = (long) w[p.order[i]];
      total += ws[i];
      squares += ws[i] * ws[i];
    }
    long comparisons = (total * total - squares) / 2;
    if (comparisons == 0) {
      return Double.NaN;
    }
    long tiedX = 0;
    long tiedXY = 0;
    long groupX = ws[0];
    long groupXSquares = ws[0] * ws[0];
    long groupXY = ws[0];
    long groupXYSquares = ws[0] * ws[0];
    for (int i = 1; i < n; i++) {
      long wi = ws[i];
      if (p.xs[i] == p.xs[i - 1]) {
        groupX += wi;
        groupXSquares += wi * wi;
        if (p.ys[i] == p.ys[i - 1]) {
          groupXY += wi;
          groupXYSquares += wi * wi;
          continue;
        }
      } else {
        tiedX += (groupX * groupX - groupXSquares) / 2;
        groupX = wi;
        groupXSquares = wi * wi;
      }
      tiedXY += (groupXY * groupXY - groupXYSquares) / 2;
      groupXY = wi;
      groupXYSquares = wi * wi;
    }
    tiedX += (groupX * groupX - groupXSquares) / 2;
    tiedXY += (groupXY * groupXY - groupXYSquares) / 2;

    double[] ys = p.ys.clone();
    long discordant = weightedInversions(ys, ws);

    long tiedY = 0;
    long groupY = ws[0];
    long groupYSquares = ws[0] * ws[0];
    for (int i = 1; i < n; i++) {
      if (ys[i] == ys[i - 1]) {
        groupY += ws[i];
        groupYSquares += ws[i] * ws[i];
      } else {
        tiedY += (groupY * groupY - groupYSquares) / 2;
        groupY = ws[i];
        groupYSquares = ws[i] * ws[i];
      }
    }
    tiedY += (groupY * groupY - groupYSquares) / 2;
    long numerator = comparisons - tiedX - tiedY + tiedXY - 2 * discordant;
    return Math.max(-1.0, Math.min(1.0, (double) numerator / (double) comparisons));
  }

  /**
   * Sorts {@code a} ascending (its weights {@code w} moved along, in place) by a bottom-up merge
   * sort and
   * returns the weighted inversions: the sum of w_i w_j over i &lt; j with a[i] &gt; a[j].
   */
  static long weightedInversions(double[] a, long[] w) {
    int n = a.length;
    double[] src = a;
    double[] dst = new double[n];
    long[] srcW = w;
    long[] dstW = new long[n];
    long inversions = 0;
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        long leftWeight = 0;
        for (int i = lo; i < mid; i++) {
          leftWeight += srcW[i];
        }
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          if (src[j] < src[i]) {
            inversions += srcW[j] * leftWeight;
            dstW[k] = srcW[j];
            dst[k++] = src[j++];
          } else {
            leftWeight -= srcW[i];
            dstW[k] = srcW[i];
            dst[k++] = src[i++];
          }
        }
        while (i < mid) {
          dstW[k] = srcW[i];
          dst[k++] = src[i++];
        }
        while (j < hi) {
          dstW[k] = srcW[j];
          dst[k++] = src[j++];
        }
      }
      double[] t = src;
      src = dst;
      dst = t;
      long[] tw = srcW;
      srcW = dstW;
      dstW = tw;
    }
    if (src != a) {
      System.arraycopy(src, 0, a, 0, n);
      System.arraycopy(srcW, 0, w, 0, n);
    }
    return inversions;
  }
}
