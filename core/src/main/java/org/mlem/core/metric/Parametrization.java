package org.mlem.core.metric;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How MLEM keeps its metric positive (semi-)definite (docs/method.md section 2). The choice only
 * matters for {@link Model#MLEM}; the baselines have one parametrization each.
 *
 * <ul>
 *   <li>{@link #PROJECTED} (default): the parameters are W itself; after every optimizer step W
 *       is projected onto the positive semidefinite matrices of unit Frobenius norm (eigenvalues
 *       clipped at 0, then rescaled). Starts from I / sqrt(F). The gradient reaches every entry
 *       of W whatever its size, so no feature can be trapped at zero.
 *   <li>{@link #CHOLESKY}: the paper's and the authors' package's W = L L^T with a softplus
 *       diagonal, from U(-1, 1). When a diagonal entry of L shrinks early, the gradient of its
 *       row vanishes and the fit stops on a plateau (measured on exact-RDM data: 2 seeds of 5).
 * </ul>
 */
public enum Parametrization {
  /** Projected gradient on W: the default. */
  PROJECTED("projected"),
  /** The paper's Cholesky-like factor. */
  CHOLESKY("cholesky");

  private final String cliName;

  Parametrization(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in configuration files. */
  public String cliName() {
    return cliName;
  }

  /**
   * The parametrization named {@code name}, ignoring case and surrounding white space.
   *
   * @throws IllegalArgumentException if {@code name} names none; the message lists the accepted
   *     values
   */
  public static Parametrization parse(String name) {
    if (name != null) {
      String key = name.trim().toLowerCase(Locale.ROOT);
      for (Parametrization p : values()) {
        if (p.cliName.equals(key)) {
          return p;
        }
      }
    }
    String accepted =
        Arrays.stream(values()).map(Parametrization::cliName).collect(Collectors.joining(", "));
    String found = name == null ? "null" : "'" + name + "'";
    throw new IllegalArgumentException(
        "parametrization must be one of " + accepted + ", found " + found);
  }
}
