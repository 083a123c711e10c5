package org.mlem.jobs.tasks;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.train.TrainingProgress;

/**
 * Runs many small fits as Spark tasks over one set of shared inputs: the encoded features and
 * the representations (e.g. stimuli x in-mask voxels) are broadcast once; each call of
 * {@link #run} is one Spark job whose tasks take a slice of the fits and run each one whole in
 * process, on one thread ({@code threads = 1}: the executor's cores are shared by its tasks), with
 * the fit's own seed and the shared batch size. A fit is a pure function of its inputs, so a
 * retried or speculative task gives the same result, and the results do not depend on the
 * master, the partitioning or the order.
 *
 * <p>A degenerate set (an {@link IllegalArgumentException} or {@link ArithmeticException}: e.g.
 * constant voxels, too few valid pairs) gives a failed result with the reason; any other error
 * fails the task (and, after Spark's retries, the job).
 *
 * <p>For tests, {@code spark.mlem.test.failFirstAttempt=P} makes the first attempt of partition P
 * of every job fail after its first fit, as a killed task would: Spark retries it.
 */
public final class SmallFits implements AutoCloseable {
  /** Spark conf key of the failure injected for tests (see the class comment). */
  public static final String FAIL_FIRST_ATTEMPT = "spark.mlem.test.failFirstAttempt";

  private final JavaSparkContext jsc;
  private final Broadcast<Shared> shared;

  /**
   * @param features the encoded features, in the representations' row order
   * @param representations every column any fit may select
   * @param config the fits' configuration; its batch size must be fixed (shared by the fits) and
   *     its seed is replaced by each fit's
   * @param distance the neural distance
   */
  public SmallFits(JavaSparkContext jsc, EncodedFeatures features,
      Representations representations, MlemConfig config, NeuralDistance distance) {
    if (config.batchSize() == 0) {
      throw new IllegalArgumentException("small fits share one batch size: estimate it first");
    }
    if (!features.ids().equals(representations.ids())) {
      throw new IllegalArgumentException("the features and the representations must list the"
          + " same stimuli in the same order");
    }
    this.jsc = jsc;
    this.shared = jsc.broadcast(new Shared(features, representations,
        config.toBuilder().threads(1).build().toMap(), distance));
  }

  /**
   * Runs the fits as one Spark job of {@code partitions} tasks.
   *
   * @return one result per fit, in the fits' order
   */
  public List<SmallFitResult> run(List<SmallFit> fits, int partitions) {
    if (fits.isEmpty()) {
      return List.of();
    }
    int slices = Math.max(1, Math.min(partitions, fits.size()));
    int failAt = jsc.getConf().getInt(FAIL_FIRST_ATTEMPT, -1);
    return jsc.parallelize(fits, slices).mapPartitions(new FitPartition(shared, failAt))
        .collect();
  }

  /** Fits one set in this thread, exactly as a task does (for tests and the benchmark). */
  public static SmallFitResult fitOne(EncodedFeatures features, Representations representations,
      MlemConfig config, NeuralDistance distance, SmallFit fit) {
    MlemConfig oneThread = config.toBuilder().threads(1).build();
    return fit(new Shared(features, representations, oneThread.toMap(), distance), oneThread,
        fit);
  }

  @Override
  public void close() {
    shared.destroy();
  }

  /** The inputs every task shares. */
  private record Shared(EncodedFeatures features, Representations representations,
      Map<String, String> config, NeuralDistance distance) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private static SmallFitResult fit(Shared s, MlemConfig base, SmallFit fit) {
    int[] columns = fit.columns();
    try {
      Representations reps = s.representations().columns(columns);
      MlemConfig config = base.toBuilder().seed(fit.seed()).build();
      MlemAnalysis a = Mlem.with(config).analyze(s.features(),
          new RepresentationDistances(reps, s.distance()), TrainingProgress.NONE);
      int[] steps = a.folds().stream().mapToInt(f -> f.metric().steps()).toArray();
      return SmallFitResult.ok(fit.name(), columns.length, a.spearman(), steps,
          a.importanceSummary());
    } catch (IllegalArgumentException | ArithmeticException e) {
      return SmallFitResult.failed(fit.name(), columns.length,
          e instanceof ArithmeticException ? "ArithmeticException: " + e.getMessage()
              : e.getMessage());
    }
  }

  /** The task: fits its slice one after the other. */
  private static final class FitPartition
      implements FlatMapFunction<Iterator<SmallFit>, SmallFitResult> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<Shared> shared;
    private final int failAt;

    FitPartition(Broadcast<Shared> shared, int failAt) {
      this.shared = shared;
      this.failAt = failAt;
    }

    @Override
    public Iterator<SmallFitResult> call(Iterator<SmallFit> fits) {
      Shared s = shared.value();
      MlemConfig base = MlemConfig.fromMap(s.config());
      TaskContext task = TaskContext.get();
      boolean inject = task != null && task.partitionId() == failAt && task.attemptNumber() == 0;
      List<SmallFitResult> out = new ArrayList<>();
      while (fits.hasNext()) {
        out.add(fit(s, base, fits.next()));
        if (inject) {
          throw new IllegalStateException("injected failure of the first attempt of partition "
              + failAt + " (" + FAIL_FIRST_ATTEMPT + ")");
        }
      }
      return out.iterator();
    }
  }
}
