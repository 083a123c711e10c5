package org.mlem.core.api;

import org.mlem.core.evaluation.AffineCalibration;
import org.mlem.core.evaluation.DistanceScore;
import org.mlem.core.evaluation.HeldOutEvaluation;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.importance.MetricScorer;
import org.mlem.core.ridge.RidgeFit;
import org.mlem.core.train.BatchRequest;
import org.mlem.core.train.PairBatch;
import org.mlem.core.train.PairSource;
import org.mlem.core.train.PairStream;
import org.mlem.core.train.TrainedMetric;

/**
 * The configured scoring of one fold's fitted model (docs/method.md section 5): the
 * correlations need nothing from training; the MSE's affine map is fitted on training pairs,
 * the fixed batch of stream {@link PairStream#VALIDATION} (index 0, the batch size's pairs of
 * training stimuli, drawn from the fold's seed as early stopping draws it), from the model's
 * predicted distances (a metric's sqrt(max(s, 0)), a ridge model's predictions).
 */
final class FoldScoring {
  private FoldScoring() {}

  /** The scoring of a fitted metric. */
  static DistanceScore forMetric(
      Scoring scoring, TrainedMetric metric, PairSource source, int batchSize) {
    if (scoring.isCorrelation()) {
      return DistanceScore.correlation(scoring);
    }
    PairBatch batch = trainingBatch(source, batchSize);
    double[] s = HeldOutEvaluation.predict(batch, metric.coefficients(),
        metric.featureNames().size(), metric.interactions());
    return new DistanceScore(scoring,
        AffineCalibration.fit(MetricScorer.distancesInPlace(s), batch.neural()));
  }

  /** The scoring of a fitted FR-RSA ridge model. */
  static DistanceScore forRidge(Scoring scoring, RidgeFit ridge, PairSource source,
      int batchSize) {
    if (scoring.isCorrelation()) {
      return DistanceScore.correlation(scoring);
    }
    PairBatch batch = trainingBatch(source, batchSize);
    return new DistanceScore(scoring, AffineCalibration.fit(
        ridge.scorer().predict(batch.delta(), batch.size()), batch.neural()));
  }

  private static PairBatch trainingBatch(PairSource source, int batchSize) {
    return source.batch(new BatchRequest(PairStream.VALIDATION, 0, batchSize));
  }
}
