package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.cli.MlemCli;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * A real {@code mlem fit} (in-process, local[2], tiny generated data, 2 folds) writes its
 * report; the report has every figure and table with the run's units and folds, refers to
 * nothing outside itself, is rebuilt by {@code mlem report DIR}, and renders in Chromium.
 */
class FitReportTest {
  private static SparkSession spark;
  private static Path run;
  private static String fitOut;

  @TempDir static Path tmp;

  @BeforeAll
  static void fit() throws IOException {
    spark = SparkTestSession.local(2, "FitReportTest");
    SyntheticDataset data = SimulationStudy.generate(48, 3, 6, 0.5, 7);
    ReportTestData.features(data, tmp.resolve("data"));
    ReportTestData.representations(data, tmp.resolve("data"), "representations.csv");
    run = tmp.resolve("run");
    Result r = cli("fit", "--features", tmp.resolve("data/features.csv").toString(),
        "--representations", tmp.resolve("data/representations.csv").toString(),
        "--out", run.toString(), "--master", "local[2]", "--seed", "5", "--batch-size", "40",
        "--max-steps", "12", "--patience", "4", "--permutations", "3", "--folds", "2",
        "--partitions", "2", "--quiet");
    assertEquals(0, r.code(), r.err());
    fitOut = r.out();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  record Result(int code, String out, String err) {}

  static Result cli(String... args) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int code = MlemCli.run(new PrintStream(o, true, StandardCharsets.UTF_8),
        new PrintStream(e, true, StandardCharsets.UTF_8), args);
    return new Result(code, o.toString(StandardCharsets.UTF_8),
        e.toString(StandardCharsets.UTF_8));
  }

