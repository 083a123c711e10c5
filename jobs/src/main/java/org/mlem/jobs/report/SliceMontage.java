package org.mlem.jobs.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A 3-D map as a montage of axial slices in one inline SVG, readable without a viewer: a grid of
 * slice panels (every slice holding a value when there are few, else every k-th of them),
 * each labelled with its index k and its world z in mm (from the affine, at the grid's centre);
 * the voxels where the map is shown drawn in a colour scale with its legend, the other voxels
 * holding a value in light grey (the anatomy the map lies on), voxels without a value (NaN) not
 * drawn. Voxels are drawn with the voxel sizes' aspect (the affine's column lengths); i runs
 * left to right, j bottom to top, and the panels' sides are marked L/R when the affine's x axis
 * follows i.
 *
 * <p>Every shown voxel is one {@code <rect class="cell">}; grey voxels are merged into runs along
 * i ({@code <rect class="anat">}). The map is a flat array with i fastest:
 * {@code flat = i + nx * (j + ny * k)}. No values are computed here beyond the layout: the
 * colour of a value and the positions.
 */
public final class SliceMontage {
  /** Most panels drawn; beyond it every k-th slice is drawn. */
  public static final int MAX_PANELS = 24;
  /** The grey of the voxels holding a value that are not shown. */
  static final String ANATOMY = "#d9d9d9";

  private static final int PANEL = 150;
  private static final int COLUMNS = 6;
  private static final int LABEL = 16;
  private static final int GAP = 10;
  private static final int LEGEND = 120;
  private static final int TITLE = 28;

  private SliceMontage() {}

