package org.mlem.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AdamWConfigTest {
  @Test
  void defaultsAreTheSpecs() {
    assertEquals(new AdamWConfig(0.1, 0.9, 0.999, 1e-8, 0.0), AdamWConfig.defaults());
  }

  @Test
  void boundaryValuesAreAccepted() {
    AdamWConfig config = new AdamWConfig(1e-12, 0.0, 0.0, 1e-300, 0.0);
    assertEquals(0.0, config.beta1());
  }

  @Test
  void invalidValuesAreExplained() {
    assertMessage("lr must be > 0 and finite, found -0.1", () -> new AdamWConfig(-0.1, 0.9, 0.999, 1e-8, 0));
    assertMessage("lr must be > 0 and finite, found 0.0", () -> new AdamWConfig(0, 0.9, 0.999, 1e-8, 0));
    assertMessage("lr must be > 0 and finite, found NaN", () -> new AdamWConfig(Double.NaN, 0.9, 0.999, 1e-8, 0));
    assertMessage("lr must be > 0 and finite, found Infinity", () -> new AdamWConfig(Double.POSITIVE_INFINITY, 0.9, 0.999, 1e-8, 0));
    assertMessage("beta1 must be in [0, 1), found 1.0", () -> new AdamWConfig(0.1, 1.0, 0.999, 1e-8, 0));
    assertMessage("beta1 must be in [0, 1), found -0.5", () -> new AdamWConfig(0.1, -0.5, 0.999, 1e-8, 0));
    assertMessage("beta2 must be in [0, 1), found NaN", () -> new AdamWConfig(0.1, 0.9, Double.NaN, 1e-8, 0));
    assertMessage("adam-epsilon must be > 0 and finite, found 0.0", () -> new AdamWConfig(0.1, 0.9, 0.999, 0, 0));
    assertMessage("weight-decay must be >= 0 and finite, found -1.0E-4", () -> new AdamWConfig(0.1, 0.9, 0.999, 1e-8, -1e-4));
  }

  private static void assertMessage(String expected, Runnable construct) {
    assertEquals(
        expected, assertThrows(IllegalArgumentException.class, construct::run).getMessage());
  }
}
