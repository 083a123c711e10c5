package org.mlem.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NeuralDistanceTest {
  @Test
  void parsesEveryCliNameBack() {
    for (NeuralDistance d : NeuralDistance.values()) {
      assertEquals(d, NeuralDistance.parse(d.cliName()));
    }
    assertEquals("norm_diff", NeuralDistance.NORM_DIFF.cliName());
    assertEquals(NeuralDistance.COSINE, NeuralDistance.parse(" Cosine "));
  }

  @Test
  void unknownNameListsAcceptedNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NeuralDistance.parse("cityblock"));
    assertEquals(
        "neural distance must be one of euclidean, sqeuclidean, manhattan, cosine, correlation,"
            + " norm_diff, found 'cityblock'",
        e.getMessage());
  }
}