  /**
   * The montage as an {@code <svg>} element (class "figure montage").
   *
   * @param id the element id, unique in the page
   * @param title the title drawn above the panels (escaped here)
   * @param legend the colour scale's label, e.g. "held-out Spearman" (escaped here)
   * @param shape the grid's {nx, ny, nz}, each at least 1
   * @param affine the voxel-to-world affine's top three rows, row-major (12 values, mm)
   * @param map the values, {@code nx * ny * nz} of them, NaN where there is none (an infinite
   *     value is drawn as none too)
   * @param shown where the map's value is shown in colour (null = wherever it has a value)
   * @param emptyText drawn when no voxel is shown, e.g. "no sphere's interval excludes 0"
   * @throws IllegalArgumentException if the arrays' lengths do not match the shape
   */
  public static String svg(String id, String title, String legend, int[] shape, double[] affine,
      float[] map, boolean[] shown, String emptyText) {
    if (shape.length != 3 || shape[0] < 1 || shape[1] < 1 || shape[2] < 1) {
      throw new IllegalArgumentException("a slice montage needs a 3-D shape {nx, ny, nz} of "
          + "positive sizes, found " + java.util.Arrays.toString(shape));
    }
    int nx = shape[0];
    int ny = shape[1];
    int nz = shape[2];
    long voxels = (long) nx * ny * nz;
    if (map.length != voxels || (shown != null && shown.length != voxels)) {
      throw new IllegalArgumentException("a " + nx + "x" + ny + "x" + nz + " map has " + voxels
          + " voxels, found " + map.length + " values and "
          + (shown == null ? "no" : Integer.toString(shown.length)) + " shown flags");
    }
    if (affine.length != 12) {
      throw new IllegalArgumentException("the affine has 12 values (3 rows of 4), found "
          + affine.length);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    int shownCount = 0;
    int greyCount = 0;
    for (int v = 0; v < map.length; v++) {
      if (isShown(map, shown, v)) {
        shownCount++;
        min = Math.min(min, map[v]);
        max = Math.max(max, map[v]);
      } else if (Float.isFinite(map[v])) {
        greyCount++;
      }
    }
    Scale scale = shownCount == 0 ? null : new Scale(min, max);
    List<Integer> slices = slices(map, nx * ny, nz);

    double dx = length(affine[0], affine[4], affine[8]);
    double dy = length(affine[1], affine[5], affine[9]);
    dx = dx > 0 && Double.isFinite(dx) ? dx : 1;
    dy = dy > 0 && Double.isFinite(dy) ? dy : 1;
    double cell = Math.min((PANEL - 8) / (nx * dx), (PANEL - 8) / (ny * dy));
    double cw = cell * dx;
    double ch = cell * dy;
    double pw = nx * cw;
    double ph = ny * ch;
    int columns = Math.max(1, Math.min(COLUMNS, slices.size()));
    int rows = Math.max(1, (slices.size() + columns - 1) / columns);
    double width = Math.max(columns * (pw + GAP) + GAP + LEGEND, 420);
    // the legend's strip (140), its label and the grey key below it fit beside the panels
    double height = Math.max(TITLE + rows * (ph + LABEL + GAP) + GAP + 24,
        TITLE + LABEL + 220);

    StringBuilder sb = new StringBuilder();
    sb.append("<svg id=\"").append(HtmlPage.escape(id))
        .append("\" class=\"figure montage\" role=\"img\" width=\"").append(px(width))
        .append("\" height=\"").append(px(height)).append("\" viewBox=\"0 0 ").append(px(width))
        .append(' ').append(px(height)).append("\" font-family=\"sans-serif\">");
    sb.append("<title>").append(HtmlPage.escape(title)).append("</title>");
    sb.append("<rect class=\"background\" x=\"0\" y=\"0\" width=\"").append(px(width))
        .append("\" height=\"").append(px(height)).append("\" fill=\"#fff\"/>");
    text(sb, GAP, 18, 14, "bold", "start", title);
    boolean iIsX = Math.abs(affine[0]) >= Math.max(Math.abs(affine[4]), Math.abs(affine[8]))
        && affine[0] != 0;
    for (int p = 0; p < slices.size(); p++) {
      int k = slices.get(p);
      double x0 = GAP + (p % columns) * (pw + GAP);
      double y0 = TITLE + (p / columns) * (ph + LABEL + GAP) + LABEL;
      double z = affine[8] * (nx - 1) / 2.0 + affine[9] * (ny - 1) / 2.0 + affine[10] * k
          + affine[11];
      text(sb, x0, y0 - 4, 11, "normal", "start", "k=" + k + "  z=" + Format.number(z) + " mm");
      sb.append("<g class=\"slice\" data-k=\"").append(k).append("\">");
      sb.append("<rect class=\"frame\" x=\"").append(px(x0)).append("\" y=\"").append(px(y0))
          .append("\" width=\"").append(px(pw)).append("\" height=\"").append(px(ph))
          .append("\" fill=\"#fff\" stroke=\"#bbb\" stroke-width=\"0.5\"/>");
      for (int j = 0; j < ny; j++) {
        double y = y0 + (ny - 1 - j) * ch;
        int run = -1;
        for (int i = 0; i <= nx; i++) {
          int v = i + nx * (j + ny * k);
          boolean grey = i < nx && Float.isFinite(map[v]) && !isShown(map, shown, v);
          if (grey && run < 0) {
            run = i;
          } else if (!grey && run >= 0) {
            rect(sb, "anat", x0 + run * cw, y, (i - run) * cw, ch, ANATOMY);
            run = -1;
          }
        }
        for (int i = 0; i < nx; i++) {
          int v = i + nx * (j + ny * k);
          if (isShown(map, shown, v)) {
            rect(sb, "cell", x0 + i * cw, y, cw, ch, scale.colour(map[v]));
          }
        }
      }
      if (iIsX && p == 0) {
        String left = affine[0] > 0 ? "L" : "R";
        String right = affine[0] > 0 ? "R" : "L";
        text(sb, x0 + 2, y0 + ph - 3, 9, "bold", "start", left);
        text(sb, x0 + pw - 2, y0 + ph - 3, 9, "bold", "end", right);
      }
      sb.append("</g>");
    }
    double lx = columns * (pw + GAP) + GAP + 8;
    double ly = TITLE + LABEL;
    if (scale == null) {
      text(sb, GAP, height - 10, 12, "bold", "start", emptyText);
    } else {
      legend(sb, lx, ly, scale, legend);
    }
    if (greyCount > 0) {
      double gy = scale == null ? ly : ly + 170;
      sb.append("<rect class=\"key\" x=\"").append(px(lx)).append("\" y=\"").append(px(gy))
          .append("\" width=\"12\" height=\"12\" fill=\"").append(ANATOMY).append("\"/>");
      text(sb, lx + 16, gy + 10, 10, "normal", "start", "value, not shown");
    }
    sb.append("</svg>");
    return sb.toString();
  }

  /**
   * The slices drawn: those holding a value (all when none does), every k-th of them when
   * there are more than {@link #MAX_PANELS}.
   */
  static List<Integer> slices(float[] map, int perSlice, int nz) {
    List<Integer> withValues = new ArrayList<>();
    for (int k = 0; k < nz; k++) {
      for (int v = k * perSlice; v < (k + 1) * perSlice; v++) {
        if (Float.isFinite(map[v])) {
          withValues.add(k);
          break;
        }
      }
    }
    if (withValues.isEmpty()) {
      for (int k = 0; k < nz; k++) {
        withValues.add(k);
      }
    }
    int step = (withValues.size() + MAX_PANELS - 1) / MAX_PANELS;
    List<Integer> out = new ArrayList<>();
    for (int p = 0; p < withValues.size(); p += step) {
      out.add(withValues.get(p));
    }
    return out;
  }

  private static boolean isShown(float[] map, boolean[] shown, int v) {
    return Float.isFinite(map[v]) && (shown == null || shown[v]);
  }

  private static void legend(StringBuilder sb, double x, double y, Scale scale, String label) {
    int steps = 32;
    double h = 140;
    text(sb, x, y - 10, 10, "bold", "start", label);
    for (int s = 0; s < steps; s++) {
      double value = scale.high - (scale.high - scale.low) * (s + 0.5) / steps;
      rect(sb, "legend-step", x, y + s * h / steps, 14, h / steps + 0.3, scale.colour(value));
    }
    double[] ticks = scale.low < 0 && scale.high > 0
        ? new double[] {scale.high, 0, scale.low} : new double[] {scale.high, scale.low};
    for (double t : ticks) {
      double ty = y + (scale.high - t) / (scale.high - scale.low) * h;
      sb.append("<line class=\"legend-tick\" x1=\"").append(px(x + 14)).append("\" y1=\"")
          .append(px(ty)).append("\" x2=\"").append(px(x + 18)).append("\" y2=\"").append(px(ty))
          .append("\" stroke=\"#333\"/>");
      text(sb, x + 20, ty + 4, 10, "normal", "start", Format.number(t));
    }
  }

  private static void rect(StringBuilder sb, String cls, double x, double y, double w, double h,
      String fill) {
    sb.append("<rect class=\"").append(cls).append("\" x=\"").append(px(x)).append("\" y=\"")
        .append(px(y)).append("\" width=\"").append(px(w)).append("\" height=\"").append(px(h))
        .append("\" fill=\"").append(fill).append("\"/>");
  }

  private static void text(StringBuilder sb, double x, double y, int size, String weight,
      String anchor, String content) {
    sb.append("<text x=\"").append(px(x)).append("\" y=\"").append(px(y))
        .append("\" font-size=\"").append(size).append("\" font-weight=\"").append(weight)
        .append("\" text-anchor=\"").append(anchor).append("\" fill=\"#222\">")
        .append(HtmlPage.escape(content)).append("</text>");
  }

  private static String px(double v) {
    return String.format(Locale.ROOT, "%.2f", v).replaceAll("\\.?0+$", "");
  }

  private static double length(double a, double b, double c) {
    return Math.sqrt(a * a + b * b + c * c);
  }

  /**
   * The colour of a value: diverging (blue, white at 0, red; symmetric) when the shown values
   * take both signs, else a sequential ramp from pale yellow to dark red over [0, max] (or
   * [min, 0] in blues for negative values only).
   */
  static final class Scale {
    final double low;
    final double high;
    private final DivergingPaintScale diverging;

    Scale(double min, double max) {
      if (min < 0 && max > 0) {
        double limit = Math.max(-min, max);
        diverging = new DivergingPaintScale(limit);
        low = -limit;
        high = limit;
      } else {
        diverging = null;
        double lo = min >= 0 ? 0 : min;
        double hi = min >= 0 ? max : 0;
        if (hi <= lo) {
          hi = lo + 1;
        }
        low = lo;
        high = hi;
      }
    }

    String colour(double value) {
      if (diverging != null) {
        return hex((Color) diverging.getPaint(value));
      }
      double t = Math.max(0, Math.min(1, (value - low) / (high - low)));
      if (high <= 0) {
        // negative values only: the strongest (lowest) is the darkest blue
        return hex(mix(new Color(0x08306B), new Color(0xDEEBF7), t));
      }
      return t < 0.5 ? hex(mix(new Color(0xFFF3B0), new Color(0xF46D43), t * 2))
          : hex(mix(new Color(0xF46D43), new Color(0x67000D), t * 2 - 1));
    }

    private static Color mix(Color a, Color b, double t) {
      return new Color((int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * t),
          (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * t),
          (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * t));
    }

    private static String hex(Color c) {
      return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
  }
}
