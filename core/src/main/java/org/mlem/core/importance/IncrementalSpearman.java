package org.mlem.core.importance;

import org.mlem.core.rank.Correlation;
import org.mlem.core.rank.SnappedRanks;

/**
 * The snapped Spearman score of a metric's predictions s = delta^T W delta with some delta
 * components replaced (a permuted feature, or two), equal bit for bit to
 * {@link MetricScorer#scoreReplaced} with Spearman scoring, at a cost per pair that does not
 * grow with the number of coefficients.
 *
 * <p>With g = W d without the diagonal (precomputed once per round for every pair and
 * component), replacing the components r of a set R by e_r changes a pair's prediction by
 * {@code sum_r dl_r (2 g_r + w_rr (e_r + d_r)) + 2 sum_(r<t in R) w_rt dl_r dl_t}, dl = e - d:
 * O(|R|^2) operations instead of O(F^2). The update sums in another order than the exact
 * prediction, so its last bits differ; the score only sees each value's grid cell of
 * {@link org.mlem.core.rank.TieSnapping} (Spearman of the snapped values), so the update is
 * used only where it provably lands in the exact value's cell:
 *
 * <ul>
 *   <li>a rounding-error bound eps per pair, {@code (4F + 16) 2^-52 (A + V)} with A =
 *       |d|^T|W||d| of the unpermuted row and V the same absolute sum of the update's terms,
 *       each component's (|W| without diagonal) |d| taken at its largest over the round's pairs
 *       (a looser bound that saves reading one array per component and unit)
 *       (standard bounds: the exact prediction's error is at most gamma_(2F+3) times its absolute
 *       sum, the update's at most gamma_(2F+13) times A + V, and the new row's absolute sum is
 *       at most A + V; the factor doubles their sum to cover the bound's own rounding);
 *   <li>the grid's scale is the exact largest |s|: every pair that could hold it
 *       (|s'| + eps at least the largest |s'| - eps) is computed exactly;
 *   <li>a pair gets the update's cell when s' - eps and s' + eps fall in the same cell (the
 *       division and rounding to the grid are monotone, so the exact value is in it too), and
 *       its exact prediction otherwise. A pair whose replaced components equal its own (a
 *       permutation that leaves the pair's values, common for binary features) has the same
 *       row, so its unpermuted exact prediction.
 * </ul>
 *
 * The cells, hence the average ranks and the correlation, are then those of the exact path.
 * One instance serves one round on one thread (it keeps scratch arrays).
 */
final class IncrementalSpearman {
  /** Relative bound factor per feature: see the class comment. */
  private static final double UNIT = 0x1p-52;

  /** Grid steps by which the multiplied interval of {@link #keys} is widened. */
  private static final double SLACK = 0x1p-8;

  /** Pairs whose exact predictions are computed side by side. */
  private static final int BLOCK = 8;

  private final int f;
  private final int b;
  private final double[] coefficients;
  private final boolean interactions;
  private final double[] matrix;
  private final double[] delta;
  private final double[][] columns;
  private final double[][] permuted;
  private final double[] exact;
  private final double[][] cross;
  private final double[] absCross;
  private final double[] absolute;
  private final double[] neuralRanks;
  private final double factor;
  private final double[] predicted;
  private final double[] bound;
  private final long[] keys;
  /** The ranks of a score's keys and their sort's work array, reused by every score. */
  private final double[] ranks;
  private final long[] rankScratch;
  private final double[] row;
  private final int[] pending;
  private final double[] block;
  private final double[] blockOut;
  private long exactPairs;
  /** The largest |s'| - eps of the last update: the exact largest |s| is at least this. */
  private double lowest;

