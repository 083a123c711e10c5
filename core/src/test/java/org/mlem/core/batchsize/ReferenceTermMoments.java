package org.mlem.core.batchsize;

import org.mlem.core.metric.PhiExpansion;

/**
 * The term-product accumulation as it was before the degree-4 monomial sums (kept verbatim as
 * the reference of {@link TermMomentsTest}): every product of two non-zero terms of a pair.
 *
 * <p>Original description:
 * Running first and second moments of the model's terms over one growing batch of pairs of the
 * batch-size search: the sums of every term and of every product of two terms, so the batch's
 * Pearson correlations can be read at any size without revisiting its pairs. The terms are
 * {@link PhiExpansion}'s (delta_a^2 and, with interactions, 2 delta_a delta_b). Pairs usually
 * differ on few features and most terms of a pair are zero, so only the products of a pair's
 * non-zero terms are accumulated: the cost per pair is quadratic in its non-zero terms, not in
 * all terms.
 */
final class ReferenceTermMoments {
  /** A variance at or below this fraction of the mean square counts as a constant column. */
  private static final double CONSTANT_TOLERANCE = 1e-12;

  private final int featureCount;
  private final int terms;
  private final boolean interactions;
  private final double[] sum;
  /** Pairs in which each term is non-zero. */
  private final long[] nonZeroCount;
  /** Row-major upper triangle (a <= c) of the term-by-term product sums, stored as k x k. */
  private final double[] cross;
  private long rows;

  ReferenceTermMoments(int featureCount, boolean interactions) {
    this.featureCount = featureCount;
    this.interactions = interactions;
    this.terms = PhiExpansion.termCount(featureCount, interactions);
    this.sum = new double[terms];
    this.nonZeroCount = new long[terms];
    this.cross = new double[terms * terms];
  }

  /** The number of terms (columns). */
  int terms() {
    return terms;
  }

  /** Pairs accumulated so far. */
  long rows() {
    return rows;
  }

  /**
   * Adds pairs to the batch.
   *
   * @param delta row-major feature distances of the new pairs, {@code count x featureCount}
   * @param count the number of new pairs
   */
  void add(double[] delta, int count) {
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
    rows += count;
  }

  /** The sum of term t over the pairs so far (added for the tests of the grouped sums). */
  double termSum(int t) {
    return sum[t];
  }

  /** The sum of the product of terms t &lt;= u over the pairs so far (added likewise). */
  double productSum(int t, int u) {
    return cross[t * terms + u];
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
    double meanSquare = cross[t * terms + t] / n;
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
          : Math.sqrt(cross[a * terms + a] / n - mean[a] * mean[a]);
    }
    double[] out = new double[terms * (terms - 1) / 2];
    int k = 0;
    for (int a = 0; a < terms; a++) {
      int o = a * terms;
      for (int c = a + 1; c < terms; c++) {
        double cov = cross[o + c] / n - mean[a] * mean[c];
        out[k++] = cov / (sd[a] * sd[c]);
      }
    }
    return out;
  }
}
