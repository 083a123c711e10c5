package org.mlem.core.metric;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The model families of docs/method.md section 2: MLEM itself, the two gradient-trained
 * feature-reweighted RSA baselines it is compared with in the paper (Jalouzot et al.,
 * arXiv:2402.11608), and FR-RSA as published (Kaniuth and Hebart 2022): fractional ridge
 * regression with an inner stimulus-disjoint cross-validation, fitted in closed form
 * ({@link org.mlem.core.ridge.RidgeFrrsa}).
 */
public enum Model {
  /** MLEM: a symmetric positive definite metric (or a non-negative diagonal one without interactions). */
  MLEM("mlem"),
  /**
   * The paper's FR-RSA baseline: a gradient-trained non-negative diagonal W (Spearman objective),
   * no interaction terms; an approximation of FR-RSA as published ({@link #FRRSA_RIDGE}). The
   * name "frrsa" is kept for compatibility.
   */
  FRRSA("frrsa"),
  /** The paper's FR-RSA-I: a gradient-trained unconstrained symmetric W with interaction terms. */
  FRRSA_I("frrsa-i"),
  /**
   * FR-RSA as published: fractional ridge regression of the neural distances on the
   * standardized squared feature distances, the fraction chosen by an inner stimulus-disjoint
   * cross-validation; no interaction terms.
   */
  FRRSA_RIDGE("frrsa-ridge"),
  /** {@link #FRRSA_RIDGE} with the standardized products of feature pairs' squared distances. */
  FRRSA_RIDGE_I("frrsa-ridge-i");

  private final String cliName;

  Model(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in configuration files, e.g. "frrsa-ridge". */
  public String cliName() {
    return cliName;
  }

  /** Whether the model is fitted in closed form by fractional ridge rather than by gradient. */
  public boolean isRidge() {
    return this == FRRSA_RIDGE || this == FRRSA_RIDGE_I;
  }

  /** The interaction setting when none is given: false for frrsa and frrsa-ridge. */
  public boolean defaultInteractions() {
    return this != FRRSA && this != FRRSA_RIDGE;
  }

  /**
   * Why {@code interactions} is not allowed for this model, or null when it is: frrsa and
   * frrsa-ridge have no interaction terms, frrsa-i and frrsa-ridge-i always have them.
   */
  public String interactionsProblem(boolean interactions) {
    return switch (this) {
      case MLEM -> null;
      case FRRSA -> interactions
          ? "model frrsa has no interaction terms; use frrsa-i (or mlem) for interactions" : null;
      case FRRSA_I -> interactions ? null
          : "model frrsa-i always has interaction terms; use frrsa for the diagonal model";
      case FRRSA_RIDGE -> interactions
          ? "model frrsa-ridge has no interaction terms; use frrsa-ridge-i for interactions"
          : null;
      case FRRSA_RIDGE_I -> interactions ? null
          : "model frrsa-ridge-i always has interaction terms; use frrsa-ridge without them";
    };
  }

  /**
   * The model named {@code name}, ignoring case and surrounding white space.
   *
   * @param name one of "mlem", "frrsa", "frrsa-i", "frrsa-ridge", "frrsa-ridge-i"
   * @throws IllegalArgumentException if {@code name} is null or names no model; the message lists
   *     the accepted values
   */
  public static Model parse(String name) {
    if (name != null) {
      String key = name.trim().toLowerCase(Locale.ROOT);
      for (Model model : values()) {
        if (model.cliName.equals(key)) {
          return model;
        }
      }
    }
    String accepted =
        Arrays.stream(values()).map(Model::cliName).collect(Collectors.joining(", "));
    String found = name == null ? "null" : "'" + name + "'";
    throw new IllegalArgumentException("model must be one of " + accepted + ", found " + found);
  }
}