  /**
   * Precomputes a round's unpermuted predictions and their per-pair sums.
   *
   * @param delta the round's B x F feature distances, row-major (kept, not copied)
   * @param f F
   * @param coefficients W in term order
   * @param interactions whether W has interaction terms
   * @param permuted the permuted distances, {@code permuted[component][pair]} (kept)
   * @param neuralRanks the neural distances' average ranks
   */
  IncrementalSpearman(double[] delta, int f, double[] coefficients, boolean interactions,
      double[][] permuted, double[] neuralRanks) {
    this.f = f;
    this.b = neuralRanks.length;
    this.coefficients = coefficients;
    this.interactions = interactions;
    this.delta = delta;
    this.permuted = permuted;
    this.neuralRanks = neuralRanks;
    this.factor = (4.0 * f + 16) * UNIT;
    matrix = new double[f * f];
    for (int a = 0; a < f; a++) {
      if (interactions) {
        int base = a * (a + 1) / 2;
        for (int c = 0; c <= a; c++) {
          matrix[a * f + c] = coefficients[base + c];
          matrix[c * f + a] = coefficients[base + c];
        }
      } else {
        matrix[a * f + a] = coefficients[a];
      }
    }
    exact = new double[b];
    if (interactions) {
      RowPrediction.predict(delta, b, f, coefficients, exact);
    } else {
      for (int k = 0; k < b; k++) {
        exact[k] = predictRow(delta, k * f);
      }
    }
    columns = new double[f][b];
    cross = new double[f][b];
    absCross = new double[f];
    absolute = new double[b];
    // g = (W without its diagonal) d and |W without diagonal| |d|, from each row's non-zero
    // distances (any summation order: g only enters updates whose error is bounded)
    double[] off = new double[f * f];
    double[] absOff = new double[f * f];
    if (interactions) {
      for (int i = 0; i < f * f; i++) {
        off[i] = i / f == i % f ? 0 : matrix[i];
        absOff[i] = Math.abs(off[i]);
      }
    }
    double[] g = new double[f];
    double[] ag = new double[f];
    int[] nonZero = new int[f];
    for (int k = 0; k < b; k++) {
      int o = k * f;
      int m = 0;
      for (int c = 0; c < f; c++) {
        double d = delta[o + c];
        columns[c][k] = d;
        if (d != 0) {
          nonZero[m++] = c;
        }
      }
      java.util.Arrays.fill(g, 0);
      java.util.Arrays.fill(ag, 0);
      if (interactions) {
        for (int x = 0; x < m; x++) {
          int c = nonZero[x];
          double d = delta[o + c];
          double ad = Math.abs(d);
          int base = c * f;
          for (int a = 0; a < f; a++) {
            g[a] += off[base + a] * d;
            ag[a] += absOff[base + a] * ad;
          }
        }
      }
      double sum = 0;
      for (int a = 0; a < f; a++) {
        double da = Math.abs(delta[o + a]);
        cross[a][k] = g[a];
        absCross[a] = Math.max(absCross[a], ag[a]);
        sum += da * (ag[a] + Math.abs(matrix[a * f + a]) * da);
      }
      absolute[k] = sum;
    }
    predicted = new double[b];
    bound = new double[b];
    keys = new long[b];
    ranks = new double[b];
    rankScratch = new long[b];
    row = new double[f];
    pending = new int[b];
    block = new double[BLOCK * f];
    blockOut = new double[BLOCK];
  }

  /** The unpermuted predictions (exact path), a copy. */
  double[] predictions() {
    return exact.clone();
  }

  /** How many pair predictions were computed exactly so far (certification failures). */
  long exactPairs() {
    return exactPairs;
  }

  /**
   * The Spearman score of the predictions with the components {@code replaced} taken from the
   * permuted distances: {@link MetricScorer#scoreReplaced} with Spearman scoring, bit for bit.
   * NaN when undefined.
   */
  double score(int[] replaced) {
    if (!update(replaced)) {
      double[] s = new double[b];
      for (int k = 0; k < b; k++) {
        s[k] = exactReplaced(k, replaced);
      }
      return MetricScorer.gainOfScratch(s, null, neuralRanks,
          org.mlem.core.evaluation.DistanceScore.SPEARMAN);
    }
    double low = lowest;
    double scale = 0;
    for (int k = 0; k < b; k++) {
      if (Math.abs(predicted[k]) + bound[k] >= low) {
        if (bound[k] != 0) {
          predicted[k] = exactReplaced(k, replaced);
          bound[k] = 0;
        }
        double x = Math.abs(predicted[k]);
        if (x > scale) {
          scale = x;
        }
      }
    }
    if (scale == 0) {
      java.util.Arrays.fill(keys, 0);
    } else {
      keys(replaced, SnappedRanks.quantum(scale));
    }
    SnappedRanks.averageOfKeys(keys, ranks, rankScratch);
    try {
      return Correlation.pearson(ranks, neuralRanks);
    } catch (ArithmeticException e) {
      return Double.NaN;
    }
  }

