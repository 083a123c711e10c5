package org.mlem.jobs.output;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mlem.core.api.FoldResult;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.Provenance;

/**
 * The {@link ProvenanceRecord} of one fit, written as {@code run.json}: the typed fields
 * (command "fit", versions, os, started, finished, seed, config: the resolved core config plus
 * the job's settings by CLI key, inputs) and the details counts (stimuli, features, dims),
 * feature_names, batch_size, batch_size_estimated, folds (per fold: train/test stimuli, steps,
 * best step and score, stopped early, held-out scores, the scoring and its score, for mse the
 * affine calibration fitted on training pairs), scores (Fisher-z means; scoring and score: the
 * configured scoring's value, a plain mean over folds for mse), importance
 * (kind: stimulus or term; scoring; interval: "across folds" or "permutation noise only"; how_to_read
 * and interval_description: one sentence each) and feature_summary ({@link
 * FeatureSummaryJson}); timings (seconds) and warnings (the core's, the job's, and one per
 * feature with more than 10% missing values).
 */
public final class RunManifest {
  private RunManifest() {}

  /**
   * The provenance of a run.
   *
   * @param run the run
   * @param sparkVersion Spark's version, or null when not known
   */
  public static ProvenanceRecord of(RunOutput run, String sparkVersion) {
    MlemAnalysis analysis = run.analysis();
    Provenance p = analysis.provenance();
    Map<String, String> config = new TreeMap<>(analysis.config().toMap());
    config.putAll(run.settings());
    Map<String, Double> timings = new TreeMap<>(p.timings());
    timings.putAll(run.timings());
    List<String> warnings = new ArrayList<>(p.warnings());
    warnings.addAll(analysis.featureSummary().warnings());
    warnings.addAll(run.warnings());
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("stimuli", p.stimuli());
    counts.put("features", p.features().size());
    counts.put("dims", run.dims());
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
      fold.put("scoring", f.scores().scoring().cliName());
      fold.put("score", f.scores().score());
      if (!f.scores().scoring().isCorrelation()) {
        Map<String, Object> calibration = new LinkedHashMap<>();
        calibration.put("intercept", f.scores().calibration().intercept());
        calibration.put("slope", f.scores().calibration().slope());
        fold.put("calibration", calibration);
      }
      fold.put("training_seconds", f.metric().seconds());
      fold.put("importance_seconds", f.importanceSeconds());
      f.ridge().ifPresent(r -> fold.put("ridge", r.toMap()));
      folds.add(fold);
    }
    Map<String, Object> scores = new LinkedHashMap<>();
    scores.put("spearman", analysis.spearman());
    scores.put("rho_a", analysis.rhoA());
    scores.put("tau_a", analysis.tauA());
    scores.put("scoring", analysis.scoring().cliName());
    scores.put("score", analysis.score());
    Map<String, Object> importance = new LinkedHashMap<>();
    importance.put("kind", analysis.importanceKind().cliName());
    importance.put("scoring", analysis.scoring().cliName());
    importance.put("computed", analysis.folds().stream().anyMatch(f -> f.importance().isPresent()));
    importance.put("interval", analysis.importanceInterval().label());
    importance.put("how_to_read", analysis.importanceKind().howToRead(analysis.scoring()));
    importance.put("interval_description", analysis.importanceInterval().description());
    return ProvenanceRecord.builder(ProvenanceRecord.FIT).software(p).spark(sparkVersion)
        .times(p.started(), p.finished()).seed(p.seed()).config(config).inputs(run.inputs())
        .detail("counts", counts)
        .detail("feature_names", p.features())
        .detail("batch_size", p.batchSize())
        .detail("batch_size_estimated", p.batchSizeEstimated())
        .detail("folds", folds)
        .detail("scores", scores)
        .detail("importance", importance)
        .detail("feature_summary", FeatureSummaryJson.of(analysis.featureSummary()))
        .timings(timings).warnings(warnings).build();
  }
}
