package org.mlem.jobs.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * The report of {@code mlem rsa --out OUT} ({@code OUT/report.html}): the RSA matrix as a heatmap
 * with a "how to read" box, the table of every two sets with its 95% bootstrap interval, the
 * warnings and the provenance. The sweep report shows the same heatmap when a sweep's output
 * directory holds {@code rsa/} ({@link #sweepSection}).
 *
 * <p>Reads {@code OUT/rsa.csv} (set_a, set_b, measure, value, ci_low, ci_high, pairs, stimuli,
 * resamples) and {@code OUT/rsa.json}.
 */
public final class RsaReport {
  private RsaReport() {}

  /** The matrix read back from rsa.csv: set names in the table's order and the values. */
  record Matrix(List<String> names, double[][] values, String measure, int pairs, int stimuli,
      List<List<Object>> rows) {}

  /**
   * Writes {@code OUT/report.html}.
   *
   * @param conf the Hadoop configuration resolving OUT (any URI)
   * @param dir the output directory of {@code mlem rsa}
   * @return the report's URI
   * @throws InputException if rsa.csv or rsa.json is missing or malformed
   */
  public static String write(Configuration conf, String dir) {
    ReportFiles files = new ReportFiles(conf);
    return files.writeReport(dir, html(files, dir));
  }

  static String html(ReportFiles files, String dir) {
    Matrix m = read(files, dir);
    String jsonUri = ReportFiles.child(dir, OutputFiles.RSA_JSON);
    ProvenanceRecord json = ProvenanceJson.read(jsonUri,
        files.read(jsonUri, OutputFiles.RSA_JSON), ProvenanceRecord.RSA);
    String distance = json.config("distance", "euclidean");
    String bootstrap = json.config("bootstrap", "?");
    boolean all = json.detail("pairs").path("all").asBoolean(false);
    HtmlPage page = new HtmlPage("MLEM RSA report");
    page.paragraph("Output directory " + dir + ": " + m.names().size() + " sets compared on "
        + m.pairs() + " pairs of " + m.stimuli() + " stimuli common to all sets ("
        + (all ? "all pairs" : "a seeded sample of pairs, the same for every set") + "); "
        + measureName(m.measure()) + " of the " + distance + " RDMs, 95% intervals from "
        + bootstrap + " stimulus-bootstrap resamples.");
    for (String w : json.warnings()) {
      page.note(w);
    }
    page.section("rsa-matrix", "RDM correlations between sets");
    figure(page, m, "fig-rsa", distance, bootstrap, all);
    page.section("rsa-table", "Every two sets");
    List<String> header = List.of("set a", "set b", measureName(m.measure()), "95% low",
        "95% high", "resamples");
    page.table("rsa-values", header, m.rows());
    page.paragraph("One row per two distinct sets (rsa.csv also holds each set with itself). "
        + "Resamples: the bootstrap resamples whose correlation was defined.");
    page.section("provenance", "Provenance");
    page.subsection("Run");
    page.keyValues("provenance-rsa", "item", JsonFiles.scalars(json));
    page.subsection("Configuration");
    page.keyValues("provenance-config", "key", JsonFiles.texts(json.config()));
    page.subsection("Timings (seconds)");
    page.keyValues("provenance-timings", "phase", JsonFiles.timings(json));
    return page.html();
  }

  /**
   * The sweep report's section: the layer x layer heatmap of {@code SWEEP/rsa/} when
   * {@code mlem rsa --out SWEEP/rsa} wrote it, else a note saying how to get it (only when the
   * sweep has several sets).
   */
  static void sweepSection(HtmlPage page, ReportFiles files, String sweepDir, int sets,
      String pattern) {
    String rsaDir = ReportFiles.child(sweepDir, OutputFiles.SWEEP_RSA);
    boolean present = files.exists(ReportFiles.child(rsaDir, OutputFiles.csv(OutputFiles.RSA)))
        && files.exists(ReportFiles.child(rsaDir, OutputFiles.RSA_JSON));
    if (!present && sets < 2) {
      return;
    }
    page.section("rsa", "Layer x layer RSA");
    if (!present) {
      page.note("No RSA matrix beside this sweep: run 'mlem rsa --representations "
          + (pattern == null ? "<the sweep's pattern>" : pattern) + " --out "
          + rsaDir + "' to add the RDM correlations between its sets here.");
      return;
    }
    Matrix m = read(files, rsaDir);
    String jsonUri = ReportFiles.child(rsaDir, OutputFiles.RSA_JSON);
    ProvenanceRecord json = ProvenanceJson.read(jsonUri,
        files.read(jsonUri, OutputFiles.RSA_JSON), ProvenanceRecord.RSA);
    figure(page, m, "fig-sweep-rsa", json.config("distance", "euclidean"),
        json.config("bootstrap", "?"), json.detail("pairs").path("all").asBoolean(false));
    page.paragraph("From " + OutputFiles.SWEEP_RSA + "/" + OutputFiles.csv(OutputFiles.RSA)
        + " (mlem rsa), whose own report lists the bootstrap intervals.");
  }

  private static void figure(HtmlPage page, Matrix m, String id, String distance,
      String bootstrap, boolean all) {
    String measure = measureName(m.measure());
    if (m.names().size() > RsaHeatmap.MAX_SETS) {
      page.note(m.names().size() + " sets: too many for a heatmap (at most "
          + RsaHeatmap.MAX_SETS + "); rsa.csv holds every value.");
    } else {
      List<String> shown = m.names().stream().map(SetNames::display).toList();
      page.figure(RsaHeatmap.svg(id, measure + " between the sets' RDMs", shown, m.values()),
          measure + " between the " + distance + " RDMs of every two sets on " + m.pairs()
              + " shared pairs of " + m.stimuli() + " stimuli; colour scale fixed to [-1, 1].");
    }
    page.howToRead(List.of("Each cell compares two sets (row and column): the " + distance
        + " distances between the same pairs of stimuli in both sets (their RDMs), ranked and "
        + "correlated (" + measure + "). 1 = both sets order the stimulus pairs identically; "
        + "0 = unrelated geometries; below 0 = opposite orders.",
        "The diagonal is a set with itself: 1 for Spearman; Kendall's tau-a is below 1 when an "
            + "RDM has tied distances (tied pairs count as neither concordant nor discordant).",
        "Pairs: " + (all ? "all n(n-1)/2 pairs of the stimuli common to all sets."
            : "a seeded sample of pairs (--max-pairs), the same for every set."),
        "The 95% interval (table of the RSA report) is the percentile interval over "
            + bootstrap + " resamples of the stimuli drawn with replacement (pairs of a "
            + "stimulus with itself dropped): it says how much the value depends on which "
            + "stimuli were sampled."));
  }

  private static String measureName(String measure) {
    return measure.equals("kendall-tau-a") ? "Kendall tau-a" : "Spearman";
  }

  static Matrix read(ReportFiles files, String dir) {
    String csv = OutputFiles.csv(OutputFiles.RSA);
    String csvUri = ReportFiles.child(dir, csv);
    CsvRows rows = CsvRows.parse(csvUri, files.read(csvUri, csv), "set_a", "set_b", "measure",
        "value", "ci_low", "ci_high", "pairs", "stimuli", "resamples");
    if (rows.size() == 0) {
      throw new InputException(csvUri + " has no rows; rerun mlem rsa");
    }
    Map<String, Integer> index = new LinkedHashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      index.putIfAbsent(rows.text(r, "set_a"), index.size());
      index.putIfAbsent(rows.text(r, "set_b"), index.size());
    }
    int n = index.size();
    double[][] values = new double[n][n];
    for (double[] row : values) {
      Arrays.fill(row, Double.NaN);
    }
    List<List<Object>> table = new ArrayList<>();
    for (int r = 0; r < rows.size(); r++) {
      int a = index.get(rows.text(r, "set_a"));
      int b = index.get(rows.text(r, "set_b"));
      double v = rows.number(r, "value");
      values[a][b] = v;
      values[b][a] = v;
      if (a != b) {
        table.add(List.of(SetNames.display(rows.text(r, "set_a")),
            SetNames.display(rows.text(r, "set_b")), v, rows.number(r, "ci_low"),
            rows.number(r, "ci_high"), (int) rows.number(r, "resamples")));
      }
    }
    return new Matrix(new ArrayList<>(index.keySet()), values, rows.text(0, "measure"),
        (int) rows.number(0, "pairs"), (int) rows.number(0, "stimuli"), table);
  }
}
