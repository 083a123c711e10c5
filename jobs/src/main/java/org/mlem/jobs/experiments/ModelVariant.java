package org.mlem.jobs.experiments;

import java.util.Objects;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.metric.Model;
import org.mlem.core.metric.Parametrization;
import org.mlem.core.rank.SoftRankStrength;

/**
 * One model of a comparison with its soft-rank strength: MLEM (SPD W with interactions, with
 * its parametrization), the gradient-trained FR-RSA-I (symmetric W with interactions) or FR-RSA
 * (diagonal W), or FR-RSA as published, fractional ridge without (frrsa-ridge) or with
 * (frrsa-ridge-i) the products of the feature RDMs (closed form: the strength and
 * parametrization do not change it; its betas stand where W stands).
 *
 * @param model the model family
 * @param parametrization MLEM's parametrization (ignored by the baselines)
 * @param strength the soft-rank strength of its training
 */
public record ModelVariant(
    Model model, Parametrization parametrization, SoftRankStrength strength) {

  /** Rejects nulls. */
  public ModelVariant {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(parametrization, "parametrization");
    Objects.requireNonNull(strength, "strength");
  }

  /** A variant with MLEM's default parametrization. */
  public ModelVariant(Model model, SoftRankStrength strength) {
    this(model, Parametrization.PROJECTED, strength);
  }

  /**
   * The given configuration with this model, its interaction setting (on for MLEM, FR-RSA-I and
   * frrsa-ridge-i, off for FR-RSA and frrsa-ridge, as in the paper's comparison), this
   * parametrization and this strength.
   */
  public MlemConfig configure(MlemConfig base) {
    return base.toBuilder().model(model).interactions(model.defaultInteractions())
        .parametrization(parametrization).strength(strength).build();
  }

  /**
   * The model's name in tables: its command-line name ({@code mlem}, {@code frrsa-i},
   * {@code frrsa}, {@code frrsa-ridge}, {@code frrsa-ridge-i}), {@code mlem-cholesky} for MLEM
   * with the paper's parametrization.
   */
  public String modelName() {
    return model == Model.MLEM && parametrization == Parametrization.CHOLESKY
        ? "mlem-cholesky" : model.cliName();
  }

  /** The strength's text form ({@code absolute:1.0}, {@code relative:1.0}). */
  public String strengthName() {
    return strength.toString();
  }
}
