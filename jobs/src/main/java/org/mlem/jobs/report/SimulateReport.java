package org.mlem.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.io.InputException;

/**
 * The report of a simulation study ({@code mlem simulate --out OUT}, {@code OUT/report.html}):
 * the paper's Figure 2a (Frobenius distance of W to the ground truth vs noise, per model, mean
 * line and +-std band over seeds), Figure 3a (training steps vs noise), Figure S6 (weighted tau
 * of the importance profile against the noiseless one vs noise), held-out Spearman vs noise, a
 * summary table per model and noise level, and the study's configuration and timings.
 *
 * <p>Reads {@code OUT/runs.csv} (model, strength, noise, seed, frobenius, steps, best_step,
 * spearman, seconds), {@code OUT/weighted_tau.csv} (model, strength, noise, seed, weighted_tau;
 * optional) and {@code OUT/simulate.json}.
 */
public final class SimulateReport {
  /** The metrics of runs.csv summarized in the table. */
  static final List<String> RUN_METRICS =
      List.of("frobenius", "steps", "best_step", "spearman", "seconds");

  private SimulateReport() {}

  /**
   * Writes {@code OUT/report.html}.
   *
   * @param conf the Hadoop configuration resolving OUT (any URI)
   * @param dir the simulation's output directory
   * @return the report's URI
   * @throws InputException if a table is missing or malformed
   */
  public static String write(Configuration conf, String dir) {
    ReportFiles files = new ReportFiles(conf);
    return files.writeReport(dir, html(files, dir));
  }

  static String html(ReportFiles files, String dir) {
    String runsUri = ReportFiles.child(dir, "runs.csv");
    CsvRows runs = CsvRows.parse(runsUri, files.read(runsUri, "runs.csv"),
        "model", "noise", "seed", "frobenius", "steps", "spearman");
    String tauUri = ReportFiles.child(dir, "weighted_tau.csv");
    CsvRows tau = files.exists(tauUri)
        ? CsvRows.parse(tauUri, files.read(tauUri, "weighted_tau.csv"),
            "model", "noise", "seed", "weighted_tau")
        : null;
    String jsonUri = ReportFiles.child(dir, "simulate.json");
    JsonNode json = JsonFiles.parse(jsonUri, files.read(jsonUri, "simulate.json"));

    List<NoiseGroups.Group> groups = NoiseGroups.of(runs, RUN_METRICS);
    HtmlPage page = new HtmlPage("MLEM simulation study");
    page.paragraph("Output directory " + dir + ": " + runs.size() + " runs. Each point is the "
        + "mean over seeds; the band is +- one standard deviation.");
    page.section("frobenius", "Distance to the ground truth (Figure 2a)");
    page.figure(BandChart.svg("fig-frobenius", "figure noise-curve", "Distance of W to W*",
        "noise level", null, "Frobenius distance to W*",
        NoiseGroups.series(groups, "frobenius")),
        "Frobenius distance between the learned and the true weight matrix vs noise.");
    page.section("steps", "Steps to convergence (Figure 3a)");
    page.figure(BandChart.svg("fig-steps", "figure noise-curve", "Training steps",
        "noise level", null, "steps", NoiseGroups.series(groups, "steps")),
        "Training steps until early stopping vs noise.");
    page.section("weighted-tau", "Stability of the importance profile (Figure S6)");
    if (tau == null) {
      page.note("weighted_tau.csv not found in " + dir + "; figure omitted.");
    } else {
      List<NoiseGroups.Group> tauGroups = NoiseGroups.of(tau, List.of("weighted_tau"));
      page.figure(BandChart.svg("fig-weighted-tau", "figure noise-curve",
          "Weighted tau vs the noiseless importance profile", "noise level", null,
          "weighted Kendall tau", NoiseGroups.series(tauGroups, "weighted_tau")),
          "Weighted Kendall tau between each run's importance profile and the same model and "
              + "seed at noise 0.");
    }
    page.section("spearman", "Held-out Spearman");
    page.figure(BandChart.svg("fig-spearman", "figure noise-curve", "Held-out Spearman",
        "noise level", null, "Spearman", NoiseGroups.series(groups, "spearman")),
        "Held-out Spearman correlation between predicted and neural distances vs noise.");
    page.section("summary", "Summary");
    page.table("summary-table", NoiseGroups.header(RUN_METRICS),
        NoiseGroups.table(groups, RUN_METRICS));
    page.section("provenance", "Configuration and timings");
    page.keyValues("provenance-config", "key", JsonFiles.fields(json.path("config")));
    page.keyValues("provenance-timings", "phase", JsonFiles.fields(json.path("timings")));
    page.keyValues("provenance-other", "item", JsonFiles.scalars(json));
    return page.html();
  }
}
