package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.features.FeatureKind;
import org.mlem.jobs.testing.SparkTestSession;

/** One test per kind of bad input, asserting the exact message through {@link InputLoader}. */
class InputErrorsTest {
  private static SparkSession spark;
  @TempDir static Path dir;
  private static String goodFeatures;
  private static String goodReps;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "InputErrorsTest");
    goodFeatures = write("features.csv", "id,kind,size\na,x,1\nb,y,2\nc,x,3\nd,y,4\ne,x,5\n");
    goodReps = write("reps.csv", "id,d0,d1\na,1,2\nb,2,3\nc,3,1\nd,0,1\ne,1,1\n");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static String write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file.toString();
  }

  private static FeatureInput features(String uri) {
    return new FeatureInput(uri, InputFormat.AUTO, "id", List.of(), Map.of(), 0.0);
  }

  private static RepresentationInput reps(String uri) {
    return new RepresentationInput(uri, InputFormat.AUTO, "id", null, null, null);
  }

  private static String loadError(FeatureInput f, RepresentationInput r) {
    return assertThrows(InputException.class, () -> InputLoader.load(spark, f, r)).getMessage();
  }

  @Test
  void goodInputsLoad() {
    assertEquals(5, InputLoader.load(spark, features(goodFeatures), reps(goodReps))
        .features().size());
  }

  @Test
  void numericLookingCsvIdsKeepTheirText() throws IOException {
    String f = write("zeros.csv", "id,kind,size\n007,x,1\n08,y,2\n9,x,3\n010,y,4\n");
    String r = write("zeros_reps.csv", "id,d0\n010,1\n9,2\n08,3\n007,4\n");
    LoadedInputs loaded = InputLoader.load(spark, features(f), reps(r));
    assertEquals(List.of("007", "08", "9", "010"), loaded.features().ids());
    assertEquals(List.of("007", "08", "9", "010"), loaded.representations().ids());
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {4, 3, 2, 1},
        loaded.representations().data());
  }

  @Test
  void missingFile() {
    String missing = dir.resolve("nope/f.csv").toString();
    InputException e = assertThrows(InputException.class, () -> InputPaths.requireReadable(
        spark.sparkContext().hadoopConfiguration(), missing, "features"));
    assertEquals("features file not found: " + missing, e.getMessage());
    assertEquals("representations file not found: " + missing,
        loadError(features(goodFeatures), reps(missing)));
    assertEquals("representation ids file not found: " + missing, loadError(
        features(goodFeatures), new RepresentationInput(goodReps, InputFormat.NPY, "id", null,
            missing, null)));
  }

  @Test
  void wrongColumnType() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("tags", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType));
    String uri = dir.resolve("map.parquet").toString();
    spark.createDataFrame(List.of(RowFactory.create("a", Map.of("x", 1))), schema)
        .write().parquet(uri);
    assertEquals(uri + ": Column tags must be of type string, boolean, numeric, array<numeric>"
        + " or vector but was actually map<string,int>.",
        loadError(features(uri), reps(goodReps)));
  }

  @Test
  void raggedRows() throws IOException {
    String csv = write("ragged.csv", "id,d0,d1\na,1,2\nb,2\nc,3,1\nd,0,1\ne,1,1\n");
    assertEquals(csv + ": stimulus 'b' has no value in column 1 ('d1'); every dimension needs a"
        + " number", loadError(features(goodFeatures), reps(csv)));
    String parquet = dir.resolve("ragged.parquet").toString();
    List<Row> rows = new ArrayList<>();
    for (String id : List.of("a", "b", "c", "d", "e")) {
      rows.add(RowFactory.create(id, id.equals("d") ? List.of(1.0, 2.0, 3.0) : List.of(1.0, 2.0)));
    }
    spark.createDataFrame(rows, new StructType().add("id", DataTypes.StringType)
        .add("emb", DataTypes.createArrayType(DataTypes.DoubleType))).coalesce(1)
        .write().parquet(parquet);
    assertEquals(parquet + ": ragged representations: stimulus 'd' has 3 values but stimulus 'a'"
        + " has 2; every representation must have the same length",
        loadError(features(goodFeatures), reps(parquet)));
  }

  @Test
  void nonNumericCsvRows() throws IOException {
    String csv = write("text.csv", "id,d0,d1\na,1,2\nb,2,3\nc,three,1\nd,0,1\ne,1,1\n");
    assertEquals(csv + ": Column d0 must be of type numeric but was actually string. (stimulus"
        + " 'c' has 'three') Wide representations need a number in every column but the id"
        + " column 'id'.", loadError(features(goodFeatures), reps(csv)));
  }

  @Test
  void nanAndInfinityInRepresentations() throws IOException {
    Path npy = dir.resolve("nan.npy");
    NpyTestFiles.write(npy, new double[] {1, 2, 3, 4, 5, Double.NaN, 7, 8, 9, 10},
        new int[] {5, 2}, "<f4", false, 1);
    assertEquals(npy + ": stimulus 'c' has NaN in column 1; representations must be finite,"
        + " clean or drop it before fitting", loadError(features(goodFeatures), reps(
            npy.toString())));
    Path inf = dir.resolve("inf.npy");
    NpyTestFiles.write(inf, new double[] {1, 2, 3, 4, 5, 6, Double.POSITIVE_INFINITY, 8, 9, 10},
        new int[] {5, 2}, "<f8", false, 1);
    assertEquals(inf + ": stimulus 'd' has Infinity in column 0; representations must be finite,"
        + " clean or drop it before fitting", loadError(features(goodFeatures), reps(
            inf.toString())));
  }

  @Test
  void duplicateIds() throws IOException {
    String f = write("dup_features.csv", "id,kind\na,x\nb,y\na,x\nc,y\n");
    assertEquals(f + ": features id column 'id' has duplicate ids: a; every stimulus must appear"
        + " once", loadError(features(f), reps(goodReps)));
    String r = write("dup_reps.csv", "id,d0\na,1\nb,2\nc,3\nd,4\ne,5\ne,6\n");
    assertEquals(r + ": representations id column 'id' has duplicate ids: e; every stimulus must"
        + " appear once", loadError(features(goodFeatures), reps(r)));
    String ids = write("dup_ids.txt", "a\nb\nb\nc\nd\n");
    Path npy = dir.resolve("five.npy");
    NpyTestFiles.write(npy, new double[] {1, 2, 3, 4, 5}, new int[] {5, 1}, "<f4", false, 1);
    assertEquals(ids + ": the ids file has duplicate ids: b; every stimulus must appear once",
        loadError(features(goodFeatures), new RepresentationInput(npy.toString(),
            InputFormat.AUTO, "id", null, ids, null)));
  }

  @Test
  void idsOnOneSideOnly() throws IOException {
    String r = write("other_ids.csv", "id,d0\na,1\nb,2\nq,3\nd,4\n");
    assertEquals("the stimulus ids of the features (" + goodFeatures + ") and the"
        + " representations (" + r + ") differ: 2 of the 5 ids of the features are not in the"
        + " representations (c, e); 1 of the 4 ids of the representations is not in the"
        + " features (q); ids are joined, not matched by position: make both list the same"
        + " stimuli, or set ids-from to features, representations or both to analyse one side's"
        + " ids or their intersection (the rest is dropped and reported)",
        loadError(features(goodFeatures), reps(r)));
    Path npy = dir.resolve("four.npy");
    NpyTestFiles.write(npy, new double[] {1, 2, 3, 4}, new int[] {4, 1}, "<f4", false, 1);
    assertEquals(npy + ": the array has 4 rows but the features (" + goodFeatures + ") have 5"
        + " stimuli; without an ids file the rows are taken in the feature table's order, so the"
        + " counts must match; give an ids file (one id per line) to join by id",
        loadError(features(goodFeatures), reps(npy.toString())));
  }

  @Test
  void constantFeature() throws IOException {
    String f = write("constant.csv", "id,kind,flat\na,x,1\nb,y,1\nc,x,1\nd,y,1\ne,x,1\n");
    assertEquals("features file " + f + ": constant features (their distance is 0 for every"
        + " pair): flat; remove them from the feature selection",
        loadError(features(f), reps(goodReps)));
    FeatureInput selected = new FeatureInput(f, InputFormat.AUTO, "id", List.of("kind"),
        Map.of("kind", FeatureKind.CATEGORICAL), 0.5);
    assertEquals(List.of("kind"),
        InputLoader.load(spark, selected, reps(goodReps)).features().names());
  }

  @Test
  void singleStimulus() throws IOException {
    String f = write("single.csv", "id,kind\na,x\n");
    assertEquals(f + ": found 1 stimulus; a fit needs at least 4 (a train/test split of at"
        + " least 2 + 2)", loadError(features(f), reps(goodReps)));
  }

  @Test
  void emptyTable() throws IOException {
    String f = write("empty.csv", "id,kind,size\n");
    assertEquals(f + ": the feature table is empty (0 rows); it needs one row per stimulus",
        loadError(features(f), reps(goodReps)));
  }

  @Test
  void unknownIdColumnAndUnknownExtension() throws IOException {
    assertEquals(goodFeatures + ": id column 'stimulus' not found; available columns: id, kind,"
        + " size; name one of them (column names are case-sensitive)", loadError(
            new FeatureInput(goodFeatures, InputFormat.AUTO, "stimulus", List.of(), Map.of(), 0),
            reps(goodReps)));
    String txt = write("reps.txt", "1 2 3\n");
    assertEquals("cannot tell the format of the representations file " + txt + " from its name;"
        + " expected .parquet, .csv, .npy, .h5, .hdf5, .npz or .safetensors (or a directory of"
        + " Parquet or CSV files), or set the format explicitly", loadError(features(goodFeatures), reps(txt)));
  }

  @Test
  void badNpyFiles() throws IOException {
    String notNpy = write("fake.npy", "not numpy at all");
    assertEquals(notNpy + ": not a NumPy .npy file (the magic string \\x93NUMPY is missing); save"
        + " it with numpy.save", loadError(features(goodFeatures), reps(notNpy)));
    Path complex = dir.resolve("c16.npy");
    NpyTestFiles.write(complex, new double[] {1, 2, 3, 4, 5}, new int[] {5, 1}, "<i4", false, 1);
    byte[] bytes = Files.readAllBytes(complex);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
        .replace("'<i4'", "'<u4'");
    Files.write(complex, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    assertEquals(complex + ": .npy dtype '<u4' is not supported; expected <f4, <f8, <i4 or <i8"
        + " (convert with array.astype(numpy.float32))",
        loadError(features(goodFeatures), reps(complex.toString())));
    Path truncated = dir.resolve("truncated.npy");
    NpyTestFiles.write(truncated, new double[] {1, 2, 3, 4, 5}, new int[] {5, 1}, "<f8", false, 1);
    byte[] all = Files.readAllBytes(truncated);
    Files.write(truncated, java.util.Arrays.copyOf(all, all.length - 3));
    assertEquals(truncated + ": the .npy file ends before all values declared in its header were"
        + " read; the file is truncated",
        loadError(features(goodFeatures), reps(truncated.toString())));
  }

  @Test
  void integerNpyIsConverted() throws IOException {
    Path ints = dir.resolve("ints.npy");
    NpyTestFiles.write(ints, new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, -10}, new int[] {5, 2},
        "<i8", false, 1);
    float[] data = InputLoader.load(spark, features(goodFeatures), reps(ints.toString()))
        .representations().data();
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, -10}, data);
  }

  @Test
  void ambiguousHdf5Datasets() throws IOException {
    Path h5 = dir.resolve("two.h5");
    try (WritableHdfFile file = HdfFile.write(h5)) {
      file.putDataset("a", new float[5][2]);
      file.putDataset("b", new double[5][3]);
    }
    assertEquals(h5 + ": the HDF5 file has 2 2-D datasets (/a, /b); name the one to use",
        loadError(features(goodFeatures), reps(h5.toString())));
    assertEquals(h5 + ": HDF5 dataset '/c' not found; 2-D datasets in the file: /a, /b",
        loadError(features(goodFeatures), new RepresentationInput(h5.toString(),
            InputFormat.AUTO, "id", null, null, "/c")));
  }

  @Test
  void badRdm() throws IOException {
    String rdm = write("rdm.csv", "id,a,b,c,d,e\na,0,1,1,1,1\nb,1,0,1,1,1\nc,1,1,0,1,1\n"
        + "d,1,1,1,0,1\ne,1,1,1,2,0\n");
    assertEquals(rdm + ": RDM: entry (3, 4) between 'd' and 'e' is 1.0 but (j, i) is 2.0; the"
        + " matrix must be symmetric (within 1e-9 relative)", loadError(features(goodFeatures),
            new RepresentationInput(rdm, InputFormat.RDM, "id", null, null, null)));
    Path condensed = dir.resolve("rdm7.npy");
    NpyTestFiles.write(condensed, new double[7], new int[] {7}, "<f8", false, 1);
    assertEquals(condensed + ": a condensed RDM has n(n-1)/2 values for n stimuli, but 7 is not"
        + " such a number; save scipy.spatial.distance.squareform output",
        loadError(features(goodFeatures), new RepresentationInput(condensed.toString(),
            InputFormat.RDM, "id", null, null, null)));
  }
}
