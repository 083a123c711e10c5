package org.mlem.core.sim;

/**
 * The simulation study's noise model (paper section 2.5.1; docs/method.md section 8): Gaussian noise
 * scaled per dimension, y' = y + level * std_d * N(0, 1), where std_d is the population standard
 * deviation of column d of the input over all rows. Scaling by each dimension's spread makes the
 * level a signal-to-noise knob independent of the representation's units.
 */
public final class NoiseInjection {
  private NoiseInjection() {}

  /**
   * Returns a noisy copy of a row-major rows x dims matrix; the input is not modified.
   *
   * @param data rows * dims finite values, row-major
   * @param rows the number of rows (stimuli), >= 1
   * @param dims the number of columns, >= 1
   * @param level the noise level, finite and >= 0 (0 returns an exact copy)
   * @param seed the seed; the same seed and inputs give the same output bit for bit
   * @return a new array of rows * dims values
   * @throws IllegalArgumentException on a shape mismatch, non-finite data or an invalid level
   */
  public static float[] addGaussian(float[] data, int rows, int dims, double level, long seed) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be >= 1, found " + rows);
    }
    if (dims < 1) {
      throw new IllegalArgumentException("dims must be >= 1, found " + dims);
    }
    if (data == null || data.length != (long) rows * dims) {
      throw new IllegalArgumentException("data must hold rows * dims = " + rows + " * " + dims
          + " = " + (long) rows * dims + " values, found "
          + (data == null ? "null" : data.length));
    }
    if (!Double.isFinite(level) || level < 0) {
      throw new IllegalArgumentException("noise level must be finite and >= 0, found " + level);
    }
    for (int k = 0; k < data.length; k++) {
      if (!Float.isFinite(data[k])) {
        throw new IllegalArgumentException("data must be finite, found " + data[k] + " at row "
            + k / dims + " column " + k % dims);
      }
    }
    float[] noisy = data.clone();
    if (level == 0) {
      return noisy;
    }
    double[] scale = columnStd(data, rows, dims);
    for (int d = 0; d < dims; d++) {
      scale[d] *= level;
    }
    SimRandom random = new SimRandom(seed);
    for (int i = 0, k = 0; i < rows; i++) {
      for (int d = 0; d < dims; d++, k++) {
        noisy[k] = (float) (data[k] + scale[d] * random.gaussian());
      }
    }
    return noisy;
  }

  /** Population standard deviation of each column (two passes, in double precision). */
  static double[] columnStd(float[] data, int rows, int dims) {
    double[] mean = new double[dims];
    for (int i = 0, k = 0; i < rows; i++) {
      for (int d = 0; d < dims; d++, k++) {
        mean[d] += data[k];
      }
    }
    for (int d = 0; d < dims; d++) {
      mean[d] /= rows;
    }
    double[] variance = new double[dims];
    for (int i = 0, k = 0; i < rows; i++) {
      for (int d = 0; d < dims; d++, k++) {
        double centred = data[k] - mean[d];
        variance[d] += centred * centred;
      }
    }
    for (int d = 0; d < dims; d++) {
      variance[d] = Math.sqrt(variance[d] / rows);
    }
    return variance;
  }
}
