package org.mlem.jobs.io;

import java.io.Serializable;
import org.apache.spark.sql.Row;

/**
 * One row of a representation table converted on an executor: its id, its values as float32,
 * or the message of the first problem found in it (checked on the driver in row order, so the
 * reported problem is the same as when converting on the driver). Shipping float arrays instead
 * of rows of boxed numbers makes collecting a large table several times faster.
 */
final class ConvertedRow implements Serializable {
  private static final long serialVersionUID = 1L;

  final String id;
  final float[] values;
  /** The first problem of this row, or null. */
  final String error;
  /** Whether the vector cell was null. */
  final boolean missing;

  private ConvertedRow(String id, float[] values, String error, boolean missing) {
    this.id = id;
    this.values = values;
    this.error = error;
    this.missing = missing;
  }

  /** Converts row (id, vector cell) with the same checks as the driver-side conversion. */
  static ConvertedRow of(Row row, String source, String vector) {
    String id = row.isNullAt(0) ? null : row.getString(0);
    try {
      return of(id, FrameColumns.components(row.get(1), source, vector, id), source, vector);
    } catch (InputException e) {
      return new ConvertedRow(id, null, e.getMessage(), false);
    }
  }

  /**
   * Converts a row whose vector was read without Spark ({@link PlainParquet}), with the same
   * checks and messages.
   *
   * @param values the vector's components, null when the cell is null
   * @param nullElement the index of the first null element, or -1 when there is none
   */
  static ConvertedRow of(String id, double[] values, int nullElement, String source,
      String vector) {
    if (nullElement >= 0) {
      return new ConvertedRow(id, null,
          FrameColumns.nullElement(source, vector, id, nullElement).getMessage(), false);
    }
    try {
      return of(id, values, source, vector);
    } catch (InputException e) {
      return new ConvertedRow(id, null, e.getMessage(), false);
    }
  }

  private static ConvertedRow of(String id, double[] values, String source, String vector) {
    if (values == null) {
      return new ConvertedRow(id, null, null, true);
    }
    String where = " of vector column '" + vector + "'";
    float[] floats = new float[values.length];
    for (int c = 0; c < values.length; c++) {
      floats[c] = RepresentationValues.toFloat(values[c], source, id, c, where);
    }
    return new ConvertedRow(id, floats, null, false);
  }
}
