package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CorrelationTest {

  @Test
  void matchesHandComputedValue() {
    // x = (1, 2, 3, 4), y = (2, 1, 4, 3): centred sums sxy = 3, sxx = syy = 5, r = 0.6.
    assertEquals(0.6, Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3}), 1e-15);
    assertEquals(-1.0, Correlation.pearson(new double[] {1, 2}, new double[] {5, -5}), 1e-15);
  }

  @Test
  void twoPassKeepsAccuracyUnderALargeOffset() {
    double[] x = {1, 2, 3, 4};
    double[] y = {2, 1, 4, 3};
    for (int i = 0; i < 4; i++) {
      x[i] += 1e9;
      y[i] -= 3e8;
    }
    assertEquals(0.6, Correlation.pearson(x, y), 1e-12);
  }

  @Test
  void constantVectorIsAnArithmeticError() {
    double[] x = new double[20000];
    double[] y = new double[20000];
    for (int i = 0; i < x.length; i++) {
      x[i] = 0.1;
      y[i] = i;
    }
    ArithmeticException e = assertThrows(ArithmeticException.class, () -> Correlation.pearson(x, y));
    assertEquals("Pearson correlation undefined: x is constant over its 20000 values", e.getMessage());
    e = assertThrows(ArithmeticException.class, () -> Correlation.pearson(y, x));
    assertEquals("Pearson correlation undefined: y is constant over its 20000 values", e.getMessage());
  }

  @Test
  void callerMistakesAreRejected() {
    IllegalArgumentException e = assertThrows(
        IllegalArgumentException.class, () -> Correlation.pearson(new double[] {1, 2}, new double[] {1, 2, 3}));
    assertEquals("x and y must have the same length, found 2 and 3", e.getMessage());
    e = assertThrows(
        IllegalArgumentException.class, () -> Correlation.pearson(new double[] {1}, new double[] {1}));
    assertEquals("vectors must have length >= 2, found 1", e.getMessage());
    e = assertThrows(
        IllegalArgumentException.class,
        () -> Correlation.pearson(new double[] {1, 2, 3}, new double[] {1, Double.POSITIVE_INFINITY, 3}));
    assertEquals("y must contain only finite values, found Infinity at position 1", e.getMessage());
  }
}
