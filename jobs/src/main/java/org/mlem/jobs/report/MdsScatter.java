package org.mlem.jobs.report;

import java.awt.geom.Ellipse2D;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A 2-D MDS view of stimuli coloured by one feature: one colour per category (legend) for a
 * categorical feature, or a continuous colour scale (with its legend) for a numeric one. Both
 * axes have the same scale (one unit is as long horizontally as vertically), since distances
 * between the points are what an MDS view shows.
 */
final class MdsScatter {
  /** At most this many categories get their own colour; the rest are drawn as "other". */
  static final int MAX_CATEGORIES = 10;

  private MdsScatter() {}

  /**
   * The scatter as inline SVG (class "figure mds").
   *
   * @param id element id
   * @param title chart title
   * @param xy n x 2 coordinates
   * @param values the feature's value per stimulus: Double for numeric, String otherwise
   * @param feature the feature's name
   */
  static String svg(String id, String title, double[][] xy, List<Object> values, String feature) {
    boolean numeric = values.stream().allMatch(v -> v == null || v instanceof Number);
    NumberAxis x = new NumberAxis("MDS dimension 1");
    NumberAxis y = new NumberAxis("MDS dimension 2");
    x.setAutoRangeIncludesZero(false);
    y.setAutoRangeIncludesZero(false);
    x.setNumberFormatOverride(Format.ticks());
    y.setNumberFormatOverride(Format.ticks());
    JFreeChart chart;
    if (numeric) {
      double[][] xyz = new double[3][xy.length];
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < xy.length; i++) {
        xyz[0][i] = xy[i][0];
        xyz[1][i] = xy[i][1];
        double v = values.get(i) == null ? Double.NaN : ((Number) values.get(i)).doubleValue();
        xyz[2][i] = v;
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      if (!(hi > lo)) {
        lo = Double.isFinite(lo) ? lo - 0.5 : 0;
        hi = lo + 1;
      }
      DefaultXYZDataset data = new DefaultXYZDataset();
      data.addSeries(feature, xyz);
      LookupPaintScale scale = viridis(lo, hi);
      XYShapeRenderer renderer = new XYShapeRenderer();
      renderer.setPaintScale(scale);
      renderer.setDefaultShape(new Ellipse2D.Double(-4, -4, 8, 8));
      XYPlot plot = new XYPlot(data, x, y, renderer);
      chart = new JFreeChart(title, plot);
      chart.removeLegend();
      SvgCharts.style(chart);
      NumberAxis scaleAxis = new NumberAxis(feature);
      scaleAxis.setRange(lo, hi);
      scaleAxis.setNumberFormatOverride(Format.ticks());
      PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
      legend.setPosition(RectangleEdge.RIGHT);
      legend.setStripWidth(14);
      legend.setMargin(4, 8, 4, 8);
      legend.setSubdivisionCount(64);
      chart.addSubtitle(legend);
    } else {
      Map<String, XYSeries> byValue = new LinkedHashMap<>();
      List<String> labels = new ArrayList<>();
      for (Object v : values) {
        String label = v == null ? "(missing)" : v.toString();
        if (!labels.contains(label)) {
          labels.add(label);
        }
      }
      labels.sort(null);
      List<String> kept = labels.subList(0, Math.min(MAX_CATEGORIES, labels.size()));
      for (String label : kept) {
        byValue.put(label, new XYSeries(feature + " = " + label, false, true));
      }
      XYSeries other = new XYSeries("other values", false, true);
      for (int i = 0; i < xy.length; i++) {
        String label = values.get(i) == null ? "(missing)" : values.get(i).toString();
        byValue.getOrDefault(label, other).add(xy[i][0], xy[i][1]);
      }
      XYSeriesCollection data = new XYSeriesCollection();
      byValue.values().forEach(data::addSeries);
      if (other.getItemCount() > 0) {
        data.addSeries(other);
      }
      XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
      XYPlot plot = new XYPlot(data, x, y, renderer);
      chart = SvgCharts.style(new JFreeChart(title, plot));
      for (int i = 0; i < data.getSeriesCount(); i++) {
        renderer.setSeriesPaint(i, SvgCharts.colour(i));
        renderer.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
      }
    }
    equalAspect(chart, x, y, xy, WIDTH, HEIGHT);
    return SvgCharts.svg(chart, id, "figure mds", WIDTH, HEIGHT);
  }

  private static final int WIDTH = 760;
  private static final int HEIGHT = 600;

  /**
   * Sets both axes' ranges so that a data unit has the same length in pixels on each: the
   * chart is laid out once to learn its data area (whose size depends a little on the tick
   * labels, hence a second pass), then each range is the points' extent plus 5% margins,
   * widened about its centre to the common scale.
   */
  static void equalAspect(JFreeChart chart, NumberAxis x, NumberAxis y, double[][] xy,
      int width, int height) {
    double minX = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (double[] p : xy) {
      if (Double.isFinite(p[0]) && Double.isFinite(p[1])) {
        minX = Math.min(minX, p[0]);
        maxX = Math.max(maxX, p[0]);
        minY = Math.min(minY, p[1]);
        maxY = Math.max(maxY, p[1]);
      }
    }
    if (!(minX <= maxX)) {
      return;
    }
    double spanX = Math.max(maxX - minX, 1e-12) * 1.1;
    double spanY = Math.max(maxY - minY, 1e-12) * 1.1;
    double cx = (minX + maxX) / 2;
    double cy = (minY + maxY) / 2;
    for (int pass = 0; pass < 3; pass++) {
      org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
      chart.draw(new org.jfree.svg.SVGGraphics2D(width, height),
          new java.awt.geom.Rectangle2D.Double(0, 0, width, height), info);
      java.awt.geom.Rectangle2D area = info.getPlotInfo().getDataArea();
      double perPixel = Math.max(spanX / area.getWidth(), spanY / area.getHeight());
      x.setRange(cx - perPixel * area.getWidth() / 2, cx + perPixel * area.getWidth() / 2);
      y.setRange(cy - perPixel * area.getHeight() / 2, cy + perPixel * area.getHeight() / 2);
    }
  }

  /** A perceptually ordered scale (viridis' end points and mid-points) over [lo, hi]. */
  private static LookupPaintScale viridis(double lo, double hi) {
    int[] stops = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};
    LookupPaintScale scale = new LookupPaintScale(lo, hi + (hi - lo) * 1e-9,
        java.awt.Color.LIGHT_GRAY);
    int steps = 64;
    for (int s = 0; s < steps; s++) {
      double t = s / (double) (steps - 1);
      double pos = t * (stops.length - 1);
      int k = Math.min(stops.length - 2, (int) Math.floor(pos));
      double a = pos - k;
      java.awt.Color c0 = new java.awt.Color(stops[k]);
      java.awt.Color c1 = new java.awt.Color(stops[k + 1]);
      java.awt.Color c = new java.awt.Color(
          (int) Math.round(c0.getRed() + (c1.getRed() - c0.getRed()) * a),
          (int) Math.round(c0.getGreen() + (c1.getGreen() - c0.getGreen()) * a),
          (int) Math.round(c0.getBlue() + (c1.getBlue() - c0.getBlue()) * a));
      scale.add(lo + (hi - lo) * s / steps, c);
    }
    return scale;
  }
}
