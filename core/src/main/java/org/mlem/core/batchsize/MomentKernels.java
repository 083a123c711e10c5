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
