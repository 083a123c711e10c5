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
    double s = sumLanes(lo.add(hi));
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
