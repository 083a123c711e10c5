package org.mlem.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.io.InputException;

/**
 * The report of a robustness study ({@code mlem robustness --out OUT}, {@code OUT/report.html}):
 * the paper's Figure 2b on the user's data: Frobenius distance of W to the noiseless fit's W and
 * weighted tau of the importance profile against the noiseless one, vs noise, per model (mean
 * and +-std band over seeds), held-out Spearman vs noise, and a summary table.
 *
 * <p>Reads {@code OUT/robustness.csv} (model, noise, seed, frobenius, weighted_tau, spearman)
 * and {@code OUT/robustness.json}.
 */
public final class RobustnessReport {
  static final List<String> METRICS = List.of("frobenius", "weighted_tau", "spearman");

  private RobustnessReport() {}

  /**
   * Writes {@code OUT/report.html}.
   *
   * @param conf the Hadoop configuration resolving OUT (any URI)
   * @param dir the robustness study's output directory
   * @return the report's URI
   * @throws InputException if a table is missing or malformed
   */
  public static String write(Configuration conf, String dir) {
    ReportFiles files = new ReportFiles(conf);
    return files.writeReport(dir, html(files, dir));
  }

  static String html(ReportFiles files, String dir) {
    String csvUri = ReportFiles.child(dir, "robustness.csv");
    CsvRows rows = CsvRows.parse(csvUri, files.read(csvUri, "robustness.csv"),
        "model", "noise", "seed", "frobenius", "weighted_tau", "spearman");
    String jsonUri = ReportFiles.child(dir, "robustness.json");
    JsonNode json = JsonFiles.parse(jsonUri, files.read(jsonUri, "robustness.json"));
    List<NoiseGroups.Group> groups = NoiseGroups.of(rows, METRICS);
    HtmlPage page = new HtmlPage("MLEM robustness to noise");
    page.paragraph("Output directory " + dir + ": " + rows.size() + " runs. Each point is the "
        + "mean over seeds; the band is +- one standard deviation.");
    page.section("frobenius", "Weights vs the noiseless fit (Figure 2b)");
    page.figure(BandChart.svg("fig-frobenius", "figure noise-curve",
        "Distance of W to the noiseless W", "noise level", null, "Frobenius distance",
        NoiseGroups.series(groups, "frobenius")),
        "Frobenius distance between W at each noise level and the noiseless fit's W.");
    page.section("weighted-tau", "Importance profile vs the noiseless fit");
    page.figure(BandChart.svg("fig-weighted-tau", "figure noise-curve",
        "Weighted tau vs the noiseless importance profile", "noise level", null,
        "weighted Kendall tau", NoiseGroups.series(groups, "weighted_tau")),
        "Weighted Kendall tau between the importance profile at each noise level and the "
            + "noiseless one.");
    page.section("spearman", "Held-out Spearman");
    page.figure(BandChart.svg("fig-spearman", "figure noise-curve", "Held-out Spearman",
        "noise level", null, "Spearman", NoiseGroups.series(groups, "spearman")),
        "Held-out Spearman correlation vs noise.");
    page.section("summary", "Summary");
    page.table("summary-table", NoiseGroups.header(METRICS), NoiseGroups.table(groups, METRICS));
    page.section("provenance", "Configuration and timings");
    page.keyValues("provenance-config", "key", JsonFiles.fields(json.path("config")));
    page.keyValues("provenance-timings", "phase", JsonFiles.fields(json.path("timings")));
    page.keyValues("provenance-other", "item", JsonFiles.scalars(json));
    return page.html();
  }
}
