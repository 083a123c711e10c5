package org.mlem.core.rank;

/**
 * Snaps values to a grid of 2^-40 (about 1e-12) times their largest magnitude before exact
 * ranking, so that values that are mathematically equal but were computed in a different
 * order (rounding differs in the last bits) are tied, as they should be. Predicted distances
 * from categorical features are heavily tied (a handful of distinct values over thousands of
 * pairs), and exact tie-aware Spearman, rho-a and tau-a must not depend on summation order:
 * e.g. permutation importance updates a prediction incrementally, s + w (phi' - phi), where a
 * full recomputation would sum the terms in another order. Values farther apart than the grid
 * are kept distinct.
 */
public final class TieSnapping {
  /** Grid step relative to the largest magnitude. */
  public static final double RELATIVE_QUANTUM = 0x1p-40;

  private TieSnapping() {}

  /** Snaps {@code values} in place and returns them. */
  public static double[] snapInPlace(double[] values) {
    double scale = 0;
    for (double v : values) {
      if (!Double.isFinite(v)) {
        throw new ArithmeticException("cannot rank a non-finite value: " + v);
      }
      scale = Math.max(scale, Math.abs(v));
    }
    if (scale == 0) {
      return values;
    }
    double quantum = scale * RELATIVE_QUANTUM;
    for (int i = 0; i < values.length; i++) {
      values[i] = Math.rint(values[i] / quantum) * quantum;
    }
    return values;
  }

  /** A snapped copy of {@code values}. */
  public static double[] snap(double[] values) {
    return snapInPlace(values.clone());
  }
}
