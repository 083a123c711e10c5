package org.mlem.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Importance per ROI as a grouped bar chart: one row of bars per ROI (top to bottom, in the
 * sweep's order), one bar per unit (the colour of its legend entry) from 0 to its mean, with the
 * 95% interval as a whisker, and a line at 0. A ROI without a value for a unit (its fit failed)
 * has no bar there.
 */
final class RoiBarChart {
  /** The share of a ROI's row the bars fill (the rest separates the ROIs). */
  private static final double GROUP = 0.8;

  private RoiBarChart() {}

  /**
   * The chart as inline SVG (class "figure roi-bars").
   *
   * @param id element id
   * @param title chart title
   * @param rois the ROIs' set names (rows)
   * @param labels the ROIs as shown (same order)
   * @param units the units (one bar each per ROI)
   * @param importance per unit, per set: mean, ci_low, ci_high
   */
  static String svg(String id, String title, List<String> rois, List<String> labels,
      List<String> units, Map<String, Map<String, double[]>> importance) {
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    // the whiskers' own copy: a plot finds a dataset's renderer by the dataset, so one
    // collection under two renderers would draw (and list in the legend) the bars twice
    XYIntervalSeriesCollection whiskerData = new XYIntervalSeriesCollection();
    double width = GROUP / Math.max(1, units.size());
    double low = 0;
    double high = 0;
    for (int u = 0; u < units.size(); u++) {
      XYIntervalSeries s = new XYIntervalSeries(units.get(u));
      XYIntervalSeries w = new XYIntervalSeries(units.get(u));
      Map<String, double[]> bySet = importance.getOrDefault(units.get(u), Map.of());
      for (int r = 0; r < rois.size(); r++) {
        double[] v = bySet.get(rois.get(r));
        if (v == null || !Double.isFinite(v[0])) {
          continue;
        }
        double x = r - GROUP / 2 + width * (u + 0.5);
        double lo = Double.isFinite(v[1]) ? v[1] : v[0];
        double hi = Double.isFinite(v[2]) ? v[2] : v[0];
        s.add(x, x - width / 2 * 0.9, x + width / 2 * 0.9, v[0], lo, hi);
        w.add(x, x, x, v[0], lo, hi);
        low = Math.min(low, Math.min(lo, v[0]));
        high = Math.max(high, Math.max(hi, v[0]));
      }
      data.addSeries(s);
      whiskerData.addSeries(w);
    }
    SymbolAxis roiAxis = new SymbolAxis(null, labels.toArray(new String[0]));
    roiAxis.setInverted(true);
    roiAxis.setGridBandsVisible(false);
    roiAxis.setRange(-0.5, rois.size() - 0.5);
    NumberAxis valueAxis = new NumberAxis("importance (drop in held-out Spearman), 95% interval");
    valueAxis.setNumberFormatOverride(Format.ticks());
    // the bars' auto range leaves the whiskers out: 0, every bar and whisker, 5% margins
    double margin = high > low ? 0.05 * (high - low) : 0.05;
    valueAxis.setRange(low - (low < 0 ? margin : 0), high + (high > 0 ? margin : 0)
        + (high == low ? margin : 0));
    XYBarRenderer bars = new XYBarRenderer();
    XYPlot plot = new XYPlot(data, roiAxis, valueAxis, bars);
    XYErrorRenderer whiskers = new XYErrorRenderer();
    whiskers.setDrawXError(false);
    whiskers.setDrawYError(true);
    whiskers.setDefaultLinesVisible(false);
    whiskers.setDefaultShapesVisible(false);
    whiskers.setCapLength(4);
    whiskers.setErrorStroke(new BasicStroke(1.2f));
    plot.setDataset(1, whiskerData);
    plot.setRenderer(1, whiskers);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    plot.setDomainGridlinesVisible(false);
    plot.addRangeMarker(new ValueMarker(0.0, Color.GRAY, new BasicStroke(1f)));
    JFreeChart chart = SvgCharts.style(new JFreeChart(title, plot));
    // after the theme, which would give the bars gradients and shadows
    bars.setBarPainter(new StandardXYBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    whiskers.setErrorPaint(Color.DARK_GRAY);
    whiskers.setDefaultSeriesVisibleInLegend(false);
    for (int u = 0; u < units.size(); u++) {
      bars.setSeriesPaint(u, SvgCharts.colour(u));
      whiskers.setSeriesPaint(u, Color.DARK_GRAY);
      whiskers.setSeriesVisibleInLegend(u, false);
    }
    int perRoi = Math.max(22, 9 * units.size() + 6);
    return SvgCharts.svg(chart, id, "figure roi-bars", 900, 130 + perRoi * rois.size());
  }
}
