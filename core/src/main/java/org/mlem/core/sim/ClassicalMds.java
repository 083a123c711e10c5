package org.mlem.core.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * eigensolver's sign convention. Identical stimuli (equal distance rows, e.g. equal feature
 * values) are merged first and the eigenproblem is solved on the u distinct points weighted by
 * their multiplicities, which gives exactly the eigenpairs of the full B (and avoids the
 * eigensolver's trouble with the huge null space of duplicated points). Cost: O(n^2 + u^3) time.
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
    return embed(distances, dims, false);
  }

  /**
   * As {@link #embed}, for a few coordinates of many stimuli (a 2-D view): the leading
   * eigenpairs come from a Lanczos iteration (full reorthogonalization, a deterministic start)
   * instead of a full eigendecomposition, milliseconds instead of seconds for 1,000 stimuli.
   * Each pair is accepted only when its residual |S v - lambda v| is below 1e-10 of the largest
   * Ritz value's magnitude; otherwise the full decomposition is used. The coordinates agree with
   * {@link #embed}'s to that accuracy where the eigenvalues are distinct (a repeated eigenvalue's
   * eigenvectors are any basis of its space, for either method).
   */
  public static double[][] embedLeading(double[][] distances, int dims) {
    return embed(distances, dims, true);
  }

  private static double[][] embed(double[][] distances, int dims, boolean leading) {
    int n = validate(distances);
    if (dims < 1 || dims > n) {
      throw new IllegalArgumentException(
          "dims must be in [1, n] = [1, " + n + "], found " + dims);
    }
    int[] group = new int[n];
    List<Integer> representatives = groupIdentical(distances, group);
    int u = representatives.size();
    double[] count = new double[u];
    for (int i = 0; i < n; i++) {
      count[group[i]]++;
    }
    DMatrixRMaj s = weightedCentredSquares(distances, representatives, count, n);
    int wanted = Math.min(dims, u);
    double[][] pairs = leading ? LeadingEigenpairs.of(s, wanted) : null;
    if (pairs == null) {
      pairs = allEigenpairs(s, n, wanted);
    }
    double[][] coordinates = new double[n][dims];
    for (int c = 0; c < wanted; c++) {
      double[] vector = pairs[c + 1];
      // Eigenvector of the full B: v_i = e_{group(i)} / sqrt(count of the group).
      double[] v = new double[u];
      int largest = 0;
      for (int g = 0; g < u; g++) {
        v[g] = vector[g] / Math.sqrt(count[g]);
        if (Math.abs(v[g]) > Math.abs(v[largest])) {
          largest = g;
        }
      }
      double scale = Math.sqrt(Math.max(pairs[0][c], 0.0));
      if (v[largest] < 0) {
        scale = -scale;
      }
      for (int i = 0; i < n; i++) {
        coordinates[i][c] = v[group[i]] * scale;
      }
    }
    return coordinates;
  }

  /**
   * The {@code wanted} largest eigenpairs of S from its full decomposition (which may overwrite
   * S): row 0 the eigenvalues, decreasing, row 1 + k the k-th eigenvector.
   */
  private static double[][] allEigenpairs(DMatrixRMaj s, int n, int wanted) {
    int u = s.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(u, true, true);
    if (!eig.decompose(s)) {
      throw new ArithmeticException("symmetric eigendecomposition of the " + u + " x " + u
          + " centred matrix (" + n + " stimuli, " + u + " distinct) failed");
    }
    double[] values = new double[u];
    for (int k = 0; k < u; k++) {
      values[k] = eig.getEigenvalue(k).getReal();
      if (!Double.isFinite(values[k])) {
        throw new ArithmeticException("eigenvalue " + k + " of the centred matrix is " + values[k]);
      }
    }
    Integer[] order = IntStream.range(0, u).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.comparingDouble((Integer k) -> -values[k]));
    double[][] pairs = new double[wanted + 1][];
    pairs[0] = new double[wanted];
    for (int c = 0; c < wanted; c++) {
      int k = order[c];
      pairs[0][c] = values[k];
      DMatrixRMaj vector = eig.getEigenVector(k);
      if (vector == null) {
        throw new ArithmeticException("eigenvector " + k + " of the centred matrix is missing");
      }
      pairs[c + 1] = Arrays.copyOf(vector.data, u);
    }
    return pairs;
  }

  /**
   * Groups stimuli with identical distance rows (identical points, e.g. stimuli with the same
   * feature values): fills {@code group} and returns one representative per group, in order of
   * first appearance.
   */
  private static List<Integer> groupIdentical(double[][] distances, int[] group) {
    Map<RowKey, Integer> groups = new HashMap<>();
    List<Integer> representatives = new ArrayList<>();
    for (int i = 0; i < distances.length; i++) {
      RowKey key = new RowKey(distances[i]);
      Integer g = groups.get(key);
      if (g == null) {
        g = representatives.size();
        groups.put(key, g);
        representatives.add(i);
      }
      group[i] = g;
    }
    return representatives;
  }

  /**
   * S = M^(1/2) B_u M^(1/2), where B_u is the double-centred squared-distance matrix of the
   * distinct points (centred with the means over all n stimuli) and M their multiplicities. Its
   * eigenpairs (lambda, e) give the eigenpairs of the full B: (lambda, e_{group(i)} / sqrt(m)).
   */
  private static DMatrixRMaj weightedCentredSquares(
      double[][] distances, List<Integer> representatives, double[] count, int n) {
    int u = representatives.size();
    double[] rowMeans = new double[u];
    double grandMean = 0;
    for (int g = 0; g < u; g++) {
      double[] row = distances[representatives.get(g)];
      double sum = 0;
      for (int h = 0; h < u; h++) {
        double d = row[representatives.get(h)];
        sum += count[h] * d * d;
      }
      rowMeans[g] = sum / n;
      grandMean += count[g] * rowMeans[g];
    }
    grandMean /= n;
    DMatrixRMaj s = new DMatrixRMaj(u, u);
    for (int g = 0; g < u; g++) {
      int i = representatives.get(g);
      for (int h = 0; h <= g; h++) {
        int j = representatives.get(h);
        double dij = 0.5 * (distances[i][j] + distances[j][i]);
        double b = -0.5 * (dij * dij - rowMeans[g] - rowMeans[h] + grandMean);
        double value = Math.sqrt(count[g] * count[h]) * b;
        s.data[g * u + h] = value;
        s.data[h * u + g] = value;
      }
    }
    return s;
  }

  /** A distance row compared by content. */
  private record RowKey(double[] row) {
    @Override
    public boolean equals(Object o) {
      return o instanceof RowKey k && Arrays.equals(row, k.row);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(row);
    }
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
