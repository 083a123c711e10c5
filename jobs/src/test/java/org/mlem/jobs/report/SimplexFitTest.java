package org.mlem.jobs.report;

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
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.pairs.PositionalRandom;
import org.mlem.jobs.cli.MlemCli;
import org.mlem.jobs.io.NpyTestFiles;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * {@code mlem fit --kinds colour=simplex} end to end on a planted set (levels A and B close in
 * the representation, C far; an ordinal size on another axis): the in-process engine, Spark
 * with broadcast representations and Spark with partitioned ones write identical tables; W
 * has the coordinates colour[1], colour[2] (run.json's feature summary maps them to colour);
 * the importance tables and the report's importance table have features and feature pairs as
 * units, never coordinates (also the term-level totals); the report shows the distances W
 * puts between colour's levels, A-B the smallest. A sweep over two sets with the same kinds has
 * per-feature units in its combined table and the coordinates as rows of every set's W.
 */
class SimplexFitTest {
  private static final int N = 60;
  private static final double[] POSITION = {0.0, 0.15, 1.0};
  private static final String[] LEVELS = {"A", "B", "C"};

  private static SparkSession spark;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws IOException {
    spark = SparkTestSession.local(2, "SimplexFitTest");
    StringBuilder csv = new StringBuilder("id,colour,size\n");
    double[] reps = new double[N * 3];
    for (int i = 0; i < N; i++) {
      double size = PositionalRandom.uniform(PositionalRandom.mix(3, 1, i));
      csv.append(String.format(Locale.ROOT, "s%d,%s,%.6f%n", i, LEVELS[i % 3], size));
      reps[i * 3] = POSITION[i % 3] + 0.03 * PositionalRandom.gaussian(PositionalRandom.mix(3, 2, i));
      reps[i * 3 + 1] = 0.6 * size + 0.03 * PositionalRandom.gaussian(PositionalRandom.mix(3, 3, i));
      reps[i * 3 + 2] = 0.03 * PositionalRandom.gaussian(PositionalRandom.mix(3, 4, i));
    }
    Files.createDirectories(tmp.resolve("data"));
    Files.writeString(tmp.resolve("data/features.csv"), csv.toString());
    NpyTestFiles.write(tmp.resolve("data/reps.npy"), reps, new int[] {N, 3}, "<f4", false, 1);
    Files.createDirectories(tmp.resolve("layers"));
    for (int layer = 0; layer < 2; layer++) {
      double[] scaled = reps.clone();
      for (int k = 0; k < scaled.length; k++) {
        scaled[k] *= 1 + layer;
      }
      NpyTestFiles.write(tmp.resolve("layers/layer" + layer + ".npy"), scaled, new int[] {N, 3},
          "<f4", false, 1);
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private record Result(int code, String out, String err) {}

  private static Result fit(Path out, String... extra) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    List<String> args = new ArrayList<>(List.of("fit",
        "--features", tmp.resolve("data/features.csv").toString(),
        "--representations", tmp.resolve("data/reps.npy").toString(), "--out", out.toString(),
        "--master", "local[2]", "--kinds", "colour=simplex", "--seed", "4",
        "--batch-size", "200", "--max-steps", "120", "--patience", "20",
        "--permutations", "3", "--quiet"));
    args.addAll(List.of(extra));
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args.toArray(new String[0]));
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  private static List<String> firstColumn(Path csv) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      out.add(line.split(",")[0]);
    }
    return out;
  }

  @Test
  void inProcessAndSparkAgreeAndEverythingIsPerFeature() throws IOException {
    Path local = tmp.resolve("in-process");
    Path broadcast = tmp.resolve("broadcast");
    Path partitioned = tmp.resolve("partitioned");
    Result a = fit(local, "--engine", "in-process", "--no-report");
    assertEquals(0, a.code(), a.err());
    Result b = fit(broadcast, "--engine", "spark");
    assertEquals(0, b.code(), b.err());
    Result c = fit(partitioned, "--engine", "spark", "--placement", "partitioned",
        "--no-report");
    assertEquals(0, c.code(), c.err());
    for (String table : List.of("weights.csv", "importance.csv", "importance_summary.csv",
        "scores.csv")) {
      assertEquals(Files.readString(local.resolve(table)),
          Files.readString(broadcast.resolve(table)), "broadcast " + table);
      assertEquals(Files.readString(local.resolve(table)),
          Files.readString(partitioned.resolve(table)), "partitioned " + table);
    }
    assertEquals(List.of("colour[1]", "colour[2]", "size"), firstColumn(local.resolve("weights.csv")));
    List<String> units = firstColumn(local.resolve("importance_summary.csv"));
    assertEquals(List.of("colour", "colour:size", "size").stream().sorted().toList(),
        units.stream().sorted().toList(), "units are features and feature pairs");

    JsonNode run = new ObjectMapper().readTree(local.resolve("run.json").toFile());
    JsonNode colour = null;
    for (JsonNode f : run.path("feature_summary")) {
      if (f.path("name").asText().equals("colour")) {
        colour = f;
      }
    }
    assertTrue(colour != null, run.toString());
    assertEquals("simplex", colour.path("kind").asText());
    assertEquals("declared", colour.path("kind_source").asText());
    assertEquals(3, colour.path("levels").asInt());
    assertEquals("[\"colour[1]\",\"colour[2]\"]", colour.path("components").toString());

    Document doc = ReportAssertions.selfContained(broadcast.resolve("report.html"));
    List<String> tableUnits = ReportAssertions.firstColumn(doc, "importance-table");
    assertEquals(units.stream().sorted().toList(), tableUnits.stream().sorted().toList());
    assertFalse(tableUnits.stream().anyMatch(u -> u.contains("[")), tableUnits.toString());
    assertTrue(doc.getElementById("fig-weights").html().contains(">colour[2]<"),
        "the coordinates' W block is shown in the heatmap");
    assertEquals(List.of("A", "B", "C"), ReportAssertions.firstColumn(doc, "levels-table-0"));
    List<List<String>> levels = ReportAssertions.rows(doc, "levels-table-0");
    double ab = Double.parseDouble(levels.get(0).get(2));
    double ac = Double.parseDouble(levels.get(0).get(3));
    double bc = Double.parseDouble(levels.get(1).get(3));
    assertTrue(ab < ac && ab < bc, "A-B " + ab + ", A-C " + ac + ", B-C " + bc);
    assertTrue(doc.text().contains("2 features"), "the summary counts features");
    ReportAssertions.keep(broadcast.resolve("report.html"), "simplex-fit-report.html");
  }

  @Test
  void aSweepOfSimplexFitsHasFeatureUnitsAndCoordinateRows() throws IOException {
    Path out = tmp.resolve("sweep");
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), "sweep",
        "--features", tmp.resolve("data/features.csv").toString(),
        "--representations", tmp.resolve("layers").toString() + "/*.npy",
        "--out", out.toString(), "--master", "local[2]", "--kinds", "colour=simplex",
        "--seed", "4", "--batch-size", "200", "--max-steps", "40", "--patience", "10",
        "--permutations", "2", "--quiet", "--no-report");
    assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
    List<String> units = new ArrayList<>();
    for (String line : Files.readAllLines(out.resolve("combined.csv")).subList(1,
        Files.readAllLines(out.resolve("combined.csv")).size())) {
      units.add(line.split(",")[1]);
    }
    assertEquals(List.of("colour", "colour", "colour:size", "colour:size", "size", "size"),
        units.stream().sorted().toList(), "two sets, per-feature units");
    try (var runs = Files.list(out.resolve("runs"))) {
      for (Path run : runs.toList()) {
        assertEquals(List.of("colour[1]", "colour[2]", "size"),
            firstColumn(run.resolve("weights.csv")), run.toString());
      }
    }
  }

  @Test
  void termLevelTotalsAreOnePerFeature() throws IOException {
    Path run = tmp.resolve("term");
    Result r = fit(run, "--engine", "in-process", "--no-report", "--importance", "term");
    assertEquals(0, r.code(), r.err());
    List<String> units = firstColumn(run.resolve("importance_summary.csv"));
    assertTrue(units.contains("total:colour") && units.contains("total:size"), units.toString());
    assertFalse(units.stream().anyMatch(u -> u.startsWith("total:colour[")), units.toString());
    assertTrue(units.contains("colour[1]"), "term-level units are W's terms: " + units);
  }
}
