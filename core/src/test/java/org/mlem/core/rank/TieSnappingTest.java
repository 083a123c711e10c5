package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Snapping ties values equal up to rounding and keeps distinct values distinct. */
class TieSnappingTest {
  @Test
  void tiesValuesThatDifferOnlyByRounding() {
    double a = 0.1 + 0.7; // 0.7999999999999999 in floating point
    double b = 0.5 + 0.3;       // 0.8
    assertNotEquals(a, b);
    double[] s = TieSnapping.snap(new double[] {a, b, 2.3});
    assertEquals(s[0], s[1]);
    assertNotEquals(s[0], s[2]);
    // Spearman of the snapped values treats them as one tie group
    double[] y = {1, 2, 3};
    assertEquals(Spearman.exact(new double[] {1, 1, 2}, y), Spearman.exact(s, y), 1e-15);
  }

  @Test
  void keepsValuesFartherApartThanTheGrid() {
    double[] s = TieSnapping.snap(new double[] {1.0, 1.0 + 1e-9, 0.0});
    assertNotEquals(s[0], s[1]);
    assertEquals(0.0, s[2]);
  }

  @Test
  void rejectsNonFiniteValues() {
    assertThrows(ArithmeticException.class, () -> TieSnapping.snap(new double[] {1, Double.NaN}));
  }
}
