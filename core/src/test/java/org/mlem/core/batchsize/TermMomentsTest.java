package org.mlem.core.batchsize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mlem.core.metric.PhiExpansion;

/**
 * The degree-4 monomial sums of {@link TermMoments} against the term-product sums of
 * {@link ReferenceTermMoments} (the accumulation before): the same correlations up to rounding
 * (each product is associated differently), the same constant columns and non-zero counts.
 */
class TermMomentsTest {
  /** Relative agreement of the correlations: only the association of each product differs. */
  private static final double TOLERANCE = 1e-12;
  /** Relative agreement of the sums: only the order of the additions differs. */
  private static final double SUM_TOLERANCE = 1e-12;

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

  @Test
  void groupedSumsOfAHandBuiltBatchMatchTheReference() {
    // features 0-2 categorical (0/1), 3-4 continuous, 5 categorical with a missing distance of
    // 0.25 (so not binary): grouped by the pattern of features 0-2, three groups
    double[] delta = {
        1, 0, 1, 0.5, 0.2, 0.25,
        1, 0, 1, 0.1, 0.0, 1.0,
        0, 0, 0, 0.3, 0.9, 0.0,
        0, 1, 1, 0.0, 0.7, 0.25,
        1, 0, 1, 1.0, 1.0, 1.0,
        0, 0, 0, 0.0, 0.0, 0.0,
    };
    int f = 6;
    GroupedMonomials split = GroupedMonomials.detect(delta, 6, f);
    assertNotNull(split);
    assertEquals(3, split.binaryCount());
    assertSameSums(delta, f, 6);
    // one term product by hand: delta_0 delta_3 x delta_0 delta_4 (terms 2 d0 d3, 2 d0 d4) is
    // 4 x sum of d0^2 d3 d4 = 4 (0.5 x 0.2 + 0.1 x 0 + 1 x 1) = 4.4
    TermMoments m = new TermMoments(f, true);
    m.add(delta, 6);
    assertEquals(4.4, m.productSum(PhiExpansion.termIndex(3, 0), PhiExpansion.termIndex(4, 0)),
        1e-15);
    assertEquals(2 * (0.5 + 0.1 + 1.0), m.termSum(PhiExpansion.termIndex(3, 0)), 1e-15);
    assertEquals(3, m.nonZero(PhiExpansion.termIndex(2, 0)));
    assertEquals(3, m.nonZero(PhiExpansion.termIndex(3, 0)));
  }

  @Test
  void groupedSumsWithManyBinaryFeaturesMatchTheReference() {
    // 14 binary features (patterns spanning both halves of them) and 3 continuous ones; then 24
    // binary features (groups found by hashing) and 2 continuous
    for (int[] shape : new int[][] {{14, 3}, {24, 2}}) {
      int binary = shape[0];
      int f = binary + shape[1];
      int rows = 20000;
      SplittableRandom r = new SplittableRandom(11 + binary);
      double[] delta = new double[rows * f];
      for (int p = 0; p < rows; p++) {
        for (int a = 0; a < f; a++) {
          delta[p * f + a] = a < binary ? (r.nextDouble() < 0.15 + 0.02 * (a % 5) ? 1.0 : 0.0)
              : (r.nextDouble() < 0.3 ? 0.0 : r.nextInt(7) / 6.0);
        }
      }
      GroupedMonomials split = GroupedMonomials.detect(delta, rows, f);
      assertNotNull(split);
      assertEquals(binary, split.binaryCount());
      assertSameSums(delta, f, rows);
    }
  }

  @Test
  void aBinaryFeatureThatStopsBeingBinaryChangesTheGroupingMidChunk() {
    // feature 0 is 0/1 in the first pairs, then 0.5 for some: the blocks after that are grouped
    // on the other binary features
    int f = 5;
    int rows = 30000;
    SplittableRandom r = new SplittableRandom(5);
    double[] delta = new double[rows * f];
    for (int p = 0; p < rows; p++) {
      delta[p * f] = p > 15000 && p % 7 == 0 ? 0.5 : r.nextInt(2);
      delta[p * f + 1] = r.nextInt(2);
      delta[p * f + 2] = r.nextInt(2);
      delta[p * f + 3] = r.nextDouble();
      delta[p * f + 4] = r.nextDouble() < 0.5 ? 0.0 : r.nextDouble();
    }
    assertEquals(3, GroupedMonomials.detect(delta, 15000, f).binaryCount());
    assertEquals(2, GroupedMonomials.detect(delta, rows, f).binaryCount());
    assertSameSums(delta, f, rows);
  }

