package org.mlem.core.rank;

/**
 * Average ranks of values snapped with {@link TieSnapping}, computed from the snapped values'
 * integer grid indices: after snapping every value is k times the quantum with |k| &lt;= 2^40,
 * and two snapped values are equal (ordered) exactly when their k are, so sorting the k
 * (shifted to start at 0) by a radix sort needs only as many 11-bit passes as the range of k
 * has digits (at most 4), instead of the 64-bit encoding of the doubles. The result equals
 * {@code Ranks.average(TieSnapping.snapInPlace(values))} exactly (average ranks are exact
 * half-integers); the values themselves are left unchanged.
 */
public final class SnappedRanks {
  private static final int INSERTION_LIMIT = 48;

  private SnappedRanks() {}

  /**
   * The average ranks of the snapped {@code values}.
   *
   * @param values the values, finite
   * @return a new array of ranks in [1, n]
   * @throws ArithmeticException if a value is not finite (as {@link TieSnapping})
   */
  public static double[] average(double[] values) {
    int n = values.length;
    double scale = 0;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new ArithmeticException("cannot rank a non-finite value: " + v);
      }
      scale = Math.max(scale, Math.abs(v));
    }
    long[] keys = new long[n];
    if (scale != 0) {
      double quantum = quantum(scale);
      for (int i = 0; i < n; i++) {
        keys[i] = key(values[i], quantum);
      }
    }
    return averageOfKeys(keys);
  }

  /** The grid step of values whose largest magnitude is {@code scale} (> 0). */
  public static double quantum(double scale) {
    return scale * TieSnapping.RELATIVE_QUANTUM;
  }

  /** The grid index of {@code value} on the grid of step {@code quantum}. */
  public static long key(double value, double quantum) {
    return (long) Math.rint(value / quantum);
  }

  /**
   * The average ranks of values given by their grid indices ({@link #key}, all zero when every
   * value is zero): {@code average(values)} is this of the values' keys, so a caller that
   * knows the keys of values without holding the values (an incremental update certified to
   * land in the exact value's grid cell) gets the same ranks bit for bit.
   *
   * @param keys the grid indices; overwritten
   * @return a new array of ranks in [1, n]
   */
  public static double[] averageOfKeys(long[] keys) {
    return averageOfKeys(keys, new double[keys.length], null);
  }

  /**
   * As {@link #averageOfKeys(long[])}, into {@code ranks} and with {@code scratch} as the sort's
   * work array where it is long enough (or null): a caller ranking many permutations of the same
   * pairs (permutation importance, 645k pairs x 3,000 scores in a sentence-sized fit) would
   * otherwise allocate and zero two arrays of n values per score.
   *
   * @param keys the grid indices; overwritten
   * @param ranks receives the ranks, length n (every entry written)
   * @param scratch work array (overwritten), or null
   * @return {@code ranks}
   */
  public static double[] averageOfKeys(long[] keys, double[] ranks, long[] scratch) {
    int n = keys.length;
    if (ranks.length != n) {
      throw new IllegalArgumentException(
          "ranks has " + ranks.length + " entries for " + n + " keys");
    }
    if (n == 0) {
      return ranks;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long k : keys) {
      min = Math.min(min, k);
      max = Math.max(max, k);
    }
    long range = max - min;
    int indexBits = 32 - Integer.numberOfLeadingZeros(n - 1);
    if (n >= INSERTION_LIMIT && range >= 0
        && 64 - Long.numberOfLeadingZeros(range) + indexBits <= 63) {
      return packedRanks(keys, min, range, indexBits, ranks, scratch);
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
      keys[i] -= min;
    }
    if (n < INSERTION_LIMIT) {
      insertionSort(keys, order);
    } else {
      radixSort(keys, order, max - min);
    }
    int i = 0;
    while (i < n) {
      long value = keys[order[i]];
      int j = i + 1;
      while (j < n && keys[order[j]] == value) {
        j++;
      }
      double rank = 0.5 * (i + 1 + j);
      for (int k = i; k < j; k++) {
        ranks[order[k]] = rank;
      }
      i = j;
    }
    return ranks;
  }

  /**
   * The ranks by an LSD radix sort of each key packed with its position, (key - min) shifted
   * above the position bits: the sort reads and writes one array of longs, and the tie scan
   * walks it in order, instead of looking the keys up by position in every pass. Equal keys
   * form the same runs as in the indirect sort, so the ranks are the same.
   */
  private static double[] packedRanks(long[] keys, long min, long range, int indexBits,
      double[] ranks, long[] scratch) {
    int n = keys.length;
    long[] src = keys;
    for (int i = 0; i < n; i++) {
      src[i] = ((keys[i] - min) << indexBits) | i;
    }
    int keyBits = 64 - Long.numberOfLeadingZeros(range);
    // digits of at most 14 bits (a 64 KB histogram), as few passes as that allows
    int passes = (keyBits + 13) / 14;
    int digit = passes == 0 ? 1 : (keyBits + passes - 1) / passes;
    int radix = 1 << digit;
    int mask = radix - 1;
    int[][] counts = new int[passes][radix];
    for (int i = 0; i < n; i++) {
      long v = src[i] >>> indexBits;
      for (int p = 0; p < passes; p++) {
        counts[p][(int) ((v >>> (p * digit)) & mask)]++;
      }
    }
    long[] dst = passes == 0 ? null
        : scratch != null && scratch.length >= n ? scratch : new long[n];
    for (int p = 0; p < passes; p++) {
      int[] c = counts[p];
      int sum = 0;
      for (int d = 0; d < radix; d++) {
        int x = c[d];
        c[d] = sum;
        sum += x;
      }
      int shift = indexBits + p * digit;
      for (int i = 0; i < n; i++) {
        long v = src[i];
        dst[c[(int) ((v >>> shift) & mask)]++] = v;
      }
      long[] t = src;
      src = dst;
      dst = t;
    }
    int indexMask = (1 << indexBits) - 1;
    int i = 0;
    while (i < n) {
      long value = src[i] >>> indexBits;
      int j = i + 1;
      while (j < n && src[j] >>> indexBits == value) {
        j++;
      }
      double rank = 0.5 * (i + 1 + j);
      for (int k = i; k < j; k++) {
        ranks[(int) (src[k] & indexMask)] = rank;
      }
      i = j;
    }
    return ranks;
  }

  private static void insertionSort(long[] keys, int[] order) {
    for (int i = 1; i < order.length; i++) {
      int idx = order[i];
      long key = keys[idx];
      int j = i - 1;
      while (j >= 0 && keys[order[j]] > key) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = idx;
    }
  }

  /** Sorts {@code order} by the non-negative {@code keys} (indexed by position), all <= range. */
  private static void radixSort(long[] keys, int[] order, long range) {
    int n = order.length;
    int bits = 64 - Long.numberOfLeadingZeros(range);
    int digit = 11;
    int passes = Math.max(1, (bits + digit - 1) / digit);
    int radix = 1 << digit;
    int mask = radix - 1;
    int[] counts = new int[radix];
    int[] tmp = new int[n];
    int[] src = order;
    int[] dst = tmp;
    for (int p = 0; p < passes; p++) {
      int shift = p * digit;
      java.util.Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        counts[(int) ((keys[i] >>> shift) & mask)]++;
      }
      int sum = 0;
      for (int d = 0; d < radix; d++) {
        int c = counts[d];
        counts[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        int idx = src[i];
        dst[counts[(int) ((keys[idx] >>> shift) & mask)]++] = idx;
      }
      int[] t = src;
      src = dst;
      dst = t;
    }
    if (src != order) {
      System.arraycopy(src, 0, order, 0, n);
    }
  }
}