  /**
   * Every pair's grid index: {@link SnappedRanks#key} of its exact prediction. The interval
   * [s - eps, s + eps] is mapped to the grid by a multiplication with 1 / quantum, widened by
   * {@link #SLACK} grid steps (plus a relative 2^-48), far more than the few roundings by which
   * the product and the quotient of {@link SnappedRanks#key} can differ (each at most
   * 2^-53 of a value of magnitude below 2^41 steps); when both ends round to the same index, so
   * does the exact value's quotient. Otherwise the quotient is taken (eps = 0, the value is
   * exact) or the exact prediction is computed.
   */
  private void keys(int[] replaced, double quantum) {
    double inv = 1 / quantum;
    boolean fast = Double.isFinite(inv);
    int count = 0;
    for (int k = 0; k < b; k++) {
      double s = predicted[k];
      double eps = bound[k];
      if (fast) {
        double xl = (s - eps) * inv;
        double xh = (s + eps) * inv;
        double lo = Math.rint(xl - (SLACK + Math.abs(xl) * 0x1p-48));
        double hi = Math.rint(xh + (SLACK + Math.abs(xh) * 0x1p-48));
        if (lo == hi) {
          keys[k] = (long) lo;
          continue;
        }
      }
      if (eps == 0) {
        keys[k] = SnappedRanks.key(s, quantum);
      } else {
        pending[count++] = k;
      }
    }
    for (int start = 0; start < count; start += BLOCK) {
      int len = Math.min(BLOCK, count - start);
      for (int i = 0; i < len; i++) {
        int k = pending[start + i];
        System.arraycopy(delta, k * f, block, i * f, f);
        for (int r : replaced) {
          block[i * f + r] = permuted[r][k];
        }
      }
      exactPairs += len;
      if (interactions) {
        RowPrediction.predict(block, len, f, coefficients, blockOut);
      } else {
        for (int i = 0; i < len; i++) {
          blockOut[i] = predictRow(block, i * f);
        }
      }
      for (int i = 0; i < len; i++) {
        keys[pending[start + i]] = SnappedRanks.key(blockOut[i], quantum);
      }
    }
  }

  /**
   * Fills {@code predicted} with the updated predictions and {@code bound} with their error
   * bounds (0 where the row is unchanged); false if a value is not finite.
   */
  private boolean update(int[] replaced) {
    if (replaced.length == 1) {
      return updateOne(replaced[0]);
    }
    if (replaced.length == 2) {
      return updateTwo(replaced[0], replaced[1]);
    }
    return updateMany(replaced);
  }

