package org.mlem.jobs.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * Save / save-again-fails / overwrite / load / compare for the estimator and the model (as
 * Spark's DefaultReadWriteTest does), and a Pipeline holding the estimator that fits, saves,
 * loads and transforms identically.
 */
class MLEMPersistenceTest {
  private static SparkSession spark;
  private static MlTestData data;
  private static MLEMModel model;

  @TempDir
  Path dir;

  @BeforeAll
  static void fit() {
    spark = SparkTestSession.local(2, "MLEMPersistenceTest");
    data = MlTestData.generate(4);
    model = MlTestData.quickEstimator(5).setPredictionCol("d").fit(data.frame(spark));
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void estimatorRoundTripsEveryParam() throws IOException {
    MLEM estimator = new MLEM().setModel("frrsa").setInteractions(false).setSeed(-7)
        .setFeatureCols(List.of("f0", "size")).setTestFraction(0.3).setLr(0.05)
        .setStrength("relative:0.5").setDistance("cosine");
    MLEM loaded = saveTwiceOverwriteAndLoad(estimator, MLEM::load);
    assertSameParams(estimator, loaded);
    assertEquals(List.of("f0", "size"), List.of(loaded.getFeatureCols()));
    assertEquals(-7L, loaded.getSeed());
    assertTrue(!loaded.isSet(loaded.patience()), "defaults stay defaults");
    assertEquals(50, loaded.getPatience());
  }

  @Test
  void modelRoundTripsParamsAndData() throws IOException {
    MLEMModel loaded = saveTwiceOverwriteAndLoad(model, MLEMModel::load);
    assertSameParams(model, loaded);
    assertEquals("d", loaded.getPredictionCol());
    double[][] w = model.weights();
    for (int a = 0; a < w.length; a++) {
      assertArrayEquals(w[a], loaded.weights()[a], "row " + a + " of W");
    }
    assertEquals(model.featureNames(), loaded.featureNames());
    assertEquals(model.featureKinds(), loaded.featureKinds());
    assertEquals(model.importances().collectAsList(), loaded.importances().collectAsList());
    assertEquals(model.scores().collectAsList(), loaded.scores().collectAsList());
    assertEquals(model.spearman(), loaded.spearman());
    assertEquals(model.fittedBatchSize(), loaded.fittedBatchSize());
    assertEquals(model.provenance(), loaded.provenance());
    for (int f = 0; f < model.data().features().size(); f++) {
      org.mlem.core.features.FittedFeature e = model.data().features().get(f);
      org.mlem.core.features.FittedFeature a = loaded.data().features().get(f);
      assertEquals(e.categories(), a.categories(), e.name());
      assertArrayEquals(e.min(), a.min(), e.name());
      assertArrayEquals(e.max(), a.max(), e.name());
      assertEquals(e.valueType(), a.valueType(), e.name());
    }
    Dataset<Row> pairs = MLEMModel.pairsOf(data.frame(spark), "id", model.featureNames());
    assertEquals(model.transform(pairs).orderBy("id_1", "id_2").collectAsList(),
        loaded.transform(pairs).orderBy("id_1", "id_2").collectAsList());
  }

  @Test
  void metadataIsOneJsonLineInSparksLayout() throws IOException {
    String path = dir.resolve("model").toString();
    model.save(path);
    Path metadata = Path.of(path, "metadata");
    List<Path> parts;
    try (var files = Files.list(metadata)) {
      parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).toList();
    }
    assertEquals(1, parts.size());
    JsonNode json = new ObjectMapper().readTree(Files.readString(parts.get(0)));
    assertEquals(MLEMModel.class.getName(), json.get("class").asText());
    assertEquals(model.uid(), json.get("uid").asText());
    assertEquals(spark.version(), json.get("sparkVersion").asText());
    assertTrue(json.get("timestamp").isNumber());
    assertTrue(json.has("mlemVersion"));
    assertEquals(5, json.get("paramMap").get("seed").asLong());
    assertEquals("\"d\"", json.get("paramMap").get("predictionCol").toString());
    assertEquals(22, json.get("defaultParamMap").size(), "every param has a default");
    assertEquals("projected", json.get("defaultParamMap").get("parametrization").asText());
    assertEquals("validation", json.get("defaultParamMap").get("stopping").asText());
    assertEquals("stimulus", json.get("defaultParamMap").get("importance").asText());
    for (String table : List.of("features", "importances", "scores", "fit")) {
      assertTrue(Files.isDirectory(Path.of(path, "data", table)), table);
    }
  }

  @Test
  void loadingTheWrongClassNamesBoth() throws IOException {
    String path = dir.resolve("estimator").toString();
    new MLEM().save(path);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MLEMModel.load(path));
    assertEquals("Error loading metadata: expected class name " + MLEMModel.class.getName()
        + " but found class name " + MLEM.class.getName() + " in " + path, e.getMessage());
  }

  @Test
  void pipelineFitsSavesLoadsAndTransformsIdentically() throws IOException {
    SQLTransformer select = new SQLTransformer().setStatement("SELECT * FROM __THIS__");
    MLEM mlem = MlTestData.quickEstimator(5).setFeatureCols(List.of("f0", "f1", "f2", "size"));
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {select, mlem});
    PipelineModel fitted = pipeline.fit(data.frame(spark));
    MLEMModel inside = (MLEMModel) fitted.stages()[1];
    assertEquals(List.of("f0", "f1", "f2", "size"), inside.featureNames());

    String path = dir.resolve("pipeline").toString();
    fitted.save(path);
    IOException again = assertThrows(IOException.class, () -> fitted.save(path));
    assertTrue(again.getMessage().startsWith("Path " + path + " already exists."),
        again.getMessage());
    fitted.write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    MLEMModel loadedInside = (MLEMModel) loaded.stages()[1];
    assertArrayEquals(inside.weights()[3], loadedInside.weights()[3]);

    Dataset<Row> pairs = MLEMModel.pairsOf(data.frame(spark), "id", inside.featureNames());
    List<Row> expected = fitted.transform(pairs).orderBy("id_1", "id_2").collectAsList();
    assertEquals(MlTestData.STIMULI * (MlTestData.STIMULI - 1) / 2, expected.size());
    assertEquals(expected, loaded.transform(pairs).orderBy("id_1", "id_2").collectAsList());
    assertEquals(expected, inside.transform(pairs).orderBy("id_1", "id_2").collectAsList());

    String pipelinePath = dir.resolve("unfitted").toString();
    pipeline.save(pipelinePath);
    MLEM reloaded = (MLEM) Pipeline.load(pipelinePath).getStages()[1];
    assertSameParams(mlem, reloaded);
  }

  @Test
  void copyKeepsDataAndAddsExtraParams() {
    MLEMModel copy = model.copy(new org.apache.spark.ml.param.ParamMap()
        .put(model.predictionCol(), "distance"));
    assertEquals("distance", copy.getPredictionCol());
    assertEquals("d", model.getPredictionCol());
    assertEquals(model.uid(), copy.uid());
    assertArrayEquals(model.weights()[0], copy.weights()[0]);
    assertEquals(model.parent(), copy.parent());
    MLEM estimator = new MLEM().setSeed(3);
    MLEM estimatorCopy = estimator.copy(new org.apache.spark.ml.param.ParamMap()
        .put(estimator.maxSteps(), 7));
    assertEquals(3L, estimatorCopy.getSeed());
    assertEquals(7, estimatorCopy.getMaxSteps());
    assertEquals(1000, estimator.getMaxSteps());
  }

  /** Save, save again (fails with Spark's message), overwrite, load. */
  private <T> T saveTwiceOverwriteAndLoad(MLWritable instance, Loader<T> loader)
      throws IOException {
    String path = dir.resolve("saved").toString();
    instance.save(path);
    IOException again = assertThrows(IOException.class, () -> instance.save(path));
    assertTrue(again.getMessage().startsWith("Path " + path + " already exists. To overwrite"
        + " it, please use write.overwrite().save(path)"), again.getMessage());
    instance.write().overwrite().save(path);
    return loader.load(path);
  }

  /** Every param equal: same uid, same set values, same defaults. */
  private static void assertSameParams(Params expected, Params actual) {
    assertEquals(expected.uid(), actual.uid());
    assertEquals(expected.params().length, actual.params().length);
    for (Param<?> declared : expected.params()) {
      Param<Object> e = expected.getParam(declared.name());
      Param<Object> a = actual.getParam(declared.name());
      assertEquals(expected.isSet(e), actual.isSet(a), declared.name() + " set");
      assertEquals(e.jsonEncode(expected.getOrDefault(e)), a.jsonEncode(actual.getOrDefault(a)),
          declared.name());
      assertEquals(e.jsonEncode(expected.getDefault(e).get()),
          a.jsonEncode(actual.getDefault(a).get()), declared.name() + " default");
    }
  }

  /** Loads a saved instance. */
  private interface Loader<T> {
    T load(String path);
  }
}
