package org.mlem.jobs.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mlem.core.evaluation.Scoring;
import java.util.TreeMap;
import org.mlem.jobs.output.NaturalOrder;
import org.mlem.jobs.output.OutputFiles;
import org.mlem.jobs.output.ProvenanceJson;
import org.mlem.jobs.output.ProvenanceRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;
import org.mlem.jobs.io.InputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report of a sweep ({@code mlem sweep --out OUT}, {@code OUT/report.html}): importance
 * profiles across layers (one line per top unit with its 95% band; the paper's Figure 4),
 * held-out scores per layer, a status table linking each set's own report, and a 2-D classical
 * MDS view of one layer coloured by its most important feature (the paper's Figure 5). The
 * per-set reports ({@code OUT/runs/<set>/report.html}) are written too.
 *
 * <p>Brain sweeps get one more figure after the profiles: when every set is a MEG/EEG time
 * window ({@code t=<start>-<end>s}), the importance over time ({@link TimeCourseChart}: x =
 * the windows' centres in ms); when sweep.json records {@code --atlas} or {@code --mask} (the
 * sets are ROIs), a grouped bar chart of the importance per ROI with 95% whiskers
 * ({@link RoiBarChart}, the first {@link #ROI_UNITS} units, at most {@link #MAX_ROI_BARS} ROIs).
 *
 * <p>When {@code mlem rsa --out OUT/rsa} has written the sets' RSA matrix beside the sweep, a
 * layer x layer heatmap of it follows the held-out scores ({@link RsaReport#sweepSection});
 * a sweep of several sets without one gets a note with the command.
 *
 * <p>The profile figure is titled with the importance's kind (stimulus- or term-level) and
 * interval basis, with a one-line "how to read". Reads {@code OUT/combined.csv} (set, unit,
 * mean, std, ci_low, ci_high, spearman, rho_a, tau_a, status, reason, kind, interval; the last
 * two may be absent in older sweeps), {@code OUT/sweep.json} (its {@code sets} array, when
 * present, adds sets and statuses missing from the table) and the per-set run directories.
 */
public final class SweepReport {
  /** How many units the profile figure shows (the largest by their maximum mean over sets). */
  public static final int TOP_UNITS = 6;
  /** How many units the ROI bar chart shows per ROI (the first of the profile's). */
  public static final int ROI_UNITS = 4;
  /** The most ROIs drawn as bars; a larger atlas gets a note instead. */
  public static final int MAX_ROI_BARS = 60;

  private static final Logger LOG = LoggerFactory.getLogger(SweepReport.class);

  private SweepReport() {}

  /**
   * Writes the per-set reports and {@code OUT/report.html}.
   *
   * @param spark the session that reads the MDS layer's inputs; null omits the MDS figure
   * @param conf the Hadoop configuration resolving OUT (any URI)
   * @param dir the sweep's output directory
   * @param mdsLayer the set shown in the MDS view, or null for the set where the top unit peaks
   * @return the report's URI
   * @throws InputException if combined.csv is missing or malformed, or mdsLayer is unknown
   */
  public static String write(SparkSession spark, Configuration conf, String dir, String mdsLayer) {
    return write(spark == null ? null : () -> spark, conf, dir, mdsLayer);
  }

  /**
   * As {@link #write(SparkSession, Configuration, String, String)}, the session asked for only
   * if the MDS layer's inputs need Spark to be read (a local sweep's layers are read on the
   * driver without it).
   *
   * @param spark supplies the session (may start it), or null to omit the MDS figure
   */
  public static String write(java.util.function.Supplier<SparkSession> spark, Configuration conf,
      String dir, String mdsLayer) {
    ReportFiles files = new ReportFiles(conf);
    return files.writeReport(dir, html(spark, files, dir, mdsLayer));
  }

  /**
   * Writes the report with the session's Hadoop configuration (for the end of a sweep).
   *
   * @param spark the sweep's session
   * @param dir the sweep's output directory
   * @param mdsLayer the set shown in the MDS view, or null for the default
   * @return the report's URI
   */
  public static String write(SparkSession spark, String dir, String mdsLayer) {
    return write(spark, spark.sparkContext().hadoopConfiguration(), dir, mdsLayer);
  }

  /** One set's line of the status table. */
  private record SetStatus(String status, String reason) {}

  static String html(java.util.function.Supplier<SparkSession> spark, ReportFiles files,
      String dir, String mdsLayer) {
    String combinedCsv = OutputFiles.csv(OutputFiles.COMBINED);
    String combinedUri = ReportFiles.child(dir, combinedCsv);
    CsvRows combined = CsvRows.parse(combinedUri, files.read(combinedUri, combinedCsv),
        "set", "unit", "mean", "ci_low", "ci_high", "spearman", "rho_a", "tau_a", "status");
    Map<String, SetStatus> sets = new TreeMap<>(NaturalOrder.INSTANCE);
    Map<String, Map<String, double[]>> importance = new LinkedHashMap<>();
    Map<String, double[]> scores = new LinkedHashMap<>();
    ImportanceLabels importanceLabels = null;
    for (int r = 0; r < combined.size(); r++) {
      String set = combined.text(r, "set");
      String reason = combined.has("reason") ? combined.text(r, "reason") : "";
      sets.putIfAbsent(set, new SetStatus(combined.text(r, "status"), reason));
      String unit = combined.text(r, "unit");
      if (!unit.isEmpty()) {
        if (importanceLabels == null) {
          importanceLabels = ImportanceLabels.of(
              combined.has("kind") ? combined.text(r, "kind") : "",
              combined.has("interval") ? combined.text(r, "interval") : "");
        }
        importance.computeIfAbsent(unit, k -> new TreeMap<>(NaturalOrder.INSTANCE)).put(set,
            new double[] {combined.number(r, "mean"), combined.number(r, "ci_low"),
                combined.number(r, "ci_high")});
        scores.putIfAbsent(set, new double[] {combined.number(r, "spearman"),
            combined.number(r, "rho_a"), combined.number(r, "tau_a")});
      }
    }
    String sweepUri = ReportFiles.child(dir, OutputFiles.SWEEP_JSON);
    ProvenanceRecord sweep = files.exists(sweepUri) ? ProvenanceJson.read(sweepUri,
        files.read(sweepUri, OutputFiles.SWEEP_JSON), ProvenanceRecord.SWEEP) : null;
    if (sweep != null) {
      for (JsonNode s : sweep.detail("sets")) {
        String name = s.path("name").asText("");
        if (!name.isEmpty() && !sets.containsKey(name)) {
          sets.put(name, new SetStatus(s.path("status").asText(""),
              s.path("reason").asText("")));
        }
      }
    }
    if (importanceLabels != null && sweep != null) {
      importanceLabels = importanceLabels.withScoring(
          ImportanceLabels.scoring(sweep.config("scoring", "")));
    }
    List<String> names = new ArrayList<>(sets.keySet());
    List<String> shownNames = names.stream().map(SetNames::display).toList();
    if (mdsLayer != null && !sets.containsKey(mdsLayer)) {
      // the name as the report shows it (decoded) is accepted too
      int i = shownNames.indexOf(mdsLayer);
      if (i < 0) {
        throw new InputException("--mds-layer " + mdsLayer + " is not a set of the sweep in "
            + dir + "; sets: " + String.join(", ", shownNames));
      }
      mdsLayer = names.get(i);
    }

    HtmlPage page = new HtmlPage("MLEM sweep report");
    long failed = sets.values().stream().filter(s -> s.status().equals("failed")).count();
    long resumed = sets.values().stream()
        .filter(s -> s.status().equals(org.mlem.jobs.output.SetStatus.SKIPPED_COMPLETE.label()))
        .count();
    page.paragraph("Output directory " + dir + ": " + names.size() + " sets: "
        + (names.size() - failed) + " ok" + (resumed == 0 ? ""
            : " (" + resumed + " resumed: completed by an earlier run of the same command)")
        + ", " + failed + " failed.");

    List<String> top = topUnits(importance);
    page.section("profiles", "Importance across layers (Figure 4)");
    if (top.isEmpty()) {
      page.note("No importance rows in combined.csv; figure omitted.");
    } else {
      List<BandChart.Series> series = new ArrayList<>();
      for (String unit : top) {
        series.add(line(unit, names, importance.get(unit)));
      }
      ImportanceLabels l = importanceLabels;
      long candidates = importance.keySet().stream()
          .filter(u -> !u.startsWith(UnitGroups.TOTAL_PREFIX)).count();
      String which = top.size() == candidates
          ? "all " + top.size() + " units" + (candidates < importance.size()
              ? " (totals left out)" : "")
          : "the " + top.size() + " of " + candidates + " units with the largest maximum over "
              + "sets" + (candidates < importance.size() ? " (totals left out)" : "");
      page.figure(BandChart.svg("fig-profiles", "figure profiles",
          l.title() + " importance profiles (95% bands: " + l.interval() + ")", "set",
          shownNames, l.kind().cliName() + "-level permutation importance", series),
          l.title() + " permutation importance per set (sets in natural order), mean of "
              + which + ", with 95% bands (" + l.interval() + "). A unit's importance is "
              + (l.scoring().higherIsBetter() ? "a drop of that set's held-out "
                  + l.scoring().label() + (l.scoring() == Scoring.SPEARMAN
                      ? ": compare it with the set's score in the next figure."
                      : " (--scoring " + l.scoring().cliName() + ").")
                  : "an increase of that set's held-out MSE (--scoring mse)."));
      List<String> howTo = new ArrayList<>(ReadingNotes.units(l.kind(), l.scoring()));
      howTo.add(ReadingNotes.importanceScale(l.scoring()).replace(" (the grey line)", ""));
      howTo.add(ReadingNotes.interval(l));
      page.howToRead(howTo);
    }

    brainFigures(page, sweep, names, importance, importanceLabels, top);

    page.section("layer-scores", "Held-out scores per layer");
    if (scores.isEmpty()) {
      page.note("No held-out scores in combined.csv; figure omitted.");
    } else {
      String[] labels = {"Spearman", "rho-a", "tau-a"};
      boolean rhoIsSpearman = scores.values().stream().allMatch(v -> !(Math.abs(v[1] - v[0])
          >= 5e-5));
      List<BandChart.Series> series = new ArrayList<>();
      for (int k = 0; k < labels.length; k++) {
        if (k == 1 && rhoIsSpearman) {
          continue; // it would be drawn exactly under Spearman's line
        }
        double[] x = new double[names.size()];
        double[] y = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
          x[i] = i;
          double[] s = scores.get(names.get(i));
          y[i] = s == null ? Double.NaN : s[k];
        }
        series.add(new BandChart.Series(labels[k], x, y, y, y, k == 1));
      }
      BandChart.Bounds bounds = BandChart.Bounds.correlation("a correlation");
      page.figure(BandChart.svg("fig-layer-scores", "figure layer-scores",
          "Held-out scores per set", "set", shownNames, "score", series, bounds),
          (rhoIsSpearman
              ? "Held-out Spearman and tau-a of each set's fit (Fisher-z mean over folds); "
                  + "rho-a is not drawn: it equals Spearman on every set (to 4 decimals), "
                  + "because no predicted distances tie."
              : "Held-out Spearman, rho-a (dashed: it can run on top of Spearman's line) and "
                  + "tau-a of each set's fit (Fisher-z mean over folds)."));
      page.howToRead(List.of(ReadingNotes.heldOutScore(), "Sets are in natural order (layer=2 "
          + "before layer=10); a set whose fit failed has no point."));
    }

    RsaReport.sweepSection(page, files, dir, names.size(),
        sweep == null ? null : sweep.config("representations", null));

    page.section("status", "Sets");
    List<List<Object>> rows = new ArrayList<>();
    for (String name : names) {
      SetStatus s = sets.get(name);
      String runDir = org.mlem.jobs.output.SweepFiles.runDir(dir, name);
      Object link = "";
      if (RunDirectory.isRun(files, runDir)) {
        try {
          files.writeReport(runDir, FitReport.html(files, runDir, "../../report.html"));
          link = new HtmlPage.Cell("report", "runs/"
              + pathSegment(org.mlem.jobs.output.SweepFiles.runDirName(name)) + "/report.html",
              null);
        } catch (RuntimeException e) {
          LOG.warn("cannot write the report of set {}", name, e);
          link = "report failed: " + e.getMessage();
        }
      }
      double[] sc = scores.get(name);
      rows.add(List.of(SetNames.display(name), new HtmlPage.Cell(
          org.mlem.jobs.output.SetStatus.display(s.status()), null,
          s.status().equals("failed") ? "failed" : null), s.reason(),
          sc == null ? Double.NaN : sc[0], link));
    }
    page.table("status-table", List.of("set", "status", "reason", "Spearman", "report"), rows);
    page.howToRead(List.of("ok: fitted by this run. ok (resumed): fitted by an earlier run of "
        + "the same command and kept, its run directory being complete (the files record it "
        + "as skipped-complete). failed: no run directory; the reason says why.",
        "Spearman: the set's held-out Spearman (Fisher-z mean over folds); report: the set's "
            + "own report."));

    mds(page, spark, files, dir, mdsLayer, names, importance, top);

    if (sweep != null) {
      page.section("provenance", "Provenance");
      page.subsection("Run");
      page.keyValues("provenance-sweep", "item", JsonFiles.scalars(sweep));
      page.subsection("Configuration");
      page.keyValues("provenance-config", "key", JsonFiles.texts(sweep.config()));
      page.subsection("Timings (seconds)");
      page.keyValues("provenance-timings", "phase", JsonFiles.timings(sweep));
    }
    return page.html();
  }

  /**
   * The brain sweeps' figures: importance over time when every set is a time window, importance
   * per ROI when the sweep cut volumes by an atlas or a mask (sweep.json records it) into at
   * most {@link #MAX_ROI_BARS} sets.
   */
  private static void brainFigures(HtmlPage page, ProvenanceRecord sweep, List<String> names,
      Map<String, Map<String, double[]>> importance, ImportanceLabels labels, List<String> top) {
    List<TimeCourseChart.Window> windows = TimeCourseChart.windows(names);
    // sweep.json's keys of --atlas and --mask (JobOptions.ATLAS, JobOptions.MASK)
    boolean rois = sweep != null && (sweep.config().containsKey("atlas")
        || sweep.config().containsKey("mask"));
    if (windows.isEmpty() && !rois) {
      return;
    }
    if (!windows.isEmpty()) {
      page.section("time-course", "Importance over time");
    } else {
      page.section("roi-bars", "Importance per ROI");
    }
    if (top.isEmpty()) {
      page.note("No importance rows in combined.csv; figure omitted.");
      return;
    }
    String yLabel = labels.kind().cliName() + "-level permutation importance";
    if (!windows.isEmpty()) {
      double first = windows.get(0).startMs();
      double last = windows.get(windows.size() - 1).endMs();
      page.figure(TimeCourseChart.svg("fig-time-course", labels.title()
          + " importance over time (95% bands: " + labels.interval() + ")", yLabel,
          TimeCourseChart.series(top, windows, importance)),
          labels.title() + " permutation importance of " + top.size() + " units (those of the "
              + "figure above) in " + windows.size() + " time windows from "
              + Format.number(first) + " to " + Format.number(last) + " ms, each drawn at its "
              + "window's centre, with 95% bands (" + labels.interval() + "); the grey line is "
              + "0.");
      page.howToRead(List.of("A point is the importance of a unit in one time window: the "
          + "representations are the channels x time points of that window alone. A line "
          + "above 0 whose band excludes 0 marks the time when the feature is represented.",
          ReadingNotes.interval(labels)));
      return;
    }
    if (names.size() > MAX_ROI_BARS) {
      page.note(names.size() + " ROIs: too many for a bar chart (at most " + MAX_ROI_BARS
          + "); combined.csv holds every ROI's importance.");
      return;
    }
    List<String> units = top.subList(0, Math.min(ROI_UNITS, top.size()));
    page.figure(RoiBarChart.svg("fig-roi-bars", labels.title() + " importance per ROI",
        names, names.stream().map(SetNames::display).toList(), units, importance),
        labels.title() + " permutation importance of " + (units.size() == 1 ? "the unit"
            : "the " + units.size() + " units") + " with the largest maximum over ROIs, per "
            + "ROI (bars: mean; whiskers: 95% interval, " + labels.interval() + "); a ROI "
            + "whose fit failed has no bars.");
    page.howToRead(List.of("One row of bars per ROI (one set of the sweep: the voxels of that "
        + "ROI), one bar per unit. A bar whose whisker stays clear of 0 marks a unit the ROI "
        + "reliably represents; compare ROIs by the bars' lengths.",
        ReadingNotes.interval(labels)));
  }

  private static void mds(HtmlPage page, java.util.function.Supplier<SparkSession> spark,
      ReportFiles files, String dir,
      String mdsLayer, List<String> names, Map<String, Map<String, double[]>> importance,
      List<String> top) {
    page.section("mds", "MDS view of a layer (Figure 5)");
    String layer = mdsLayer;
    if (layer == null && !top.isEmpty()) {
      layer = peak(importance.get(top.get(0)));
    }
    if (layer == null) {
      page.note("No layer with importance results; MDS view omitted.");
      return;
    }
    String shown = SetNames.display(layer);
    if (spark == null) {
      page.note("MDS view of " + shown + " omitted: no Spark session to read its inputs.");
      return;
    }
    String runDir = org.mlem.jobs.output.SweepFiles.runDir(dir, layer);
    try {
      RunDirectory run = RunDirectory.read(files, runDir);
      String feature = null;
      double best = Double.NEGATIVE_INFINITY;
      for (String f : run.features()) {
        Map<String, double[]> bySet = importance.get(f);
        double[] v = bySet == null ? null : bySet.get(layer);
        if (v != null && v[0] > best) {
          best = v[0];
          feature = f;
        }
      }
      if (feature == null) {
        feature = run.features().get(0);
      }
      MdsView.Embedding e = MdsView.embed(spark, files.conf(), run.provenance(), feature);
      page.figure(MdsScatter.svg("fig-mds", "MDS of " + shown + " coloured by " + feature,
          e.xy(), e.values(), feature),
          "Classical MDS (Euclidean distances) of " + e.xy().length + " of " + e.total()
              + " stimuli of " + shown + ", coloured by its most important feature, "
              + feature + "; both axes have the same scale.");
      page.howToRead(List.of("Each point is a stimulus. Classical MDS places the points so that "
          + "their distances approximate the Euclidean distances between the stimuli's "
          + "representations in this set (the first two dimensions; the axes' units are those "
          + "distances, with the same scale on both axes).",
          "Colour: the stimulus's value of " + feature + ", the feature with the largest "
              + "importance in this set; points grouped by colour mean the feature organises "
              + "the geometry. --mds-layer SET shows another set."));
    } catch (RuntimeException e) {
      LOG.warn("MDS view of {} omitted", layer, e);
      page.note("MDS view of " + shown + " omitted: its inputs could not be read ("
          + e.getMessage() + ").");
    }
  }

  /** Units (totals excluded) ranked by their maximum mean over sets, the first TOP_UNITS. */
  static List<String> topUnits(Map<String, Map<String, double[]>> importance) {
    List<Map.Entry<String, Double>> ranked = new ArrayList<>();
    importance.forEach((unit, bySet) -> {
      if (!unit.startsWith(UnitGroups.TOTAL_PREFIX)) {
        double max = bySet.values().stream().mapToDouble(v -> v[0]).filter(Double::isFinite)
            .max().orElse(Double.NEGATIVE_INFINITY);
        ranked.add(Map.entry(unit, max));
      }
    });
    ranked.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -e.getValue())
        .thenComparing(Map.Entry::getKey));
    return ranked.stream().limit(TOP_UNITS).map(Map.Entry::getKey).toList();
  }

  /** A set name as one relative URL path segment (anything unusual percent-encoded). */
  static String pathSegment(String name) {
    StringBuilder sb = new StringBuilder();
    for (byte b : name.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-' || c == '=' || c == '~') {
        sb.append(c);
      } else {
        sb.append(String.format(java.util.Locale.ROOT, "%%%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  private static String peak(Map<String, double[]> bySet) {
    String best = null;
    double max = Double.NEGATIVE_INFINITY;
    for (Map.Entry<String, double[]> e : bySet.entrySet()) {
      if (e.getValue()[0] > max) {
        max = e.getValue()[0];
        best = e.getKey();
      }
    }
    return best;
  }

  private static BandChart.Series line(String unit, List<String> names,
      Map<String, double[]> bySet) {
    int n = names.size();
    double[] x = new double[n];
    double[] y = new double[n];
    double[] lo = new double[n];
    double[] hi = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      double[] v = bySet.get(names.get(i));
      y[i] = v == null ? Double.NaN : v[0];
      lo[i] = v == null ? Double.NaN : v[1];
      hi[i] = v == null ? Double.NaN : v[2];
    }
    return new BandChart.Series(unit, x, y, lo, hi);
  }
}
