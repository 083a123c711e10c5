package org.mlem.jobs.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The brain sweeps' figures, from sweep directories written by hand (combined.csv and
 * sweep.json, no run directories, no Spark): importance over time for time-window sets,
 * importance per ROI for atlas sets; the window centres and the bars are worked out here.
 */
class BrainSweepReportTest {
  @TempDir Path tmp;

  private static final List<String> UNITS = List.of("a", "b", "a:b");

  /** Unit u's mean in set s (s counts the sets as written), its interval +-0.05. */
  private static double mean(int u, int s) {
    return 0.1 * (u + 1) + 0.01 * s;
  }

  private Path sweep(String name, List<String> sets, String config, String failedSet)
      throws IOException {
    Path out = Files.createDirectories(tmp.resolve(name));
    StringBuilder combined = new StringBuilder(
        "set,unit,mean,std,ci_low,ci_high,spearman,rho_a,tau_a,status,reason,kind,interval\n");
    for (int s = 0; s < sets.size(); s++) {
      for (int u = 0; u < UNITS.size(); u++) {
        double m = mean(u, s);
        combined.append(String.format(Locale.ROOT, "%s,%s,%s,0.02,%s,%s,0.5,0.5,0.3,ok,,"
            + "stimulus,across folds%n", csvField(sets.get(s)), UNITS.get(u), m, m - 0.05,
            m + 0.05));
      }
    }
    if (failedSet != null) {
      combined.append(csvField(failedSet)).append(",,,,,,,,,failed,no valid pairs,,\n");
    }
    Files.writeString(out.resolve("combined.csv"), combined);
    Files.writeString(out.resolve("sweep.json"), "{\"batch_size\":40,\"config\":" + config
        + ",\"sets\":[],\"timings\":{\"total\":3}}");
    return out;
  }

  private static String csvField(String s) {
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }

  private Document report(Path out) throws IOException {
    String html = SweepReport.html(null, new ReportFiles(new Configuration()), out.toString(),
        null);
    Files.writeString(out.resolve("report.html"), html);
    return ReportAssertions.selfContained(out.resolve("report.html"));
  }

