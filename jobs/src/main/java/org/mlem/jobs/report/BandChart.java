package org.mlem.jobs.report;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Lines with shaded bands: one line per series (e.g. a unit across layers, a model across noise
 * levels) through its central values, with a translucent band from its low to its high values
 * (95% interval, or mean +- std). The x axis is numeric, or categorical when labels are given.
 * A quantity with natural bounds (a distance is at least 0, a correlation lies in [-1, 1]) has
 * its bands clipped there and its axis kept inside them; the caller's caption says so
 * ({@link Bounds#captionNote}).
 */
final class BandChart {
  private BandChart() {}

  /**
   * One line: x positions, central values and the band (NaN entries are skipped).
   *
   * @param name the legend entry
   * @param x x positions (indices into the labels for a categorical axis)
   * @param y central values
   * @param low band lower ends
   * @param high band upper ends
   * @param dashed whether the line is dashed (a line that may run on top of another one)
   */
  record Series(String name, double[] x, double[] y, double[] low, double[] high,
      boolean dashed) {
    /** A solid line. */
    Series(String name, double[] x, double[] y, double[] low, double[] high) {
      this(name, x, y, low, high, false);
    }
  }

  /**
   * The natural range of the plotted quantity.
   *
   * @param low the smallest possible value (or -Infinity)
   * @param high the largest possible value (or +Infinity)
   * @param why what the quantity is, for the caption (e.g. "a distance")
   */
  record Bounds(double low, double high, String why) {
    /** No bounds (importance can be negative or exceed any value). */
    static final Bounds NONE = new Bounds(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, "");
    /** A distance or a count: at least 0. */
    static Bounds atLeastZero(String why) {
      return new Bounds(0, Double.POSITIVE_INFINITY, why);
    }

    /** A correlation: in [-1, 1]. */
    static Bounds correlation(String why) {
      return new Bounds(-1, 1, why);
    }

    double clip(double v) {
      return Math.max(low, Math.min(high, v));
    }

    /** The caption's sentence on the clipping, e.g. "Bands are clipped at 0 (a distance ...)". */
    String captionNote() {
      if (Double.isInfinite(low) && Double.isInfinite(high)) {
        return "";
      }
      String where = Double.isInfinite(high) ? "at " + Format.number(low)
          : Double.isInfinite(low) ? "at " + Format.number(high)
          : "to [" + Format.number(low) + ", " + Format.number(high) + "]";
      return " Bands are clipped " + where + " (" + why + " cannot lie outside).";
    }
  }

  /**
   * The chart as inline SVG.
   *
   * @param id element id
   * @param cssClass element class
   * @param title chart title
   * @param xLabel x axis label
   * @param xCategories labels of x = 0, 1, ... for a categorical axis, or null for a numeric one
   * @param yLabel y axis label
   * @param series the lines
   */
  static String svg(String id, String cssClass, String title, String xLabel,
      List<String> xCategories, String yLabel, List<Series> series) {
    return svg(id, cssClass, title, xLabel, xCategories, yLabel, series, Bounds.NONE);
  }

  /** As {@link #svg(String, String, String, String, List, String, List)}, bands clipped. */
  static String svg(String id, String cssClass, String title, String xLabel,
      List<String> xCategories, String yLabel, List<Series> series, Bounds bounds) {
    return svg(id, cssClass, title, xLabel, xCategories, yLabel, series, bounds, false);
  }

  /**
   * As {@link #svg(String, String, String, String, List, String, List, Bounds)}, with a grey
   * line at y = 0 when {@code zeroLine} (the y range then includes 0).
   */
  static String svg(String id, String cssClass, String title, String xLabel,
      List<String> xCategories, String yLabel, List<Series> series, Bounds bounds,
      boolean zeroLine) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      YIntervalSeries line = new YIntervalSeries(s.name(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.y()[i])) {
          double lo = bounds.clip(Double.isFinite(s.low()[i]) ? s.low()[i] : s.y()[i]);
          double hi = bounds.clip(Double.isFinite(s.high()[i]) ? s.high()[i] : s.y()[i]);
          line.add(s.x()[i], s.y()[i], lo, hi);
          min = Math.min(min, lo);
          max = Math.max(max, hi);
        }
      }
      data.addSeries(line);
    }
    ValueAxis x;
    if (xCategories != null) {
      SymbolAxis symbols = new SymbolAxis(xLabel, xCategories.toArray(new String[0]));
      symbols.setGridBandsVisible(false);
      symbols.setVerticalTickLabels(xCategories.size() > 12);
      x = symbols;
    } else {
      NumberAxis numbers = new NumberAxis(xLabel);
      numbers.setAutoRangeIncludesZero(false);
      numbers.setNumberFormatOverride(Format.ticks());
      x = numbers;
    }
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    y.setNumberFormatOverride(Format.ticks());
    if (zeroLine && min <= max) {
      min = Math.min(min, 0);
      max = Math.max(max, 0);
    }
    if (min <= max) {
      // the auto range's 5% margins, kept inside the quantity's bounds
      double margin = max > min ? 0.05 * (max - min) : Math.max(0.05, Math.abs(max) * 0.05);
      y.setRange(Math.max(bounds.low(), min - margin), Math.min(bounds.high(), max + margin));
    }
    DeviationRenderer renderer = new DeviationRenderer(true, true);
    renderer.setAlpha(0.18f);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    // later series on top: a dashed line drawn over the solid one it may coincide with
    plot.setSeriesRenderingOrder(org.jfree.chart.plot.SeriesRenderingOrder.FORWARD);
    if (zeroLine) {
      plot.addRangeMarker(new org.jfree.chart.plot.ValueMarker(0.0, java.awt.Color.GRAY,
          new java.awt.BasicStroke(1f)));
    }
    JFreeChart chart = SvgCharts.style(new JFreeChart(title, plot));
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, SvgCharts.colour(i));
      renderer.setSeriesFillPaint(i, SvgCharts.colour(i));
      if (series.get(i).dashed()) {
        renderer.setSeriesStroke(i, new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {7f, 5f}, 0f));
      }
    }
    return SvgCharts.svg(chart, id, cssClass, 900, 420);
  }
}
