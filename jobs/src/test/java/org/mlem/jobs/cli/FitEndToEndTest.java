package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.features.EncodedFeatures;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem fit} end to end on local[2]: needs the real InputLoader and SparkPairSourceFactory,
 * so it passes only once those branches are merged.
 */
class FitEndToEndTest {
  private static SparkSession spark;
  private static SyntheticDataset data;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "FitEndToEndTest");
    data = SimulationStudy.generate(60, 3, 8, 0.5, 4);
    DemoData.write(spark, data, tmp.resolve("data").toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args);
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  @Test
  void fitWritesTheCoreEnginesResult() throws IOException {
    Path out = tmp.resolve("run");
    Result r = cli("fit", "--features", tmp.resolve("data/features.csv").toString(),
        "--representations", tmp.resolve("data/representations.parquet").toString(),
        "--out", out.toString(), "--master", "local[2]", "--seed", "3", "--batch-size", "60",
        "--max-steps", "15", "--patience", "5", "--permutations", "2", "--partitions", "2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("held-out Spearman"), r.out());
    for (String f : List.of("run.json", "_SUCCESS", "weights.csv", "importance_summary.csv",
        "scores.csv", "history.csv", "importance.csv", "weights", "scores")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    EncodedFeatures features = FeatureSchema.inferred().encode(SyntheticTables.features(data));
    MlemConfig config = MlemConfig.builder().seed(3).batchSize(60).maxSteps(15).patience(5)
        .permutations(2).build();
    MlemAnalysis expected = Mlem.with(config).analyze(features, new RepresentationDistances(
        SyntheticTables.representations(data), NeuralDistance.EUCLIDEAN));
    List<String> lines = Files.readAllLines(out.resolve("weights.csv"));
    double[][] w = expected.weights();
    assertEquals(w.length + 1, lines.size());
    for (int a = 0; a < w.length; a++) {
      String[] cells = lines.get(a + 1).split(",");
      assertEquals(expected.featureNames().get(a), cells[0]);
      for (int b = 0; b < w.length; b++) {
        assertEquals(w[a][b], Double.parseDouble(cells[b + 1]), "W[" + a + "][" + b + "]");
      }
    }
  }

  private void assertBadInput(String name, String featuresCsv, String repsCsv, String expected)
      throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bad-" + name));
    Path f = Files.writeString(dir.resolve("features.csv"), featuresCsv);
    Path r = Files.writeString(dir.resolve("reps.csv"), repsCsv);
    Path out = dir.resolve("run");
    Result res = cli("fit", "--features", f.toString(), "--representations", r.toString(),
        "--out", out.toString(), "--master", "local[2]", "--max-steps", "3",
        "--permutations", "1", "--batch-size", "10");
    assertEquals(2, res.code(), name + ": " + res.err());
    assertTrue(res.err().contains(expected), name + ": " + res.err());
    assertFalse(res.err().contains("\tat "), name + ": no stack trace");
    assertFalse(Files.exists(out), name + ": no output directory");
  }

  private static String features(int n) {
    StringBuilder sb = new StringBuilder("id,a,b\n");
    for (int i = 0; i < n; i++) {
      sb.append('s').append(i).append(',').append(i % 2 == 0 ? "x" : "y").append(',')
          .append(i % 3).append('\n');
    }
    return sb.toString();
  }

  private static String reps(int n) {
    StringBuilder sb = new StringBuilder("id,v0,v1\n");
    for (int i = 0; i < n; i++) {
      sb.append('s').append(i).append(',').append(i * 0.5).append(',').append(i % 4)
          .append('\n');
    }
    return sb.toString();
  }

  @Test
  void badInputsExitWithTwo() throws IOException {
    assertBadInput("nan", features(12), reps(12).replace("s3,1.5,", "s3,NaN,"),
        "stimulus 's3' has NaN in column 0 ('v0')");
    assertBadInput("duplicate", features(12) + "s1,x,0\n", reps(12),
        "has duplicate ids: s1");
    assertBadInput("one-side", features(12), reps(12).replace("s5,", "t5,"),
        "differ: 1 of the 12 ids of the features is not in the representations (s5); 1 of"
            + " the 12 ids of the representations is not in the features (t5); ids are joined");
    assertBadInput("constant", features(12).replace(",y,", ",x,"), reps(12),
        "constant features (their distance is 0 for every pair): a;");
    assertBadInput("single", features(1), reps(1),
        "found 1 stimulus; a fit needs at least 4");
    assertBadInput("empty", "id,a,b\n", "id,v0,v1\n",
        "the feature table is empty (0 rows)");
    assertBadInput("wrong-type", features(12), reps(12).replace("s2,1.0,", "s2,abc,"),
        "Column v0 must be of type numeric but was actually string. (stimulus 's2' has 'abc')");
    assertBadInput("ragged", features(12), reps(12).replace("s4,2.0,0\n", "s4,2.0\n"),
        "stimulus 's4' has no value in column 1 ('v1')");
  }

  @Test
  void missingFileExitsWithTwo() {
    Path out = tmp.resolve("missing-run");
    Result res = cli("fit", "--features", tmp.resolve("none.csv").toString(),
        "--representations", tmp.resolve("data/representations.parquet").toString(),
        "--out", out.toString());
    assertEquals(2, res.code());
    assertTrue(res.err().contains("none.csv"), res.err());
    assertFalse(Files.exists(out));
  }
}
