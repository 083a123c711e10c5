package org.mlem.jobs.io;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.UserDefinedType;

/**
 * The Spark column types the jobs accept for numbers, arrays of numbers and vectors, shared by
 * the input readers and the MLlib estimator's schema checks.
 */
public final class SparkTypes {
  private SparkTypes() {}

  /** True for any Spark numeric type (byte ... double, decimal). */
  public static boolean isNumeric(DataType type) {
    return type instanceof NumericType;
  }

  /** True for array&lt;numeric&gt;. */
  public static boolean isNumericArray(DataType type) {
    return type instanceof ArrayType a && a.elementType() instanceof NumericType;
  }

  /** True for an ML (or old MLlib) Vector column. */
  public static boolean isVector(DataType type) {
    if (!(type instanceof UserDefinedType<?> udt)) {
      return false;
    }
    Class<?> user = udt.userClass();
    return org.apache.spark.ml.linalg.Vector.class.isAssignableFrom(user)
        || org.apache.spark.mllib.linalg.Vector.class.isAssignableFrom(user);
  }
}
