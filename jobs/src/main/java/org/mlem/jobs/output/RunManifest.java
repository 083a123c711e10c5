package org.mlem.jobs.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mlem.core.api.FoldResult;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.Provenance;
import org.mlem.jobs.io.InputFile;

/**
 * The content of {@code run.json}: provenance of one run as a tree of maps and lists, ready for
 * Jackson. Keys: format_version, versions (mlem, spark, java, scala), os, started, finished,
 * seed, config (the resolved core config plus the job's settings, by CLI key), inputs (role,
 * uri, bytes, sha256, checksum), counts (stimuli, features, dims), feature_names, batch_size,
 * batch_size_estimated, folds (per fold: train/test stimuli, steps, best step and score,
 * stopped early, held-out scores), scores (Fisher-z means), importance (kind: stimulus or term;
 * interval: "across folds" or "permutation noise only"; how_to_read and interval_description:
 * one sentence each), feature_summary ({@link FeatureSummaryJson}), timings (seconds),
 * warnings (the core's, the job's, and one per feature with more than 10% missing values).
 */
public final class RunManifest {
  /** Layout version of run.json; bump on any incompatible change. */
  public static final int FORMAT_VERSION = 1;

  private RunManifest() {}

  /**
   * The manifest of a run.
   *
   * @param run the run
   * @param sparkVersion Spark's version, or null when not known
   */
  public static Map<String, Object> of(RunOutput run, String sparkVersion) {
    MlemAnalysis analysis = run.analysis();
    Provenance p = analysis.provenance();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format_version", FORMAT_VERSION);
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("mlem", p.mlemVersion());
    versions.put("spark", sparkVersion);
    versions.put("java", p.javaVersion());
    versions.put("scala", scala.util.Properties.versionNumberString());
    m.put("versions", versions);
    m.put("os", p.os());
    m.put("started", p.started().toString());
    m.put("finished", p.finished().toString());
    m.put("seed", p.seed());
    Map<String, Object> config = new TreeMap<>(analysis.config().toMap());
    config.putAll(run.settings());
    m.put("config", config);
    List<Object> inputs = new ArrayList<>();
    for (InputFile f : run.inputs()) {
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("role", f.role());
      i.put("uri", f.uri());
      i.put("bytes", f.bytes());
      i.put("sha256", f.sha256());
      i.put("checksum", f.checksum());
      inputs.add(i);
    }
    m.put("inputs", inputs);
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("stimuli", p.stimuli());
    counts.put("features", p.features().size());
    counts.put("dims", run.dims());
    m.put("counts", counts);
    m.put("feature_names", p.features());
    m.put("batch_size", p.batchSize());
    m.put("batch_size_estimated", p.batchSizeEstimated());
    List<Object> folds = new ArrayList<>();
    for (FoldResult f : analysis.folds()) {
      Map<String, Object> fold = new LinkedHashMap<>();
      fold.put("fold", f.fold());
      fold.put("train_stimuli", f.trainStimuli());
      fold.put("test_stimuli", f.testStimuli());
      fold.put("steps", f.metric().steps());
      fold.put("best_step", f.metric().bestStep());
      fold.put("best_score", f.metric().bestScore());
      fold.put("stopped_early", f.metric().stoppedEarly());
      fold.put("spearman", f.scores().spearman());
      fold.put("rho_a", f.scores().rhoA());
      fold.put("tau_a", f.scores().tauA());
      fold.put("training_seconds", f.metric().seconds());
      fold.put("importance_seconds", f.importanceSeconds());
      folds.add(fold);
    }
    m.put("folds", folds);
    Map<String, Object> scores = new LinkedHashMap<>();
    scores.put("spearman", analysis.spearman());
    scores.put("rho_a", analysis.rhoA());
    scores.put("tau_a", analysis.tauA());
    m.put("scores", scores);
    Map<String, Object> importance = new LinkedHashMap<>();
    importance.put("kind", analysis.importanceKind().cliName());
    importance.put("computed", analysis.folds().stream().anyMatch(f -> f.importance().isPresent()));
    importance.put("interval", analysis.importanceInterval().label());
    importance.put("how_to_read", analysis.importanceKind().howToRead());
    importance.put("interval_description", analysis.importanceInterval().description());
    m.put("importance", importance);
    m.put("feature_summary", FeatureSummaryJson.of(analysis.featureSummary()));
    Map<String, Object> timings = new TreeMap<>(p.timings());
    timings.putAll(run.timings());
    m.put("timings", timings);
    List<String> warnings = new ArrayList<>(p.warnings());
    warnings.addAll(analysis.featureSummary().warnings());
    warnings.addAll(run.warnings());
    m.put("warnings", warnings);
    return m;
  }
}
