package org.mlem.core.distance;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD implementation of {@link FloatKernels}' procedure with the incubating Vector API
 * (256-bit species: 8 float lanes, two accumulators per 16-element block). Loaded only when the
 * module {@code jdk.incubator.vector} is present.
 */
final class VectorKernels {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
  private static final int LANES = 8;

  private VectorKernels() {}

  /** True when the species has the 8 lanes the procedure is defined with. */
  static boolean available() {
    try {
      return SPECIES.length() == LANES;
    } catch (LinkageError e) {
      return false;
    }
  }

  static double squaredDifference(float[] x, int a, int b, int dims) {
    FloatVector lo = FloatVector.zero(SPECIES);
    FloatVector hi = FloatVector.zero(SPECIES);
    int c = 0;
    for (; c <= dims - FloatKernels.BLOCK; c += FloatKernels.BLOCK) {
      FloatVector d0 = FloatVector.fromArray(SPECIES, x, a + c)
          .sub(FloatVector.fromArray(SPECIES, x, b + c));
      FloatVector d1 = FloatVector.fromArray(SPECIES, x, a + c + LANES)
          .sub(FloatVector.fromArray(SPECIES, x, b + c + LANES));
      lo = d0.fma(d0, lo);
      hi = d1.fma(d1, hi);
    }
    return tail(x, a, b, c, dims, sumLanes(lo.add(hi)));
  }

  /**
   * {@link #squaredDifference} of four pairs of rows (a0, b0) .. (a3, b3) side by side, each
   * pair's operations exactly those of one call: rows of a large set come from memory, not the
   * cache, and four independent streams keep more loads in flight (1.5x on 7,700 x 768).
   */
  static void squaredDifference4(float[] x, int a0, int b0, int a1, int b1, int a2, int b2,
      int a3, int b3, int dims, double[] out) {
    FloatVector lo0 = FloatVector.zero(SPECIES);
    FloatVector hi0 = lo0;
    FloatVector lo1 = lo0;
    FloatVector hi1 = lo0;
    FloatVector lo2 = lo0;
    FloatVector hi2 = lo0;
    FloatVector lo3 = lo0;
    FloatVector hi3 = lo0;
    int c = 0;
    for (; c <= dims - FloatKernels.BLOCK; c += FloatKernels.BLOCK) {
      FloatVector d = FloatVector.fromArray(SPECIES, x, a0 + c)
          .sub(FloatVector.fromArray(SPECIES, x, b0 + c));
      lo0 = d.fma(d, lo0);
      d = FloatVector.fromArray(SPECIES, x, a1 + c).sub(FloatVector.fromArray(SPECIES, x, b1 + c));
      lo1 = d.fma(d, lo1);
      d = FloatVector.fromArray(SPECIES, x, a2 + c).sub(FloatVector.fromArray(SPECIES, x, b2 + c));
      lo2 = d.fma(d, lo2);
      d = FloatVector.fromArray(SPECIES, x, a3 + c).sub(FloatVector.fromArray(SPECIES, x, b3 + c));
      lo3 = d.fma(d, lo3);
      int h = c + LANES;
      d = FloatVector.fromArray(SPECIES, x, a0 + h).sub(FloatVector.fromArray(SPECIES, x, b0 + h));
      hi0 = d.fma(d, hi0);
      d = FloatVector.fromArray(SPECIES, x, a1 + h).sub(FloatVector.fromArray(SPECIES, x, b1 + h));
      hi1 = d.fma(d, hi1);
      d = FloatVector.fromArray(SPECIES, x, a2 + h).sub(FloatVector.fromArray(SPECIES, x, b2 + h));
      hi2 = d.fma(d, hi2);
      d = FloatVector.fromArray(SPECIES, x, a3 + h).sub(FloatVector.fromArray(SPECIES, x, b3 + h));
      hi3 = d.fma(d, hi3);
    }
    out[0] = tail(x, a0, b0, c, dims, sumLanes(lo0.add(hi0)));
    out[1] = tail(x, a1, b1, c, dims, sumLanes(lo1.add(hi1)));
    out[2] = tail(x, a2, b2, c, dims, sumLanes(lo2.add(hi2)));
    out[3] = tail(x, a3, b3, c, dims, sumLanes(lo3.add(hi3)));
  }

  /** Adds the elements [c, dims) of a pair's squared difference to {@code s}, one by one. */
  private static double tail(float[] x, int a, int b, int c, int dims, double s) {
    for (; c < dims; c++) {
      float d = x[a + c] - x[b + c];
      s += (double) d * d;
    }
    return s;
  }

  static double dot(float[] x, int a, float[] y, int b, int dims) {
    FloatVector lo = FloatVector.zero(SPECIES);
    FloatVector hi = FloatVector.zero(SPECIES);
    int c = 0;
    for (; c <= dims - FloatKernels.BLOCK; c += FloatKernels.BLOCK) {
      lo = FloatVector.fromArray(SPECIES, x, a + c)
          .fma(FloatVector.fromArray(SPECIES, y, b + c), lo);
      hi = FloatVector.fromArray(SPECIES, x, a + c + LANES)
          .fma(FloatVector.fromArray(SPECIES, y, b + c + LANES), hi);
    }
    double s = sumLanes(lo.add(hi));
    for (; c < dims; c++) {
      s += (double) x[a + c] * y[b + c];
    }
    return s;
  }

  /** Lanes added to a double in lane order (never reduceLanes, whose order is unspecified). */
  private static double sumLanes(FloatVector v) {
    double s = 0;
    for (int l = 0; l < LANES; l++) {
      s += v.lane(l);
    }
    return s;
  }
}
