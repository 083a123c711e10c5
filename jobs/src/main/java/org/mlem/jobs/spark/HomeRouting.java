package org.mlem.jobs.spark;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;

/**
 * Where the pairs of one call's batches are computed in the partitioned placement: pair position
 * k joins matrix rows {@code first[k]} (block a) and {@code second[k]} (block b) and is computed
 * by the task holding its HOME block, one of a and b (a when they are equal; for a != b the
 * lower block when a + b is even, else the higher, which spreads the block pairs evenly over the
 * blocks). Only when a and b are cached in different partitions does a row move: the task of
 * the other block ships it to the home block's task. Positions are grouped by home block (ascending within a home),
 * so both sides walk them in the same order and no row index or map is needed. Built on the
 * driver in O(pairs + blocks); shipped inside the call's tasks as bulk bytes.
 */
final class HomeRouting implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int blockRows;
  private final int[] partitionOfBlock;
  private transient int[] first;
  private transient int[] second;
  /** The positions grouped by home block: home h holds order[start[h] .. start[h + 1]). */
  private transient int[] order;
  private transient int[] start;
  private boolean crossPartition;
  /**
   * The rows each block ships to each home block of another partition, in the home's position
   * order: pair (source o, home h) ships {@code shipRows[shipStart[o * B + h] ..
   * shipStart[o * B + h + 1])}.
   */
  private transient int[] shipRows;
  private transient int[] shipStart;

  HomeRouting(int[] first, int[] second, int blockRows, int[] partitionOfBlock) {
    if (first.length != second.length) {
      throw new IllegalArgumentException("first and second must have the same length, found "
          + first.length + " and " + second.length);
    }
    this.partitionOfBlock = partitionOfBlock;
    this.blockRows = blockRows;
    this.first = first;
    this.second = second;
    group();
  }

  /** Groups the positions by home block (O(pairs + blocks)). */
  private void group() {
    int blockCount = partitionOfBlock.length;
    int n = first.length;
    int[] home = new int[n];
    int[] counts = new int[blockCount + 1];
    boolean cross = false;
    for (int k = 0; k < n; k++) {
      int a = first[k] / blockRows;
      int b = second[k] / blockRows;
      int h = home(a, b);
      cross |= partitionOfBlock[a] != partitionOfBlock[b];
      home[k] = h;
      counts[h + 1]++;
    }
    for (int h = 0; h < blockCount; h++) {
      counts[h + 1] += counts[h];
    }
    this.start = counts.clone();
    this.order = new int[n];
    for (int k = 0; k < n; k++) {
      order[counts[home[k]]++] = k;
    }
    this.crossPartition = cross;
    int[] shipCounts = new int[blockCount * blockCount + 1];
    int shipped = 0;
    for (int i = 0; i < n; i++) {
      int k = order[i];
      int other = otherRow(k);
      if (other >= 0) {
        shipCounts[(other / blockRows) * blockCount + home[k] + 1]++;
        shipped++;
      }
    }
    for (int key = 0; key < blockCount * blockCount; key++) {
      shipCounts[key + 1] += shipCounts[key];
    }
    this.shipStart = shipCounts.clone();
    this.shipRows = new int[shipped];
    for (int i = 0; i < n; i++) {
      int k = order[i];
      int other = otherRow(k);
      if (other >= 0) {
        shipRows[shipCounts[(other / blockRows) * blockCount + home[k]]++] = other;
      }
    }
  }

  /** The row of position k cached in another partition than its home block, else -1. */
  private int otherRow(int k) {
    int a = first[k] / blockRows;
    int b = second[k] / blockRows;
    if (partitionOfBlock[a] == partitionOfBlock[b]) {
      return -1;
    }
    return home(a, b) == a ? second[k] : first[k];
  }

  /** The index into {@link #shipRow} of the first row block o ships to home block h. */
  int shipFrom(int source, int home) {
    return shipStart[source * blockCount() + home];
  }

  /** The index into {@link #shipRow} just past the last row block o ships to home block h. */
  int shipTo(int source, int home) {
    return shipStart[source * blockCount() + home + 1];
  }

  /** The i-th shipped row. */
  int shipRow(int i) {
    return shipRows[i];
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    PackedArrays.writeInts(out, first);
    PackedArrays.writeInts(out, second);
    PackedArrays.writeInts(out, order);
    PackedArrays.writeInts(out, start);
    PackedArrays.writeInts(out, shipRows);
    PackedArrays.writeInts(out, shipStart);
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    first = PackedArrays.readInts(in);
    second = PackedArrays.readInts(in);
    order = PackedArrays.readInts(in);
    start = PackedArrays.readInts(in);
    shipRows = PackedArrays.readInts(in);
    shipStart = PackedArrays.readInts(in);
  }

  /** The home block of a pair of blocks a and b. */
  static int home(int a, int b) {
    if (a == b) {
      return a;
    }
    int low = Math.min(a, b);
    int high = Math.max(a, b);
    return ((low + high) & 1) == 0 ? low : high;
  }

  /** The number of pair positions. */
  int pairCount() {
    return first.length;
  }

  /** Whether some pair joins rows cached in two different partitions (so rows must move). */
  boolean crossPartition() {
    return crossPartition;
  }

  /** Whether blocks a and b are cached in the same partition. */
  boolean together(int a, int b) {
    return partitionOfBlock[a] == partitionOfBlock[b];
  }

  /** The number of blocks with at least one position. */
  int homeCount() {
    int count = 0;
    for (int h = 0; h + 1 < start.length; h++) {
      if (start[h + 1] > start[h]) {
        count++;
      }
    }
    return count;
  }

  int first(int position) {
    return first[position];
  }

  int second(int position) {
    return second[position];
  }

  int block(int row) {
    return row / blockRows;
  }

  /** The number of blocks the routing was built for. */
  int blockCount() {
    return start.length - 1;
  }

  /** The index into {@link #position} of home block h's first position. */
  int from(int home) {
    return start[home];
  }

  /** The index into {@link #position} just past home block h's last position. */
  int to(int home) {
    return start[home + 1];
  }

  /** The i-th position in home order. */
  int position(int i) {
    return order[i];
  }
}
