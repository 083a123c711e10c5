package org.mlem.core.optim;

/**
 * Keeps the parameters of the best score seen so far and says when to stop: after
 * {@code patience} consecutive observations without a strict improvement (docs/method.md section 4,
 * default patience 50). Mutable, not thread-safe.
 */
public final class EarlyStopping {
  private final int patience;
  private int bestStep = -1;
  private double bestScore = Double.NEGATIVE_INFINITY;
  private double[] bestParameters;
  private int stepsSinceImprovement;

  /**
   * A tracker with no observation yet.
   *
   * @param patience the number of consecutive observations without improvement that stops
   *     training, &gt;= 1
   */
  public EarlyStopping(int patience) {
    if (patience < 1) {
      throw new IllegalArgumentException("patience must be >= 1, found " + patience);
    }
    this.patience = patience;
  }

  /**
   * Records the score of a step. If it is strictly greater than the best so far (any finite score
   * is, the first time), keeps a copy of {@code params} and returns true; otherwise counts one
   * more step without improvement and returns false.
   *
   * @param step the step number, reported by {@link #bestStep()}
   * @param score the training score of {@code params}, finite
   * @param params the parameters that scored {@code score}, not null; copied on improvement
   * @throws ArithmeticException if {@code score} is NaN or infinite (nothing is recorded)
   */
  public boolean observe(int step, double score, double[] params) {
    if (!Double.isFinite(score)) {
      throw new ArithmeticException("score at step " + step + " is " + score + ", must be finite");
    }
    if (params == null) {
      throw new IllegalArgumentException("params must not be null");
    }
    if (score > bestScore) {
      bestStep = step;
      bestScore = score;
      bestParameters = params.clone();
      stepsSinceImprovement = 0;
      return true;
    }
    stepsSinceImprovement++;
    return false;
  }

  /** True once {@code patience} consecutive observations brought no improvement. */
  public boolean shouldStop() {
    return stepsSinceImprovement >= patience;
  }

  /** The step of the best score, or -1 before any observation. */
  public int bestStep() {
    return bestStep;
  }

  /** The best score, or negative infinity before any observation. */
  public double bestScore() {
    return bestScore;
  }

  /**
   * A copy of the parameters of the best score.
   *
   * @throws IllegalStateException before any observation
   */
  public double[] bestParameters() {
    if (bestParameters == null) {
      throw new IllegalStateException("no score observed yet, so there are no best parameters");
    }
    return bestParameters.clone();
  }

  /** The number of observations since the last improvement (0 right after one). */
  public int stepsSinceImprovement() {
    return stepsSinceImprovement;
  }

  /** The patience given at construction. */
  public int patience() {
    return patience;
  }
}