  private boolean updateOne(int r) {
    double[] d = columns[r];
    double[] e = permuted[r];
    double[] g = cross[r];
    double ag = absCross[r];
    double w = matrix[r * f + r];
    double aw = Math.abs(w);
    double check = 0;
    double low = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < b; k++) {
      double dk = d[k];
      double ek = e[k];
      if (dk == ek) {
        double s = exact[k];
        predicted[k] = s;
        bound[k] = 0;
        low = Math.abs(s) > low ? Math.abs(s) : low;
        continue;
      }
      double dl = ek - dk;
      double s = exact[k] + dl * (2 * g[k] + w * (ek + dk));
      double m = Math.abs(ek) + Math.abs(dk);
      double eps = factor * (absolute[k] + m * (2 * ag + aw * m));
      predicted[k] = s;
      bound[k] = eps;
      double x = Math.abs(s) - eps;
      low = x > low ? x : low;
      check += s + eps;
    }
    lowest = low;
    return Double.isFinite(check);
  }

  private boolean updateTwo(int r, int t) {
    double[] d1 = columns[r];
    double[] e1 = permuted[r];
    double[] g1 = cross[r];
    double ag1 = absCross[r];
    double[] d2 = columns[t];
    double[] e2 = permuted[t];
    double[] g2 = cross[t];
    double ag2 = absCross[t];
    double w1 = matrix[r * f + r];
    double w2 = matrix[t * f + t];
    double w12 = 2 * matrix[r * f + t];
    double aw1 = Math.abs(w1);
    double aw2 = Math.abs(w2);
    double aw12 = Math.abs(w12);
    double check = 0;
    double low = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < b; k++) {
      double da = d1[k];
      double ea = e1[k];
      double dc = d2[k];
      double ec = e2[k];
      if (da == ea && dc == ec) {
        double s = exact[k];
        predicted[k] = s;
        bound[k] = 0;
        low = Math.abs(s) > low ? Math.abs(s) : low;
        continue;
      }
      double la = ea - da;
      double lc = ec - dc;
      double u = la * (2 * g1[k] + w1 * (ea + da)) + lc * (2 * g2[k] + w2 * (ec + dc))
          + w12 * la * lc;
      double s = exact[k] + u;
      double ma = Math.abs(ea) + Math.abs(da);
      double mc = Math.abs(ec) + Math.abs(dc);
      double v = ma * (2 * ag1 + aw1 * ma) + mc * (2 * ag2 + aw2 * mc) + aw12 * ma * mc;
      double eps = factor * (absolute[k] + v);
      predicted[k] = s;
      bound[k] = eps;
      double x = Math.abs(s) - eps;
      low = x > low ? x : low;
      check += s + eps;
    }
    lowest = low;
    return Double.isFinite(check);
  }

  private boolean updateMany(int[] replaced) {
    int m = replaced.length;
    double[] dl = new double[m];
    double[] mag = new double[m];
    double check = 0;
    double low = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < b; k++) {
      boolean same = true;
      for (int i = 0; i < m; i++) {
        int r = replaced[i];
        double d = columns[r][k];
        double e = permuted[r][k];
        same &= d == e;
        dl[i] = e - d;
        mag[i] = Math.abs(e) + Math.abs(d);
      }
      if (same) {
        double s = exact[k];
        predicted[k] = s;
        bound[k] = 0;
        low = Math.abs(s) > low ? Math.abs(s) : low;
        continue;
      }
      double u = 0;
      double v = 0;
      for (int i = 0; i < m; i++) {
        int r = replaced[i];
        double d = columns[r][k];
        double e = permuted[r][k];
        double w = matrix[r * f + r];
        u += dl[i] * (2 * cross[r][k] + w * (e + d));
        v += mag[i] * (2 * absCross[r] + Math.abs(w) * mag[i]);
        for (int j = 0; j < i; j++) {
          double wrt = 2 * matrix[r * f + replaced[j]];
          u += wrt * dl[i] * dl[j];
          v += Math.abs(wrt) * mag[i] * mag[j];
        }
      }
      double s = exact[k] + u;
      double eps = factor * (absolute[k] + v);
      predicted[k] = s;
      bound[k] = eps;
      double x = Math.abs(s) - eps;
      low = x > low ? x : low;
      check += s + eps;
    }
    lowest = low;
    return Double.isFinite(check);
  }

  /** Pair k's exact prediction (the exact path's operations) with the components replaced. */
  private double exactReplaced(int k, int[] replaced) {
    exactPairs++;
    System.arraycopy(delta, k * f, row, 0, f);
    for (int r : replaced) {
      row[r] = permuted[r][k];
    }
    return predictRow(row, 0);
  }

  /** One row's prediction with exactly the operations of the exact path. */
  private double predictRow(double[] values, int o) {
    double sum = 0;
    if (interactions) {
      int k = 0;
      for (int a = 0; a < f; a++) {
        double da = values[o + a];
        double c = 0;
        for (int x = 0; x < a; x++) {
          c += coefficients[k++] * values[o + x];
        }
        sum += da * (2 * c + coefficients[k++] * da);
      }
    } else {
      for (int a = 0; a < f; a++) {
        double da = values[o + a];
        sum += coefficients[a] * da * da;
      }
    }
    return sum;
  }
}
