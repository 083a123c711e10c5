package org.mlem.core.train;

import java.util.Arrays;

/**
 * The training curve: for each step taken, the soft-rank Spearman on that step's batch (with the
 * parameters before the step's update), the seconds elapsed since training started and, when
 * early stopping watched a validation batch, that batch's score with the same parameters.
 * Immutable.
 */
public final class TrainingHistory {
  private final double[] scores;
  private final double[] seconds;
  private final double[] validation;

  /** A curve without validation scores; see {@link #TrainingHistory(double[], double[], double[])}. */
  public TrainingHistory(double[] scores, double[] seconds) {
    this(scores, seconds, new double[0]);
  }

  /**
   * @param scores training score per step
   * @param seconds elapsed seconds per step (same length)
   * @param validation validation score per step (same length), or empty when none was watched
   */
  public TrainingHistory(double[] scores, double[] seconds, double[] validation) {
    if (scores.length != seconds.length) {
      throw new IllegalArgumentException(
          "scores and seconds must have the same length, found " + scores.length + " and "
              + seconds.length);
    }
    if (validation.length != 0 && validation.length != scores.length) {
      throw new IllegalArgumentException("validation scores must be empty or one per step ("
          + scores.length + "), found " + validation.length);
    }
    this.scores = scores.clone();
    this.seconds = seconds.clone();
    this.validation = validation.clone();
  }

  /** Whether a validation score was recorded at each step. */
  public boolean hasValidation() {
    return validation.length > 0;
  }

  /** All validation scores (empty when none was watched), a copy. */
  public double[] validationScores() {
    return validation.clone();
  }

  /** Number of steps recorded. */
  public int steps() {
    return scores.length;
  }

  /** Training score at a step (0-based). */
  public double score(int step) {
    return scores[step];
  }

  /** Seconds since the start of training when the step finished. */
  public double seconds(int step) {
    return seconds[step];
  }

  /** All scores, a copy. */
  public double[] scores() {
    return scores.clone();
  }

  /** All elapsed seconds, a copy. */
  public double[] elapsedSeconds() {
    return seconds.clone();
  }

  @Override
  public String toString() {
    return "TrainingHistory[steps=" + steps() + ", last=" + (steps() == 0 ? "-" : scores[steps() - 1])
        + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrainingHistory h && Arrays.equals(scores, h.scores)
        && Arrays.equals(validation, h.validation);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(scores) + Arrays.hashCode(validation);
  }
}
