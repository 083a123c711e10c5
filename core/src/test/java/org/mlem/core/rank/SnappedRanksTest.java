package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * SnappedRanks must equal the two-step reference, Ranks.average of the TieSnapping-snapped
 * values (sorting the doubles' 64-bit encodings), on random, heavily tied, signed and
 * near-duplicate inputs, and the hand-checkable average ranks of a small tied vector.
 */
class SnappedRanksTest {
  @Test
  void equalsTheAverageRanksOfTheSnappedValues() {
    SplittableRandom random = new SplittableRandom(5);
    for (int n : new int[] {1, 2, 3, 47, 48, 49, 1000, 20000}) {
      for (int kind = 0; kind < 5; kind++) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
          double u = random.nextDouble();
          x[i] = switch (kind) {
            case 0 -> u * 1e3;                                   // distinct
            case 1 -> random.nextInt(7) * 0.1;                   // few values, rounding noise
            case 2 -> (random.nextInt(9) - 4) * 0.3 + u * 1e-14; // ties within the grid, signs
            case 3 -> random.nextInt(3) == 0 ? -0.0 : 0.0;       // all zero
            default -> Math.pow(10, random.nextInt(-20, 5)) * (u - 0.5); // wide range
          };
        }
        double[] before = x.clone();
        double[] expected = Ranks.average(TieSnapping.snap(x));
        assertArrayEquals(expected, SnappedRanks.average(x), "n " + n + ", kind " + kind);
        assertArrayEquals(before, x, "the values are left unchanged");
      }
    }
  }

  @Test
  void handCheckedTies() {
    // 0.1 + 0.2 and 0.3 differ in the last bit but snap together
    double[] x = {0.1 + 0.2, 5, 0.3, -1, 5};
    assertArrayEquals(new double[] {2.5, 4.5, 2.5, 1, 4.5}, SnappedRanks.average(x));
    assertEquals(Spearman.againstRanks(TieSnapping.snap(x), new double[] {1, 2, 3, 4, 5}),
        Spearman.snappedAgainstRanks(x, new double[] {1, 2, 3, 4, 5}));
  }

  @Test
  void rejectsNonFiniteValues() {
    assertThrows(ArithmeticException.class,
        () -> SnappedRanks.average(new double[] {1, Double.NaN}));
    assertThrows(ArithmeticException.class,
        () -> SnappedRanks.average(new double[] {1, Double.POSITIVE_INFINITY}));
  }

  /**
   * Keys whose range and position bits exceed 63 bits take the indirect sort, the others the
   * packed one; both must give the average ranks of the keys (exact as doubles below 2^53).
   */
  @Test
  void averageOfKeysRanksTiedKeysOfAnyRange() {
    SplittableRandom random = new SplittableRandom(9);
    for (long span : new long[] {3, 1L << 20, 1L << 41, 1L << 50, 1L << 55}) {
      for (int n : new int[] {10, 48, 5000}) {
        long[] keys = new long[n];
        double[] asDoubles = new double[n];
        for (int i = 0; i < n; i++) {
          keys[i] = random.nextLong(span) - span / 2;
          if (i > 0 && random.nextInt(3) == 0) {
            keys[i] = keys[random.nextInt(i)];
          }
          asDoubles[i] = keys[i];
        }
        assertArrayEquals(Ranks.average(asDoubles), SnappedRanks.averageOfKeys(keys),
            "span " + span + ", n " + n);
      }
    }
  }

  /**
   * The reusing form writes every rank over whatever its arrays held, and gives the allocating
   * form's ranks for any key range (packed and indirect sorts), with a scratch array too short
   * or absent as well.
   */
  @Test
  void averageOfKeysIntoReusedArraysEqualsTheAllocatingForm() {
    SplittableRandom random = new SplittableRandom(13);
    int n = 3000;
    double[] ranks = new double[n];
    long[] scratch = new long[n];
    for (long span : new long[] {1, 7, 1L << 30, 1L << 52, 1L << 60}) {
      for (long[] work : new long[][] {scratch, null, new long[n - 1]}) {
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
          keys[i] = random.nextLong(span) - span / 2;
        }
        java.util.Arrays.fill(ranks, -1.0);
        java.util.Arrays.fill(scratch, random.nextLong());
        double[] expected = SnappedRanks.averageOfKeys(keys.clone());
        assertSame(ranks, SnappedRanks.averageOfKeys(keys, ranks, work));
        assertArrayEquals(expected, ranks, "span " + span);
      }
    }
    assertThrows(IllegalArgumentException.class,
        () -> SnappedRanks.averageOfKeys(new long[3], new double[2], null));
  }
}
