package org.mlem.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mlem.core.testing.GradientCheck;

class SoftplusTest {
  @Test
  void valuesMatchTheDefinitionAndStayFiniteAtTheExtremes() {
    assertEquals(Math.log(2), Softplus.value(0), 1e-15);
    assertEquals(Math.log(1 + Math.exp(1.5)), Softplus.value(1.5), 1e-15);
    assertEquals(Math.log(1 + Math.exp(-1.5)), Softplus.value(-1.5), 1e-15);
    assertEquals(1000.0, Softplus.value(1000), 0.0); // naive log(1 + e^1000) overflows
    assertEquals(Math.exp(-50), Softplus.value(-50), 1e-30);
    assertEquals(0.0, Softplus.value(-1000), 0.0);
  }

  @Test
  void derivativeIsTheLogisticFunction() {
    assertEquals(0.5, Softplus.derivative(0), 0.0);
    assertEquals(1.0, Softplus.derivative(1000), 0.0);
    assertEquals(0.0, Softplus.derivative(-1000), 0.0);
    assertEquals(Math.exp(-40) / (1 + Math.exp(-40)), Softplus.derivative(-40), 1e-30);
    for (double x : new double[] {-20, -3, -0.1, 0.1, 2, 25}) {
      double[] at = {x};
      GradientCheck.assertMatches(
          v -> Softplus.value(v[0]), at, new double[] {Softplus.derivative(x)});
    }
  }
}
