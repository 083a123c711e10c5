package org.mlem.jobs.ml;

import java.util.Arrays;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.mlem.jobs.io.SparkTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.features.FeatureValueType;

/**
 * Schema checks of the MLEM estimator and model, with Spark's wording: a missing column names
 * the available ones; a wrong type reads "Column x must be of type T but was actually U.".
 */
final class ColumnTypes {
  private ColumnTypes() {}

  /** Throws unless the schema has the column; the message lists the available columns. */
  static void requireColumn(StructType schema, String column, String role) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException("MLEM: " + role + " '" + column + "' does not exist;"
          + " available columns: " + String.join(", ", schema.fieldNames())
          + " (column names are case-sensitive)");
    }
  }

  /** Spark's wording for a column of the wrong type. */
  static IllegalArgumentException wrongType(String column, String expected, DataType found) {
    return new IllegalArgumentException("Column " + column + " must be of type " + expected
        + " but was actually " + found.catalogString() + ".");
  }

  /** The value type MLEM gives a feature column, or null if the type is unsupported. */
  static FeatureValueType valueType(DataType type) {
    if (type instanceof StringType) {
      return FeatureValueType.STRING;
    }
    if (type instanceof BooleanType) {
      return FeatureValueType.BOOLEAN;
    }
    if (type instanceof NumericType) {
      return FeatureValueType.NUMERIC;
    }
    if (isNumericArray(type) || isVector(type)) {
      return FeatureValueType.VECTOR;
    }
    return null;
  }

  /** The Spark types accepted for a value type, for messages. */
  static String describe(FeatureValueType valueType) {
    return switch (valueType) {
      case STRING -> "string";
      case BOOLEAN -> "boolean";
      case NUMERIC -> "numeric";
      case VECTOR -> "array<numeric> or vector";
    };
  }

  /** True for array&lt;numeric&gt;. */
  static boolean isNumericArray(DataType type) {
    return SparkTypes.isNumericArray(type);
  }

  /** True for an ML (or old MLlib) Vector column. */
  static boolean isVector(DataType type) {
    return SparkTypes.isVector(type);
  }

  /**
   * A cell's value in the form core's {@code FittedFeature#distance} takes: Strings and Booleans as
   * they are, numbers as Numbers, arrays and vectors as double[]; null stays null.
   *
   * @throws IllegalArgumentException if an array holds a null element
   */
  static Object value(Object cell, String column) {
    if (cell == null) {
      return null;
    }
    if (cell instanceof org.apache.spark.ml.linalg.Vector v) {
      return v.toArray();
    }
    if (cell instanceof org.apache.spark.mllib.linalg.Vector v) {
      return v.toArray();
    }
    if (cell instanceof scala.collection.Seq<?> seq) {
      java.util.List<?> list = scala.jdk.javaapi.CollectionConverters.asJava(seq);
      double[] out = new double[list.size()];
      for (int c = 0; c < out.length; c++) {
        Object e = list.get(c);
        if (e == null) {
          throw new IllegalArgumentException("column '" + column + "': element " + c
              + " of an array is null; arrays must hold numbers only");
        }
        out[c] = ((Number) e).doubleValue();
      }
      return out;
    }
    return cell;
  }
}
