package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;

/**
 * The small dataset every io test writes in every format: 12 stimuli, 3 features of different
 * kinds (a string category with one missing value, a number, a boolean) and 5-dimensional
 * representations whose values are multiples of 1/4 (exact in float, double and decimal text, so
 * every format must give bit-identical float32 values).
 */
final class IoFixtures {
  static final int N = 12;
  static final int DIMS = 5;
  static final int MISSING_ROW = 3;

  private IoFixtures() {}

  /** Ids in table order: deliberately not sorted, so joins by order would show. */
  static List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      ids.add("s" + ((i * 5) % N));
    }
    return ids;
  }

  static String category(int i) {
    return i == MISSING_ROW ? null : new String[] {"animal", "tool", "place"}[i % 3];
  }

  static double size(int i) {
    return (i * 7 % 10) * 0.5;
  }

  static boolean loud(int i) {
    return i % 4 == 1 || i % 4 == 2;
  }

  static float value(int i, int c) {
    return ((i * 7 + c * 3) % 11 - 5) / 4.0f;
  }

  /** The expected core table, built without Spark. */
  static FeatureTable featureTable() {
    String[] category = new String[N];
    double[] size = new double[N];
    Boolean[] loud = new Boolean[N];
    for (int i = 0; i < N; i++) {
      category[i] = category(i);
      size[i] = size(i);
      loud[i] = loud(i);
    }
    return FeatureTable.builder(ids()).addStrings("category", category)
        .addNumbers("size", size).addBooleans("loud", loud).build();
  }

  /** The expected core representations, built without Spark. */
  static Representations representations() {
    float[] data = new float[N * DIMS];
    for (int i = 0; i < N; i++) {
      for (int c = 0; c < DIMS; c++) {
        data[i * DIMS + c] = value(i, c);
      }
    }
    return Representations.of(ids(), data, DIMS);
  }

  static StructType featureSchema() {
    return new StructType().add("id", DataTypes.StringType)
        .add("category", DataTypes.StringType).add("size", DataTypes.DoubleType)
        .add("loud", DataTypes.BooleanType);
  }

  static Dataset<Row> featureFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      rows.add(RowFactory.create(ids().get(i), category(i), size(i), loud(i)));
    }
    return spark.createDataFrame(rows, featureSchema()).coalesce(1);
  }

  /** Representations as id + array&lt;float&gt;. */
  static Dataset<Row> arrayFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      List<Float> v = new ArrayList<>();
      for (int c = 0; c < DIMS; c++) {
        v.add(value(i, c));
      }
      rows.add(RowFactory.create(ids().get(i), v));
    }
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("emb", DataTypes.createArrayType(DataTypes.FloatType, false));
    return spark.createDataFrame(rows, schema).coalesce(1);
  }

  /** Representations as id + d0..d4 double columns. */
  static Dataset<Row> wideFrame(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    StructType schema = new StructType().add("id", DataTypes.StringType);
    for (int c = 0; c < DIMS; c++) {
      schema = schema.add("d" + c, DataTypes.DoubleType);
    }
    for (int i = 0; i < N; i++) {
      Object[] values = new Object[DIMS + 1];
      values[0] = ids().get(i);
      for (int c = 0; c < DIMS; c++) {
        values[c + 1] = (double) value(i, c);
      }
      rows.add(RowFactory.create(values));
    }
    return spark.createDataFrame(rows, schema).coalesce(1);
  }

  /** Same ids, order, kinds and bit-identical encoded distances for every pair. */
  static void assertSameFeatures(FeatureTable expected, FeatureTable actual) {
    assertEquals(expected.ids(), actual.ids());
    assertEquals(expected.featureNames(), actual.featureNames());
    for (String name : expected.featureNames()) {
      assertEquals(expected.inferredKind(name), actual.inferredKind(name), name);
    }
    assertSameEncoding(FeatureSchema.inferred().encode(expected),
        FeatureSchema.inferred().encode(actual));
  }

  static void assertSameEncoding(EncodedFeatures expected, EncodedFeatures actual) {
    assertEquals(expected.ids(), actual.ids());
    assertEquals(expected.names(), actual.names());
    int f = expected.featureCount();
    double[] a = new double[f];
    double[] b = new double[f];
    for (int i = 0; i < expected.size(); i++) {
      for (int j = 0; j < expected.size(); j++) {
        expected.delta(i, j, a, 0);
        actual.delta(i, j, b, 0);
        assertArrayEquals(a, b, "pair " + i + ", " + j);
      }
    }
  }

  /** Same ids in the same order and bit-identical float values. */
  static void assertSameRepresentations(Representations expected, Representations actual) {
    assertEquals(expected.ids(), actual.ids());
    assertEquals(expected.dims(), actual.dims());
    assertArrayEquals(expected.data(), actual.data());
  }
}
