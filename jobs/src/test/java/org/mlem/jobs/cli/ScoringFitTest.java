package org.mlem.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * {@code mlem fit --scoring pearson|mse}: run.json, the tables and the report say which scoring
 * was used (and the report's importance labels do not say Spearman), the default writes
 * {@code scoring = spearman} with its score equal to the Spearman, and the Spark engine (rounds
 * on executors, the calibration batch from the Spark pair source) writes the in-process
 * engine's tables.
 */
class ScoringFitTest {
  private static SparkSession spark;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "ScoringFitTest");
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
        "--master", "local[2]", "--seed", "3", "--permutations", "3", "--max-steps", "40",
        "--patience", "10"));
    args.addAll(List.of(extra));
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args.toArray(new String[0]));
    assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
    return o.toString(StandardCharsets.UTF_8);
  }

  /** The report's importance section, from its heading to the weight matrix's. */
  private static String importanceSection(String html) {
    int from = html.indexOf("<h2 id=\"importance\"");
    int to = html.indexOf("<h2 id=\"weights\"");
    assertTrue(from >= 0 && to > from, "the report has an importance section");
    return html.substring(from, to);
  }

  @Test
  void mseRunSaysSoInRunJsonTablesAndReport() throws IOException {
    Path run = tmp.resolve("mse");
    String console = fit(run, "--scoring", "mse", "--folds", "2", "--engine", "in-process");
    assertTrue(console.contains("held-out MSE"), console);
    JsonNode json = new ObjectMapper().readTree(run.resolve("run.json").toFile());
    assertEquals("mse", json.findValue("config").get("scoring").asText());
    JsonNode scores = json.findValue("scores");
    assertEquals("mse", scores.get("scoring").asText());
    assertEquals("mse", json.findValue("importance").get("scoring").asText());
    assertTrue(json.findValue("importance").get("how_to_read").asText()
        .contains("increase of held-out MSE"));
    double sum = 0;
    for (JsonNode fold : json.findValue("folds")) {
      assertEquals("mse", fold.get("scoring").asText());
      assertTrue(fold.get("score").asDouble() > 0, fold.toString());
      assertTrue(fold.get("calibration").has("slope"), fold.toString());
      sum += fold.get("score").asDouble();
    }
    // across folds the MSE is a plain mean (not Fisher-z)
    assertEquals(sum / 2, scores.get("score").asDouble(), 1e-12);
    List<String> table = Files.readAllLines(run.resolve("scores.csv"));
    assertEquals("fold,spearman,rho_a,tau_a,scoring,score", table.get(0));
    assertTrue(table.get(1).contains(",mse,"), table.toString());
    List<String> importance = Files.readAllLines(run.resolve("importance.csv"));
    assertTrue(importance.get(0).endsWith(",kind,scoring"), importance.get(0));
    assertTrue(importance.get(1).endsWith(",stimulus,mse"), importance.get(1));
    List<String> summary = Files.readAllLines(run.resolve("importance_summary.csv"));
    assertTrue(summary.get(0).endsWith(",interval,scoring"), summary.get(0));
    assertTrue(summary.get(1).endsWith(",mse"), summary.get(1));
    String html = Files.readString(run.resolve("report.html"));
    assertTrue(html.contains("Held-out MSE"), "the report names the scoring");
    String section = importanceSection(html);
    assertTrue(section.contains("increase of held-out MSE"), section);
    assertFalse(section.contains("Spearman"), "the MSE run's importance section says Spearman");
  }

  @Test
  void pearsonRunLabelsAndTheSparkEngineAgree() throws IOException {
    Path local = tmp.resolve("pearson-local");
    Path sparkRun = tmp.resolve("pearson-spark");
    fit(local, "--scoring", "pearson", "--model", "frrsa-ridge-i", "--engine", "in-process");
    fit(sparkRun, "--scoring", "pearson", "--model", "frrsa-ridge-i", "--engine", "spark");
    for (String table : List.of("weights.csv", "importance.csv", "importance_summary.csv",
        "scores.csv")) {
      assertEquals(Files.readString(sparkRun.resolve(table)),
          Files.readString(local.resolve(table)), table);
    }
    String section = importanceSection(Files.readString(local.resolve("report.html")));
    assertTrue(section.contains("drop in held-out Pearson r"), section);
    assertFalse(section.contains("Spearman"), "the Pearson run's importance section says "
        + "Spearman");
    Path mseLocal = tmp.resolve("mse-term-local");
    Path mseSpark = tmp.resolve("mse-term-spark");
    fit(mseLocal, "--scoring", "mse", "--importance", "term", "--engine", "in-process");
    fit(mseSpark, "--scoring", "mse", "--importance", "term", "--engine", "spark");
    for (String table : List.of("importance.csv", "scores.csv")) {
      assertEquals(Files.readString(mseSpark.resolve(table)),
          Files.readString(mseLocal.resolve(table)), table);
    }
  }

  @Test
  void sweepCombinedTableAndReportSayTheScoring() throws IOException {
    Path sets = Files.createDirectories(tmp.resolve("sets"));
    Files.copy(tmp.resolve("data/reps.npy"), sets.resolve("a.npy"));
    Files.copy(tmp.resolve("data/reps.npy"), sets.resolve("b.npy"));
    Path out = tmp.resolve("sweep-pearson");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), "sweep",
        "--features", tmp.resolve("data/features.csv").toString(),
        "--representations", sets.resolve("*.npy").toString(), "--out", out.toString(),
        "--master", "local[2]", "--seed", "3", "--permutations", "2", "--max-steps", "20",
        "--patience", "5", "--scoring", "pearson");
    assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
    List<String> combined = Files.readAllLines(out.resolve("combined.csv"));
    assertTrue(combined.get(0).endsWith(",scoring,score"), combined.get(0));
    for (String row : combined.subList(1, combined.size())) {
      assertTrue(row.contains(",pearson,"), row);
    }
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("held-out Pearson r (--scoring pearson)"), "sweep report label");
    assertFalse(html.contains("held-out Spearman: compare it"), "sweep report label");
  }

  @Test
  void theDefaultSaysSpearmanAndItsScoreIsTheSpearman() throws IOException {
    Path run = tmp.resolve("default");
    fit(run, "--engine", "in-process");
    List<String> table = Files.readAllLines(run.resolve("scores.csv"));
    for (String row : table.subList(1, table.size())) {
      String[] cells = row.split(",");
      assertEquals("spearman", cells[4], row);
      assertEquals(cells[1], cells[5], "score = spearman: " + row);
    }
    JsonNode json = new ObjectMapper().readTree(run.resolve("run.json").toFile());
    assertEquals("spearman", json.findValue("config").get("scoring").asText());
    assertTrue(importanceSection(Files.readString(run.resolve("report.html")))
        .contains("drop in held-out Spearman"));
  }
}
