package org.mlem.core.metric;

/** Chooses the metric parametrization of a model (docs/method.md section 2). */
public final class Parametrizations {
  private Parametrizations() {}

  /**
   * The parametrization of {@code model} for {@code featureCount} features with MLEM's default
   * {@link Parametrization#PROJECTED}; see {@link #of(Model, int, boolean, Parametrization)}.
   */
  public static MetricParametrization of(Model model, int featureCount, boolean interactions) {
    return of(model, featureCount, interactions, Parametrization.PROJECTED);
  }

  /**
   * The parametrization of {@code model} for {@code featureCount} features: MLEM with
   * interactions is {@link ProjectedSpdMetric} (projected) or {@link SpdCholeskyMetric}
   * (cholesky), MLEM without is {@link ProjectedDiagonalMetric} (projected) or
   * {@link SoftplusDiagonalMetric} (cholesky, the paper's); FR-RSA is
   * {@link SoftplusDiagonalMetric} and FR-RSA-I {@link SymmetricMetric}, whatever
   * {@code parametrization} says.
   *
   * @param model the model, not null
   * @param featureCount F, &gt;= 1
   * @param interactions whether W has off-diagonal terms; must be false for FR-RSA and true for
   *     FR-RSA-I
   * @param parametrization how MLEM's metric is kept positive semidefinite
   * @throws IllegalArgumentException on a null model, a featureCount below 1, or an
   *     interactions flag the model does not allow
   */
  public static MetricParametrization of(
      Model model, int featureCount, boolean interactions, Parametrization parametrization) {
    if (parametrization == null) {
      throw new IllegalArgumentException("parametrization must not be null");
    }
    if (model == null) {
      throw new IllegalArgumentException("model must not be null");
    }
    switch (model) {
      case MLEM:
        if (parametrization == Parametrization.PROJECTED) {
          return interactions
              ? new ProjectedSpdMetric(featureCount)
              : new ProjectedDiagonalMetric(featureCount);
        }
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
      case FRRSA_RIDGE:
      case FRRSA_RIDGE_I:
        throw new IllegalArgumentException("model " + model.cliName() + " is fitted in closed"
            + " form by fractional ridge (org.mlem.core.ridge.RidgeFrrsa), not by gradient");
      default:
        throw new IllegalArgumentException("unsupported model " + model);
    }
  }
}
