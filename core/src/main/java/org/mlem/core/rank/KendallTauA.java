package org.mlem.core.rank;

/**
 * Kendall's tau-a: (concordant - discordant) / (n (n - 1) / 2), where a pair tied in x or in y
 * counts as neither, so that tied predictions are not rewarded (rsatoolbox's
 * {@code compare_kendall_tau_a}; docs/method.md section 5). Computed in O(n log n) with Knight's
 * algorithm (Knight 1966): sort by (x, y), count the tie groups, and count the discordant pairs as
 * the swaps of a merge sort of y.
 */
public final class KendallTauA {
  private KendallTauA() {}

  /**
   * tau-a of {@code x} and {@code y}.
   *
   * @param x first vector, length n >= 2, no NaN
   * @param y second vector, same length, no NaN
   * @return tau-a in [-1, 1]
   * @throws IllegalArgumentException on null, mismatched or too short vectors, or NaN
   */
  public static double of(double[] x, double[] y) {
    VectorChecks.requireSameLength("x", x, "y", y, 2);
    VectorChecks.requireNoNaN("x", x);
    VectorChecks.requireNoNaN("y", y);
    int n = x.length;
    // Lexicographic sort by (x, y).
    int[] order = Ranks.lexsort(x, y);

    long tiedX = 0;
    long tiedXY = 0;
    double[] ys = new double[n];
    int groupX = 1;
    int groupXY = 1;
    ys[0] = y[order[0]];
    for (int i = 1; i < n; i++) {
      ys[i] = y[order[i]];
      if (x[order[i]] == x[order[i - 1]]) {
        groupX++;
        if (ys[i] == ys[i - 1]) {
          groupXY++;
        } else {
          tiedXY += pairs(groupXY);
          groupXY = 1;
        }
      } else {
        tiedX += pairs(groupX);
        tiedXY += pairs(groupXY);
        groupX = 1;
        groupXY = 1;
      }
    }
    tiedX += pairs(groupX);
    tiedXY += pairs(groupXY);

    long discordant = countSwaps(ys);

    long tiedY = 0;
    int groupY = 1;
    for (int i = 1; i < n; i++) {
      if (ys[i] == ys[i - 1]) {
        groupY++;
      } else {
        tiedY += pairs(groupY);
        groupY = 1;
      }
    }
    tiedY += pairs(groupY);

    long total = pairs(n);
    long concordantMinusDiscordant = total - tiedX - tiedY + tiedXY - 2 * discordant;
    return (double) concordantMinusDiscordant / (double) total;
  }

  private static long pairs(long k) {
    return k * (k - 1) / 2;
  }

  /**
   * Sorts {@code a} ascending with a bottom-up merge sort and returns the number of inversions
   * (pairs i < j with a[i] > a[j], strictly).
   */
  private static long countSwaps(double[] a) {
    int n = a.length;
    double[] src = a;
    double[] dst = new double[n];
    long swaps = 0;
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int i = lo;
        int j = mid;
        int k = lo;
        while (i < mid && j < hi) {
          if (src[j] < src[i]) {
            swaps += mid - i;
            dst[k++] = src[j++];
          } else {
            dst[k++] = src[i++];
          }
        }
        while (i < mid) {
          dst[k++] = src[i++];
        }
        while (j < hi) {
          dst[k++] = src[j++];
        }
      }
      double[] t = src;
      src = dst;
      dst = t;
    }
    if (src != a) {
      System.arraycopy(src, 0, a, 0, n);
    }
    return swaps;
  }
}
