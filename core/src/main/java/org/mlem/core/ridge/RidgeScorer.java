package org.mlem.core.ridge;

import org.mlem.core.importance.PairScorer;
import org.mlem.core.rank.Spearman;
import org.mlem.core.rank.TieSnapping;

/**
 * The score of a fitted FR-RSA ridge model on pairs, as
 * {@link org.mlem.core.importance.MetricScorer} scores a metric: predictions {@code intercept + x^T beta} of the pairs' standardized design
 * (so a permuted feature changes its own column and its products), snapped with
 * {@link TieSnapping}, and their exact tie-aware Spearman with the neural distances; NaN when
 * the correlation is undefined.
 *
 * @param design the standardization of the training pairs
 * @param solution the fitted coefficients
 */
public record RidgeScorer(RdmDesign design, RidgeSolution solution) implements PairScorer {
  private static final long serialVersionUID = 1L;

  /** Checks that the solution has one coefficient per design column. */
  public RidgeScorer {
    if (solution.beta().length != design.columns()) {
      throw new IllegalArgumentException("the ridge solution has " + solution.beta().length
          + " coefficients for a design of " + design.columns() + " columns");
    }
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
    double[] s = predict(delta, neural.length);
    try {
      return Spearman.againstRanks(TieSnapping.snapInPlace(s), neuralRanks);
    } catch (ArithmeticException e) {
      return Double.NaN;
    }
  }
}
