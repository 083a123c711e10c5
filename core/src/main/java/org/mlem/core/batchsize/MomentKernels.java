package org.mlem.core.batchsize;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD loops of {@link GroupedMonomials} with the incubating Vector API (256-bit species, 4
 * double lanes). Every lane computes what the scalar loop computes for its element (a product,
 * then a sum: no fused multiply-add, no reordering), so the results are bit-identical with and
 * without the module. Loaded only when the module {@code jdk.incubator.vector} is present.
 */
final class MomentKernels {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_256;
  private static final int LANES = 4;

  private MomentKernels() {}

  /** True when the species has the 4 lanes the loops are written for. */
  static boolean available() {
    try {
      return SPECIES.length() == LANES;
    } catch (LinkageError e) {
      return false;
    }
  }

  /**
   * The loop of {@link GroupedMonomials#finish} over the pairs sorted by group, in one method so
   * that its vector loops are compiled together: per pair the same products and sums, in the
   * same order, as the scalar loop there.
   *
   * @param sorted the pairs' continuous distances (c per pair) in group order
   * @param ends the end of each group's pairs in {@code sorted}, in pairs
   * @param groups the groups' records (stride per group: count, S1, S2, S3, non-zero counts)
   * @param q4 the degree-4 sums over all pairs
   * @param nonZeroPatterns the pairs per pattern of non-zero continuous distances
   */
  static void moments(double[] sorted, int[] ends, int groupCount, int c, double[] groups,
      int stride, double[] q4, long[] nonZeroPatterns) {
    int l2 = c * (c + 1) / 2;
    int l3 = c * (c + 1) * (c + 2) / 6;
    double[] y = new double[c];
    double[] p2 = new double[l2];
    double[] p3 = new double[l3];
    int at = 0;
    for (int g = 0; g < groupCount; g++) {
      int base = g * stride;
      for (; at < ends[g]; at++) {
        int from = at * c;
        int nonZero = 0;
        for (int i = 0; i < c; i++) {
          double v = sorted[from + i];
          y[i] = v;
          long bits = Double.doubleToRawLongBits(v) & Long.MAX_VALUE;
          long isNonZero = (bits | -bits) >>> 63;
          nonZero |= (int) isNonZero << i;
          groups[base + 1 + c + l2 + l3 + i] += (double) isNonZero;
        }
        nonZeroPatterns[nonZero]++;
        for (int k = 0, o = 0; k < c; k++) {
          double yk = y[k];
          for (int i = 0; i <= k; i++, o++) {
            p2[o] = yk * y[i];
          }
        }
        for (int k = 0, o = 0; k < c; k++) {
          int n = (k + 1) * (k + 2) / 2;
          DoubleVector a = DoubleVector.broadcast(SPECIES, y[k]);
          int t = 0;
          for (; t <= n - LANES; t += LANES) {
            a.mul(DoubleVector.fromArray(SPECIES, p2, t)).intoArray(p3, o + t);
          }
          for (; t < n; t++) {
            p3[o + t] = y[k] * p2[t];
          }
          o += n;
        }
        for (int l = 0, o = 0; l < c; l++) {
          int n = (l + 1) * (l + 2) * (l + 3) / 6;
          double yl = y[l];
          if (yl != 0.0) {
            DoubleVector a = DoubleVector.broadcast(SPECIES, yl);
            int t = 0;
            for (; t <= n - LANES; t += LANES) {
              DoubleVector.fromArray(SPECIES, q4, o + t)
                  .add(a.mul(DoubleVector.fromArray(SPECIES, p3, t))).intoArray(q4, o + t);
            }
            for (; t < n; t++) {
              q4[o + t] += yl * p3[t];
            }
          }
          o += n;
        }
        groups[base] += 1.0;
        int o = base + 1;
        for (int i = 0; i < c; i++) {
          groups[o + i] += y[i];
        }
        o += c;
        addInline(p2, l2, groups, o);
        o += l2;
        addInline(p3, l3, groups, o);
      }
    }
  }

  /** out[at + t] += x[t] for t &lt; n (small enough to be inlined into {@link #moments}). */
  private static void addInline(double[] x, int n, double[] out, int at) {
    int t = 0;
    for (; t <= n - LANES; t += LANES) {
      DoubleVector.fromArray(SPECIES, out, at + t).add(DoubleVector.fromArray(SPECIES, x, t))
          .intoArray(out, at + t);
    }
    for (; t < n; t++) {
      out[at + t] += x[t];
    }
  }

  /** out[at + t] = a * x[t] for t &lt; n. */
  static void scale(double a, double[] x, int n, double[] out, int at) {
    DoubleVector va = DoubleVector.broadcast(SPECIES, a);
    int t = 0;
    for (; t <= n - LANES; t += LANES) {
      va.mul(DoubleVector.fromArray(SPECIES, x, t)).intoArray(out, at + t);
    }
    for (; t < n; t++) {
      out[at + t] = a * x[t];
    }
  }

  /** out[at + t] += a * x[t] for t &lt; n. */
  static void addScaled(double a, double[] x, int n, double[] out, int at) {
    DoubleVector va = DoubleVector.broadcast(SPECIES, a);
    int t = 0;
    for (; t <= n - LANES; t += LANES) {
      DoubleVector.fromArray(SPECIES, out, at + t)
          .add(va.mul(DoubleVector.fromArray(SPECIES, x, t))).intoArray(out, at + t);
    }
    for (; t < n; t++) {
      out[at + t] += a * x[t];
    }
  }

  /** out[at + t] += x[from + t] for t &lt; n. */
  static void add(double[] x, int from, double[] out, int at, int n) {
    int t = 0;
    for (; t <= n - LANES; t += LANES) {
      DoubleVector.fromArray(SPECIES, out, at + t)
          .add(DoubleVector.fromArray(SPECIES, x, from + t)).intoArray(out, at + t);
    }
    for (; t < n; t++) {
      out[at + t] += x[from + t];
    }
  }
}
