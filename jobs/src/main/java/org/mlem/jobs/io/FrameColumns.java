package org.mlem.jobs.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/**
 * Schema checks shared by the frame converters: column lookup with the available columns in the
 * message, type predicates (numeric, array of numbers, ML vector), and id validation listing
 * examples. Messages start with the source (file or table name).
 */
final class FrameColumns {
  /** How many example ids or rows an error message lists. */
  static final int MAX_EXAMPLES = 5;

  private FrameColumns() {}

  /** Throws unless the schema has the column; the message lists the available columns. */
  static void requireColumn(StructType schema, String column, String role, String source) {
    requireColumn(Arrays.asList(schema.fieldNames()), column, role, source);
  }

  /** As above, for the column names of a header or a file footer read before Spark starts. */
  static void requireColumn(List<String> names, String column, String role, String source) {
    if (column == null || column.isBlank()) {
      throw new InputException(source + ": the " + role + " must be named, found "
          + (column == null ? "null" : "'" + column + "'"));
    }
    if (!names.contains(column)) {
      throw new InputException(source + ": " + role + " '" + column + "' not found; available"
          + " columns: " + String.join(", ", names)
          + "; name one of them (column names are case-sensitive)");
    }
  }

  /** The type of a column known to exist. */
  static DataType typeOf(StructType schema, String column) {
    return schema.apply(column).dataType();
  }

  /** See {@link SparkTypes#isNumeric}. */
  static boolean isNumeric(DataType type) {
    return SparkTypes.isNumeric(type);
  }

  /** See {@link SparkTypes#isNumericArray}. */
  static boolean isNumericArray(DataType type) {
    return SparkTypes.isNumericArray(type);
  }

  /** See {@link SparkTypes#isVector}. */
  static boolean isVector(DataType type) {
    return SparkTypes.isVector(type);
  }

  /** Spark's wording for a column of the wrong type. */
  static InputException wrongType(String source, String column, String expected, DataType found) {
    return new InputException(source + ": Column " + column + " must be of type " + expected
        + " but was actually " + found.catalogString() + ".");
  }

  /**
   * Checks ids collected in row order: none null or empty, none repeated.
   *
   * @param ids ids in row order (nulls allowed here; they are reported)
   * @param what e.g. "features" or "representations"
   */
  static void requireValidIds(List<String> ids, String idColumn, String what, String source) {
    List<Integer> badRows = new ArrayList<>();
    for (int i = 0; i < ids.size() && badRows.size() < MAX_EXAMPLES; i++) {
      if (ids.get(i) == null || ids.get(i).isEmpty()) {
        badRows.add(i);
      }
    }
    if (!badRows.isEmpty()) {
      throw new InputException(source + ": " + what + " id column '" + idColumn
          + "' has null or empty ids at rows (0-based) " + joinInts(badRows)
          + "; every row needs a stimulus id");
    }
    List<String> duplicates = duplicates(ids);
    if (!duplicates.isEmpty()) {
      throw new InputException(source + ": " + what + " id column '" + idColumn
          + "' has duplicate ids: " + String.join(", ", duplicates)
          + "; every stimulus must appear once");
    }
  }

  /** Up to {@link #MAX_EXAMPLES} repeated ids, in order of first repetition. */
  static List<String> duplicates(List<String> ids) {
    Set<String> seen = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    for (String id : ids) {
      if (!seen.add(id) && !duplicates.contains(id)) {
        duplicates.add(id);
        if (duplicates.size() == MAX_EXAMPLES) {
          break;
        }
      }
    }
    return duplicates;
  }

  private static String joinInts(List<Integer> values) {
    List<String> text = new ArrayList<>();
    for (Integer v : values) {
      text.add(String.valueOf(v));
    }
    return String.join(", ", text);
  }

  /**
   * The components of an array or vector cell as doubles; a null element is reported.
   *
   * @return null if the cell is null
   */
  static double[] components(Object cell, String source, String column, String id) {
    if (cell == null) {
      return null;
    }
    if (cell instanceof org.apache.spark.ml.linalg.Vector v) {
      return v.toArray();
    }
    if (cell instanceof org.apache.spark.mllib.linalg.Vector v) {
      return v.toArray();
    }
    List<?> list = cell instanceof scala.collection.Seq<?> seq
        ? scala.jdk.javaapi.CollectionConverters.asJava(seq) : (List<?>) cell;
    double[] out = new double[list.size()];
    for (int c = 0; c < out.length; c++) {
      Object e = list.get(c);
      if (e == null) {
        throw nullElement(source, column, id, c);
      }
      out[c] = ((Number) e).doubleValue();
    }
    return out;
  }

  /** The error of an array whose element c is null. */
  static InputException nullElement(String source, String column, String id, int c) {
    return new InputException(source + ": column '" + column + "', stimulus '" + id
        + "': element " + c + " of the array is null; arrays must hold numbers only");
  }
}
