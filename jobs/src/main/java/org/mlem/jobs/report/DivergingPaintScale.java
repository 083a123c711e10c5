package org.mlem.jobs.report;

import java.awt.Color;
import java.awt.Paint;
import java.io.Serializable;
import org.jfree.chart.renderer.PaintScale;

/**
 * A diverging colour scale centred at 0: blue for negative values, white at 0, red for positive
 * ones, symmetric in [-limit, limit] so that equal magnitudes get equal intensity.
 */
final class DivergingPaintScale implements PaintScale, Serializable {
  private static final long serialVersionUID = 1L;
  private static final Color NEGATIVE = new Color(0x2166AC);
  private static final Color POSITIVE = new Color(0xB2182B);

  private final double limit;

  /** @param limit the largest magnitude (positive; 1 is used when 0 or not finite) */
  DivergingPaintScale(double limit) {
    this.limit = limit > 0 && Double.isFinite(limit) ? limit : 1.0;
  }

  @Override
  public double getLowerBound() {
    return -limit;
  }

  @Override
  public double getUpperBound() {
    return limit;
  }

  @Override
  public Paint getPaint(double value) {
    if (Double.isNaN(value)) {
      return Color.LIGHT_GRAY;
    }
    double t = Math.max(-1.0, Math.min(1.0, value / limit));
    Color end = t < 0 ? NEGATIVE : POSITIVE;
    double a = Math.abs(t);
    return new Color(mix(255, end.getRed(), a), mix(255, end.getGreen(), a),
        mix(255, end.getBlue(), a));
  }

  private static int mix(int from, int to, double a) {
    return (int) Math.round(from + (to - from) * a);
  }
}
