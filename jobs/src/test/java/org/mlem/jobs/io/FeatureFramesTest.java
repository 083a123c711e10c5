package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.jobs.testing.SparkTestSession;

class FeatureFramesTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "FeatureFramesTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void convertsStringBooleanAndNumericColumnsInRowOrder() {
    FeatureTable table = FeatureFrames.toFeatureTable(
        IoFixtures.featureFrame(spark), "id", List.of(), "f.parquet");
    IoFixtures.assertSameFeatures(IoFixtures.featureTable(), table);
    assertEquals(FeatureKind.CATEGORICAL, table.inferredKind("category"));
    assertEquals(FeatureKind.ORDINAL, table.inferredKind("size"));
    assertEquals(FeatureKind.CATEGORICAL, table.inferredKind("loud"));
  }

  @Test
  void selectsFeatureColumnsInTheGivenOrder() {
    FeatureTable table = FeatureFrames.toFeatureTable(
        IoFixtures.featureFrame(spark), "id", List.of("loud", "size"), "f.parquet");
    assertEquals(List.of("loud", "size"), table.featureNames());
  }

  @Test
  void integerIdsAndNumericTypesAndNullsBecomeStringsAndNaN() {
    StructType schema = new StructType().add("key", DataTypes.IntegerType)
        .add("count", DataTypes.LongType).add("weight", DataTypes.createDecimalType(10, 2));
    List<Row> rows = List.of(RowFactory.create(7, 3L, new java.math.BigDecimal("1.25")),
        RowFactory.create(2, null, new java.math.BigDecimal("2.50")),
        RowFactory.create(9, 5L, null));
    FeatureTable table = FeatureFrames.toFeatureTable(
        spark.createDataFrame(rows, schema).coalesce(1), "key", List.of(), "t");
    assertEquals(List.of("7", "2", "9"), table.ids());
    FeatureTable expected = FeatureTable.builder(List.of("7", "2", "9"))
        .addNumbers("count", new double[] {3, Double.NaN, 5})
        .addNumbers("weight", new double[] {1.25, 2.5, Double.NaN}).build();
    IoFixtures.assertSameFeatures(expected, table);
  }

  @Test
  void vectorAndArrayColumnsBecomeVectorFeatures() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("v", SQLDataTypes.VectorType())
        .add("a", DataTypes.createArrayType(DataTypes.IntegerType));
    List<Row> rows = List.of(
        RowFactory.create("x", Vectors.dense(1, 2), List.of(1, 0)),
        RowFactory.create("y", null, List.of(0, 1)),
        RowFactory.create("z", Vectors.sparse(2, new int[] {1}, new double[] {4}), null));
    FeatureTable table = FeatureFrames.toFeatureTable(
        spark.createDataFrame(rows, schema).coalesce(1), "id", List.of(), "t");
    assertEquals(FeatureKind.VECTOR, table.inferredKind("v"));
    assertEquals(FeatureKind.VECTOR, table.inferredKind("a"));
    FeatureTable expected = FeatureTable.builder(List.of("x", "y", "z"))
        .addVectors("v", new double[][] {{1, 2}, null, {0, 4}})
        .addVectors("a", new double[][] {{1, 0}, {0, 1}, null}).build();
    IoFixtures.assertSameFeatures(expected, table);
    double[] delta = new double[2];
    FeatureSchema.inferred().encode(table).delta(0, 2, delta, 0);
    // v: components scaled to (1, 0) and (0, 1): sqrt(2) / sqrt(2); a: missing on z, distance 0
    assertArrayEquals(new double[] {1.0, 0.0}, delta);
  }

  @Test
  void rejectsUnsupportedColumnTypeInSparksWording() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("tags", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType));
    Dataset<Row> frame = spark.createDataFrame(
        List.of(RowFactory.create("a", Map.of("x", 1))), schema);
    InputException e = assertThrows(InputException.class,
        () -> FeatureFrames.toFeatureTable(frame, "id", List.of(), "/data/f.parquet"));
    assertEquals("/data/f.parquet: Column tags must be of type string, boolean, numeric,"
        + " array<numeric> or vector but was actually map<string,int>.", e.getMessage());
  }

  @Test
  void missingIdOrFeatureColumnListsTheAvailableColumns() {
    InputException noId = assertThrows(InputException.class, () -> FeatureFrames.toFeatureTable(
        IoFixtures.featureFrame(spark), "stimulus", List.of(), "f.csv"));
    assertEquals("f.csv: id column 'stimulus' not found; available columns: id, category, size,"
        + " loud; name one of them (column names are case-sensitive)", noId.getMessage());
    InputException noFeature = assertThrows(InputException.class,
        () -> FeatureFrames.toFeatureTable(
            IoFixtures.featureFrame(spark), "id", List.of("size", "Loud"), "f.csv"));
    assertEquals("f.csv: feature column 'Loud' not found; available columns: id, category, size,"
        + " loud; name one of them (column names are case-sensitive)", noFeature.getMessage());
  }

  @Test
  void rejectsDuplicateAndNullIdsWithExamples() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("x", DataTypes.DoubleType);
    List<Row> dup = new ArrayList<>();
    for (String id : List.of("a", "b", "a", "c", "b", "a")) {
      dup.add(RowFactory.create(id, 1.0));
    }
    InputException d = assertThrows(InputException.class, () -> FeatureFrames.toFeatureTable(
        spark.createDataFrame(dup, schema).coalesce(1), "id", List.of(), "f.csv"));
    assertEquals("f.csv: features id column 'id' has duplicate ids: a, b; every stimulus must"
        + " appear once", d.getMessage());
    List<Row> nulls = List.of(RowFactory.create("a", 1.0), RowFactory.create(null, 2.0));
    InputException n = assertThrows(InputException.class, () -> FeatureFrames.toFeatureTable(
        spark.createDataFrame(nulls, schema).coalesce(1), "id", List.of(), "f.csv"));
    assertEquals("f.csv: features id column 'id' has null or empty ids at rows (0-based) 1;"
        + " every row needs a stimulus id", n.getMessage());
  }

  @Test
  void rejectsAnEmptyTable() {
    InputException e = assertThrows(InputException.class, () -> FeatureFrames.toFeatureTable(
        IoFixtures.featureFrame(spark).limit(0), "id", List.of(), "f.parquet"));
    assertEquals("f.parquet: the feature table is empty (0 rows); it needs one row per stimulus",
        e.getMessage());
  }

  @Test
  void coreRejectionsNameTheSource() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("x", DataTypes.DoubleType);
    List<Row> rows = List.of(RowFactory.create("a", 1.0),
        RowFactory.create("b", Double.POSITIVE_INFINITY));
    InputException e = assertThrows(InputException.class, () -> FeatureFrames.toFeatureTable(
        spark.createDataFrame(rows, schema).coalesce(1), "id", List.of(), "f.csv"));
    assertEquals("f.csv: feature 'x': stimulus 'b' (row 1) has Infinity; values must be finite"
        + " (NaN = missing)", e.getMessage());
  }
}
