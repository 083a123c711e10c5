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
   */
  record Series(String name, double[] x, double[] y, double[] low, double[] high) {}

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
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    for (Series s : series) {
      YIntervalSeries line = new YIntervalSeries(s.name(), false, true);
      for (int i = 0; i < s.x().length; i++) {
        if (Double.isFinite(s.y()[i])) {
          double lo = Double.isFinite(s.low()[i]) ? s.low()[i] : s.y()[i];
          double hi = Double.isFinite(s.high()[i]) ? s.high()[i] : s.y()[i];
          line.add(s.x()[i], s.y()[i], lo, hi);
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
      x = numbers;
    }
    NumberAxis y = new NumberAxis(yLabel);
    y.setAutoRangeIncludesZero(false);
    DeviationRenderer renderer = new DeviationRenderer(true, true);
    renderer.setAlpha(0.18f);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    JFreeChart chart = SvgCharts.style(new JFreeChart(title, plot));
    for (int i = 0; i < series.size(); i++) {
      renderer.setSeriesPaint(i, SvgCharts.colour(i));
      renderer.setSeriesFillPaint(i, SvgCharts.colour(i));
    }
    return SvgCharts.svg(chart, id, cssClass, 900, 420);
  }
}
