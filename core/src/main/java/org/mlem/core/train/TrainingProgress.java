package org.mlem.core.train;

/**
 * Receives progress during training, e.g. to print step, score and patience on a console. Called
 * on the training thread after every step; must be quick.
 */
@FunctionalInterface
public interface TrainingProgress {
  /** Ignores progress. */
  TrainingProgress NONE = (step, score, bestScore, stepsSinceBest) -> {};

  /**
   * @param step 0-based step just taken
   * @param score its training score
   * @param bestScore best score so far
   * @param stepsSinceBest steps since the best score (patience used)
   */
  void onStep(int step, double score, double bestScore, int stepsSinceBest);
}
