package org.mlem.core.api;

import org.mlem.core.features.SimplexCoordinates;

/**
 * The distances a fitted metric puts between the levels of a SIMPLEX feature (docs/method.md
 * section 1): with A the feature's (C - 1) x (C - 1) block of W and v_p the simplex vertex of
 * level p, the predicted distance of two stimuli that differ only in this feature, from level
 * p to level q, is {@code sqrt(max(0, (v_p - v_q)^T A (v_p - v_q)))}. A one-hot categorical
 * feature has one weight, so all its level pairs are equally far apart; this matrix is what
 * the simplex encoding adds. Pure function.
 */
public final class LevelDistances {
  private LevelDistances() {}

  /**
   * The level-by-level distance matrix.
   *
   * @param block A, the feature's rows and columns of W (C - 1 &gt;= 1 square, symmetric)
   * @return C x C, symmetric, zero diagonal
   * @throws IllegalArgumentException if the block is not square
   */
  public static double[][] of(double[][] block) {
    int width = block.length;
    for (double[] row : block) {
      if (row.length != width) {
        throw new IllegalArgumentException("the block of W must be square, found a row of "
            + row.length + " values in a " + width + "-row block");
      }
    }
    if (width < 1) {
      throw new IllegalArgumentException("a simplex feature has at least 1 coordinate, found 0");
    }
    int levels = width + 1;
    double[][] out = new double[levels][levels];
    double[] d = new double[width];
    for (int p = 0; p < levels; p++) {
      for (int q = p + 1; q < levels; q++) {
        SimplexCoordinates.difference(p, q, levels, d, 0);
        double s = 0;
        for (int a = 0; a < width; a++) {
          for (int b = 0; b < width; b++) {
            s += d[a] * block[a][b] * d[b];
          }
        }
        out[p][q] = Math.sqrt(Math.max(0.0, s));
        out[q][p] = out[p][q];
      }
    }
    return out;
  }

  /**
   * The block of W of the components {@code [start, start + width)}.
   *
   * @param weights W
   * @param start the feature's first component
   * @param width its number of components
   * @return a copy of the block
   */
  public static double[][] block(double[][] weights, int start, int width) {
    double[][] out = new double[width][width];
    for (int a = 0; a < width; a++) {
      System.arraycopy(weights[start + a], start, out[a], 0, width);
    }
    return out;
  }
}
