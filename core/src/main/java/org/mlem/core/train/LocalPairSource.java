package org.mlem.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mlem.core.distance.PairDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.metric.SparseDeltas;
import org.mlem.core.pairs.PairIndices;
import org.mlem.core.pairs.PairSampler;
import org.mlem.core.pairs.StimulusSplit;

/**
 * An in-process {@link PairSource}: draws pairs with {@link PairSampler} and computes their
 * distances on a pool of threads, each thread filling a contiguous slice of positions. Results
 * are identical for any number of threads because every position depends only on the seed, the
 * request and its index.
 */
public final class LocalPairSource implements PairSource {
  /** Slices smaller than this are not worth a task. */
  private static final int MIN_SLICE = 512;

  private final EncodedFeatures features;
  private final PairDistances distances;
  private final PairSampler trainingSampler;
  private final PairSampler heldOutSampler;
  private final long seed;
  private final int threads;
  private final ExecutorService pool;
  /** Recycled training batches, whose arrays later batches of the same size reuse. */
  private final java.util.concurrent.ConcurrentLinkedQueue<SparseBatch> recycledSparse =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  /**
   * @param features encoded features of all n stimuli
   * @param distances neural distances over the same n stimuli (same order)
   * @param split training and held-out stimuli (global indices)
   * @param seed the run seed
   * @param threads worker threads, >= 1 (use {@link #defaultThreads()} for every core)
   */
  public LocalPairSource(
      EncodedFeatures features,
      PairDistances distances,
      StimulusSplit split,
      long seed,
      int threads) {
    this.features = Objects.requireNonNull(features, "features");
    this.distances = Objects.requireNonNull(distances, "distances");
    Objects.requireNonNull(split, "split");
    if (features.size() != distances.size()) {
      throw new IllegalArgumentException(
          "features has " + features.size() + " stimuli but the neural distances cover "
              + distances.size());
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, found " + threads);
    }
    this.trainingSampler = new PairSampler(split.train());
    this.heldOutSampler = new PairSampler(split.test());
    this.seed = seed;
    this.threads = threads;
    this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, daemonThreads());
  }

  /** Every available processor. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }

  @Override
  public int featureCount() {
    return features.featureCount();
  }

  @Override
  public long pairCount(PairStream stream) {
    return sampler(stream).pairCount();
  }

  /** The pairs of a request: global stimulus indices, derived from the seed and the request. */
  public PairIndices pairs(BatchRequest request) {
    return sampler(request.stream())
        .sample(seed, request.stream().id(), request.index(), request.size());
  }

  @Override
  public List<PairBatch> batches(List<BatchRequest> requests) {
    List<PairIndices> pairs = new ArrayList<>(requests.size());
    List<double[]> deltas = new ArrayList<>(requests.size());
    List<double[]> neurals = new ArrayList<>(requests.size());
    int f = features.featureCount();
    for (BatchRequest request : requests) {
      PairIndices p = pairs(request);
      pairs.add(p);
      deltas.add(new double[p.size() * f]);
      neurals.add(new double[p.size()]);
    }
    if (pool == null) {
      for (int r = 0; r < requests.size(); r++) {
        PairBatches.fill(features, distances, pairs.get(r), 0, pairs.get(r).size(),
            deltas.get(r), neurals.get(r));
      }
    } else {
      List<Future<?>> tasks = new ArrayList<>();
      for (int r = 0; r < requests.size(); r++) {
        PairIndices p = pairs.get(r);
        double[] delta = deltas.get(r);
        double[] neural = neurals.get(r);
        int size = p.size();
        int slices = Math.max(1, Math.min(threads, size / MIN_SLICE));
        for (int s = 0; s < slices; s++) {
          int from = (int) ((long) size * s / slices);
          int to = (int) ((long) size * (s + 1) / slices);
          tasks.add(pool.submit(
              () -> PairBatches.fill(features, distances, p, from, to, delta, neural)));
        }
      }
      await(tasks);
    }
    List<PairBatch> out = new ArrayList<>(requests.size());
    for (int r = 0; r < requests.size(); r++) {
      out.add(new PairBatch(pairs.get(r).size(), f, deltas.get(r), neurals.get(r)));
    }
    return out;
  }

  /**
   * The batches built straight in their non-zero form: each slice of a batch's pairs becomes
   * one segment ({@link PairBatches#fillSparse}), reusing the arrays of a recycled batch of the
   * same size (its segments' arrays grow where needed). In the foreground the slices run on the
   * pool's threads; in the background the whole batch is one slice on the calling thread: a
   * training step splits its own work over every core and waits for its slowest part, so a
   * prefetch on every core beside it slowed the sentence-sized fit (36-37 s to 39-40 s).
   */
  @Override
  public List<SparseBatch> sparseBatches(List<BatchRequest> requests, boolean background) {
    int f = features.featureCount();
    List<SparseDeltas.Segment[]> segments = new ArrayList<>(requests.size());
    List<double[]> neurals = new ArrayList<>(requests.size());
    List<Runnable> work = new ArrayList<>();
    for (BatchRequest request : requests) {
      PairIndices p = pairs(request);
      int size = p.size();
      int slices = pool == null || background ? 1
          : Math.max(1, Math.min(threads, size / MIN_SLICE));
      SparseBatch reuse = reusableSparse(size);
      List<SparseDeltas.Segment> old = reuse != null ? reuse.delta().segments() : List.of();
      double[] neural = reuse != null ? reuse.neural() : new double[size];
      SparseDeltas.Segment[] parts = new SparseDeltas.Segment[slices];
      segments.add(parts);
      neurals.add(neural);
      for (int s = 0; s < slices; s++) {
        int slice = s;
        int from = (int) ((long) size * s / slices);
        int to = (int) ((long) size * (s + 1) / slices);
        work.add(() -> parts[slice] = PairBatches.fillSparse(features, distances, p, from, to,
            slice < old.size() ? old.get(slice) : null, neural));
      }
    }
    if (pool == null || background) {
      work.forEach(Runnable::run);
    } else {
      List<Future<?>> tasks = new ArrayList<>(work.size());
      for (Runnable w : work) {
        tasks.add(pool.submit(w));
      }
      await(tasks);
    }
    List<SparseBatch> out = new ArrayList<>(requests.size());
    for (int r = 0; r < requests.size(); r++) {
      out.add(new SparseBatch(SparseDeltas.ofSegments(List.of(segments.get(r)), f),
          neurals.get(r)));
    }
    return out;
  }

  /** True: batches are built in this JVM, and calls from several threads run side by side. */
  @Override
  public boolean buildsInProcess() {
    return true;
  }

  /**
   * Keeps the arrays of a training batch its caller is done with (the trainer's batches of one
   * size, one per step, that would otherwise be allocated and zeroed every step), for a later
   * batch of the same size.
   */
  @Override
  public void recycle(SparseBatch batch) {
    if (recycledSparse.size() < MAX_RECYCLED) {
      recycledSparse.add(batch);
    }
  }

  /**
   * Recycled batches kept at most: the trainer's prefetch window (--prefetch-steps, 8 by
   * default) and the batch trained on, with room to spare.
   */
  private static final int MAX_RECYCLED = 16;

  /** A recycled sparse batch of {@code size} pairs, taken out of the queue, or null. */
  private SparseBatch reusableSparse(int size) {
    return take(recycledSparse, b -> b.size() == size);
  }

  /** The first element of {@code queue} that {@code fits}, removed from it, or null. */
  private static <T> T take(java.util.Queue<T> queue, java.util.function.Predicate<T> fits) {
    for (T b : queue) {
      if (fits.test(b) && queue.remove(b)) {
        return b;
      }
    }
    return null;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private PairSampler sampler(PairStream stream) {
    return stream.drawsFromTraining() ? trainingSampler : heldOutSampler;
  }

  static void await(List<? extends Future<?>> tasks) {
    for (Future<?> t : tasks) {
      result(t);
    }
  }

  /** The task's result, its own exception rethrown unwrapped. */
  static <T> T result(Future<T> task) {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while computing pair batches", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("computing a pair batch failed", cause);
    }
  }

  static java.util.concurrent.ThreadFactory daemonThreads() {
    return daemonThreads("mlem-pairs-");
  }

  /** Daemon threads named {@code prefix} + a counter. */
  static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