  private static List<String> csvColumn(Path csv, int column) throws IOException {
    List<String> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      out.add(line.split(",")[column]);
    }
    return out;
  }

  @Test
  void fitWritesItsReportWithEveryFigureAndTable() throws IOException {
    assertTrue(fitOut.contains("report: "), fitOut);
    Document doc = ReportAssertions.selfContained(run.resolve("report.html"));
    List<String> units = csvColumn(run.resolve("importance_summary.csv"), 0);
    // stimulus-level (default): 3 main effects, 3 interactions, no totals
    assertEquals(6, units.size(), units.toString());
    ReportAssertions.figure(doc, "fig-importance", "figure", units.size());
    ReportAssertions.figure(doc, "fig-weights", "heatmap", 9);
    ReportAssertions.figure(doc, "fig-training", "training", 2);
    // stimulus-level with interactions: main effects and interaction effects as one matrix
    String matrix = ReportAssertions.figure(doc, "fig-importance-matrix", "heatmap", 9).html();
    assertTrue(matrix.contains("Stimulus-level importance matrix"), "matrix title");
    for (String f : List.of("f0", "f1", "f2")) {
      assertTrue(matrix.contains(">" + f + "<"), "matrix labels " + f);
    }
    assertTrue(doc.select("figure:has(#fig-importance-matrix) figcaption").text()
        .contains("the diagonal holds each feature's main effect"), "matrix caption");
    List<String> tableUnits = ReportAssertions.firstColumn(doc, "importance-table");
    assertEquals(units.size(), tableUnits.size());
    assertTrue(tableUnits.containsAll(units), tableUnits + " vs " + units);
    List<String> features = List.of("f0", "f1", "f2");
    assertEquals(tableUnits.subList(0, 3).stream().sorted().toList(),
        units.stream().filter(u -> !u.contains(":")).sorted().toList(),
        "features first");
    assertTrue(tableUnits.subList(3, 6).stream().allMatch(u -> u.contains(":")),
        "interactions last: " + tableUnits);
    assertTrue(doc.text().contains("Permutation importance (stimulus-level)"), "section title");
    assertTrue(doc.getElementById("fig-importance").html()
        .contains("Stimulus-level importance per unit (95% interval: across folds)"),
        "figure title says which importance and interval");
    assertTrue(doc.select(".howto").text().contains("Unit: one row of the importance table"),
        "how to read");
    assertEquals(6, ReportAssertions.rows(doc, "importance-table").size());
    assertTrue(doc.select("#importance-table th").eachText()
        .contains("95% low (across folds)"), "table header says what the interval is");
    String weights = doc.getElementById("fig-weights").html();
    for (String name : csvColumn(run.resolve("weights.csv"), 0)) {
      assertTrue(weights.contains(">" + name + "<"), "heatmap labels " + name);
    }
    assertEquals(3, csvColumn(run.resolve("weights.csv"), 0).size());
    assertEquals(List.of("1", "2", "mean"), ReportAssertions.firstColumn(doc, "scores-table"));
    assertEquals(List.of("1", "2"), ReportAssertions.firstColumn(doc, "folds"));
    List<List<String>> scores = ReportAssertions.rows(doc, "scores-table");
    List<String> csvSpearman = csvColumn(run.resolve("scores.csv"), 1);
    for (int i = 0; i < 3; i++) {
      assertEquals(Double.parseDouble(csvSpearman.get(i)),
          Double.parseDouble(scores.get(i).get(1)), 5e-5, "Spearman row " + i);
    }
    assertEquals(List.of("features", "representations"),
        ReportAssertions.firstColumn(doc, "provenance-inputs"));
    assertTrue(ReportAssertions.rows(doc, "provenance-inputs").get(0).get(3).matches(
        "[0-9a-f]{64}"), "sha256 shown");
    assertTrue(ReportAssertions.firstColumn(doc, "provenance-config").contains("seed"));
    assertTrue(ReportAssertions.firstColumn(doc, "provenance-timings").contains("analysis"));
    assertTrue(features.stream().allMatch(f -> tableUnits.contains(f)), tableUnits.toString());
  }

  @Test
  void reportCommandRebuildsTheReportAtomically() throws IOException {
    Path report = run.resolve("report.html");
    Files.writeString(report, "stale");
    Result r = cli("report", run.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("report.html"), r.out());
    ReportAssertions.selfContained(report);
    try (var listing = Files.list(run)) {
      assertTrue(listing.noneMatch(p -> p.getFileName().toString().contains(".tmp")
          || p.getFileName().toString().endsWith(".crc")), "no temporary or checksum files");
    }
  }

  @Test
  void noReportFlagSkipsIt() {
    Path other = tmp.resolve("run-no-report");
    Result r = cli("fit", "--features", tmp.resolve("data/features.csv").toString(),
        "--representations", tmp.resolve("data/representations.csv").toString(),
        "--out", other.toString(), "--master", "local[2]", "--batch-size", "40",
        "--max-steps", "3", "--permutations", "0", "--no-report", "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(Files.exists(other.resolve("_SUCCESS")));
    assertFalse(Files.exists(other.resolve("report.html")));
  }

  @Test
  void badDirectoriesExitWithTwo() throws IOException {
    Result missing = cli("report", tmp.resolve("nowhere").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("directory not found: " + tmp.resolve("nowhere")),
        missing.err());
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Result none = cli("report", empty.toString());
    assertEquals(2, none.code());
    assertTrue(none.err().contains("is not an mlem output directory: none of sweep.json, "
        + "simulate.json, robustness.json, efficiency.json, searchlight.json, rsa.json, run.json "
        + "found"),
        none.err());
    Result layer = cli("report", run.toString(), "--mds-layer", "layer=1");
    assertEquals(2, layer.code());
    assertTrue(layer.err().contains("--mds-layer applies to sweep directories only"),
        layer.err());
  }

  @Test
  void chromiumRendersTheReport() throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    assumeTrue(Files.isExecutable(chromium), "Debian's chromium is not installed");
    Path png = tmp.resolve("report.png");
    Path profile = Files.createTempDirectory(tmp, "chromium-profile");
    Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--screenshot=" + png, "--window-size=1280,2400",
        run.resolve("report.html").toUri().toString())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
    assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium finished");
    assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("chromium.log")));
    assertTrue(Files.size(png) > 50_000, "a non-trivial PNG: " + Files.size(png) + " bytes");
    byte[] head = Files.readAllBytes(png);
    assertEquals((byte) 0x89, head[0]);
    assertEquals('P', head[1]);
    Path keep = Files.createDirectories(Path.of("target", "report-screenshots"));
    Files.copy(png, keep.resolve("fit-report.png"), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(run.resolve("report.html"), keep.resolve("fit-report.html"),
        StandardCopyOption.REPLACE_EXISTING);
  }
}
