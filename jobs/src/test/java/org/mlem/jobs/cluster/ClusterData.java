package org.mlem.jobs.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.sim.SyntheticDataset;

/**
 * Input files of the integration tests, from the core's simulation: the features as CSV, the
 * representations as wide CSV ({@code id,v0,v1,...}), as a float64 C-order .npy (rows in the
 * feature table's order) and as Parquet ({@code id, vector array<float>}). The values are
 * written so that every format reads back to the same float32 numbers.
 */
final class ClusterData {
  private ClusterData() {}

  /** {@code id,<feature>...}: categories as text, numbers as Java's shortest round trip. */
  static String featuresCsv(SyntheticDataset data) {
    return org.mlem.core.sim.SyntheticTables.featuresCsv(data);
  }

  /** {@code id,v0,...}: one float32 per cell. */
  static String representationsCsv(SyntheticDataset data) {
    StringBuilder csv = new StringBuilder("id");
    for (int d = 0; d < data.dims(); d++) {
      csv.append(",v").append(d);
    }
    csv.append('\n');
    for (int i = 0; i < data.size(); i++) {
      csv.append(data.ids().get(i));
      for (int d = 0; d < data.dims(); d++) {
        csv.append(',').append(data.representations()[i * data.dims() + d]);
      }
      csv.append('\n');
    }
    return csv.toString();
  }

  /** A little-endian float64 C-order .npy of the representations (the floats widened). */
  static byte[] representationsNpy(SyntheticDataset data) {
    int n = data.size();
    int d = data.dims();
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + n + ", " + d
        + "), }";
    int pad = (64 - (10 + header.length() + 1) % 64) % 64;
    header = header + " ".repeat(pad) + "\n";
    ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + n * d * 8)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    buf.putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.US_ASCII));
    for (int k = 0; k < n * d; k++) {
      buf.putDouble(data.representations()[k]);
    }
    return buf.array();
  }

  /** Writes features.csv and representations.csv into {@code dir}. */
  static void writeCsv(SyntheticDataset data, Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("features.csv"), featuresCsv(data));
    Files.writeString(dir.resolve("representations.csv"), representationsCsv(data));
  }

  /** Writes the representations as one Parquet file at {@code uri} (any Hadoop URI). */
  static void writeRepresentationsParquet(SparkSession spark, SyntheticDataset data,
      String uri) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      List<Float> v = new ArrayList<>();
      for (int d = 0; d < data.dims(); d++) {
        v.add(data.representations()[i * data.dims() + d]);
      }
      rows.add(RowFactory.create(data.ids().get(i), v));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("vector",
            DataTypes.createArrayType(DataTypes.FloatType, false), false)));
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(uri);
  }
}
