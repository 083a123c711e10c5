package org.mlem.jobs.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.util.SerializableConfiguration;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.distance.IdJoin;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.jobs.fit.FitJob;
import org.mlem.jobs.fit.FitSettings;
import org.mlem.jobs.io.InputFile;
import org.mlem.jobs.io.LoadedInputs;

/**
 * One set of a sweep fitted whole inside a Spark task ({@link SetPlacement#TASK}): everything the
 * fit needs travels with the task (the set's joined features and representations, its settings
 * by key, what run.json records), and the task writes the set's run directory itself, as
 * {@code mlem fit --engine in-process} would ({@link FitJob#runSetInProcess}); only the scores
 * come back. A retried task rewrites the same run directory (the writer replaces a leftover).
 */
final class SetTask implements Serializable {
  private static final long serialVersionUID = 1L;

  /** What the driver needs of a fitted set. */
  record Fitted(double spearman, List<Integer> steps) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The held-out Spearman and each fold's steps of an analysis. */
    static Fitted of(MlemAnalysis a) {
      return new Fitted(a.spearman(), a.folds().stream().map(f -> f.metric().steps()).toList());
    }
  }

  private final Map<String, String> settings;
  private final Map<String, String> recorded;
  private final EncodedFeatures features;
  private final Representations representations;
  private final List<InputFile> files;
  private final List<String> warnings;
  private final IdJoin idJoin;
  private final double loadSeconds;
  private final String master;
  private final SerializableConfiguration conf;

  SetTask(FitSettings s, LoadedInputs loaded, double loadSeconds, Map<String, String> recorded,
      String master, org.apache.hadoop.conf.Configuration conf) {
    this.settings = s.toResolvableMap();
    this.recorded = new LinkedHashMap<>(recorded);
    this.features = loaded.features();
    this.representations = loaded.representations();
    this.files = new ArrayList<>(loaded.files());
    this.warnings = new ArrayList<>(loaded.warnings());
    this.idJoin = loaded.idJoin();
    this.loadSeconds = loadSeconds;
    this.master = master;
    this.conf = new SerializableConfiguration(conf);
  }

  /** Fits the set and writes its run directory (in the task). */
  Fitted call() {
    FitSettings s = FitSettings.resolve(settings);
    LoadedInputs loaded = new LoadedInputs(features, representations, null, files, warnings,
        idJoin);
    return Fitted.of(FitJob.runSetInProcess(conf.value(), master, s, loaded, loadSeconds,
        recorded, FitJob.IN_TASK, org.mlem.core.train.TrainingProgress.NONE));
  }
}
