package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlem.core.distance.PrecomputedRdm;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * The same 12 x 5 dataset written in every supported format must load into identical core
 * objects: same ids in the same (feature table) order, bit-identical float32 values, equal RDM
 * distances. Several files list their rows in reverse order to show the join is by id.
 */
class InputFormatsTest {
  private static SparkSession spark;
  @TempDir static Path dir;
  private static final int N = IoFixtures.N;
  private static final int D = IoFixtures.DIMS;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "InputFormatsTest");
    List<String> ids = IoFixtures.ids();
    IoFixtures.featureFrame(spark).write().parquet(dir.resolve("features.parquet").toString());
    StringBuilder csv = new StringBuilder("id,category,size,loud\n");
    for (int i = 0; i < N; i++) {
      csv.append(featureLine(i));
    }
    Files.writeString(dir.resolve("features.csv"), csv.toString());
    Path parts = Files.createDirectories(dir.resolve("features_parts"));
    StringBuilder first = new StringBuilder("id,category,size,loud\n");
    StringBuilder second = new StringBuilder("id,category,size,loud\n");
    for (int i = 0; i < N; i++) {
      (i < 4 ? first : second).append(featureLine(i));
    }
    Files.writeString(parts.resolve("part-00000.csv"), first.toString());
    Files.writeString(parts.resolve("part-00001.csv"), second.toString());

    IoFixtures.arrayFrame(spark).write().parquet(dir.resolve("reps_array.parquet").toString());
    IoFixtures.wideFrame(spark).write().parquet(dir.resolve("reps_wide").toString());
    List<Row> vectorRows = new ArrayList<>();
    for (int i = N - 1; i >= 0; i--) {
      double[] v = new double[D];
      for (int c = 0; c < D; c++) {
        v[c] = IoFixtures.value(i, c);
      }
      vectorRows.add(RowFactory.create(ids.get(i), Vectors.dense(v)));
    }
    spark.createDataFrame(vectorRows, new StructType().add("id", DataTypes.StringType)
        .add("vec", SQLDataTypes.VectorType())).coalesce(1).write()
        .parquet(dir.resolve("reps_vector.parquet").toString());
    StringBuilder wide = new StringBuilder("id,d0,d1,d2,d3,d4\n");
    for (int i = N - 1; i >= 0; i--) {
      wide.append(ids.get(i));
      for (int c = 0; c < D; c++) {
        wide.append(',').append(IoFixtures.value(i, c));
      }
      wide.append('\n');
    }
    Files.writeString(dir.resolve("reps.csv"), wide.toString());

    double[] values = new double[N * D];
    double[] reversed = new double[N * D];
    List<String> reversedIds = new ArrayList<>(ids);
    Collections.reverse(reversedIds);
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < D; c++) {
        values[i * D + c] = IoFixtures.value(i, c);
        reversed[(N - 1 - i) * D + c] = IoFixtures.value(i, c);
      }
    }
    Files.writeString(dir.resolve("ids_reversed.txt"), String.join("\n", reversedIds) + "\n\n");
    int[] shape = {N, D};
    NpyTestFiles.write(dir.resolve("f4_v1.npy"), reversed, shape, "<f4", false, 1);
    NpyTestFiles.write(dir.resolve("f8_fortran_v2.npy"), values, shape, "<f8", true, 2);
    NpyTestFiles.write(dir.resolve("f4_fortran_v3.npy"), reversed, shape, "<f4", true, 3);
    NpyTestFiles.write(dir.resolve("f8_big_endian.npy"), values, shape, ">f8", false, 1);

    float[][] matrix = new float[N][D];
    float[][] noise = new float[3][2];
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < D; c++) {
        matrix[i][c] = IoFixtures.value(i, c);
      }
    }
    try (WritableHdfFile h5 = HdfFile.write(dir.resolve("reps.h5"))) {
      h5.putDataset("layer", matrix);
    }
    double[][] reversedMatrix = new double[N][D];
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < D; c++) {
        reversedMatrix[N - 1 - i][c] = IoFixtures.value(i, c);
      }
    }
    try (WritableHdfFile h5 = HdfFile.write(dir.resolve("two.hdf5"))) {
      h5.putDataset("noise", noise);
      h5.putGroup("model").putDataset("layer6", reversedMatrix);
    }
    writeRdms(ids, reversedIds);
  }

  private static String featureLine(int i) {
    String category = IoFixtures.category(i);
    return IoFixtures.ids().get(i) + "," + (category == null ? "" : category) + ","
        + IoFixtures.size(i) + "," + IoFixtures.loud(i) + "\n";
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** A symmetric matrix with a zero diagonal whose values are exact in every format. */
  static double rdm(int i, int j) {
    return i == j ? 0.0 : Math.abs(IoFixtures.value(i, 0) - IoFixtures.value(j, 0))
        + Math.abs(i - j) / 8.0;
  }

  private static void writeRdms(List<String> ids, List<String> reversedIds) throws IOException {
    StringBuilder csv = new StringBuilder("id," + String.join(",", reversedIds) + "\n");
    for (int i = N - 1; i >= 0; i--) {
      csv.append(ids.get(i));
      for (int j = N - 1; j >= 0; j--) {
        csv.append(',').append(rdm(i, j));
      }
      csv.append('\n');
    }
    Files.writeString(dir.resolve("rdm.csv"), csv.toString());
    StructType schema = new StructType().add("stimulus", DataTypes.StringType);
    for (int j = 0; j < N; j++) {
      schema = schema.add("c" + j, DataTypes.DoubleType);
    }
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      Object[] row = new Object[N + 1];
      row[0] = ids.get(i);
      for (int j = 0; j < N; j++) {
        row[j + 1] = rdm(i, j);
      }
      rows.add(RowFactory.create(row));
    }
    spark.createDataFrame(rows, schema).coalesce(1).write()
        .parquet(dir.resolve("rdm.parquet").toString());
    double[] square = new double[N * N];
    double[] condensed = new double[N * (N - 1) / 2];
    double[] condensedReversed = new double[N * (N - 1) / 2];
    int k = 0;
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        square[(N - 1 - i) * N + (N - 1 - j)] = rdm(i, j);
        if (j > i) {
          condensed[k] = rdm(i, j);
          condensedReversed[k++] = rdm(N - 1 - i, N - 1 - j);
        }
      }
    }
    NpyTestFiles.write(dir.resolve("rdm_square.npy"), square, new int[] {N, N}, "<f8", false, 1);
    NpyTestFiles.write(dir.resolve("rdm_condensed.npy"), condensed, new int[] {condensed.length},
        "<f8", false, 1);
    NpyTestFiles.write(dir.resolve("rdm_condensed_reversed.npy"), condensedReversed,
        new int[] {condensed.length}, "<f4", false, 2);
  }

  static String path(String name) {
    return dir.resolve(name).toString();
  }

  static String fileUri(String name) {
    return dir.resolve(name).toUri().toString();
  }

  private static FeatureInput features(String name, InputFormat format) {
    return new FeatureInput(path(name), format, "id", List.of(), Map.of(), 0.0);
  }

  private static RepresentationInput reps(String uri, InputFormat format, String ids,
      String dataset) {
    return new RepresentationInput(uri, format, "id", null, ids, dataset);
  }

  static Stream<Arguments> featureFiles() {
    return Stream.of(Arguments.of("features.parquet", InputFormat.AUTO),
        Arguments.of("features.csv", InputFormat.AUTO),
        Arguments.of("features_parts", InputFormat.CSV));
  }

  @ParameterizedTest
  @MethodSource("featureFiles")
  void everyFeatureFormatGivesTheSameTable(String name, InputFormat format) {
    IoFixtures.assertSameFeatures(IoFixtures.featureTable(),
        InputLoader.readFeatures(spark, features(name, format)));
  }

  static Stream<Arguments> representationFiles() {
    String reversed = path("ids_reversed.txt");
    return Stream.of(
        Arguments.of(reps(path("reps_array.parquet"), InputFormat.AUTO, null, null)),
        Arguments.of(reps(fileUri("reps_wide"), InputFormat.AUTO, null, null)),
        Arguments.of(reps(path("reps_vector.parquet"), InputFormat.PARQUET, null, null)),
        Arguments.of(reps(path("reps.csv"), InputFormat.AUTO, null, null)),
        Arguments.of(reps(path("f4_v1.npy"), InputFormat.AUTO, reversed, null)),
        Arguments.of(reps(fileUri("f8_fortran_v2.npy"), InputFormat.NPY, null, null)),
        Arguments.of(reps(path("f4_fortran_v3.npy"), InputFormat.AUTO, reversed, null)),
        Arguments.of(reps(path("f8_big_endian.npy"), InputFormat.AUTO, null, null)),
        Arguments.of(reps(path("reps.h5"), InputFormat.AUTO, null, null)),
        Arguments.of(reps(fileUri("two.hdf5"), InputFormat.HDF5, reversed, "/model/layer6")));
  }

  @ParameterizedTest
  @MethodSource("representationFiles")
  void everyRepresentationFormatGivesIdenticalFloats(RepresentationInput input) {
    LoadedInputs loaded = InputLoader.load(spark, features("features.csv", InputFormat.AUTO),
        input);
    IoFixtures.assertSameRepresentations(IoFixtures.representations(), loaded.representations());
    assertNull(loaded.rdm());
    EncodedFeatures expected = FeatureSchema.inferred().encode(IoFixtures.featureTable());
    IoFixtures.assertSameEncoding(expected, loaded.features());
    assertEquals(List.of("features", "representations"),
        loaded.files().stream().map(InputFile::role).toList().subList(0, 2));
  }

  static Stream<Arguments> rdmFiles() {
    String reversed = path("ids_reversed.txt");
    return Stream.of(
        Arguments.of(new RepresentationInput(path("rdm.csv"), InputFormat.RDM, "id", null, null,
            null)),
        Arguments.of(new RepresentationInput(fileUri("rdm.parquet"), InputFormat.RDM,
            "stimulus", null, null, null)),
        Arguments.of(reps(path("rdm_square.npy"), InputFormat.RDM, reversed, null)),
        Arguments.of(reps(path("rdm_condensed.npy"), InputFormat.RDM, null, null)),
        Arguments.of(reps(path("rdm_condensed_reversed.npy"), InputFormat.RDM, reversed, null)));
  }

  @ParameterizedTest
  @MethodSource("rdmFiles")
  void everyRdmFormatGivesEqualDistances(RepresentationInput input) {
    LoadedInputs loaded = InputLoader.load(spark, features("features.parquet", InputFormat.AUTO),
        input);
    assertNull(loaded.representations());
    PrecomputedRdm rdm = loaded.rdm();
    assertEquals(IoFixtures.ids(), rdm.ids());
    assertSame(rdm, loaded.distances(null));
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        assertEquals(Double.doubleToLongBits(rdm(i, j)), Double.doubleToLongBits(
            rdm.distance(i, j)), "pair " + i + ", " + j);
      }
    }
  }

  @Test
  void provenanceHasSizesAndSha256OfLocalFilesAndDirectories() throws Exception {
    LoadedInputs loaded = InputLoader.load(spark, features("features.csv", InputFormat.AUTO),
        reps(path("reps_wide"), InputFormat.AUTO, null, null));
    InputFile csv = loaded.files().get(0);
    assertEquals(new InputFile("features", path("features.csv"),
        Files.size(dir.resolve("features.csv")),
        sha256(Files.readAllBytes(dir.resolve("features.csv")))), csv);
    InputFile parquet = loaded.files().get(1);
    Path wide = dir.resolve("reps_wide");
    long bytes = 0;
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    List<Path> files;
    try (Stream<Path> all = Files.list(wide)) {
      files = all.sorted().toList();
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      if (!name.endsWith(".crc")) {
        bytes += Files.size(f); // Hadoop's local filesystem hides its .crc checksum files
      }
      if (!name.startsWith("_") && !name.startsWith(".")) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(Files.readAllBytes(f));
      }
    }
    assertEquals(new InputFile("representations", path("reps_wide"), bytes,
        HexFormat.of().formatHex(digest.digest())), parquet);
    assertNotNull(parquet.sha256());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
