package org.mlem.jobs.report;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;

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
    String runsCsv = OutputFiles.csv(OutputFiles.SIMULATION_RUNS);
    String runsUri = ReportFiles.child(dir, runsCsv);
    CsvRows runs = CsvRows.parse(runsUri, files.read(runsUri, runsCsv),
        "model", "noise", "seed", "frobenius", "steps", "spearman");
    String tauCsv = OutputFiles.csv(OutputFiles.WEIGHTED_TAU);
    String tauUri = ReportFiles.child(dir, tauCsv);
    CsvRows tau = files.exists(tauUri)
        ? CsvRows.parse(tauUri, files.read(tauUri, tauCsv),
            "model", "noise", "seed", "weighted_tau")
        : null;
    String jsonUri = ReportFiles.child(dir, OutputFiles.SIMULATE_JSON);
    ProvenanceRecord json = ProvenanceJson.read(jsonUri,
        files.read(jsonUri, OutputFiles.SIMULATE_JSON),
        ProvenanceRecord.SIMULATE);

    List<NoiseGroups.Group> groups = NoiseGroups.of(runs, RUN_METRICS);
    HtmlPage page = new HtmlPage("MLEM simulation study");
    page.paragraph("Output directory " + dir + ": " + runs.size() + " runs. Each point is the "
        + "mean over seeds; the band is +- one standard deviation, clipped at the quantity's "
        + "natural bounds.");
    BandChart.Bounds distance = BandChart.Bounds.atLeastZero("a distance");
    page.section("frobenius", "Distance to the ground truth (Figure 2a)");
    page.figure(BandChart.svg("fig-frobenius", "figure noise-curve", "Distance of W to W*",
        "noise level", null, "Frobenius distance to W*",
        NoiseGroups.series(groups, "frobenius"), distance),
        "Frobenius distance between the learned and the true weight matrix vs noise."
            + distance.captionNote());
    page.howToRead(List.of(ReadingNotes.seedBands(), ReadingNotes.noiseLevel(),
        "Frobenius distance ||W - W*||_F between the learned matrix and the true one W*, both "
            + "scaled to unit Frobenius norm: 0 = W* recovered exactly; 2 at most."));
    BandChart.Bounds count = BandChart.Bounds.atLeastZero("a number of steps");
    page.section("steps", "Steps to convergence (Figure 3a)");
    page.figure(BandChart.svg("fig-steps", "figure noise-curve", "Training steps",
        "noise level", null, "steps", NoiseGroups.series(groups, "steps"), count),
        "Training steps until early stopping vs noise." + count.captionNote());
    page.howToRead(List.of(ReadingNotes.seedBands(), "Steps: training steps run before early "
        + "stopping (no improvement of the watched score for 'patience' steps) or the step "
        + "limit; a line at the limit means the fits did not converge."));
    BandChart.Bounds tauBounds = BandChart.Bounds.correlation("a weighted Kendall tau");
    page.section("weighted-tau", "Stability of the importance profile (Figure S6)");
    if (tau == null) {
      page.note(tauCsv + " not found in " + dir + "; figure omitted.");
    } else {
      List<NoiseGroups.Group> tauGroups = NoiseGroups.of(tau, List.of("weighted_tau"));
      page.figure(BandChart.svg("fig-weighted-tau", "figure noise-curve",
          "Weighted tau vs the noiseless importance profile", "noise level", null,
          "weighted Kendall tau", NoiseGroups.series(tauGroups, "weighted_tau"), tauBounds),
          "Weighted Kendall tau between each run's importance profile and the same model and "
              + "seed at noise 0." + tauBounds.captionNote());
      page.howToRead(List.of(ReadingNotes.seedBands(), "Weighted Kendall tau between the "
          + "ranking of the units by importance at this noise level and at noise 0 (same model "
          + "and seed): 1 = the same ranking, 0 = unrelated, -1 = reversed; agreement on the "
          + "top-ranked units weighs most."));
    }
    BandChart.Bounds spearman = BandChart.Bounds.correlation("a correlation");
    page.section("spearman", "Held-out Spearman");
    page.figure(BandChart.svg("fig-spearman", "figure noise-curve", "Held-out Spearman",
        "noise level", null, "Spearman", NoiseGroups.series(groups, "spearman"), spearman),
        "Held-out Spearman correlation between predicted and neural distances vs noise."
            + spearman.captionNote());
    page.howToRead(List.of(ReadingNotes.seedBands(), ReadingNotes.heldOutScore()));
    page.section("summary", "Summary");
    page.table("summary-table", NoiseGroups.header(RUN_METRICS),
        NoiseGroups.table(groups, RUN_METRICS));
    page.paragraph("Mean and sample standard deviation over the seeds of each model and noise "
        + "level; seconds are wall-clock seconds per fit.");
    NoiseGroups.provenance(page, json);
    return page.html();
  }
}