  @Test
  void pairsOfDistinctPatternsStopTheGroupingAndMatchTheReference() {
    // 30 balanced binary features: nearly every pair has its own pattern; the last chunk of
    // assertSameSums (20,000 pairs) goes pair by pair once the grouping is crowded
    int f = 32;
    int rows = 30000;
    SplittableRandom r = new SplittableRandom(3);
    double[] delta = new double[rows * f];
    for (int p = 0; p < rows; p++) {
      for (int a = 0; a < f; a++) {
        delta[p * f + a] = a < 30 ? r.nextInt(2) : r.nextDouble();
      }
    }
    GroupedMonomials grouped = GroupedMonomials.detect(delta, rows, f).fresh();
    grouped.start(rows, new MomentScratch());
    assertTrue(grouped.addBlock(delta, rows));
    assertTrue(grouped.crowded());
    assertSameSums(delta, f, rows);
  }

  @Test
  void vectorAndScalarLoopsGiveBitIdenticalSums() {
    assertTrue(GroupedMonomials.vectorized(),
        "run the tests with --add-modules jdk.incubator.vector");
    int f = 12;
    int rows = 5000;
    SplittableRandom r = new SplittableRandom(8);
    double[] delta = new double[rows * f];
    for (int p = 0; p < rows; p++) {
      for (int a = 0; a < f; a++) {
        delta[p * f + a] = a < 5 ? r.nextInt(2) : (r.nextDouble() < 0.3 ? 0.0 : r.nextDouble());
      }
    }
    GroupedMonomials split = GroupedMonomials.detect(delta, rows, f);
    double[][] quartic = new double[2][TermMoments.quarticIndex(0, 0, 0, f)];
    int terms = PhiExpansion.termCount(f, true);
    double[][] sum = new double[2][terms];
    long[][] nonZero = new long[2][terms];
    for (int v = 0; v < 2; v++) {
      GroupedMonomials g = v == 0 ? split.fresh() : split.scalar();
      g.start(rows, new MomentScratch());
      assertTrue(g.addBlock(delta, rows));
      g.finish();
      g.addTo(quartic[v], sum[v], nonZero[v]);
    }
    assertArrayEquals(quartic[1], quartic[0]);
    assertArrayEquals(sum[1], sum[0]);
    assertArrayEquals(nonZero[1], nonZero[0]);
  }

  @Test
  void withoutBinaryFeaturesTheSumsMatchTheReference() {
    // 6 continuous features: one group; 10 continuous: too many, pair by pair
    for (int f : new int[] {6, 10}) {
      int rows = 5000;
      SplittableRandom r = new SplittableRandom(f);
      double[] delta = new double[rows * f];
      for (int i = 0; i < delta.length; i++) {
        delta[i] = r.nextDouble() < 0.4 ? 0.0 : r.nextDouble() * 2 - 1;
      }
      GroupedMonomials split = GroupedMonomials.detect(delta, rows, f);
      if (f <= GroupedMonomials.MAX_CONTINUOUS) {
        assertEquals(0, split.binaryCount());
      } else {
        assertNull(split);
      }
      assertSameSums(delta, f, rows);
    }
  }

