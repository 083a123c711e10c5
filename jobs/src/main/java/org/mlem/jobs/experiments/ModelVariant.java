package org.mlem.jobs.experiments;

import java.util.Objects;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.metric.Model;
import org.mlem.core.rank.SoftRankStrength;

/**
 * One model of a comparison with its soft-rank strength: MLEM (SPD W with interactions),
 * FR-RSA-I (symmetric W with interactions) or FR-RSA (diagonal W).
 *
 * @param model the model family
 * @param strength the soft-rank strength of its training
 */
public record ModelVariant(Model model, SoftRankStrength strength) {

  /** Rejects nulls. */
  public ModelVariant {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(strength, "strength");
  }

  /**
   * The given configuration with this model, its interaction setting (on for MLEM and FR-RSA-I,
   * off for FR-RSA, as in the paper's comparison) and this strength.
   */
  public MlemConfig configure(MlemConfig base) {
    return base.toBuilder().model(model).interactions(model != Model.FRRSA).strength(strength)
        .build();
  }

  /** The model's command-line name ({@code mlem}, {@code frrsa-i}, {@code frrsa}). */
  public String modelName() {
    return model.cliName();
  }

  /** The strength's text form ({@code absolute:1.0}, {@code relative:1.0}). */
  public String strengthName() {
    return strength.toString();
  }
}
