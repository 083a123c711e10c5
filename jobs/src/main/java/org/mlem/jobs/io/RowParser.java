package org.mlem.jobs.io;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Parses one selected representation row (id, then a vector column or the wide columns) into
 * float32 values inside a Spark task, with the driver-side loader's checks and messages (null,
 * empty or ragged vectors, missing wide values, NaN, infinite or float32-overflowing values). A
 * problem is returned as the row's message, not thrown, so the driver can report the first one
 * in file order.
 */
final class RowParser {
  private RowParser() {}

  /** What the selected row holds: the vector column's name, or the wide columns' names. */
  record Spec(String source, String vector, List<String> columns) implements Serializable {}

  /**
   * @param dims the expected length (the first row's), or -1 for the first row itself
   * @param firstId the first row's id, for the ragged message
   */
  static ParsedRow parse(Row row, long position, Spec spec, int dims, String firstId) {
    String id = row.isNullAt(0) ? null : row.getString(0);
    try {
      return new ParsedRow(id, position, spec.vector() != null
          ? vector(row, spec, id, dims, firstId) : wide(row, spec, id), null);
    } catch (InputException e) {
      return new ParsedRow(id, position, null, e.getMessage());
    }
  }

  private static float[] vector(Row row, Spec spec, String id, int dims, String firstId) {
    String source = spec.source();
    String vector = spec.vector();
    double[] values = FrameColumns.components(row.get(1), source, vector, id);
    if (values == null) {
      throw new InputException(source + ": stimulus '" + id + "' has a null "
          + "representation in column '" + vector + "'; every stimulus needs one");
    }
    if (dims < 0 && values.length == 0) {
      throw new InputException(source + ": stimulus '" + id + "' has an empty "
          + "representation in column '" + vector + "'");
    }
    if (dims >= 0 && values.length != dims) {
      throw new InputException(source + ": ragged representations: stimulus '" + id
          + "' has " + values.length + " values but stimulus '" + firstId + "' has " + dims
          + "; every representation must have the same length");
    }
    String where = " of vector column '" + vector + "'";
    float[] out = new float[values.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = RepresentationValues.toFloat(values[c], source, id, c, where);
    }
    return out;
  }

  private static float[] wide(Row row, Spec spec, String id) {
    List<String> columns = spec.columns();
    float[] out = new float[columns.size()];
    for (int c = 0; c < out.length; c++) {
      if (row.isNullAt(c + 1)) {
        throw new InputException(spec.source() + ": stimulus '" + id + "' has no value in "
            + "column " + c + " ('" + columns.get(c) + "'); every dimension needs a number");
      }
      out[c] = RepresentationValues.toFloat(((Number) row.get(c + 1)).doubleValue(),
          spec.source(), id, c, " ('" + columns.get(c) + "')");
    }
    return out;
  }
}
