package org.mlem.jobs.spark;

/**
 * How the requests of one call are cut into Spark tasks. Each of R requests is cut into
 * {@code max(1, min(ceil(partitions / R), ceil(B / 2048)))} contiguous slices of positions (a
 * chunk of several requests already fills the executors, and a task has at least about 2048
 * pairs of work: smaller tasks cost more in scheduling than they save); slice s of a batch
 * covers positions {@code [B * s / slices, B * (s + 1) / slices)}. The slices, in request order,
 * are then grouped into {@code min(slices, partitions)} tasks of contiguous slices. The cut does
 * not change any value: every position of a batch depends only on the seed, the request and the
 * position.
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

  /** The slice limit per request when {@code requests} requests share {@code partitions}. */
  public static int perRequest(int partitions, int requests) {
    if (partitions < 1 || requests < 1) {
      throw new IllegalArgumentException("partitions and requests must be >= 1, found "
          + partitions + " and " + requests);
    }
    return Math.max(1, (partitions + requests - 1) / requests);
  }

  /** Tasks of a job over {@code slices} slices: {@code min(slices, partitions)}. */
  public static int tasks(int slices, int partitions) {
    return Math.min(slices, partitions);
  }

  /** First position of slice {@code slice} of {@code slices} over {@code pairs} positions. */
  static int sliceStart(int pairs, int slices, int slice) {
    return (int) ((long) pairs * slice / slices);
  }
}
