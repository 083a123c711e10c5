package org.mlem.core.rsa;

import java.util.Locale;
import org.mlem.core.rank.KendallTauA;

/**
 * How two RDMs are compared on their shared pairs (docs/method.md section 9): Spearman's rank
 * correlation with average ranks for ties (as {@code scipy.stats.spearmanr}),
 * or Kendall's tau-a ({@link KendallTauA}; a pair tied in either RDM counts as neither
 * concordant nor discordant, so unlike scipy's default tau-b it is below 1 for an RDM with ties
 * compared with itself; rsatoolbox's {@code compare_kendall_tau_a}).
 */
public enum RsaMeasure {
  /** Spearman's rho with average ranks (the default). */
  SPEARMAN("spearman"),
  /** Kendall's tau-a. */
  KENDALL_TAU_A("kendall-tau-a");

  private final String cliName;

  RsaMeasure(String cliName) {
    this.cliName = cliName;
  }

  /** The user-facing value ("spearman", "kendall-tau-a"). */
  public String cliName() {
    return cliName;
  }

  /**
   * The value a user wrote.
   *
   * @throws IllegalArgumentException naming the valid values
   */
  public static RsaMeasure parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    for (RsaMeasure m : values()) {
      if (m.cliName.equals(t)) {
        return m;
      }
    }
    throw new IllegalArgumentException("rsa-measure must be one of spearman or kendall-tau-a,"
        + " found '" + text + "'");
  }

  /**
   * The correlation of two RDM vectors (same pairs, same order).
   *
   * @param x distances of the first set, length &gt;= 2, no NaN
   * @param y distances of the second set, same length
   * @return the correlation in [-1, 1]
   * @throws ArithmeticException for Spearman when a vector is constant
   */
  public double of(double[] x, double[] y) {
    return switch (this) {
      case SPEARMAN -> WeightedSpearman.of(x, y);
      case KENDALL_TAU_A -> KendallTauA.of(x, y);
    };
  }
}
