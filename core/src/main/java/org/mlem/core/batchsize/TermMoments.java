package org.mlem.core.batchsize;

import org.mlem.core.metric.PhiExpansion;

/**
 * Running first and second moments of the model's terms over one growing batch of pairs of the
 * batch-size search: the sums of every term and of every product of two terms, so the batch's
 * Pearson correlations can be read at any size without revisiting its pairs. The terms are
 * {@link PhiExpansion}'s (delta_a^2 and, with interactions, 2 delta_a delta_b). Pairs usually
 * differ on few features and most terms of a pair are zero, so only the products of a pair's
 * non-zero terms are accumulated: the cost per pair is quadratic in its non-zero terms, not in
 * all terms.
 *
 * <p>With interactions the product of two terms is a constant (1, 2 or 4) times a degree-4
 * monomial delta_a delta_b delta_c delta_d, and up to three term pairs share one monomial
 * (delta_a^2 x delta_b^2, 2 delta_a delta_b x 2 delta_a delta_b): so the sums of the distinct
 * monomials (a &lt;= b &lt;= c &lt;= d) over the pair's non-zero features are kept instead,
 * C(m + 3, 4) products for m non-zero features instead of about m^4 / 8, and a term product is
 * read as its constant times its monomial's sum. Each monomial is formed as
 * (delta_d delta_c)(delta_b delta_a), not as a product of two terms: its last bits may differ.
 *
 * <p>The monomial sums are accumulated by {@link GroupedMonomials} when a block's pairs can be
 * grouped on their binary features (distances exactly 0 or 1, typically categorical ones): the
 * same sums, added in another order. Otherwise, pair by pair as above.
 */
final class TermMoments {
  /** Distances per block of pairs (256 KiB). */
  private static final int DELTA_BLOCK = 32 * 1024;
  /** A variance at or below this fraction of the mean square counts as a constant column. */
  private static final double CONSTANT_TOLERANCE = 1e-12;

  private final int featureCount;
  private final int terms;
  private final boolean interactions;
  private final double[] sum;
  /** Pairs in which each term is non-zero. */
  private final long[] nonZeroCount;
  /**
   * Without interactions: row-major upper triangle (a <= c) of the term-by-term product sums,
   * stored as k x k; with interactions null (see {@link #quartic}).
   */
  private final double[] cross;
  /**
   * With interactions: the sums of delta_a delta_b delta_c delta_d for a <= b <= c <= d, at
   * {@link #quarticIndex}; else null.
   */
  private final double[] quartic;
  /** With interactions: the features a >= b of each term (PhiExpansion.termFeatures); else null. */
  private final int[] termHigh;
  private final int[] termLow;
  private long rows;
  /**
   * With interactions: the binary and continuous features of the last block accumulated by
   * {@link GroupedMonomials} (tried first on the next block), or null.
   */
  private GroupedMonomials split;

  TermMoments(int featureCount, boolean interactions) {
    this.featureCount = featureCount;
    this.interactions = interactions;
    this.terms = PhiExpansion.termCount(featureCount, interactions);
    this.sum = new double[terms];
    this.nonZeroCount = new long[terms];
    this.cross = interactions ? null : new double[terms * terms];
    this.quartic = interactions ? new double[quarticIndex(0, 0, 0, featureCount)] : null;
    this.termHigh = interactions ? new int[terms] : null;
    this.termLow = interactions ? new int[terms] : null;
    for (int t = 0; interactions && t < terms; t++) {
      int[] ab = PhiExpansion.termFeatures(t);
      termHigh[t] = ab[0];
      termLow[t] = ab[1];
    }
  }

  /**
   * The position of the monomial delta_a delta_b delta_c delta_d, a &lt;= b &lt;= c &lt;= d, in
   * {@link #quartic}: its rank among the sorted quadruples (combinatorial number system), so
   * quarticIndex(0, 0, 0, f) is the count of quadruples over f features.
   */
  static int quarticIndex(int a, int b, int c, int d) {
    return d * (d + 1) * (d + 2) * (d + 3) / 24 + c * (c + 1) * (c + 2) / 6 + b * (b + 1) / 2 + a;
  }

  /** The number of terms (columns). */
  int terms() {
    return terms;
  }

  /** Pairs accumulated so far. */
  long rows() {
    return rows;
  }

  /** Writes the feature distances of a range of a chunk's pairs. */
  @FunctionalInterface
  interface DeltaSource {
    /**
     * Writes the distances of pairs [from, to) of the chunk, row-major, to the start of out.
     *
     * @param from first pair, inclusive
     * @param to last pair, exclusive
     * @param out receives (to - from) x featureCount values
     */
    void deltas(int from, int to, double[] out);

    /**
     * Adds pairs [from, to) of the chunk to a grouped accumulation without writing their dense
     * rows, when the source can ({@link GroupedMonomials#addPairs}): false when it cannot, or
     * when a binary feature takes another value in them (then nothing is added).
     */
    default boolean addGrouped(GroupedMonomials grouped, int from, int to) {
      return false;
    }
  }

