package org.mlem.core.rsa;

import org.mlem.core.pairs.PositionalRandom;

/** Synthetic points and their RDMs for the RSA tests (seeded by position, no global Random). */
final class RsaData {
  private RsaData() {}

  /** n x d standard normal points from (seed, row, column). */
  static double[][] points(long seed, int n, int d) {
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i][c] = PositionalRandom.gaussian(PositionalRandom.mix(seed, i, c));
      }
    }
    return x;
  }

  /** z plus noise of the given scale, the noise from (seed, row, column). */
  static double[][] noisy(double[][] z, double scale, long seed) {
    double[][] out = new double[z.length][];
    for (int i = 0; i < z.length; i++) {
      out[i] = z[i].clone();
      for (int c = 0; c < z[i].length; c++) {
        out[i][c] += scale * PositionalRandom.gaussian(PositionalRandom.mix(seed, i, c));
      }
    }
    return out;
  }

  /** The rows of x in the order perm (row k of the result is row perm[k] of x). */
  static double[][] rows(double[][] x, int[] perm) {
    double[][] out = new double[perm.length][];
    for (int k = 0; k < perm.length; k++) {
      out[k] = x[perm[k]];
    }
    return out;
  }

  /** A permutation of 0..n-1 from (seed): Fisher-Yates with positional draws. */
  static int[] permutation(long seed, int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = (int) PositionalRandom.below(PositionalRandom.mix(seed, i), i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** Euclidean distances of the points on the pairs, written out by hand. */
  static double[] rdm(double[][] x, SharedPairs pairs) {
    int[] first = pairs.pairs().first();
    int[] second = pairs.pairs().second();
    double[] d = new double[first.length];
    for (int k = 0; k < d.length; k++) {
      double s = 0;
      for (int c = 0; c < x[0].length; c++) {
        double diff = x[first[k]][c] - x[second[k]][c];
        s += diff * diff;
      }
      d[k] = Math.sqrt(s);
    }
    return d;
  }
}
