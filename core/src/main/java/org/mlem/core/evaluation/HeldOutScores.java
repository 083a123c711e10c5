package org.mlem.core.evaluation;

import java.util.Objects;

/**
 * Held-out encoding scores of one split (or fold): each the mean over evaluation batches. The
 * three rank scores are always computed; {@code score} is the configured {@link Scoring}'s
 * value (equal to {@code spearman} for the default).
 *
 * @param spearman exact tie-aware Spearman (average ranks)
 * @param rhoA Spearman's rho-a (expected under random tie-breaking; rsatoolbox)
 * @param tauA Kendall's tau-a
 * @param batches evaluation batches averaged
 * @param pairsPerBatch pairs in each batch
 * @param scoring the configured scoring
 * @param score its value: a correlation, or the MSE (lower is better)
 * @param calibration the affine map of the MSE, fitted on training pairs
 *     ({@link AffineCalibration#IDENTITY} for the correlations)
 */
public record HeldOutScores(
    double spearman, double rhoA, double tauA, int batches, int pairsPerBatch, Scoring scoring,
    double score, AffineCalibration calibration) {

  /** Rejects nulls. */
  public HeldOutScores {
    Objects.requireNonNull(scoring, "scoring");
    Objects.requireNonNull(calibration, "calibration");
  }

  /** Scores of the default scoring (Spearman, so {@code score} is {@code spearman}). */
  public HeldOutScores(double spearman, double rhoA, double tauA, int batches,
      int pairsPerBatch) {
    this(spearman, rhoA, tauA, batches, pairsPerBatch, Scoring.SPEARMAN, spearman,
        AffineCalibration.IDENTITY);
  }
}
