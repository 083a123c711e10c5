package org.mlem.jobs.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.distance.Representations;

/**
 * Converts a DataFrame of representations (an id column plus one array&lt;float|double&gt; or
 * ML Vector column, or wide numeric columns) into core {@link Representations} (float32),
 * collecting it to the driver. Ragged rows, non-numeric values, NaN or infinite values are an
 * {@link InputException} naming the id and column.
 *
 * <p>Detection when no vector column is named: the single array&lt;numeric&gt;/vector column if
 * there is exactly one, else the wide format (every column but the id, in column order, each one
 * dimension; all must be numeric). Rows keep the frame's order.
 */
public final class RepresentationFrames {
  private RepresentationFrames() {}

  /**
   * Collects the frame into float32 representations.
   *
   * @param frame the representations
   * @param idColumn the id column (cast to string)
   * @param vectorColumn the array/vector column, or null to detect (single array/vector column,
   *     else wide numeric columns)
   * @param source the file or table name used in error messages
   * @return the representations, rows in the frame's order
   * @throws InputException on a missing column, a wrong column type, an empty frame, null or
   *     duplicate ids, a null vector, ragged rows, or NaN/infinite values (naming id and column)
   */
  public static Representations toRepresentations(
      Dataset<Row> frame, String idColumn, String vectorColumn, String source) {
    String vector = vectorColumn(frame.schema(), idColumn, vectorColumn, source);
    return vector != null
        ? fromVectorColumn(frame, idColumn, vector, source)
        : fromWideColumns(frame, idColumn, source);
  }

  /**
   * The column holding the vectors: the named one (checked to be array&lt;numeric&gt; or a
   * vector), else the only array/vector column besides the id, else null (wide columns).
   *
   * @throws InputException if a named column is missing or of another type, or if several
   *     array/vector columns make the choice ambiguous
   */
  static String vectorColumn(
      StructType schema, String idColumn, String vectorColumn, String source) {
    FrameColumns.requireColumn(schema, idColumn, "id column", source);
    if (vectorColumn == null) {
      List<String> candidates = new ArrayList<>();
      for (StructField field : schema.fields()) {
        if (!field.name().equals(idColumn) && (FrameColumns.isNumericArray(field.dataType())
            || FrameColumns.isVector(field.dataType()))) {
          candidates.add(field.name());
        }
      }
      if (candidates.size() > 1) {
        throw new InputException(source + ": several array/vector columns ("
            + String.join(", ", candidates) + "); name the one holding the representations");
      }
      return candidates.isEmpty() ? null : candidates.get(0);
    }
    FrameColumns.requireColumn(schema, vectorColumn, "vector column", source);
    DataType type = FrameColumns.typeOf(schema, vectorColumn);
    if (!(FrameColumns.isNumericArray(type) || FrameColumns.isVector(type))) {
      throw FrameColumns.wrongType(source, vectorColumn, "array<float>, array<double> or vector",
          type);
    }
    return vectorColumn;
  }

  private static Representations fromVectorColumn(
      Dataset<Row> frame, String idColumn, String vector, String source) {
    // Rows are converted to float arrays on the executors (rows of boxed numbers are slow to
    // collect); problems are reported on the driver in row order, as a driver-side pass would.
    List<ConvertedRow> rows = frame
        .select(functions.col(idColumn).cast("string"), functions.col(vector))
        .javaRDD().map(row -> ConvertedRow.of(row, source, vector)).collect();
    return fromConvertedRows(rows, idColumn, vector, source);
  }

  /**
   * Assembles converted rows (in the table's order) with the checks of the vector layout, in
   * this order: an empty table, null, empty or duplicate ids, then row by row the first problem
   * of a row (a null element, a NaN or infinite value), a null, empty or ragged vector. Shared by
   * the Spark path and the driver-side Parquet reader ({@link PlainParquet}).
   */
  static Representations fromConvertedRows(
      List<ConvertedRow> rows, String idColumn, String vector, String source) {
    if (rows.isEmpty()) {
      throw new InputException(source + ": the representation table is empty (0 rows); it"
          + " needs one row per stimulus");
    }
    List<String> ids = new ArrayList<>(rows.size());
    for (ConvertedRow row : rows) {
      ids.add(row.id);
    }
    FrameColumns.requireValidIds(ids, idColumn, "representations", source);
    int n = rows.size();
    float[] data = null;
    int dims = -1;
    for (int i = 0; i < n; i++) {
      ConvertedRow row = rows.get(i);
      if (row.error != null) {
        throw new InputException(row.error);
      }
      if (row.missing) {
        throw new InputException(source + ": stimulus '" + ids.get(i) + "' has a null "
            + "representation in column '" + vector + "'; every stimulus needs one");
      }
      if (data == null) {
        if (row.values.length == 0) {
          throw new InputException(source + ": stimulus '" + ids.get(i) + "' has an empty "
              + "representation in column '" + vector + "'");
        }
        dims = row.values.length;
        data = new float[Math.multiplyExact(n, dims)];
      } else if (row.values.length != dims) {
        throw new InputException(source + ": ragged representations: stimulus '" + ids.get(i)
            + "' has " + row.values.length + " values but stimulus '" + ids.get(0) + "' has "
            + dims + "; every representation must have the same length");
      }
      System.arraycopy(row.values, 0, data, i * dims, dims);
    }
    return RepresentationValues.of(ids, data, dims, source);
  }

