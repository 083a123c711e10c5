package org.mlem.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SimRandomTest {
  private static final int DRAWS = 200_000;
  /** About 5 standard errors of a mean of DRAWS unit-variance values. */
  private static final double MEAN_TOLERANCE = 5.0 / Math.sqrt(DRAWS);

  @Test
  void nextMatchesSplittableRandomWhichUsesTheSameSplitMix64() {
    // SplittableRandom(seed).nextLong() is SplitMix64 with the golden gamma: an independent oracle.
    SimRandom ours = new SimRandom(42);
    SplittableRandom jdk = new SplittableRandom(42);
    for (int k = 0; k < 1000; k++) {
      assertEquals(jdk.nextLong(), ours.next());
    }
  }

  @Test
  void sameSeedGivesSameStream() {
    SimRandom a = new SimRandom(7);
    SimRandom b = new SimRandom(7);
    for (int k = 0; k < 100; k++) {
      assertEquals(Double.doubleToRawLongBits(a.gaussian()), Double.doubleToRawLongBits(b.gaussian()));
      assertEquals(a.below(13), b.below(13));
    }
  }

  @Test
  void uniformIsInUnitIntervalWithMeanOneHalf() {
    SimRandom random = new SimRandom(1);
    double sum = 0;
    for (int k = 0; k < DRAWS; k++) {
      double u = random.uniform();
      assertTrue(u >= 0 && u < 1, "uniform out of [0, 1): " + u);
      sum += u;
    }
    assertEquals(0.5, sum / DRAWS, MEAN_TOLERANCE * Math.sqrt(1.0 / 12));
  }

  @Test
  void gaussianHasZeroMeanAndUnitVariance() {
    SimRandom random = new SimRandom(2);
    double sum = 0;
    double sumSquares = 0;
    for (int k = 0; k < DRAWS; k++) {
      double g = random.gaussian();
      sum += g;
      sumSquares += g * g;
    }
    assertEquals(0.0, sum / DRAWS, MEAN_TOLERANCE);
    assertEquals(1.0, sumSquares / DRAWS, MEAN_TOLERANCE * Math.sqrt(2));
  }

  @Test
  void belowIsUniformOverItsRange() {
    SimRandom random = new SimRandom(3);
    int bound = 7;
    int[] counts = new int[bound];
    for (int k = 0; k < DRAWS; k++) {
      counts[random.below(bound)]++;
    }
    double expected = (double) DRAWS / bound;
    for (int count : counts) {
      assertEquals(expected, count, 5 * Math.sqrt(expected));
    }
    assertEquals(0, random.below(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> random.below(0));
    assertEquals("bound must be >= 1, found 0", e.getMessage());
  }

  @Test
  void derivedStreamsDiffer() {
    assertNotEquals(SimRandom.derive(5, 1), SimRandom.derive(5, 2));
    assertNotEquals(SimRandom.derive(5, 1), SimRandom.derive(6, 1));
    assertEquals(SimRandom.derive(5, 1), SimRandom.derive(5, 1));
  }
}
