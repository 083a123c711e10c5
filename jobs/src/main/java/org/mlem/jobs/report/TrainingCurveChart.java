package org.mlem.jobs.report;

import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The training curves: the score early stopping watched, per step of every fold (lines), and
 * each fold's best step marked with a ring on its curve. Folds are labelled 1..K.
 */
final class TrainingCurveChart {
  private TrainingCurveChart() {}

  /**
   * One fold's curve: the score at each step and the best step (or -1 when unknown).
   *
   * @param fold the fold's 0-based index (as in the run's tables), shown as fold + 1
   */
  record Curve(int fold, double[] scores, int bestStep) {}

  /**
   * The chart as inline SVG (class "figure training").
   *
   * @param scoreLabel the y axis label: which score the curves are
   */
  static String svg(String id, List<Curve> curves, String scoreLabel) {
    XYSeriesCollection lines = new XYSeriesCollection();
    XYSeriesCollection best = new XYSeriesCollection();
    for (Curve c : curves) {
      XYSeries s = new XYSeries("fold " + (c.fold() + 1), false, true);
      for (int step = 0; step < c.scores().length; step++) {
        if (Double.isFinite(c.scores()[step])) {
          s.add(step, c.scores()[step]);
        }
      }
      lines.addSeries(s);
      String label = curves.indexOf(c) == 0 ? "best step" : "best step, fold " + (c.fold() + 1);
      XYSeries b = new XYSeries(label, false, true);
      if (c.bestStep() >= 0 && c.bestStep() < c.scores().length) {
        if (Double.isFinite(c.scores()[c.bestStep()])) {
          b.add(c.bestStep(), c.scores()[c.bestStep()]);
        }
      }
      best.addSeries(b);
    }
    NumberAxis steps = new NumberAxis("step");
    steps.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis score = new NumberAxis(scoreLabel);
    score.setAutoRangeIncludesZero(false);
    score.setNumberFormatOverride(Format.ticks());
    XYLineAndShapeRenderer lineRenderer = new XYLineAndShapeRenderer(true, false);
    XYLineAndShapeRenderer bestRenderer = new XYLineAndShapeRenderer(false, true);
    XYPlot plot = new XYPlot(lines, steps, score, lineRenderer);
    plot.setDataset(1, best);
    plot.setRenderer(1, bestRenderer);
    JFreeChart chart = SvgCharts.style(new JFreeChart("Training curve", plot));
    for (int i = 0; i < curves.size(); i++) {
      lineRenderer.setSeriesPaint(i, SvgCharts.colour(i));
      bestRenderer.setSeriesPaint(i, SvgCharts.colour(i));
      bestRenderer.setSeriesShape(i, new Ellipse2D.Double(-6, -6, 12, 12));
      bestRenderer.setSeriesShapesFilled(i, false);
      bestRenderer.setSeriesVisibleInLegend(i, i == 0);
    }
    return SvgCharts.svg(chart, id, "figure training", 900, 380);
  }

  /** Curves from history rows grouped by fold, with best steps by fold. */
  static List<Curve> curves(Map<Integer, double[]> scores, Map<Integer, Integer> bestSteps) {
    return scores.entrySet().stream()
        .map(e -> new Curve(e.getKey(), e.getValue(), bestSteps.getOrDefault(e.getKey(), -1)))
        .toList();
  }
}
