package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.mlem.core.distance.Representations;
import scala.Tuple2;

/**
 * The n x D float32 representation matrix of the partitioned placement, as a cached RDD of
 * {@link RowBlock}s keyed by block number: block b holds rows {@code [b * S, (b + 1) * S)}
 * (the last block fewer). The blocks are cached in at most Spark's default parallelism
 * partitions (several blocks per partition when there are more blocks than that, coalesced
 * without a shuffle), so a partitioned call runs few tasks and pairs whose blocks share a
 * partition move no rows at all. The matrix never needs to fit on the driver
 * (except when built with {@link #fromRepresentations}); rows are numbered in the feature
 * table's order. The default block size S makes a block about {@value #DEFAULT_BLOCK_BYTES}
 * bytes. Close (or {@link #unpersist}) when the analysis is done.
 */
public final class RepresentationBlocks implements AutoCloseable {
  /** The default size of a block in bytes (32 MiB). */
  public static final long DEFAULT_BLOCK_BYTES = 32L << 20;

  private final JavaPairRDD<Integer, RowBlock> blocks;
  private final int stimuli;
  private final int dims;
  private final int blockRows;
  /** The partition of {@link #blocks} that holds block b. */
  private final int[] partitionOfBlock;

  private RepresentationBlocks(JavaPairRDD<Integer, RowBlock> blocks, int stimuli, int dims,
      int blockRows, int[] partitionOfBlock) {
    this.blocks = blocks;
    this.partitionOfBlock = partitionOfBlock;
    this.stimuli = stimuli;
    this.dims = dims;
    this.blockRows = blockRows;
  }

