package org.mlem.jobs.spark;

/**
 * How a batch request is cut into Spark tasks: a batch of B pairs becomes
 * {@code max(1, min(partitions, ceil(B / 2048)))} contiguous slices of positions, so a task
 * always has at least about 2048 pairs of work (smaller tasks cost more in scheduling than they
 * save) and never more slices than the configured partitions. Slice s covers positions
 * {@code [B * s / slices, B * (s + 1) / slices)}. The cut does not change any value: every
 * position of a batch depends only on the seed, the request and the position.
 */
public final class BatchSlicing {
  /** The fewest pairs worth a task of their own. */
  public static final int PAIRS_PER_SLICE = 2048;

  private BatchSlicing() {}

  /**
   * The number of slices of a batch.
   *
   * @param pairs B, the number of pairs the batch holds, >= 1
   * @param partitions the most slices allowed, >= 1
   * @return {@code max(1, min(partitions, ceil(pairs / 2048)))}
   * @throws IllegalArgumentException if pairs or partitions is below 1
   */
  public static int sliceCount(int pairs, int partitions) {
    if (pairs < 1) {
      throw new IllegalArgumentException("a batch needs at least 1 pair, found " + pairs);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1, found " + partitions);
    }
    long needed = ((long) pairs + PAIRS_PER_SLICE - 1) / PAIRS_PER_SLICE;
    return (int) Math.max(1, Math.min(partitions, needed));
  }

  /** First position of slice {@code slice} of {@code slices} over {@code pairs} positions. */
  static int sliceStart(int pairs, int slices, int slice) {
    return (int) ((long) pairs * slice / slices);
  }
}
