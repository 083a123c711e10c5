package org.mlem.core.importance;

import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.rank.Spearman;
import org.mlem.core.rank.TieSnapping;
import org.mlem.core.train.TrainedMetric;

/**
 * The score of a fitted metric on pairs: predicted distances s = delta^T W delta (the phi
 * terms formed on the fly, docs/method.md section 2), snapped with {@link TieSnapping}, and their exact
 * tie-aware Spearman with the neural distances (docs/method.md section 5), as the held-out
 * evaluation computes it. NaN when the predictions or the neural distances are constant (the
 * correlation is undefined), never an exception.
 *
 * @param coefficients W's coefficients in term order
 * @param featureCount F
 * @param interactions whether W has interaction terms
 */
public record MetricScorer(double[] coefficients, int featureCount, boolean interactions)
    implements PairScorer {
  private static final long serialVersionUID = 1L;

  /** Copies the coefficients and checks their number. */
  public MetricScorer {
    coefficients = coefficients.clone();
    int terms = PhiExpansion.termCount(featureCount, interactions);
    if (coefficients.length != terms) {
      throw new IllegalArgumentException(
          "expected " + terms + " coefficients, found " + coefficients.length);
    }
  }

  /** The scorer of a fitted metric. */
  public static MetricScorer of(TrainedMetric metric) {
    return new MetricScorer(metric.coefficients(), metric.featureNames().size(),
        metric.interactions());
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
    PhiExpansion.predictFromDelta(delta, b, featureCount, interactions, coefficients, s);
    try {
      return Spearman.againstRanks(TieSnapping.snapInPlace(s), neuralRanks);
    } catch (ArithmeticException e) {
      return Double.NaN;
    }
  }
}
