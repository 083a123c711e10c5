package org.mlem.core.metric;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SparseDeltasTest {
  /**
   * Two features, W = [[2, 0.5], [0.5, 3]] (coefficients in term order W00, W10, W11):
   * s = 2 d0^2 + 2 (0.5) d0 d1 + 3 d1^2 by hand, and Phi^T g with phi = (d0^2, 2 d0 d1, d1^2).
   */
  @Test
  void predictsAndTransposesAHandCheckedBatch() {
    double[] delta = {3, 0, 1, 2, 0, 0, 0, 4};
    double[] w = {2, 0.5, 3};
    SparseDeltas sparse = SparseDeltas.of(delta, 4, 2);
    assertEquals(4, sparse.nonZeros());
    double[] s = new double[4];
    sparse.predict(0, 4, true, w, s);
    assertArrayEquals(new double[] {18, 2 + 2 + 12, 0, 48}, s, 0.0);

    double[] g = {1, -1, 5, 0.5};
    double[] grad = new double[3];
    sparse.transposeTimes(true, g, grad, 0, 2);
    // term 00: 9 - 1 + 0 + 0; term 10: 2(0) - 2(1)(2) + 0 + 0; term 11: 0 - 4 + 0 + 0.5 (16)
    assertArrayEquals(new double[] {8, -4, 4}, grad, 0.0);

    double[] diagonal = new double[2];
    sparse.predict(0, 2, false, new double[] {2, 3}, diagonal);
    assertArrayEquals(new double[] {18, 2 + 12}, diagonal, 0.0);
  }

  /** Equal bit for bit to the dense kernels, with and without interactions, any row split. */
  @Test
  void matchesTheDenseKernelsBitForBit() throws Exception {
    SplittableRandom random = new SplittableRandom(11);
    int rows = 3001;
    int f = 9;
    double[] delta = new double[rows * f];
    for (int k = 0; k < delta.length; k++) {
      double u = random.nextDouble();
      delta[k] = u < 0.55 ? 0.0 : u < 0.7 ? 1.0 : random.nextDouble() * 3;
    }
    double[] g = random.doubles(rows, -1, 1).toArray();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      SparseDeltas.Parts threads = (parts, part) -> {
        Future<?>[] tasks = new Future<?>[parts];
        for (int p = 0; p < parts; p++) {
          int index = p;
          tasks[p] = pool.submit(() -> part.accept(index));
        }
        for (Future<?> t : tasks) {
          try {
            t.get();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
      };
      SparseDeltas sparse = SparseDeltas.of(delta, rows, f, 3, threads);
      assertEquals(SparseDeltas.of(delta, rows, f).nonZeros(), sparse.nonZeros());
      for (boolean interactions : new boolean[] {true, false}) {
        int terms = PhiExpansion.termCount(f, interactions);
        double[] w = random.doubles(terms, -1, 1).toArray();
        double[] dense = new double[rows];
        PhiExpansion.predictFromDelta(delta, rows, f, interactions, w, dense);
        double[] fromSparse = new double[rows];
        sparse.predict(0, 1000, interactions, w, fromSparse);
        sparse.predict(1000, rows, interactions, w, fromSparse);
        assertBits(dense, fromSparse);

        double[] denseGrad = new double[terms];
        PhiExpansion.transposeTimesFromDelta(delta, rows, f, interactions, g, denseGrad);
        double[] sparseGrad = new double[terms];
        sparse.transposeTimes(interactions, g, sparseGrad, 0, 4);
        sparse.transposeTimes(interactions, g, sparseGrad, 4, f);
        assertBits(denseGrad, sparseGrad);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aTransposeRangeLeavesOtherTermsUntouched() {
    double[] delta = {1, 2, 3};
    SparseDeltas sparse = SparseDeltas.of(delta, 1, 3);
    double[] grad = {7, 7, 7, 7, 7, 7};
    sparse.transposeTimes(true, new double[] {1}, grad, 1, 2);
    // terms of feature 1 are (1,0) and (1,1): 2 d1 d0 = 4 and d1^2 = 4
    assertArrayEquals(new double[] {7, 4, 4, 7, 7, 7}, grad, 0.0);
  }

  /**
   * Ten pairs non-zero on features 0, 1 and 2 only: the gradient forms 1, 2 and 3 products a
   * pair for them (30 of 60 for features 0-1), none for feature 3; every range keeps a feature.
   */
  @Test
  void splitsTheGradientsProductsEvenly() {
    double[] delta = new double[10 * 4];
    for (int r = 0; r < 10; r++) {
      delta[r * 4] = 1;
      delta[r * 4 + 1] = 0.5;
      delta[r * 4 + 2] = 2;
    }
    SparseDeltas sparse = SparseDeltas.of(delta, 10, 4);
    assertArrayEquals(new int[] {0, 2, 4}, sparse.balancedSplit(2));
    assertArrayEquals(new int[] {0, 1, 2, 4}, sparse.balancedSplit(3));
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sparse.balancedSplit(9));
    assertArrayEquals(new int[] {0, 4}, sparse.balancedSplit(1));
  }

  @Test
  void rejectsABatchShorterThanItsShape() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparseDeltas.of(new double[5], 2, 3));
    assertEquals("a batch of 2 pairs x 3 features needs 6 distances, found 5", e.getMessage());
  }

  /**
   * A batch made of segments (built block by block from dense rows, split anywhere: an empty
   * segment, a one-row one, boundaries inside a compaction block), rebuilt into the arrays of
   * its previous segments with other sparsities (starting from a too small capacity), predicts
   * and transposes as the dense kernels do, bit for bit, over ranges that cross segments; its
   * non-zero count and gradient split are those of the one-piece form.
   */
  @Test
  void segmentsMatchTheDenseKernelsBitForBit() {
    SplittableRandom random = new SplittableRandom(23);
    int rows = 3001;
    int f = 9;
    int[][] splits = {{0, rows}, {0, 0, 1, 700, 701, 2600, rows}, {0, 1500, rows}};
    java.util.List<SparseDeltas.Segment> previous = null;
    for (double zeros : new double[] {0.55, 0.1, 0.9, 0.3}) {
      double[] delta = new double[rows * f];
      for (int k = 0; k < delta.length; k++) {
        double u = random.nextDouble();
        delta[k] = u < zeros ? 0.0 : u < (1 + zeros) / 2 ? 1.0 : random.nextDouble() * 3;
      }
      SparseDeltas.DenseRows dense =
          (from, to, out) -> System.arraycopy(delta, from * f, out, 0, (to - from) * f);
      // the same rows given by their non-zero entries, as a source that never forms them densely
      SparseDeltas.SparseRows nonZero = (row, feature, value, at) -> {
        int m = 0;
        for (int a = 0; a < f; a++) {
          if (delta[row * f + a] != 0.0) {
            feature[at + m] = a;
            value[at + m++] = delta[row * f + a];
          }
        }
        return m;
      };
      SparseDeltas whole = SparseDeltas.of(delta, rows, f);
      for (int[] split : splits) {
        for (boolean byRows : new boolean[] {false, true}) {
          java.util.List<SparseDeltas.Segment> segments = new java.util.ArrayList<>();
          for (int k = 0; k + 1 < split.length; k++) {
            SparseDeltas.Segment old = previous != null && previous.size() == split.length - 1
                ? previous.get(k) : null;
            segments.add(byRows ? SparseDeltas.segment(nonZero, split[k], split[k + 1], f, old)
                : SparseDeltas.segment(dense, split[k], split[k + 1], f, old));
          }
          SparseDeltas sparse = SparseDeltas.ofSegments(segments, f);
          assertEquals(rows, sparse.rows());
          assertEquals(whole.nonZeros(), sparse.nonZeros());
          assertArrayEquals(whole.balancedSplit(3), sparse.balancedSplit(3));
          for (boolean interactions : new boolean[] {true, false}) {
            int terms = PhiExpansion.termCount(f, interactions);
            double[] w = random.doubles(terms, -1, 1).toArray();
            double[] expected = new double[rows];
            PhiExpansion.predictFromDelta(delta, rows, f, interactions, w, expected);
            double[] actual = new double[rows];
            sparse.predict(0, 650, interactions, w, actual);
            sparse.predict(650, 2700, interactions, w, actual);
            sparse.predict(2700, rows, interactions, w, actual);
            assertBits(expected, actual);

            double[] g = random.doubles(rows, -1, 1).toArray();
            double[] expectedGrad = new double[terms];
            PhiExpansion.transposeTimesFromDelta(delta, rows, f, interactions, g, expectedGrad);
            double[] grad = new double[terms];
            sparse.transposeTimes(interactions, g, grad, 0, 2);
            sparse.transposeTimes(interactions, g, grad, 2, f);
            assertBits(expectedGrad, grad);
          }
          previous = segments;
        }
      }
    }
  }

  @Test
  void aSegmentRejectsRowsThatAreNotARange() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SparseDeltas.segment((from, to, out) -> { }, 5, 4, 2, null));
    assertEquals("rows [5, 4) are not a range", e.getMessage());
  }

  private static void assertBits(double[] expected, double[] actual) {
    assertEquals(expected.length, actual.length);
    for (int k = 0; k < expected.length; k++) {
      assertEquals(Double.doubleToRawLongBits(expected[k]), Double.doubleToRawLongBits(actual[k]),
          "entry " + k + ": " + expected[k] + " vs " + actual[k]);
    }
  }

  /**
   * Built into the arrays of a previous instance (same rows, fewer and then more non-zero entries
   * than those arrays hold), a batch predicts and transposes as one built fresh, bit for bit.
   */
  @Test
  void reusingAPreviousInstancesArraysChangesNoBit() {
    SplittableRandom random = new SplittableRandom(5);
    int rows = 2000;
    int f = 7;
    SparseDeltas previous = null;
    for (double zeros : new double[] {0.5, 0.8, 0.2, 0.5}) {
      double[] delta = new double[rows * f];
      for (int k = 0; k < delta.length; k++) {
        delta[k] = random.nextDouble() < zeros ? 0.0 : random.nextDouble();
      }
      SparseDeltas fresh = SparseDeltas.of(delta, rows, f);
      SparseDeltas reused = SparseDeltas.of(delta, rows, f, 1, SparseDeltas.SEQUENTIAL,
          previous);
      assertEquals(fresh.nonZeros(), reused.nonZeros());
      int terms = PhiExpansion.termCount(f, true);
      double[] w = random.doubles(terms, -1, 1).toArray();
      double[] g = random.doubles(rows, -1, 1).toArray();
      double[] s1 = new double[rows];
      double[] s2 = new double[rows];
      fresh.predict(0, rows, true, w, s1);
      reused.predict(0, rows, true, w, s2);
      assertBits(s1, s2);
      double[] g1 = new double[terms];
      double[] g2 = new double[terms];
      fresh.transposeTimes(true, g, g1, 0, f);
      reused.transposeTimes(true, g, g2, 0, f);
      assertBits(g1, g2);
      previous = reused;
    }
  }
}
