package org.mlem.core.sim;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Classical (Torgerson) multidimensional scaling: coordinates whose Euclidean distances best
 * reproduce a distance matrix (Torgerson 1952; Gower 1966). Used by the simulation study to turn
 * the ground-truth distances into representations (paper section 2.5.1).
 *
 * <p>Algorithm: double centring B = -1/2 J D^2 J with J = I - 11^T/n (D^2 squared entrywise);
 * symmetric eigendecomposition of B (EJML); X = V_k sqrt(max(lambda_k, 0)) for the {@code dims}
 * largest eigenvalues, columns in decreasing eigenvalue order. When D is Euclidean (realized by
 * points in R^k, k <= dims) the result reproduces D up to rounding; otherwise negative
 * eigenvalues are dropped (their columns are zero if requested). Each column's sign is fixed so
 * that its entry of largest magnitude is positive, making the output independent of the
 * eigensolver's sign convention. Cost: O(n^3) time and O(n^2) memory; n = 1000 takes about
 * 1.5 s on one core.
 */
public final class ClassicalMds {
  /** Relative tolerance of the symmetry and zero-diagonal checks on the input. */
  private static final double SYMMETRY_TOLERANCE = 1e-9;

  private ClassicalMds() {}

  /**
   * Embeds n stimuli in {@code dims} dimensions from their distances.
   *
   * @param distances n x n (n >= 1) finite, non-negative, symmetric distances with a zero
   *     diagonal (both to a relative tolerance of 1e-9 of the largest distance)
   * @param dims the number of output coordinates, 1 <= dims <= n
   * @return a new n x dims array of coordinates, columns by decreasing eigenvalue
   * @throws IllegalArgumentException on a malformed matrix or dims out of range
   * @throws ArithmeticException if the eigendecomposition fails
   */
  public static double[][] embed(double[][] distances, int dims) {
    int n = validate(distances);
    if (dims < 1 || dims > n) {
      throw new IllegalArgumentException(
          "dims must be in [1, n] = [1, " + n + "], found " + dims);
    }
    DMatrixRMaj b = doubleCentredSquares(distances);
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
    if (!eig.decompose(b)) {
      throw new ArithmeticException(
          "symmetric eigendecomposition of the " + n + " x " + n + " centred matrix failed");
    }
    double[] values = new double[n];
    for (int k = 0; k < n; k++) {
      values[k] = eig.getEigenvalue(k).getReal();
      if (!Double.isFinite(values[k])) {
        throw new ArithmeticException("eigenvalue " + k + " of the centred matrix is " + values[k]);
      }
    }
    Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -values[k]));

    double[][] coordinates = new double[n][dims];
    for (int c = 0; c < dims; c++) {
      int k = order[c];
      DMatrixRMaj vector = eig.getEigenVector(k);
      if (vector == null) {
        throw new ArithmeticException("eigenvector " + k + " of the centred matrix is missing");
      }
      double scale = Math.sqrt(Math.max(values[k], 0.0));
      double[] v = vector.data;
      int largest = 0;
      for (int i = 1; i < n; i++) {
        if (Math.abs(v[i]) > Math.abs(v[largest])) {
          largest = i;
        }
      }
      if (v[largest] < 0) {
        scale = -scale;
      }
      for (int i = 0; i < n; i++) {
        coordinates[i][c] = v[i] * scale;
      }
    }
    return coordinates;
  }

  /** B = -1/2 J D^2 J, computed from the row, column and grand means of D^2. */
  private static DMatrixRMaj doubleCentredSquares(double[][] distances) {
    int n = distances.length;
    double[] rowMeans = new double[n];
    double grandMean = 0;
    for (int i = 0; i < n; i++) {
      double sum = 0;
      double[] row = distances[i];
      for (int j = 0; j < n; j++) {
        sum += row[j] * row[j];
      }
      rowMeans[i] = sum / n;
      grandMean += rowMeans[i];
    }
    grandMean /= n;
    // D^2 is symmetric, so column means equal row means; fill both triangles from one value.
    DMatrixRMaj b = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      double[] row = distances[i];
      for (int j = 0; j <= i; j++) {
        double dij = 0.5 * (row[j] + distances[j][i]);
        double value = -0.5 * (dij * dij - rowMeans[i] - rowMeans[j] + grandMean);
        b.data[i * n + j] = value;
        b.data[j * n + i] = value;
      }
    }
    return b;
  }

  private static int validate(double[][] distances) {
    if (distances == null || distances.length == 0) {
      throw new IllegalArgumentException("distances must be a non-empty n x n matrix, found "
          + (distances == null ? "null" : "0 rows"));
    }
    int n = distances.length;
    double largest = 0;
    for (int i = 0; i < n; i++) {
      double[] row = distances[i];
      if (row == null || row.length != n) {
        throw new IllegalArgumentException("distances must be " + n + " x " + n + ", found row "
            + i + " of length " + (row == null ? "null" : row.length));
      }
      for (int j = 0; j < n; j++) {
        double d = row[j];
        if (!Double.isFinite(d) || d < 0) {
          throw new IllegalArgumentException("distances must be finite and >= 0, found " + d
              + " at (" + i + ", " + j + ")");
        }
        largest = Math.max(largest, d);
      }
    }
    double tolerance = SYMMETRY_TOLERANCE * Math.max(largest, Double.MIN_NORMAL);
    for (int i = 0; i < n; i++) {
      if (distances[i][i] > tolerance) {
        throw new IllegalArgumentException("distances must have a zero diagonal, found "
            + distances[i][i] + " at (" + i + ", " + i + ")");
      }
      for (int j = 0; j < i; j++) {
        if (Math.abs(distances[i][j] - distances[j][i]) > tolerance) {
          throw new IllegalArgumentException("distances must be symmetric, found "
              + distances[i][j] + " at (" + i + ", " + j + ") and " + distances[j][i] + " at ("
              + j + ", " + i + ")");
        }
      }
    }
    return n;
  }
}
