package org.mlem.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import org.mlem.core.evaluation.Scoring;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.mlem.core.api.LevelDistances;
import org.mlem.jobs.output.ProvenanceRecord;
import org.mlem.jobs.io.InputException;

/**
 * The report of one fit run directory ({@code DIR/report.html}): importance per unit with 95%
 * intervals (features, then the strongest interactions, then totals), titled with its kind
 * (stimulus- or term-level) and interval basis (across folds or permutation noise only), each
 * with a one-line "how to read", the weight matrix as a
 * heatmap, the training curves with the best steps marked, held-out scores per fold, and the
 * provenance of run.json (configuration, inputs, versions, timings, warnings) as tables.
 */
public final class FitReport {
  /** How many interactions (the strongest by mean importance) the importance figure shows. */
  public static final int TOP_INTERACTIONS = 10;

  private FitReport() {}

  /**
   * Writes {@code DIR/report.html} for a complete fit run directory.
   *
   * @param conf the Hadoop configuration resolving DIR (any URI)
   * @param dir the run directory
   * @return the report's URI
   * @throws InputException if DIR is not a complete run directory or a table is malformed
   */
  public static String write(Configuration conf, String dir) {
    ReportFiles files = new ReportFiles(conf);
    return files.writeReport(dir, html(files, dir, null));
  }

  /**
   * The report's HTML.
   *
   * @param files where to read from
   * @param dir the run directory
   * @param parent a relative link to a parent report (e.g. the sweep's), or null
   */
  static String html(ReportFiles files, String dir, String parent) {
    RunDirectory run = RunDirectory.read(files, dir);
    ProvenanceRecord m = run.provenance();
    String set = m.config("set", "");
    HtmlPage page = new HtmlPage(set.isEmpty() ? "MLEM fit report"
        : "MLEM fit report: set " + SetNames.display(set));
    if (parent != null) {
      page.raw("<p><a href=\"" + HtmlPage.escape(parent) + "\">back to the sweep report</a></p>");
    }
    JsonNode scores = m.detail("scores");
    int k = m.detail("folds").size();
    Scoring scoring = ImportanceLabels.scoring(m.config("scoring", ""));
    String scored = scoring == Scoring.SPEARMAN ? ""
        : String.format(Locale.ROOT, "Held-out %s %s (--scoring %s; %s). ", scoring.label(),
            number(scores.path("score")), scoring.cliName(), k == 1 ? "one train/test split"
                : scoring.isCorrelation() ? "Fisher-z mean over " + k + " folds"
                : "mean over " + k + " folds");
    page.paragraph(String.format(Locale.ROOT,
        "Run directory %s. Model %s, %s stimuli, %d features, seed %s. %sHeld-out Spearman %s, "
            + "rho-a %s, tau-a %s (%s).",
        dir, m.config("model", ""),
        JsonFiles.text(m.detail("counts").path("stimuli")), run.features().size(),
        m.seed() == null ? "" : m.seed().toString(), scored, number(scores.path("spearman")),
        number(scores.path("rho_a")), number(scores.path("tau_a")),
        k == 1 ? "one train/test split" : "Fisher-z mean over " + k + " folds"));

    importance(page, run);

    page.section("weights", "Weight matrix");
    String which = k == 1 ? "the matrix fitted on the training split"
        : "the element-wise mean of the " + k + " folds' fitted matrices, rescaled to unit "
            + "Frobenius norm";
    page.figure(WeightHeatmap.svg("fig-weights", run.featureNames(), run.weights()),
        "The learned weight matrix W shown here is " + which + " (as in weights.csv); "
            + "diagonal: features, off-diagonal: interactions, coloured on a diverging scale "
            + "centred at 0.");
    page.howToRead(List.of(
        "W is the learned metric: the predicted distance of two stimuli is "
            + "sqrt(delta^T W delta), delta being their feature distances (each in [0, 1]: "
            + "0 = same value, 1 = different category or the range's two ends).",
        "Diagonal entry W_aa: the weight of feature a. Off-diagonal W_ab (shown at a,b and "
            + "b,a): the weight of a and b differing together; positive adds distance, "
            + "negative removes it.",
        "Red positive, blue negative, white 0; the scale ends at the largest magnitude. Only "
            + "relative sizes matter: W has unit Frobenius norm and the score ignores scale.",
        "Which W: " + which + "."
            + (hasSimplex(run) ? " A simplex feature f has one row per coordinate, f[1], ..., "
                + "f[C-1] (signed coordinate differences in [-1, 1]); its block is read as "
                + "distances between levels below." : "")));
    simplexLevels(page, run, which);

    page.section("training", "Training");
    Map<Integer, Integer> best = new HashMap<>();
    m.detail("folds").forEach(f -> best.put(f.path("fold").asInt(), f.path("best_step").asInt(-1)));
    String watched = run.watchedValidation()
        ? "soft Spearman on the fixed validation batch"
        : "soft Spearman on the step's training batch";
    page.figure(TrainingCurveChart.svg("fig-training",
        TrainingCurveChart.curves(run.history(), best), watched),
        "The score early stopping watched (" + watched + ") per training step, per fold; "
            + "rings mark each fold's best step (the weights kept).");
    page.howToRead(List.of(
        run.watchedValidation()
            ? "Curve: the soft (differentiable) Spearman of one fixed batch of training pairs, "
                + "the same at every step (--stopping validation), so a rise is a better W."
            : "Curve: the soft (differentiable) Spearman of each step's own batch of training "
                + "pairs (--stopping training); it is noisy because the batch changes.",
        "Ring: the fold's best step; training stopped 'patience' steps without improvement "
            + "later (or at the step limit) and kept that step's weights.",
        ReadingNotes.folds()));
    List<List<Object>> folds = new ArrayList<>();
    m.detail("folds").forEach(f -> folds.add(List.of(f.path("fold").asInt() + 1,
        f.path("train_stimuli").asInt(), f.path("test_stimuli").asInt(),
        f.path("steps").asInt(), f.path("best_step").asInt(),
        f.path("best_score").asDouble(Double.NaN), JsonFiles.text(f.path("stopped_early")),
        f.path("training_seconds").asDouble(Double.NaN),
        f.path("importance_seconds").asDouble(Double.NaN))));
    page.table("folds", List.of("fold", "train stimuli", "test stimuli", "steps", "best step",
        "best score", "stopped early", "training s", "importance s"), folds);

    page.section("scores", "Held-out scores");
    List<List<Object>> rows = new ArrayList<>();
    CsvRows s = run.scores();
    boolean extra = scoring != Scoring.SPEARMAN && s.has("score");
    for (int r = 0; r < s.size(); r++) {
      List<Object> row = new ArrayList<>(List.of(foldLabel(s.text(r, "fold")),
          s.number(r, "spearman"), s.number(r, "rho_a"), s.number(r, "tau_a")));
      if (extra) {
        row.add(1, s.number(r, "score"));
      }
      rows.add(row);
    }
    List<String> header = new ArrayList<>(List.of("fold", "Spearman", "rho-a", "tau-a"));
    if (extra) {
      header.add(1, scoring.label() + " (--scoring)");
    }
    page.table("scores-table", header, rows);
    page.howToRead(List.of(ReadingNotes.heldOutScore(scoring),
        scoring.isCorrelation()
            ? "mean: tanh of the mean of atanh(score) over the folds (the Fisher-z average)."
            : "mean: the MSE averaged over the folds; the rank scores' mean is the Fisher-z "
                + "average (tanh of the mean of atanh).",
        ReadingNotes.folds()));

    provenance(page, m);
    return page.html();
  }

