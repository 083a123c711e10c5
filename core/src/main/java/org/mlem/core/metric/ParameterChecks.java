package org.mlem.core.metric;

/** Argument and numerical checks shared by the parametrizations of this package. */
final class ParameterChecks {
  private ParameterChecks() {}

  static void requireLength(String name, double[] array, int expected, String owner) {
    if (array == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    if (array.length != expected) {
      throw new IllegalArgumentException(
          name + " must have length " + expected + " for " + owner + ", found " + array.length);
    }
  }

  /** Returns {@code norm} if it is positive and finite, else fails saying what was normalized. */
  static double requireUsableNorm(double norm, String what) {
    if (!(norm > 0.0) || Double.isInfinite(norm)) {
      throw new ArithmeticException(
          "cannot normalize " + what + ": its norm is " + norm + " (must be positive and finite)");
    }
    return norm;
  }
}
