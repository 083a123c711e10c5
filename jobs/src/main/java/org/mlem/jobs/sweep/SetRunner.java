package org.mlem.jobs.sweep;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.train.TrainingProgress;
import org.mlem.jobs.io.LoadedInputs;
import org.mlem.jobs.io.SetInputs;
import org.mlem.jobs.output.RunDirectoryWriter;
import org.mlem.jobs.output.RunOutput;
import org.mlem.jobs.spark.SparkPairSourceFactory;

/**
 * Runs one set exactly as {@code mlem fit} runs its inputs: read and join the set, run
 * {@code Mlem.analyze} with a {@link SparkPairSourceFactory} (the set's own seed, the shared
 * batch size), and write the run directory with {@link RunDirectoryWriter}.
 */
final class SetRunner {
  private final SparkSession spark;
  private final SweepSettings settings;
  private final SetInputs.LoadedFeatures features;
  private final int batchSize;

  SetRunner(SparkSession spark, SweepSettings settings, SetInputs.LoadedFeatures features,
      int batchSize) {
    this.spark = spark;
    this.settings = settings;
    this.features = features;
    this.batchSize = batchSize;
  }

  /** The core configuration of a set: the shared one with the set's seed and the batch size. */
  MlemConfig configOf(long seed) {
    return settings.fit().config().toBuilder().seed(seed).batchSize(batchSize).build();
  }

  /**
   * Fits the set and writes {@code runDir}, replacing a leftover incomplete one.
   *
   * @throws org.mlem.jobs.io.InputException on bad input of this set
   */
  MlemAnalysis run(RepresentationSet set, long seed, String runDir, TrainingProgress progress) {
    Map<String, Double> timings = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    LoadedInputs loaded = set.load(spark, features);
    timings.put("load", seconds(t0));
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    long t1 = System.nanoTime();
    MlemAnalysis analysis;
    try (SparkPairSourceFactory sources = new SparkPairSourceFactory(jsc, loaded.features(),
        loaded.distances(settings.fit().distance()), settings.fit().partitions())) {
      analysis = Mlem.with(configOf(seed))
          .analyze(loaded.features(), sources, progress, loaded.features().size());
    }
    timings.put("analysis", seconds(t1));
    long t2 = System.nanoTime();
    Map<String, String> recorded = new LinkedHashMap<>(settings.fit().toMap());
    recorded.put("representations", set.input().uri());
    if (set.input().hdf5Dataset() != null) {
      recorded.put("hdf5-dataset", set.input().hdf5Dataset());
    }
    if (set.fromTable()) {
      recorded.put("set-column", set.setColumn());
      recorded.put("set-value", String.valueOf(set.setValue()));
    }
    recorded.put("out", runDir);
    recorded.put("master", spark.sparkContext().master());
    recorded.put("sweep", settings.fit().out());
    recorded.put("set", set.name());
    java.util.List<String> warnings = new java.util.ArrayList<>(loaded.warnings());
    warnings.addAll(org.mlem.jobs.output.BatchSizeWarnings.of(batchSize));
    RunOutput output = new RunOutput(analysis, loaded.files(), warnings,
        loaded.representations() != null ? loaded.representations().dims() : null, recorded,
        timings);
    new RunDirectoryWriter(spark).write(output, runDir, true);
    timings.put("write", seconds(t2));
    return analysis;
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
