package org.mlem.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ParametrizationsTest {
  @Test
  void eachModelGetsItsParametrization() {
    MetricParametrization spd = Parametrizations.of(Model.MLEM, 4, true);
    assertInstanceOf(ProjectedSpdMetric.class, spd);
    assertEquals(4, spd.featureCount());
    assertInstanceOf(ProjectedDiagonalMetric.class, Parametrizations.of(Model.MLEM, 4, false));
    assertInstanceOf(SoftplusDiagonalMetric.class, Parametrizations.of(Model.FRRSA, 4, false));
    MetricParametrization symmetric = Parametrizations.of(Model.FRRSA_I, 3, true);
    assertInstanceOf(SymmetricMetric.class, symmetric);
    assertEquals(6, symmetric.parameterCount());
  }

  @Test
  void interactionFlagsTheModelCannotHonourAreRejected() {
    String frrsa =
        assertThrows(IllegalArgumentException.class, () -> Parametrizations.of(Model.FRRSA, 3, true))
            .getMessage();
    assertTrue(frrsa.startsWith("interactions must be false for model frrsa, found true"), frrsa);
    assertTrue(frrsa.contains("frrsa-i"), frrsa);
    String frrsaI =
        assertThrows(
                IllegalArgumentException.class, () -> Parametrizations.of(Model.FRRSA_I, 3, false))
            .getMessage();
    assertTrue(frrsaI.startsWith("interactions must be true for model frrsa-i, found false"), frrsaI);
  }

  @Test
  void nullModelAndBadFeatureCountAreRejected() {
    assertEquals(
        "model must not be null",
        assertThrows(IllegalArgumentException.class, () -> Parametrizations.of(null, 3, true))
            .getMessage());
    assertEquals(
        "featureCount must be >= 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> Parametrizations.of(Model.MLEM, 0, true))
            .getMessage());
  }
}
