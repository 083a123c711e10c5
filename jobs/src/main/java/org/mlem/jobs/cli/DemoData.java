package org.mlem.jobs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.sim.SyntheticDataset;

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

  /** Writes both files under {@code dir}, replacing earlier ones. */
  static void write(SparkSession spark, SyntheticDataset data, String dir) {
    writeFeatures(spark, data, dir);
    writeRepresentations(spark, data, new Path(dir, REPRESENTATIONS).toString());
  }

  /** Writes {@code dir/features.csv}, replacing an earlier one. */
  static void writeFeatures(SparkSession spark, SyntheticDataset data, String dir) {
    try {
      Path base = new Path(dir);
      FileSystem fs = base.getFileSystem(spark.sparkContext().hadoopConfiguration());
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