  /**
   * Encoded categorical and ordinal features, one categorical feature missing only in the
   * stimuli of the later pairs (a missing distance of 0.5: not binary from there on): the
   * estimator's source, which groups pairs straight from the stimuli's rows, gives the same sums
   * bit for bit as the dense rows of the same pairs, in chunks that start and stop the grouping.
   */
  @Test
  void pairsGroupedFromTheStimulusRowsGiveTheSumsOfTheirDenseRows() {
    int n = 400;
    SplittableRandom r = new SplittableRandom(12);
    java.util.List<String> ids = new java.util.ArrayList<>();
    String[] number = new String[n];
    String[] tense = new String[n];
    String[] rare = new String[n];
    double[] frequency = new double[n];
    double[] length = new double[n];
    for (int i = 0; i < n; i++) {
      ids.add("s" + i);
      number[i] = r.nextBoolean() ? "sg" : "pl";
      tense[i] = "t" + r.nextInt(3);
      rare[i] = i >= 350 && i % 5 == 0 ? null : "r" + r.nextInt(2);
      frequency[i] = r.nextDouble() < 0.3 ? Double.NaN : r.nextInt(6);
      length[i] = r.nextDouble() * 10;
    }
    org.mlem.core.features.EncodedFeatures features = org.mlem.core.features.FeatureSchema
        .inferred().withMissingDistance(0.5)
        .encode(org.mlem.core.features.FeatureTable.builder(ids)
            .addStrings("number", number).addStrings("tense", tense).addStrings("rare", rare)
            .addNumbers("frequency", frequency).addNumbers("length", length).build());
    assertNotNull(features.stimulusRows());
    int f = features.featureCount();
    // the first 20,000 pairs among the stimuli below 350, then pairs of any stimuli (blocks of
    // 6,553 pairs at 5 features: the grouping stops in the middle chunk's third block)
    int pairs = 40000;
    int[] first = new int[pairs];
    int[] second = new int[pairs];
    for (int p = 0; p < pairs; p++) {
      int bound = p < 20000 ? 350 : n;
      first[p] = r.nextInt(bound);
      second[p] = (first[p] + 1 + r.nextInt(bound - 1)) % bound;
    }
    TermMoments grouped = new TermMoments(f, true);
    TermMoments dense = new TermMoments(f, true);
    int[] cuts = {0, 2500, 30000, pairs};
    MomentScratch scratch = new MomentScratch();
    for (int c = 0; c + 1 < cuts.length; c++) {
      int[] a = Arrays.copyOfRange(first, cuts[c], cuts[c + 1]);
      int[] b = Arrays.copyOfRange(second, cuts[c], cuts[c + 1]);
      grouped.add(BatchSizeEstimator.source(features, a, b), a.length, scratch);
      dense.add((from, to, out) -> features.deltas(a, b, from, to, out), a.length, scratch);
    }
    for (int t = 0; t < dense.terms(); t++) {
      assertEquals(Double.doubleToRawLongBits(dense.termSum(t)),
          Double.doubleToRawLongBits(grouped.termSum(t)), "sum of term " + t);
      assertEquals(dense.nonZero(t), grouped.nonZero(t), "non-zero count of term " + t);
      for (int u = t; u < dense.terms(); u++) {
        assertEquals(Double.doubleToRawLongBits(dense.productSum(t, u)),
            Double.doubleToRawLongBits(grouped.productSum(t, u)), "terms " + t + ", " + u);
      }
    }
    assertArrayEquals(dense.correlations(), grouped.correlations());
  }

  /**
   * Adds the pairs in three chunks to a TermMoments and the reference and asserts the same term
   * sums, term-product sums and non-zero counts, and the same correlations.
   */
  private static void assertSameSums(double[] delta, int f, int rows) {
    TermMoments m = new TermMoments(f, true);
    ReferenceTermMoments ref = new ReferenceTermMoments(f, true);
    int[] cuts = {0, rows / 3, rows / 3 + 1, rows};
    for (int i = 0; i + 1 < cuts.length; i++) {
      double[] chunk = Arrays.copyOfRange(delta, cuts[i] * f, cuts[i + 1] * f);
      m.add(chunk, cuts[i + 1] - cuts[i]);
      ref.add(chunk, cuts[i + 1] - cuts[i]);
    }
    for (int t = 0; t < m.terms(); t++) {
      assertEquals(ref.termSum(t), m.termSum(t), SUM_TOLERANCE * Math.max(1, ref.termSum(t)),
          "sum of term " + t);
      for (int u = t; u < m.terms(); u++) {
        double expected = ref.productSum(t, u);
        assertEquals(expected, m.productSum(t, u), SUM_TOLERANCE * Math.max(1, expected),
            "product sum of terms " + t + ", " + u);
      }
    }
    assertSame(ref, m);
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
