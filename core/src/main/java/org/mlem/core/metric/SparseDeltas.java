package org.mlem.core.metric;

import java.util.function.IntConsumer;

/**
 * A batch's feature distances kept as their non-zero entries only, row by row and features
 * ascending (compressed sparse rows), with the two products a training step needs: the
 * predictions s = delta^T W delta and the coefficient gradient Phi^T g.
 *
 * <p>Why: pairs usually differ on few features (about 10 of 24 in a sentence-shaped set), and a
 * step evaluates the batch two or three times (prediction, gradient, the fixed validation
 * batch's prediction at every step). Finding each row's non-zero features once, when the batch
 * is loaded, instead of in every pass, and reading ~10 (feature, value) entries instead of 24
 * doubles, is what makes this worth its memory (12 bytes a non-zero entry).
 *
 * <p>The results are {@link PhiExpansion#predictFromDelta} and
 * {@link PhiExpansion#transposeTimesFromDelta} bit for bit: the same operations on the same
 * non-zero entries in the same order (a zero entry contributes a signed zero to a sum that
 * started at +0, which changes no bit, so the dense kernels' visits of zeros are not missed).
 * Immutable once built; the products may run on several threads over disjoint outputs.
 */
public final class SparseDeltas {
  /** Runs parts 0..parts-1 of a computation and returns when all are done (any threads). */
  @FunctionalInterface
  public interface Parts {
    /**
     * @param parts number of parts, &gt;= 1
     * @param part the work of one part, given its index
     */
    void run(int parts, IntConsumer part);
  }

  /** Runs every part on the calling thread. */
  public static final Parts SEQUENTIAL = (parts, part) -> {
    for (int p = 0; p < parts; p++) {
      part.accept(p);
    }
  };

  private final int rows;
  private final int featureCount;
  /** Row r's entries are [start[r], start[r + 1]). */
  private final int[] start;
  private final int[] feature;
  private final double[] value;
  /** Per feature a: the products of terms (a, b), b &lt;= a, that the gradient forms. */
  private final long[] work;

  private SparseDeltas(int rows, int featureCount, int[] start, int[] feature, double[] value,
      long[] work) {
    this.rows = rows;
    this.featureCount = featureCount;
    this.start = start;
    this.feature = feature;
    this.value = value;
    this.work = work;
  }

  /**
   * The non-zero entries of a dense batch, computed on the calling thread.
   *
   * @param delta feature distances, rows x F row-major (not kept)
   * @param rows number of pairs, &gt;= 0
   * @param featureCount F, &gt;= 1
   */
  public static SparseDeltas of(double[] delta, int rows, int featureCount) {
    return of(delta, rows, featureCount, 1, SEQUENTIAL);
  }

  /**
   * The non-zero entries of a dense batch, its rows split into {@code parts} ranges run by
   * {@code runner} (the result does not depend on the split).
   */
  public static SparseDeltas of(
      double[] delta, int rows, int featureCount, int parts, Parts runner) {
    return of(delta, rows, featureCount, parts, runner, null);
  }

  /**
   * As {@link #of(double[], int, int, int, Parts)}, reusing the arrays of {@code previous} (an
   * instance its owner no longer reads, or null) where they are large enough: a trainer loads a
   * batch of the same size every step. {@code previous} must not be used afterwards.
   */
  public static SparseDeltas of(double[] delta, int rows, int featureCount, int parts,
      Parts runner, SparseDeltas previous) {
    PhiExpansion.requireFeatureCount(featureCount);
    if (rows < 0 || (long) rows * featureCount > delta.length) {
      throw new IllegalArgumentException("a batch of " + rows + " pairs x " + featureCount
          + " features needs " + (long) rows * featureCount + " distances, found " + delta.length);
    }
    int f = featureCount;
    int p = Math.max(1, Math.min(parts, rows));
    // start[0] is never written: 0 in a new array and in one reused
    int[] start = previous != null && previous.start.length == rows + 1 ? previous.start
        : new int[rows + 1];
    runner.run(p, part -> {
      for (int r = from(rows, p, part), to = from(rows, p, part + 1); r < to; r++) {
        int count = 0;
        for (int a = 0, o = r * f; a < f; a++) {
          count += delta[o + a] != 0.0 ? 1 : 0;
        }
        start[r + 1] = count;
      }
    });
    for (int r = 0; r < rows; r++) {
      long next = (long) start[r] + start[r + 1];
      if (next > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("a batch of " + rows + " pairs has more than "
            + (Integer.MAX_VALUE - 8) + " non-zero feature distances; use a smaller batch size");
      }
      start[r + 1] = (int) next;
    }
    int nonZero = start[rows];
    boolean reuse = previous != null && previous.feature.length >= nonZero;
    // a new pair of arrays gets 1/8 slack, for later batches with a few more non-zero entries
    int capacity = (int) Math.min(Integer.MAX_VALUE - 8, nonZero + (long) nonZero / 8);
    int[] feature = reuse ? previous.feature : new int[previous != null ? capacity : nonZero];
    double[] value = reuse ? previous.value : new double[feature.length];
    long[][] partWork = new long[p][f];
    runner.run(p, part -> {
      // each row is compacted into a row buffer without a branch per entry (whether a distance
      // is zero is unpredictable), then its non-zero prefix copied into place
      int[] rowFeature = new int[f];
      double[] rowValue = new double[f];
      long[] work = partWork[part];
      for (int r = from(rows, p, part), to = from(rows, p, part + 1); r < to; r++) {
        int m = 0;
        for (int a = 0, o = r * f; a < f; a++) {
          double d = delta[o + a];
          rowFeature[m] = a;
          rowValue[m] = d;
          m += d != 0.0 ? 1 : 0;
        }
        System.arraycopy(rowFeature, 0, feature, start[r], m);
        System.arraycopy(rowValue, 0, value, start[r], m);
        for (int x = 0; x < m; x++) {
          work[rowFeature[x]] += x + 1;
        }
      }
    });
    long[] work = new long[f];
    for (long[] w : partWork) {
      for (int a = 0; a < f; a++) {
        work[a] += w[a];
      }
    }
    return new SparseDeltas(rows, featureCount, start, feature, value, work);
  }

