package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
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
import org.mlem.core.distance.Representations;
import org.mlem.jobs.testing.SparkTestSession;

class RepresentationFramesTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "RepresentationFramesTest");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> frame(StructType schema, List<Row> rows) {
    return spark.createDataFrame(rows, schema).coalesce(1);
  }

  private static StructType doubleArrays() {
    return new StructType().add("id", DataTypes.StringType)
        .add("emb", DataTypes.createArrayType(DataTypes.DoubleType));
  }

  @Test
  void arrayOfFloatDetectedOrNamedGivesIdenticalFloats() {
    Representations expected = IoFixtures.representations();
    IoFixtures.assertSameRepresentations(expected, RepresentationFrames.toRepresentations(
        IoFixtures.arrayFrame(spark), "id", null, "r.parquet"));
    IoFixtures.assertSameRepresentations(expected, RepresentationFrames.toRepresentations(
        IoFixtures.arrayFrame(spark), "id", "emb", "r.parquet"));
  }

  @Test
  void wideNumericColumnsInColumnOrder() {
    IoFixtures.assertSameRepresentations(IoFixtures.representations(),
        RepresentationFrames.toRepresentations(IoFixtures.wideFrame(spark), "id", null, "r.csv"));
  }

  @Test
  void mlVectorColumn() {
    StructType schema = new StructType().add("k", DataTypes.LongType)
        .add("v", SQLDataTypes.VectorType());
    Representations r = RepresentationFrames.toRepresentations(frame(schema, List.of(
        RowFactory.create(10L, Vectors.dense(0.5, 1.0)),
        RowFactory.create(3L, Vectors.sparse(2, new int[] {0}, new double[] {2.0})))),
        "k", null, "r");
    IoFixtures.assertSameRepresentations(
        Representations.of(List.of("10", "3"), new float[] {0.5f, 1f, 2f, 0f}, 2), r);
  }

  @Test
  void raggedRowsNameTheStimulus() {
    InputException e = assertThrows(InputException.class,
        () -> RepresentationFrames.toRepresentations(frame(doubleArrays(), List.of(
            RowFactory.create("a", List.of(1.0, 2.0)), RowFactory.create("b", List.of(1.0)))),
            "id", null, "r.parquet"));
    assertEquals("r.parquet: ragged representations: stimulus 'b' has 1 values but stimulus 'a'"
        + " has 2; every representation must have the same length", e.getMessage());
  }

  @Test
  void nullVectorNamesTheStimulus() {
    InputException e = assertThrows(InputException.class,
        () -> RepresentationFrames.toRepresentations(frame(doubleArrays(), List.of(
            RowFactory.create("a", List.of(1.0)), RowFactory.create("b", null))),
            "id", "emb", "r.parquet"));
    assertEquals("r.parquet: stimulus 'b' has a null representation in column 'emb'; every"
        + " stimulus needs one", e.getMessage());
  }

  @Test
  void nanAndInfinityNameTheIdAndColumnIndex() {
    InputException nan = assertThrows(InputException.class,
        () -> RepresentationFrames.toRepresentations(frame(doubleArrays(), List.of(
            RowFactory.create("a", List.of(1.0, 2.0)),
            RowFactory.create("b", List.of(1.0, Double.NaN)))), "id", null, "r.parquet"));
    assertEquals("r.parquet: stimulus 'b' has NaN in column 1 of vector column 'emb';"
        + " representations must be finite, clean or drop it before fitting", nan.getMessage());
    Dataset<Row> wide = IoFixtures.wideFrame(spark).withColumn("d2",
        org.apache.spark.sql.functions.when(org.apache.spark.sql.functions.col("id")
            .equalTo("s5"), Double.NEGATIVE_INFINITY)
            .otherwise(org.apache.spark.sql.functions.col("d2")));
    InputException inf = assertThrows(InputException.class,
        () -> RepresentationFrames.toRepresentations(wide, "id", null, "r.csv"));
    assertEquals("r.csv: stimulus 's5' has -Infinity in column 2 ('d2'); representations must"
        + " be finite, clean or drop it before fitting", inf.getMessage());
  }

  @Test
  void doubleBeyondFloatRangeIsRejected() {
    InputException e = assertThrows(InputException.class,
        () -> RepresentationFrames.toRepresentations(frame(doubleArrays(), List.of(
            RowFactory.create("a", List.of(1e39)))), "id", null, "r"));
    assertEquals("r: stimulus 'a' has 1.0E39 in column 0 of vector column 'emb', beyond the"
        + " float32 range; rescale the representations", e.getMessage());
  }

  @Test
  void nonNumericWideColumnNamesTheFirstBadValue() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("d0", DataTypes.DoubleType).add("d1", DataTypes.StringType);
    InputException e = assertThrows(InputException.class,
        () -> RepresentationFrames.toRepresentations(frame(schema, List.of(
            RowFactory.create("a", 1.0, "2.5"), RowFactory.create("b", 1.0, "n/a"))),
            "id", null, "r.csv"));
    assertEquals("r.csv: Column d1 must be of type numeric but was actually string."
        + " (stimulus 'b' has 'n/a') Wide representations need a number in every column but"
        + " the id column 'id'.", e.getMessage());
  }

  @Test
  void namedColumnOfWrongTypeAndUnknownColumn() {
    InputException wrong = assertThrows(InputException.class,
        () -> RepresentationFrames.toRepresentations(IoFixtures.wideFrame(spark), "id", "d0",
            "r"));
    assertEquals("r: Column d0 must be of type array<float>, array<double> or vector but was"
        + " actually double.", wrong.getMessage());
    InputException unknown = assertThrows(InputException.class,
        () -> RepresentationFrames.toRepresentations(IoFixtures.arrayFrame(spark), "id",
            "vec", "r"));
    assertEquals("r: vector column 'vec' not found; available columns: id, emb; name one of them"
        + " (column names are case-sensitive)", unknown.getMessage());
  }

  @Test
  void duplicateIdsAndEmptyFrame() {
    List<Row> rows = new ArrayList<>();
    for (String id : List.of("a", "b", "b")) {
      rows.add(RowFactory.create(id, List.of(1.0)));
    }
    InputException dup = assertThrows(InputException.class,
        () -> RepresentationFrames.toRepresentations(frame(doubleArrays(), rows), "id", null,
            "r"));
    assertEquals("r: representations id column 'id' has duplicate ids: b; every stimulus must"
        + " appear once", dup.getMessage());
    InputException empty = assertThrows(InputException.class,
        () -> RepresentationFrames.toRepresentations(IoFixtures.arrayFrame(spark).limit(0),
            "id", null, "r"));
    assertEquals("r: the representation table is empty (0 rows); it needs one row per stimulus",
        empty.getMessage());
  }
}
