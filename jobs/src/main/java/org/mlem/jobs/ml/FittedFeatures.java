package org.mlem.jobs.ml;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Records, at fit time, the encoding of every feature column (categories seen, fitted ranges)
 * from the same values core encoded, so the model can encode new pairs the same way.
 */
final class FittedFeatures {
  private FittedFeatures() {}

  /**
   * The fitted encodings of the given columns of the fit table.
   *
   * @param frame the fit table
   * @param columns the feature columns, in W's order
   * @param schema the table's schema (validated)
   * @param missingDistance the distance of a pair with a missing value
   */
  static List<FittedFeature> of(Dataset<Row> frame, List<String> columns, StructType schema,
      double missingDistance) {
    Column[] selected = new Column[columns.size()];
    for (int f = 0; f < selected.length; f++) {
      selected[f] = functions.col(columns.get(f));
    }
    List<Row> rows = frame.select(selected).collectAsList();
    List<FittedFeature> fitted = new ArrayList<>(columns.size());
    for (int f = 0; f < columns.size(); f++) {
      String name = columns.get(f);
      String valueType = ColumnTypes.valueType(schema.apply(name).dataType());
      List<Object> values = new ArrayList<>(rows.size());
      for (Row row : rows) {
        values.add(ColumnTypes.value(row.get(f), name));
      }
      fitted.add(switch (valueType) {
        case FittedFeature.NUMERIC -> {
          double[] numbers = new double[values.size()];
          for (int i = 0; i < numbers.length; i++) {
            Object v = values.get(i);
            numbers[i] = v == null ? Double.NaN : ((Number) v).doubleValue();
          }
          yield FittedFeature.ordinal(name, numbers, missingDistance);
        }
        case FittedFeature.VECTOR -> {
          List<double[]> vectors = new ArrayList<>(values.size());
          for (Object v : values) {
            vectors.add((double[]) v);
          }
          yield FittedFeature.vector(name, vectors, missingDistance);
        }
        default -> FittedFeature.categorical(name, valueType, values, missingDistance);
      });
    }
    return fitted;
  }
}