  /**
   * Adds pairs to the batch.
   *
   * @param delta row-major feature distances of the new pairs, {@code count x featureCount}
   * @param count the number of new pairs
   */
  void add(double[] delta, int count) {
    add((from, to, out) -> System.arraycopy(delta, from * featureCount, out, 0,
        (to - from) * featureCount), count, new MomentScratch());
  }

  /**
   * Adds pairs to the batch, their distances written block by block by the source into a
   * cache-sized buffer (a batch adds up to hundreds of thousands of pairs at a time).
   *
   * @param source the new pairs' distances
   * @param count the number of new pairs
   * @param scratch work arrays of the calling thread
   */
  void add(DeltaSource source, int count, MomentScratch scratch) {
    int block = Math.max(1, DELTA_BLOCK / featureCount);
    double[] buffer = scratch.delta(Math.min(count, block) * featureCount);
    GroupedMonomials grouped = null;
    boolean crowded = false;
    for (int from = 0; from < count; from += block) {
      int to = Math.min(count, from + block);
      int n = to - from;
      if (interactions && !crowded && grouped != null && source.addGrouped(grouped, from, to)) {
        // grouped straight from the source: what addBlock of the block's rows would have added
      } else {
        source.deltas(from, to, buffer);
        if (!interactions) {
          addTerms(buffer, n);
        } else if (crowded) {
          addMonomialsPairByPair(buffer, n);
        } else if (grouped == null || !grouped.addBlock(buffer, n)) {
          if (grouped != null) {
            // a binary feature of the previous blocks takes another value in this one
            grouped.finish();
            grouped.addTo(quartic, sum, nonZeroCount);
          }
          grouped = startGrouped(buffer, n, count - from, scratch);
          if (grouped == null) {
            addMonomialsPairByPair(buffer, n);
          }
        }
      }
      if (grouped != null && grouped.crowded()) {
        // the pairs share too few patterns: the rest of the chunk pair by pair
        grouped.finish();
        grouped.addTo(quartic, sum, nonZeroCount);
        grouped = null;
        crowded = true;
      }
    }
    if (grouped != null) {
      grouped.finish();
      grouped.addTo(quartic, sum, nonZeroCount);
    }
    rows += count;
  }

  /**
   * A grouped accumulation ({@link GroupedMonomials}) that has taken the block, with the last
   * one's binary features when they still are binary in it, else with those of the block; null
   * when grouping does not apply to the block (its pairs are then added pair by pair).
   */
  private GroupedMonomials startGrouped(double[] block, int n, int capacity,
      MomentScratch scratch) {
    if (split != null) {
      GroupedMonomials grouped = split.fresh();
      grouped.start(capacity, scratch);
      if (grouped.addBlock(block, n)) {
        return grouped;
      }
    }
    split = GroupedMonomials.detect(block, n, featureCount);
    if (split == null) {
      return null;
    }
    GroupedMonomials grouped = split.fresh();
    grouped.start(capacity, scratch);
    if (!grouped.addBlock(block, n)) {
      throw new IllegalStateException("binary features detected on a block are not binary in it");
    }
    return grouped;
  }

  /** Adds the pairs' term sums and degree-4 monomial sums one pair at a time. */
  private void addMonomialsPairByPair(double[] delta, int count) {
    int[] nonZero = new int[featureCount];
    double[] value = new double[featureCount];
    int[] base2 = new int[featureCount];
    int[] base3 = new int[featureCount];
    int[] base4 = new int[featureCount];
    double[] low = new double[terms];
    int[] lowIndex = new int[terms];
    for (int a = 0; a < featureCount; a++) {
      base2[a] = a * (a + 1) / 2;
      base3[a] = a * (a + 1) * (a + 2) / 6;
      base4[a] = a * (a + 1) * (a + 2) * (a + 3) / 24;
    }
    for (int r = 0; r < count; r++) {
      int row = r * featureCount;
      int m = 0;
      for (int a = 0; a < featureCount; a++) {
        double v = delta[row + a];
        if (v != 0.0) {
          nonZero[m] = a;
          value[m++] = v;
        }
      }
      // the term sums, each term as PhiExpansion writes it (the same products as before)
      for (int i = 0; i < m; i++) {
        int a = nonZero[i];
        double da = value[i];
        double twoDa = 2.0 * da;
        int base = base2[a];
        for (int j = 0; j < i; j++) {
          int t = base + nonZero[j];
          sum[t] += twoDa * value[j];
          nonZeroCount[t]++;
        }
        sum[base + a] += da * da;
        nonZeroCount[base + a]++;
      }
      // the products of two non-zero features, i1 <= i2, ordered by i2: those with i2 <= i3
      // are the first (i3 + 1)(i3 + 2) / 2
      int k = 0;
      for (int i2 = 0; i2 < m; i2++) {
        double v2 = value[i2];
        int o2 = base2[nonZero[i2]];
        for (int i1 = 0; i1 <= i2; i1++, k++) {
          low[k] = v2 * value[i1];
          lowIndex[k] = o2 + nonZero[i1];
        }
      }
      // every monomial of the non-zero features, (d_i4 d_i3)(d_i2 d_i1) with i1 <= i2 <= i3 <= i4
      for (int i4 = 0; i4 < m; i4++) {
        double p4 = value[i4];
        int o4 = base4[nonZero[i4]];
        for (int i3 = 0; i3 <= i4; i3++) {
          double p3 = p4 * value[i3];
          int o3 = o4 + base3[nonZero[i3]];
          int lows = (i3 + 1) * (i3 + 2) / 2;
          for (int j = 0; j < lows; j++) {
            quartic[o3 + lowIndex[j]] += p3 * low[j];
          }
        }
      }
    }
  }

