package org.mlem.jobs.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.distance.IdsFrom;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@link InputLoader#load} under each {@link IdsFrom} rule. The expected inputs are those of the
 * same tables filtered by hand to the analysed ids and loaded with the default rule, so the
 * features must be encoded on the analysed stimuli only (a numeric feature's range changes when
 * its extreme row is dropped: row h has size 100).
 */
class IdsFromTest {
  private static SparkSession spark;
  @TempDir static Path dir;
  private static String features;
  private static String fewerReps;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(1, "IdsFromTest");
    features = write("features.csv",
        "id,kind,size\na,x,1\nb,y,2\nc,x,3\nd,y,4\ne,x,5\nf,y,6\ng,x,7\nh,y,100\n");
    // No representation for a and h (fillers dropped); q has no feature row.
    fewerReps = write("reps.csv",
        "id,d0,d1\nq,9,9\ng,7,1\nb,2,3\nc,3,1\nd,0,1\ne,1,1\nf,5,2\n");
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

  private static FeatureInput f(String uri) {
    return new FeatureInput(uri, InputFormat.AUTO, "id", List.of(), Map.of(), 0.0);
  }

  private static RepresentationInput r(String uri) {
    return new RepresentationInput(uri, InputFormat.AUTO, "id", null, null, null);
  }

  @Test
  void bothAnalysesTheIntersectionEncodedOnItsOwnStimuli() throws IOException {
    LoadedInputs both = InputLoader.load(spark, f(features), r(fewerReps), IdsFrom.BOTH);
    LoadedInputs expected = InputLoader.load(spark,
        f(write("features_bcdefg.csv", "id,kind,size\nb,y,2\nc,x,3\nd,y,4\ne,x,5\nf,y,6\ng,x,7\n")),
        r(write("reps_bcdefg.csv", "id,d0,d1\nb,2,3\nc,3,1\nd,0,1\ne,1,1\nf,5,2\ng,7,1\n")));
    assertEquals(List.of("b", "c", "d", "e", "f", "g"), both.features().ids());
    assertEncodedEqual(expected.features(), both.features());
    assertArrayEquals(expected.representations().data(), both.representations().data());
    assertEquals(List.of("ids-from both: analysing 6 stimuli; dropped 2 of the 8 ids of the"
        + " features (" + features + ") (no representations): a, h and 1 of the 7 ids of the"
        + " representations (no feature row): q"), both.warnings());
    assertEquals(2, both.idJoin().featuresDropped());
    assertEquals(List.of("a", "h"), both.idJoin().featuresDroppedExamples());
    assertEquals(1, both.idJoin().neuralDropped());
    assertEquals(List.of("q"), both.idJoin().neuralDroppedExamples());
  }

  @Test
  void featuresKeepsEveryFeatureRowAndDropsExtraRepresentations() throws IOException {
    String reps = write("reps_all_plus_q.csv", "id,d0,d1\nq,9,9\nh,1,8\ng,7,1\nb,2,3\nc,3,1\n"
        + "d,0,1\ne,1,1\nf,5,2\na,4,4\n");
    LoadedInputs loaded = InputLoader.load(spark, f(features), r(reps), IdsFrom.FEATURES);
    assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"), loaded.features().ids());
    assertArrayEquals(new float[] {4, 4, 2, 3, 3, 1, 0, 1, 1, 1, 5, 2, 7, 1, 1, 8},
        loaded.representations().data());
    assertEquals(List.of("ids-from features: analysing 8 stimuli; dropped 1 of the 9 ids of the"
        + " representations (no feature row): q"), loaded.warnings());
  }

  @Test
  void theDefaultAndFeaturesRefuseMissingRepresentationsAndRepresentationsRefusesExtraOnes() {
    String refused = assertThrows(InputException.class,
        () -> InputLoader.load(spark, f(features), r(fewerReps))).getMessage();
    assertEquals("the stimulus ids of the features (" + features + ") and the representations ("
        + fewerReps + ") differ: 2 of the 8 ids of the features are not in the representations"
        + " (a, h); 1 of the 7 ids of the representations is not in the features (q); ids are"
        + " joined, not matched by position: make both list the same stimuli, or set ids-from to"
        + " features, representations or both to analyse one side's ids or their intersection"
        + " (the rest is dropped and reported)", refused);
    assertEquals("ids-from features: the stimulus ids of the features (" + features + ") and the"
        + " representations (" + fewerReps + ") differ: 2 of the 8 ids of the features are not"
        + " in the representations (a, h); every stimulus of the feature table needs"
        + " representations: set ids-from to both to analyse the intersection",
        assertThrows(InputException.class, () -> InputLoader.load(spark, f(features),
            r(fewerReps), IdsFrom.FEATURES)).getMessage());
    assertEquals("ids-from representations: the stimulus ids of the features (" + features
        + ") and the representations (" + fewerReps + ") differ: 1 of the 7 ids of the"
        + " representations is not in the features (q); every stimulus of the representations"
        + " needs a feature row: set ids-from to both to analyse the intersection",
        assertThrows(InputException.class, () -> InputLoader.load(spark, f(features),
            r(fewerReps), IdsFrom.REPRESENTATIONS)).getMessage());
  }

  @Test
  void tooFewStimuliAfterTheJoinIsAnError() throws IOException {
    String three = write("reps_three.csv", "id,d0\nb,1\nc,2\nd,3\n");
    assertEquals(features + ": found 3 stimuli with representations (ids-from representations);"
        + " a fit needs at least 4 (a train/test split of at least 2 + 2)",
        assertThrows(InputException.class, () -> InputLoader.load(spark, f(features),
            r(three), IdsFrom.REPRESENTATIONS)).getMessage());
  }

  @Test
  void partitionedAndSweepInputsJoinAsTheBroadcastLoaderDoes() {
    LoadedInputs broadcast = InputLoader.load(spark, f(features), r(fewerReps), IdsFrom.BOTH);
    PartitionedInputs partitioned =
        PartitionedInputLoader.load(spark, f(features), r(fewerReps), IdsFrom.BOTH);
    assertEncodedEqual(broadcast.features(), partitioned.features());
    assertEquals(broadcast.warnings(), partitioned.warnings());
    float[] rows = new float[broadcast.representations().data().length];
    int dims = partitioned.representations().dims();
    for (var row : partitioned.representations().rows().collect()) {
      System.arraycopy(row._2(), 0, rows, row._1() * dims, dims);
    }
    partitioned.representations().close();
    assertArrayEquals(broadcast.representations().data(), rows);

    LoadedInputs set = SetInputs.withRepresentations(spark,
        SetInputs.loadFeatures(spark, f(features)), r(fewerReps), IdsFrom.BOTH);
    assertEncodedEqual(broadcast.features(), set.features());
    assertArrayEquals(broadcast.representations().data(), set.representations().data());
    assertEquals(broadcast.warnings(), set.warnings());
  }

  private static void assertEncodedEqual(EncodedFeatures expected, EncodedFeatures actual) {
    assertEquals(expected.ids(), actual.ids());
    assertEquals(expected.names(), actual.names());
    int n = expected.size();
    for (int feature = 0; feature < expected.featureCount(); feature++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          assertEquals(expected.distance(feature, i, j), actual.distance(feature, i, j),
              "feature " + feature + " pair " + i + "," + j);
        }
      }
    }
  }
}
