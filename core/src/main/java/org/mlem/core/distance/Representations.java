package org.mlem.core.distance;

import java.io.Serializable;
import java.util.List;

/**
 * Neural representations of n stimuli: an n x D float32 matrix, row-major, one row per stimulus,
 * with the stimuli's ids (docs/method.md section 1). Validated at construction: ids unique and
 * non-empty, every value finite (NaN or infinite values are an input error naming the stimulus and
 * the column, never silently used). Float32 halves the memory of large layers (e.g. 7,700 x 768);
 * distances are accumulated in double precision.
 */
public final class Representations implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<String> ids;
  private final float[] data;
  private final int dims;

  private Representations(List<String> ids, float[] data, int dims) {
    this.ids = ids;
    this.data = data;
    this.dims = dims;
  }

  /**
   * Wraps a row-major float matrix. The array is NOT copied (representations can be large): the
   * caller hands it over and must not modify it afterwards.
   *
   * @param ids the stimulus ids, one per row, unique and non-empty
   * @param data n * dims values, row-major, all finite
   * @param dims the dimension D of each representation, &gt;= 1
   * @return the validated representations
   * @throws IllegalArgumentException on a null or empty input, a length mismatch, duplicated ids or
   *     a non-finite value
   */
  public static Representations of(List<String> ids, float[] data, int dims) {
    List<String> checkedIds = StimulusIds.validated("representations", ids);
    if (data == null) {
      throw new IllegalArgumentException("representations: data must not be null");
    }
    if (dims < 1) {
      throw new IllegalArgumentException("representations: dims must be >= 1, found " + dims);
    }
    int n = checkedIds.size();
    if (n < 1) {
      throw new IllegalArgumentException("representations: need at least 1 stimulus, found 0");
    }
    if ((long) n * dims != data.length) {
      throw new IllegalArgumentException(
          "representations: data must have n * dims = "
              + n
              + " * "
              + dims
              + " = "
              + ((long) n * dims)
              + " values, found "
              + data.length);
    }
    for (int row = 0; row < n; row++) {
      int base = row * dims;
      for (int c = 0; c < dims; c++) {
        float v = data[base + c];
        if (!Float.isFinite(v)) {
          throw nonFinite(checkedIds.get(row), row, c, v);
        }
      }
    }
    return new Representations(checkedIds, data, dims);
  }

  /**
   * Builds representations from double rows, converted to float32 (values must be finite as
   * doubles and stay finite as floats).
   *
   * @param ids the stimulus ids, one per row, unique and non-empty
   * @param rows n rows of equal length D &gt;= 1
   * @return the validated representations
   * @throws IllegalArgumentException on ragged rows (naming the row's id, its length and the
   *     expected length), duplicated ids or a non-finite value
   */
  public static Representations fromRows(List<String> ids, double[][] rows) {
    List<String> checkedIds = StimulusIds.validated("representations", ids);
    if (rows == null) {
      throw new IllegalArgumentException("representations: rows must not be null");
    }
    if (rows.length != checkedIds.size()) {
      throw new IllegalArgumentException(
          "representations: expected one row per id, "
              + checkedIds.size()
              + " ids, found "
              + rows.length
              + " rows");
    }
    if (rows.length == 0) {
      throw new IllegalArgumentException("representations: need at least 1 stimulus, found 0");
    }
    int dims = rows[0] == null ? 0 : rows[0].length;
    if (dims < 1) {
      throw new IllegalArgumentException(
          "representations: stimulus '" + checkedIds.get(0) + "' (row 0) has no values");
    }
    float[] data = new float[Math.multiplyExact(rows.length, dims)];
    for (int row = 0; row < rows.length; row++) {
      double[] r = rows[row];
      int length = r == null ? 0 : r.length;
      if (length != dims) {
        throw new IllegalArgumentException(
            "representations: stimulus '"
                + checkedIds.get(row)
                + "' (row "
                + row
                + ") has "
                + length
                + " values, expected "
                + dims);
      }
      for (int c = 0; c < dims; c++) {
        float v = (float) r[c];
        if (!Float.isFinite(v)) {
          throw nonFinite(checkedIds.get(row), row, c, Double.isFinite(r[c]) ? v : r[c]);
        }
        data[row * dims + c] = v;
      }
    }
    return new Representations(checkedIds, data, dims);
  }

  /**
   * The representations restricted to some of their dimensions (a searchlight sphere's voxels, an
   * ROI's), in the order given, with the same ids; values are already validated.
   *
   * @param columns column indices in [0, dims), each at most once
   * @throws IllegalArgumentException for an empty list, an index out of range or a repeat
   */
  public Representations columns(int[] columns) {
    if (columns.length == 0) {
      throw new IllegalArgumentException("representations: select at least one column");
    }
    boolean[] seen = new boolean[dims];
    for (int c : columns) {
      if (c < 0 || c >= dims) {
        throw new IllegalArgumentException("representations: column " + c
            + " is out of range [0, " + dims + ")");
      }
      if (seen[c]) {
        throw new IllegalArgumentException("representations: column " + c + " selected twice");
      }
      seen[c] = true;
    }
    int n = ids.size();
    float[] out = new float[Math.multiplyExact(n, columns.length)];
    for (int row = 0; row < n; row++) {
      int base = row * dims;
      int to = row * columns.length;
      for (int c = 0; c < columns.length; c++) {
        out[to + c] = data[base + columns[c]];
      }
    }
    return new Representations(ids, out, columns.length);
  }

  private static IllegalArgumentException nonFinite(String id, int row, int column, double v) {
    String what = Double.isNaN(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity");
    return new IllegalArgumentException(
        "representations: stimulus '"
            + id
            + "' (row "
            + row
            + ") has "
            + what
            + " in column "
            + column
            + "; clean or drop it before fitting");
  }

  /**
   * The number of stimuli n.
   *
   * @return n &gt;= 1
   */
  public int size() {
    return ids.size();
  }

  /**
   * The dimension D of each representation.
   *
   * @return D &gt;= 1
   */
  public int dims() {
    return dims;
  }

  /**
   * The stimulus ids, in row order.
   *
   * @return an immutable list of n ids
   */
  public List<String> ids() {
    return ids;
  }

  /**
   * One value.
   *
   * @param row the stimulus row in [0, n)
   * @param column the dimension in [0, D)
   * @return the value y[row][column]
   */
  public float value(int row, int column) {
    if (column < 0 || column >= dims) {
      throw new IndexOutOfBoundsException("column " + column + " out of [0, " + dims + ")");
    }
    return data[row * dims + column];
  }

  /**
   * The backing row-major array (row i occupies {@code [i * dims(), (i + 1) * dims())}), returned
   * without copying for fast inner loops. It must NOT be modified.
   *
   * @return the backing array of n * D values
   */
  public float[] data() {
    return data;
  }

  /**
   * These representations in the given id order: this object when the orders already agree, a
   * reordered copy when both hold the same ids, otherwise an error listing up to five ids found
   * on one side only (representations are matched to features by id, never by row order).
   *
   * @param ids the target order (e.g. the feature table's ids)
   * @throws IllegalArgumentException if the two id sets differ
   */
  public Representations reorderedTo(List<String> ids) {
    if (this.ids.equals(ids)) {
      return this;
    }
    return joined(IdJoin.of(ids, this.ids, IdsFrom.REFUSE, "features", "representations",
        "representations"));
  }

  /**
   * The rows of a join, in its order: row k is this object's row {@code join.neuralRows()[k]},
   * with id {@code join.ids().get(k)}; this object when the join keeps every row in order.
   *
   * @param join a join of some feature ids with these representations' ids
   */
  public Representations joined(IdJoin join) {
    if (join.isIdentity() && join.ids().size() == size()) {
      return this;
    }
    int[] rows = join.neuralRows();
    float[] selected = new float[Math.multiplyExact(rows.length, dims)];
    for (int k = 0; k < rows.length; k++) {
      System.arraycopy(data, rows[k] * dims, selected, k * dims, dims);
    }
    return of(join.ids(), selected, dims);
  }
}
