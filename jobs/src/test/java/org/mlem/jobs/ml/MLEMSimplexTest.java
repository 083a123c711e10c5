package org.mlem.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.distance.Representations;
import org.mlem.core.features.FeatureEncoder;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.features.FeatureTable;
import org.mlem.core.metric.MetricDistance;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * The MLlib estimator with {@code kinds = "colour=simplex"}: W over colour's two coordinates
 * and size, bit-identical to the in-process engine; the model names features for pairs and
 * coordinates for W; a pair's prediction is sqrt(delta^T W delta) with delta the core
 * encoder's coordinate differences; save/load keeps W (a simplex feature's rows) and the
 * predictions; an unknown kind fails in the setter.
 */
class MLEMSimplexTest {
  private static final int N = 45;
  private static final String[] LEVELS = {"A", "B", "C"};
  private static final double[] POSITION = {0.0, 0.15, 1.0};

  private static SparkSession spark;
  private static List<Row> rows;
  private static FeatureTable table;
  private static Representations reps;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "MLEMSimplexTest");
    rows = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    String[] colour = new String[N];
    double[] size = new double[N];
    float[] values = new float[N * 2];
    for (int i = 0; i < N; i++) {
      ids.add("s" + i);
      colour[i] = LEVELS[i % 3];
      size[i] = PositionalRandom.uniform(PositionalRandom.mix(8, 1, i));
      values[2 * i] = (float) (POSITION[i % 3]
          + 0.03 * PositionalRandom.gaussian(PositionalRandom.mix(8, 2, i)));
      values[2 * i + 1] = (float) (0.5 * size[i]);
      rows.add(RowFactory.create(ids.get(i), colour[i], size[i],
          new Float[] {values[2 * i], values[2 * i + 1]}));
    }
    table = FeatureTable.builder(ids).addStrings("colour", colour).addNumbers("size", size)
        .build();
    reps = Representations.of(ids, values, 2);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static Dataset<Row> frame() {
    StructType schema = new StructType().add("id", DataTypes.StringType)
        .add("colour", DataTypes.StringType).add("size", DataTypes.DoubleType)
        .add("representation", DataTypes.createArrayType(DataTypes.FloatType));
    return spark.createDataFrame(rows, schema);
  }

  @Test
  void aSimplexFeatureFitsTransformsAndPersists() throws Exception {
    MLEM estimator = new MLEM().setSeed(2).setMaxSteps(30).setBatchSize(150).setPermutations(2)
        .setPartitions(2).setKinds("colour=simplex");
    MLEMModel model = estimator.fit(frame());
    assertEquals(List.of("colour", "size"), model.featureNames());
    assertEquals(List.of("colour[1]", "colour[2]", "size"), model.weightNames());
    assertEquals(List.of(FeatureKind.SIMPLEX, FeatureKind.ORDINAL), model.featureKinds());

    FeatureEncoder encoder = FeatureSchema.inferred().withKind("colour", FeatureKind.SIMPLEX)
        .fit(table);
    MlemAnalysis expected = Mlem.with(estimator.toConfig()).analyze(encoder.encode(table),
        new RepresentationDistances(reps, NeuralDistance.EUCLIDEAN));
    double[][] w = expected.weights();
    assertEquals(3, w.length);
    for (int a = 0; a < w.length; a++) {
      assertArrayEquals(w[a], model.weights()[a], "row " + a + " of W");
    }
    List<String> units = new ArrayList<>();
    model.importances().collectAsList().forEach(r -> units.add(r.getString(0)));
    assertEquals(List.of("colour", "colour:size", "size"), units);

    Dataset<Row> pairs = MLEMModel.pairsOf(frame(), "id", model.featureNames());
    List<Row> predicted = model.transform(pairs).orderBy("id_1", "id_2").collectAsList();
    Row first = predicted.get(0);
    Object[] a = {first.getAs("colour_1"), first.getAs("size_1")};
    Object[] b = {first.getAs("colour_2"), first.getAs("size_2")};
    double[] delta = new double[3];
    encoder.delta(a, b, delta);
    assertEquals(MetricDistance.ofMatrix(w).distance(delta),
        first.getDouble(first.fieldIndex("prediction")), 1e-12);

    String path = dir.resolve("model").toString();
    model.save(path);
    MLEMModel loaded = MLEMModel.load(path);
    assertEquals(model.weightNames(), loaded.weightNames());
    for (int r = 0; r < w.length; r++) {
      assertArrayEquals(model.weights()[r], loaded.weights()[r], "saved row " + r);
    }
    assertEquals(predicted, loaded.transform(pairs).orderBy("id_1", "id_2").collectAsList());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new MLEM().setKinds("colour=blob"));
    assertTrue(e.getMessage().contains("kinds"), e.getMessage());
  }
}