  /**
   * For every SIMPLEX feature of the run (run.json's feature_summary), the distances W puts
   * between its levels (core's {@link LevelDistances}): what a one-hot categorical feature,
   * whose distinct levels are all equally far apart, cannot show.
   */
  private static boolean hasSimplex(RunDirectory run) {
    for (JsonNode f : run.provenance().detail("feature_summary")) {
      if ("simplex".equals(f.path("kind").asText())) {
        return true;
      }
    }
    return false;
  }

  private static void simplexLevels(HtmlPage page, RunDirectory run, String which) {
    JsonNode summary = run.provenance().detail("feature_summary");
    List<JsonNode> simplex = new ArrayList<>();
    summary.forEach(f -> {
      if ("simplex".equals(f.path("kind").asText())) {
        simplex.add(f);
      }
    });
    if (simplex.isEmpty()) {
      return;
    }
    page.section("levels", "Distances between levels (simplex features)");
    int k = 0;
    for (JsonNode f : simplex) {
      String name = f.path("name").asText();
      List<String> levels = new ArrayList<>();
      f.path("categories").forEach(c -> levels.add(c.asText()));
      List<String> components = new ArrayList<>();
      f.path("components").forEach(c -> components.add(c.asText()));
      int start = run.featureNames().indexOf(components.isEmpty() ? "" : components.get(0));
      page.subsection("Feature " + name);
      if (start < 0 || levels.size() != f.path("levels").asInt()
          || components.size() != levels.size() - 1) {
        page.note("Not shown: run.json lists " + levels.size() + " of "
            + f.path("levels").asInt() + " levels of this feature, or its rows of W are "
            + "missing from weights.csv.");
        continue;
      }
      double[][] d = LevelDistances.of(LevelDistances.block(run.weights(), start,
          components.size()));
      List<String> header = new ArrayList<>();
      header.add("level");
      header.addAll(levels);
      List<List<Object>> rows = new ArrayList<>();
      for (int p = 0; p < levels.size(); p++) {
        List<Object> row = new ArrayList<>();
        row.add(levels.get(p));
        for (int q = 0; q < levels.size(); q++) {
          row.add(d[p][q]);
        }
        rows.add(row);
      }
      page.table("levels-table-" + k++, header, rows);
    }
    page.howToRead(List.of(
        "A simplex feature of C levels is C - 1 coordinates at the vertices of a regular unit "
            + "simplex (every two distinct levels 1 apart before learning); W's block over "
            + "those coordinates (rows name[1], ..., name[C-1] of the weight matrix) sets the "
            + "distance between every two levels.",
        "Cell (p, q): the predicted distance sqrt(delta^T W delta) of two stimuli that differ "
            + "only in this feature, at levels p and q. Unequal cells say that the "
            + "representation puts some levels further apart than others; a categorical "
            + "(one-hot) feature has one weight, so all its cells would be equal.",
        "Which W: " + which + "; only ratios between cells matter (W has unit norm)."));
  }

