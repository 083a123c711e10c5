package org.mlem.core.pairs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PairSamplerTest {
  private static final int[] SUBSET = {3, 10, 11, 20, 42, 7};

  @Test
  void countsPairs() {
    PairSampler sampler = new PairSampler(SUBSET);
    assertEquals(6, sampler.stimulusCount());
    assertEquals(15, sampler.pairCount());
    assertTrue(sampler.coversAll(15));
    assertFalse(sampler.coversAll(14));
    int[] big = new int[1_000_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = i;
    }
    assertEquals(499_999_500_000L, new PairSampler(big).pairCount());
  }

  @Test
  void fullModeReturnsEveryPairOnceInFixedOrder() {
    PairSampler sampler = new PairSampler(SUBSET);
    PairIndices pairs = sampler.sample(1, 0, 0, 1000);
    assertEquals(15, pairs.size());
    Set<String> seen = new HashSet<>();
    for (int r = 0; r < pairs.size(); r++) {
      int a = Math.min(pairs.first()[r], pairs.second()[r]);
      int b = Math.max(pairs.first()[r], pairs.second()[r]);
      assertNotEquals(a, b);
      assertTrue(seen.add(a + "-" + b));
    }
    assertEquals(15, seen.size());
    // Fixed order, whatever the seed: lower-triangular row-major over local positions.
    assertEquals(pairs, sampler.sample(99, 5, 7, 15));
    assertArrayEquals(new int[] {3, 3, 10, 3, 10, 11}, Arrays.copyOf(pairs.first(), 6));
    assertArrayEquals(new int[] {10, 11, 11, 20, 20, 20},
        Arrays.copyOf(pairs.second(), 6));
  }

  @Test
  void sampledPairsAreGlobalDistinctAndDeterministic() {
    PairSampler sampler = new PairSampler(SUBSET);
    Set<Integer> allowed = new HashSet<>();
    for (int s : SUBSET) {
      allowed.add(s);
    }
    PairIndices pairs = sampler.sample(12, 1, 3, 10);
    assertEquals(10, pairs.size());
    for (int r = 0; r < pairs.size(); r++) {
      assertNotEquals(pairs.first()[r], pairs.second()[r]);
      assertTrue(allowed.contains(pairs.first()[r]));
      assertTrue(allowed.contains(pairs.second()[r]));
    }
    assertEquals(pairs, sampler.sample(12, 1, 3, 10));
    assertNotEquals(pairs, sampler.sample(12, 1, 4, 10));
    assertNotEquals(pairs, sampler.sample(12, 2, 3, 10));
    assertNotEquals(pairs, sampler.sample(13, 1, 3, 10));
  }

  @Test
  void aPrefixOfALargerBatchIsTheSmallerBatch() {
    int[] stimuli = new int[500];
    for (int i = 0; i < stimuli.length; i++) {
      stimuli[i] = 2 * i;
    }
    PairSampler sampler = new PairSampler(stimuli);
    PairIndices small = sampler.sample(8, 0, 17, 100);
    PairIndices large = sampler.sample(8, 0, 17, 1000);
    assertArrayEquals(small.first(), Arrays.copyOf(large.first(), 100));
    assertArrayEquals(small.second(), Arrays.copyOf(large.second(), 100));
  }

  @Test
  void pairsAreUniform() {
    int m = 8;
    int[] stimuli = new int[m];
    for (int i = 0; i < m; i++) {
      stimuli[i] = i;
    }
    PairSampler sampler = new PairSampler(stimuli);
    int[][] counts = new int[m][m];
    int batches = 200;
    int batchSize = 20; // < 28 pairs, so sampled
    for (int b = 0; b < batches; b++) {
      PairIndices pairs = sampler.sample(2024, 0, b, batchSize);
      for (int r = 0; r < pairs.size(); r++) {
        int i = Math.min(pairs.first()[r], pairs.second()[r]);
        int j = Math.max(pairs.first()[r], pairs.second()[r]);
        counts[i][j]++;
      }
    }
    double expected = (double) batches * batchSize / 28;
    double chi2 = 0;
    for (int i = 0; i < m; i++) {
      for (int j = i + 1; j < m; j++) {
        assertTrue(counts[i][j] > 0, "pair (" + i + ", " + j + ") never drawn");
        chi2 += (counts[i][j] - expected) * (counts[i][j] - expected) / expected;
      }
    }
    // 27 degrees of freedom: P(chi2 > 60) < 1e-3.
    assertTrue(chi2 < 60, "chi2 = " + chi2);
  }

  @Test
  void triangularDecodeIsExactAtBoundaries() {
    for (long m : new long[] {2, 3, 10, 1000, 65_536, 999_999, 1_000_000, 3_037_000_000L}) {
      for (long a = Math.max(1, m - 3); a < m; a++) {
        long rowStart = a * (a - 1) / 2;
        assertEquals(a, PairSampler.triangularRow(rowStart), "row start, a = " + a);
        assertEquals(a, PairSampler.triangularRow(rowStart + a - 1), "row end, a = " + a);
        if (a > 1) {
          assertEquals(a - 1, PairSampler.triangularRow(rowStart - 1), "before row " + a);
        }
      }
    }
    for (long a = 1; a < 3000; a++) {
      long rowStart = a * (a - 1) / 2;
      for (long b = 0; b < a; b++) {
        assertEquals(a, PairSampler.triangularRow(rowStart + b));
      }
    }
  }

  @Test
  void rejectsBadStimuliAndBatchSizes() {
    assertEquals("pair sampler needs at least 2 distinct stimuli, found 1",
        assertThrows(IllegalArgumentException.class, () -> new PairSampler(new int[] {4}))
            .getMessage());
    assertEquals("pair sampler: stimulus indices must be distinct, found 4 twice",
        assertThrows(IllegalArgumentException.class, () -> new PairSampler(new int[] {4, 1, 4}))
            .getMessage());
    assertEquals("pair sampler: stimulus indices must be >= 0, found -1",
        assertThrows(IllegalArgumentException.class, () -> new PairSampler(new int[] {-1, 2}))
            .getMessage());
    PairSampler sampler = new PairSampler(SUBSET);
    assertEquals("batch size must be >= 1, found 0",
        assertThrows(IllegalArgumentException.class, () -> sampler.sample(1, 0, 0, 0))
            .getMessage());
  }

  @Test
  void pairIndicesValidatesLengths() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PairIndices(new int[2], new int[3]));
    assertEquals(
        "pair indices: first and second must have the same length, found 2 and 3", e.getMessage());
  }
}
