package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.core.sim.SimulationStudy;
import org.mlem.core.sim.SyntheticDataset;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.testing.SparkTestSession;

/**
 * A sweep directory in the documented layout (written by the test: three complete sets, one
 * failed set, inputs on disk for the MDS view) gets a report with the profile, score and MDS
 * figures, a status table in natural set order linking each set's own report, and those reports.
 */
class SweepReportTest {
  private static final List<String> UNITS = List.of("f0", "f1", "f2", "f0:f1", "f0:f2", "f1:f2",
      "total:f0", "total:f1", "total:f2");
  private static final List<String> OK_SETS = List.of("layer=1", "layer=2", "layer=10");

  private static SparkSession spark;
  private static SyntheticDataset data;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() {
    spark = SparkTestSession.local(2, "SweepReportTest");
    data = SimulationStudy.generate(40, 3, 5, 0.5, 11);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  /** Importance of unit u in set s: f1 peaks at layer=2 (the default MDS layer). */
  private static double mean(int u, int s) {
    return u == 1 ? (s == 1 ? 0.9 : 0.3) : 0.05 * (u + 1) + 0.01 * s;
  }

  static Path sweep(String name, boolean readableInputs) throws IOException {
    Path out = Files.createDirectories(tmp.resolve(name));
    Path inputs = Files.createDirectories(tmp.resolve(name + "-inputs"));
    Path features = ReportTestData.features(data, inputs);
    StringBuilder combined = new StringBuilder(
        "set,unit,mean,std,ci_low,ci_high,spearman,rho_a,tau_a,status,reason\n");
    for (int s = 0; s < OK_SETS.size(); s++) {
      String set = OK_SETS.get(s);
      Path reps = ReportTestData.representations(data, inputs, set + ".csv");
      Path run = Files.createDirectories(out.resolve("runs").resolve(set));
      StringBuilder summary = new StringBuilder("unit,mean,std,ci_low,ci_high\n");
      for (int u = 0; u < UNITS.size(); u++) {
        double m = mean(u, s);
        summary.append(String.format(Locale.ROOT, "%s,%s,0.02,%s,%s%n", UNITS.get(u), m,
            m - 0.04, m + 0.04));
        combined.append(String.format(Locale.ROOT, "%s,%s,%s,0.02,%s,%s,%s,%s,%s,ok,%n", set,
            UNITS.get(u), m, m - 0.04, m + 0.04, 0.5 + 0.1 * s, 0.4, 0.3));
      }
      Files.writeString(run.resolve("importance_summary.csv"), summary);
      Files.writeString(run.resolve("scores.csv"), "fold,spearman,rho_a,tau_a\n0,"
          + (0.5 + 0.1 * s) + ",0.4,0.3\nmean," + (0.5 + 0.1 * s) + ",0.4,0.3\n");
      Files.writeString(run.resolve("history.csv"),
          "fold,step,score,seconds\n0,0,0.2,0.1\n0,1,0.4,0.1\n0,2,0.35,0.1\n");
      Files.writeString(run.resolve("weights.csv"),
          "feature,f0,f1,f2\nf0,1.0,0.2,0.0\nf1,0.2,2.0,-0.3\nf2,0.0,-0.3,0.5\n");
      String featuresUri = readableInputs ? features.toString() : inputs.resolve("gone.csv")
          .toString();
      Files.writeString(run.resolve("run.json"), "{\"format_version\":1,\"seed\":" + s
          + ",\"config\":{\"model\":\"mlem\",\"id-column\":\"id\",\"distance\":\"euclidean\"},"
          + "\"inputs\":[{\"role\":\"features\",\"uri\":\"" + featuresUri + "\",\"bytes\":1,"
          + "\"sha256\":\"00\"},{\"role\":\"representations\",\"uri\":\"" + reps
          + "\",\"bytes\":1,\"sha256\":\"11\"}],\"counts\":{\"stimuli\":40},"
          + "\"feature_names\":[\"f0\",\"f1\",\"f2\"],\"folds\":[{\"fold\":0,\"steps\":3,"
          + "\"best_step\":1,\"best_score\":0.4}],\"scores\":{\"spearman\":0.5},"
          + "\"timings\":{\"analysis\":1.0},\"warnings\":[]}");
      Files.writeString(run.resolve("_SUCCESS"), "");
    }
    combined.append("layer=3,,,,,,,,,failed,\"constant representations, no valid pairs\"\n");
    Files.writeString(out.resolve("combined.csv"), combined);
    Files.writeString(out.resolve("sweep.json"), "{\"batch_size\":40,\"config\":{\"seed\":0},"
        + "\"sets\":[{\"name\":\"layer=1\",\"status\":\"ok\"},{\"name\":\"layer=2\","
        + "\"status\":\"ok\"},{\"name\":\"layer=3\",\"status\":\"failed\",\"reason\":\"x\"},"
        + "{\"name\":\"layer=10\",\"status\":\"skipped-complete\"}],\"timings\":{\"total\":3}}");
    return out;
  }

  @Test
  void sweepReportHasEveryFigureTableAndSetReport() throws IOException {
    Path out = sweep("sweep", true);
    String uri = SweepReport.write(spark, out.toString(), null);
    assertTrue(uri.endsWith("report.html"), uri);
    Document doc = ReportAssertions.selfContained(out.resolve("report.html"));
    ReportAssertions.keep(out.resolve("report.html"), "sweep-report.html");
    Element profiles = ReportAssertions.figure(doc, "fig-profiles", "profiles", 6);
    for (String unit : List.of("f1", "total:f0", "f1:f2")) {
      boolean expected = !unit.startsWith("total:");
      assertEquals(expected, profiles.select("text").eachText().contains(unit), unit);
    }
    for (String set : List.of("layer=1", "layer=2", "layer=3", "layer=10")) {
      assertTrue(profiles.select("text").eachText().contains(set), "x label " + set);
    }
    ReportAssertions.figure(doc, "fig-layer-scores", "layer-scores", 3);
    Element mds = ReportAssertions.figure(doc, "fig-mds", "mds", 40);
    assertTrue(mds.select("text").eachText().contains("MDS of layer=2 coloured by f1"),
        mds.select("text").eachText().toString());
    assertTrue(doc.text().contains("of 40 stimuli of layer=2"), "caption");

    List<List<String>> status = ReportAssertions.rows(doc, "status-table");
    assertEquals(List.of("layer=1", "layer=2", "layer=3", "layer=10"),
        status.stream().map(r -> r.get(0)).toList(), "natural order");
    assertEquals(List.of("ok", "ok", "failed", "ok"),
        status.stream().map(r -> r.get(1)).toList());
    assertEquals("constant representations, no valid pairs", status.get(2).get(2));
    List<String> links = doc.select("#status-table a").eachAttr("href");
    assertEquals(List.of("runs/layer=1/report.html", "runs/layer=2/report.html",
        "runs/layer=10/report.html"), links);
    for (String set : OK_SETS) {
      Document setReport = ReportAssertions.selfContained(
          out.resolve("runs").resolve(set).resolve("report.html"));
      ReportAssertions.figure(setReport, "fig-importance", "importance", 9);
      assertEquals(UNITS.size(), ReportAssertions.rows(setReport, "importance-table").size());
      assertEquals(List.of("../../report.html"), setReport.select("a").eachAttr("href"));
    }
  }

  @Test
  void chosenLayerAndUnreadableInputs() throws IOException {
    Path out = sweep("sweep-layer", true);
    Reports.write(() -> spark, new Configuration(), out.toString(), ReportKind.SWEEP,
        "layer=10");
    Document doc = ReportAssertions.selfContained(out.resolve("report.html"));
    Element mds = ReportAssertions.figure(doc, "fig-mds", "mds", 40);
    assertTrue(mds.select("text").eachText().contains("MDS of layer=10 coloured by f1"),
        mds.select("text").eachText().toString());

    InputException e = assertThrows(InputException.class, () -> SweepReport.write(spark,
        out.toString(), "layer=7"));
    assertEquals("--mds-layer layer=7 is not a set of the sweep in " + out
        + "; sets: layer=1, layer=2, layer=3, layer=10", e.getMessage());

    Path broken = sweep("sweep-broken", false);
    SweepReport.write(spark, broken.toString(), null);
    Document b = ReportAssertions.selfContained(broken.resolve("report.html"));
    assertTrue(b.getElementById("fig-mds") == null, "MDS omitted");
    assertTrue(b.select("p.note").text().contains("MDS view of layer=2 omitted"),
        b.select("p.note").text());
    ReportAssertions.figure(b, "fig-profiles", "profiles", 6);
    assertFalse(b.select("#status-table a").isEmpty());
  }
}
