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
 *
 * <p>Built either from a dense batch ({@link #of}) or from consecutive {@link Segment}s, each
 * compacted block by block from dense rows that are never stored whole ({@link #segment},
 * {@link #ofSegments}): the in-process trainer's batches, where the B x F array was written
 * and read twice per step only to be compacted.
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

  /**
   * Writes the dense feature distances of rows [from, to) of a batch into {@code out},
   * row-major from {@code out[0]} (to - from rows of F values).
   */
  @FunctionalInterface
  public interface DenseRows {
    void write(int from, int to, double[] out);
  }

  private final int rows;
  private final int featureCount;
  /** The rows in consecutive parts: part k holds rows [firstRow[k], firstRow[k + 1]). */
  private final Segment[] segments;
  private final int[] firstRow;
  /** Per feature a: the products of terms (a, b), b &lt;= a, that the gradient forms. */
  private final long[] work;

  private SparseDeltas(int rows, int featureCount, Segment[] segments, long[] work) {
    this.rows = rows;
    this.featureCount = featureCount;
    this.segments = segments;
    this.firstRow = new int[segments.length + 1];
    for (int k = 0; k < segments.length; k++) {
      firstRow[k + 1] = firstRow[k] + segments[k].rows;
    }
    this.work = work;
  }

  /**
   * Consecutive rows of a batch kept as their non-zero entries: row r's entries are
   * [start[r], start[r + 1]) of {@code feature}/{@code value}. Built by {@link #segment}; a
   * batch made of segments ({@link #ofSegments}) never holds its dense rows, only a block of
   * them at a time.
   */
  public static final class Segment {
    private final int rows;
    private final int[] start;
    private final int[] feature;
    private final double[] value;
    private final long[] work;

    private Segment(int rows, int[] start, int[] feature, double[] value, long[] work) {
      this.rows = rows;
      this.start = start;
      this.feature = feature;
      this.value = value;
      this.work = work;
    }

    /** The number of rows. */
    public int rows() {
      return rows;
    }

    /** The number of non-zero entries. */
    public int nonZeros() {
      return start[rows];
    }
  }

  /**
   * Writes the non-zero feature distances of one row of a batch, features ascending, as
   * entries {@code feature[at + k]}, {@code value[at + k]} (the arrays have room for F entries
   * from {@code at}; entries past the count returned may be overwritten), and returns their
   * number: a source that finds a pair's non-zero distances without forming its dense row.
   */
  @FunctionalInterface
  public interface SparseRows {
    int write(int row, int[] feature, double[] value, int at);
  }

  /** Dense values of one block of {@link #segment} rows (32 KB). */
  private static final int BLOCK_VALUES = 4096;

  /**
   * Rows [from, to) of a batch as non-zero entries, their dense distances written by
   * {@code dense} one cache-sized block at a time and compacted at once (the batch's B x F
   * array is never formed), reusing {@code previous}'s arrays (a segment no longer read, or
   * null) where they are large enough. The entries are those {@link #of} finds in the same rows.
   *
   * @param dense writes the rows' dense feature distances
   * @param featureCount F, &gt;= 1
   */
  public static Segment segment(DenseRows dense, int from, int to, int featureCount,
      Segment previous) {
    PhiExpansion.requireFeatureCount(featureCount);
    int f = featureCount;
    int block = Math.max(1, BLOCK_VALUES / f);
    double[] buffer = new double[block * f];
    // the block of dense rows [window[0], window[1]) in the buffer, the next one written when
    // its first row is asked for; each row compacted without a branch per entry (whether a
    // distance is zero is unpredictable): an entry is kept by advancing past it
    int[] window = {from, from};
    return segment((row, feature, value, at) -> {
      if (row == window[1]) {
        window[0] = row;
        window[1] = (int) Math.min(to, (long) row + block);
        dense.write(row, window[1], buffer);
      }
      int o = (row - window[0]) * f;
      int m = 0;
      for (int a = 0; a < f; a++) {
        double d = buffer[o + a];
        feature[at + m] = a;
        value[at + m] = d;
        m += d != 0.0 ? 1 : 0;
      }
      return m;
    }, from, to, featureCount, previous);
  }

  /**
   * Rows [from, to) of a batch as non-zero entries written row by row by {@code rows},
   * reusing {@code previous}'s arrays (a segment no longer read, or null) where they are large
   * enough.
   *
   * @param rows writes each row's non-zero distances, rows asked for in ascending order
   * @param featureCount F, &gt;= 1
   */
  public static Segment segment(SparseRows rows, int from, int to, int featureCount,
      Segment previous) {
    PhiExpansion.requireFeatureCount(featureCount);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("rows [" + from + ", " + to + ") are not a range");
    }
    int f = featureCount;
    int count = to - from;
    int[] start = previous != null && previous.start.length >= count + 1 ? previous.start
        : new int[count + 1];
    int[] feature = previous != null ? previous.feature : new int[Math.max(f, count * 4)];
    double[] value = previous != null && previous.value.length == feature.length
        ? previous.value : new double[feature.length];
    long[] work = previous != null && previous.work.length == f ? previous.work : new long[f];
    java.util.Arrays.fill(work, 0L);
    start[0] = 0;
    int at = 0;
    for (int r = 0; r < count; r++) {
      if (at > feature.length - f) {
        long grown = Math.max((long) at + f, (long) feature.length + feature.length / 2);
        if (grown > Integer.MAX_VALUE - 8) {
          throw new IllegalArgumentException("rows [" + from + ", " + to + ") have more than "
              + (Integer.MAX_VALUE - 8) + " non-zero feature distances; use a smaller batch"
              + " size");
        }
        feature = java.util.Arrays.copyOf(feature, (int) grown);
        value = java.util.Arrays.copyOf(value, (int) grown);
      }
      int m = rows.write(from + r, feature, value, at);
      for (int x = 0; x < m; x++) {
        work[feature[at + x]] += x + 1;
      }
      at += m;
      start[r + 1] = at;
    }
    return new Segment(count, start, feature, value, work);
  }

  /**
   * A batch made of consecutive segments (rows in segment order), for products equal bit for bit
   * to those of the same rows in one piece: the segments are read, not copied, and must not be
   * changed afterwards.
   */
  public static SparseDeltas ofSegments(java.util.List<Segment> segments, int featureCount) {
    PhiExpansion.requireFeatureCount(featureCount);
    long[] work = new long[featureCount];
    long rows = 0;
    for (Segment s : segments) {
      if (s.work.length != featureCount) {
        throw new IllegalArgumentException("a segment of " + s.work.length
            + " features in a batch of " + featureCount);
      }
      rows += s.rows;
      for (int a = 0; a < featureCount; a++) {
        work[a] += s.work[a];
      }
    }
    if (rows > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("segments of " + rows + " rows in all");
    }
    return new SparseDeltas((int) rows, featureCount, segments.toArray(new Segment[0]), work);
  }

  /**
   * This batch's segments, for a later {@link #segment} to reuse once the batch is no longer
   * read.
   */
  public java.util.List<Segment> segments() {
    return java.util.List.of(segments);
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
    // each part a segment of its rows, compacted block by block as the in-process trainer's
    // batches are, into the previous instance's segments where it had as many
    Segment[] made = new Segment[p];
    DenseRows dense = (from, to, out) -> System.arraycopy(delta, from * f, out, 0, (to - from) * f);
    runner.run(p, part -> made[part] = segment(dense, from(rows, p, part),
        from(rows, p, part + 1), f,
        previous != null && previous.segments.length == p ? previous.segments[part] : null));
    return ofSegments(java.util.List.of(made), f);
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
    long sum = 0;
    for (Segment s : segments) {
      sum += s.nonZeros();
    }
    return (int) sum;
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
    for (int k = 0; k < segments.length; k++) {
      int lo = Math.max(from, firstRow[k]);
      int hi = Math.min(to, firstRow[k + 1]);
      if (lo < hi) {
        predict(segments[k], firstRow[k], lo, hi, interactions, coefficients, sOut);
      }
    }
  }

  /** {@link #predict} of the batch's rows [from, to) that segment {@code seg} holds. */
  private static void predict(Segment seg, int first, int from, int to, boolean interactions,
      double[] coefficients, double[] sOut) {
    int[] start = seg.start;
    int[] feature = seg.feature;
    double[] value = seg.value;
    if (interactions) {
      for (int i = from; i < to; i++) {
        int lo = start[i - first];
        int hi = start[i - first + 1];
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
        for (int x = start[i - first], hi = start[i - first + 1]; x < hi; x++) {
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
    } else {
      java.util.Arrays.fill(gradOut, aFrom, aTo, 0.0);
    }
    // segment after segment: every term's sum runs over the rows in batch order
    for (int k = 0; k < segments.length; k++) {
      transposeTimes(segments[k], firstRow[k], interactions, g, gradOut, aFrom, aTo);
    }
  }

  /** Adds segment {@code seg}'s terms (its rows from batch row {@code first}) to gradOut. */
  private static void transposeTimes(Segment seg, int first, boolean interactions, double[] g,
      double[] gradOut, int aFrom, int aTo) {
    int[] start = seg.start;
    int[] feature = seg.feature;
    double[] value = seg.value;
    int rows = seg.rows;
    if (interactions) {
      for (int i = 0; i < rows; i++) {
        int lo = start[i];
        int hi = start[i + 1];
        double gi = g[first + i];
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
      for (int i = 0; i < rows; i++) {
        double gi = g[first + i];
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
