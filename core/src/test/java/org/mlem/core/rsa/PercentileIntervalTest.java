package org.mlem.core.rsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PercentileIntervalTest {
  @Test
  void linearInterpolationAsNumpyPercentile() {
    // numpy.percentile([1, 2, 3, 4, 5], [2.5, 97.5]) = [1.1, 4.9]: positions 0.1 and 3.9
    PercentileInterval ci = PercentileInterval.of(new double[] {5, 3, 1, 4, 2}, 0.95);
    assertEquals(1.1, ci.low(), 1e-15);
    assertEquals(4.9, ci.high(), 1e-15);
    assertEquals(5, ci.used());
  }

  @Test
  void undefinedReplicatesAreLeftOut() {
    PercentileInterval ci = PercentileInterval.of(new double[] {Double.NaN, 2, 2, Double.NaN},
        0.95);
    assertEquals(2.0, ci.low(), 0.0);
    assertEquals(2.0, ci.high(), 0.0);
    assertEquals(2, ci.used());
    PercentileInterval none = PercentileInterval.of(new double[] {Double.NaN}, 0.95);
    assertTrue(Double.isNaN(none.low()) && none.used() == 0);
    assertThrows(IllegalArgumentException.class, () -> PercentileInterval.of(new double[1], 1));
  }
}
