package org.mlem.core.distance;

/**
 * The per-row statistics some neural distances need (docs/method.md section 3): the Euclidean
 * norm (cosine, norm_diff), the mean and the centred norm (correlation). One procedure each, so
 * {@link RepresentationDistances} and {@link NeuralDistance#rejects} compute them identically.
 */
final class RowStatistics {
  private RowStatistics() {}

  /** {@code ||y||_2} of the row at {@code base}, accumulated in double. */
  static double norm(float[] data, int base, int dims) {
    return Math.sqrt(FloatKernels.dotDouble(data, base, data, base, dims));
  }

  /** The mean of the row's components, in double. */
  static double mean(float[] data, int base, int dims) {
    double sum = 0.0;
    for (int c = 0; c < dims; c++) {
      sum += data[base + c];
    }
    return sum / dims;
  }

  /** {@code ||y - mean||_2}, in double. */
  static double centredNorm(float[] data, int base, double mean, int dims) {
    double ss = 0.0;
    for (int c = 0; c < dims; c++) {
      double d = data[base + c] - mean;
      ss += d * d;
    }
    return Math.sqrt(ss);
  }
}
