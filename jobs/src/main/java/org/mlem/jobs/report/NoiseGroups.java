package org.mlem.jobs.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mlem.core.importance.UnitSummary;
import org.mlem.jobs.output.ProvenanceRecord;

/**
 * The rows of a noise study (simulate or robustness) grouped by series (the model, plus the
 * soft-rank strength when the table holds several) and noise level, each metric summarized over
 * the seeds by the core's {@link UnitSummary} (mean, sample std). Non-finite values are left out
 * of a summary.
 */
final class NoiseGroups {
  private NoiseGroups() {}

  /** One (series, noise) cell: the number of rows and the summary of each metric. */
  record Group(String series, double noise, int runs, Map<String, UnitSummary> stats) {
    /** The mean of a metric (NaN when it had no finite value). */
    double mean(String metric) {
      UnitSummary s = stats.get(metric);
      return s == null ? Double.NaN : s.mean();
    }

    /** The sample std of a metric (NaN when it had no finite value). */
    double std(String metric) {
      UnitSummary s = stats.get(metric);
      return s == null ? Double.NaN : s.std();
    }
  }

  /**
   * Groups the rows; series in first-appearance order, noise levels ascending.
   *
   * @param rows a table with columns model, noise, the metrics and optionally strength
   * @param metrics the metric columns to summarize
   */
  static List<Group> of(CsvRows rows, List<String> metrics) {
    return of(rows, metrics, "noise");
  }

  /**
   * Groups the rows by series and another numeric x column (e.g. {@code n_train} of a sample
   * efficiency study); {@link Group#noise()} then holds that column's value.
   */
  static List<Group> of(CsvRows rows, List<String> metrics, String xColumn) {
    boolean strengths = rows.has("strength") && distinct(rows, "strength") > 1;
    Map<String, TreeMap<Double, List<Integer>>> cells = new LinkedHashMap<>();
    for (int r = 0; r < rows.size(); r++) {
      String series = rows.text(r, "model")
          + (strengths ? " (" + rows.text(r, "strength") + ")" : "");
      cells.computeIfAbsent(series, k -> new TreeMap<>())
          .computeIfAbsent(rows.number(r, xColumn), k -> new ArrayList<>()).add(r);
    }
    List<Group> out = new ArrayList<>();
    cells.forEach((series, byNoise) -> byNoise.forEach((noise, members) -> {
      Map<String, UnitSummary> stats = new LinkedHashMap<>();
      for (String metric : metrics) {
        if (!rows.has(metric)) {
          continue;
        }
        double[] values = members.stream().mapToDouble(r -> rows.number(r, metric))
            .filter(Double::isFinite).toArray();
        if (values.length > 0) {
          stats.put(metric, UnitSummary.of(metric, values));
        }
      }
      out.add(new Group(series, noise, members.size(), stats));
    }));
    return out;
  }

  /** One band-chart line per series: the metric's mean over seeds, band mean +- std. */
  static List<BandChart.Series> series(List<Group> groups, String metric) {
    Map<String, List<Group>> bySeries = new LinkedHashMap<>();
    for (Group g : groups) {
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
        Group g = list.get(i);
        x[i] = g.noise();
        y[i] = g.mean(metric);
        lo[i] = y[i] - g.std(metric);
        hi[i] = y[i] + g.std(metric);
      }
      out.add(new BandChart.Series(name, x, y, lo, hi));
    });
    return out;
  }

  /** The summary table's rows: series, noise, runs, then mean and std of each metric. */
  static List<List<Object>> table(List<Group> groups, List<String> metrics) {
    List<List<Object>> rows = new ArrayList<>();
    for (Group g : groups) {
      List<Object> row = new ArrayList<>(List.of(g.series(), g.noise(), g.runs()));
      for (String metric : metrics) {
        row.add(g.mean(metric));
        row.add(g.std(metric));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The summary table's header matching {@link #table}. */
  static List<String> header(List<String> metrics) {
    return header(metrics, "noise");
  }

  /** The summary table's header with another name for the x column. */
  static List<String> header(List<String> metrics, String xName) {
    List<String> header = new ArrayList<>(List.of("model", xName, "runs"));
    for (String metric : metrics) {
      String name = metric.replace('_', ' ');
      header.add(name + " mean");
      header.add(name + " std");
    }
    return header;
  }

  /** The study's configuration, timings and other facts, each table under its heading. */
  static void provenance(HtmlPage page, ProvenanceRecord provenance) {
    page.section("provenance", "Configuration and timings");
    page.subsection("Configuration");
    page.keyValues("provenance-config", "key", JsonFiles.texts(provenance.config()));
    page.subsection("Timings (seconds)");
    page.keyValues("provenance-timings", "phase", JsonFiles.timings(provenance));
    page.subsection("Run");
    Map<String, String> run = new LinkedHashMap<>();
    provenance.versions().forEach((k, v) -> run.put(k + " version", v == null ? "" : v));
    run.putAll(JsonFiles.scalars(provenance));
    page.keyValues("provenance-other", "item", run);
  }

  private static long distinct(CsvRows rows, String column) {
    java.util.Set<String> values = new java.util.HashSet<>();
    for (int r = 0; r < rows.size(); r++) {
      values.add(rows.text(r, column));
    }
    return values.size();
  }
}
