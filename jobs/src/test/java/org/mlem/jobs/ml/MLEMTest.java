package org.mlem.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureKind;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.importance.UnitSummary;
import org.mlem.core.metric.Parametrization;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * The estimator fits exactly what core computes in-process, the model predicts
 * sqrt(delta^T W delta) for pairs, and params and schemas are validated with Spark's wording.
 */
class MLEMTest {
  /** Relative tolerance of a quadratic form summed in another order (phi terms vs W entries). */
  private static final double SUMMATION_ORDER = 1e-12;

  private static SparkSession spark;
  private static MlTestData data;
  private static MLEM estimator;
  private static MLEMModel model;

  @BeforeAll
  static void fit() {
    spark = SparkTestSession.local(2, "MLEMTest");
    data = MlTestData.generate(3);
    estimator = MlTestData.quickEstimator(11);
    model = estimator.fit(data.frame(spark));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void fitEqualsTheInProcessEngineBitForBit() {
    EncodedFeatures encoded = FeatureSchema.inferred().encode(data.table);
    MlemAnalysis expected = Mlem.with(estimator.toConfig()).analyze(encoded,
        new RepresentationDistances(data.representations, NeuralDistance.EUCLIDEAN));

    assertEquals(MlTestData.FEATURES, model.featureNames());
    assertEquals(List.of(FeatureKind.CATEGORICAL, FeatureKind.CATEGORICAL,
        FeatureKind.CATEGORICAL, FeatureKind.ORDINAL, FeatureKind.VECTOR), model.featureKinds());
    double[][] w = expected.weights();
    for (int a = 0; a < w.length; a++) {
      assertArrayEquals(w[a], model.weights()[a], "row " + a + " of W");
    }
    List<UnitSummary> summary = expected.importanceSummary();
    List<Row> importances = model.importances().collectAsList();
    assertEquals(summary.size(), importances.size());
    assertEquals(5 + 10, summary.size(),
        "stimulus-level (default): 5 main effects and 10 interactions, no totals");
    for (int k = 0; k < summary.size(); k++) {
      Row row = importances.get(k);
      assertEquals(summary.get(k).unit(), row.getString(0));
      assertEquals(summary.get(k).mean(), row.getDouble(1), "mean of " + row.getString(0));
      assertEquals(summary.get(k).ciHigh(), row.getDouble(4), "ci_high of " + row.getString(0));
    }
    assertEquals(expected.spearman(), model.spearman());
    Row scores = model.scores().first();
    assertEquals(0, scores.getInt(0));
    assertEquals(expected.folds().get(0).scores().tauA(), scores.getDouble(3));
    assertEquals(120, model.fittedBatchSize());
    assertEquals(11L, model.provenance().seed());
    assertEquals("mllib", model.provenance().command());
    List<String> names = new java.util.ArrayList<>();
    model.provenance().detail("feature_names").forEach(n -> names.add(n.asText()));
    assertEquals(MlTestData.FEATURES, names);
    assertEquals(estimator.uid(), model.uid());
    assertEquals(estimator, model.parent());
  }

  @Test
  void transformPredictsTheFittedDistanceOfEveryPair() {
    EncodedFeatures encoded = FeatureSchema.inferred().encode(data.table);
    Dataset<Row> pairs = MLEMModel.pairsOf(data.frame(spark), "id", model.featureNames());
    List<Row> predicted = model.transform(pairs).orderBy("id_1", "id_2").collectAsList();
    int n = MlTestData.STIMULI;
    assertEquals(n * (n - 1) / 2, predicted.size());
    double[][] w = model.weights();
    List<String> ids = encoded.ids();
    int checked = 0;
    for (Row row : predicted.subList(0, 200)) {
      int i = ids.indexOf(row.<String>getAs("id_1"));
      int j = ids.indexOf(row.<String>getAs("id_2"));
      double[] delta = new double[w.length];
      encoded.delta(i, j, delta, 0);
      double quadratic = 0;
      for (int a = 0; a < w.length; a++) {
        for (int b = 0; b < w.length; b++) {
          quadratic += delta[a] * w[a][b] * delta[b];
        }
      }
      double expected = Math.sqrt(Math.max(quadratic, 0));
      double actual = row.getAs("prediction");
      assertEquals(expected, actual, SUMMATION_ORDER * Math.max(1, expected),
          "pair " + ids.get(i) + ", " + ids.get(j));
      checked++;
    }
    assertEquals(200, checked);
  }

  @Test
  void transformEncodesNewValuesWithTheFittedRanges() {
    // size was fitted on [-1, 4]; pos component 0 on [0, 2], component 1 on [-4, 4].
    StructType schema = new StructType()
        .add("f0_1", DataTypes.StringType).add("f0_2", DataTypes.StringType)
        .add("f1_1", DataTypes.StringType).add("f1_2", DataTypes.StringType)
        .add("f2_1", DataTypes.StringType).add("f2_2", DataTypes.StringType)
        .add("size_1", DataTypes.DoubleType).add("size_2", DataTypes.DoubleType)
        .add("pos_1", DataTypes.createArrayType(DataTypes.DoubleType))
        .add("pos_2", DataTypes.createArrayType(DataTypes.DoubleType));
    List<Row> rows = List.of(
        // unseen category "Z" (1), size clamped: -100 -> 0 and 100 -> 1 (1), pos equal (0)
        RowFactory.create("A", "Z", "A", "A", "B", "B", -100.0, 100.0,
            new Double[] {1.0, 0.0}, new Double[] {1.0, 0.0}),
        // missing size and pos (missing distance 0); f1 differs (1); pos (0,-4) vs (2,4) -> 1
        RowFactory.create("A", "A", "A", "B", "B", "B", null, 2.0, null,
            new Double[] {1.0, 0.0}),
        RowFactory.create("A", "A", "A", "A", "A", "A", 1.5, 1.5,
            new Double[] {0.0, -4.0}, new Double[] {2.0, 4.0}));
    List<Row> out = model.transform(spark.createDataFrame(rows, schema)).collectAsList();
    double[][] w = model.weights();
    double[][] deltas = {{1, 0, 0, 1, 0}, {0, 1, 0, 0, 0}, {0, 0, 0, 0, 1}};
    for (int r = 0; r < deltas.length; r++) {
      double quadratic = 0;
      for (int a = 0; a < 5; a++) {
        for (int b = 0; b < 5; b++) {
          quadratic += deltas[r][a] * w[a][b] * deltas[r][b];
        }
      }
      assertEquals(Math.sqrt(Math.max(quadratic, 0)), out.get(r).getDouble(10),
          SUMMATION_ORDER, "row " + r);
    }
  }

  @Test
  void paramsAreRegisteredWithDefaultsAndShared() {
    List<String> names = new ArrayList<>();
    for (Param<?> p : new MLEM().params()) {
      names.add(p.name());
    }
    assertEquals(List.of("batchSize", "distance", "featureCols", "folds", "idCol",
        "importance", "interactions", "kinds", "lr", "maxSteps", "model", "parametrization",
        "partitions", "patience", "permutations", "predictionCol", "representationCol", "scoring",
        "seed", "stopping", "strength", "testFraction"), names);
    MLEM fresh = new MLEM();
    assertEquals("id", fresh.getIdCol());
    assertEquals(0, fresh.getFeatureCols().length);
    assertEquals("representation", fresh.getRepresentationCol());
    assertEquals("mlem", fresh.getModel());
    assertTrue(fresh.getInteractions());
    assertEquals("euclidean", fresh.getDistance());
    assertEquals("absolute:1.0", fresh.getStrength());
    assertEquals("projected", fresh.getParametrization());
    assertEquals("spearman", fresh.getScoring());
    assertEquals("validation", fresh.getStopping());
    assertEquals(Parametrization.CHOLESKY,
        new MLEM().setParametrization("cholesky")
            .toConfig().training().parametrization());
    assertEquals(0L, fresh.getSeed());
    assertEquals(0.2, fresh.getTestFraction());
    assertEquals(0, fresh.getFolds());
    assertEquals(10, fresh.getPermutations());
    assertEquals("stimulus", fresh.getImportance());
    assertEquals("term", new MLEM().setImportance("term").getImportance());
    assertEquals(org.mlem.core.importance.ImportanceKind.TERM,
        new MLEM().setImportance("term").toConfig().importance());
    assertThrows(IllegalArgumentException.class, () -> new MLEM().setImportance("pairs"));
    assertEquals(0, fresh.getBatchSize());
    assertEquals(1000, fresh.getMaxSteps());
    assertEquals(50, fresh.getPatience());
    assertEquals(0.1, fresh.getLr());
    assertEquals(0, fresh.getPartitions());
    assertEquals("", fresh.getKinds(), "kinds: every kind inferred");
    assertEquals("prediction", fresh.getPredictionCol());
    assertEquals(fresh.uid(), fresh.model().parent());
    // the model carries the estimator's param values, and its own param objects
    assertEquals(11L, model.getSeed());
    assertEquals(20, model.getMaxSteps());
    assertEquals(model.uid(), model.seed().parent());
    assertTrue(model.isSet(model.seed()));
    assertTrue(!model.isSet(model.lr()));
  }

  @Test
  void invalidParamValuesFailInTheSetter() {
    MLEM mlem = new MLEM();
    IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
        () -> mlem.setModel("foo"));
    assertEquals(mlem.uid() + " parameter model given invalid value foo.", model.getMessage());
    IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
        () -> mlem.setTestFraction(2));
    assertEquals(mlem.uid() + " parameter testFraction given invalid value 2.0.",
        fraction.getMessage());
    assertThrows(IllegalArgumentException.class, () -> mlem.setFolds(1));
    assertThrows(IllegalArgumentException.class, () -> mlem.setBatchSize(1));
    assertThrows(IllegalArgumentException.class, () -> mlem.setLr(0));
    assertThrows(IllegalArgumentException.class, () -> mlem.setStrength("loud:2"));
    assertThrows(IllegalArgumentException.class, () -> mlem.setDistance("chebyshev"));
    assertThrows(IllegalArgumentException.class, () -> mlem.setPermutations(-1));
    assertThrows(IllegalArgumentException.class, () -> mlem.setIdCol(" "));
    mlem.setFolds(0).setFolds(5).setBatchSize(0).setStrength("relative:0.5")
        .setDistance("cosine");
    assertEquals(5, mlem.getFolds());
    assertFalse(new MLEM().setModel("frrsa").toConfig().training().interactions(),
        "frrsa without interactions given is diagonal, as on the command line");
    IllegalArgumentException inconsistent = assertThrows(IllegalArgumentException.class,
        () -> new MLEM().setModel("frrsa").setInteractions(true).toConfig());
    assertTrue(inconsistent.getMessage().contains("model frrsa has no interaction terms"),
        inconsistent.getMessage());
  }

  @Test
  void schemaErrorsUseSparksWording() {
    Dataset<Row> frame = data.frame(spark);
    IllegalArgumentException representation = assertThrows(IllegalArgumentException.class,
        () -> new MLEM().fit(frame.withColumn("representation", functions.lit("x"))));
    assertEquals("Column representation must be of type array<float>, array<double> or vector"
        + " but was actually string.", representation.getMessage());
    IllegalArgumentException feature = assertThrows(IllegalArgumentException.class,
        () -> new MLEM().fit(frame.withColumn("when", functions.current_date())));
    assertEquals("Column when must be of type string, boolean, numeric, array<numeric> or"
        + " vector but was actually date.", feature.getMessage());
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> new MLEM().setIdCol("stimulus").fit(frame));
    assertEquals("MLEM: idCol 'stimulus' does not exist; available columns: id, f0, f1, f2,"
        + " size, pos, representation (column names are case-sensitive)", missing.getMessage());
    Dataset<Row> pairs = MLEMModel.pairsOf(frame, "id", model.featureNames())
        .withColumn("size_2", functions.lit("big"));
    IllegalArgumentException pairType = assertThrows(IllegalArgumentException.class,
        () -> model.transform(pairs));
    assertEquals("Column size_2 must be of type numeric but was actually string.",
        pairType.getMessage());
    IllegalArgumentException exists = assertThrows(IllegalArgumentException.class,
        () -> model.transform(pairs.drop("size_2").withColumn("size_2", functions.lit(1.0))
            .withColumn("prediction", functions.lit(0.0))));
    assertEquals("Output column prediction already exists.", exists.getMessage());
    assertTrue(Arrays.asList(model.transformSchema(MLEMModel.pairsOf(frame, "id",
        model.featureNames()).schema()).fieldNames()).contains("prediction"));
  }
}