  /** Adds the pairs' term sums and term-product sums (without interactions). */
  private void addTerms(double[] delta, int count) {
    int[] nonZero = new int[featureCount];
    int[] index = new int[terms];
    double[] value = new double[terms];
    for (int r = 0; r < count; r++) {
      int row = r * featureCount;
      int m = 0;
      for (int a = 0; a < featureCount; a++) {
        if (delta[row + a] != 0.0) {
          nonZero[m++] = a;
        }
      }
      // the pair's non-zero terms in ascending term order (termIndex(a, b) = a(a+1)/2 + b, b <= a)
      int nnz = 0;
      for (int i = 0; i < m; i++) {
        int a = nonZero[i];
        double da = delta[row + a];
        if (interactions) {
          double twoDa = 2.0 * da;
          int base = a * (a + 1) / 2;
          for (int j = 0; j < i; j++) {
            int b = nonZero[j];
            index[nnz] = base + b;
            value[nnz++] = twoDa * delta[row + b];
          }
          index[nnz] = base + a;
        } else {
          index[nnz] = a;
        }
        value[nnz++] = da * da;
      }
      for (int i = 0; i < nnz; i++) {
        int t = index[i];
        double v = value[i];
        sum[t] += v;
        nonZeroCount[t]++;
        int o = t * terms;
        for (int j = i; j < nnz; j++) {
          cross[o + index[j]] += v * value[j];
        }
      }
    }
  }

  /** The sum of term t over the pairs so far. */
  double termSum(int t) {
    return sum[t];
  }

  /** The sum over the pairs so far of the product of terms t and u, t &lt;= u. */
  double productSum(int t, int u) {
    return crossSum(t, u);
  }

  /** The sum over the pairs so far of the product of terms t and u, t &lt;= u. */
  private double crossSum(int t, int u) {
    if (!interactions) {
      return cross[t * terms + u];
    }
    // term t is delta_a delta_b (times 2 when a != b), a = termHigh[t] >= b = termLow[t];
    // the monomial's four features sorted ascending
    int w = termLow[t];
    int x = termHigh[t];
    int y = termLow[u];
    int z = termHigh[u];
    int s;
    if (w > y) { s = w; w = y; y = s; }
    if (x > z) { s = x; x = z; z = s; }
    if (w > x) { s = w; w = x; x = s; }
    if (y > z) { s = y; y = z; z = s; }
    if (x > y) { s = x; x = y; y = s; }
    double factor = (termLow[t] == termHigh[t] ? 1.0 : 2.0)
        * (termLow[u] == termHigh[u] ? 1.0 : 2.0);
    return factor * quartic[quarticIndex(w, x, y, z)];
  }

  /** Pairs so far in which term t is non-zero. */
  long nonZero(int t) {
    return nonZeroCount[t];
  }

  /**
   * Whether a term is constant over the pairs so far (its variance is zero up to rounding).
   *
   * @param t the term
   */
  boolean constant(int t) {
    double n = rows;
    double mean = sum[t] / n;
    double meanSquare = crossSum(t, t) / n;
    return meanSquare - mean * mean <= CONSTANT_TOLERANCE * Math.max(meanSquare, Double.MIN_NORMAL);
  }

  /**
   * The Pearson correlations between every two terms (a &lt; c, row-major over a) over the pairs
   * so far; NaN where either term is constant.
   */
  double[] correlations() {
    double n = rows;
    double[] mean = new double[terms];
    double[] sd = new double[terms];
    for (int a = 0; a < terms; a++) {
      mean[a] = sum[a] / n;
      sd[a] = constant(a) ? Double.NaN
          : Math.sqrt(crossSum(a, a) / n - mean[a] * mean[a]);
    }
    double[] out = new double[terms * (terms - 1) / 2];
    int k = 0;
    for (int a = 0; a < terms; a++) {
      for (int c = a + 1; c < terms; c++) {
        double cov = crossSum(a, c) / n - mean[a] * mean[c];
        out[k++] = cov / (sd[a] * sd[c]);
      }
    }
    return out;
  }
}