  private static int from(int rows, int parts, int part) {
    return (int) ((long) rows * part / parts);
  }

  /** The number of pairs. */
  public int rows() {
    return rows;
  }

  /** F, the number of feature distances per pair. */
  public int featureCount() {
    return featureCount;
  }

  /** The number of non-zero feature distances over all pairs. */
  public int nonZeros() {
    return start[rows];
  }

  /**
   * Feature boundaries {@code split[0] = 0 < ... < split[parts] = F} splitting the gradient's
   * work (with interactions, a pair's k-th non-zero feature forms k products) into ranges of
   * about equal size, for {@link #transposeTimes} on several threads. Pairs differ more often on
   * some features than on others, so equal numbers of terms would not balance the threads.
   *
   * @param parts the ranges wanted, &gt;= 1 (fewer when there are fewer features)
   */
  public int[] balancedSplit(int parts) {
    int p = Math.max(1, Math.min(parts, featureCount));
    long total = 0;
    for (long w : work) {
      total += w;
    }
    int[] split = new int[p + 1];
    long done = 0;
    int a = 0;
    for (int k = 1; k < p; k++) {
      long want = total * k / p;
      while (a < split[k - 1] + 1) { // every range holds a feature
        done += work[a];
        a++;
      }
      while (a < featureCount - (p - k) && done + work[a] / 2 < want) {
        done += work[a];
        a++;
      }
      split[k] = a;
    }
    split[p] = featureCount;
    return split;
  }

  /**
   * {@code sOut[i] = delta_i^T W delta_i} for the pairs {@code [from, to)}: equal bit for bit to
   * {@link PhiExpansion#predictFromDelta(double[], int, int, int, boolean, double[], double[])}.
   *
   * @param interactions whether W has interaction terms
   * @param coefficients W's coefficients in term order
   * @param sOut receives the predictions at positions [from, to)
   */
  public void predict(
      int from, int to, boolean interactions, double[] coefficients, double[] sOut) {
    if (interactions) {
      for (int i = from; i < to; i++) {
        int lo = start[i];
        int hi = start[i + 1];
        double sum = 0;
        for (int x = lo; x < hi; x++) {
          int a = feature[x];
          int base = a * (a + 1) / 2;
          double da = value[x];
          double cross = 0;
          for (int y = lo; y < x; y++) {
            cross += coefficients[base + feature[y]] * value[y];
          }
          sum += da * (2 * cross + coefficients[base + a] * da);
        }
        sOut[i] = sum;
      }
    } else {
      for (int i = from; i < to; i++) {
        double sum = 0;
        for (int x = start[i], hi = start[i + 1]; x < hi; x++) {
          double da = value[x];
          sum += coefficients[feature[x]] * da * da;
        }
        sOut[i] = sum;
      }
    }
  }

  /**
   * {@code gradOut = Phi^T g} restricted to the terms of features {@code [aFrom, aTo)} (the
   * terms (a, b), b &lt;= a, with interactions; the terms a without), every term's sum running
   * over the pairs in order: equal bit for bit to
   * {@link PhiExpansion#transposeTimesFromDelta(double[], int, int, boolean, double[], double[],
   * int, int)}. The other entries of {@code gradOut} are left untouched.
   *
   * @param g one value per pair (d score / d s)
   */
  public void transposeTimes(
      boolean interactions, double[] g, double[] gradOut, int aFrom, int aTo) {
    if (interactions) {
      java.util.Arrays.fill(gradOut, aFrom * (aFrom + 1) / 2, aTo * (aTo + 1) / 2, 0.0);
      for (int i = 0; i < rows; i++) {
        int lo = start[i];
        int hi = start[i + 1];
        double gi = g[i];
        for (int x = lo; x < hi; x++) {
          int a = feature[x];
          if (a < aFrom) {
            continue;
          }
          if (a >= aTo) {
            break;
          }
          int base = a * (a + 1) / 2;
          double ga = gi * value[x];
          double twice = 2 * ga;
          for (int y = lo; y < x; y++) {
            gradOut[base + feature[y]] += twice * value[y];
          }
          gradOut[base + a] += ga * value[x];
        }
      }
    } else {
      java.util.Arrays.fill(gradOut, aFrom, aTo, 0.0);
      for (int i = 0; i < rows; i++) {
        double gi = g[i];
        for (int x = start[i], hi = start[i + 1]; x < hi; x++) {
          int a = feature[x];
          if (a >= aFrom && a < aTo) {
            double da = value[x];
            gradOut[a] += gi * da * da;
          }
        }
      }
    }
  }
}
