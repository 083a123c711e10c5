package org.mlem.core.pairs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PositionalRandomTest {
  @Test
  void overloadsAgreeWithVarargs() {
    long seed = 42L;
    assertEquals(PositionalRandom.mix(seed, new long[] {7}), PositionalRandom.mix(seed, 7));
    assertEquals(PositionalRandom.mix(seed, new long[] {7, 8}), PositionalRandom.mix(seed, 7, 8));
    assertEquals(
        PositionalRandom.mix(seed, new long[] {7, 8, 9}), PositionalRandom.mix(seed, 7, 8, 9));
  }

  @Test
  void positionOrderAndSeedMatter() {
    assertNotEquals(PositionalRandom.mix(1, 2, 3), PositionalRandom.mix(1, 3, 2));
    assertNotEquals(PositionalRandom.mix(1, 2, 3), PositionalRandom.mix(2, 2, 3));
    assertNotEquals(PositionalRandom.mix(1, 0), PositionalRandom.mix(1, 0, 0));
  }

  @Test
  void avalancheFlipsAboutHalfTheBits() {
    long total = 0;
    int trials = 2000;
    for (int t = 0; t < trials; t++) {
      long base = PositionalRandom.mix(5, t);
      long flipped = PositionalRandom.mix(5, t ^ (1L << (t % 64)));
      total += Long.bitCount(base ^ flipped);
    }
    double mean = (double) total / trials;
    assertEquals(32.0, mean, 1.0, "mean number of output bits flipped by one input bit");
  }

  @Test
  void uniformIsInUnitIntervalWithMeanHalf() {
    double sum = 0;
    int count = 100_000;
    for (int k = 0; k < count; k++) {
      double u = PositionalRandom.uniform(PositionalRandom.mix(3, k));
      assertTrue(u >= 0.0 && u < 1.0, "u = " + u);
      sum += u;
    }
    assertEquals(0.5, sum / count, 0.005);
    assertEquals(0.0, PositionalRandom.uniform(0L));
    assertTrue(PositionalRandom.uniform(-1L) < 1.0);
  }

  @Test
  void belowIsInRangeAndRoughlyUniform() {
    int bound = 7;
    int[] counts = new int[bound];
    int draws = 70_000;
    for (int k = 0; k < draws; k++) {
      long v = PositionalRandom.below(PositionalRandom.mix(11, k), bound);
      assertTrue(v >= 0 && v < bound);
      counts[(int) v]++;
    }
    double chi2 = 0;
    double expected = (double) draws / bound;
    for (int c : counts) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    // 6 degrees of freedom: P(chi2 > 30) < 1e-4.
    assertTrue(chi2 < 30, "chi2 = " + chi2);
  }

  @Test
  void belowHandlesHugeBoundsAndRejectsBadOnes() {
    long bound = (1L << 62) + 12345;
    double sum = 0;
    for (int k = 0; k < 10_000; k++) {
      long v = PositionalRandom.below(PositionalRandom.mix(1, k), bound);
      assertTrue(v >= 0 && v < bound);
      sum += v / (double) bound;
    }
    assertEquals(0.5, sum / 10_000, 0.02);
    assertEquals(0, PositionalRandom.below(123, 1));
    assertEquals(Long.MAX_VALUE - 1, PositionalRandom.below(-1L, Long.MAX_VALUE));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PositionalRandom.below(1, 0));
    assertEquals("bound must be >= 1, found 0", e.getMessage());
  }

  @Test
  void gaussianHasStandardMoments() {
    int count = 200_000;
    double sum = 0;
    double sumSq = 0;
    int beyond2 = 0;
    for (int k = 0; k < count; k++) {
      double g = PositionalRandom.gaussian(PositionalRandom.mix(9, k));
      assertTrue(Double.isFinite(g));
      sum += g;
      sumSq += g * g;
      if (Math.abs(g) > 1.959964) {
        beyond2++;
      }
    }
    assertEquals(0.0, sum / count, 0.01);
    assertEquals(1.0, sumSq / count, 0.015);
    assertEquals(0.05, (double) beyond2 / count, 0.003);
    assertTrue(Double.isFinite(PositionalRandom.gaussian(0L)));
  }
}
