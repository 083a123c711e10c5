package org.mlem.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Permutation importance per unit as a dot plot with 95% interval whiskers, one row per unit in
 * the given order (top to bottom), coloured by group (features, interactions, totals), with a
 * line at zero.
 */
final class ImportanceChart {
  private ImportanceChart() {}

  /** One unit's row: name, group label, mean and 95% interval. */
  record Row(String unit, String group, double mean, double low, double high) {}

  /** The chart as inline SVG with the given id (class "figure importance"). */
  static String svg(String id, String title, List<Row> rows) {
    return svg(id, title, rows, "drop in held-out Spearman");
  }

  /**
   * The chart with its value axis naming what an importance is ({@code meaning}, e.g. "drop in
   * held-out Pearson r" or "increase of held-out MSE").
   */
  static String svg(String id, String title, List<Row> rows, String meaning) {
    String[] names = new String[rows.size()];
    Map<String, XYIntervalSeries> byGroup = new LinkedHashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      names[i] = r.unit();
      byGroup.computeIfAbsent(r.group(), XYIntervalSeries::new)
          .add(i, i, i, r.mean(), finiteOr(r.low(), r.mean()), finiteOr(r.high(), r.mean()));
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    byGroup.values().forEach(data::addSeries);
    SymbolAxis unitAxis = new SymbolAxis(null, names);
    unitAxis.setInverted(true);
    unitAxis.setGridBandsVisible(false);
    NumberAxis valueAxis = new NumberAxis("importance (" + meaning + "), 95% interval");
    valueAxis.setAutoRangeIncludesZero(true);
    valueAxis.setNumberFormatOverride(Format.ticks());
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawXError(false);
    renderer.setDrawYError(true);
    renderer.setDefaultLinesVisible(false);
    renderer.setDefaultShapesVisible(true);
    renderer.setCapLength(6);
    renderer.setErrorStroke(new BasicStroke(1.5f));
    XYPlot plot = new XYPlot(data, unitAxis, valueAxis, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.addRangeMarker(new ValueMarker(0.0, Color.GRAY, new BasicStroke(1f)));
    JFreeChart chart = SvgCharts.style(new JFreeChart(title, plot));
    renderer.setErrorPaint(null);
    return SvgCharts.svg(chart, id, "figure importance", 900, 110 + 20 * rows.size());
  }

  private static double finiteOr(double v, double fallback) {
    return Double.isFinite(v) ? v : fallback;
  }
}
