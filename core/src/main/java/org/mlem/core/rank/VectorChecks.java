package org.mlem.core.rank;

/** Argument checks shared by the classes of this package; messages name what, expected and found. */
final class VectorChecks {
  private VectorChecks() {}

  /** Throws unless {@code x} is non-null and free of NaN. */
  static void requireNoNaN(String name, double[] x) {
    requireNonNull(name, x);
    for (int i = 0; i < x.length; i++) {
      if (Double.isNaN(x[i])) {
        throw new IllegalArgumentException(name + " must not contain NaN, found NaN at position " + i);
      }
    }
  }

  /** Throws unless {@code x} is non-null and every value is finite. */
  static void requireFinite(String name, double[] x) {
    requireNonNull(name, x);
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i])) {
        throw new IllegalArgumentException(
            name + " must contain only finite values, found " + x[i] + " at position " + i);
      }
    }
  }

  static void requireNonNull(String name, Object x) {
    if (x == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
  }

  /** Throws unless both vectors are non-null, of equal length, and at least {@code min} long. */
  static void requireSameLength(String xName, double[] x, String yName, double[] y, int min) {
    requireNonNull(xName, x);
    requireNonNull(yName, y);
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          xName + " and " + yName + " must have the same length, found " + x.length + " and " + y.length);
    }
    if (x.length < min) {
      throw new IllegalArgumentException(
          "vectors must have length >= " + min + ", found " + x.length);
    }
  }

  /** True if every value of {@code x} equals {@code x[0]} (an empty vector counts as constant). */
  static boolean isConstant(double[] x) {
    for (int i = 1; i < x.length; i++) {
      if (x[i] != x[0]) {
        return false;
      }
    }
    return true;
  }
}
