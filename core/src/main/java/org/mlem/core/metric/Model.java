package org.mlem.core.metric;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The model families of docs/method.md section 2: MLEM itself and the two feature-reweighted RSA
 * baselines it is compared with in the paper (Jalouzot et al., arXiv:2402.11608).
 */
public enum Model {
  /** MLEM: a symmetric positive definite metric (or a non-negative diagonal one without interactions). */
  MLEM("mlem"),
  /** FR-RSA: non-negative feature weights, no interaction terms. */
  FRRSA("frrsa"),
  /** FR-RSA-I: an unconstrained symmetric metric with interaction terms. */
  FRRSA_I("frrsa-i");

  private final String cliName;

  Model(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in configuration files: "mlem", "frrsa" or "frrsa-i". */
  public String cliName() {
    return cliName;
  }

  /**
   * The model named {@code name}, ignoring case and surrounding white space.
   *
   * @param name one of "mlem", "frrsa", "frrsa-i"
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
