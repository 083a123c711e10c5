package org.mlem.jobs.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.experiments.ExperimentWriter;
import org.mlem.jobs.fit.Engine;
import org.mlem.jobs.fit.FitJob;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.fit.InProcessChoice;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * Where an experiment command (robustness, efficiency) reads its inputs once and runs its many
 * fits: in this JVM without Spark when {@code mlem fit} would fit in process (a local master and
 * inputs read on the driver within {@code --broadcast-budget-mb}, or {@code --engine
 * in-process}), else on a Spark session. The fits are the same bit for bit either way (the
 * in-process engine's guarantee); in process saves Spark's start and first read (about 8 s on
 * the demo's data) and a Spark job per training step.
 */
final class ExperimentEngine implements AutoCloseable {
  private final SparkSessions.Started spark;
  private final Configuration conf;
  private final LoadedInputs inputs;

  private ExperimentEngine(SparkSessions.Started spark, Configuration conf, LoadedInputs inputs) {
    this.spark = spark;
    this.conf = conf;
    this.inputs = inputs;
  }

  /**
   * Reads the inputs (announced on the console) where {@code engine} and the settings say.
   *
   * @throws UsageException for {@code --engine in-process} when the fit cannot run in process
   */
  static ExperimentEngine open(FitSettings settings, Engine engine, String appName,
      PrintWriter console) {
    Configuration local = new Configuration();
    Optional<ExperimentEngine> inProcess = InProcessChoice.attempt(engine, settings,
        budget -> ExperimentInputs.loadWithoutSpark(local, settings, budget, console)
            .map(inputs -> new ExperimentEngine(null, local, inputs)));
    if (inProcess.isPresent()) {
      return inProcess.get();
    }
    SparkSessions.Started started = SparkSessions.start(settings.master(), appName);
    try {
      SparkSession session = started.session();
      return new ExperimentEngine(started, session.sparkContext().hadoopConfiguration(),
          ExperimentInputs.load(session, settings, console));
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
  }

  /** The inputs, read once. */
  LoadedInputs inputs() {
    return inputs;
  }

  /** The Hadoop configuration paths are resolved with. */
  Configuration conf() {
    return conf;
  }

  /** The Spark session, or null in process. */
  SparkSession sessionOrNull() {
    return spark == null ? null : spark.session();
  }

  /** One fit of the experiment on {@code loaded} (the inputs, or a changed copy of them). */
  MlemAnalysis fit(FitSettings s, LoadedInputs loaded, TrainingProgress progress) {
    return spark == null ? FitJob.fitLoadedInProcess(s, loaded, progress)
        : FitJob.fitLoaded(spark.session(), s, loaded, progress);
  }

  /** One fit on splits fixed by the caller. */
  MlemAnalysis fit(FitSettings s, LoadedInputs loaded, List<StimulusSplit> splits,
      TrainingProgress progress) {
    return spark == null ? FitJob.fitLoadedInProcess(s, loaded, splits, progress)
        : FitJob.fitLoaded(spark.session(), s, loaded, splits, progress);
  }

  /** The Spark version recorded in the provenance (the session's, or the library's). */
  String sparkVersion() {
    return spark == null ? ProvenanceRecord.sparkLibraryVersion() : spark.session().version();
  }

  /** Writes the experiment's output directory, its Parquet copies by Spark or on the driver. */
  ExperimentWriter writer() {
    return spark == null ? new ExperimentWriter(conf, true)
        : new ExperimentWriter(spark.session());
  }

  @Override
  public void close() {
    if (spark != null) {
      spark.close();
    }
  }
}
