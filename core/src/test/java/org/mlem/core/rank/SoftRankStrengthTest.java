package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SoftRankStrengthTest {

  @Test
  void resolvesAbsoluteAndRelativeStrengths() {
    double[] values = {1, 2, 3, 4}; // population std sqrt(1.25)
    assertEquals(0.7, SoftRankStrength.absolute(0.7).resolve(values), 0.0);
    assertEquals(2.0 * Math.sqrt(1.25) / 4, SoftRankStrength.relative(2.0).resolve(values), 1e-15);
    // Relative strength scales with the values, so the soft ranks do not depend on their scale.
    double[] scaled = {1000, 2000, 3000, 4000};
    assertEquals(1000 * SoftRankStrength.relative(1.0).resolve(values),
        SoftRankStrength.relative(1.0).resolve(scaled), 1e-12);
  }

  @Test
  void relativeStrengthOfConstantValuesIsAnArithmeticError() {
    ArithmeticException e = assertThrows(
        ArithmeticException.class, () -> SoftRankStrength.relative(1.0).resolve(new double[] {0.1, 0.1, 0.1}));
    assertTrue(e.getMessage().contains("values are constant"), e.getMessage());
  }

  @Test
  void parsesAndPrintsTheTextForm() {
    assertEquals(SoftRankStrength.absolute(1.0), SoftRankStrength.parse("absolute:1.0"));
    assertEquals(SoftRankStrength.relative(0.25), SoftRankStrength.parse(" Relative : 0.25 "));
    assertEquals(SoftRankStrength.relative(1.0), SoftRankStrength.parse("relative"));
    assertEquals("relative:0.25", SoftRankStrength.relative(0.25).toString());
    assertEquals("absolute:1.0", SoftRankStrength.absolute(1.0).toString());
    SoftRankStrength s = SoftRankStrength.absolute(3e-4);
    assertEquals(s, SoftRankStrength.parse(s.toString()));
  }

  @Test
  void rejectsInvalidInput() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SoftRankStrength.parse("fixed:1.0"));
    assertTrue(e.getMessage().contains("\"absolute:<eps>\", \"relative:<c>\""), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> SoftRankStrength.parse("absolute:abc"));
    assertTrue(e.getMessage().contains("invalid number \"abc\""), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SoftRankStrength.parse("relative:-1"));
    assertThrows(IllegalArgumentException.class, () -> SoftRankStrength.parse(null));
    e = assertThrows(IllegalArgumentException.class, () -> SoftRankStrength.absolute(0));
    assertEquals("soft rank strength value must be finite and > 0, found 0.0", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SoftRankStrength.relative(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> new SoftRankStrength(null, 1.0));
  }
}
