package org.mlem.jobs.report;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;

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
    String csv = OutputFiles.csv(OutputFiles.ROBUSTNESS);
    String csvUri = ReportFiles.child(dir, csv);
    CsvRows rows = CsvRows.parse(csvUri, files.read(csvUri, csv),
        "model", "noise", "seed", "frobenius", "weighted_tau", "spearman");
    String jsonUri = ReportFiles.child(dir, OutputFiles.ROBUSTNESS_JSON);
    ProvenanceRecord json = ProvenanceJson.read(jsonUri,
        files.read(jsonUri, OutputFiles.ROBUSTNESS_JSON),
        ProvenanceRecord.ROBUSTNESS);
    List<NoiseGroups.Group> groups = NoiseGroups.of(rows, METRICS);
    HtmlPage page = new HtmlPage("MLEM robustness to noise");
    page.paragraph("Output directory " + dir + ": " + rows.size() + " runs. Each point is the "
        + "mean over seeds; the band is +- one standard deviation, clipped at the quantity's "
        + "natural bounds.");
    BandChart.Bounds distance = BandChart.Bounds.atLeastZero("a distance");
    page.section("frobenius", "Weights vs the noiseless fit (Figure 2b)");
    page.figure(BandChart.svg("fig-frobenius", "figure noise-curve",
        "Distance of W to the noiseless W", "noise level", null, "Frobenius distance",
        NoiseGroups.series(groups, "frobenius"), distance),
        "Frobenius distance between W at each noise level and the noiseless fit's W."
            + distance.captionNote());
    page.howToRead(List.of(ReadingNotes.seedBands(), ReadingNotes.noiseLevel(),
        "Frobenius distance ||W - W0||_F between the matrix fitted with noise and the one "
            + "fitted on the noiseless data (same model), both of unit Frobenius norm: 0 = the "
            + "same weights; 2 at most."));
    BandChart.Bounds tau = BandChart.Bounds.correlation("a weighted Kendall tau");
    page.section("weighted-tau", "Importance profile vs the noiseless fit");
    page.figure(BandChart.svg("fig-weighted-tau", "figure noise-curve",
        "Weighted tau vs the noiseless importance profile", "noise level", null,
        "weighted Kendall tau", NoiseGroups.series(groups, "weighted_tau"), tau),
        "Weighted Kendall tau between the importance profile at each noise level and the "
            + "noiseless one." + tau.captionNote());
    page.howToRead(List.of(ReadingNotes.seedBands(), "Weighted Kendall tau between the "
        + "ranking of the units by importance with noise and without: 1 = the same ranking, "
        + "0 = unrelated, -1 = reversed; agreement on the top-ranked units weighs most."));
    BandChart.Bounds spearman = BandChart.Bounds.correlation("a correlation");
    page.section("spearman", "Held-out Spearman");
    page.figure(BandChart.svg("fig-spearman", "figure noise-curve", "Held-out Spearman",
        "noise level", null, "Spearman", NoiseGroups.series(groups, "spearman"), spearman),
        "Held-out Spearman correlation vs noise." + spearman.captionNote());
    page.howToRead(List.of(ReadingNotes.seedBands(), ReadingNotes.heldOutScore()));
    page.section("summary", "Summary");
    page.table("summary-table", NoiseGroups.header(METRICS), NoiseGroups.table(groups, METRICS));
    page.paragraph("Mean and sample standard deviation over the seeds of each model and noise "
        + "level.");
    NoiseGroups.provenance(page, json);
    return page.html();
  }
}