  private static Representations fromWideColumns(
      Dataset<Row> frame, String idColumn, String source) {
    StructType schema = frame.schema();
    List<String> columns = new ArrayList<>();
    for (StructField field : schema.fields()) {
      if (field.name().equals(idColumn)) {
        continue;
      }
      if (!FrameColumns.isNumeric(field.dataType())) {
        throw nonNumericWideColumn(frame, idColumn, field, source);
      }
      columns.add(field.name());
    }
    if (columns.isEmpty()) {
      throw noWideColumns(idColumn, source);
    }
    Column[] selected = new Column[columns.size() + 1];
    selected[0] = functions.col(idColumn).cast("string");
    for (int c = 0; c < columns.size(); c++) {
      selected[c + 1] = functions.col(columns.get(c));
    }
    List<Row> rows = frame.select(selected).collectAsList();
    List<String> ids = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ids.add(row.isNullAt(0) ? null : row.getString(0));
    }
    return fromWideCells(ids, columns,
        (r, c) -> rows.get(r).isNullAt(c + 1) ? null : (Number) rows.get(r).get(c + 1),
        idColumn, source);
  }

  /** The error of a table with nothing but the id column. */
  static InputException noWideColumns(String idColumn, String source) {
    return new InputException(source + ": no representation columns besides the id column '"
        + idColumn + "'; expected an array/vector column or numeric columns");
  }

  /** The cells of wide representations: the number in row r, column c (0-based), or null. */
  interface WideCells {
    Number cell(int row, int column);
  }

  /**
   * Assembles wide representations (ids and cells in the table's order) with the checks of the
   * wide layout, in this order: an empty table, null, empty or duplicate ids, then row by row
   * and column by column a null, NaN or infinite value. Shared by the Spark path and the
   * driver-side Parquet reader ({@link PlainParquet}).
   */
  static Representations fromWideCells(List<String> ids, List<String> columns, WideCells cells,
      String idColumn, String source) {
    requireIds(ids, idColumn, source);
    int dims = columns.size();
    float[] data = new float[Math.multiplyExact(ids.size(), dims)];
    for (int i = 0; i < ids.size(); i++) {
      for (int c = 0; c < dims; c++) {
        Number value = cells.cell(i, c);
        if (value == null) {
          throw new InputException(source + ": stimulus '" + ids.get(i) + "' has no value in "
              + "column " + c + " ('" + columns.get(c) + "'); every dimension needs a number");
        }
        data[i * dims + c] = RepresentationValues.toFloat(value.doubleValue(),
            source, ids.get(i), c, " ('" + columns.get(c) + "')");
      }
    }
    return RepresentationValues.of(ids, data, dims, source);
  }

  /** The wrong-type error of a wide column, naming the first stimulus whose value is no number. */
  private static InputException nonNumericWideColumn(
      Dataset<Row> frame, String idColumn, StructField field, String source) {
    String example = "";
    if (field.dataType() instanceof org.apache.spark.sql.types.StringType) {
      for (Row row : frame.select(functions.col(idColumn).cast("string"),
          functions.col(field.name())).collectAsList()) {
        String value = row.isNullAt(1) ? null : row.getString(1);
        if (value != null && !isNumber(value)) {
          example = " (stimulus '" + row.getString(0) + "' has '" + value + "')";
          break;
        }
      }
    }
    InputException typed = FrameColumns.wrongType(source, field.name(), "numeric",
        field.dataType());
    return new InputException(typed.getMessage() + example + " Wide representations need a"
        + " number in every column but the id column '" + idColumn + "'.");
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text.trim());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void requireIds(List<String> ids, String idColumn, String source) {
    if (ids.isEmpty()) {
      throw new InputException(source + ": the representation table is empty (0 rows); it"
          + " needs one row per stimulus");
    }
    FrameColumns.requireValidIds(ids, idColumn, "representations", source);
  }
}
