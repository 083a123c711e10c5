package org.mlem.core.pairs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeededPermutationTest {
  @Test
  void isAPermutationAndDeterministic() {
    int[] p = SeededPermutation.of(1000, 77);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
    assertArrayEquals(p, SeededPermutation.of(1000, 77));
    assertFalse(Arrays.equals(p, SeededPermutation.of(1000, 78)));
    assertEquals(0, SeededPermutation.of(0, 1).length);
    assertArrayEquals(new int[] {0}, SeededPermutation.of(1, 1));
  }

  @Test
  void allPermutationsOfThreeAreEquallyLikely() {
    Map<String, Integer> counts = new HashMap<>();
    int draws = 60_000;
    for (int k = 0; k < draws; k++) {
      counts.merge(Arrays.toString(SeededPermutation.of(3, PositionalRandom.mix(4, k))), 1,
          Integer::sum);
    }
    assertEquals(6, counts.size());
    for (int c : counts.values()) {
      assertTrue(Math.abs(c - draws / 6.0) < 500, "count " + c + " of " + counts);
    }
  }

  @Test
  void rejectsNegativeSize() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SeededPermutation.of(-1, 0));
    assertEquals("permutation size must be >= 0, found -1", e.getMessage());
  }
}
