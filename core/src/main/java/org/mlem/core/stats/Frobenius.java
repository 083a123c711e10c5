package org.mlem.core.stats;

/**
 * Frobenius norm and distance of square F x F matrices, used to compare a learned metric W with
 * the ground truth W* or with another model's W (docs/method.md section 7; both normalized to unit
 * Frobenius norm). Sums of squares are accumulated with scaling, so that very large or very small
 * entries neither overflow nor underflow.
 */
public final class Frobenius {
  private Frobenius() {}

  /**
   * ||a||_F = sqrt(sum of squared entries).
   *
   * @param a a square matrix (rows of equal length F, F >= 1), finite entries
   * @return the norm, >= 0
   * @throws IllegalArgumentException if {@code a} is null, empty, not square, or has a non-finite
   *     entry
   */
  public static double norm(double[][] a) {
    int f = requireSquare("a", a);
    double scale = 0;
    double ssq = 1;
    for (int i = 0; i < f; i++) {
      for (int j = 0; j < f; j++) {
        double v = a[i][j];
        requireFinite("a", i, j, v);
        // LAPACK dlassq-style accumulation: ssq * scale^2 is the running sum of squares.
        if (v != 0) {
          double abs = Math.abs(v);
          if (scale < abs) {
            double r = scale / abs;
            ssq = 1 + ssq * r * r;
            scale = abs;
          } else {
            double r = abs / scale;
            ssq += r * r;
          }
        }
      }
    }
    return scale * Math.sqrt(ssq);
  }

  /**
   * ||a - b||_F.
   *
   * @param a a square F x F matrix, finite entries
   * @param b a matrix of the same shape, finite entries
   * @return the distance, >= 0
   * @throws IllegalArgumentException if a matrix is null, empty, not square or has a non-finite
   *     entry, or the shapes differ
   */
  public static double distance(double[][] a, double[][] b) {
    int fa = requireSquare("a", a);
    int fb = requireSquare("b", b);
    if (fa != fb) {
      throw new IllegalArgumentException(
          "a and b must have the same shape, found " + fa + " x " + fa + " and " + fb + " x " + fb);
    }
    double[][] diff = new double[fa][fa];
    for (int i = 0; i < fa; i++) {
      for (int j = 0; j < fa; j++) {
        requireFinite("a", i, j, a[i][j]);
        requireFinite("b", i, j, b[i][j]);
        diff[i][j] = a[i][j] - b[i][j];
      }
    }
    return norm(diff);
  }

  private static int requireSquare(String name, double[][] m) {
    if (m == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    int f = m.length;
    if (f == 0) {
      throw new IllegalArgumentException(name + " must be a square F x F matrix with F >= 1, found 0 rows");
    }
    for (int i = 0; i < f; i++) {
      if (m[i] == null || m[i].length != f) {
        throw new IllegalArgumentException(
            name + " must be a square " + f + " x " + f + " matrix, but row " + i + " has "
                + (m[i] == null ? "no array (null)" : m[i].length + " columns"));
      }
    }
    return f;
  }

  private static void requireFinite(String name, int i, int j, double v) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException(
          name + " must have finite entries, found " + v + " at (" + i + ", " + j + ")");
    }
  }
}
