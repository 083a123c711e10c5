package org.mlem.core.distance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernels and their scalar emulation compute the same procedure bit for bit, and
 * agree with a plain double-precision sum to float accuracy.
 */
class FloatKernelsTest {
  private static final int[] DIMS = {1, 7, 15, 16, 17, 31, 32, 100, 768, 1000};

  @Test
  void testsRunWithTheVectorModule() {
    // Surefire's argLine adds jdk.incubator.vector, so the SIMD path is the one tested here.
    assertTrue(FloatKernels.vectorized(), "run the tests with --add-modules jdk.incubator.vector");
  }

  @Test
  void simdAndScalarEmulationAreBitIdentical() {
    SplittableRandom r = new SplittableRandom(5);
    for (int dims : DIMS) {
      float[] x = new float[3 * dims];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (r.nextGaussian() * 10);
      }
      for (int trial = 0; trial < 3; trial++) {
        int a = trial * dims;
        int b = ((trial + 1) % 3) * dims;
        assertEquals(FloatKernels.squaredDifferenceScalar(x, a, b, dims),
            VectorKernels.squaredDifference(x, a, b, dims), 0.0, "squared difference, dims " + dims);
        assertEquals(FloatKernels.dotScalar(x, a, x, b, dims),
            VectorKernels.dot(x, a, x, b, dims), 0.0, "dot, dims " + dims);
      }
    }
  }

  /** Four pairs side by side give each pair's single-pair value bit for bit, tails included. */
  @Test
  void fourPairsAtOnceEqualFourSinglePairs() {
    SplittableRandom r = new SplittableRandom(13);
    for (int dims : DIMS) {
      int rows = 9;
      float[] x = new float[rows * dims];
      for (int k = 0; k < x.length; k++) {
        x[k] = (float) (r.nextGaussian() * 3);
      }
      int[] a = {0, 3, 8, 5};
      int[] b = {1, 3, 2, 7};
      double[] four = new double[4];
      FloatKernels.squaredDifference4(x, a[0] * dims, b[0] * dims, a[1] * dims, b[1] * dims,
          a[2] * dims, b[2] * dims, a[3] * dims, b[3] * dims, dims, four);
      for (int p = 0; p < 4; p++) {
        double one = FloatKernels.squaredDifference(x, a[p] * dims, b[p] * dims, dims);
        assertEquals(Double.doubleToRawLongBits(one), Double.doubleToRawLongBits(four[p]),
            "dims " + dims + " pair " + p);
        assertEquals(Double.doubleToRawLongBits(
            FloatKernels.squaredDifferenceScalar(x, a[p] * dims, b[p] * dims, dims)),
            Double.doubleToRawLongBits(four[p]), "scalar emulation, dims " + dims);
      }
      assertEquals(0.0, four[1], 0.0, "a row against itself");
    }
  }

  @Test
  void agreesWithDoublePrecisionToFloatAccuracy() {
    SplittableRandom r = new SplittableRandom(9);
    for (int dims : DIMS) {
      float[] x = new float[2 * dims];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) r.nextGaussian();
      }
      double sq = 0;
      double dot = 0;
      for (int c = 0; c < dims; c++) {
        double d = (double) x[c] - x[dims + c];
        sq += d * d;
        dot += (double) x[c] * x[dims + c];
      }
      assertEquals(sq, FloatKernels.squaredDifference(x, 0, dims, dims), 1e-5 * Math.max(1, sq));
      assertEquals(dot, FloatKernels.dot(x, 0, x, dims, dims), 1e-5 * Math.max(1, Math.abs(sq)));
    }
  }
}
