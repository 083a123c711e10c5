package org.mlem.jobs.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.mlem.core.distance.PrecomputedRdm;

/**
 * Reads a precomputed RDM (format RDM) in the file's own id order and returns it joined to the
 * feature table (core's {@link PrecomputedRdm#reorderedTo} puts it in the features' id order):
 *
 * <ul>
 *   <li>CSV or Parquet: a square matrix, an id column plus one numeric column per stimulus. When
 *       the distance columns are named by the ids they are matched by name, otherwise by position
 *       (column k = the stimulus of row k).
 *   <li>{@code .npy}: a square n x n array, or a 1-D condensed vector of n(n-1)/2 distances in
 *       scipy {@code squareform} order; row ids from the ids file, else the features' order.
 * </ul>
 */
final class RdmReader {
  private RdmReader() {}

  static PrecomputedRdm read(SparkSession spark, RepresentationInput input,
      List<String> featureIds, String featuresSource) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    String uri = input.uri();
    InputFormat format = InputFormat.detect(
        uri, InputPaths.status(conf, uri, "RDM").isDirectory(), "RDM");
    try {
      return switch (format) {
        case PARQUET, CSV -> fromTable(spark, uri, format, RepresentationReader.idColumn(input),
            featureIds, featuresSource);
        case NPY -> fromNpy(conf, input, featureIds, featuresSource);
        default -> throw new InputException(uri + ": an RDM must be a .csv, .parquet or .npy"
            + " file, found " + format);
      };
    } catch (InputException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw new InputException(uri + ": " + e.getMessage(), e);
    }
  }

  private static PrecomputedRdm fromNpy(Configuration conf, RepresentationInput input,
      List<String> featureIds, String featuresSource) {
    String uri = input.uri();
    NumericArray array = NpyReader.read(conf, uri);
    int[] shape = array.shape();
    if (shape.length == 2) {
      if (shape[0] != shape[1]) {
        throw new InputException(uri + ": a square RDM must be n x n, found shape "
            + NpyReader.shapeText(shape));
      }
      int n = shape[0];
      List<String> ids = RepresentationReader.arrayIds(
          conf, input, n, featureIds, featuresSource, "RDM");
      double[][] matrix = new double[n][];
      for (int i = 0; i < n; i++) {
        matrix[i] = java.util.Arrays.copyOfRange(array.values(), i * n, (i + 1) * n);
      }
      return aligned(ids, matrix, featureIds, featuresSource, uri);
    }
    long m = shape[0];
    int n = (int) Math.round((1 + Math.sqrt(1 + 8.0 * m)) / 2);
    if ((long) n * (n - 1) / 2 != m || m == 0) {
      throw new InputException(uri + ": a condensed RDM has n(n-1)/2 values for n stimuli, but "
          + m + " is not such a number; save scipy.spatial.distance.squareform output");
    }
    List<String> ids = RepresentationReader.arrayIds(
        conf, input, n, featureIds, featuresSource, "RDM");
    IdAlignment.positions(featureIds, featuresSource, ids, "RDM", uri);
    return PrecomputedRdm.condensed(ids, array.values()).reorderedTo(featureIds);
  }

  private static PrecomputedRdm fromTable(SparkSession spark, String uri, InputFormat format,
      String idColumn, List<String> featureIds, String featuresSource) {
    Dataset<Row> frame = TableReader.read(spark, uri, format, idColumn, "RDM");
    FrameColumns.requireColumn(frame.schema(), idColumn, "id column", uri);
    List<String> columns = new ArrayList<>();
    List<Column> selected = new ArrayList<>();
    selected.add(functions.col(idColumn).cast("string"));
    for (StructField field : frame.schema().fields()) {
      if (field.name().equals(idColumn)) {
        continue;
      }
      if (!FrameColumns.isNumeric(field.dataType())) {
        throw FrameColumns.wrongType(uri, field.name(), "numeric", field.dataType());
      }
      columns.add(field.name());
      selected.add(functions.col(field.name()));
    }
    List<Row> rows = frame.select(selected.toArray(new Column[0])).collectAsList();
    if (rows.isEmpty()) {
      throw new InputException(uri + ": the RDM table is empty (0 rows); it needs one row per"
          + " stimulus");
    }
    List<String> ids = new ArrayList<>();
    for (Row row : rows) {
      ids.add(row.isNullAt(0) ? null : row.getString(0));
    }
    FrameColumns.requireValidIds(ids, idColumn, "RDM", uri);
    int n = rows.size();
    if (columns.size() != n) {
      throw new InputException(uri + ": a square RDM needs one distance column per stimulus,"
          + " found " + n + " rows but " + columns.size() + " columns besides the id column '"
          + idColumn + "'");
    }
    int[] columnOf = new int[n];
    if (new HashSet<>(columns).equals(new HashSet<>(ids))) {
      Map<String, Integer> index = new HashMap<>();
      for (int c = 0; c < n; c++) {
        index.put(columns.get(c), c);
      }
      for (int j = 0; j < n; j++) {
        columnOf[j] = index.get(ids.get(j));
      }
    } else {
      for (int j = 0; j < n; j++) {
        columnOf[j] = j;
      }
    }
    double[][] matrix = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int c = columnOf[j];
        if (rows.get(i).isNullAt(c + 1)) {
          throw new InputException(uri + ": stimulus '" + ids.get(i) + "' has no distance in"
              + " column '" + columns.get(c) + "'; every cell of the RDM needs a number");
        }
        matrix[i][j] = ((Number) rows.get(i).get(c + 1)).doubleValue();
      }
    }
    return aligned(ids, matrix, featureIds, featuresSource, uri);
  }

  private static PrecomputedRdm aligned(List<String> ids, double[][] matrix,
      List<String> featureIds, String featuresSource, String uri) {
    IdAlignment.positions(featureIds, featuresSource, ids, "RDM", uri);
    return PrecomputedRdm.square(ids, matrix).reorderedTo(featureIds);
  }
}
