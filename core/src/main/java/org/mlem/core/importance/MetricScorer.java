package org.mlem.core.importance;

import java.util.Objects;
import org.mlem.core.evaluation.DistanceScore;
import org.mlem.core.evaluation.Scoring;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.rank.TieSnapping;
import org.mlem.core.train.TrainedMetric;

/**
 * The score of a fitted metric on pairs: predicted distances s = delta^T W delta (the phi
 * terms formed on the fly, docs/method.md section 2) scored against the neural distances by
 * the {@link DistanceScore}, as the held-out evaluation scores them: by default snapped with
 * {@link TieSnapping} and their exact tie-aware Spearman (docs/method.md section 5); with
 * Pearson or MSE scoring the metric's distances sqrt(max(s, 0)) (s is a squared distance; an
 * indefinite W of frrsa-i can make it negative, which counts as distance 0). NaN when a
 * correlation is undefined (constant predictions or neural distances), never an exception.
 *
 * @param coefficients W's coefficients in term order
 * @param featureCount F
 * @param interactions whether W has interaction terms
 * @param distanceScore how predictions are scored
 */
public record MetricScorer(
    double[] coefficients, int featureCount, boolean interactions, DistanceScore distanceScore)
    implements PairScorer {
  private static final long serialVersionUID = 2L;

  /** Copies the coefficients and checks their number. */
  public MetricScorer {
    Objects.requireNonNull(distanceScore, "distanceScore");
    coefficients = coefficients.clone();
    int terms = PhiExpansion.termCount(featureCount, interactions);
    if (coefficients.length != terms) {
      throw new IllegalArgumentException(
          "expected " + terms + " coefficients, found " + coefficients.length);
    }
  }

  /** A scorer by exact Spearman (the default). */
  public MetricScorer(double[] coefficients, int featureCount, boolean interactions) {
    this(coefficients, featureCount, interactions, DistanceScore.SPEARMAN);
  }

  /** The Spearman scorer of a fitted metric. */
  public static MetricScorer of(TrainedMetric metric) {
    return of(metric, DistanceScore.SPEARMAN);
  }

  /** The scorer of a fitted metric with the given scoring. */
  public static MetricScorer of(TrainedMetric metric, DistanceScore score) {
    return new MetricScorer(metric.coefficients(), metric.featureNames().size(),
        metric.interactions(), score);
  }

  /** The coefficients, a copy. */
  @Override
  public double[] coefficients() {
    return coefficients.clone();
  }

  @Override
  public double score(double[] delta, int featureCount, double[] neural, double[] neuralRanks) {
    if (featureCount != this.featureCount) {
      throw new IllegalArgumentException("the scorer is for " + this.featureCount
          + " features, the pairs have " + featureCount);
    }
    int b = neural.length;
    double[] s = new double[b];
    if (interactions) {
      // bit for bit PhiExpansion.predictFromDelta, four pairs side by side
      RowPrediction.predict(delta, b, featureCount, coefficients, s);
    } else {
      PhiExpansion.predictFromDelta(delta, b, featureCount, interactions, coefficients, s);
    }
    return gainOfScratch(s, neural, neuralRanks, distanceScore);
  }

  /**
   * The score of B pairs whose components {@code replaced} are taken from
   * {@code columns[c][pair]} (a permuted feature) instead of {@code delta}: the value of
   * {@link #score} on a copy of delta with those components replaced, bit for bit, without
   * the copy.
   */
  double scoreReplaced(double[] delta, int[] replaced, double[][] columns, double[] neural,
      double[] neuralRanks) {
    int b = neural.length;
    double[] s = new double[b];
    if (!interactions) {
      double[] copy = delta.clone();
      for (int comp : replaced) {
        for (int k = 0; k < b; k++) {
          copy[k * featureCount + comp] = columns[comp][k];
        }
      }
      return score(copy, featureCount, neural, neuralRanks);
    }
    RowPrediction.predictReplaced(delta, b, featureCount, coefficients, replaced, columns, s);
    return gainOfScratch(s, neural, neuralRanks, distanceScore);
  }

  /**
   * The score (higher is better) of a metric's predictions s: Spearman of s itself, or the
   * other scorings of its distances sqrt(max(s, 0)).
   *
   * @param scratch the predictions s; overwritten
   * @param neural the neural distances
   * @param neuralRanks their average ranks
   * @param score the scoring
   */
  public static double gainOfScratch(
      double[] scratch, double[] neural, double[] neuralRanks, DistanceScore score) {
    if (score.scoring() != Scoring.SPEARMAN) {
      distancesInPlace(scratch);
    }
    return score.gainOfScratch(scratch, neural, neuralRanks);
  }

  /**
   * A metric's predicted distances from its predictions s = delta^T W delta: sqrt(max(s, 0)),
   * in place.
   *
   * @return {@code s}
   */
  public static double[] distancesInPlace(double[] s) {
    for (int i = 0; i < s.length; i++) {
      s[i] = s[i] > 0 ? Math.sqrt(s[i]) : 0;
    }
    return s;
  }
}
