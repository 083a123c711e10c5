package org.mlem.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrobeniusTest {

  @Test
  void normAndDistanceMatchHandValues() {
    double[][] a = {{1, 2}, {2, 4}}; // 1 + 4 + 4 + 16 = 25
    double[][] b = {{1, 0}, {0, 1}};
    assertEquals(5.0, Frobenius.norm(a), 1e-15);
    assertEquals(Math.sqrt(0 + 4 + 4 + 9), Frobenius.distance(a, b), 1e-15);
    assertEquals(0.0, Frobenius.distance(a, a), 0.0);
    assertEquals(0.0, Frobenius.norm(new double[][] {{0}}), 0.0);
  }

  @Test
  void noOverflowOrUnderflow() {
    assertEquals(5e300, Frobenius.norm(new double[][] {{3e300, 0}, {0, 4e300}}), 1e286);
    assertEquals(5e-300, Frobenius.norm(new double[][] {{3e-300, 0}, {0, 4e-300}}), 1e-314);
  }

  @Test
  void shapeMistakesAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Frobenius.distance(new double[][] {{1, 2}, {3, 4}}, new double[][] {{1}}));
    assertEquals("a and b must have the same shape, found 2 x 2 and 1 x 1", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Frobenius.norm(new double[][] {{1, 2}, {3}}));
    assertEquals("a must be a square 2 x 2 matrix, but row 1 has 1 columns", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Frobenius.norm(new double[][] {{1, Double.NaN}, {3, 4}}));
    assertEquals("a must have finite entries, found NaN at (0, 1)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Frobenius.norm(new double[0][0]));
  }
}
