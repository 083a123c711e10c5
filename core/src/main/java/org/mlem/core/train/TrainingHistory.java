package org.mlem.core.train;

import java.util.Arrays;

/**
 * The training curve: for each step taken, the soft-rank Spearman on that step's batch (with the
 * parameters before the step's update) and the seconds elapsed since training started.
 * Immutable.
 */
public final class TrainingHistory {
  private final double[] scores;
  private final double[] seconds;

  /** @param scores score per step; @param seconds elapsed seconds per step (same length) */
  public TrainingHistory(double[] scores, double[] seconds) {
    if (scores.length != seconds.length) {
      throw new IllegalArgumentException(
          "scores and seconds must have the same length, found " + scores.length + " and "
              + seconds.length);
    }
    this.scores = scores.clone();
    this.seconds = seconds.clone();
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
    return o instanceof TrainingHistory h && Arrays.equals(scores, h.scores);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(scores);
  }
}
