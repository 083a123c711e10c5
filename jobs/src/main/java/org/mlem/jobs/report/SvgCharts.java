package org.mlem.jobs.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws JFreeChart charts as inline SVG elements for HTML pages: one consistent style (generic
 * sans-serif fonts, white background, a colour-blind-friendly palette), a known {@code id} and
 * {@code class} on the {@code <svg>}, a unique prefix for its clip-path definitions, and no
 * namespace URLs (inline SVG in HTML5 needs none). AWT runs headless.
 */
public final class SvgCharts {
  /** The palette of series colours (Okabe-Ito, readable with colour-vision deficiencies). */
  static final Paint[] PALETTE = {
      new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
      new Color(0xE69F00), new Color(0x56B4E9), new Color(0x000000), new Color(0xF0E442),
      new Color(0x8C564B), new Color(0x7F7F7F)};

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private SvgCharts() {}

  /** Makes sure AWT is headless; call before any AWT use (the class initializer does it). */
  public static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /** Applies the report style to a chart. */
  static JFreeChart style(JFreeChart chart) {
    StandardChartTheme theme = new StandardChartTheme("mlem-report");
    theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    theme.setLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
    theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
    theme.setChartBackgroundPaint(Color.WHITE);
    theme.setPlotBackgroundPaint(Color.WHITE);
    theme.setDomainGridlinePaint(new Color(0xDDDDDD));
    theme.setRangeGridlinePaint(new Color(0xDDDDDD));
    theme.setDrawingSupplier(new DefaultDrawingSupplier(PALETTE, PALETTE, PALETTE,
        new java.awt.Stroke[] {new BasicStroke(2f)},
        new java.awt.Stroke[] {new BasicStroke(1f)},
        DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
    theme.apply(chart);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    return chart;
  }

  /** The i-th palette colour (wrapping). */
  static Paint colour(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  /**
   * The chart as an {@code <svg>} element.
   *
   * @param chart the chart (styled by the caller)
   * @param id the element id, unique in the page (also the prefix of its definitions)
   * @param cssClass the element's class (e.g. "figure importance")
   * @param width width in pixels
   * @param height height in pixels
   */
  public static String svg(JFreeChart chart, String id, String cssClass, int width, int height) {
    headless();
    SVGGraphics2D g2 = new SVGGraphics2D(width, height);
    g2.setDefsKeyPrefix(id + "-");
    chart.draw(g2, new Rectangle2D.Double(0, 0, width, height));
    String svg = g2.getSVGElement(id);
    svg = svg.replaceAll("\\s+xmlns(:[A-Za-z]+)?=(\"[^\"]*\"|'[^']*')", "");
    svg = svg.replaceFirst("<svg ",
        "<svg class=\"" + HtmlPage.escape(cssClass) + "\" role=\"img\" ");
    return svg;
  }
}
