package org.mlem.jobs.sweep;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.cli.MlemCli;

/**
 * Tiny sweep inputs from the core's simulation: one feature table and layers that differ only
 * in their noise level (the simulation keeps the features when only the noise changes), written
 * as Parquet directories, .npy files or one table with a layer column; plus the CLI runner.
 */
public final class SweepFixtures {
  static final int STIMULI = 40;
  static final int FEATURES = 3;
  static final int DIMS = 6;
  static final long DATA_SEED = 7;

  private SweepFixtures() {}

  /** Layer k (1-based) of the simulated stack: noise 0.3 * k. */
  public static SyntheticDataset layer(int k) {
    return SimulationStudy.generate(STIMULI, FEATURES, DIMS, 0.3 * k, DATA_SEED);
  }

  /** The shared features as CSV. */
  public static Path writeFeatures(Path file) throws IOException {
    SyntheticDataset data = layer(1);
    String csv = org.mlem.core.sim.SyntheticTables.featuresCsv(data);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, csv);
  }

  /** Representations (id, vector array<float>) as a Parquet directory; constant if asked. */
  static void writeParquetLayer(SparkSession spark, SyntheticDataset data, Path dir,
      boolean constant) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      List<Float> v = new ArrayList<>();
      for (int d = 0; d < data.dims(); d++) {
        v.add(constant ? 1.0f : data.representations()[i * data.dims() + d]);
      }
      rows.add(RowFactory.create(data.ids().get(i), v));
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("vector",
            DataTypes.createArrayType(DataTypes.FloatType, false), false)));
    spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite)
        .parquet(dir.toString());
  }

  /** Layers 1..k as {@code dir/layer=<k>/}. */
  static Path writeLayers(SparkSession spark, Path dir, int count) {
    for (int k = 1; k <= count; k++) {
      writeParquetLayer(spark, layer(k), dir.resolve("layer=" + k), false);
    }
    return dir;
  }

  /** One table (id, layer "layer=k", vector; rows reversed) holding layers 1..count. */
  static Path writeLayerTable(SparkSession spark, Path dir, int count) {
    List<Row> rows = new ArrayList<>();
    for (int k = 1; k <= count; k++) {
      SyntheticDataset data = layer(k);
      for (int i = data.size() - 1; i >= 0; i--) {
        List<Float> v = new ArrayList<>();
        for (int d = 0; d < data.dims(); d++) {
          v.add(data.representations()[i * data.dims() + d]);
        }
        rows.add(RowFactory.create(data.ids().get(i), "layer=" + k, v));
      }
    }
    StructType schema = DataTypes.createStructType(List.of(
        DataTypes.createStructField("id", DataTypes.StringType, false),
        DataTypes.createStructField("layer", DataTypes.StringType, false),
        DataTypes.createStructField("vector",
            DataTypes.createArrayType(DataTypes.FloatType, false), false)));
    spark.createDataFrame(rows, schema).repartition(2).write().mode(SaveMode.Overwrite)
        .parquet(dir.toString());
    return dir;
  }

  /** A little-endian float64 C-order .npy file of the data's representations. */
  public static void writeNpy(SyntheticDataset data, Path file) throws IOException {
    int n = data.size();
    int d = data.dims();
    String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + n + ", " + d
        + "), }";
    int total = 10 + header.length() + 1;
    int pad = (64 - total % 64) % 64;
    header = header + " ".repeat(pad) + "\n";
    ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + n * d * 8)
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    buf.putShort((short) header.length());
    buf.put(header.getBytes(StandardCharsets.US_ASCII));
    for (int k = 0; k < n * d; k++) {
      buf.putDouble(data.representations()[k]);
    }
    Files.createDirectories(file.getParent());
    Files.write(file, buf.array());
  }

  /** One HDF5 file with a 2-D float64 dataset per layer 1..count, named "layer=k". */
  static Path writeHdf5(Path file, int count) throws IOException {
    Files.createDirectories(file.getParent());
    try (io.jhdf.WritableHdfFile h5 = io.jhdf.HdfFile.write(file)) {
      for (int k = 1; k <= count; k++) {
        SyntheticDataset data = layer(k);
        double[][] rows = new double[data.size()][data.dims()];
        for (int i = 0; i < data.size(); i++) {
          for (int d = 0; d < data.dims(); d++) {
            rows[i][d] = data.representations()[i * data.dims() + d];
          }
        }
        h5.putDataset("layer=" + k, rows);
      }
    }
    return file;
  }

  /** The result of one in-process CLI run. */
  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args);
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  /** Quick training options shared by the tests' sweeps and fits. */
  static List<String> quickOptions() {
    return List.of("--master", "local[2]", "--seed", "5", "--max-steps", "8", "--patience",
        "4", "--permutations", "2", "--partitions", "2");
  }
}
