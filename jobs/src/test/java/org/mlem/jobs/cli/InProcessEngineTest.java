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
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
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
 * {@code mlem fit --engine}: the in-process engine (no Spark session) writes exactly the Spark
 * engine's run directory on the same inputs, auto picks it for a local master and CSV + .npy
 * inputs and Spark otherwise (CSV representations), and forcing it on inputs that need Spark is a usage error.
 */
class InProcessEngineTest {
  private static SparkSession spark;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "InProcessEngineTest");
    SyntheticDataset data = SimulationStudy.generate(60, 3, 8, 0.5, 4);
    DemoData.write(spark, data, tmp.resolve("data").toString());
    float[] reps = data.representations();
    double[] values = new double[reps.length];
    for (int i = 0; i < reps.length; i++) {
      values[i] = reps[i];
    }
    NpyTestFiles.write(tmp.resolve("data/reps.npy"), values,
        new int[] {data.size(), data.dims()}, "<f4", false, 1);
    // CSV representations are read by Spark only
    spark.read().parquet(tmp.resolve("data/representations.parquet").toString())
        .selectExpr("id", "vector[0] as d0", "vector[1] as d1", "vector[2] as d2").coalesce(1)
        .write().option("header", "true").csv(tmp.resolve("data/reps-csv").toString());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private record Result(int code, String out, String err) {}

  private static Result fit(Path out, String representations, String... extra) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("fit",
        "--features", tmp.resolve("data/features.csv").toString(),
        "--representations", representations, "--out", out.toString(), "--master", "local[2]",
        "--seed", "3", "--max-steps", "15", "--patience", "5", "--permutations", "2",
        "--interactions", "--no-report"));
    args.addAll(List.of(extra));
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args.toArray(new String[0]));
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  private static String npy() {
    return tmp.resolve("data/reps.npy").toString();
  }

  private static String placement(Path run) throws IOException {
    String json = Files.readString(run.resolve("run.json"));
    int at = json.indexOf("\"placement\"");
    return json.substring(at, json.indexOf('\n', at));
  }

  @Test
  void inProcessWritesExactlyTheSparkRun() throws IOException {
    Path local = tmp.resolve("in-process");
    Path sparkRun = tmp.resolve("spark");
    Result a = fit(local, npy(), "--engine", "in-process");
    assertEquals(0, a.code(), a.err());
    Result b = fit(sparkRun, npy(), "--engine", "spark");
    assertEquals(0, b.code(), b.err());
    assertTrue(a.out().contains("in-process placement"), a.out());
    assertTrue(b.out().contains("broadcast placement"), b.out());
    assertTrue(placement(local).contains("in-process"), placement(local));
    assertTrue(placement(sparkRun).contains("broadcast"), placement(sparkRun));
    for (String table : List.of("weights.csv", "importance.csv", "importance_summary.csv",
        "scores.csv")) {
      assertEquals(Files.readString(sparkRun.resolve(table)), Files.readString(local.resolve(table)),
          table);
    }
    assertEquals(historyScores(sparkRun), historyScores(local));
    // the Parquet tables written without Spark read back (with Spark) as Spark's own
    for (String table : List.of("weights", "importance", "importance_summary", "scores")) {
      List<Row> mine = spark.read().parquet(local.resolve(table).toString()).collectAsList();
      List<Row> theirs = spark.read().parquet(sparkRun.resolve(table).toString()).collectAsList();
      assertEquals(spark.read().parquet(sparkRun.resolve(table).toString()).schema(),
          spark.read().parquet(local.resolve(table).toString()).schema(), table);
      assertEquals(theirs, mine, table);
    }
    assertTrue(Files.exists(local.resolve("_SUCCESS")));
    try (var files = Files.walk(local)) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".crc")),
          "no checksum files beside the outputs");
    }
  }

  /** The history's columns but the wall-clock seconds. */
  private static List<String> historyScores(Path run) throws IOException {
    return Files.readAllLines(run.resolve("history.csv")).stream().map(line -> {
      String[] cells = line.split(",", -1);
      return cells[0] + "," + cells[1] + "," + cells[2] + "," + cells[4];
    }).toList();
  }

  @Test
  void autoRunsInProcessOnlyWhenTheInputsAllowIt() throws IOException {
    Path npyRun = tmp.resolve("auto-npy");
    assertEquals(0, fit(npyRun, npy()).code());
    assertTrue(placement(npyRun).contains("in-process"), placement(npyRun));
    Path csvRun = tmp.resolve("auto-csv");
    Result p = fit(csvRun, tmp.resolve("data/reps-csv").toString());
    assertEquals(0, p.code(), p.err());
    assertTrue(placement(csvRun).contains("broadcast"), placement(csvRun));
    Path partitioned = tmp.resolve("auto-partitioned");
    assertEquals(0, fit(partitioned, npy(), "--placement", "partitioned").code());
    assertTrue(placement(partitioned).contains("partitioned"), placement(partitioned));
    Path overBudget = tmp.resolve("auto-budget");
    assertEquals(0, fit(overBudget, npy(), "--broadcast-budget-mb", "0").code());
    assertTrue(placement(overBudget).contains("partitioned"), placement(overBudget));
  }

  @Test
  void forcingInProcessOnInputsThatNeedSparkIsAUsageError() {
    Path out = tmp.resolve("refused");
    Result r = fit(out, tmp.resolve("data/reps-csv").toString(), "--engine", "in-process");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--engine in-process: the inputs need Spark to be read"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertFalse(Files.exists(out));
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), "fit", "--features",
        tmp.resolve("data/features.csv").toString(), "--representations", npy(), "--out",
        tmp.resolve("refused2").toString(), "--engine", "in-process", "--master",
        "spark://127.0.0.1:1");
    Result cluster = new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
    assertEquals(2, cluster.code(), cluster.err());
    assertTrue(cluster.err().contains("the master spark://127.0.0.1:1 is not local"),
        cluster.err());
  }

  @Test
  void badInputInProcessGivesTheSparkEnginesMessage() throws IOException {
    Path features = tmp.resolve("dup.csv");
    List<String> lines = new ArrayList<>(Files.readAllLines(tmp.resolve("data/features.csv")));
    lines.set(2, lines.get(1)); // the second stimulus repeats the first's id
    Files.write(features, lines);
    Result local = fitWith(features, "in-process");
    Result viaSpark = fitWith(features, "spark");
    assertEquals(2, local.code(), local.err());
    assertEquals(viaSpark.code(), local.code());
    assertEquals(viaSpark.err(), local.err());
    assertTrue(local.err().contains("duplicate"), local.err());
  }

  private static Result fitWith(Path features, String engine) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), "fit", "--features",
        features.toString(), "--representations", npy(), "--out",
        tmp.resolve("bad-" + engine).toString(), "--engine", engine, "--master", "local[2]");
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }
}
