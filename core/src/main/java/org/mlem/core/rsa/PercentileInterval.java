package org.mlem.core.rsa;

import java.util.Arrays;

/**
 * A percentile interval of a bootstrap distribution: the (1 - level) / 2 and (1 + level) / 2
 * quantiles of the finite values, each by linear interpolation between order statistics
 * (position q (m - 1) of the m sorted values; numpy's default {@code percentile} method).
 *
 * @param low the lower bound
 * @param high the upper bound
 * @param used how many finite values the bounds come from (NaN bounds when 0)
 */
public record PercentileInterval(double low, double high, int used) {
  /** The usual 95% level. */
  public static final double LEVEL_95 = 0.95;

  /**
   * The interval of the finite values among {@code values}.
   *
   * @param values bootstrap replicates; NaN marks an undefined one and is left out
   * @param level the coverage in (0, 1)
   * @return the interval
   */
  public static PercentileInterval of(double[] values, double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), found " + level);
    }
    double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (finite.length == 0) {
      return new PercentileInterval(Double.NaN, Double.NaN, 0);
    }
    return new PercentileInterval(quantile(finite, (1 - level) / 2),
        quantile(finite, (1 + level) / 2), finite.length);
  }

  /** The q-quantile of sorted values by linear interpolation. */
  static double quantile(double[] sorted, double q) {
    double h = q * (sorted.length - 1);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
