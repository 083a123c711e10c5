package org.mlem.core.features;

/**
 * The vertices of a regular unit simplex used by {@link FeatureKind#SIMPLEX} (docs/method.md
 * section 1): level j (0-based, in the fitted category order) of a C-level feature is a point
 * of R^(C-1) built from the orthonormal Helmert contrasts, scaled by 1/sqrt(2) so that any two
 * distinct levels are exactly 1 apart. Coordinate k (0-based, k &lt; C - 1) of level j is
 *
 * <ul>
 *   <li>{@code 1 / sqrt(2 (k+1) (k+2))} if {@code j <= k},
 *   <li>{@code -(k+1) / sqrt(2 (k+1) (k+2))} if {@code j == k + 1},
 *   <li>0 otherwise.
 * </ul>
 *
 * For C = 3 this gives (0.5, 0.2887), (-0.5, 0.2887), (0, -0.5774). The vertices are centred
 * (each coordinate sums to 0 over the levels). Pure functions; nothing is cached.
 */
public final class SimplexCoordinates {
  private SimplexCoordinates() {}

  /**
   * Coordinate {@code axis} of level {@code level} of a C-level feature.
   *
   * @param level a level index in [0, C)
   * @param axis a coordinate index in [0, C - 1)
   * @return the coordinate
   */
  public static double coordinate(int level, int axis) {
    if (level < 0 || axis < 0) {
      throw new IllegalArgumentException("level and axis must be >= 0, found level " + level
          + ", axis " + axis);
    }
    double scale = 1.0 / Math.sqrt(2.0 * (axis + 1) * (axis + 2));
    if (level <= axis) {
      return scale;
    }
    return level == axis + 1 ? -(axis + 1) * scale : 0.0;
  }

  /**
   * All vertices of a C-level feature, one row per level.
   *
   * @param levels C &gt;= 2
   * @return a C x (C - 1) array
   * @throws IllegalArgumentException if C &lt; 2
   */
  public static double[][] vertices(int levels) {
    if (levels < 2) {
      throw new IllegalArgumentException("a simplex encoding needs at least 2 levels, found "
          + levels);
    }
    double[][] out = new double[levels][levels - 1];
    for (int j = 0; j < levels; j++) {
      for (int k = 0; k < levels - 1; k++) {
        out[j][k] = coordinate(j, k);
      }
    }
    return out;
  }

  /**
   * The signed coordinate difference of two distinct levels, oriented from the lower level index
   * to the higher one so that it does not depend on the order of the pair:
   * {@code out[offset + k] = v_lo[k] - v_hi[k]}, lo = min(a, b), hi = max(a, b). Its Euclidean
   * length is 1; for a == b it is 0.
   *
   * @param a a level index in [0, C)
   * @param b a level index in [0, C)
   * @param levels C &gt;= 2
   * @param out receives C - 1 values from {@code offset}
   * @param offset the first index written
   */
  public static void difference(int a, int b, int levels, double[] out, int offset) {
    int lo = Math.min(a, b);
    int hi = Math.max(a, b);
    for (int k = 0; k < levels - 1; k++) {
      out[offset + k] = coordinate(lo, k) - coordinate(hi, k);
    }
  }
}
