package org.mlem.core.batchsize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The degree-4 monomial sums of {@link TermMoments} against the term-product sums of
 * {@link ReferenceTermMoments} (the accumulation before): the same correlations up to rounding
 * (each product is associated differently), the same constant columns and non-zero counts.
 */
class TermMomentsTest {
  /** Relative agreement of the correlations: only the association of each product differs. */
  private static final double TOLERANCE = 1e-12;

  /**
   * Feature kinds of the generated deltas: categorical (0, 1 or a missing distance), ordinal
   * (few levels), continuous, signed simplex-like, constant in the batch (always 0.5), never
   * non-zero.
   */
  private static double value(SplittableRandom r, int kind) {
    return switch (kind) {
      case 0 -> r.nextDouble() < 0.5 ? 0.0 : (r.nextDouble() < 0.8 ? 1.0 : 0.25);
      case 1 -> r.nextInt(4) / 3.0;
      case 2 -> r.nextDouble() < 0.2 ? 0.0 : r.nextDouble();
      case 3 -> r.nextDouble() < 0.6 ? 0.0 : r.nextDouble() * 2 - 1;
      case 4 -> 0.5;
      default -> 0.0;
    };
  }

  private static double[] deltas(int rows, int features, long seed, boolean zeroPairs) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] out = new double[rows * features];
    for (int p = 0; p < rows; p++) {
      // every tenth pair differs on nothing (nnz = 0)
      if (zeroPairs && p % 10 == 3) {
        continue;
      }
      for (int a = 0; a < features; a++) {
        out[p * features + a] = value(r, a % 6);
      }
    }
    return out;
  }

  @Test
  void monomialSumsGiveTheReferenceCorrelations() {
    int f = 9;
    int rows = 3000;
    double[] delta = deltas(rows, f, 42, true);
    TermMoments m = new TermMoments(f, true);
    ReferenceTermMoments ref = new ReferenceTermMoments(f, true);
    // in three chunks, as the search grows a batch
    int[] cuts = {0, 7, 1200, rows};
    for (int i = 0; i + 1 < cuts.length; i++) {
      double[] chunk = Arrays.copyOfRange(delta, cuts[i] * f, cuts[i + 1] * f);
      m.add(chunk, cuts[i + 1] - cuts[i]);
      ref.add(chunk, cuts[i + 1] - cuts[i]);
      assertTrue(assertSame(ref, m) > 0);
    }
    // the generated kinds really occur: a term never non-zero (feature 5)
    int never = 0;
    for (int t = 0; t < m.terms(); t++) {
      never += m.nonZero(t) == 0 ? 1 : 0;
    }
    assertTrue(never > 0);
  }

  @Test
  void aBatchOfZeroPairsAndOnePairMatchTheReference() {
    int f = 4;
    TermMoments m = new TermMoments(f, true);
    ReferenceTermMoments ref = new ReferenceTermMoments(f, true);
    double[] zeros = new double[5 * f];
    m.add(zeros, 5);
    ref.add(zeros, 5);
    assertEquals(0, assertSame(ref, m));
    double[] one = {0.3, 0, 1, -0.7};
    m.add(one, 1);
    ref.add(one, 1);
    assertTrue(assertSame(ref, m) > 0);
  }

  @Test
  void sentenceSizedFeatureCountMatchesTheReference() {
    int f = 24;
    int rows = 2000;
    double[] delta = deltas(rows, f, 7, false);
    TermMoments m = new TermMoments(f, true);
    ReferenceTermMoments ref = new ReferenceTermMoments(f, true);
    m.add(delta, rows);
    ref.add(delta, rows);
    assertTrue(assertSame(ref, m) > 0);
    // without pairs equal on every feature, the terms of the always-0.5 features are constant
    int constantButNonZero = 0;
    for (int t = 0; t < m.terms(); t++) {
      constantButNonZero += m.constant(t) && m.nonZero(t) > 0 ? 1 : 0;
    }
    assertTrue(constantButNonZero > 0);
  }

  @Test
  void quarticIndexRanksTheSortedQuadruples() {
    int f = 6;
    int next = 0;
    for (int d = 0; d < f; d++) {
      for (int c = 0; c <= d; c++) {
        for (int b = 0; b <= c; b++) {
          for (int a = 0; a <= b; a++) {
            assertEquals(next++, TermMoments.quarticIndex(a, b, c, d));
          }
        }
      }
    }
    // C(f + 3, 4) quadruples
    assertEquals(126, next);
    assertEquals(126, TermMoments.quarticIndex(0, 0, 0, f));
  }

  /** Asserts agreement; returns the number of defined correlations compared. */
  private static int assertSame(ReferenceTermMoments ref, TermMoments m) {
    assertEquals(ref.terms(), m.terms());
    assertEquals(ref.rows(), m.rows());
    int defined = 0;
    for (int t = 0; t < m.terms(); t++) {
      assertEquals(ref.nonZero(t), m.nonZero(t), "non-zero count of term " + t);
      assertEquals(ref.constant(t), m.constant(t), "constant term " + t);
    }
    double[] expected = ref.correlations();
    double[] actual = m.correlations();
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      if (Double.isNaN(expected[i])) {
        assertTrue(Double.isNaN(actual[i]), "correlation " + i + " should be undefined");
      } else {
        defined++;
        assertEquals(expected[i], actual[i], TOLERANCE * Math.max(1, Math.abs(expected[i])),
            "correlation " + i);
      }
    }
    return defined;
  }
}
