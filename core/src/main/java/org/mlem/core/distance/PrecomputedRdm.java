package org.mlem.core.distance;

import java.util.List;

/**
 * A precomputed neural dissimilarity matrix (RDM) over n stimuli (docs/method.md sections 1 and 3),
 * stored condensed: the n(n-1)/2 distances of pairs i &lt; j in row-major order, scipy's
 * {@code squareform} order (the order rsatoolbox uses). Values are finite and non-negative;
 * {@code distance(i, i) = 0}.
 */
public final class PrecomputedRdm implements PairDistances {
  private static final long serialVersionUID = 1L;
  /** Absolute tolerance on the diagonal of a square RDM. */
  public static final double DIAGONAL_TOLERANCE = 1e-9;
  /** Relative tolerance on the symmetry of a square RDM. */
  public static final double SYMMETRY_TOLERANCE = 1e-9;

  private final List<String> ids;
  private final double[] condensed;
  private final int n;

  private PrecomputedRdm(List<String> ids, double[] condensed) {
    this.ids = ids;
    this.condensed = condensed;
    this.n = ids.size();
  }

  /**
   * An RDM from a square matrix; the symmetric average (d_ij + d_ji) / 2 is stored.
   *
   * @param ids the stimulus ids, n &gt;= 2, unique
   * @param matrix n x n, finite, non-negative, zero diagonal (within 1e-9), symmetric (within 1e-9
   *     relative)
   * @return the RDM
   * @throws IllegalArgumentException naming the first offending (i, j) and its ids otherwise
   */
  public static PrecomputedRdm square(List<String> ids, double[][] matrix) {
    List<String> checkedIds = checkedIds(ids);
    int n = checkedIds.size();
    if (matrix == null || matrix.length != n) {
      throw new IllegalArgumentException(
          "RDM: expected an n x n matrix with n = "
              + n
              + " rows, found "
              + (matrix == null ? "null" : matrix.length + " rows"));
    }
    for (int i = 0; i < n; i++) {
      int length = matrix[i] == null ? 0 : matrix[i].length;
      if (length != n) {
        throw new IllegalArgumentException(
            "RDM: row " + i + " ('" + checkedIds.get(i) + "') has " + length
                + " values, expected " + n);
      }
    }
    double[] condensed = new double[condensedLength(n)];
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = matrix[i][j];
        if (!Double.isFinite(v)) {
          throw offending(checkedIds, i, j, "is " + v + ", expected a finite value");
        }
        if (v < 0) {
          throw offending(checkedIds, i, j, "is negative (" + v + "), distances must be >= 0");
        }
      }
      if (Math.abs(matrix[i][i]) > DIAGONAL_TOLERANCE) {
        throw offending(
            checkedIds, i, i, "is " + matrix[i][i] + ", the diagonal must be 0 (within 1e-9)");
      }
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double a = matrix[i][j];
        double b = matrix[j][i];
        if (Math.abs(a - b) > SYMMETRY_TOLERANCE * Math.max(Math.abs(a), Math.abs(b))) {
          throw offending(
              checkedIds, i, j, "is " + a + " but (j, i) is " + b
                  + "; the matrix must be symmetric (within 1e-9 relative)");
        }
        condensed[k++] = 0.5 * (a + b);
      }
    }
    return new PrecomputedRdm(checkedIds, condensed);
  }

  /**
   * An RDM from a condensed vector in scipy {@code squareform} order: pairs i &lt; j, row-major,
   * i.e. (0,1), (0,2), ..., (0,n-1), (1,2), ...
   *
   * @param ids the stimulus ids, n &gt;= 2, unique
   * @param values n(n-1)/2 finite non-negative distances; copied
   * @return the RDM
   * @throws IllegalArgumentException on a wrong length (stating the expected length for n), or a
   *     non-finite or negative value (naming the pair)
   */
  public static PrecomputedRdm condensed(List<String> ids, double[] values) {
    List<String> checkedIds = checkedIds(ids);
    int n = checkedIds.size();
    int expected = condensedLength(n);
    if (values == null || values.length != expected) {
      throw new IllegalArgumentException(
          "RDM: a condensed RDM of n = "
              + n
              + " stimuli has n(n-1)/2 = "
              + expected
              + " values, found "
              + (values == null ? "null" : String.valueOf(values.length)));
    }
    double[] copy = values.clone();
    int k = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double v = copy[k++];
        if (!Double.isFinite(v)) {
          throw offending(checkedIds, i, j, "is " + v + ", expected a finite value");
        }
        if (v < 0) {
          throw offending(checkedIds, i, j, "is negative (" + v + "), distances must be >= 0");
        }
      }
    }
    return new PrecomputedRdm(checkedIds, copy);
  }

  private static List<String> checkedIds(List<String> ids) {
    List<String> checked = StimulusIds.validated("RDM", ids);
    if (checked.size() < 2) {
      throw new IllegalArgumentException("RDM: need at least 2 stimuli, found " + checked.size());
    }
    if (checked.size() > 65_536) {
      throw new IllegalArgumentException(
          "RDM: at most 65536 stimuli fit a condensed array, found " + checked.size());
    }
    return checked;
  }

  private static int condensedLength(int n) {
    return (int) ((long) n * (n - 1) / 2);
  }

  private static IllegalArgumentException offending(List<String> ids, int i, int j, String what) {
    return new IllegalArgumentException(
        "RDM: entry (" + i + ", " + j + ") between '" + ids.get(i) + "' and '" + ids.get(j)
            + "' " + what);
  }

  /**
   * The stimulus ids, in matrix order.
   *
   * @return an immutable list of n ids
   */
  public List<String> ids() {
    return ids;
  }

  /**
   * The same RDM with its rows in another order: {@code reorderedTo(ids).distance(a, b)} is this
   * RDM's distance of the stimuli {@code ids.get(a)} and {@code ids.get(b)} (the same double; the
   * condensed values are only moved). Used to join an RDM to a feature table by id.
   *
   * @param ids the same stimuli as {@link #ids()}, in the wanted order
   * @return this RDM if the order is already {@code ids}, else a reordered copy
   * @throws IllegalArgumentException if {@code ids} are not the same stimuli (counts and examples)
   */
  public PrecomputedRdm reorderedTo(List<String> ids) {
    if (this.ids.equals(ids)) {
      return this;
    }
    if (ids.size() != n || !new java.util.HashSet<>(this.ids).equals(new java.util.HashSet<>(ids))) {
      // the one id join words the mismatch (counts and examples on each side)
      IdJoin.of(ids, this.ids, IdsFrom.REFUSE, "features", "RDM", "RDM");
      throw new IllegalArgumentException("RDM: " + ids.size() + " ids requested, the RDM has "
          + n + " stimuli");
    }
    java.util.Map<String, Integer> row = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      row.put(this.ids.get(i), i);
    }
    int[] from = new int[n];
    for (int a = 0; a < n; a++) {
      from[a] = row.get(ids.get(a));
    }
    double[] moved = new double[condensed.length];
    int k = 0;
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        moved[k++] = distance(from[a], from[b]);
      }
    }
    return new PrecomputedRdm(List.copyOf(ids), moved);
  }

  @Override
  public int size() {
    return n;
  }

  @Override
  public double distance(int i, int j) {
    if (i == j) {
      return 0.0;
    }
    int a = Math.min(i, j);
    int b = Math.max(i, j);
    if (a < 0 || b >= n) {
      throw new IndexOutOfBoundsException("pair (" + i + ", " + j + ") out of [0, " + n + ")");
    }
    long index = (long) n * a - (long) a * (a + 1) / 2 + (b - a - 1);
    return condensed[(int) index];
  }
}
