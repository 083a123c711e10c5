package org.mlem.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mlem.jobs.io.InputException;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * The parts of a fit run directory a report shows, read from {@code run.json} and the CSV copies
 * of the run tables ({@code importance_summary.csv}, {@code weights.csv}, {@code scores.csv},
 * {@code history.csv}).
 *
 * @param dir the run directory
 * @param provenance run.json, read back ({@link ProvenanceJson#read}; older layouts migrated)
 * @param featureNames the features, in W's order
 * @param summary importance per unit (unit, mean, std, ci_low, ci_high), in file order
 * @param weights W, F x F in feature order
 * @param scores held-out scores per fold plus the "mean" row
 * @param history the score early stopping watched per step, by fold (0-based as in the file)
 * @param watchedValidation whether that score is the fixed validation batch's
 *     ({@code --stopping validation}, history column validation_score) rather than each step's
 *     training batch (column score)
 */
record RunDirectory(String dir, ProvenanceRecord provenance, List<String> featureNames,
    CsvRows summary, double[][] weights, CsvRows scores, Map<Integer, double[]> history,
    boolean watchedValidation) {

  /**
   * The run's features (run.json's feature_summary names; a simplex feature is one feature,
   * its coordinates are rows of W), or W's row names for a run.json without a summary.
   */
  List<String> features() {
    List<String> out = new java.util.ArrayList<>();
    provenance.detail("feature_summary").forEach(f -> out.add(f.path("name").asText()));
    return out.isEmpty() ? featureNames : List.copyOf(out);
  }

  /** Whether DIR looks like a complete fit run directory (run.json and _SUCCESS). */
  static boolean isRun(ReportFiles files, String dir) {
    return files.exists(ReportFiles.child(dir, OutputFiles.RUN_JSON))
        && files.exists(ReportFiles.child(dir, OutputFiles.SUCCESS));
  }

  /**
   * Reads a complete run directory.
   *
   * @throws InputException if it is incomplete (no _SUCCESS) or a table is malformed
   */
  static RunDirectory read(ReportFiles files, String dir) {
    if (!files.exists(ReportFiles.child(dir, OutputFiles.SUCCESS))) {
      throw new InputException(dir + " has no " + OutputFiles.SUCCESS + " marker: the fit did "
          + "not finish; rerun "
          + "'mlem fit' with --overwrite");
    }
    String runJson = ReportFiles.child(dir, OutputFiles.RUN_JSON);
    ProvenanceRecord provenance = ProvenanceJson.read(runJson,
        files.read(runJson, OutputFiles.RUN_JSON),
        ProvenanceRecord.FIT);
    List<String> names = new ArrayList<>();
    provenance.detail("feature_names").forEach(n -> names.add(n.asText()));
    CsvRows summary = table(files, dir, OutputFiles.IMPORTANCE_SUMMARY,
        "unit", "mean", "std", "ci_low", "ci_high");
    CsvRows scores = table(files, dir, OutputFiles.SCORES, "fold", "spearman", "rho_a", "tau_a");
    CsvRows history = table(files, dir, OutputFiles.HISTORY, "fold", "step", "score");
    CsvRows w = table(files, dir, OutputFiles.WEIGHTS, "feature");
    if (names.isEmpty()) {
      names.addAll(w.header().subList(1, w.header().size()));
    }
    boolean validation = history.has("validation_score")
        && "validation".equals(provenance.config("stopping", ""));
    return new RunDirectory(dir, provenance, List.copyOf(names), summary,
        matrix(w, names), scores, curves(history, validation ? "validation_score" : "score"),
        validation);
  }

  private static CsvRows table(ReportFiles files, String dir, String table, String... columns) {
    String name = OutputFiles.csv(table);
    String uri = ReportFiles.child(dir, name);
    return CsvRows.parse(uri, files.read(uri, name), columns);
  }

  private static double[][] matrix(CsvRows w, List<String> names) {
    int f = names.size();
    if (w.size() != f || w.header().size() != f + 1) {
      throw new InputException(w.source() + ": expected a " + f + " x " + f
          + " matrix with a 'feature' column (features " + names + "), found " + w.size()
          + " rows and " + (w.header().size() - 1) + " value columns");
    }
    double[][] out = new double[f][f];
    for (int a = 0; a < f; a++) {
      for (int b = 0; b < f; b++) {
        out[a][b] = w.number(a, names.get(b));
      }
    }
    return out;
  }

  private static Map<Integer, double[]> curves(CsvRows history, String column) {
    Map<Integer, List<double[]>> points = new TreeMap<>();
    for (int r = 0; r < history.size(); r++) {
      int fold = (int) history.number(r, "fold");
      points.computeIfAbsent(fold, k -> new ArrayList<>())
          .add(new double[] {history.number(r, "step"), history.number(r, column)});
    }
    Map<Integer, double[]> out = new TreeMap<>();
    points.forEach((fold, list) -> {
      int steps = 0;
      for (double[] p : list) {
        steps = Math.max(steps, (int) p[0] + 1);
      }
      double[] scores = new double[steps];
      java.util.Arrays.fill(scores, Double.NaN);
      for (double[] p : list) {
        scores[(int) p[0]] = p[1];
      }
      out.put(fold, scores);
    });
    return out;
  }
}
