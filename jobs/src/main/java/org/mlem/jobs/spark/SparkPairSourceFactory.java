package org.mlem.jobs.spark;

import java.util.Objects;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.mlem.core.api.PairSourceFactory;
import org.mlem.core.distance.PairDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.PairSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens Spark-backed pair sources: the features and neural data are broadcast once; each
 * request for a chunk of batches is one Spark job whose tasks sample pairs by position and
 * compute their distances on executors; permutation-importance rounds run as tasks too.
 *
 * <p>The broadcasts are made once per factory, shared by every source it opens (one per split
 * or fold), and destroyed by {@link #close()}; close the factory after the analysis:
 *
 * <pre>{@code
 * try (SparkPairSourceFactory sources = new SparkPairSourceFactory(jsc, features, distances, 0)) {
 *   MlemAnalysis result = Mlem.with(config)
 *       .analyze(features, sources, TrainingProgress.NONE, distances.size());
 * }
 * }</pre>
 *
 * <p>Testing hook: when the Spark conf key {@code spark.mlem.test.failOnceMarker} names a local
 * file that exists, the first task to see it deletes it and fails (exactly one failed attempt),
 * to show that retries give identical results. Never set it in production.
 */
public final class SparkPairSourceFactory implements PairSourceFactory, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SparkPairSourceFactory.class);

  private final JavaSparkContext context;
  private final int stimuli;
  private final int featureCount;
  private final int partitions;
  private final Broadcast<EncodedFeatures> features;
  /** The features on the driver, which computes feature distances of the drawn pairs. */
  private final EncodedFeatures driverFeatures;
  private final Broadcast<PairDistances> distances;
  private final FailOnceHook failOnce;
  private volatile boolean closed;

  /**
   * @param context the Spark context
   * @param features encoded features of the n stimuli
   * @param distances neural distances of the same stimuli (representations or an RDM)
   * @param partitions tasks per batch request, >= 1 (0 = the default parallelism)
   * @throws IllegalArgumentException if partitions is negative or the stimulus counts differ
   */
  public SparkPairSourceFactory(
      JavaSparkContext context, EncodedFeatures features, PairDistances distances,
      int partitions) {
    this.context = Objects.requireNonNull(context, "context");
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(distances, "distances");
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be >= 1, or 0 for Spark's default "
          + "parallelism, found " + partitions);
    }
    if (features.size() != distances.size()) {
      throw new IllegalArgumentException("features has " + features.size()
          + " stimuli but the neural distances cover " + distances.size()
          + "; align the representations to the feature table's ids first");
    }
    this.stimuli = features.size();
    this.featureCount = features.featureCount();
    this.partitions = partitions == 0 ? Math.max(1, context.defaultParallelism()) : partitions;
    this.failOnce = FailOnceHook.from(context.getConf());
    if (failOnce.enabled()) {
      LOG.warn("test hook {} is set: one task attempt will fail on purpose",
          FailOnceHook.CONF_KEY);
    }
    this.features = context.broadcast(features);
    this.driverFeatures = features;
    this.distances = context.broadcast(distances);
    LOG.info("broadcast features ({} stimuli x {} features) and neural distances; up to {} "
        + "tasks per batch", stimuli, featureCount, this.partitions);
  }

  /** Tasks per batch request at most (the resolved partitions, >= 1). */
  public int partitions() {
    return partitions;
  }

  /**
   * Opens a source for one split; it shares this factory's broadcasts and needs no closing of
   * its own.
   *
   * @throws IllegalArgumentException if the split names a stimulus outside [0, n)
   * @throws IllegalStateException if the factory was closed
   */
  @Override
  public SparkPairSource open(StimulusSplit split, long seed) {
    Objects.requireNonNull(split, "split");
    requireOpen();
    SplitChecks.requireInRange(split, stimuli);
    ExecutorPairs pairs = new ExecutorPairs(features, distances, split, seed, failOnce);
    return new SparkPairSource(this, context, pairs, split, featureCount, partitions);
  }

  /** Destroys the broadcasts; sources opened from this factory can no longer compute. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    features.destroy();
    distances.destroy();
  }

  void requireOpen() {
    if (closed) {
      throw new IllegalStateException("this SparkPairSourceFactory was closed and its broadcast "
          + "data destroyed; open pair sources from a new factory");
    }
  }

  /** The encoded features on the driver. */
  EncodedFeatures features() {
    return driverFeatures;
  }
}
