package org.mlem.jobs.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Where the pairs of one call's batches go in the partitioned placement: pair position k (numbered
 * across the call's requests) joins matrix rows {@code first[k]} and {@code second[k]}, which live
 * in blocks {@code first[k] / S} and {@code second[k] / S}; the pair is computed by the task of
 * the unordered block pair (low, high), keyed {@code low * blockCount + high}. Shipped inside the
 * tasks of the call's job (a few hundred kB for 20,000 pairs), so each block task can tell which
 * of its rows each block pair needs and each block-pair task which positions it computes.
 */
final class BatchRouting implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int[] first;
  private final int[] second;
  private final int blockRows;
  private final int blockCount;

  BatchRouting(int[] first, int[] second, int blockRows, int blockCount) {
    if (first.length != second.length) {
      throw new IllegalArgumentException("first and second must have the same length, found "
          + first.length + " and " + second.length);
    }
    this.first = first;
    this.second = second;
    this.blockRows = blockRows;
    this.blockCount = blockCount;
  }

  /** The number of pair positions. */
  int pairCount() {
    return first.length;
  }

  int first(int position) {
    return first[position];
  }

  int second(int position) {
    return second[position];
  }

  /** The block pair key of position k. */
  long keyOf(int position) {
    int a = first[position] / blockRows;
    int b = second[position] / blockRows;
    return a <= b ? (long) a * blockCount + b : (long) b * blockCount + a;
  }

  /** The distinct block pair keys of the call, ascending. */
  TreeSet<Long> keys() {
    TreeSet<Long> keys = new TreeSet<>();
    for (int k = 0; k < first.length; k++) {
      keys.add(keyOf(k));
    }
    return keys;
  }

  /**
   * For block {@code block}: for every block pair it takes part in, the rows of this block that
   * the pair's positions need (ascending, distinct).
   */
  Map<Long, int[]> rowsNeeded(int block) {
    Map<Long, RowSet> needed = new HashMap<>();
    for (int k = 0; k < first.length; k++) {
      int a = first[k] / blockRows;
      int b = second[k] / blockRows;
      if (a != block && b != block) {
        continue;
      }
      RowSet rows = needed.computeIfAbsent(keyOf(k), key -> new RowSet());
      if (a == block) {
        rows.add(first[k]);
      }
      if (b == block) {
        rows.add(second[k]);
      }
    }
    Map<Long, int[]> out = new LinkedHashMap<>();
    needed.forEach((key, rows) -> out.put(key, rows.sortedDistinct()));
    return out;
  }

  /** The positions of block pair {@code key}, ascending. */
  int[] positionsOf(long key) {
    int count = 0;
    int[] positions = new int[16];
    for (int k = 0; k < first.length; k++) {
      if (keyOf(k) == key) {
        if (count == positions.length) {
          positions = Arrays.copyOf(positions, count * 2);
        }
        positions[count++] = k;
      }
    }
    return Arrays.copyOf(positions, count);
  }

  /** A growable list of rows, sorted and deduplicated at the end. */
  private static final class RowSet {
    private int[] rows = new int[16];
    private int size;

    void add(int row) {
      if (size == rows.length) {
        rows = Arrays.copyOf(rows, size * 2);
      }
      rows[size++] = row;
    }

    int[] sortedDistinct() {
      int[] sorted = Arrays.copyOf(rows, size);
      Arrays.sort(sorted);
      int distinct = 0;
      for (int r = 0; r < sorted.length; r++) {
        if (r == 0 || sorted[r] != sorted[r - 1]) {
          sorted[distinct++] = sorted[r];
        }
      }
      return Arrays.copyOf(sorted, distinct);
    }
  }
}
