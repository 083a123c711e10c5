package org.mlem.jobs.report;

import java.util.ArrayList;
import java.util.List;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.importance.ImportanceKind;

/**
 * The sentences of the reports' "How to read this" boxes, written once so that every report
 * defines a unit, an interaction, a total importance, the held-out score and the bands the same
 * way, as docs/method.md (sections 2, 5 and 8) and the README define them.
 */
final class ReadingNotes {
  private ReadingNotes() {}

  /** What a unit, an interaction and a total importance are, for the run's importance kind. */
  static List<String> units(ImportanceKind kind) {
    return units(kind, Scoring.SPEARMAN);
  }

  /** As {@link #units(ImportanceKind)}, for importances of the run's scoring. */
  static List<String> units(ImportanceKind kind, Scoring scoring) {
    List<String> out = new ArrayList<>();
    String score = "the held-out " + scoring.label();
    boolean drop = scoring.higherIsBetter();
    if (kind == ImportanceKind.STIMULUS) {
      out.add("Unit: one row of the importance table, a feature or a pair of features 'a:b'. "
          + "A feature's importance (its main effect) is how much " + score
          + (drop ? " drops" : " increases")
          + " when that feature's values are shuffled across the held-out stimuli; this breaks "
          + "the feature together with all its interactions.");
      out.add("Interaction 'a:b': the extra " + (drop ? "drop" : "increase")
          + " when a and b are shuffled together, beyond the sum of their two single "
          + (drop ? "drops" : "increases") + " (S_a + S_b - S_ab - S0"
          + (drop ? "" : ", with S minus the MSE") + "). 0 = the two features act "
          + "additively; > 0 = they carry information only jointly; < 0 = they are redundant.");
      out.add("Total importance: not reported at stimulus level (the default), because a "
          + "feature's main effect already breaks the feature with all its interactions.");
    } else {
      out.add("Unit: one term of W, shuffled across held-out pairs: a feature's squared "
          + "distance (the diagonal entry W_aa) or an interaction term.");
      out.add("Interaction 'a:b': the term 2 delta_a delta_b (the off-diagonal entry W_ab): the "
          + scoring.importanceMeaning() + " when only that term is shuffled.");
      out.add("Total importance 'total:f': feature f's distance is shuffled before the "
          + "expansion, breaking the feature and all its interaction terms at once.");
    }
    return out;
  }

  /** What an importance value is measured in. */
  static String importanceScale() {
    return importanceScale(Scoring.SPEARMAN);
  }

  /** What an importance value of the run's scoring is measured in. */
  static String importanceScale(Scoring scoring) {
    if (!scoring.higherIsBetter()) {
      return "Importance is an increase of the held-out MSE (the score below, in squared units "
          + "of the neural distances): 0.1 means the MSE grows by 0.1 when the unit is broken; "
          + "0 = no effect (the grey line).";
    }
    return "Importance is a drop of the held-out " + scoring.label() + " (the score below): 0.1 "
        + "means the score falls by 0.1 when the unit is broken; 0 = no effect (the grey line).";
  }

  /** The held-out scores. */
  static String heldOutScore() {
    return "Held-out score: the Spearman correlation between the predicted distances "
        + "sqrt(delta^T W delta) and the neural distances, over pairs of test stimuli the fit "
        + "never saw (1 = pairs ranked identically, 0 = unrelated). rho-a and tau-a are "
        + "rank correlations that, unlike Spearman, do not reward tied predictions (rho-a equals "
        + "Spearman when no predictions tie).";
  }

  /** The held-out scores of a run with the given scoring. */
  static String heldOutScore(Scoring scoring) {
    return switch (scoring) {
      case SPEARMAN -> heldOutScore();
      case PEARSON -> "Held-out score (--scoring pearson): the Pearson correlation between the "
          + "predicted distances (sqrt(delta^T W delta) for a metric, the prediction for "
          + "FR-RSA ridge) and the neural distances, over pairs of test stimuli the fit never "
          + "saw (1 = a perfect linear relation, 0 = unrelated). The rank scores (Spearman, "
          + "rho-a, tau-a) are reported next to it.";
      case MSE -> "Held-out score (--scoring mse): the mean squared error of the predicted "
          + "distances, mapped to the neural scale by the least-squares line fitted on training "
          + "pairs, against the neural distances of pairs of test stimuli the fit never saw "
          + "(0 = perfect; lower is better; in squared units of the neural distances). The "
          + "rank scores (Spearman, rho-a, tau-a) are reported next to it.";
    };
  }

  /** The 95% interval of an importance, with what it reflects. */
  static String interval(ImportanceLabels labels) {
    String meaning = labels.interval().equals("permutation noise only")
        ? " It reflects only the shuffles' noise for one fitted W and one test set, so it is "
            + "narrower than the real uncertainty; use --folds for an interval across data."
        : " An interval that excludes 0 marks an effect that is reliably non-zero across folds.";
    return "Whiskers/bands: " + labels.intervalDescription() + "." + meaning;
  }

  /** Fold numbering on the reports and the console vs in the files. */
  static String folds() {
    return "Folds are numbered 1..K here and on the console; the fold column of the run's "
        + "tables (history, scores, importance) counts from 0.";
  }

  /** The noise studies' points and bands. */
  static String seedBands() {
    return "Each line is one model (with its soft-rank strength when several were run); a point "
        + "is the mean over the seeds at that noise level and the shaded band the mean +- 1 "
        + "standard deviation over seeds (the spread of the runs, not a confidence interval), "
        + "clipped at the quantity's natural bounds.";
  }

  /** The noise level of the noise studies. */
  static String noiseLevel() {
    return "Noise level x: Gaussian noise of x times each dimension's standard deviation is "
        + "added to the representations (0 = none).";
  }
}
