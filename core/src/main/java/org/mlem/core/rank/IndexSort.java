package org.mlem.core.rank;

/**
 * Stable primitive sort of an index permutation by double keys: a least-significant-digit radix
 * sort over an order-preserving 64-bit encoding of the keys (13-bit digits, 5 passes whose counts
 * stay in the L2 cache; 1.7x faster than 11-bit digits on 645k keys; passes whose digit is the
 * same for every key are skipped), with insertion sort for short inputs. O(n) per pass, no
 * boxing, no comparator. {@code -0.0} and {@code 0.0} are treated as equal; NaN must be rejected
 * by the caller beforehand.
 */
final class IndexSort {
  private static final int INSERTION_LIMIT = 48;
  private static final int DIGIT_BITS = 13;
  private static final int RADIX = 1 << DIGIT_BITS;
  private static final int MASK = RADIX - 1;
  private static final int PASSES = (64 + DIGIT_BITS - 1) / DIGIT_BITS;

  private IndexSort() {}

  /**
   * Reorders {@code order} (a permutation or any list of valid indices into {@code keys}) so that
   * {@code keys[order[i]]} is non-decreasing; ties keep their current relative order.
   */
  static void sortStable(double[] keys, int[] order) {
    int n = order.length;
    if (n < INSERTION_LIMIT) {
      insertionSort(keys, order);
      return;
    }
    sortStable(keys, order, new long[n], new long[n], new int[n]);
  }

  /**
   * As {@link #sortStable(double[], int[])}, with the radix sort's work arrays given (each at
   * least {@code order.length} long; their contents are overwritten).
   */
  static void sortStable(double[] keys, int[] order, long[] code, long[] codeTmp,
      int[] orderTmp) {
    int n = order.length;
    if (n < INSERTION_LIMIT) {
      insertionSort(keys, order);
      return;
    }
    for (int i = 0; i < n; i++) {
      code[i] = sortableBits(keys[order[i]]);
    }
    radixSort(code, order, codeTmp, orderTmp);
  }

  /** Maps a double to a long whose signed order equals the numeric order ({@code -0.0 == 0.0}). */
  static long sortableBits(double value) {
    long bits = Double.doubleToRawLongBits(value == 0.0 ? 0.0 : value);
    // Negative doubles: flip the magnitude bits so that larger magnitudes sort lower.
    return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
  }

  private static void insertionSort(double[] keys, int[] order) {
    for (int i = 1; i < order.length; i++) {
      int idx = order[i];
      double key = keys[idx];
      int j = i - 1;
      while (j >= 0 && keys[order[j]] > key) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = idx;
    }
  }

  private static void radixSort(long[] code, int[] order, long[] codeTmp, int[] orderTmp) {
    int n = order.length;
    int[] counts = new int[PASSES * RADIX];
    for (int i = 0; i < n; i++) {
      // Flip the sign bit so that unsigned digit order equals signed order.
      long c = code[i] ^ Long.MIN_VALUE;
      code[i] = c;
      for (int p = 0; p < PASSES; p++) {
        counts[p * RADIX + (int) ((c >>> (p * DIGIT_BITS)) & MASK)]++;
      }
    }
    long[] srcCode = code;
    int[] srcOrder = order;
    long[] dstCode = codeTmp;
    int[] dstOrder = orderTmp;
    for (int p = 0; p < PASSES; p++) {
      int base = p * RADIX;
      int shift = p * DIGIT_BITS;
      if (counts[base + (int) ((srcCode[0] >>> shift) & MASK)] == n) {
        continue; // every key has the same digit: this pass would not move anything
      }
      int sum = 0;
      for (int d = 0; d < RADIX; d++) {
        int c = counts[base + d];
        counts[base + d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        long c = srcCode[i];
        int pos = counts[base + (int) ((c >>> shift) & MASK)]++;
        dstCode[pos] = c;
        dstOrder[pos] = srcOrder[i];
      }
      long[] tc = srcCode;
      srcCode = dstCode;
      dstCode = tc;
      int[] to = srcOrder;
      srcOrder = dstOrder;
      dstOrder = to;
    }
    if (srcOrder != order) {
      System.arraycopy(srcOrder, 0, order, 0, n);
    }
  }
}