  /**
   * The default block size: rows of D float32 values filling {@value #DEFAULT_BLOCK_BYTES}
   * bytes, at least 1.
   */
  public static int defaultBlockRows(int dims) {
    requirePositive("dims", dims);
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, DEFAULT_BLOCK_BYTES / (4L * dims)));
  }

  /** The number of blocks of n rows cut every S rows: ceil(n / S). */
  public static int blockCount(int stimuli, int blockRows) {
    requirePositive("stimuli", stimuli);
    requirePositive("block rows", blockRows);
    return (int) (((long) stimuli + blockRows - 1) / blockRows);
  }

  /**
   * Blocks of representations held by the driver (e.g. read from .npy or HDF5), parallelized:
   * the driver must hold the matrix once more while the blocks are shipped.
   *
   * @param blockRows S, >= 1 (0 = {@link #defaultBlockRows})
   */
  public static RepresentationBlocks fromRepresentations(
      JavaSparkContext context, Representations reps, int blockRows) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(reps, "reps");
    int n = reps.size();
    int dims = reps.dims();
    int s = resolveBlockRows(blockRows, dims);
    int count = blockCount(n, s);
    List<Tuple2<Integer, RowBlock>> list = new ArrayList<>(count);
    float[] data = reps.data();
    for (int b = 0; b < count; b++) {
      int from = b * s;
      int to = (int) Math.min(n, (long) from + s);
      list.add(new Tuple2<>(b, new RowBlock(b, from, dims,
          Arrays.copyOfRange(data, from * dims, to * dims))));
    }
    return cached(context.parallelizePairs(list, count), n, dims, s);
  }

  /**
   * Blocks assembled, distributed, from rows keyed by matrix row (every row in [0, n) exactly
   * once, each of D values): rows are grouped by block with one shuffle.
   *
   * @param blockRows S, >= 1 (0 = {@link #defaultBlockRows})
   * @throws IllegalStateException if a row is missing, repeated or of another length
   */
  public static RepresentationBlocks fromRows(
      JavaPairRDD<Integer, float[]> rows, int stimuli, int dims, int blockRows) {
    Objects.requireNonNull(rows, "rows");
    requirePositive("dims", dims);
    int s = resolveBlockRows(blockRows, dims);
    int n = stimuli;
    int count = blockCount(n, s);
    JavaPairRDD<Integer, RowBlock> blocks = rows
        .mapToPair(row -> new Tuple2<>(row._1() / s, row))
        .groupByKey(new HashPartitioner(count))
        .mapToPair(group -> new Tuple2<>(group._1(),
            assemble(group._1(), group._2(), s, n, dims)));
    return cached(blocks, n, dims, s);
  }

  /**
   * Blocks computed by a distributed job (e.g. generated data), one {@link RowBlock} per block
   * number 0 .. ceil(n / S) - 1.
   *
   * @throws IllegalStateException if blocks are missing or do not fit n, D and S
   */
  public static RepresentationBlocks fromBlocks(
      JavaRDD<RowBlock> blocks, int stimuli, int dims, int blockRows) {
    Objects.requireNonNull(blocks, "blocks");
    requirePositive("dims", dims);
    requirePositive("block rows", blockRows);
    int count = blockCount(stimuli, blockRows);
    JavaPairRDD<Integer, RowBlock> keyed = blocks.mapToPair(block -> {
      int expected = (int) Math.min(stimuli, (long) (block.index() + 1) * blockRows)
          - block.index() * blockRows;
      if (block.dims() != dims || block.firstRow() != block.index() * blockRows
          || block.rows() != expected) {
        throw new IllegalStateException("block " + block.index() + " should hold " + expected
            + " rows of " + dims + " values from row " + block.index() * blockRows + ", found "
            + block.rows() + " rows of " + block.dims() + " from row " + block.firstRow());
      }
      return new Tuple2<>(block.index(), block);
    });
    return cached(keyed, stimuli, dims, blockRows);
  }

  /** n, the number of rows. */
  public int stimuli() {
    return stimuli;
  }

  /** D. */
  public int dims() {
    return dims;
  }

  /** S, rows per block. */
  public int blockRows() {
    return blockRows;
  }

  /** ceil(n / S). */
  public int blockCount() {
    return blockCount(stimuli, blockRows);
  }

  /** n x D x 4, the bytes of the whole matrix. */
  public long bytes() {
    return (long) stimuli * dims * Float.BYTES;
  }

  /** The cached blocks keyed by block number. */
  public JavaPairRDD<Integer, RowBlock> rdd() {
    return blocks;
  }

  /** The partition of {@link #rdd} that holds each block (indexed by block number). */
  int[] partitionOfBlock() {
    return partitionOfBlock.clone();
  }

  /** The number of partitions of {@link #rdd}. */
  int partitions() {
    return blocks.getNumPartitions();
  }

  /** Drops the cached blocks. */
  public void unpersist() {
    blocks.unpersist(false);
  }

  /** Same as {@link #unpersist}. */
  @Override
  public void close() {
    unpersist();
  }

  private static RepresentationBlocks cached(
      JavaPairRDD<Integer, RowBlock> blocks, int n, int dims, int s) {
    int target = Math.max(1, Math.min(blockCount(n, s), blocks.context().defaultParallelism()));
    if (blocks.getNumPartitions() > target) {
      blocks = blocks.coalesce(target);
    }
    blocks.persist(StorageLevel.MEMORY_ONLY());
    List<int[]> located = blocks.mapPartitionsWithIndex((partition, it) -> {
      List<int[]> found = new ArrayList<>();
      it.forEachRemaining(entry -> found.add(new int[] {entry._2().index(), partition}));
      return found.iterator();
    }, true).collect();
    int expected = blockCount(n, s);
    int[] partitionOfBlock = new int[expected];
    Arrays.fill(partitionOfBlock, -1);
    boolean valid = located.size() == expected;
    for (int[] at : located) {
      if (at[0] < 0 || at[0] >= expected || partitionOfBlock[at[0]] >= 0) {
        valid = false;
        break;
      }
      partitionOfBlock[at[0]] = at[1];
    }
    if (!valid) {
      blocks.unpersist(false);
      throw new IllegalStateException("expected " + expected + " distinct blocks of " + s
          + " rows for " + n + " rows, found " + located.size());
    }
    return new RepresentationBlocks(blocks, n, dims, s, partitionOfBlock);
  }

  private static RowBlock assemble(
      int block, Iterable<Tuple2<Integer, float[]>> rows, int s, int n, int dims) {
    int first = block * s;
    int count = (int) Math.min(n, (long) first + s) - first;
    float[] data = new float[count * dims];
    boolean[] seen = new boolean[count];
    for (Tuple2<Integer, float[]> row : rows) {
      int local = row._1() - first;
      if (local < 0 || local >= count || seen[local] || row._2().length != dims) {
        throw new IllegalStateException("block " + block + ": row " + row._1() + " with "
            + row._2().length + " values is out of place, repeated or not of " + dims
            + " values");
      }
      seen[local] = true;
      System.arraycopy(row._2(), 0, data, local * dims, dims);
    }
    for (int r = 0; r < count; r++) {
      if (!seen[r]) {
        throw new IllegalStateException("block " + block + ": row " + (first + r)
            + " is missing");
      }
    }
    return new RowBlock(block, first, dims, data);
  }

  private static int resolveBlockRows(int blockRows, int dims) {
    if (blockRows < 0) {
      throw new IllegalArgumentException("block rows must be >= 1, or 0 for the default (~32 MB"
          + " per block), found " + blockRows);
    }
    return blockRows == 0 ? defaultBlockRows(dims) : blockRows;
  }

  private static void requirePositive(String what, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be >= 1, found " + value);
    }
  }
}
