package org.mlem.jobs.experiments;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.rank.KendallTauB;
import org.mlem.core.stats.WeightedTau;

/**
 * Compares two importance profiles with the core's weighted tau (scipy's {@code weightedtau})
 * or Kendall tau-b (scipy's {@code kendalltau}), units matched by name, in the order of the first
 * profile.
 */
public final class ProfileComparison {
  private ProfileComparison() {}

  /**
   * Weighted tau of the mean importances of {@code profile} and {@code reference}.
   *
   * @return the weighted tau in [-1, 1]; NaN when either profile is empty or constant (weighted
   *     tau is undefined there, as scipy's NaN)
   * @throws IllegalArgumentException if the profiles do not have the same units
   */
  public static double weightedTau(List<UnitSummary> profile, List<UnitSummary> reference) {
    double[][] xy = matched(profile, reference);
    if (xy == null) {
      return Double.NaN;
    }
    try {
      return WeightedTau.of(xy[0], xy[1]);
    } catch (ArithmeticException e) {
      return Double.NaN;
    }
  }

  /**
   * Kendall tau-b (scipy's {@code kendalltau}) of the mean importances of {@code profile} and
   * {@code reference}.
   *
   * @return tau-b in [-1, 1]; NaN when either profile has fewer than 2 units or is constant
   * @throws IllegalArgumentException if the profiles do not have the same units
   */
  public static double kendallTau(List<UnitSummary> profile, List<UnitSummary> reference) {
    double[][] xy = matched(profile, reference);
    if (xy == null) {
      return Double.NaN;
    }
    try {
      return KendallTauB.of(xy[0], xy[1]);
    } catch (ArithmeticException e) {
      return Double.NaN;
    }
  }

  /** The two profiles' means, matched by unit, or null when fewer than 2 units. */
  private static double[][] matched(List<UnitSummary> profile, List<UnitSummary> reference) {
    if (profile.size() != reference.size()) {
      throw new IllegalArgumentException("importance profiles must have the same units, found "
          + profile.size() + " and " + reference.size() + " units");
    }
    if (profile.size() < 2) {
      return null;
    }
    Map<String, Double> byUnit = new HashMap<>();
    for (UnitSummary u : reference) {
      byUnit.put(u.unit(), u.mean());
    }
    double[] x = new double[profile.size()];
    double[] y = new double[profile.size()];
    for (int k = 0; k < x.length; k++) {
      UnitSummary u = profile.get(k);
      Double other = byUnit.get(u.unit());
      if (other == null) {
        throw new IllegalArgumentException("importance profiles must have the same units, found "
            + u.unit() + " in one profile only");
      }
      x[k] = u.mean();
      y[k] = other;
    }
    return new double[][] {x, y};
  }
}
