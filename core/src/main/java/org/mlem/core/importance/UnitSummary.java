package org.mlem.core.importance;

/**
 * Summary of one unit's importance over its permutations: mean, sample standard deviation and
 * a 95% confidence interval of the mean (Student t with P - 1 degrees of freedom; the interval
 * collapses to the mean when P = 1).
 *
 * @param unit unit name: a feature, an interaction "a:b", or "total:feature"
 * @param mean mean importance
 * @param std sample standard deviation (0 when P = 1)
 * @param ciLow lower end of the 95% interval
 * @param ciHigh upper end of the 95% interval
 */
public record UnitSummary(String unit, double mean, double std, double ciLow, double ciHigh) {

  /** Summarizes the values of one unit. */
  public static UnitSummary of(String unit, double[] values) {
    int n = values.length;
    if (n == 0) {
      throw new IllegalArgumentException("unit " + unit + " has no importance values");
    }
    double mean = 0;
    for (double v : values) {
      mean += v;
    }
    mean /= n;
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
    double half = n > 1 ? StudentT.quantile975(n - 1) * std / Math.sqrt(n) : 0;
    return new UnitSummary(unit, mean, std, mean - half, mean + half);
  }
}
