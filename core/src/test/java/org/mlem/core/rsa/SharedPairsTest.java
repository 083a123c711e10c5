package org.mlem.core.rsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedPairsTest {
  @Test
  void allPairsInLowerTriangularOrderWithinTheBudget() {
    SharedPairs p = SharedPairs.of(4, 6, 1);
    assertTrue(p.all());
    // (1,0), (2,0), (2,1), (3,0), (3,1), (3,2) as (first, second) = (b, a)
    assertArrayEquals(new int[] {0, 0, 1, 0, 1, 2}, p.pairs().first());
    assertArrayEquals(new int[] {1, 2, 2, 3, 3, 3}, p.pairs().second());
  }

  @Test
  void aSampleHasExactlyTheBudgetOfDistinctPairsAndDependsOnlyOnTheSeed() {
    int n = 300;
    SharedPairs p = SharedPairs.of(n, 5000, 7);
    assertFalse(p.all());
    assertEquals(5000, p.size());
    Set<Long> seen = new HashSet<>();
    long previous = -1;
    for (int k = 0; k < p.size(); k++) {
      int b = p.pairs().first()[k];
      int a = p.pairs().second()[k];
      assertTrue(0 <= b && b < a && a < n, b + "," + a);
      long number = (long) a * (a - 1) / 2 + b;
      assertTrue(seen.add(number), "pair " + b + "," + a + " twice");
      assertTrue(number > previous, "sorted");
      previous = number;
    }
    assertEquals(p, SharedPairs.of(n, 5000, 7));
    assertNotEquals(p, SharedPairs.of(n, 5000, 8));
    // every stimulus is in some pair of a sample this size (each has ~33 expected)
    Set<Integer> used = new HashSet<>();
    for (int k = 0; k < p.size(); k++) {
      used.add(p.pairs().first()[k]);
      used.add(p.pairs().second()[k]);
    }
    assertEquals(n, used.size());
  }

  @Test
  void theRowOfAPairNumberIsExact() {
    for (long a = 1; a < 3000; a++) {
      long first = a * (a - 1) / 2;
      assertEquals(a, SharedPairs.row(first));
      assertEquals(a, SharedPairs.row(first + a - 1));
    }
    long big = 3_000_000_000L;
    long start = big * (big - 1) / 2;
    assertEquals(big, SharedPairs.row(start));
    assertEquals(big - 1, SharedPairs.row(start - 1));
  }

  @Test
  void badArgumentsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> SharedPairs.of(1, 10, 0));
    assertThrows(IllegalArgumentException.class, () -> SharedPairs.of(10, 0, 0));
  }
}
