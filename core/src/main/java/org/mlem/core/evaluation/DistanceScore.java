package org.mlem.core.evaluation;

import java.io.Serializable;
import java.util.Objects;
import org.mlem.core.rank.Correlation;
import org.mlem.core.rank.Spearman;
import org.mlem.core.rank.TieSnapping;

/**
 * One scoring as a pure function of predicted and neural distances, with what it learned on
 * training pairs (the affine map of {@link Scoring#MSE}); shared by held-out evaluation and
 * every permutation importance so that both score alike (docs/method.md section 5). Its
 * {@link #gain} is "higher is better" for every scoring (minus the MSE for mse), so an
 * importance S0 - S_a is a drop of a correlation or an increase of the MSE. Serializable and
 * immutable, so importance rounds can carry it to executors.
 *
 * @param scoring the scoring
 * @param calibration the affine map applied before the MSE ({@link AffineCalibration#IDENTITY}
 *     for the correlations, which do not use it)
 */
public record DistanceScore(Scoring scoring, AffineCalibration calibration)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Exact tie-aware Spearman: the default. */
  public static final DistanceScore SPEARMAN =
      new DistanceScore(Scoring.SPEARMAN, AffineCalibration.IDENTITY);

  /** Rejects nulls. */
  public DistanceScore {
    Objects.requireNonNull(scoring, "scoring");
    Objects.requireNonNull(calibration, "calibration");
  }

  /** A correlation scoring (spearman or pearson), which needs no calibration. */
  public static DistanceScore correlation(Scoring scoring) {
    if (!scoring.isCorrelation()) {
      throw new IllegalArgumentException("scoring " + scoring.cliName()
          + " needs an affine calibration fitted on training pairs");
    }
    return new DistanceScore(scoring, AffineCalibration.IDENTITY);
  }

  /**
   * The score of predictions, higher is better: Spearman of the snapped predictions
   * ({@link TieSnapping}, against the neural distances' precomputed average ranks), Pearson
   * of the predictions with the neural distances, or minus the MSE of the calibrated
   * predictions. NaN when a correlation is undefined (constant predictions or neural
   * distances), never an exception.
   *
   * @param scratch the predicted distances; may be overwritten (snapped in place for Spearman)
   * @param neural the neural distances
   * @param neuralRanks their average ranks (used by Spearman only)
   */
  public double gainOfScratch(double[] scratch, double[] neural, double[] neuralRanks) {
    try {
      return switch (scoring) {
        case SPEARMAN -> Spearman.snappedAgainstRanks(scratch, neuralRanks);
        case PEARSON -> Correlation.pearson(scratch, neural);
        case MSE -> -calibration.meanSquaredError(scratch, neural);
      };
    } catch (ArithmeticException e) {
      return Double.NaN;
    }
  }

  /** As {@link #gainOfScratch}, leaving {@code predicted} unchanged. */
  public double gain(double[] predicted, double[] neural, double[] neuralRanks) {
    return gainOfScratch(predicted.clone(), neural, neuralRanks);
  }

  /** The reported value of a gain: the correlation, or the MSE. */
  public double reported(double gain) {
    return scoring.reported(gain);
  }
}
