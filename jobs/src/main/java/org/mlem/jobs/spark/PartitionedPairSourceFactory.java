package org.mlem.jobs.spark;

import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.mlem.core.api.PairSourceFactory;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.pairs.StimulusSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens pair sources of the partitioned placement: the representation rows stay in cached
 * {@link RepresentationBlocks} on the executors, the (small) encoded features stay on the
 * driver, which draws every pair and computes the feature distances itself; one Spark job per
 * call computes the neural distances where the blocks are cached ({@link PartitionedPairSource}). Results are
 * bit-identical to {@link SparkPairSourceFactory} (and core's in-process engine) given the same
 * features, representations, metric, split and seed. Use it for matrices beyond the broadcast
 * budget ({@link Placement}); precomputed RDMs stay with the broadcast factory.
 *
 * <pre>{@code
 * try (RepresentationBlocks blocks = RepresentationBlocks.fromRepresentations(jsc, reps, 0);
 *     PartitionedPairSourceFactory sources =
 *         new PartitionedPairSourceFactory(jsc, features, blocks, NeuralDistance.EUCLIDEAN, 0)) {
 *   MlemAnalysis result = Mlem.with(config).analyze(features, sources, progress, n);
 * }
 * }</pre>
 *
 * <p>The blocks belong to the caller (close them after the factory). Construction checks the
 * rows the metric rejects (cosine: zero norm; correlation: constant) with one distributed job,
 * with core's message. The fail-once test hook of {@link SparkPairSourceFactory} applies too.
 */
public final class PartitionedPairSourceFactory implements PairSourceFactory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionedPairSourceFactory.class);

  private final JavaSparkContext context;
  private final EncodedFeatures features;
  private final RepresentationBlocks blocks;
  private final NeuralDistance metric;
  private final int partitions;
  private final FailOnceHook failOnce;
  private volatile boolean closed;

  /**
   * @param context the Spark context
   * @param features encoded features of the n stimuli (row order = the blocks' row order)
   * @param blocks the n representation rows in blocks
   * @param metric the neural distance
   * @param partitions kept for compatibility, >= 1 (0 = the default parallelism): a call now runs
   *     one task per partition of the cached blocks (at most the default parallelism, see
   *     {@link RepresentationBlocks})
   * @throws IllegalArgumentException if the counts differ, partitions is negative, or a row is
   *     rejected by the metric (naming the stimulus id and row)
   */
  public PartitionedPairSourceFactory(
      JavaSparkContext context, EncodedFeatures features, RepresentationBlocks blocks,
      NeuralDistance metric, int partitions) {
    this.context = Objects.requireNonNull(context, "context");
    this.features = Objects.requireNonNull(features, "features");
    this.blocks = Objects.requireNonNull(blocks, "blocks");
    this.metric = Objects.requireNonNull(metric, "metric");
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be >= 1, or 0 for Spark's default "
          + "parallelism, found " + partitions);
    }
    if (features.size() != blocks.stimuli()) {
      throw new IllegalArgumentException("features has " + features.size()
          + " stimuli but the representation blocks hold " + blocks.stimuli()
          + " rows; align the representations to the feature table's ids first");
    }
    this.partitions = partitions == 0 ? Math.max(1, context.defaultParallelism()) : partitions;
    this.failOnce = FailOnceHook.from(context.getConf());
    if (failOnce.enabled()) {
      LOG.warn("test hook {} is set: one task attempt will fail on purpose",
          FailOnceHook.CONF_KEY);
    }
    checkRows();
    LOG.info("partitioned placement: {} rows x {} dims in {} blocks of {} rows, cached in {} "
        + "partitions (one task per partition and stage per call)", blocks.stimuli(),
        blocks.dims(), blocks.blockCount(), blocks.blockRows(), blocks.partitions());
  }

  /** The resolved partitions argument (>= 1); see the constructor. */
  public int partitions() {
    return partitions;
  }

  /** The representation blocks. */
  public RepresentationBlocks blocks() {
    return blocks;
  }

  /**
   * Opens a source for one split.
   *
   * @throws IllegalArgumentException if the split names a stimulus outside [0, n)
   * @throws IllegalStateException if the factory was closed
   */
  @Override
  public PartitionedPairSource open(StimulusSplit split, long seed) {
    Objects.requireNonNull(split, "split");
    requireOpen();
    SplitChecks.requireInRange(split, features.size());
    return new PartitionedPairSource(this, context, features, blocks, metric, split, seed,
        failOnce);
  }

  /** Marks the factory closed; the blocks stay cached until their owner closes them. */
  @Override
  public void close() {
    closed = true;
  }

  void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this PartitionedPairSourceFactory was closed; open pair "
          + "sources from a new factory");
    }
  }

  private void checkRows() {
    if (!metric.rejectsRows()) {
      return;
    }
    NeuralDistance m = metric;
    List<Integer> bad = blocks.rdd().values()
        .map(block -> {
          int r = m.firstRejectedRow(block.data(), block.rows(), block.dims());
          return r < 0 ? -1 : block.firstRow() + r;
        })
        .filter(row -> row >= 0)
        .collect();
    if (!bad.isEmpty()) {
      int row = bad.stream().min(Integer::compare).orElseThrow();
      throw new IllegalArgumentException(metric.rejectionMessage(features.ids().get(row), row));
    }
  }
}
