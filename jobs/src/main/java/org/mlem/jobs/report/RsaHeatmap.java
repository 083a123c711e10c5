package org.mlem.jobs.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;

/**
 * The RSA matrix as an inline SVG heatmap drawn directly (no chart library: a grid of cells):
 * set names on both axes (row set top to bottom, column set left to right; every name escaped),
 * each cell coloured on a diverging scale fixed to [-1, 1] (blue negative, white 0, red
 * positive; {@link DivergingPaintScale}), its value written in it when the cells are large
 * enough, and the colour legend on the right. A cell without a value (NaN) is grey.
 */
final class RsaHeatmap {
  /** The most sets drawn; a larger matrix gets a note (the table holds every value). */
  static final int MAX_SETS = 150;

  private RsaHeatmap() {}

  /**
   * The heatmap.
   *
   * @param id the svg element's id, unique in the page
   * @param title the figure's title
   * @param names the sets' names as shown, in matrix order
   * @param values the symmetric matrix of correlations (NaN: no value)
   * @return the {@code <svg>} element
   */
  static String svg(String id, String title, List<String> names, double[][] values) {
    int n = names.size();
    int longest = names.stream().mapToInt(String::length).max().orElse(1);
    int label = Math.min(240, 14 + 7 * longest);
    int cell = Math.max(12, Math.min(56, 640 / Math.max(1, n)));
    boolean numbers = cell >= 34;
    int top = 40 + (int) Math.ceil(label * 0.72);
    int left = label + 10;
    int legendX = left + n * cell + 28;
    int width = legendX + 90;
    int height = Math.max(top + n * cell + 20, top + 220);
    DivergingPaintScale scale = new DivergingPaintScale(1.0);
    StringBuilder s = new StringBuilder();
    s.append("<svg id=\"").append(HtmlPage.escape(id))
        .append("\" class=\"figure heatmap rsa-heatmap\" role=\"img\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width)
        .append(' ').append(height).append("\" font-family=\"sans-serif\">");
    s.append("<title>").append(HtmlPage.escape(title)).append("</title>");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
    s.append("<text x=\"").append(width / 2).append("\" y=\"20\" text-anchor=\"middle\" "
        + "font-size=\"15\" font-weight=\"bold\">").append(HtmlPage.escape(title))
        .append("</text>");
    for (int i = 0; i < n; i++) {
      String name = HtmlPage.escape(names.get(i));
      int y = top + i * cell + cell / 2 + 4;
      s.append("<text x=\"").append(left - 6).append("\" y=\"").append(y)
          .append("\" text-anchor=\"end\" font-size=\"11\">").append(name).append("</text>");
      int x = left + i * cell + cell / 2 + 4;
      s.append("<text transform=\"translate(").append(x).append(',').append(top - 6)
          .append(") rotate(-45)\" text-anchor=\"start\" font-size=\"11\">").append(name)
          .append("</text>");
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double v = values[i][j];
        Color c = (Color) scale.getPaint(v);
        int x = left + j * cell;
        int y = top + i * cell;
        s.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"")
            .append(cell).append("\" height=\"").append(cell).append("\" fill=\"")
            .append(hex(c)).append("\" stroke=\"#fff\" stroke-width=\"1\"><title>")
            .append(HtmlPage.escape(names.get(i) + " ~ " + names.get(j) + ": "
                + Format.number(v))).append("</title></rect>");
        if (numbers && !Double.isNaN(v)) {
          s.append("<text x=\"").append(x + cell / 2).append("\" y=\"").append(y + cell / 2 + 4)
              .append("\" text-anchor=\"middle\" font-size=\"10\" fill=\"")
              .append(Math.abs(v) > 0.6 ? "#fff" : "#222").append("\">")
              .append(String.format(Locale.ROOT, "%.2f", v)).append("</text>");
        }
      }
    }
    legend(s, scale, legendX, top);
    s.append("</svg>");
    return s.toString();
  }

  /** A vertical colour bar from 1 (top) to -1 (bottom) with five ticks. */
  private static void legend(StringBuilder s, DivergingPaintScale scale, int x, int top) {
    int steps = 40;
    int h = 4;
    for (int k = 0; k < steps; k++) {
      double v = 1.0 - 2.0 * (k + 0.5) / steps;
      s.append("<rect x=\"").append(x).append("\" y=\"").append(top + k * h)
          .append("\" width=\"16\" height=\"").append(h).append("\" fill=\"")
          .append(hex((Color) scale.getPaint(v))).append("\"/>");
    }
    s.append("<rect x=\"").append(x).append("\" y=\"").append(top).append("\" width=\"16\" "
        + "height=\"").append(steps * h).append("\" fill=\"none\" stroke=\"#888\"/>");
    for (int t = 0; t <= 4; t++) {
      double v = 1.0 - 0.5 * t;
      int y = top + t * steps * h / 4;
      s.append("<text x=\"").append(x + 22).append("\" y=\"").append(y + 4)
          .append("\" font-size=\"10\">").append(String.format(Locale.ROOT, "%.1f", v))
          .append("</text>");
    }
  }

  private static String hex(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
