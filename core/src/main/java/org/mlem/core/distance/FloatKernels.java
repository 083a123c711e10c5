package org.mlem.core.distance;

/**
 * The inner loops of the neural distances over float32 rows: squared Euclidean difference, dot
 * product with float accumulation, and dot product with double accumulation. The first two define one exact floating-point procedure, computed with SIMD by the JDK's
 * Vector API when the module {@code jdk.incubator.vector} is present (launchers, tests and Spark
 * executors add {@code --add-modules jdk.incubator.vector}), and by a scalar emulation of the very
 * same operations otherwise, so a result is bit-identical with or without the module, on any
 * machine: a run never depends on which JVM computed a distance.
 *
 * <p>The procedure: the row is cut into blocks of 16 elements; lane l (0..15) accumulates its
 * elements in float with a fused multiply-add, acc_l = fma(d, d, acc_l) (d = x - y in float) or
 * fma(x, y, acc_l); then lanes l and l + 8 are added in float, the 8 sums are added to a double in
 * lane order, and the remaining dims % 16 elements are added to that double one by one as
 * (double) d * d or (double) x * y. Float accumulation over a row of 768 values has a relative
 * error of about 1e-6, far below anything that changes rankings of neural distances.
 *
 * <p>Cosine distance cancels: 1 - cos of two rows sharing a large common component (an offset, a
 * dominant direction, as in LLM hidden states) is a small difference of large dot products, where
 * float accumulation's 1e-6 relative error can be the size of the result itself. Cosine therefore
 * uses {@link #dotDouble}: each product of two floats is exact in double (24 + 24 significant
 * bits), and the products are accumulated in double by four accumulators in a fixed order
 * (element c goes to accumulator c % 4 over the first 4 * floor(dims / 4) elements, the rest to
 * accumulator 0, then (s0 + s1) + (s2 + s3)). The order depends only on dims, never on the thread,
 * the placement of the row in an array or the JVM, so the result is bit-identical everywhere.
 */
public final class FloatKernels {
  /** Elements per block: two 8-lane vectors. */
  static final int BLOCK = 16;

  private static final boolean VECTORIZED =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && VectorKernels.available();

  private FloatKernels() {}

  /** Whether the SIMD path is in use (the module is present); results are identical either way. */
  public static boolean vectorized() {
    return VECTORIZED;
  }

  /** Sum over c of (x[a + c] - x[b + c])^2 for c in [0, dims). */
  public static double squaredDifference(float[] x, int a, int b, int dims) {
    return VECTORIZED
        ? VectorKernels.squaredDifference(x, a, b, dims)
        : squaredDifferenceScalar(x, a, b, dims);
  }

  /**
   * {@link #squaredDifference} of four pairs of rows at once, {@code out[0..3]} for (a0, b0) ..
   * (a3, b3): the same four values bit for bit, faster when the rows come from memory.
   */
  public static void squaredDifference4(float[] x, int a0, int b0, int a1, int b1, int a2,
      int b2, int a3, int b3, int dims, double[] out) {
    if (VECTORIZED) {
      VectorKernels.squaredDifference4(x, a0, b0, a1, b1, a2, b2, a3, b3, dims, out);
    } else {
      out[0] = squaredDifferenceScalar(x, a0, b0, dims);
      out[1] = squaredDifferenceScalar(x, a1, b1, dims);
      out[2] = squaredDifferenceScalar(x, a2, b2, dims);
      out[3] = squaredDifferenceScalar(x, a3, b3, dims);
    }
  }

  /** Sum over c of x[a + c] * y[b + c] for c in [0, dims). */
  public static double dot(float[] x, int a, float[] y, int b, int dims) {
    return VECTORIZED ? VectorKernels.dot(x, a, y, b, dims) : dotScalar(x, a, y, b, dims);
  }

  /**
   * Sum over c of x[a + c] * y[b + c] for c in [0, dims), accumulated in double in the fixed order
   * of the class comment (used where the sum cancels: cosine distance and row norms).
   */
  public static double dotDouble(float[] x, int a, float[] y, int b, int dims) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int c = 0;
    int end4 = dims - 3;
    for (; c < end4; c += 4) {
      s0 += (double) x[a + c] * y[b + c];
      s1 += (double) x[a + c + 1] * y[b + c + 1];
      s2 += (double) x[a + c + 2] * y[b + c + 2];
      s3 += (double) x[a + c + 3] * y[b + c + 3];
    }
    for (; c < dims; c++) {
      s0 += (double) x[a + c] * y[b + c];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** The scalar emulation of the procedure in the class comment. */
  static double squaredDifferenceScalar(float[] x, int a, int b, int dims) {
    float[] acc = new float[BLOCK];
    int c = 0;
    for (; c <= dims - BLOCK; c += BLOCK) {
      for (int l = 0; l < BLOCK; l++) {
        float d = x[a + c + l] - x[b + c + l];
        acc[l] = Math.fma(d, d, acc[l]);
      }
    }
    double s = lanes(acc);
    for (; c < dims; c++) {
      float d = x[a + c] - x[b + c];
      s += (double) d * d;
    }
    return s;
  }

  /** The scalar emulation of the procedure in the class comment. */
  static double dotScalar(float[] x, int a, float[] y, int b, int dims) {
    float[] acc = new float[BLOCK];
    int c = 0;
    for (; c <= dims - BLOCK; c += BLOCK) {
      for (int l = 0; l < BLOCK; l++) {
        acc[l] = Math.fma(x[a + c + l], y[b + c + l], acc[l]);
      }
    }
    double s = lanes(acc);
    for (; c < dims; c++) {
      s += (double) x[a + c] * y[b + c];
    }
    return s;
  }

  /** Lanes l and l + 8 added in float, then the 8 sums added to a double in lane order. */
  static double lanes(float[] acc) {
    double s = 0;
    for (int l = 0; l < BLOCK / 2; l++) {
      s += acc[l] + acc[l + BLOCK / 2];
    }
    return s;
  }
}
