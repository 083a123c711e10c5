package org.mlem.core.ridge;

import java.util.Objects;
import org.mlem.core.evaluation.DistanceScore;
import org.mlem.core.importance.PairScorer;
import org.mlem.core.rank.TieSnapping;

/**
 * The score of a fitted FR-RSA ridge model on pairs, as
 * {@link org.mlem.core.importance.MetricScorer} scores a metric: predictions
 * {@code intercept + x^T beta} of the pairs' standardized design (so a permuted feature changes
 * its own column and its products), which are predicted neural distances, scored by the
 * {@link DistanceScore}: by default snapped with {@link TieSnapping} and their exact tie-aware
 * Spearman with the neural distances; NaN when a correlation is undefined.
 *
 * @param design the standardization of the training pairs
 * @param solution the fitted coefficients
 * @param distanceScore how predictions are scored
 */
public record RidgeScorer(RdmDesign design, RidgeSolution solution, DistanceScore distanceScore)
    implements PairScorer {
  private static final long serialVersionUID = 2L;

  /** Checks that the solution has one coefficient per design column. */
  public RidgeScorer {
    Objects.requireNonNull(distanceScore, "distanceScore");
    if (solution.beta().length != design.columns()) {
      throw new IllegalArgumentException("the ridge solution has " + solution.beta().length
          + " coefficients for a design of " + design.columns() + " columns");
    }
  }

  /** A scorer by exact Spearman (the default). */
  public RidgeScorer(RdmDesign design, RidgeSolution solution) {
    this(design, solution, DistanceScore.SPEARMAN);
  }

  /** The same model with another scoring. */
  public RidgeScorer withScore(DistanceScore value) {
    return new RidgeScorer(design, solution, value);
  }

  /** The predictions of {@code rows} pairs from their feature distances (rows x F). */
  public double[] predict(double[] delta, int rows) {
    return solution.predict(design.apply(delta, rows), rows);
  }

  @Override
  public double score(double[] delta, int featureCount, double[] neural, double[] neuralRanks) {
    if (featureCount != design.featureCount()) {
      throw new IllegalArgumentException("the scorer is for " + design.featureCount()
          + " features, the pairs have " + featureCount);
    }
    return distanceScore.gainOfScratch(predict(delta, neural.length), neural, neuralRanks);
  }
}
