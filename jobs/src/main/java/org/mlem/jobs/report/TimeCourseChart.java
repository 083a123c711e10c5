package org.mlem.jobs.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Importance over time for a sweep whose sets are MEG/EEG time windows (named
 * {@code t=<start>-<end>s}, as the sweep's window sets are): one line per unit through its mean
 * at each window's centre (in ms), with its 95% band, and a line at 0. The windows are placed by
 * the times in their names, so the x axis is time even when the windows overlap or leave gaps.
 */
final class TimeCourseChart {
  /** A window set's name: start and end in seconds, either possibly negative. */
  private static final Pattern WINDOW =
      Pattern.compile("t=(-?[0-9]+(?:\\.[0-9]+)?)-(-?[0-9]+(?:\\.[0-9]+)?)s");

  private TimeCourseChart() {}

  /**
   * One window: its set name, start and end in ms.
   *
   * @param set the set's name
   * @param startMs the window's start (ms)
   * @param endMs the window's end (ms)
   */
  record Window(String set, double startMs, double endMs) {
    /** The window's centre (ms), where its point is drawn. */
    double centreMs() {
      return (startMs + endMs) / 2;
    }
  }

  /**
   * The windows of the sets in time order, or an empty list unless every name is a window's.
   */
  static List<Window> windows(List<String> sets) {
    List<Window> out = new ArrayList<>();
    for (String set : sets) {
      Matcher m = set == null ? null : WINDOW.matcher(set);
      if (m == null || !m.matches()) {
        return List.of();
      }
      // the names' decimal seconds to ms exactly (0.1 s is 100 ms, not 100.00000000000001)
      out.add(new Window(set, new BigDecimal(m.group(1)).movePointRight(3).doubleValue(),
          new BigDecimal(m.group(2)).movePointRight(3).doubleValue()));
    }
    out.sort(Comparator.comparingDouble(Window::startMs).thenComparingDouble(Window::endMs));
    return out;
  }

  /** One line per unit at the windows' centres: mean, ci_low, ci_high (NaN where absent). */
  static List<BandChart.Series> series(List<String> units, List<Window> windows,
      Map<String, Map<String, double[]>> importance) {
    List<BandChart.Series> out = new ArrayList<>();
    int n = windows.size();
    for (String unit : units) {
      Map<String, double[]> bySet = importance.getOrDefault(unit, Map.of());
      double[] x = new double[n];
      double[] y = new double[n];
      double[] lo = new double[n];
      double[] hi = new double[n];
      for (int w = 0; w < n; w++) {
        x[w] = windows.get(w).centreMs();
        double[] v = bySet.get(windows.get(w).set());
        y[w] = v == null ? Double.NaN : v[0];
        lo[w] = v == null ? Double.NaN : v[1];
        hi[w] = v == null ? Double.NaN : v[2];
      }
      out.add(new BandChart.Series(unit, x, y, lo, hi));
    }
    return out;
  }

  /** The chart as inline SVG (class "figure time-course"). */
  static String svg(String id, String title, String yLabel, List<BandChart.Series> series) {
    return BandChart.svg(id, "figure time-course", title, "time (ms), at each window's centre",
        null, yLabel, series, BandChart.Bounds.NONE, true);
  }
}
