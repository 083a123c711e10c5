package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.io.NpyTestFiles;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem fit --model frrsa-ridge} and {@code frrsa-ridge-i} end to end: the run reports
 * importances and held-out scores and writes its HTML report, run.json records the model and
 * each fold's chosen fraction and alpha, and the Spark engine writes the in-process engine's
 * tables (the ridge fit reads the same training pairs from either source).
 */
class RidgeFrrsaFitTest {
  private static SparkSession spark;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "RidgeFrrsaFitTest");
    SyntheticDataset data = SimulationStudy.generate(60, 3, 8, 0.5, 4);
    DemoData.write(spark, data, tmp.resolve("data").toString());
    float[] reps = data.representations();
    double[] values = new double[reps.length];
    for (int i = 0; i < reps.length; i++) {
      values[i] = reps[i];
    }
    NpyTestFiles.write(tmp.resolve("data/reps.npy"), values,
        new int[] {data.size(), data.dims()}, "<f4", false, 1);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static String fit(Path out, String... extra) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("fit",
        "--features", tmp.resolve("data/features.csv").toString(),
        "--representations", tmp.resolve("data/reps.npy").toString(), "--out", out.toString(),
        "--master", "local[2]", "--seed", "3", "--permutations", "3"));
    args.addAll(List.of(extra));
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args.toArray(new String[0]));
    assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
    return o.toString(StandardCharsets.UTF_8);
  }

  @Test
  void ridgeFitReportsImportancesAndRecordsTheChosenFraction() throws IOException {
    Path run = tmp.resolve("ridge");
    fit(run, "--model", "frrsa-ridge", "--folds", "2");
    JsonNode json = new ObjectMapper().readTree(run.resolve("run.json").toFile());
    assertEquals("frrsa-ridge", json.findValue("config").get("model").asText());
    JsonNode folds = json.findValue("folds");
    assertEquals(2, folds.size());
    for (JsonNode fold : folds) {
      JsonNode ridge = fold.get("ridge");
      double fraction = ridge.get("fraction").asDouble();
      assertTrue(fraction > 0 && fraction <= 1, "fraction " + fraction);
      assertTrue(ridge.has("alpha") && ridge.has("intercept"), ridge.toString());
      assertEquals(3, ridge.get("beta").size(), ridge.toString());
      assertEquals(20, ridge.get("inner_scores").size());
      // the simulated RDM is predictable: the held-out Spearman is clearly positive
      assertTrue(fold.get("spearman").asDouble() > 0.3, fold.toString());
    }
    List<String> summary = Files.readAllLines(run.resolve("importance_summary.csv"));
    assertEquals(1 + 3, summary.size(), String.join("\n", summary));
    String report = Files.readString(run.resolve("report.html"));
    assertTrue(report.contains("frrsa-ridge"), "the report names the model");
  }

  @Test
  void withInteractionsTheSparkEngineWritesTheInProcessTables() throws IOException {
    Path local = tmp.resolve("ridge-i-local");
    Path sparkRun = tmp.resolve("ridge-i-spark");
    fit(local, "--model", "frrsa-ridge-i", "--engine", "in-process");
    fit(sparkRun, "--model", "frrsa-ridge-i", "--engine", "spark");
    for (String table : List.of("weights.csv", "importance.csv", "importance_summary.csv",
        "scores.csv")) {
      assertEquals(Files.readString(sparkRun.resolve(table)),
          Files.readString(local.resolve(table)), table);
    }
    JsonNode json = new ObjectMapper().readTree(local.resolve("run.json").toFile());
    // 3 features and 3 products
    assertEquals(6, json.findValue("folds").get(0).get("ridge").get("beta").size());
    List<String> summary = Files.readAllLines(local.resolve("importance_summary.csv"));
    assertEquals(1 + 6, summary.size(), String.join("\n", summary));
  }
}
