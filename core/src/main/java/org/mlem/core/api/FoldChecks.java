package org.mlem.core.api;

import java.util.ArrayList;
import java.util.List;
import org.mlem.core.evaluation.HeldOutScores;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureLayout;
import org.mlem.core.importance.ImportanceResult;

/**
 * The warnings of one fold: features that take a single value on its held-out stimuli (their
 * held-out distance is always 0, e.g. a rare level absent from the fold), an undefined held-out
 * score, and importance values that are NaN because their score was undefined.
 */
final class FoldChecks {
  private FoldChecks() {}

  /**
   * Names of the features whose held-out distances are all 0 (one value on the test set); a
   * SIMPLEX feature counts when all its coordinates are. Every held-out pair is looked at (it
   * stops at the first non-zero distance): with missing values, a stimulus can be at distance 0
   * from every other (the default missing distance) while the others still differ, so no
   * single stimulus stands for the set.
   */
  static List<String> constantOnHeldOut(EncodedFeatures features, int[] heldOut) {
    List<String> out = new ArrayList<>();
    FeatureLayout layout = features.layout();
    for (int g = 0; g < layout.featureCount(); g++) {
      boolean constant = true;
      for (int a = layout.start(g); a < layout.start(g) + layout.width(g) && constant; a++) {
        for (int i = 0; i < heldOut.length && constant; i++) {
          for (int t = i + 1; t < heldOut.length && constant; t++) {
            constant = features.distance(a, heldOut[i], heldOut[t]) == 0;
          }
        }
      }
      if (constant) {
        out.add(layout.featureNames().get(g));
      }
    }
    return out;
  }

  /** Warnings about constant features and an undefined held-out score; a mutable list. */
  static List<String> warnings(
      int fold, int folds, int heldOut, List<String> constant, HeldOutScores scores) {
    List<String> out = new ArrayList<>();
    String name = foldName(fold, folds);
    boolean undefined = !Double.isFinite(scores.spearman());
    if (!constant.isEmpty()) {
      out.add(name + ": feature" + (constant.size() > 1 ? "s " : " ") + String.join(", ", constant)
          + (constant.size() > 1 ? " take" : " takes") + " a single value on the " + heldOut
          + " held-out stimuli, so " + (constant.size() > 1 ? "their" : "its")
          + " held-out distances are all equal and " + (constant.size() > 1 ? "their" : "its")
          + " importance there says nothing");
    }
    if (undefined) {
      out.add(name + ": held-out Spearman is undefined (NaN): the predicted or the neural "
          + "distances are constant over the held-out pairs"
          + (constant.isEmpty() ? "" : " (constant on the held-out stimuli: "
              + String.join(", ", constant) + ")")
          + "; this fold is left out of the averages over folds");
    }
    return out;
  }

  /** One warning per unit with NaN importance values. */
  static List<String> importanceWarnings(int fold, int folds, ImportanceResult result) {
    List<String> out = new ArrayList<>();
    for (int u = 0; u < result.units().size(); u++) {
      int nan = 0;
      for (int p = 0; p < result.permutations(); p++) {
        nan += Double.isFinite(result.value(u, p)) ? 0 : 1;
      }
      if (nan > 0) {
        out.add(foldName(fold, folds) + ": " + result.kind().cliName() + "-level importance of "
            + result.units().get(u) + " is NaN in " + nan + " of " + result.permutations()
            + " permutations (its held-out score is undefined: constant predicted or neural "
            + "distances); those values are left out of the summary");
      }
    }
    return out;
  }

  private static String foldName(int fold, int folds) {
    return folds == 1 ? "train/test split (fold 0)" : "fold " + fold + " of " + folds;
  }
}
