package org.mlem.core.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mlem.core.batchsize.BatchSizeEstimate;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.features.FeatureSummary;
import org.mlem.core.importance.FoldImportance;
import org.mlem.core.importance.ImportanceInterval;
import org.mlem.core.importance.ImportanceKind;
import org.mlem.core.importance.ImportanceResult;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.stats.FisherZ;

/**
 * The result of one MLEM analysis: a fitted metric per fold with held-out scores and
 * permutation importances, combined across folds, plus provenance. Immutable.
 */
public final class MlemAnalysis {
  private final MlemConfig config;
  private final List<String> featureNames;
  private final List<FoldResult> folds;
  private final Optional<BatchSizeEstimate> batchSizeEstimate;
  private final Provenance provenance;
  private final FeatureSummary featureSummary;

  MlemAnalysis(
      MlemConfig config,
      List<String> featureNames,
      List<FoldResult> folds,
      Optional<BatchSizeEstimate> batchSizeEstimate,
      Provenance provenance,
      FeatureSummary featureSummary) {
    this.config = config;
    this.featureNames = List.copyOf(featureNames);
    this.folds = List.copyOf(folds);
    this.batchSizeEstimate = batchSizeEstimate;
    this.provenance = provenance;
    this.featureSummary = featureSummary;
  }

  /**
   * What the encoding did with each feature (kind, declared or inferred; levels or range; missing
   * count and the distance used for them), as the analysed features carry it.
   */
  public FeatureSummary featureSummary() {
    return featureSummary;
  }

  /** The configuration used. */
  public MlemConfig config() {
    return config;
  }

  /** Feature names, in W's row order. */
  public List<String> featureNames() {
    return featureNames;
  }

  /** One result per fold (a single one for a train/test split). */
  public List<FoldResult> folds() {
    return folds;
  }

  /** The batch-size estimate, when the batch size was estimated. */
  public Optional<BatchSizeEstimate> batchSizeEstimate() {
    return batchSizeEstimate;
  }

  /** Provenance of the run. */
  public Provenance provenance() {
    return provenance;
  }

  /**
   * W (F x F, unit Frobenius): the fitted matrix of a single split, or the element-wise mean of
   * the folds' matrices rescaled to unit Frobenius norm for cross-validation.
   */
  public double[][] weights() {
    int f = featureNames.size();
    double[][] mean = new double[f][f];
    for (FoldResult fold : folds) {
      double[][] w = fold.metric().weights();
      for (int a = 0; a < f; a++) {
        for (int b = 0; b < f; b++) {
          mean[a][b] += w[a][b] / folds.size();
        }
      }
    }
    double norm = 0;
    for (double[] row : mean) {
      for (double v : row) {
        norm += v * v;
      }
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (double[] row : mean) {
        for (int b = 0; b < f; b++) {
          row[b] /= norm;
        }
      }
    }
    return mean;
  }

  /**
   * Held-out Spearman: the fold's, or the Fisher-z average over the folds whose score is defined
   * (a fold with constant predicted or neural distances has NaN and is left out); NaN when no
   * fold's is.
   */
  public double spearman() {
    return finiteAverage(folds.stream().mapToDouble(r -> r.scores().spearman()).toArray());
  }

  /** The scoring of {@link #score()} and of the importances (the configured one). */
  public Scoring scoring() {
    return config.scoring();
  }

  /**
   * The held-out score of the configured scoring: for spearman {@link #spearman()}; for pearson
   * the Fisher-z average over the folds where it is defined; for mse the plain mean of the
   * folds' MSEs where defined. NaN when no fold's is.
   */
  public double score() {
    double[] values = folds.stream().mapToDouble(r -> r.scores().score()).toArray();
    if (scoring().isCorrelation()) {
      return finiteAverage(values);
    }
    double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
    return finite.length == 0 ? Double.NaN : java.util.Arrays.stream(finite).sum() / finite.length;
  }

  /** Held-out rho-a, Fisher-z averaged over the folds where it is defined. */
  public double rhoA() {
    return finiteAverage(folds.stream().mapToDouble(r -> r.scores().rhoA()).toArray());
  }

  /** Held-out Kendall tau-a, Fisher-z averaged over the folds where it is defined. */
  public double tauA() {
    return finiteAverage(folds.stream().mapToDouble(r -> r.scores().tauA()).toArray());
  }

  private static double finiteAverage(double[] scores) {
    double[] finite = java.util.Arrays.stream(scores).filter(Double::isFinite).toArray();
    return finite.length == 0 ? Double.NaN : FisherZ.average(finite);
  }

  /** Which importance was computed (the configured kind), also when it was skipped. */
  public ImportanceKind importanceKind() {
    return config.importance();
  }

  /**
   * What the intervals of {@link #importanceSummary()} reflect: across folds (t with K - 1
   * degrees of freedom over the K per-fold means) with K >= 2 folds, permutation noise only with
   * one train/test split.
   */
  public ImportanceInterval importanceInterval() {
    return FoldImportance.interval(folds.size());
  }

  /**
   * Importance summary per unit combined across folds ({@link FoldImportance}): with K >= 2
   * folds, mean, std and 95% t interval (K - 1 degrees of freedom) over the K per-fold means;
   * with one split, over its permutations (permutation noise only). Then the total importance
   * per feature if computed. Empty when importance was skipped.
   */
  public List<UnitSummary> importanceSummary() {
    List<ImportanceResult> results = new ArrayList<>();
    for (FoldResult fold : folds) {
      fold.importance().ifPresent(results::add);
    }
    if (results.isEmpty()) {
      return List.of();
    }
    return FoldImportance.combine(results).units();
  }
}
