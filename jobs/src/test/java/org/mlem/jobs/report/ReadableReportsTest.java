package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user reads in the reports (issue 12, item 8), from directories written by hand: every
 * expected string below is written here, not produced by the report code. Each test names the
 * mistake it guards against.
 */
class ReadableReportsTest {
  @TempDir Path tmp;

  // ---- a fit run directory with two folds, written by hand -----------------------------

  /** Writes a complete run directory: features f0, f1, f2, two folds, the given summary. */
  static Path fitRun(Path dir, String set, String kind, String summaryRows) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("importance_summary.csv"),
        "unit,mean,std,ci_low,ci_high\n" + summaryRows);
    Files.writeString(dir.resolve("scores.csv"), "fold,spearman,rho_a,tau_a\n"
        + "0,0.5,0.49,0.3\n1,0.6,0.59,0.4\nmean,0.55,0.54,0.35\n");
    Files.writeString(dir.resolve("history.csv"), "fold,step,score,seconds,validation_score\n"
        + "0,0,0.2,0.1,0.61\n0,1,0.4,0.1,0.71\n1,0,0.3,0.1,0.62\n1,1,0.35,0.1,0.66\n");
    Files.writeString(dir.resolve("weights.csv"),
        "feature,f0,f1,f2\nf0,0.8,0.1,0.0\nf1,0.1,0.5,-0.2\nf2,0.0,-0.2,0.1\n");
    Files.writeString(dir.resolve("run.json"), "{\"format_version\":1,\"seed\":"
        + "-8964335501799190911,\"config\":{\"model\":\"mlem\",\"stopping\":\"validation\","
        + "\"importance\":\"" + kind + "\"" + (set == null ? "" : ",\"set\":\"" + set + "\"")
        + "},\"inputs\":[],\"counts\":{\"stimuli\":40},\"feature_names\":[\"f0\",\"f1\",\"f2\"],"
        + "\"folds\":[{\"fold\":0,\"steps\":2,\"best_step\":1,\"best_score\":0.41},"
        + "{\"fold\":1,\"steps\":2,\"best_step\":1,\"best_score\":0.36}],"
        + "\"scores\":{\"spearman\":0.55,\"rho_a\":0.54,\"tau_a\":0.35},"
        + "\"importance\":{\"kind\":\"" + kind + "\",\"interval\":\"across folds\"},"
        + "\"timings\":{\"analysis\":15.010164459,\"load\":1.262406539},\"warnings\":[]}");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    return dir;
  }

  private static final String STIMULUS_ROWS = "f0,255.5,0.02,255.4,255.6\n"
      + "f1,0.0001886,0.00001,0.0001,0.0003\nf2,1.774e-05,0.02,-0.01,0.01\n"
      + "f0:f1,0.01,0.01,0,0.02\nf0:f2,0.02,0.01,0,0.04\nf1:f2,0.03,0.01,0,0.06\n";

  private Document fitReport(String set, String kind, String rows) throws IOException {
    Path run = fitRun(tmp.resolve("run-" + kind), set, kind, rows);
    FitReport.write(new Configuration(), run.toString());
    return ReportAssertions.selfContained(run.resolve("report.html"));
  }

  @Test
  void numbersHaveFourSignificantDigitsEverywhere() throws IOException {
    // the mistake: 1.774e-05 / 0.0001886 / 255.5000 side by side; 15.010164459 s raw
    assertEquals("255.5", Format.number(255.5));
    assertEquals("0.0001886", Format.number(0.0001886));
    assertEquals("1.774e-5", Format.number(1.774e-05));
    assertEquals("0.4270", Format.number(0.42700));
    assertEquals("15.01", Format.number(15.010164459));
    assertEquals("0.5000", Format.number(0.5));
    assertEquals("24218", Format.number(24218));
    assertEquals("-0.001410", Format.number(-0.00141));
    assertEquals("2.500e+6", Format.number(2.5e6 + 0.5));
    assertEquals("0", Format.number(-0.0));
    Document doc = fitReport(null, "stimulus", STIMULUS_ROWS);
    List<List<String>> rows = ReportAssertions.rows(doc, "importance-table");
    assertEquals(List.of("f0", "features", "255.5", "0.02000", "255.4", "255.6"), rows.get(0));
    assertEquals(List.of("f1", "features", "0.0001886", "1.000e-5", "0.0001000", "0.0003000"),
        rows.get(1));
    assertEquals("1.774e-5", rows.get(2).get(2));
    assertEquals(List.of("analysis", "15.01"), ReportAssertions.rows(doc, "provenance-timings")
        .get(0));
    assertTrue(doc.text().contains("seed -8964335501799190911"), "a seed is an exact integer");
    assertTrue(doc.text().contains("Held-out Spearman 0.5500, rho-a 0.5400, tau-a 0.3500"),
        doc.select("p").first().text());
    // axis ticks: round values without padded zeros, never "0.00" or "1.0E-5"
    List<String> ticks = doc.getElementById("fig-importance").select("text").eachText();
    assertTrue(ticks.contains("0"), ticks.toString());
    assertFalse(ticks.stream().anyMatch(t -> t.matches("-?\\d+\\.\\d*0")), ticks.toString());
  }

  @Test
  void allInteractionsShownAreCalledAll() throws IOException {
    // the mistake: "the 6 strongest of 6 interactions"
    Document doc = fitReport(null, "stimulus", STIMULUS_ROWS);
    String caption = doc.select("figure:has(#fig-importance) figcaption").text();
    assertTrue(caption.contains("then all 3 interaction effects."), caption);
    assertFalse(caption.contains("strongest"), caption);
  }

  @Test
  void theWeightCaptionSaysWhichMatrixIsShown() throws IOException {
    // the mistake: with 5 folds, nothing said which W the heatmap is
    Document doc = fitReport(null, "stimulus", STIMULUS_ROWS);
    String caption = doc.select("figure:has(#fig-weights) figcaption").text();
    assertTrue(caption.contains("W shown here is the element-wise mean of the 2 folds' fitted "
        + "matrices, rescaled to unit Frobenius norm (as in weights.csv)"), caption);
  }

  @Test
  void foldsAreNumberedFromOneForUsers() throws IOException {
    // the mistake: folds 0..K-1 in the report, 1..K on the console
    Document doc = fitReport(null, "stimulus", STIMULUS_ROWS);
    assertEquals(List.of("1", "2"), ReportAssertions.firstColumn(doc, "folds"));
    assertEquals(List.of("1", "2", "mean"), ReportAssertions.firstColumn(doc, "scores-table"));
    List<String> legend = doc.getElementById("fig-training").select("text").eachText();
    assertTrue(legend.containsAll(List.of("fold 1", "fold 2")), legend.toString());
    assertFalse(legend.contains("fold 0"), legend.toString());
    assertTrue(doc.text().contains("Folds are numbered 1..K here and on the console; the fold "
        + "column of the run's tables (history, scores, importance) counts from 0."));
    // the curve is the score early stopping watched (validation batch), as the caption says
    assertTrue(doc.select("figure:has(#fig-training) figcaption").text().contains("The score "
        + "early stopping watched (soft Spearman on the fixed validation batch)"));
    assertTrue(legend.contains("0.7"), "the validation curve reaches 0.71: " + legend);
  }

  @Test
  void everyFigureHasAHowToReadBox() throws IOException {
    // the mistake: unit / interaction / total importance explained nowhere
    Document doc = fitReport(null, "stimulus", STIMULUS_ROWS);
    for (String id : List.of("fig-importance", "fig-weights", "fig-training")) {
      Element next = doc.getElementById(id).parent().nextElementSibling();
      assertNotNull(next, id);
      assertTrue(next.hasClass("howto"), id + " is followed by " + next.outerHtml());
      assertTrue(next.text().startsWith("How to read this"), next.text());
    }
    String importance = doc.getElementById("fig-importance").parent().nextElementSibling()
        .text();
    assertTrue(importance.contains("Unit: one row of the importance table, a feature or a pair "
        + "of features 'a:b'. A feature's importance (its main effect) is how much the held-out "
        + "Spearman drops when that feature's values are shuffled across the held-out "
        + "stimuli"), importance);
    assertTrue(importance.contains("Interaction 'a:b': the extra drop when a and b are shuffled "
        + "together, beyond the sum of their two single drops (S_a + S_b - S_ab - S0)."));
    assertTrue(importance.contains("Total importance: not reported at stimulus level"));
    assertTrue(importance.contains("Student t with K - 1 degrees of freedom over the K "
        + "per-fold means"), importance);
    Element scores = doc.getElementById("scores-table").nextElementSibling();
    assertTrue(scores.hasClass("howto") && scores.text().contains("Held-out score: the "
        + "Spearman correlation between the predicted distances sqrt(delta^T W delta) and the "
        + "neural distances, over pairs of test stimuli the fit never saw"), scores.text());

    Document term = fitReport(null, "term", "f0,0.3,0.01,0.2,0.4\nf1,0.1,0.01,0,0.2\n"
        + "f2,0.1,0.01,0,0.2\nf0:f1,0.01,0.01,0,0.02\ntotal:f0,0.5,0.01,0.4,0.6\n");
    String termBox = term.getElementById("fig-importance").parent().nextElementSibling().text();
    assertTrue(termBox.contains("Total importance 'total:f': feature f's distance is shuffled "
        + "before the expansion, breaking the feature and all its interaction terms at once."),
        termBox);
    assertTrue(termBox.contains("Interaction 'a:b': the term 2 delta_a delta_b"), termBox);
  }

  // ---- noise studies ---------------------------------------------------------------------

  private static int count(String text, String what) {
    return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
  }

  /** The y axis's tick values: the numbers drawn after the x axis label. */
  private static List<Double> ticks(Element svg) {
    List<Double> out = new ArrayList<>();
    List<String> texts = svg.select("text").eachText();
    for (String t : texts.subList(texts.indexOf("noise level") + 1, texts.size())) {
      if (t.matches("-?\\d+(\\.\\d+)?")) {
        out.add(Double.parseDouble(t));
      }
    }
    return out;
  }

  @Test
  void bandsStayWithinTheQuantitysBounds() throws IOException {
    // the mistake: +-1 std bands drawn below 0 for a distance (and above 1 for a tau)
    Path out = Files.createDirectories(tmp.resolve("rob"));
    // noise 1: frobenius 0.0 and 0.3 (mean 0.15, std 0.2121: mean - std = -0.0621);
    // weighted tau 1.0 and 0.8 (mean 0.9, std 0.1414: mean + std = 1.041)
    Files.writeString(out.resolve("robustness.csv"),
        "model,noise,seed,frobenius,weighted_tau,spearman\n"
            + "mlem,0.0,1,0.0,1.0,0.7\nmlem,0.0,2,0.0,1.0,0.7\n"
            + "mlem,1.0,1,0.0,1.0,0.5\nmlem,1.0,2,0.3,0.8,0.3\n"
            + "mlem,2.0,1,0.2,0.6,0.2\nmlem,2.0,2,0.3,0.5,0.1\n");
    Files.writeString(out.resolve("robustness.json"), "{\"config\":{\"seeds\":2}}");
    RobustnessReport.write(new Configuration(), out.toString());
    Document doc = ReportAssertions.selfContained(out.resolve("report.html"));
    List<Double> frob = ticks(doc.getElementById("fig-frobenius"));
    assertFalse(frob.isEmpty());
    assertTrue(frob.stream().allMatch(v -> v >= 0), "no negative distance on the axis: " + frob);
    assertTrue(frob.contains(0.0), frob.toString());
    List<Double> tau = ticks(doc.getElementById("fig-weighted-tau"));
    assertTrue(tau.stream().allMatch(v -> v <= 1.0), "no tick above tau's bound: " + tau);
    assertTrue(tau.contains(1.0), tau.toString());
    String text = doc.text();
    assertTrue(text.contains("Frobenius distance between W at each noise level and the "
        + "noiseless fit's W. Bands are clipped at 0 (a distance cannot lie outside)."), text);
    assertTrue(text.contains("Bands are clipped to [-1, 1] (a weighted Kendall tau cannot lie "
        + "outside)."), text);
    assertTrue(doc.select(".howto").size() >= 3, "a how-to-read box per figure");
    assertTrue(text.contains("the shaded band the mean +- 1 standard deviation over seeds"));
    // the band itself: the series' lower ends, clipped by hand: max(0, 0.15 - 0.2121) = 0
    NoiseGroups.Group g = NoiseGroups.of(CsvRows.parse("t", Files.readString(
        out.resolve("robustness.csv")), "model", "noise"), List.of("frobenius")).get(1);
    assertEquals(0.15, g.mean("frobenius"), 1e-12);
    assertEquals(0.0, BandChart.Bounds.atLeastZero("a distance")
        .clip(g.mean("frobenius") - g.std("frobenius")));
  }

  // ---- sweeps ----------------------------------------------------------------------------

  /** A sweep with two sets; rho-a equal to or different from Spearman; a given status. */
  private Path sweep(String name, List<String> sets, boolean rhoIsSpearman, String status)
      throws IOException {
    Path out = Files.createDirectories(tmp.resolve(name));
    StringBuilder combined = new StringBuilder(
        "set,unit,mean,std,ci_low,ci_high,spearman,rho_a,tau_a,status,reason,kind,interval\n");
    for (int s = 0; s < sets.size(); s++) {
      double sp = 0.5 + 0.1 * s;
      double rho = rhoIsSpearman ? sp : sp - 0.02;
      for (String unit : List.of("f0", "f1", "f2", "f0:f1")) {
        combined.append(String.format(Locale.ROOT, "%s,%s,0.1,0.01,0.05,0.15,%s,%s,0.3,%s,,"
            + "stimulus,across folds%n", sets.get(s), unit, sp, rho, status));
      }
      Path run = tmp.resolve(name).resolve("runs")
          .resolve(org.mlem.jobs.output.SweepFiles.runDirName(sets.get(s)));
      fitRun(run, sets.get(s), "stimulus", "f0,0.1,0.01,0.05,0.15\n");
    }
    Files.writeString(out.resolve("combined.csv"), combined);
    SweepReport.write((org.apache.spark.sql.SparkSession) null, new Configuration(), out.toString(), null);
    return out;
  }

  @Test
  void aHiddenRhoALineIsNotInTheLegend() throws IOException {
    // the mistake: rho-a equal to Spearman, drawn under it, but listed in the legend
    Path same = sweep("same", List.of("layer=1", "layer=2"), true, "ok");
    Document doc = ReportAssertions.selfContained(same.resolve("report.html"));
    List<String> legend = doc.getElementById("fig-layer-scores").select("text").eachText();
    assertTrue(legend.containsAll(List.of("Spearman", "tau-a")), legend.toString());
    assertFalse(legend.contains("rho-a"), legend.toString());
    assertTrue(doc.text().contains("rho-a is not drawn: it equals Spearman on every set (to 4 "
        + "decimals), because no predicted distances tie."));
    Path differ = sweep("differ", List.of("layer=1", "layer=2"), false, "ok");
    Document d = ReportAssertions.selfContained(differ.resolve("report.html"));
    assertTrue(d.getElementById("fig-layer-scores").select("text").eachText().contains("rho-a"));
    assertTrue(d.text().contains("rho-a (dashed: it can run on top of Spearman's line)"));
    assertTrue(d.getElementById("fig-layer-scores").html().contains("stroke-dasharray"),
        "the rho-a line is dashed");
  }

  @Test
  void resumedSetsAreOkAndPartitionNamesDecoded() throws IOException {
    // the mistakes: status "skipped-complete" for a resumed set; a set shown as set=layer%3D0
    Path out = sweep("resumed", List.of("set=layer%3D0", "set=layer%3D1"), true,
        "skipped-complete");
    Document doc = ReportAssertions.selfContained(out.resolve("report.html"));
    List<List<String>> status = ReportAssertions.rows(doc, "status-table");
    assertEquals(List.of("set=layer=0", "set=layer=1"),
        status.stream().map(r -> r.get(0)).toList());
    assertEquals(List.of("ok (resumed)", "ok (resumed)"),
        status.stream().map(r -> r.get(1)).toList());
    assertTrue(doc.text().contains("2 sets: 2 ok (2 resumed: completed by an earlier run of the "
        + "same command), 0 failed."), doc.text());
    assertFalse(doc.html().contains("%3D"), "no escaped name shown");
    assertFalse(doc.text().contains("skipped-complete ") && !doc.text().contains(
        "record it as skipped-complete"), "the file label is only explained");
    List<String> labels = doc.getElementById("fig-profiles").select("text").eachText();
    assertTrue(labels.containsAll(List.of("set=layer=0", "set=layer=1")), labels.toString());
    // the links still point at the run directories as written
    assertEquals(List.of("runs/set=layer~253D0/report.html", "runs/set=layer~253D1/report.html"),
        doc.select("#status-table a").eachAttr("href"));
    Document set = Jsoup.parse(Files.readString(out.resolve("runs/set=layer~253D0/report.html")));
    assertEquals("MLEM fit report: set set=layer=0", set.select("h1").text());
    assertEquals("layer=3", SetNames.display("layer=3"));
    assertEquals("a b", SetNames.display("a b"));
  }

  // ---- MDS -------------------------------------------------------------------------------

  @Test
  void mdsAxesHaveEqualScale() {
    // the mistake: MDS axes stretched independently (distances distorted)
    double[][] xy = {{-2, 0}, {2, 0}, {0, -0.5}, {0, 0.5}};
    List<Object> values = List.of(1.0, 2.0, 3.0, 4.0);
    Document doc = Jsoup.parse("<body>" + MdsScatter.svg("m", "t", xy, values, "f") + "</body>");
    // a marker is a circle of radius 4 drawn as a path of four cubic curves: its centre is
    // the middle of its control points' bounding box
    List<double[]> centres = new ArrayList<>();
    for (Element path : doc.select("svg#m path")) {
      String d = path.attr("d");
      if (count(d, "C") != 4) {
        continue;
      }
      double[] box = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("(-?[\\d.]+),(-?[\\d.]+)").matcher(d);
      while (m.find()) {
        double x = Double.parseDouble(m.group(1));
        double y = Double.parseDouble(m.group(2));
        box[0] = Math.min(box[0], x);
        box[1] = Math.max(box[1], x);
        box[2] = Math.min(box[2], y);
        box[3] = Math.max(box[3], y);
      }
      if (Math.abs(box[1] - box[0] - 8) < 0.01 && Math.abs(box[3] - box[2] - 8) < 0.01) {
        centres.add(new double[] {(box[0] + box[1]) / 2, (box[2] + box[3]) / 2});
      }
    }
    assertEquals(4, centres.size(), "four point markers");
    double[][] px = centres.toArray(new double[0][]);
    double horizontal = Math.abs(px[1][0] - px[0][0]) / 4.0; // pixels per unit along x
    double vertical = Math.abs(px[3][1] - px[2][1]) / 1.0; // pixels per unit along y
    assertTrue(horizontal > 50, "points spread: " + horizontal);
    assertEquals(horizontal, vertical, 0.01 * horizontal, "one unit as long on both axes");
  }
}
