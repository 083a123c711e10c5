package org.mlem.jobs.ml;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.mlem.core.features.FittedFeature;
import org.mlem.core.importance.UnitSummary;

/**
 * Everything a fitted {@link MLEMModel} holds besides its params: the features with the
 * encoding needed to transform new pairs, W, the importance summary, the held-out scores, the
 * batch size and the provenance JSON. Immutable; what {@code data/} holds on disk.
 *
 * @param features the features in W's order, with their fitted encodings (core's); feature f
 *     gives {@link FittedFeature#width()} consecutive rows of W (C - 1 for a SIMPLEX feature)
 * @param weights W over the components, K x K with K the features' total width (unit Frobenius
 *     norm)
 * @param importances the importance summary per unit (empty when permutations = 0)
 * @param scores held-out scores per fold
 * @param spearman held-out Spearman (the fold's, or the Fisher-z average over folds)
 * @param batchSize the resolved batch size
 * @param provenance the fit's provenance as a JSON object
 */
record MLEMModelData(
    List<FittedFeature> features,
    double[][] weights,
    List<UnitSummary> importances,
    List<FoldScore> scores,
    double spearman,
    int batchSize,
    String provenance) implements Serializable {

  /** Layout version of {@code data/}. */
  static final int FORMAT_VERSION = 1;

  /** Copies the collections and checks W's shape. */
  MLEMModelData {
    features = List.copyOf(features);
    importances = List.copyOf(importances);
    scores = List.copyOf(scores);
    int f = 0;
    for (FittedFeature feature : features) {
      f += feature.width();
    }
    if (weights.length != f) {
      throw new IllegalArgumentException("W has " + weights.length + " rows for " + f
          + " feature components; expected an F x F matrix");
    }
    double[][] copy = new double[f][];
    for (int a = 0; a < f; a++) {
      if (weights[a].length != f) {
        throw new IllegalArgumentException("W row " + a + " has " + weights[a].length
            + " values for " + f + " features; expected an F x F matrix");
      }
      copy[a] = weights[a].clone();
    }
    weights = copy;
  }

  /** The feature names (the pair table's columns), in W's order. */
  List<String> featureNames() {
    List<String> names = new ArrayList<>(features.size());
    for (FittedFeature feature : features) {
      names.add(feature.name());
    }
    return names;
  }

  /** The names of W's rows: each feature's {@link FittedFeature#componentNames()}. */
  List<String> componentNames() {
    List<String> names = new ArrayList<>();
    for (FittedFeature feature : features) {
      names.addAll(feature.componentNames());
    }
    return names;
  }

  /** A copy of W. */
  double[][] weightsCopy() {
    double[][] copy = new double[weights.length][];
    for (int a = 0; a < weights.length; a++) {
      copy[a] = weights[a].clone();
    }
    return copy;
  }

  /**
   * Held-out scores of one fold.
   *
   * @param fold 0-based fold index (0 for a single train/test split)
   * @param spearman exact tie-aware Spearman
   * @param rhoA Spearman's rho-a
   * @param tauA Kendall's tau-a
   */
  record FoldScore(int fold, double spearman, double rhoA, double tauA)
      implements Serializable {}
}
