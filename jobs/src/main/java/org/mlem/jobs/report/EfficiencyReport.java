package org.mlem.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.mlem.core.importance.UnitSummary;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * The report of a sample-efficiency study ({@code mlem efficiency --out OUT},
 * {@code OUT/report.html}): held-out Spearman vs the number of training stimuli, and the
 * agreement of each fit's importance profile with the full-size fit of the same seed (Kendall
 * tau-b and weighted tau) vs the number of training stimuli, one line per model, each point the
 * mean over seeds with its 95% t-interval as a band, and a summary table.
 *
 * <p>Reads {@code OUT/efficiency.csv} (model, train_size, n_train, seed, spearman, kendall_tau,
 * weighted_tau) and {@code OUT/efficiency.json}.
 */
public final class EfficiencyReport {
  static final List<String> METRICS = List.of("spearman", "kendall_tau", "weighted_tau");

  private EfficiencyReport() {}

  /**
   * Writes {@code OUT/report.html}.
   *
   * @param conf the Hadoop configuration resolving OUT (any URI)
   * @param dir the study's output directory
   * @return the report's URI
   * @throws InputException if a table is missing or malformed
   */
  public static String write(Configuration conf, String dir) {
    ReportFiles files = new ReportFiles(conf);
    return files.writeReport(dir, html(files, dir));
  }

  static String html(ReportFiles files, String dir) {
    String csv = OutputFiles.csv(OutputFiles.EFFICIENCY);
    String csvUri = ReportFiles.child(dir, csv);
    CsvRows rows = CsvRows.parse(csvUri, files.read(csvUri, csv), "model", "train_size",
        "n_train", "seed", "spearman", "kendall_tau", "weighted_tau");
    String jsonUri = ReportFiles.child(dir, OutputFiles.EFFICIENCY_JSON);
    ProvenanceRecord json = ProvenanceJson.read(jsonUri,
        files.read(jsonUri, OutputFiles.EFFICIENCY_JSON), ProvenanceRecord.EFFICIENCY);
    List<NoiseGroups.Group> groups = NoiseGroups.of(rows, METRICS, "n_train");
    HtmlPage page = new HtmlPage("MLEM sample efficiency");
    String split = json.detail("split").path("source").asText("");
    page.paragraph("Output directory " + dir + ": " + rows.size() + " fits. Every fit is scored "
        + "on the same held-out stimuli" + (split.isEmpty() ? "" : " (split: " + split + ")")
        + "; only its training stimuli are subsampled. Each point is the mean over seeds; the "
        + "band is its 95% interval (Student t over the seeds).");
    BandChart.Bounds correlation = BandChart.Bounds.correlation("a correlation");
    page.section("spearman", "Held-out score vs training stimuli");
    page.figure(BandChart.svg("fig-efficiency-spearman", "figure noise-curve",
        "Held-out Spearman vs n_train", "training stimuli (n_train)", null, "Spearman",
        series(groups, "spearman"), correlation),
        "Held-out Spearman of each model's fit on n_train training stimuli."
            + correlation.captionNote());
    page.howToRead(List.of(bands(), ReadingNotes.heldOutScore()));
    BandChart.Bounds tau = BandChart.Bounds.correlation("a Kendall tau");
    page.section("kendall-tau", "Importance profile vs the full-size fit: Kendall tau");
    page.figure(BandChart.svg("fig-efficiency-kendall", "figure noise-curve",
        "Kendall tau vs the full-size importance profile", "training stimuli (n_train)", null,
        "Kendall tau-b", series(groups, "kendall_tau"), tau),
        "Kendall tau-b between the importance profile of the fit on n_train stimuli and that of "
            + "the same model's fit on every training stimulus (same seed)." + tau.captionNote());
    page.howToRead(List.of(bands(), "Kendall tau-b between the ranking of the units by "
        + "importance with n_train training stimuli and with all of them: 1 = the same ranking, "
        + "0 = unrelated, -1 = reversed; every pair of units counts the same. At the full size "
        + "the fit is its own reference (1)."));
    page.section("weighted-tau", "Importance profile vs the full-size fit: weighted tau");
    page.figure(BandChart.svg("fig-efficiency-weighted-tau", "figure noise-curve",
        "Weighted tau vs the full-size importance profile", "training stimuli (n_train)", null,
        "weighted Kendall tau", series(groups, "weighted_tau"), tau),
        "Weighted Kendall tau between the importance profile at n_train and the full-size one."
            + tau.captionNote());
    page.howToRead(List.of(bands(), "Weighted Kendall tau: as Kendall tau, but agreement on "
        + "the top-ranked units weighs most (hyperbolic weights, scipy's weightedtau)."));
    page.section("summary", "Summary");
    page.table("summary-table", NoiseGroups.header(METRICS, "n_train"),
        NoiseGroups.table(groups, METRICS));
    page.paragraph("Mean and sample standard deviation over the seeds of each model and "
        + "training size.");
    NoiseGroups.provenance(page, json);
    return page.html();
  }

  private static String bands() {
    return "Each line is one model; a point is the mean over the seeds at that number of "
        + "training stimuli, the shaded band its 95% confidence interval (Student t over the "
        + "seeds; none with one seed), clipped at the quantity's natural bounds. A seed draws "
        + "the training subsample and the fit's own randomness.";
  }

  /** One line per model: the metric's mean over seeds, band its 95% t-interval. */
  static List<BandChart.Series> series(List<NoiseGroups.Group> groups, String metric) {
    Map<String, List<NoiseGroups.Group>> bySeries = new LinkedHashMap<>();
    for (NoiseGroups.Group g : groups) {
      bySeries.computeIfAbsent(g.series(), k -> new ArrayList<>()).add(g);
    }
    List<BandChart.Series> out = new ArrayList<>();
    bySeries.forEach((name, list) -> {
      int n = list.size();
      double[] x = new double[n];
      double[] y = new double[n];
      double[] lo = new double[n];
      double[] hi = new double[n];
      for (int i = 0; i < n; i++) {
        NoiseGroups.Group g = list.get(i);
        UnitSummary s = g.stats().get(metric);
        x[i] = g.noise();
        y[i] = s == null ? Double.NaN : s.mean();
        lo[i] = s == null ? Double.NaN : s.ciLow();
        hi[i] = s == null ? Double.NaN : s.ciHigh();
      }
      out.add(new BandChart.Series(name, x, y, lo, hi));
    });
    return out;
  }
}