  /** A fold of a run table (0-based, or "mean") as shown to users (1-based). */
  static String foldLabel(String fold) {
    try {
      return Integer.toString(Integer.parseInt(fold.trim()) + 1);
    } catch (NumberFormatException e) {
      return fold;
    }
  }

  private static void importance(HtmlPage page, RunDirectory run) {
    ImportanceLabels labels = ImportanceLabels.of(run.provenance());
    page.section("importance", "Permutation importance (" + labels.title().toLowerCase(Locale.ROOT)
        + ")");
    CsvRows s = run.summary();
    if (s.size() == 0) {
      page.note("No importance in this run (--permutations 0).");
      return;
    }
    List<ImportanceChart.Row> all = new ArrayList<>();
    for (int r = 0; r < s.size(); r++) {
      String unit = s.text(r, "unit");
      all.add(new ImportanceChart.Row(unit, UnitGroups.of(unit, run.featureNames()),
          s.number(r, "mean"), s.number(r, "ci_low"), s.number(r, "ci_high")));
    }
    List<ImportanceChart.Row> features = byGroup(all, UnitGroups.FEATURES);
    List<ImportanceChart.Row> interactions = new ArrayList<>(byGroup(all, UnitGroups.INTERACTIONS));
    interactions.sort(Comparator.comparingDouble((ImportanceChart.Row r) -> -r.mean()));
    List<ImportanceChart.Row> totals = byGroup(all, UnitGroups.TOTALS);
    List<ImportanceChart.Row> shown = new ArrayList<>(features);
    int shownInteractions = Math.min(TOP_INTERACTIONS, interactions.size());
    shown.addAll(interactions.subList(0, shownInteractions));
    shown.addAll(totals);
    boolean stimulus = labels.kind() == org.mlem.core.importance.ImportanceKind.STIMULUS;
    String kindOfInteraction = stimulus ? " interaction effects" : " interaction terms";
    String interactionPart = interactions.isEmpty() ? "no interactions"
        : shownInteractions == interactions.size()
            ? (interactions.size() == 1 ? "the only" + kindOfInteraction.replaceAll("s$", "")
                : "all " + interactions.size() + kindOfInteraction)
            : "the " + shownInteractions + " strongest of " + interactions.size()
                + kindOfInteraction;
    page.figure(ImportanceChart.svg("fig-importance",
        labels.title() + " importance per unit (95% interval: " + labels.interval() + ")", shown,
        labels.axis()),
        labels.title() + " permutation importance, mean with 95% intervals ("
            + labels.interval() + "): " + (stimulus ? "the main effect of each feature, then "
                : "the features' terms, then ")
            + interactionPart
            + (totals.isEmpty() ? "." : ", then the total importance per feature."));
    List<String> howTo = new ArrayList<>(ReadingNotes.units(labels.kind(), labels.scoring()));
    howTo.add(ReadingNotes.importanceScale(labels.scoring()));
    howTo.add(ReadingNotes.interval(labels));
    page.howToRead(howTo);
    List<ImportanceChart.Row> ordered = new ArrayList<>(features);
    ordered.addAll(interactions);
    ordered.addAll(totals);
    Map<String, Double> std = new LinkedHashMap<>();
    for (int r = 0; r < s.size(); r++) {
      std.put(s.text(r, "unit"), s.number(r, "std"));
    }
    List<List<Object>> rows = new ArrayList<>();
    for (ImportanceChart.Row r : ordered) {
      rows.add(List.of(r.unit(), r.group(), r.mean(), std.get(r.unit()), r.low(), r.high()));
    }
    if (stimulus && !interactions.isEmpty() && features.size() > 1) {
      importanceMatrix(page, features, interactions, labels);
    }
    page.table("importance-table", List.of("unit", "group", "mean", "std",
        "95% low (" + labels.interval() + ")", "95% high (" + labels.interval() + ")"), rows);
    page.paragraph("Table: " + labels.title().toLowerCase(Locale.ROOT) + " importance per unit; "
        + "std is across " + (labels.interval().equals("across folds") ? "the folds' means"
            : "permutations") + ".");
  }

