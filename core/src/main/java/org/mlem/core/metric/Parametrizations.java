package org.mlem.core.metric;

/** Chooses the metric parametrization of a model (MLEM-SPEC section 2). */
public final class Parametrizations {
  private Parametrizations() {}

  /**
   * The parametrization of {@code model} for {@code featureCount} features: MLEM with
   * interactions is {@link SpdCholeskyMetric}, MLEM without and FR-RSA are
   * {@link SoftplusDiagonalMetric}, FR-RSA-I is {@link SymmetricMetric}.
   *
   * @param model the model, not null
   * @param featureCount F, &gt;= 1
   * @param interactions whether W has off-diagonal terms; must be false for FR-RSA and true for
   *     FR-RSA-I
   * @throws IllegalArgumentException on a null model, a featureCount below 1, or an
   *     interactions flag the model does not allow
   */
  public static MetricParametrization of(Model model, int featureCount, boolean interactions) {
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    switch (model) {
      case MLEM:
        return interactions
            ? new SpdCholeskyMetric(featureCount)
            : new SoftplusDiagonalMetric(featureCount);
      case FRRSA:
        if (interactions) {
          throw new IllegalArgumentException(
              "interactions must be false for model frrsa, found true: FR-RSA has no interaction"
                  + " terms; use model frrsa-i for the baseline with interactions");
        }
        return new SoftplusDiagonalMetric(featureCount);
      case FRRSA_I:
        if (!interactions) {
          throw new IllegalArgumentException(
              "interactions must be true for model frrsa-i, found false: FR-RSA-I is the baseline"
                  + " with interaction terms; use model frrsa without them");
        }
        return new SymmetricMetric(featureCount);
      default:
        throw new IllegalArgumentException("unsupported model " + model);
    }
  }
}
