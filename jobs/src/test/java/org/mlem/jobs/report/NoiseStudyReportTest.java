package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlem.jobs.io.InputException;

/**
 * Simulation and robustness directories in the documented layout get reports with the paper's
 * noise figures (2a, 3a, S6; 2b) and summary tables whose means and stds are those of the rows.
 */
class NoiseStudyReportTest {
  private static final List<String> MODELS = List.of("mlem", "frrsa-i", "frrsa");
  private static final double[] NOISE = {0.0, 0.5, 1.0};

  @TempDir Path tmp;

  /** frobenius of (model m, noise k, seed s): mean 1 + m + k, seeds at +-0.5. */
  private static double frob(int m, int k, int s) {
    return 1 + m + k + (s == 0 ? -0.5 : 0.5);
  }

  @Test
  void simulateReport() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("sim"));
    StringBuilder runs = new StringBuilder(
        "model,strength,noise,seed,frobenius,steps,best_step,spearman,seconds\n");
    StringBuilder tau = new StringBuilder("model,strength,noise,seed,weighted_tau\n");
    for (int m = 0; m < MODELS.size(); m++) {
      for (int k = 0; k < NOISE.length; k++) {
        for (int s = 0; s < 2; s++) {
          runs.append(String.format(Locale.ROOT, "%s,relative:1.0,%s,%d,%s,%d,%d,%s,0.5%n",
              MODELS.get(m), NOISE[k], s, frob(m, k, s), 10 * (m + 1) + s, 5, 0.9 - 0.1 * k));
          tau.append(String.format(Locale.ROOT, "%s,relative:1.0,%s,%d,%s%n", MODELS.get(m),
              NOISE[k], s, 1.0 - 0.2 * k));
        }
      }
    }
    Files.writeString(out.resolve("runs.csv"), runs);
    Files.writeString(out.resolve("weighted_tau.csv"), tau);
    Files.writeString(out.resolve("simulate.json"),
        "{\"config\":{\"seeds\":2,\"stimuli\":40},\"timings\":{\"total\":12.5}}");
    assertEquals(ReportKind.SIMULATE,
        ReportKind.detect(new ReportFiles(new Configuration()), out.toString()));
    Reports.write(null, new Configuration(), out.toString(), ReportKind.SIMULATE, null);
    Document doc = ReportAssertions.selfContained(out.resolve("report.html"));
    ReportAssertions.keep(out.resolve("report.html"), "simulate-report.html");
    for (String id : List.of("fig-frobenius", "fig-steps", "fig-weighted-tau", "fig-spearman")) {
      ReportAssertions.figure(doc, id, "noise-curve", 6);
      assertTrue(doc.getElementById(id).select("text").eachText().containsAll(MODELS),
          id + " legend");
    }
    List<List<String>> summary = ReportAssertions.rows(doc, "summary-table");
    assertEquals(MODELS.size() * NOISE.length, summary.size());
    List<String> header = doc.select("#summary-table th").eachText();
    int frobMean = header.indexOf("frobenius mean");
    int frobStd = header.indexOf("frobenius std");
    for (int m = 0; m < MODELS.size(); m++) {
      for (int k = 0; k < NOISE.length; k++) {
        List<String> row = summary.get(m * NOISE.length + k);
        assertEquals(MODELS.get(m), row.get(0));
        assertEquals(NOISE[k], Double.parseDouble(row.get(1)));
        assertEquals("2", row.get(2));
        assertEquals(1 + m + k, Double.parseDouble(row.get(frobMean)), 1e-9);
        assertEquals(Math.sqrt(0.5), Double.parseDouble(row.get(frobStd)), 1e-4);
      }
    }
  }

  @Test
  void robustnessReport() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("rob"));
    StringBuilder rows = new StringBuilder("model,noise,seed,frobenius,weighted_tau,spearman\n");
    for (int m = 0; m < 2; m++) {
      for (int k = 0; k < NOISE.length; k++) {
        for (int s = 0; s < 3; s++) {
          rows.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s%n", MODELS.get(m), NOISE[k],
              s, frob(m, k, s % 2), 1 - 0.3 * k, 0.8));
        }
      }
    }
    Files.writeString(out.resolve("robustness.csv"), rows);
    Files.writeString(out.resolve("robustness.json"), "{\"config\":{\"seeds\":3}}");
    RobustnessReport.write(new Configuration(), out.toString());
    Document doc = ReportAssertions.selfContained(out.resolve("report.html"));
    for (String id : List.of("fig-frobenius", "fig-weighted-tau", "fig-spearman")) {
      ReportAssertions.figure(doc, id, "noise-curve", 4);
    }
    assertEquals(List.of("mlem", "mlem", "mlem", "frrsa-i", "frrsa-i", "frrsa-i"),
        ReportAssertions.firstColumn(doc, "summary-table"));
  }

  @Test
  void malformedTablesNameFileRowAndColumn() throws IOException {
    Path out = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(out.resolve("robustness.json"), "{}");
    Files.writeString(out.resolve("robustness.csv"),
        "model,noise,seed,frobenius,weighted_tau,spearman\nmlem,0.1,0,abc,1,1\n");
    InputException e = assertThrows(InputException.class,
        () -> RobustnessReport.write(new Configuration(), out.toString()));
    assertEquals(out.resolve("robustness.csv") + ": row 2 column 'frobenius' must be a number, "
        + "found 'abc'", e.getMessage());
    Files.writeString(out.resolve("robustness.csv"), "model,noise,seed\nmlem,0.1,0\n");
    e = assertThrows(InputException.class,
        () -> RobustnessReport.write(new Configuration(), out.toString()));
    assertTrue(e.getMessage().startsWith(out.resolve("robustness.csv")
        + ": missing column 'frobenius'; found columns [model, noise, seed]"), e.getMessage());
    Path sim = Files.createDirectories(tmp.resolve("sim-missing"));
    Files.writeString(sim.resolve("simulate.json"), "{}");
    e = assertThrows(InputException.class,
        () -> SimulateReport.write(new Configuration(), sim.toString()));
    assertTrue(e.getMessage().startsWith("runs.csv not found: " + sim.resolve("runs.csv")),
        e.getMessage());
  }
}