  /**
   * The stimulus-level importance of every feature and pair of features as one matrix: main
   * effects on the diagonal, the interaction effect of a and b in cells (a, b) and (b, a); for
   * runs with stimulus-level interaction effects only.
   */
  private static void importanceMatrix(HtmlPage page, List<ImportanceChart.Row> features,
      List<ImportanceChart.Row> interactions, ImportanceLabels labels) {
    Map<String, Double> means = new LinkedHashMap<>();
    for (ImportanceChart.Row r : interactions) {
      means.put(r.unit(), r.mean());
    }
    List<String> names = features.stream().map(ImportanceChart.Row::unit).toList();
    int f = names.size();
    double[][] m = new double[f][f];
    for (int a = 0; a < f; a++) {
      m[a][a] = features.get(a).mean();
      for (int b = 0; b < a; b++) {
        Double v = means.get(names.get(a) + ":" + names.get(b));
        if (v == null) {
          v = means.get(names.get(b) + ":" + names.get(a));
        }
        m[a][b] = v == null ? Double.NaN : v;
        m[b][a] = m[a][b];
      }
    }
    page.figure(WeightHeatmap.svg("fig-importance-matrix", names, m,
        "Stimulus-level importance matrix", labels.axis()),
        "Stimulus-level importance as a matrix: the diagonal holds each feature's main effect "
            + "(S0 - S_a), the cell of features a and b their interaction effect (S_a + S_b - "
            + "S_ab - S0: the part of the drop that needs both); one diverging colour scale "
            + "centred at 0 for both, so a strong interaction stands out next to the main "
            + "effects it joins.");
  }

  private static List<ImportanceChart.Row> byGroup(List<ImportanceChart.Row> all, String group) {
    return all.stream().filter(r -> r.group().equals(group)).toList();
  }

  private static void provenance(HtmlPage page, ProvenanceRecord m) {
    page.section("provenance", "Provenance");
    Map<String, String> run = new LinkedHashMap<>();
    m.versions().forEach((k, v) -> run.put(k + " version", v == null ? "" : v));
    run.putAll(JsonFiles.scalars(m));
    JsonFiles.fields(m.detail("counts")).forEach((k, v) -> run.put(k, v));
    page.subsection("Run");
    page.keyValues("provenance-run", "item", run);
    page.subsection("Configuration");
    page.keyValues("provenance-config", "key", JsonFiles.texts(m.config()));
    page.subsection("Inputs");
    List<List<Object>> inputs = new ArrayList<>();
    m.inputs().forEach(i -> inputs.add(List.of(JsonFiles.text(i.role()), JsonFiles.text(i.uri()),
        i.bytes(), JsonFiles.text(i.sha256()))));
    page.table("provenance-inputs", List.of("role", "uri", "bytes", "sha256"), inputs);
    page.subsection("Timings (seconds)");
    page.keyValues("provenance-timings", "phase", JsonFiles.timings(m));
    page.subsection("Warnings");
    List<List<Object>> warnings = new ArrayList<>();
    m.warnings().forEach(w -> warnings.add(List.of(w)));
    if (warnings.isEmpty()) {
      page.paragraph("No warnings.");
    } else {
      page.table("provenance-warnings", List.of("warning"), warnings);
    }
  }

  private static String number(JsonNode n) {
    return n.isNumber() ? Format.number(n.asDouble()) : JsonFiles.text(n);
  }
}
