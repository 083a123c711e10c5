package org.mlem.jobs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.parquet.schema.MessageType;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.output.ParquetFiles;
import org.mlem.jobs.output.ParquetTables;

/**
 * Writes a simulated dataset as the files a user would bring: {@code features.csv} (id plus one
 * column per feature) and {@code representations.parquet} (id plus an array&lt;float&gt; column
 * {@code vector}).
 */
final class DemoData {
  /** The features file name. */
  static final String FEATURES = "features.csv";
  /** The representations directory name. */
  static final String REPRESENTATIONS = "representations.parquet";

  private DemoData() {}

  /** Writes both files under {@code dir}, replacing earlier ones (the table by a Spark job). */
  static void write(SparkSession spark, SyntheticDataset data, String dir) {
    writeFeatures(spark.sparkContext().hadoopConfiguration(), data, dir);
    writeRepresentations(spark, data, new Path(dir, REPRESENTATIONS).toString());
  }

  /**
   * Writes both files under {@code dir} without Spark, replacing earlier ones: the same columns,
   * types and values as {@link #write(SparkSession, SyntheticDataset, String)} (a directory
   * with one Snappy part file and {@code _SUCCESS}, as Spark writes it), for a demo that then
   * fits in process.
   */
  static void write(Configuration conf, SyntheticDataset data, String dir) {
    writeFeatures(conf, data, dir);
    Path table = new Path(dir, REPRESENTATIONS);
    try {
      FileSystem fs = table.getFileSystem(conf);
      fs.delete(table, true);
      MessageType schema = ParquetFiles.schema(List.of("id", "vector"),
          List.of(String.class, float[].class), Set.of("id", "vector"));
      float[] values = data.representations();
      int dims = data.dims();
      List<Object[]> rows = new ArrayList<>(data.size());
      for (int i = 0; i < data.size(); i++) {
        rows.add(new Object[] {data.ids().get(i),
            Arrays.copyOfRange(values, i * dims, (i + 1) * dims)});
      }
      ParquetTables.write(fs, conf, schema, rows, table, PART);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo representations " + table, e);
    }
  }

  /** The table's one part file, named as Spark names its part files. */
  static final String PART = "part-00000-demo.snappy.parquet";

  /** Writes {@code dir/features.csv}, replacing an earlier one. */
  static void writeFeatures(Configuration conf, SyntheticDataset data, String dir) {
    try {
      Path base = new Path(dir);
      FileSystem fs = base.getFileSystem(conf);
      fs.mkdirs(base);
      String csv = org.mlem.core.sim.SyntheticTables.featuresCsv(data);
      try (OutputStream out = fs.create(new Path(base, FEATURES), true)) {
        out.write(csv.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the demo features under " + dir, e);
    }
  }

  /** Writes the representations as Parquet (id, vector array&lt;float&gt;) at {@code uri}. */
  static void writeRepresentations(SparkSession spark, SyntheticDataset data, String uri) {
    List<Row> rows = new ArrayList<>(data.size());
    float[] values = data.representations();
    int dims = data.dims();
    for (int i = 0; i < data.size(); i++) {
      List<Float> vector = new ArrayList<>(dims);
      for (int d = 0; d < dims; d++) {
        vector.add(values[i * dims + d]);
      }
      rows.add(RowFactory.create(data.ids().get(i), vector));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("vector",
            DataTypes.createArrayType(DataTypes.FloatType, false), false)));
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(uri);
  }
}
