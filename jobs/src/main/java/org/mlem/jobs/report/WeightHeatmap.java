package org.mlem.jobs.report;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A feature x feature matrix as a heatmap: the learned weight matrix W, or the stimulus-level
 * importance matrix (main effects on the diagonal, interaction effects off it); feature names on
 * both axes (row feature top to bottom, column feature left to right), a diverging colour scale
 * centred at 0 and its legend.
 */
final class WeightHeatmap {
  private WeightHeatmap() {}

  /** W's heatmap as inline SVG (class "figure heatmap"). */
  static String svg(String id, List<String> names, double[][] w) {
    return svg(id, names, w, "Weight matrix W", "weight");
  }

  /**
   * A feature x feature heatmap as inline SVG (class "figure heatmap").
   *
   * @param title the chart's title
   * @param scaleLabel the colour legend's axis label
   */
  static String svg(String id, List<String> names, double[][] w, String title,
      String scaleLabel) {
    int f = names.size();
    double[][] xyz = new double[3][f * f];
    double limit = 0;
    for (int a = 0; a < f; a++) {
      for (int b = 0; b < f; b++) {
        int k = a * f + b;
        xyz[0][k] = b;
        xyz[1][k] = a;
        xyz[2][k] = w[a][b];
        if (Double.isFinite(w[a][b])) {
          limit = Math.max(limit, Math.abs(w[a][b]));
        }
      }
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("W", xyz);
    String[] labels = names.toArray(new String[0]);
    SymbolAxis columns = new SymbolAxis("column feature", labels);
    columns.setVerticalTickLabels(true);
    columns.setGridBandsVisible(false);
    SymbolAxis rows = new SymbolAxis("row feature", labels);
    rows.setInverted(true);
    rows.setGridBandsVisible(false);
    XYBlockRenderer renderer = new XYBlockRenderer();
    DivergingPaintScale scale = new DivergingPaintScale(limit);
    renderer.setPaintScale(scale);
    XYPlot plot = new XYPlot(data, columns, rows, renderer);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    JFreeChart chart = new JFreeChart(title, plot);
    chart.removeLegend();
    SvgCharts.style(chart);
    NumberAxis scaleAxis = new NumberAxis(scaleLabel);
    scaleAxis.setRange(scale.getLowerBound(), scale.getUpperBound());
    scaleAxis.setNumberFormatOverride(Format.ticks());
    PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setMargin(4, 8, 4, 8);
    legend.setStripWidth(16);
    legend.setSubdivisionCount(64);
    chart.addSubtitle(legend);
    int longest = names.stream().mapToInt(String::length).max().orElse(1);
    int cell = Math.max(22, Math.min(48, 560 / Math.max(1, f)));
    int label = Math.min(220, 12 + 7 * longest);
    return SvgCharts.svg(chart, id, "figure heatmap", label + cell * f + 150,
        label + cell * f + 80);
  }
}
