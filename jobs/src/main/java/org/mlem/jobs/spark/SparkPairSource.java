package org.mlem.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.mlem.core.importance.PermutationRound;
import org.mlem.core.importance.RoundRunner;
import org.mlem.core.importance.RoundSpec;
import org.mlem.core.importance.StimulusRoundRunner;
import org.mlem.core.importance.StimulusRoundSpec;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairBatches;
import org.mlem.core.train.PairSource;
import org.mlem.core.train.PairStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PairSource} whose batches are computed by Spark tasks, for one split and seed; opened
 * by {@link SparkPairSourceFactory#open}. Each {@link #batches} call is ONE Spark job: every
 * request of B pairs is cut into {@link BatchSlicing#sliceCount} contiguous slices, one task
 * each, which draws the pairs with core's {@code PairSampler} and fills its slice with core's
 * {@code PairBatches.fill} from the broadcast features and neural distances; the driver copies
 * the slices into place. Each {@link #run} (term-level importance) and {@link #runStimulus}
 * (stimulus-level) call is one job with one task per permutation round; a stimulus-level task
 * draws its round's held-out pairs, computes their neural distances and runs core's
 * {@code StimulusImportance.round} on the broadcast features.
 *
 * <p>Results are bit-identical to core's {@code LocalPairSource} with the same inputs, split and
 * seed, for any partitioning, master or task retry: a task is a pure function of the broadcast
 * data, the split, the seed and its slice. Thread-safe: the trainer calls {@link #batches} from
 * its prefetch thread while the driver trains (Spark runs concurrent jobs).
 */
public final class SparkPairSource implements PairSource, RoundRunner, StimulusRoundRunner {
  private static final Logger LOG = LoggerFactory.getLogger(SparkPairSource.class);

  private final SparkPairSourceFactory factory;
  private final JavaSparkContext context;
  private final ExecutorPairs executorPairs;
  private final PairSampler trainingSampler;
  private final PairSampler heldOutSampler;
  private final int featureCount;
  private final int partitions;

  SparkPairSource(
      SparkPairSourceFactory factory, JavaSparkContext context, ExecutorPairs executorPairs,
      StimulusSplit split, int featureCount, int partitions) {
    this.factory = factory;
    this.context = context;
    this.executorPairs = executorPairs;
    this.trainingSampler = new PairSampler(split.train());
    this.heldOutSampler = new PairSampler(split.test());
    this.featureCount = featureCount;
    this.partitions = partitions;
  }

  @Override
  public int featureCount() {
    return featureCount;
  }

  @Override
  public long pairCount(PairStream stream) {
    return sampler(stream).pairCount();
  }

  /** Tasks per request at most (the factory's resolved partitions). */
  public int partitions() {
    return partitions;
  }

  /**
   * The pairs a request's batch holds: its size, or every pair of the stream's stimuli in
   * full-RDM mode (size at least the pair count).
   */
  public int batchPairs(BatchRequest request) {
    PairSampler sampler = sampler(request.stream());
    return sampler.coversAll(request.size()) ? (int) sampler.pairCount() : request.size();
  }

  @Override
  public List<PairBatch> batches(List<BatchRequest> requests) {
    Objects.requireNonNull(requests, "requests");
    factory.requireOpen();
    if (requests.isEmpty()) {
      return List.of();
    }
    int[] sizes = new int[requests.size()];
    List<SliceSpec> specs = new ArrayList<>();
    // See BatchSlicing: slice a request only as much as needed to fill the tasks, since every
    // task costs Spark a few milliseconds of scheduling.
    int perRequest = BatchSlicing.perRequest(partitions, requests.size());
    for (int r = 0; r < requests.size(); r++) {
      BatchRequest request = Objects.requireNonNull(requests.get(r), "request " + r);
      int pairs = batchPairs(request);
      sizes[r] = pairs;
      int slices = BatchSlicing.sliceCount(pairs, perRequest);
      for (int s = 0; s < slices; s++) {
        specs.add(new SliceSpec(r, request.stream(), request.index(), request.size(),
            BatchSlicing.sliceStart(pairs, slices, s),
            BatchSlicing.sliceStart(pairs, slices, s + 1)));
      }
    }
    String description = JobDescriptions.batches(requests);
    Computed computed = runJob(description, () -> {
      JavaFutureAction<List<BatchSlice>> job = context
          .parallelize(specs, BatchSlicing.tasks(specs.size(), partitions))
          .map(new SliceTask(executorPairs)).collectAsync();
      // While the executors compute the neural distances, the driver draws the same pairs and
      // computes their feature distances (cheap, and cheaper than shipping F values per pair).
      double[][] deltas = new double[requests.size()][];
      for (int r = 0; r < requests.size(); r++) {
        BatchRequest request = requests.get(r);
        PairIndices pairs = executorPairs.draw(request.stream(), request.index(), request.size());
        deltas[r] = new double[sizes[r] * featureCount];
        PairBatches.fillFeatures(factory.features(), pairs, 0, sizes[r], deltas[r]);
      }
      return new Computed(deltas, await(job));
    });
    return assemble(sizes, computed.deltas(), computed.slices());
  }

  @Override
  public List<PermutationRound> run(RoundSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return scatterRounds(spec.featureCount(), spec.permutations(),
        new RoundTask(executorPairs, spec));
  }

  @Override
  public List<PermutationRound> runStimulus(StimulusRoundSpec spec) {
    Objects.requireNonNull(spec, "spec");
    return scatterRounds(spec.featureCount(), spec.permutations(),
        new StimulusRoundTask(executorPairs, spec));
  }

  /** One Spark task per permutation round, results in round order. */
  private List<PermutationRound> scatterRounds(
      int specFeatures, int permutations, Function<Integer, RoundResult> task) {
    factory.requireOpen();
    if (specFeatures != featureCount) {
      throw new IllegalArgumentException("the importance spec is for " + specFeatures
          + " features but this pair source has " + featureCount
          + "; compute importance with the metric fitted on this source's features");
    }
    List<Integer> rounds = IntStream.range(0, permutations).boxed()
        .collect(Collectors.toList());
    List<RoundResult> results = runJob(JobDescriptions.importance(permutations), () ->
        context.parallelize(rounds, rounds.size()).map(task).collect());
    List<PermutationRound> out = new ArrayList<>(results.size());
    for (RoundResult result : results) {
      out.add(result.toRound());
    }
    return out;
  }

  /** Nothing to release: the broadcast data belong to the factory. */
  @Override
  public void close() {}

  private <T> T runJob(String description, Supplier<T> job) {
    String previous = context.getLocalProperty(JobDescriptions.PROPERTY);
    context.setJobDescription(description);
    long t0 = System.nanoTime();
    try {
      T result = job.get();
      LOG.debug("{}: {} ms", description, (System.nanoTime() - t0) / 1_000_000);
      return result;
    } finally {
      context.setLocalProperty(JobDescriptions.PROPERTY, previous);
    }
  }

  /** Feature distances computed on the driver and the executors' neural-distance slices. */
  private record Computed(double[][] deltas, List<BatchSlice> slices) {}

  private List<PairBatch> assemble(int[] sizes, double[][] deltas, List<BatchSlice> slices) {
    double[][] neurals = new double[sizes.length][];
    for (int r = 0; r < sizes.length; r++) {
      neurals[r] = new double[sizes[r]];
    }
    for (BatchSlice slice : slices) {
      System.arraycopy(slice.neural, 0, neurals[slice.request], slice.from, slice.neural.length);
    }
    List<PairBatch> out = new ArrayList<>(sizes.length);
    for (int r = 0; r < sizes.length; r++) {
      out.add(new PairBatch(sizes[r], featureCount, deltas[r], neurals[r]));
    }
    return out;
  }

  private static <T> T await(JavaFutureAction<T> job) {
    try {
      return job.get();
    } catch (InterruptedException e) {
      job.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for pair batches", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("computing pair batches failed", cause);
    }
  }


  private PairSampler sampler(PairStream stream) {
    return stream.drawsFromTraining() ? trainingSampler : heldOutSampler;
  }
}
