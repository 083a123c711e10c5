package org.mlem.core.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IndexSortTest {
  /** The JDK's stable merge sort of boxed indices, -0.0 equal to 0.0: the reference order. */
  private static int[] reference(double[] keys) {
    Integer[] order = IntStream.range(0, keys.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble(i -> keys[i] == 0.0 ? 0.0 : keys[i]));
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  private static int[] sorted(double[] keys) {
    int[] order = IntStream.range(0, keys.length).toArray();
    IndexSort.sortStable(keys, order);
    return order;
  }

  @Test
  void ordersLikeAStableComparisonSortWithTiesSignsAndWideExponents() {
    SplittableRandom random = new SplittableRandom(5);
    for (int n : new int[] {1, 7, 47, 48, 49, 1000, 100_003}) {
      double[] keys = new double[n];
      for (int i = 0; i < n; i++) {
        double u = random.nextDouble();
        keys[i] = u < 0.1 ? 0.0 : u < 0.15 ? -0.0 : u < 0.3 ? Math.floor(random.nextDouble() * 5)
            : (random.nextBoolean() ? 1 : -1) * Math.exp(random.nextGaussian() * 30);
      }
      assertArrayEquals(reference(keys), sorted(keys), "n = " + n);
    }
  }

  @Test
  void sortsOnlyTheGivenIndicesKeepingTheirOrderAmongTies() {
    double[] keys = {3, 1, 2, 1, 0, 1};
    int[] order = {5, 3, 1, 0};
    IndexSort.sortStable(keys, order);
    assertArrayEquals(new int[] {5, 3, 1, 0}, order);
    int[] many = IntStream.range(0, 60).map(i -> 59 - i).toArray();
    double[] constant = new double[60];
    IndexSort.sortStable(constant, many);
    assertArrayEquals(IntStream.range(0, 60).map(i -> 59 - i).toArray(), many);
  }

  /**
   * Large inputs take the bucketed path (a pass by the top 16 bits, then each bucket by its low
   * 48 bits): keys of one narrow range (few, large buckets: 12-bit digits), squares of [0, 1)
   * values as the training targets are (many exponents: small buckets, 8-bit digits and
   * insertion sort), and heavy ties (identical feature-distance rows predict equal distances),
   * at and around the size where that path starts.
   */
  @Test
  void largeInputsOrderLikeAStableComparisonSort() {
    SplittableRandom random = new SplittableRandom(17);
    for (int n : new int[] {65_535, 65_536, 300_001}) {
      double[] narrow = new double[n];
      double[] squares = new double[n];
      double[] ties = new double[n];
      for (int i = 0; i < n; i++) {
        narrow[i] = 0.5 + random.nextDouble() * 0.01;
        double u = random.nextDouble();
        squares[i] = u * u;
        ties[i] = random.nextInt(40) * 0.125 + (random.nextInt(4) == 0 ? 1e-9 * i : 0.0);
      }
      assertArrayEquals(reference(narrow), sorted(narrow), "narrow, n = " + n);
      assertArrayEquals(reference(squares), sorted(squares), "squares, n = " + n);
      assertArrayEquals(reference(ties), sorted(ties), "ties, n = " + n);
    }
  }
}
