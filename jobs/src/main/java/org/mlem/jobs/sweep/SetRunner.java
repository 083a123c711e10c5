package org.mlem.jobs.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.fit.FitJob;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.SetPlacement;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.io.SetInputs;
import org.mlem.jobs.spark.Placement;

/**
 * Runs one set of a sweep through the fit job ({@link FitJob#runSet}): the set is read and
 * joined to the shared features here, then placed, fitted and written exactly as
 * {@code mlem fit} does, with the set's own seed, the shared batch size and every fit option
 * ({@code --placement} included); run.json records what ran plus the set's provenance. Under
 * {@code --set-placement task} (or auto on a cluster, for a set within the broadcast budget) the
 * whole fit runs inside one Spark task ({@link SetTask}), which writes the run directory; under
 * auto on a local master a set within the budget is read without Spark where its format allows
 * and fitted by the core engine on the driver ({@link FitJob#runSetInProcess}, placement
 * {@code in-process}): the same analysis, without a Spark job per step.
 */
final class SetRunner {
  private final SweepSession session;
  private final SweepSettings settings;
  private final SetInputs.LoadedFeatures features;
  private final int batchSize;
  private final Semaphore driverFits;

  /**
   * @param driverFits permits for sets fitted from the driver (those not placed in a task) at
   *     once
   */
  SetRunner(SweepSession session, SweepSettings settings, SetInputs.LoadedFeatures features,
      int batchSize, Semaphore driverFits) {
    this.driverFits = driverFits;
    this.session = session;
    this.settings = settings;
    this.features = features;
    this.batchSize = batchSize;
  }

  private org.apache.hadoop.conf.Configuration conf() {
    return session.conf();
  }

  /** Puts the calling thread's Spark jobs in the set's scheduler pool and job group. */
  static void tag(SparkSession session, String set) {
    session.sparkContext().setLocalProperty("spark.scheduler.pool",
        Thread.currentThread().getName());
    session.sparkContext().setJobGroup("mlem-sweep-" + set, "mlem sweep set " + set, false);
  }

  /** The session, started now if need be, with the calling thread's jobs tagged for the set. */
  private SparkSession session(RepresentationSet set) {
    SparkSession spark = session.session();
    tag(spark, set.name());
    return spark;
  }

  /**
   * Fits the set and writes {@code runDir}, replacing a leftover incomplete one.
   *
   * @throws org.mlem.jobs.io.InputException on bad input of this set
   */
  SetTask.Fitted run(RepresentationSet set, long seed, String runDir,
      TrainingProgress progress) {
    String master = session.master();
    FitSettings fit = settings.fit().forSet(set.input(), runDir, seed, batchSize);
    long budget = fit.broadcastBudgetMb() * (1L << 20);
    boolean inProcess = settings.setPlacement().inProcess(master)
        && fit.placement() != Placement.PARTITIONED;
    long t0 = System.nanoTime();
    Optional<LoadedInputs> onDriver = inProcess
        ? set.loadWithoutSpark(conf(), features, settings.fit().idsFrom(), budget)
        : Optional.empty();
    LoadedInputs loaded = onDriver.isPresent() ? onDriver.get()
        : set.load(session(set), features, settings.fit().idsFrom());
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    Map<String, String> recorded = new LinkedHashMap<>();
    if (set.fromTable()) {
      recorded.put("set-column", set.setColumn());
      recorded.put("set-value", String.valueOf(set.setValue()));
    }
    if (set.cut() != null) {
      recorded.putAll(new java.util.TreeMap<>(set.cut().recorded()));
    }
    recorded.put("sweep", settings.fit().out());
    recorded.put("set", set.name());
    if (inProcess && loaded.matrixBytes() <= budget) {
      return onDriver(set, () -> FitJob.runSetInProcess(conf(), master, fit, loaded,
          loadSeconds, recorded, FitJob.IN_PROCESS, progress));
    }
    if (loaded.representations() != null && settings.setPlacement().inTask(master,
        loaded.matrixBytes(), fit.broadcastBudgetMb())) {
      SparkSession spark = session(set);
      SetTask task = new SetTask(fit, loaded, loadSeconds, recorded, master,
          spark.sparkContext().hadoopConfiguration());
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      return jsc.parallelize(List.of(task), 1).map(SetTask::call).collect().get(0);
    }
    SparkSession spark = session(set);
    return onDriver(set, () -> FitJob.runSet(spark, fit, loaded, loadSeconds, recorded,
        progress));
  }

  /** Runs a fit on the driver under one of the driver's permits. */
  private SetTask.Fitted onDriver(RepresentationSet set,
      java.util.function.Supplier<org.mlem.core.api.MlemAnalysis> fit) {
    try {
      driverFits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to fit set " + set.name(), e);
    }
    try {
      return SetTask.Fitted.of(fit.get());
    } finally {
      driverFits.release();
    }
  }
}
