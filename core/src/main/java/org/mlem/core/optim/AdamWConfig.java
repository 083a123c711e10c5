package org.mlem.core.optim;

import org.mlem.core.config.MlemOptions;

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

  /** Validates every value; by the option table (messages name the option key, e.g. lr). */
  public AdamWConfig {
    MlemOptions.LR.check(learningRate);
    MlemOptions.BETA1.check(beta1);
    MlemOptions.BETA2.check(beta2);
    MlemOptions.ADAM_EPSILON.check(epsilon);
    MlemOptions.WEIGHT_DECAY.check(weightDecay);
  }

  /** The spec's defaults: learning rate 0.1, betas (0.9, 0.999), epsilon 1e-8, no weight decay. */
  public static AdamWConfig defaults() {
    return new AdamWConfig(MlemOptions.LR.defaultValue(), MlemOptions.BETA1.defaultValue(),
        MlemOptions.BETA2.defaultValue(), MlemOptions.ADAM_EPSILON.defaultValue(),
        MlemOptions.WEIGHT_DECAY.defaultValue());
  }

}
