package org.mlem.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.ToDoubleFunction;

/**
 * Compares a hand-written gradient with central finite differences of a scalar function, in
 * double precision. Shared by every backward-pass test (STYLE.md, rule 8).
 */
public final class GradientCheck {
  /** Default step of the central differences. */
  public static final double STEP = 1e-6;

  private GradientCheck() {}

  /** Central finite-difference gradient of {@code f} at {@code x} (x is restored afterwards). */
  public static double[] numerical(ToDoubleFunction<double[]> f, double[] x, double step) {
    double[] g = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      double saved = x[k];
      x[k] = saved + step;
      double plus = f.applyAsDouble(x);
      x[k] = saved - step;
      double minus = f.applyAsDouble(x);
      x[k] = saved;
      g[k] = (plus - minus) / (2 * step);
    }
    return g;
  }

  /**
   * Fails unless {@code analytic} matches the finite-difference gradient of {@code f} at
   * {@code x}: the relative error ||a - n|| / max(||a||, ||n||) must be below
   * {@link Tolerances#GRADIENT_RELATIVE}, or both norms below {@link Tolerances#GRADIENT_ABSOLUTE}.
   */
  public static void assertMatches(ToDoubleFunction<double[]> f, double[] x, double[] analytic) {
    assertMatches(f, x, analytic, STEP, Tolerances.GRADIENT_RELATIVE);
  }

  /** As {@link #assertMatches(ToDoubleFunction, double[], double[])} with a chosen step and tolerance. */
  public static void assertMatches(
      ToDoubleFunction<double[]> f, double[] x, double[] analytic, double step, double relTol) {
    double[] numeric = numerical(f, x.clone(), step);
    if (numeric.length != analytic.length) {
      fail("gradient has length " + analytic.length + " but the function has " + numeric.length + " inputs");
    }
    double diff = 0;
    double na = 0;
    double nn = 0;
    for (int k = 0; k < numeric.length; k++) {
      diff += (analytic[k] - numeric[k]) * (analytic[k] - numeric[k]);
      na += analytic[k] * analytic[k];
      nn += numeric[k] * numeric[k];
    }
    diff = Math.sqrt(diff);
    double scale = Math.max(Math.sqrt(na), Math.sqrt(nn));
    if (scale < Tolerances.GRADIENT_ABSOLUTE) {
      return;
    }
    double rel = diff / scale;
    if (!(rel < relTol)) {
      StringBuilder sb = new StringBuilder();
      sb.append("gradient check failed: relative error ").append(rel).append(" >= ").append(relTol);
      for (int k = 0; k < Math.min(numeric.length, 12); k++) {
        sb.append("\n  [").append(k).append("] analytic=").append(analytic[k]).append(" numeric=").append(numeric[k]);
      }
      fail(sb.toString());
    }
  }
}
