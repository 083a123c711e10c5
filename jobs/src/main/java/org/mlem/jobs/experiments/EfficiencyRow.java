package org.mlem.jobs.experiments;

import java.util.List;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.metric.Model;

/**
 * One fit of the sample-efficiency study: a model fitted on a training subsample, compared with
 * the same model's full-size fit of the same seed.
 *
 * @param model the model
 * @param trainSize the requested training size, {@link EfficiencyStudy#ALL} (0) for all
 * @param nTrain the training stimuli the fit used (of its first split)
 * @param seed the study seed (1..K)
 * @param spearman held-out Spearman on the fixed test stimuli
 * @param kendallTau Kendall tau-b of the importance profile against the full-size fit's (NaN
 *     where undefined, e.g. a constant profile)
 * @param weightedTau weighted tau of the importance profile against the full-size fit's (NaN
 *     where undefined)
 * @param profile mean importance per unit of this fit
 */
public record EfficiencyRow(
    Model model, int trainSize, int nTrain, int seed, double spearman, double kendallTau,
    double weightedTau, List<UnitSummary> profile) {

  /** Copies the profile. */
  public EfficiencyRow {
    profile = List.copyOf(profile);
  }

  /** The train size as written in the table: the number, or {@code all}. */
  public String trainSizeText() {
    return trainSize == EfficiencyStudy.ALL ? "all" : Integer.toString(trainSize);
  }
}
