package org.mlem.core.api;

import java.util.Optional;
import org.mlem.core.evaluation.HeldOutScores;
import org.mlem.core.importance.ImportanceResult;
import org.mlem.core.ridge.RidgeFit;
import org.mlem.core.train.TrainedMetric;

/**
 * One fitted split: the metric trained on its training stimuli, its held-out scores and the
 * permutation importances on its held-out pairs.
 *
 * @param fold 0-based fold index (0 for a single train/test split)
 * @param trainStimuli number of training stimuli
 * @param testStimuli number of held-out stimuli
 * @param metric the fitted metric (for a ridge model, its betas in W's place:
 *     {@link RidgeFit#asTrainedMetric()})
 * @param scores held-out scores
 * @param importance permutation importances, absent when permutations = 0
 * @param importanceSeconds seconds spent on importance
 * @param ridge the FR-RSA ridge fit (fraction, alpha, design) for models frrsa-ridge and
 *     frrsa-ridge-i, else empty
 */
public record FoldResult(
    int fold,
    int trainStimuli,
    int testStimuli,
    TrainedMetric metric,
    HeldOutScores scores,
    Optional<ImportanceResult> importance,
    double importanceSeconds,
    Optional<RidgeFit> ridge) {

  /** A fold of a gradient-trained metric (no ridge fit). */
  public FoldResult(int fold, int trainStimuli, int testStimuli, TrainedMetric metric,
      HeldOutScores scores, Optional<ImportanceResult> importance, double importanceSeconds) {
    this(fold, trainStimuli, testStimuli, metric, scores, importance, importanceSeconds,
        Optional.empty());
  }
}