  @Test
  void timeWindowsGetImportanceAtTheWindowCentres() throws IOException {
    // written out of time order; natural order would put t=-0.100 anywhere
    // uneven in time (a gap from 100 to 300 ms, a wider last window), out of time order
    List<String> sets = List.of("t=0.300-0.500s", "t=-0.100-0.000s", "t=0.000-0.100s");
    List<TimeCourseChart.Window> windows = TimeCourseChart.windows(sets);
    assertEquals(List.of("t=-0.100-0.000s", "t=0.000-0.100s", "t=0.300-0.500s"),
        windows.stream().map(TimeCourseChart.Window::set).toList());
    Map<String, Map<String, double[]>> importance = new TreeMap<>();
    for (int u = 0; u < UNITS.size(); u++) {
      for (int s = 0; s < sets.size(); s++) {
        double m = mean(u, s);
        importance.computeIfAbsent(UNITS.get(u), k -> new TreeMap<>())
            .put(sets.get(s), new double[] {m, m - 0.05, m + 0.05});
      }
    }
    List<BandChart.Series> series = TimeCourseChart.series(List.of("b", "a"), windows,
        importance);
    assertEquals("b", series.get(0).name());
    // centres: (-100 + 0) / 2, (0 + 100) / 2, (300 + 500) / 2 ms, exactly
    assertArrayEquals(new double[] {-50, 50, 400}, series.get(0).x());
    // b (u = 1) in the sets as written: s = 1, 2, 0 in time order
    assertArrayEquals(new double[] {mean(1, 1), mean(1, 2), mean(1, 0)}, series.get(0).y());
    assertArrayEquals(new double[] {mean(0, 1) - 0.05, mean(0, 2) - 0.05, mean(0, 0) - 0.05},
        series.get(1).low());
    assertTrue(TimeCourseChart.windows(List.of("t=0.000-0.100s", "layer=1")).isEmpty(),
        "one set not a window: no time axis");
    assertEquals(List.of(-200.0, -100.0), TimeCourseChart.windows(List.of("t=-0.200--0.100s"))
        .stream().flatMap(w -> java.util.stream.Stream.of(w.startMs(), w.endMs())).toList());

    Path out = sweep("meg", sets, "{\"window\":\"0.1\",\"sfreq\":\"1000\"}", null);
    Document doc = report(out);
    ReportAssertions.keep(out.resolve("report.html"), "sweep-time-course.html");
    Element chart = ReportAssertions.figure(doc, "fig-time-course", "time-course", 4);
    List<String> texts = chart.select("text").eachText();
    assertTrue(texts.containsAll(UNITS), texts.toString());
    assertTrue(texts.contains("time (ms), at each window's centre"), texts.toString());
    assertTrue(doc.text().contains("3 time windows from -100 to 500 ms"), doc.text());
    // the drawn lines (open 3-point paths) on a time axis: the points' pixel spacing follows
    // the centres' (400 - 50) / (50 - -50) = 3.5, where a categorical axis would give 1
    List<double[]> lines = new java.util.ArrayList<>();
    java.util.regex.Pattern line = java.util.regex.Pattern.compile(
        "M([-0-9.]+),[-0-9.]+L([-0-9.]+),[-0-9.]+L([-0-9.]+),[-0-9.]+");
    for (Element path : chart.select("path")) {
      java.util.regex.Matcher m = line.matcher(path.attr("d"));
      if (m.matches()) {
        lines.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
            Double.parseDouble(m.group(3))});
      }
    }
    assertEquals(3, lines.size(), "one line per unit");
    for (double[] px : lines) {
      assertEquals(3.5, (px[2] - px[1]) / (px[1] - px[0]), 1e-3);
      assertArrayEquals(lines.get(0), px, 1e-9, "every line at the same centres");
    }
    assertNull(doc.getElementById("fig-roi-bars"));
  }

  @Test
  void atlasSetsGetBarsPerRoiWithEscapedNames() throws IOException {
    List<String> rois = List.of("V1", "F<&\">A", "LOC");
    Path out = sweep("rois", rois, "{\"atlas\":\"atlas.nii.gz\",\"atlas-labels\":\"l.tsv\"}",
        "MT");
    Document doc = report(out);
    ReportAssertions.keep(out.resolve("report.html"), "sweep-roi-bars.html");
    Element chart = ReportAssertions.figure(doc, "fig-roi-bars", "roi-bars", 9);
    List<String> texts = chart.select("text").eachText();
    for (String roi : List.of("V1", "F<&\">A", "LOC", "MT")) {
      assertTrue(texts.contains(roi), roi + " in " + texts);
    }
    String html = Files.readString(out.resolve("report.html"));
    assertFalse(html.contains("F<&\">A"), "ROI name escaped");
    // the units with the largest maximum: a:b, b, a (all three, fewer than ROI_UNITS)
    assertTrue(texts.containsAll(UNITS), texts.toString());
    assertTrue(doc.text().contains("a ROI whose fit failed has no bars"), doc.text());
    for (String unit : UNITS) {
      assertEquals(1, java.util.Collections.frequency(texts, unit), "one legend entry " + unit);
    }
    // bars (drawn inside the plot's clip): 3 units x 3 fitted ROIs, MT (failed) has none
    List<Element> bars = chart.select("rect").stream()
        .filter(r -> r.attr("clip-path").endsWith("clip-1)")).toList();
    assertEquals(9, bars.size());
    // unit a (third colour, 0x009E73) from 0: lengths as its means in the rows F<&">A, LOC,
    // V1 (natural order): sets written s = 1, 2, 0, means 0.11, 0.12, 0.10
    List<Element> a = bars.stream().filter(r -> r.attr("style").contains("rgb(0,158,115)"))
        .sorted(java.util.Comparator.comparingDouble(r -> Double.parseDouble(r.attr("y"))))
        .toList();
    assertEquals(3, a.size());
    double v1 = Double.parseDouble(a.get(2).attr("width"));
    assertEquals(1.1, Double.parseDouble(a.get(0).attr("width")) / v1, 1e-6);
    assertEquals(1.2, Double.parseDouble(a.get(1).attr("width")) / v1, 1e-6);
    assertNull(doc.getElementById("fig-time-course"));
    List<String> ids = doc.select("h2").eachAttr("id");
    assertTrue(ids.indexOf("roi-bars") == ids.indexOf("profiles") + 1, ids.toString());
  }

  @Test
  void layerSweepsGetNeither() throws IOException {
    Document doc = report(sweep("layers", List.of("layer=1", "layer=2"), "{\"seed\":0}",
        null));
    assertNull(doc.getElementById("fig-roi-bars"));
    assertNull(doc.getElementById("fig-time-course"));
    assertNull(Jsoup.parse(doc.html()).getElementById("time-course"));
  }
}
