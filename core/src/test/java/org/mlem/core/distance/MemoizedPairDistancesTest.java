package org.mlem.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The memo returns the wrapped distances exactly, in either order, and stays in its JVM. */
class MemoizedPairDistancesTest {
  private static Representations random(int n, int dims, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    float[] data = new float[n * dims];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) random.nextGaussian();
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add("s" + i);
    }
    return Representations.of(ids, data, dims);
  }

  @Test
  void everyMetricIsReturnedBitForBitInBothOrders() {
    Representations reps = random(23, 37, 3);
    for (NeuralDistance metric : NeuralDistance.values()) {
      RepresentationDistances direct = new RepresentationDistances(reps, metric);
      PairDistances memo = MemoizedPairDistances.ofBudget(direct, 1 << 20);
      assertInstanceOf(MemoizedPairDistances.class, memo);
      assertEquals(23, memo.size());
      for (int round = 0; round < 2; round++) { // the second round reads the memo
        for (int i = 0; i < 23; i++) {
          for (int j = 0; j < 23; j++) {
            assertEquals(direct.distance(i, j), memo.distance(i, j), 0.0,
                metric + " (" + i + ", " + j + ") round " + round);
          }
        }
      }
    }
  }

  /**
   * Positions in any order, a count that is not a multiple of four, an offset, pairs (i, i) and
   * pairs met twice: the batch path writes exactly what {@code distance} returns, for the memo
   * (first call computes, second reads) and for the representation distances it wraps.
   */
  @Test
  void distancesAtEqualDistancePairByPair() {
    Representations reps = random(41, 35, 8);
    SplittableRandom random = new SplittableRandom(2);
    int pairs = 203;
    int[] first = new int[pairs];
    int[] second = new int[pairs];
    for (int k = 0; k < pairs; k++) {
      first[k] = random.nextInt(41);
      second[k] = k % 17 == 0 ? first[k] : random.nextInt(41);
    }
    int[] positions = new int[pairs - 10];
    for (int q = 0; q < positions.length; q++) {
      positions[q] = 10 + (q * 37) % (pairs - 10);
    }
    for (NeuralDistance metric : NeuralDistance.values()) {
      RepresentationDistances direct = new RepresentationDistances(reps, metric);
      PairDistances memo = MemoizedPairDistances.ofBudget(direct, 1 << 20);
      for (PairDistances d : List.of(direct, memo, memo)) {
        double[] out = new double[pairs - 10 + 3];
        java.util.Arrays.fill(out, -1.0);
        d.distancesAt(first, second, positions, positions.length - 2, out, 10);
        for (int q = 0; q < positions.length; q++) {
          int k = positions[q];
          double expected = q < positions.length - 2 ? direct.distance(first[k], second[k]) : -1.0;
          assertEquals(Double.doubleToRawLongBits(expected),
              Double.doubleToRawLongBits(out[k - 10]), metric + " " + d.getClass().getSimpleName()
                  + " position " + k);
        }
      }
    }
  }

  @Test
  void aTriangleOverTheBudgetOrATableIsNotWrapped() {
    RepresentationDistances direct =
        new RepresentationDistances(random(100, 4, 4), NeuralDistance.EUCLIDEAN);
    // 100 stimuli: 4,950 pairs, 39,600 bytes
    assertSame(direct, MemoizedPairDistances.ofBudget(direct, 39_599));
    assertInstanceOf(MemoizedPairDistances.class, MemoizedPairDistances.ofBudget(direct, 39_600));
    PairDistances memo = MemoizedPairDistances.ofBudget(direct, 1 << 20);
    assertSame(memo, MemoizedPairDistances.ofBudget(memo, 1 << 20));
  }

  @Test
  void serializesAsTheWrappedDistances() throws Exception {
    RepresentationDistances direct =
        new RepresentationDistances(random(10, 5, 5), NeuralDistance.COSINE);
    PairDistances memo = MemoizedPairDistances.ofBudget(direct, 1 << 20);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(memo);
    }
    Object back;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = in.readObject();
    }
    RepresentationDistances restored = assertInstanceOf(RepresentationDistances.class, back);
    assertEquals(direct.distance(2, 7), restored.distance(7, 2), 0.0);
  }
}
