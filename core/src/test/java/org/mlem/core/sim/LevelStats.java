package org.mlem.core.sim;

/**
 * Between- and within-level spread of one variable grouped by a categorical feature, for the
 * planted-effect tests. For L levels of n_l stimuli each, pure noise of variance s^2 gives a
 * between-level variance (the level means' variance around their mean, divisor L) of about
 * (L - 1) / L * s^2 / n_l; a pattern p(l) added per level adds the patterns' own variance.
 */
final class LevelStats {
  private LevelStats() {}

  /** The level means' variance around their mean (divisor L). */
  static double between(double[] values, int[] level, int levels) {
    double[] means = means(values, level, levels);
    double grand = 0;
    for (double m : means) {
      grand += m / levels;
    }
    double v = 0;
    for (double m : means) {
      v += (m - grand) * (m - grand) / levels;
    }
    return v;
  }

  /** The pooled variance around each level's mean (divisor n - L). */
  static double within(double[] values, int[] level, int levels) {
    double[] means = means(values, level, levels);
    double ss = 0;
    for (int s = 0; s < values.length; s++) {
      double d = values[s] - means[level[s]];
      ss += d * d;
    }
    return ss / (values.length - levels);
  }

  static double[] means(double[] values, int[] level, int levels) {
    double[] sum = new double[levels];
    int[] count = new int[levels];
    for (int s = 0; s < values.length; s++) {
      sum[level[s]] += values[s];
      count[level[s]]++;
    }
    for (int l = 0; l < levels; l++) {
      sum[l] /= count[l];
    }
    return sum;
  }
}
