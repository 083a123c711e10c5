package org.mlem.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlem.core.features.FeatureKind;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.jobs.testing.FrozenFiles;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * A model saved by {@link MLEMModel#save} on 2026-12-02 ({@code resources/frozen/mllib-model},
 * made by {@link FrozenModelGenerator}) still loads and predicts what its saved weights and
 * encodings say. The expected predictions come from {@code src/test/python/frozen_model_expected.py}
 * (numpy, from the saved table as {@code mllib-model-saved.txt} shows it), not from MLEM's code.
 */
class FrozenModelTest {
  private static SparkSession spark;
  private static MLEMModel model;

  /** frozen_model_expected.py's output for {@link #PAIRS}, in order. */
  private static final double[] EXPECTED = {
      0.0, 0.6784628283707947, 1.167816576815536, 1.0153542126593942, 0.7693864243895834};

  /** The same pairs as frozen_model_expected.py's PAIRS (null = missing). */
  private static final List<Row> PAIRS = List.of(
      pair(0, "A", "A", "B", "B", "A", "A", 1.0, 1.0, new Double[] {0.0, 0.0},
          new Double[] {0.0, 0.0}),
      pair(1, "A", "B", "A", "A", "B", "B", -1.0, 4.0, new Double[] {0.0, -4.0},
          new Double[] {2.0, 4.0}),
      pair(2, "B", "B", "C", "C", "A", "B", 10.0, -5.0, new Double[] {1.0, 0.0},
          new Double[] {1.0, 0.0}),
      pair(3, "A", "A", "A", "B", "A", "B", null, 2.0, new Double[] {0.5, 1.0},
          new Double[] {1.5, -1.0}),
      pair(4, "B", "A", "B", "B", "B", "A", 0.5, 2.0, null, new Double[] {1.0, 1.0}));

  @BeforeAll
  static void load() {
    spark = SparkTestSession.local(1, "FrozenModelTest");
    model = MLEMModel.load(FrozenFiles.resource("mllib-model").toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Row pair(int n, Object... values) {
    Object[] row = new Object[values.length + 1];
    row[0] = n;
    System.arraycopy(values, 0, row, 1, values.length);
    return RowFactory.create(row);
  }

  private static StructType schema() {
    StructType schema = new StructType().add("n", DataTypes.IntegerType);
    for (String f : List.of("f0", "f1", "f2")) {
      schema = schema.add(f + "_1", DataTypes.StringType).add(f + "_2", DataTypes.StringType);
    }
    schema = schema.add("size_1", DataTypes.DoubleType).add("size_2", DataTypes.DoubleType);
    return schema.add("pos_1", DataTypes.createArrayType(DataTypes.DoubleType))
        .add("pos_2", DataTypes.createArrayType(DataTypes.DoubleType));
  }

  @Test
  void theFrozenModelLoadsWithItsFeaturesAndWeights() throws IOException {
    assertEquals(List.of("f0", "f1", "f2", "size", "pos"), model.featureNames());
    assertEquals(List.of(FeatureKind.CATEGORICAL, FeatureKind.CATEGORICAL,
        FeatureKind.CATEGORICAL, FeatureKind.ORDINAL, FeatureKind.VECTOR), model.featureKinds());
    List<String> saved = new ArrayList<>();
    for (String line : Files.readAllLines(FrozenFiles.resource("mllib-model-saved.txt"))) {
      if (!line.startsWith("#")) {
        saved.add(line);
      }
    }
    double[][] w = model.weights();
    for (int a = 0; a < w.length; a++) {
      String[] row = saved.get(a).split("\\|")[7].split(",");
      for (int b = 0; b < w.length; b++) {
        assertEquals(Double.parseDouble(row[b]), w[a][b], "W[" + a + "][" + b + "]");
      }
    }
    assertEquals(20, model.getMaxSteps());
    assertEquals(5L, model.getSeed());
  }

  /**
   * The frozen model's provenance (layout version 1, flat: mlem_version, spark_master, stimuli,
   * features) reads back migrated; the values are the saved JSON's, copied by hand.
   */
  @Test
  void theFrozenModelsProvenanceReadsBackMigrated() {
    ProvenanceRecord p = model.provenance();
    assertEquals(1, p.formatVersion());
    assertEquals("mllib", p.command());
    assertEquals("dev", p.versions().get("mlem"));
    assertEquals("4.1.0", p.versions().get("spark"));
    assertEquals("17.0.15", p.versions().get("java"));
    assertEquals("Linux amd64", p.os());
    assertEquals(5L, p.seed());
    assertEquals(Instant.parse("2026-12-02T00:57:03.184139221Z"), p.started());
    assertEquals(Instant.parse("2026-12-02T00:57:03.827167690Z"), p.finished());
    assertEquals("local[2]", p.config().get("master"));
    assertEquals("20", p.config().get("max-steps"));
    assertEquals("absolute:1.0", p.config().get("strength"));
    assertEquals(0.101339137, p.timings().get("importance"));
    assertEquals(List.of(), p.warnings());
    assertEquals(List.of(), p.inputs());
    assertEquals(60, p.detail("counts").path("stimuli").asInt());
    assertEquals(5, p.detail("counts").path("features").asInt());
    assertEquals("pos", p.detail("feature_names").get(4).asText());
    assertEquals(120, p.detail("batch_size").asInt());
    assertFalse(p.detail("batch_size_estimated").asBoolean(true));
    assertTrue(p.detail("stimuli").isMissingNode(), "moved into counts");
    assertEquals(p.current(), ProvenanceJson.read("rewritten", ProvenanceJson.write(p), "fit"),
        "the migrated record survives a write and read in today's layout");
  }

  @Test
  void theFrozenModelPredictsWhatItsSavedWeightsSay() {
    List<Row> out = model.transform(spark.createDataFrame(PAIRS, schema())).orderBy("n")
        .collectAsList();
    assertEquals(EXPECTED.length, out.size());
    for (int i = 0; i < EXPECTED.length; i++) {
      assertEquals(EXPECTED[i], out.get(i).<Double>getAs("prediction"), 1e-12, "pair " + i);
    }
  }
}
