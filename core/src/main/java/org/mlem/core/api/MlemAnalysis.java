package org.mlem.core.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mlem.core.batchsize.BatchSizeEstimate;
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

  MlemAnalysis(
      MlemConfig config,
      List<String> featureNames,
      List<FoldResult> folds,
      Optional<BatchSizeEstimate> batchSizeEstimate,
      Provenance provenance) {
    this.config = config;
    this.featureNames = List.copyOf(featureNames);
    this.folds = List.copyOf(folds);
    this.batchSizeEstimate = batchSizeEstimate;
    this.provenance = provenance;
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

  /** Held-out Spearman: the fold's, or the Fisher-z average over folds. */
  public double spearman() {
    return FisherZ.average(folds.stream().mapToDouble(r -> r.scores().spearman()).toArray());
  }

  /** Held-out rho-a, Fisher-z averaged over folds. */
  public double rhoA() {
    return FisherZ.average(folds.stream().mapToDouble(r -> r.scores().rhoA()).toArray());
  }

  /** Held-out Kendall tau-a, Fisher-z averaged over folds. */
  public double tauA() {
    return FisherZ.average(folds.stream().mapToDouble(r -> r.scores().tauA()).toArray());
  }

  /**
   * Importance summary per unit pooled over folds (every fold's permutations together), then the
   * total importance per feature if computed. Empty when importance was skipped.
   */
  public List<UnitSummary> importanceSummary() {
    List<ImportanceResult> results = new ArrayList<>();
    for (FoldResult fold : folds) {
      fold.importance().ifPresent(results::add);
    }
    if (results.isEmpty()) {
      return List.of();
    }
    ImportanceResult first = results.get(0);
    List<UnitSummary> out = new ArrayList<>();
    for (int k = 0; k < first.units().size(); k++) {
      out.add(UnitSummary.of(first.units().get(k), pooled(results, k, false)));
    }
    if (first.hasTotals()) {
      for (int a = 0; a < first.features().size(); a++) {
        out.add(UnitSummary.of("total:" + first.features().get(a), pooled(results, a, true)));
      }
    }
    return out;
  }

  private static double[] pooled(List<ImportanceResult> results, int index, boolean total) {
    int p = results.get(0).permutations();
    double[] values = new double[p * results.size()];
    int k = 0;
    for (ImportanceResult r : results) {
      for (int q = 0; q < r.permutations(); q++) {
        values[k++] = total ? r.total(index, q) : r.value(index, q);
      }
    }
    return values;
  }
}
