package org.mlem.jobs.experiments;

import java.util.ArrayList;
import java.util.List;
import org.mlem.core.api.FoldResult;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.importance.UnitSummary;

/**
 * What the experiments keep of one fit: W, training steps, held-out Spearman and the
 * importance profile (mean permutation importance per unit, features then interactions; the
 * total-importance rows are left out).
 *
 * @param weights W, F x F with unit Frobenius norm (diagonal for FR-RSA)
 * @param steps training steps taken (summed over folds)
 * @param bestStep the step whose parameters were kept (of the first fold)
 * @param spearman held-out Spearman
 * @param profile importance per unit, empty when importance was skipped
 * @param seconds wall-clock seconds of the fit
 */
public record FitOutcome(
    double[][] weights, int steps, int bestStep, double spearman, List<UnitSummary> profile,
    double seconds) {

  /** Copies the profile. */
  public FitOutcome {
    profile = List.copyOf(profile);
  }

  /** Extracts the outcome of an analysis. */
  public static FitOutcome of(MlemAnalysis analysis, double seconds) {
    int steps = 0;
    for (FoldResult fold : analysis.folds()) {
      steps += fold.metric().steps();
    }
    List<UnitSummary> profile = new ArrayList<>();
    for (UnitSummary unit : analysis.importanceSummary()) {
      if (!unit.unit().startsWith("total:")) {
        profile.add(unit);
      }
    }
    return new FitOutcome(analysis.weights(), steps,
        analysis.folds().get(0).metric().bestStep(), analysis.spearman(), profile, seconds);
  }
}
