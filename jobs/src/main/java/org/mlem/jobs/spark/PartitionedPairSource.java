package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.importance.PermutationImportance;
import org.mlem.core.importance.PermutationRound;
import org.mlem.core.importance.RoundRunner;
import org.mlem.core.importance.RoundSpec;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairSource;
import org.mlem.core.train.PairStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PairSource} of the partitioned placement, for one split and seed; opened by
 * {@link PartitionedPairSourceFactory#open}. For a call of {@link #batches}:
 *
 * <ol>
 *   <li>the DRIVER draws every request's pairs with core's {@link PairSampler} (exactly as the
 *       broadcast placement's tasks do) and computes their feature distances with
 *       {@link EncodedFeatures#deltas} (cheap: F values per pair), while the job below runs;
 *   <li>it routes each pair position to a HOME block, one of block(i) and block(j)
 *       ({@link HomeRouting});
 *   <li>ONE Spark job computes the neural distances where the blocks are cached: when some pair
 *       spans two partitions of the cached blocks, each block first ships, to each home block of
 *       another partition, only the rows of its own that the home's positions need ({@link ShipRowsTask}; one shuffle of at most one row per
 *       pair, never of whole blocks), partitioned to the partition caching the home block; then
 *       each home block's task, zipped with its shipped rows, computes its positions' distances
 *       with core's {@code RepresentationDistances} ({@link HomeDistancesTask}) and returns
 *       (position, distance). Every step's work is proportional to the pairs, never to n;
 *       when no pair spans two partitions (e.g. one block), the job is a single stage;
 *   <li>the driver writes the distances by position.
 * </ol>
 *
 * <p>Importance ({@link #run}): the rounds' held-out batches are fetched through the same path
 * (one job for all rounds), then core's {@code PermutationImportance.round} runs on the driver's
 * threads ({@link PermutationImportance#runLocally}): a round is cheap next to its batch, and
 * this keeps the features off the executors. Every value is bit-identical to the broadcast
 * placement: same pairs, same feature code, same distance code on the same float data.
 * Stimulus-level importance (the default) takes core's generic path: core fetches the rounds'
 * held-out batches through {@link #batches} (one job) and runs the rounds on the driver's
 * threads, where the features are.
 * Thread-safe (the trainer's prefetch thread calls {@link #batches}).
 */
public final class PartitionedPairSource implements PairSource, RoundRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionedPairSource.class);

  private final PartitionedPairSourceFactory factory;
  private final JavaSparkContext context;
  private final EncodedFeatures features;
  private final RepresentationBlocks blocks;
  private final NeuralDistance metric;
  private final PairSampler trainingSampler;
  private final PairSampler heldOutSampler;
  private final long seed;
  private final FailOnceHook failOnce;

  PartitionedPairSource(
      PartitionedPairSourceFactory factory, JavaSparkContext context, EncodedFeatures features,
      RepresentationBlocks blocks, NeuralDistance metric, StimulusSplit split, long seed,
      FailOnceHook failOnce) {
    this.factory = factory;
    this.context = context;
    this.features = features;
    this.blocks = blocks;
    this.metric = metric;
    this.trainingSampler = new PairSampler(split.train());
    this.heldOutSampler = new PairSampler(split.test());
    this.seed = seed;
    this.failOnce = failOnce;
  }

  @Override
  public int featureCount() {
    return features.featureCount();
  }

  @Override
  public long pairCount(PairStream stream) {
    return sampler(stream).pairCount();
  }

  @Override
  public List<PairBatch> batches(List<BatchRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    factory.requireOpen();
    if (requests.isEmpty()) {
      return List.of();
    }
    int f = features.featureCount();
    List<PairIndices> drawn = new ArrayList<>(requests.size());
    long total = 0;
    for (int r = 0; r < requests.size(); r++) {
      BatchRequest request = Objects.requireNonNull(requests.get(r), "request " + r);
      PairIndices pairs = sampler(request.stream())
          .sample(seed, request.stream().id(), request.index(), request.size());
      drawn.add(pairs);
      total += pairs.size();
    }
    if (total > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("one call may hold at most " + Integer.MAX_VALUE
          + " pairs, found " + total + "; request fewer or smaller batches");
    }
    int[] first = new int[(int) total];
    int[] second = new int[(int) total];
    int at = 0;
    for (PairIndices pairs : drawn) {
      System.arraycopy(pairs.first(), 0, first, at, pairs.size());
      System.arraycopy(pairs.second(), 0, second, at, pairs.size());
      at += pairs.size();
    }
    HomeRouting routing =
        new HomeRouting(first, second, blocks.blockRows(), blocks.partitionOfBlock());
    String description = JobDescriptions.batches(requests);
    long t0 = System.nanoTime();
    Broadcast<HomeRouting> shared = context.broadcast(routing);
    JavaFutureAction<List<PositionDistances>> job = submit(description, shared);
    List<PairBatch> out = new ArrayList<>(drawn.size());
    List<double[]> deltas = new ArrayList<>(drawn.size());
    double[] neural;
    try {
      // the feature distances are computed while the job runs
      for (PairIndices pairs : drawn) {
        int b = pairs.size();
        double[] delta = new double[b * f];
        features.deltas(pairs.first(), pairs.second(), 0, b, delta);
        deltas.add(delta);
      }
      neural = collect(description, routing, job, t0);
    } catch (RuntimeException | Error e) {
      job.cancel(true);
      throw e;
    } finally {
      shared.destroy();
    }
    at = 0;
    for (int r = 0; r < drawn.size(); r++) {
      int b = drawn.get(r).size();
      double[] d = new double[b];
      System.arraycopy(neural, at, d, 0, b);
      at += b;
      out.add(new PairBatch(b, f, deltas.get(r), d));
    }
    return out;
  }

  /**
   * All rounds of the spec: their batches through {@link #batches} (one job), each round
   * computed by core on the driver's threads.
   */
  @Override
  public List<PermutationRound> run(RoundSpec spec) {
    Objects.requireNonNull(spec, "spec");
    factory.requireOpen();
    if (spec.featureCount() != features.featureCount()) {
      throw new IllegalArgumentException("the importance spec is for " + spec.featureCount()
          + " features but this pair source has " + features.featureCount()
          + "; compute importance with the metric fitted on this source's features");
    }
    int threads = Math.max(1, Math.min(spec.permutations(),
        Runtime.getRuntime().availableProcessors()));
    return PermutationImportance.runLocally(this, spec, threads);
  }

  /** Nothing to release: the blocks belong to the factory's owner. */
  @Override
  public void close() {}

  /** Submits the call's job (asynchronously: the driver computes feature distances meanwhile). */
  private JavaFutureAction<List<PositionDistances>> submit(
      String description, Broadcast<HomeRouting> routing) {
    String previous = context.getLocalProperty(JobDescriptions.PROPERTY);
    context.setJobDescription(description);
    try {
      HomeDistancesTask distances = new HomeDistancesTask(routing, metric, failOnce);
      if (routing.value().crossPartition()) {
        JavaPairRDD<Integer, ShippedRows> shipped = blocks.rdd()
            .mapPartitionsToPair(new ShipRowsTask(routing, failOnce))
            .partitionBy(new BlockPartitioner(blocks.partitionOfBlock(), blocks.partitions()));
        return blocks.rdd().zipPartitions(shipped, distances).collectAsync();
      }
      return blocks.rdd().mapPartitions(distances).collectAsync();
    } finally {
      context.setLocalProperty(JobDescriptions.PROPERTY, previous);
    }
  }

  /** Waits for the call's job and writes the distances by position. */
  private double[] collect(String description, HomeRouting routing,
      JavaFutureAction<List<PositionDistances>> job, long t0) {
    List<PositionDistances> parts;
    try {
      parts = job.get();
    } catch (InterruptedException e) {
      job.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the job '" + description
          + "'", e);
    } catch (ExecutionException e) {
      throw PartitionedPairSource.<RuntimeException>rethrow(e.getCause() == null ? e
          : e.getCause());
    }
    double[] neural = new double[routing.pairCount()];
    boolean[] written = new boolean[neural.length];
    int count = 0;
    for (PositionDistances part : parts) {
      for (int p = 0; p < part.positions.length; p++) {
        int k = part.positions[p];
        if (!written[k]) {
          written[k] = true;
          count++;
        }
        neural[k] = part.distances[p];
      }
    }
    if (count != neural.length) {
      throw new IllegalStateException("the partitioned job returned " + count + " of "
          + neural.length + " pair distances; a block is missing from the cached blocks");
    }
    LOG.debug("{}: {} pairs over {} home blocks in {} ms", description, neural.length,
        routing.homeCount(),
        (System.nanoTime() - t0) / 1_000_000);
    return neural;
  }

  /** Rethrows the job's failure as it is (as {@code collect()} would have thrown it). */
  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T rethrow(Throwable failure) throws T {
    throw (T) failure;
  }

  private PairSampler sampler(PairStream stream) {
    return stream.drawsFromTraining() ? trainingSampler : heldOutSampler;
  }
}
