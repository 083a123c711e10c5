package org.mlem.core.optim;

/**
 * The AdamW optimizer (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", 2019)
 * taking steps that MAXIMIZE a score, as PyTorch's {@code torch.optim.AdamW(maximize=True)}
 * (docs/method.md section 4). One step with gradient g of the score, at step t = 1, 2, ...:
 * <pre>
 *   p  *= 1 - lr * weightDecay
 *   m   = beta1 * m + (1 - beta1) * g
 *   v   = beta2 * v + (1 - beta2) * g^2
 *   p  += lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + epsilon)
 * </pre>
 * (PyTorch keeps the moments of -g when maximizing and subtracts; the result is the same.)
 *
 * <p>Holds the moment estimates of one parameter vector, so it is mutable and not thread-safe;
 * {@link #ascend} allocates nothing.
 */
public final class AdamW {
  private final AdamWConfig config;
  private final double[] firstMoment;
  private final double[] secondMoment;
  private int stepCount;

  /**
   * An optimizer with zero moments for {@code parameterCount} parameters.
   *
   * @param config the hyperparameters, not null
   * @param parameterCount the length of the parameter vectors, &gt;= 1
   */
  public AdamW(AdamWConfig config, int parameterCount) {
    if (config == null) {
      throw new IllegalArgumentException("config must not be null");
    }
    if (parameterCount < 1) {
      throw new IllegalArgumentException("parameterCount must be >= 1, found " + parameterCount);
    }
    this.config = config;
    this.firstMoment = new double[parameterCount];
    this.secondMoment = new double[parameterCount];
  }

  /**
   * Takes one ascent step: updates {@code params} in place to increase the score whose gradient
   * at {@code params} is {@code gradient}.
   *
   * @param params the parameters, length {@code parameterCount}, updated in place
   * @param gradient d score / d params at {@code params}, length {@code parameterCount}, finite
   * @throws IllegalArgumentException if an array has the wrong length
   * @throws ArithmeticException if the gradient has a non-finite entry (nothing is updated)
   */
  public void ascend(double[] params, double[] gradient) {
    requireLength("params", params);
    requireLength("gradient", gradient);
    int step = stepCount + 1;
    for (int k = 0; k < gradient.length; k++) {
      if (!Double.isFinite(gradient[k])) {
        throw new ArithmeticException(
            "AdamW step " + step + ": gradient[" + k + "] is " + gradient[k] + ", must be finite");
      }
    }
    stepCount = step;
    double lr = config.learningRate();
    double beta1 = config.beta1();
    double beta2 = config.beta2();
    double decay = 1.0 - lr * config.weightDecay();
    double stepSize = lr / (1.0 - Math.pow(beta1, step));
    double rootCorrection2 = Math.sqrt(1.0 - Math.pow(beta2, step));
    double epsilon = config.epsilon();
    for (int k = 0; k < params.length; k++) {
      double g = gradient[k];
      double m = beta1 * firstMoment[k] + (1.0 - beta1) * g;
      double v = beta2 * secondMoment[k] + (1.0 - beta2) * g * g;
      firstMoment[k] = m;
      secondMoment[k] = v;
      double denominator = Math.sqrt(v) / rootCorrection2 + epsilon;
      params[k] = params[k] * decay + stepSize * m / denominator;
    }
  }

  /** The number of steps taken so far. */
  public int stepCount() {
    return stepCount;
  }

  /** The hyperparameters. */
  public AdamWConfig config() {
    return config;
  }

  private void requireLength(String name, double[] array) {
    if (array == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (array.length != firstMoment.length) {
      throw new IllegalArgumentException(
          name + " must have length " + firstMoment.length + ", found " + array.length);
    }
  }
}
