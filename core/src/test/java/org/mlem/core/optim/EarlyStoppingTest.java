package org.mlem.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {
  @Test
  void keepsACopyOfTheBestParametersAndStopsAfterPatience() {
    EarlyStopping stopping = new EarlyStopping(2);
    assertEquals(-1, stopping.bestStep());
    assertEquals(Double.NEGATIVE_INFINITY, stopping.bestScore());
    double[] params = {1, 2};
    assertTrue(stopping.observe(0, 0.3, params));
    params[0] = 99; // the caller keeps updating its array in place
    assertTrue(stopping.observe(1, 0.5, params));
    params[0] = -7;
    assertFalse(stopping.observe(2, 0.5, params), "equal is not an improvement");
    assertEquals(1, stopping.stepsSinceImprovement());
    assertFalse(stopping.shouldStop());
    assertFalse(stopping.observe(3, 0.1, params));
    assertTrue(stopping.shouldStop());
    assertEquals(1, stopping.bestStep());
    assertEquals(0.5, stopping.bestScore());
    assertArrayEquals(new double[] {99, 2}, stopping.bestParameters(), 0.0);
    stopping.bestParameters()[0] = 0; // a copy each time
    assertArrayEquals(new double[] {99, 2}, stopping.bestParameters(), 0.0);
  }

  @Test
  void anImprovementResetsTheCount() {
    EarlyStopping stopping = new EarlyStopping(3);
    double[] p = {0};
    stopping.observe(0, -0.2, p);
    stopping.observe(1, -0.3, p);
    stopping.observe(2, -0.4, p);
    assertEquals(2, stopping.stepsSinceImprovement());
    assertTrue(stopping.observe(3, -0.1, p));
    assertEquals(0, stopping.stepsSinceImprovement());
    assertFalse(stopping.shouldStop());
  }

  @Test
  void mistakesAndNonFiniteScoresAreReported() {
    assertEquals(
        "patience must be >= 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0)).getMessage());
    EarlyStopping stopping = new EarlyStopping(1);
    assertThrows(IllegalStateException.class, stopping::bestParameters);
    ArithmeticException e =
        assertThrows(ArithmeticException.class, () -> stopping.observe(17, Double.NaN, new double[1]));
    assertEquals("score at step 17 is NaN, must be finite", e.getMessage());
    assertThrows(
        ArithmeticException.class,
        () -> stopping.observe(18, Double.POSITIVE_INFINITY, new double[1]));
    assertEquals(0, stopping.stepsSinceImprovement(), "nothing recorded");
  }
}
