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
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.api.Mlem;
import org.mlem.core.api.MlemAnalysis;
import org.mlem.core.api.MlemConfig;
import org.mlem.core.distance.NeuralDistance;
import org.mlem.core.distance.RepresentationDistances;
import org.mlem.core.features.FeatureSchema;
import org.mlem.core.metric.Model;
import org.mlem.core.rank.SoftRankStrength;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.core.sim.SyntheticTables;
import org.mlem.core.stats.Frobenius;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem simulate} through the command line on a tiny grid (n = 120, 3 features, noise 0
 * and 1, seeds 1..2, the three models, both strengths): every table with its rows and columns,
 * numbers equal to the core engine's, identical results with 1 and 2 threads, weighted tau 1 at
 * noise 0, and option errors exiting with 2.
 */
class SimulateCommandTest {
  private static final String[] GRID = {"--stimuli", "120", "--features", "3", "--dims", "8",
      "--noise", "0,1", "--seeds", "2", "--permutations", "2", "--max-steps", "40",
      "--patience", "10"};
  private static final int RUNS = 2 * 2 * 3 * 2;

  private static SparkSession spark;
  private static Path oneThread;
  private static Path twoThreads;
  private static CliRun firstRun;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "SimulateCommandTest");
    oneThread = tmp.resolve("sim1");
    twoThreads = tmp.resolve("sim2");
    firstRun = simulate(oneThread, "--threads", "1");
    assertEquals(0, firstRun.code(), firstRun.err());
    CliRun second = simulate(twoThreads, "--threads", "2", "--no-parquet");
    assertEquals(0, second.code(), second.err());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static CliRun simulate(Path out, String... extra) {
    List<String> args = new ArrayList<>(List.of("simulate", "--out", out.toString()));
    args.addAll(List.of(GRID));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  private static List<String[]> csv(Path file) throws IOException {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      rows.add(line.split(",", -1));
    }
    return rows;
  }

  @Test
  void writesEveryTableWithTheLayoutsRowsAndColumns() throws IOException {
    for (String f : List.of("runs.csv", "importance.csv", "weighted_tau.csv", "simulate.json",
        "_SUCCESS", "runs", "importance", "weighted_tau")) {
      assertTrue(Files.exists(oneThread.resolve(f)), f);
    }
    List<String[]> runs = csv(oneThread.resolve("runs.csv"));
    assertEquals("model,strength,noise,seed,frobenius,steps,best_step,spearman,seconds",
        String.join(",", runs.get(0)));
    assertEquals(RUNS + 1, runs.size());
    assertEquals(List.of("mlem", "absolute:1.0", "0.0", "1"),
        List.of(runs.get(1)).subList(0, 4));
    assertEquals(List.of("frrsa", "relative:1.0", "1.0", "2"),
        List.of(runs.get(RUNS)).subList(0, 4));

    List<String[]> importance = csv(oneThread.resolve("importance.csv"));
    assertEquals("model,strength,noise,seed,unit,mean", String.join(",", importance.get(0)));
    // mlem and frrsa-i: 3 features + 3 interactions; frrsa: 3 features; x 2 strengths x 4 sets
    assertEquals(1 + 4 * 2 * (6 + 6 + 3), importance.size());
    List<String> units = new ArrayList<>();
    for (String[] row : importance.subList(1, 7)) {
      units.add(row[4]);
    }
    assertEquals(List.of("f0", "f0:f1", "f0:f2", "f1", "f1:f2", "f2"),
        units.stream().sorted().toList(), "the first run's profile: features and interactions");

    List<String[]> taus = csv(oneThread.resolve("weighted_tau.csv"));
    assertEquals("model,strength,noise,seed,weighted_tau", String.join(",", taus.get(0)));
    assertEquals(RUNS + 1, taus.size());

    assertEquals(RUNS, spark.read().parquet(oneThread.resolve("runs").toString()).count());
    assertEquals(RUNS, spark.read().parquet(oneThread.resolve("weighted_tau").toString())
        .count());
    assertFalse(Files.exists(twoThreads.resolve("runs")), "--no-parquet writes CSV only");

    JsonNode json = new ObjectMapper().readTree(oneThread.resolve("simulate.json").toFile());
    assertEquals("simulate", json.get("command").asText());
    assertEquals(120, json.get("config").get("stimuli").asInt());
    assertEquals(1, json.get("config").get("threads").asInt());
    assertEquals(RUNS, json.get("runs").asInt());
    assertTrue(json.get("timings").get("grid").asDouble() > 0);
    assertEquals(2 * 3 * 2, json.get("summary").size());
    String text = Files.readString(oneThread.resolve("simulate.json"));
    ProvenanceRecord read = ProvenanceJson.read("simulate.json", text, "fit");
    assertEquals(text, ProvenanceJson.write(read), "simulate.json reads back as written");
    assertEquals("simulate", read.command());
    assertEquals("120", read.config().get("stimuli"));
    assertEquals(null, read.seed(), "a grid of seeds has no single run seed");
    assertEquals(RUNS, read.detail("runs").asInt());
    assertTrue(firstRun.out().contains("[" + RUNS + "/" + RUNS + "]"), firstRun.out());
    assertTrue(firstRun.out().contains("mean +- std over seeds"), firstRun.out());
  }

  @Test
  void numbersAreTheCoreEnginesOnTheSameDataset() throws IOException {
    SyntheticDataset data = SimulationStudy.generate(120, 3, 8, 1.0, 2);
    for (Model model : List.of(Model.MLEM, Model.FRRSA)) {
      MlemConfig config = MlemConfig.builder().model(model).interactions(model != Model.FRRSA)
          .strength(SoftRankStrength.relative(1.0)).seed(2).testFraction(0.2).permutations(2)
          .totalImportance(false).maxSteps(40).patience(10).threads(1).build();
      MlemAnalysis expected = Mlem.with(config).analyze(
          FeatureSchema.inferred().encode(SyntheticTables.features(data)),
          new RepresentationDistances(SyntheticTables.representations(data),
              NeuralDistance.EUCLIDEAN));
      String[] row = csv(oneThread.resolve("runs.csv")).stream()
          .filter(r -> r[0].equals(model.cliName()) && r[1].equals("relative:1.0")
              && r[2].equals("1.0") && r[3].equals("2"))
          .findFirst().orElseThrow();
      assertEquals(Frobenius.distance(expected.weights(), data.trueWeights()),
          Double.parseDouble(row[4]), model + " frobenius");
      assertEquals(expected.folds().get(0).metric().steps(), Integer.parseInt(row[5]));
      assertEquals(expected.folds().get(0).metric().bestStep(), Integer.parseInt(row[6]));
      assertEquals(expected.spearman(), Double.parseDouble(row[7]), model + " spearman");
    }
  }

  @Test
  void resultsDoNotDependOnTheThreadCount() throws IOException {
    List<String[]> one = csv(oneThread.resolve("runs.csv"));
    List<String[]> two = csv(twoThreads.resolve("runs.csv"));
    assertEquals(one.size(), two.size());
    for (int r = 0; r < one.size(); r++) {
      // every column but seconds
      assertEquals(List.of(one.get(r)).subList(0, 8), List.of(two.get(r)).subList(0, 8),
          "runs.csv row " + r);
    }
    assertEquals(Files.readString(oneThread.resolve("importance.csv")),
        Files.readString(twoThreads.resolve("importance.csv")));
    assertEquals(Files.readString(oneThread.resolve("weighted_tau.csv")),
        Files.readString(twoThreads.resolve("weighted_tau.csv")));
  }

  @Test
  void weightedTauIsOneAtNoiseZeroAndBelowOneWithNoise() throws IOException {
    List<String[]> taus = csv(oneThread.resolve("weighted_tau.csv"));
    boolean someBelowOne = false;
    for (String[] row : taus.subList(1, taus.size())) {
      double tau = Double.parseDouble(row[4]);
      if (row[2].equals("0.0")) {
        assertEquals(1.0, tau, String.join(",", row));
      } else {
        assertTrue(tau >= -1 && tau <= 1, String.join(",", row));
        someBelowOne |= tau < 1;
      }
    }
    assertTrue(someBelowOne, "noise changes at least one importance profile");
  }

  private static void assertBadUsage(String expected, String... args) {
    Path out = tmp.resolve("bad-" + System.nanoTime());
    List<String> all = new ArrayList<>(List.of("simulate", "--out", out.toString()));
    all.addAll(List.of(args));
    CliRun r = CliRun.of(all.toArray(new String[0]));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    assertFalse(Files.exists(out), "no output directory");
  }

  /** The ridge models run in the comparison (closed form: no steps) and get a report. */
  @Test
  void ridgeModelsRunNextToMlem() throws IOException {
    Path out = tmp.resolve("sim-ridge");
    CliRun r = simulate(out, "--models", "mlem,frrsa-ridge,frrsa-ridge-i", "--strengths",
        "absolute:1.0", "--threads", "2", "--no-parquet");
    assertEquals(0, r.code(), r.err());
    List<String[]> runs = csv(out.resolve("runs.csv"));
    assertEquals(1 + 2 * 2 * 3, runs.size());
    int ridge = 0;
    for (String[] row : runs.subList(1, runs.size())) {
      if (row[0].startsWith("frrsa-ridge")) {
        ridge++;
        assertEquals("0", row[5], "a ridge fit takes no steps: " + String.join(",", row));
        double spearman = Double.parseDouble(row[7]);
        if (row[2].equals("0.0")) {
          assertTrue(spearman > 0.5, "noiseless ridge fit: " + String.join(",", row));
        }
        assertTrue(Double.isFinite(Double.parseDouble(row[4])), String.join(",", row));
      }
    }
    assertEquals(2 * 2 * 2, ridge);
    assertTrue(Files.readString(out.resolve("report.html")).contains("frrsa-ridge-i"));
  }

  @Test
  void optionErrorsExitWithTwo() {
    assertBadUsage("--noise must include 0 (the noiseless reference of the weighted tau), "
        + "found [1.0, 2.0]", "--noise", "1,2");
    assertBadUsage("--noise must be comma-separated numbers >= 0 (e.g. 0,0.5,1), found 'x' in "
        + "'0,x'", "--noise", "0,x");
    assertBadUsage("--noise levels must be finite and >= 0, found '-1' in '0,-1'",
        "--noise", "0,-1");
    assertBadUsage("--noise lists the level 1.0 twice", "--noise", "0,1,1.0");
    assertBadUsage("--models must list models among mlem, frrsa, frrsa-i, frrsa-ridge, "
        + "frrsa-ridge-i, found 'svm' in 'mlem,svm'", "--models", "mlem,svm");
    assertBadUsage("--strengths must list strengths like absolute:1.0 or relative:1.0, found "
        + "'strong'", "--strengths", "strong");
    assertBadUsage("--seeds must be >= 1, found 0", "--seeds", "0");
    assertBadUsage("--dims must be in [1, --stimuli] = [1, 50], found 64", "--stimuli", "50");
    assertBadUsage("--threads must be >= 1, found 0", "--threads", "0");
    assertBadUsage("--permutations must be >= 1, found 0", "--permutations", "0");
    assertBadUsage("--max-steps must be >= 1, found 0", "--max-steps", "0");
    assertBadUsage("Invalid value for option '--seeds'", "--seeds", "many");
    CliRun missing = CliRun.of("simulate");
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("Missing required option: '--out=DIR'"), missing.err());
  }

  @Test
  void anExistingOutputIsKeptWithoutOverwrite() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("existing"));
    Files.writeString(out.resolve("keep.txt"), "x");
    CliRun r = CliRun.of("simulate", "--out", out.toString(), "--stimuli", "20", "--dims",
        "8");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("output directory exists: " + out
        + "; pass --overwrite to replace it"), r.err());
    assertTrue(Files.exists(out.resolve("keep.txt")));
  }
}
