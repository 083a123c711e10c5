package org.mlem.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FisherZTest {

  @Test
  void averagesInTheZDomain() {
    assertEquals(0.3, FisherZ.average(0.3), 1e-15);
    // tanh((atanh(0.2) + atanh(0.6)) / 2), atanh(r) = log((1 + r) / (1 - r)) / 2
    double z = (0.5 * Math.log(1.2 / 0.8) + 0.5 * Math.log(1.6 / 0.4)) / 2;
    assertEquals(Math.tanh(z), FisherZ.average(0.2, 0.6), 1e-15);
    assertEquals(0.0, FisherZ.average(0.5, -0.5), 1e-15);
    assertTrue(FisherZ.average(0.2, 0.6) > 0.4, "z-average weighs large correlations more");
  }

  @Test
  void perfectCorrelationsAreClamped() {
    double avg = FisherZ.average(1.0, 0.0);
    // atanh(1 - 1e-15) is about 17.6; half of it gives tanh(8.8) ~ 0.99999995.
    assertTrue(avg > 0.9999 && avg < 1.0, "found " + avg);
    assertEquals(1.0, FisherZ.average(1.0, 1.0), 1e-14);
    assertEquals(-1.0, FisherZ.average(-1.0), 1e-14);
  }

  @Test
  void errors() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> FisherZ.average(0.5, 1.5));
    assertEquals("correlations must be in [-1, 1], found 1.5 at position 1", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> FisherZ.average(Double.NaN));
    assertThrows(IllegalArgumentException.class, FisherZ::average);
  }
}
