package org.mlem.core.optim;

/**
 * The hyperparameters of {@link AdamW} (docs/method.md section 4), validated at construction.
 *
 * @param learningRate step size, &gt; 0 and finite (default 0.1)
 * @param beta1 decay of the first-moment average, in [0, 1) (default 0.9)
 * @param beta2 decay of the second-moment average, in [0, 1) (default 0.999)
 * @param epsilon added to the root of the second moment, &gt; 0 and finite (default 1e-8)
 * @param weightDecay decoupled weight decay, &gt;= 0 and finite (default 0.0)
 */
public record AdamWConfig(
    double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {

  /** Validates every value; the message names the value, what is allowed and what was found. */
  public AdamWConfig {
    if (!(learningRate > 0.0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learningRate must be > 0 and finite, found " + learningRate);
    }
    requireBeta("beta1", beta1);
    requireBeta("beta2", beta2);
    if (!(epsilon > 0.0) || Double.isInfinite(epsilon)) {
      throw new IllegalArgumentException("epsilon must be > 0 and finite, found " + epsilon);
    }
    if (!(weightDecay >= 0.0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException(
          "weightDecay must be >= 0 and finite, found " + weightDecay);
    }
  }

  /** The spec's defaults: learning rate 0.1, betas (0.9, 0.999), epsilon 1e-8, no weight decay. */
  public static AdamWConfig defaults() {
    return new AdamWConfig(0.1, 0.9, 0.999, 1e-8, 0.0);
  }

  private static void requireBeta(String name, double beta) {
    if (!(beta >= 0.0 && beta < 1.0)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), found " + beta);
    }
  }
}
