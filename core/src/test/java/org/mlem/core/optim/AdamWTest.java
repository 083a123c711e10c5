package org.mlem.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AdamWTest {
  /** Hand-computed values are written to 16 significant digits. */
  private static final double HAND = 1e-14;

  /**
   * Defaults (lr 0.1, betas 0.9 / 0.999, eps 1e-8, no decay), one parameter p = 1.
   *
   * <p>Step 1, g = 2: m = 0.1 * 2 = 0.2, v = 0.001 * 4 = 0.004, mhat = 0.2 / 0.1 = 2,
   * vhat = 0.004 / 0.001 = 4, p = 1 + 0.1 * 2 / (2 + 1e-8) = 1.0999999995.
   *
   * <p>Step 2, g = -1: m = 0.9 * 0.2 - 0.1 = 0.08, v = 0.999 * 0.004 + 0.001 = 0.004996,
   * mhat = 0.08 / (1 - 0.81) = 0.4210526315789474, vhat = 0.004996 / (1 - 0.998001)
   * = 2.499249624812406, p = 1.0999999995 + 0.1 * 0.4210526315789474 / (sqrt(2.499249624812406)
   * + 1e-8) = 1.126633703297569.
   */
  @Test
  void firstStepsMatchValuesComputedByHand() {
    AdamW adam = new AdamW(AdamWConfig.defaults(), 1);
    double[] p = {1.0};
    adam.ascend(p, new double[] {2.0});
    assertEquals(1.0999999995, p[0], HAND);
    assertEquals(1, adam.stepCount());
    adam.ascend(p, new double[] {-1.0});
    assertEquals(1.126633703297569, p[0], HAND);
    assertEquals(2, adam.stepCount());
  }

  /**
   * Decoupled weight decay is applied to the parameter before the Adam step and is not part of
   * the moments: p = 1 * (1 - 0.1 * 0.01) + 0.1 * 2 / (2 + 1e-8) = 1.0989999995.
   */
  @Test
  void weightDecayIsDecoupled() {
    AdamW adam = new AdamW(new AdamWConfig(0.1, 0.9, 0.999, 1e-8, 0.01), 1);
    double[] p = {1.0};
    adam.ascend(p, new double[] {2.0});
    assertEquals(1.0989999995, p[0], HAND);
  }

  /** Each coordinate has its own moments: the first step moves every one by about lr * sign(g). */
  @Test
  void coordinatesAreIndependentAndTheFirstStepIsSignLike() {
    AdamW adam = new AdamW(AdamWConfig.defaults(), 3);
    double[] p = {0, 0, 5};
    adam.ascend(p, new double[] {1e-3, -50, 0});
    assertArrayEquals(new double[] {0.1, -0.1, 5}, p, 1e-6);
  }

  /** Maximizes f(p) = -sum_k (k + 1) (p_k - c_k)^2, whose gradient is -2 (k + 1) (p - c). */
  @Test
  void climbsAConcaveQuadraticToItsMaximum() {
    double[] c = {1.5, -2.0, 0.25, 3.0};
    double[] p = new double[c.length];
    double[] g = new double[c.length];
    AdamW adam = new AdamW(AdamWConfig.defaults(), c.length);
    for (int step = 0; step < 2000; step++) {
      for (int k = 0; k < c.length; k++) {
        g[k] = -2.0 * (k + 1) * (p[k] - c[k]);
      }
      adam.ascend(p, g);
    }
    assertArrayEquals(c, p, 1e-3);
  }

  @Test
  void mistakesAndNonFiniteGradientsAreReported() {
    AdamW adam = new AdamW(AdamWConfig.defaults(), 2);
    assertEquals(
        "gradient must have length 2, found 3",
        assertThrows(
                IllegalArgumentException.class,
                () -> adam.ascend(new double[2], new double[3]))
            .getMessage());
    double[] p = {1, 2};
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> adam.ascend(p, new double[] {0, Double.NaN}));
    assertEquals("AdamW step 1: gradient[1] is NaN, must be finite", e.getMessage());
    assertArrayEquals(new double[] {1, 2}, p, 0.0, "nothing updated");
    assertEquals(0, adam.stepCount());
    assertEquals(
        "parameterCount must be >= 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> new AdamW(AdamWConfig.defaults(), 0))
            .getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> new AdamW(null, 1))
            .getMessage()
            .contains("config"));
  }
}
