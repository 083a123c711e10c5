package org.mlem.jobs.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.core.pairs.StimulusSplit;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticColumn;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem efficiency} end to end on a small generated dataset written as CSV files: the
 * table has one row per size, seed and model, the full size agrees with itself (1), a row
 * recomputed with the core engine on the same fixed split, the importance table, a split file,
 * the report, and option errors exiting with 2 without output.
 */
class EfficiencyCommandTest {
  private static final int N = 40;
  private static final String[] FIT = {"--seed", "5", "--batch-size", "200", "--max-steps", "15",
      "--patience", "5", "--permutations", "2", "--threads", "2", "--master", "local[2]"};

  private static SparkSession spark;
  private static SyntheticDataset data;
  private static Path features;
  private static Path representations;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "EfficiencyCommandTest");
    data = SimulationStudy.generate(N, 3, 6, 0.2, 9);
    StringBuilder f = new StringBuilder("id");
    for (SyntheticColumn c : data.features()) {
      f.append(',').append(c.name());
    }
    f.append('\n');
    StringBuilder r = new StringBuilder("id");
    for (int d = 0; d < data.dims(); d++) {
      r.append(",v").append(d);
    }
    r.append('\n');
    for (int i = 0; i < data.size(); i++) {
      f.append(data.ids().get(i));
      for (SyntheticColumn c : data.features()) {
        f.append(',').append(c.categories()[i]);
      }
      f.append('\n');
      r.append(data.ids().get(i));
      for (int d = 0; d < data.dims(); d++) {
        r.append(',').append(data.representations()[i * data.dims() + d]);
      }
      r.append('\n');
    }
    features = Files.writeString(tmp.resolve("features.csv"), f.toString());
    representations = Files.writeString(tmp.resolve("reps.csv"), r.toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static CliRun efficiency(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("efficiency", "--features", features.toString(),
        "--representations", representations.toString(), "--out", out.toString()));
    List<String> fit = new ArrayList<>(List.of(FIT));
    if (List.of(extra).contains("--permutations")) {
      // an explicit --permutations in extra replaces the default one
      int at = fit.indexOf("--permutations");
      fit.subList(at, at + 2).clear();
    }
    args.addAll(fit);
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  @Test
  void writesOneRowPerSizeSeedAndModelAgainstTheFullSizeFit() throws IOException {
    Path out = tmp.resolve("efficiency");
    CliRun r = efficiency(out, "--train-sizes", "all,8,16", "--seeds", "2", "--models",
        "mlem,frrsa");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("[12/12] "), "progress runs done / total: " + r.out());
    for (String f : List.of("efficiency.csv", "efficiency", "efficiency_importance.csv",
        "efficiency_importance", "efficiency.json", "_SUCCESS", "report.html")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    List<String> lines = Files.readAllLines(out.resolve("efficiency.csv"));
    assertEquals("model,train_size,n_train,seed,spearman,kendall_tau,weighted_tau",
        lines.get(0));
    assertEquals(1 + 3 * 2 * 2, lines.size());
    List<String> keys = new ArrayList<>();
    Map<String, String[]> byKey = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] c = line.split(",");
      String key = c[0] + "/" + c[1] + "/" + c[3];
      keys.add(key);
      byKey.put(key, c);
      if (c[1].equals("all")) {
        assertEquals("32", c[2], line);
        assertEquals(1.0, Double.parseDouble(c[5]), line);
        assertEquals(1.0, Double.parseDouble(c[6]), line);
      } else {
        assertEquals(c[1], c[2], line);
      }
    }
    assertEquals(List.of("mlem/8/1", "mlem/8/2", "mlem/16/1", "mlem/16/2", "mlem/all/1",
        "mlem/all/2", "frrsa/8/1", "frrsa/8/2", "frrsa/16/1", "frrsa/16/2", "frrsa/all/1",
        "frrsa/all/2"), keys);
    assertEquals(12, spark.read().parquet(out.resolve("efficiency").toString()).count());

    // mlem at size 8, seed 2, recomputed with the core engine on the run seed's split
    EncodedFeatures encoded = FeatureSchema.inferred().encode(SyntheticTables.features(data));
    RepresentationDistances distances = new RepresentationDistances(
        SyntheticTables.representations(data), NeuralDistance.EUCLIDEAN);
    MlemConfig base = MlemConfig.builder().seed(5).batchSize(200).maxSteps(15).patience(5)
        .permutations(2).threads(1).build();
    List<StimulusSplit> splits = Mlem.with(base).splits(N);
    long seed2 = PositionalRandom.mix(5, EfficiencyStudy.SEED_STREAM, 2);
    MlemAnalysis full = Mlem.with(base.toBuilder().seed(seed2).build()).withSplits(splits)
        .analyze(encoded, distances);
    MlemAnalysis small = Mlem.with(base.toBuilder().seed(seed2).trainSize(8).build())
        .withSplits(splits).analyze(encoded, distances);
    assertEquals(splits.get(0).test().length, small.folds().get(0).testStimuli());
    String[] row = byKey.get("mlem/8/2");
    assertEquals(small.spearman(), Double.parseDouble(row[4]));
    assertEquals(ProfileComparison.kendallTau(FitOutcome.of(small, 0).profile(),
        FitOutcome.of(full, 0).profile()), Double.parseDouble(row[5]));
    assertEquals(full.spearman(), Double.parseDouble(byKey.get("mlem/all/2")[4]));

    List<String> importance = Files.readAllLines(out.resolve("efficiency_importance.csv"));
    assertEquals("model,train_size,n_train,seed,unit,importance", importance.get(0));
    long mlemSmall = importance.stream().filter(l -> l.startsWith("mlem,8,8,2,")).count();
    assertEquals(FitOutcome.of(small, 0).profile().size(), mlemSmall);

    JsonNode json = new ObjectMapper().readTree(out.resolve("efficiency.json").toFile());
    assertEquals("efficiency", json.get("command").asText());
    assertEquals(2, json.get("study").get("seeds").asInt());
    assertEquals(List.of("8", "16", "all"), List.of(json.get("study").get("train_sizes").get(0)
        .asText(), json.get("study").get("train_sizes").get(1).asText(),
        json.get("study").get("train_sizes").get(2).asText()));
    assertEquals("random", json.get("split").get("source").asText());
    assertEquals(8, json.get("split").get("test").asInt());
    String html = Files.readString(out.resolve("report.html"));
    for (String id : List.of("fig-efficiency-spearman", "fig-efficiency-kendall",
        "fig-efficiency-weighted-tau")) {
      assertTrue(html.contains(id), id);
    }
  }

  /**
   * On a local master the fits run in process (auto's choice, the inputs read on the driver)
   * and give the tables that Spark's engine gives, bit for bit; the Parquet copies written on
   * the driver have the schema Spark writes.
   */
  @Test
  void inProcessAndOnSparkWriteTheSameTables() throws IOException {
    String[] study = {"--train-sizes", "8,all", "--seeds", "1", "--models", "mlem",
        "--no-report"};
    Path inProcess = tmp.resolve("efficiency-in-process");
    Path onSpark = tmp.resolve("efficiency-on-spark");
    CliRun a = efficiency(inProcess, study);
    assertEquals(0, a.code(), a.err());
    List<String> withSpark = new ArrayList<>(List.of(study));
    withSpark.addAll(List.of("--engine", "spark"));
    CliRun b = efficiency(onSpark, withSpark.toArray(new String[0]));
    assertEquals(0, b.code(), b.err());
    for (String table : List.of("efficiency.csv", "efficiency_importance.csv")) {
      assertEquals(Files.readAllLines(onSpark.resolve(table)),
          Files.readAllLines(inProcess.resolve(table)), table);
    }
    for (String table : List.of("efficiency", "efficiency_importance")) {
      assertEquals(spark.read().parquet(onSpark.resolve(table).toString()).schema(),
          spark.read().parquet(inProcess.resolve(table).toString()).schema(), table);
      assertEquals(spark.read().parquet(onSpark.resolve(table).toString()).collectAsList(),
          spark.read().parquet(inProcess.resolve(table).toString()).collectAsList(), table);
    }
  }

  @Test
  void aSplitFileFixesTheTestStimuli() throws IOException {
    StringBuilder text = new StringBuilder("id,split\n");
    for (int i = 0; i < N; i++) {
      text.append(data.ids().get(i)).append(',').append(i % 5 == 0 ? "test" : "train")
          .append('\n');
    }
    Path file = Files.writeString(tmp.resolve("split.csv"), text.toString());
    Path out = tmp.resolve("with-split");
    CliRun r = efficiency(out, "--train-sizes", "10,all", "--seeds", "1", "--models", "mlem",
        "--split-file", file.toString(), "--no-report");
    assertEquals(0, r.code(), r.err());
    JsonNode json = new ObjectMapper().readTree(out.resolve("efficiency.json").toFile());
    assertEquals(8, json.get("split").get("test").asInt());
    assertEquals(32, json.get("split").get("train").asInt());
    assertTrue(json.get("split").get("source").asText().contains("split file " + file));
    boolean recorded = false;
    for (JsonNode input : json.get("inputs")) {
      recorded |= input.get("role").asText().equals("split file");
    }
    assertTrue(recorded, json.get("inputs").toString());
    assertFalse(Files.exists(out.resolve("report.html")));
  }

  private static void assertBadUsage(String expected, String... extra) {
    Path out = tmp.resolve("bad-" + System.nanoTime());
    CliRun r = efficiency(out, extra);
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(out), "no output directory");
  }

  @Test
  void optionErrorsExitWithTwo() {
    assertBadUsage("--train-sizes 33 exceeds the 32 training stimuli of the split",
        "--train-sizes", "8,33");
    assertBadUsage("--train-sizes sizes must be >= 4 or all, found '2'", "--train-sizes", "2");
    assertBadUsage("--train-sizes lists a size twice", "--train-sizes", "8,8");
    assertBadUsage("Missing required option: '--train-sizes", "--seeds", "2");
    assertBadUsage("efficiency compares importance profiles", "--train-sizes", "8",
        "--permutations", "0");
    assertBadUsage("Unknown options: '--train-size', '8'", "--train-sizes", "8",
        "--train-size", "8");
    assertBadUsage("--models must list models", "--train-sizes", "8", "--models", "lda");
  }
}
