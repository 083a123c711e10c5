package org.mlem.jobs.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.features.FeatureTable;

/**
 * Converts a DataFrame of features (an id column plus feature columns: string, boolean,
 * numeric, array&lt;numeric&gt; or ML Vector) into a core {@link FeatureTable}, collecting it
 * to the driver. Column types map to kinds as in the core's inference; unsupported types are an
 * {@link InputException} in Spark's wording ("Column x must be of type ... but was actually
 * ...").
 *
 * <p>Mapping: string to strings (null = missing); boolean to booleans (null = missing); any
 * numeric type to numbers (null = NaN = missing); array&lt;numeric&gt; or an ML/MLlib Vector to
 * vectors (null = missing). The table keeps the frame's row order (the order
 * {@code collectAsList} returns).
 */
public final class FeatureFrames {
  static final String EXPECTED_TYPES = "string, boolean, numeric, array<numeric> or vector";

  private FeatureFrames() {}

  /**
   * Collects the frame into a feature table.
   *
   * @param frame the features
   * @param idColumn the id column (cast to string)
   * @param featureColumns columns to use in order; empty = every column but the id
   * @param source the file or table name used in error messages
   * @return the table, rows in the frame's order
   * @throws InputException on a missing id or feature column (listing the available columns), an
   *     unsupported column type, null or duplicate ids (with examples), an empty frame, or a
   *     value the core rejects (e.g. an infinite number), always naming the source
   */
  public static FeatureTable toFeatureTable(
      Dataset<Row> frame, String idColumn, List<String> featureColumns, String source) {
    StructType schema = frame.schema();
    List<String> columns = featureColumns(schema, idColumn, featureColumns, source);
    DataType[] types = types(schema, columns, source);
    Column[] selected = new Column[columns.size() + 1];
    selected[0] = functions.col(idColumn).cast("string");
    for (int f = 0; f < columns.size(); f++) {
      selected[f + 1] = functions.col(columns.get(f));
    }
    return build(frame.select(selected).collectAsList(), columns, types, idColumn, source);
  }

  /**
   * The same conversion, with the same checks and messages, of rows already on the driver (a
   * table read without Spark, {@link PlainCsv}).
   *
   * @param schema the rows' schema; the id column must be a string column
   * @param rows the rows, values in the schema's column order
   */
  public static FeatureTable fromRows(StructType schema, List<Row> rows, String idColumn,
      List<String> featureColumns, String source) {
    List<String> columns = featureColumns(schema, idColumn, featureColumns, source);
    DataType[] types = types(schema, columns, source);
    int[] index = new int[columns.size() + 1];
    index[0] = schema.fieldIndex(idColumn);
    for (int f = 0; f < columns.size(); f++) {
      index[f + 1] = schema.fieldIndex(columns.get(f));
    }
    List<Row> selected = new ArrayList<>(rows.size());
    for (Row row : rows) {
      Object[] values = new Object[index.length];
      for (int c = 0; c < index.length; c++) {
        values[c] = row.get(index[c]);
      }
      selected.add(RowFactory.create(values));
    }
    return build(selected, columns, types, idColumn, source);
  }

  /** The feature columns to read, checked to exist: the given ones, else all but the id. */
  private static List<String> featureColumns(
      StructType schema, String idColumn, List<String> featureColumns, String source) {
    FrameColumns.requireColumn(schema, idColumn, "id column", source);
    List<String> columns = new ArrayList<>();
    if (featureColumns == null || featureColumns.isEmpty()) {
      for (String name : schema.fieldNames()) {
        if (!name.equals(idColumn)) {
          columns.add(name);
        }
      }
    } else {
      for (String name : featureColumns) {
        FrameColumns.requireColumn(schema, name, "feature column", source);
        if (name.equals(idColumn)) {
          throw new InputException(source + ": feature column '" + name
              + "' is the id column; choose other feature columns");
        }
        columns.add(name);
      }
    }
    if (columns.isEmpty()) {
      throw new InputException(source + ": no feature columns besides the id column '"
          + idColumn + "'; the table needs at least one feature");
    }
    return columns;
  }

  private static DataType[] types(StructType schema, List<String> columns, String source) {
    DataType[] types = new DataType[columns.size()];
    for (int f = 0; f < types.length; f++) {
      types[f] = FrameColumns.typeOf(schema, columns.get(f));
      if (!(types[f] instanceof StringType || types[f] instanceof BooleanType
          || FrameColumns.isNumeric(types[f]) || FrameColumns.isNumericArray(types[f])
          || FrameColumns.isVector(types[f]))) {
        throw FrameColumns.wrongType(source, columns.get(f), EXPECTED_TYPES, types[f]);
      }
    }
    return types;
  }

  /** Rows of (id as string, feature values...) into the table. */
  private static FeatureTable build(List<Row> rows, List<String> columns, DataType[] types,
      String idColumn, String source) {
    if (rows.isEmpty()) {
      throw new InputException(source + ": the feature table is empty (0 rows); it needs one"
          + " row per stimulus");
    }
    List<String> ids = new ArrayList<>(rows.size());
    for (Row row : rows) {
      ids.add(row.isNullAt(0) ? null : row.getString(0));
    }
    FrameColumns.requireValidIds(ids, idColumn, "features", source);
    try {
      FeatureTable.Builder builder = FeatureTable.builder(ids);
      for (int f = 0; f < columns.size(); f++) {
        addColumn(builder, rows, f + 1, columns.get(f), types[f], ids, source);
      }
      return builder.build();
    } catch (InputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InputException(source + ": " + e.getMessage(), e);
    }
  }

  private static void addColumn(FeatureTable.Builder builder, List<Row> rows, int index,
      String name, DataType type, List<String> ids, String source) {
    int n = rows.size();
    if (type instanceof StringType) {
      String[] values = new String[n];
      for (int i = 0; i < n; i++) {
        values[i] = rows.get(i).isNullAt(index) ? null : rows.get(i).getString(index);
      }
      builder.addStrings(name, values);
    } else if (type instanceof BooleanType) {
      Boolean[] values = new Boolean[n];
      for (int i = 0; i < n; i++) {
        values[i] = rows.get(i).isNullAt(index) ? null : rows.get(i).getBoolean(index);
      }
      builder.addBooleans(name, values);
    } else if (FrameColumns.isNumeric(type)) {
      double[] values = new double[n];
      for (int i = 0; i < n; i++) {
        values[i] = rows.get(i).isNullAt(index)
            ? Double.NaN : ((Number) rows.get(i).get(index)).doubleValue();
      }
      builder.addNumbers(name, values);
    } else {
      double[][] values = new double[n][];
      for (int i = 0; i < n; i++) {
        values[i] = FrameColumns.components(rows.get(i).get(index), source, name, ids.get(i));
      }
      builder.addVectors(name, values);
    }
  }
}
