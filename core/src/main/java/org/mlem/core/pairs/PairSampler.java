package org.mlem.core.pairs;

import java.util.Arrays;

/**
 * Draws batches of unordered pairs {i, j}, i != j, of a subset of stimuli (docs/method.md section 6).
 *
 * <p>Pairs of the m stimuli are numbered in lower-triangular row-major order: local pair
 * {@code p = a(a-1)/2 + b} joins local stimuli a &gt; b, so 0 = (1,0), 1 = (2,0), 2 = (2,1), ...
 * When the batch size covers all m(m-1)/2 pairs, a batch is every pair once in that order (the
 * full RDM). Otherwise pair k of batch (seed, stream, index) is the pair numbered
 * {@code below(mix(seed, stream, index, k), m(m-1)/2)}, decoded exactly with long arithmetic, so
 * any subset of a batch can be computed anywhere with identical results. Unlike the reference
 * package, i == j is never drawn.
 *
 * <p>Returned indices are global: values of the {@code stimuli} array, the first being the stimulus
 * of lower local position. Instances are immutable and thread-safe.
 */
public final class PairSampler {
  private final int[] stimuli;
  private final long pairCount;

  /**
   * Creates a sampler over a subset of stimuli.
   *
   * @param stimuli the global indices of the subset (e.g. the training split): distinct,
   *     non-negative, at least 2; copied
   * @throws IllegalArgumentException if fewer than 2, duplicated or negative indices
   */
  public PairSampler(int[] stimuli) {
    if (stimuli == null) {
      throw new IllegalArgumentException("pair sampler: stimuli must not be null");
    }
    int[] sorted = stimuli.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      if (sorted[i] < 0) {
        throw new IllegalArgumentException(
            "pair sampler: stimulus indices must be >= 0, found " + sorted[i]);
      }
      if (i > 0 && sorted[i] == sorted[i - 1]) {
        throw new IllegalArgumentException(
            "pair sampler: stimulus indices must be distinct, found " + sorted[i] + " twice");
      }
    }
    if (sorted.length < 2) {
      throw new IllegalArgumentException(
          "pair sampler needs at least 2 distinct stimuli, found " + sorted.length);
    }
    this.stimuli = stimuli.clone();
    long m = stimuli.length;
    this.pairCount = m * (m - 1) / 2;
  }

  /**
   * The number m of stimuli in the subset.
   *
   * @return m &gt;= 2
   */
  public int stimulusCount() {
    return stimuli.length;
  }

  /**
   * The number of unordered pairs m(m-1)/2.
   *
   * @return the pair count
   */
  public long pairCount() {
    return pairCount;
  }

  /**
   * Whether a batch of this size uses every pair exactly once (full-RDM mode).
   *
   * @param batchSize the requested batch size
   * @return {@code batchSize >= pairCount()}
   */
  public boolean coversAll(int batchSize) {
    return batchSize >= pairCount;
  }

  /**
   * Draws one batch of pairs.
   *
   * @param seed the run seed
   * @param stream which sampling stream (e.g. training vs evaluation), any value
   * @param index the batch's position in its stream (e.g. the step), any value
   * @param batchSize the number of pairs, &gt;= 1; if {@link #coversAll(int)} every pair is
   *     returned once in the fixed order and the result has {@link #pairCount()} pairs
   * @return global stimulus indices of the pairs, {@code first[r] != second[r]}
   * @throws IllegalArgumentException if batchSize &lt; 1
   */
  public PairIndices sample(long seed, long stream, long index, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, found " + batchSize);
    }
    if (coversAll(batchSize)) {
      return allPairs();
    }
    int[] first = new int[batchSize];
    int[] second = new int[batchSize];
    for (int k = 0; k < batchSize; k++) {
      long p = PositionalRandom.below(PositionalRandom.mix(seed, stream, index, k), pairCount);
      long a = triangularRow(p);
      long b = p - a * (a - 1) / 2;
      first[k] = stimuli[(int) b];
      second[k] = stimuli[(int) a];
    }
    return new PairIndices(first, second);
  }

  /**
   * Pairs {@code from} (inclusive) to {@code to} (exclusive) of the drawn batch (seed, stream,
   * index): pair k here is pair k of {@code sample(seed, stream, index, b)} for every b &gt; k
   * that does not cover all pairs, so batches of growing size can be built incrementally.
   *
   * @return the pairs, {@code to - from} of them
   * @throws IllegalArgumentException unless 0 &lt;= from &lt;= to
   */
  public PairIndices sampleRange(long seed, long stream, long index, int from, int to) {
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("need 0 <= from <= to, found " + from + ", " + to);
    }
    int size = to - from;
    int[] first = new int[size];
    int[] second = new int[size];
    for (int k = 0; k < size; k++) {
      long p = PositionalRandom.below(
          PositionalRandom.mix(seed, stream, index, from + k), pairCount);
      long a = triangularRow(p);
      long b = p - a * (a - 1) / 2;
      first[k] = stimuli[(int) b];
      second[k] = stimuli[(int) a];
    }
    return new PairIndices(first, second);
  }

  private PairIndices allPairs() {
    int count = (int) pairCount;
    int[] first = new int[count];
    int[] second = new int[count];
    int r = 0;
    for (int a = 1; a < stimuli.length; a++) {
      for (int b = 0; b < a; b++) {
        first[r] = stimuli[b];
        second[r] = stimuli[a];
        r++;
      }
    }
    return new PairIndices(first, second);
  }

  /**
   * The row a of pair number p in lower-triangular row-major order: the largest a with
   * a(a-1)/2 &lt;= p. A double-precision square root gives a guess within one of the answer for p
   * up to 2^52; it is then corrected exactly in long arithmetic.
   *
   * @param p a pair number, &gt;= 0 and &lt; 2^61
   * @return the row a &gt;= 1
   */
  static long triangularRow(long p) {
    long a = (long) ((1.0 + Math.sqrt(1.0 + 8.0 * (double) p)) / 2.0);
    while (a * (a - 1) / 2 > p) {
      a--;
    }
    while ((a + 1) * a / 2 <= p) {
      a++;
    }
    return a;
  }
}
