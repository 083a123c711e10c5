package org.mlem.core.batchsize;

import java.util.Arrays;

/**
 * Work arrays reused by the successive chunks one thread adds to {@link TermMoments}: the pairs'
 * distances and {@link GroupedMonomials}' per-pair and per-group arrays. A search round adds
 * hundreds of thousands of pairs per batch; allocating these arrays afresh for every batch and
 * round costs more (page faults, garbage collection) than filling them. Not thread-safe: one
 * scratch per thread at a time.
 */
final class MomentScratch {
  private double[] delta = new double[0];
  private int[] groupOf = new int[0];
  private double[] unsorted = new double[0];
  private double[] sorted = new double[0];
  private double[] groups = new double[0];

  /** An array of at least n distances, a block of pairs (contents unspecified). */
  double[] delta(int n) {
    if (delta.length < n) {
      delta = new double[capacity(n)];
    }
    return delta;
  }

  /** An array of at least n group indices (contents unspecified). */
  int[] groupOf(int n) {
    if (groupOf.length < n) {
      groupOf = new int[capacity(n)];
    }
    return groupOf;
  }

  /** An array of at least n continuous distances in pair order (contents unspecified). */
  double[] unsorted(int n) {
    if (unsorted.length < n) {
      unsorted = new double[capacity(n)];
    }
    return unsorted;
  }

  /** An array of at least n continuous distances in group order (contents unspecified). */
  double[] sorted(int n) {
    if (sorted.length < n) {
      sorted = new double[capacity(n)];
    }
    return sorted;
  }

  /** An array of at least n group moments, the first n zero. */
  double[] groups(int n) {
    if (groups.length < n) {
      groups = new double[capacity(n)];
    } else {
      Arrays.fill(groups, 0, n, 0.0);
    }
    return groups;
  }

  /** Room for the next rounds' growth (sizes grow by a factor of about 1.2 per round). */
  private static int capacity(int n) {
    return (int) Math.min(Integer.MAX_VALUE - 8, n + (long) n / 4);
  }
}
