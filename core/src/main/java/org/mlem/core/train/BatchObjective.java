package org.mlem.core.train;

import java.util.Objects;
import org.mlem.core.metric.MetricParametrization;
import org.mlem.core.metric.PhiExpansion;
import org.mlem.core.rank.SoftRankStrength;
import org.mlem.core.rank.SoftSpearman;

/**
 * The training objective on one batch, as a function of the metric's unconstrained parameters:
 * score(V) = softSpearman(Phi w(V), t), with its hand-written gradient
 * d score / d V = backward(V, Phi^T d score / d s). A reusable workspace: {@link #load} a batch,
 * then evaluate as often as needed (the trainer once per step, gradient checks many times).
 * Not thread-safe.
 */
public final class BatchObjective {
  private final MetricParametrization metric;
  private final int features;
  private final int terms;
  private final double[] coef;
  private final double[] gradCoef;
  private double[] phi = new double[0];
  private double[] s = new double[0];
  private double[] gradS = new double[0];
  private double[] target = new double[0];
  private int rows;

  /** @param metric the parametrization being trained */
  public BatchObjective(MetricParametrization metric) {
    this.metric = Objects.requireNonNull(metric, "metric");
    this.features = metric.featureCount();
    this.terms = metric.coefficientCount();
    this.coef = new double[terms];
    this.gradCoef = new double[terms];
  }

  /**
   * Loads a batch: expands its feature distances and keeps the training target.
   *
   * @param delta rows x F feature distances, row-major
   * @param rows number of pairs B
   * @param targets B training targets (already scaled), copied
   */
  public void load(double[] delta, int rows, double[] targets) {
    if (delta.length != rows * features || targets.length < rows) {
      throw new IllegalArgumentException("batch of " + rows + " pairs needs " + rows * features
          + " feature distances and " + rows + " targets, found " + delta.length + " and "
          + targets.length);
    }
    if (this.rows != rows) {
      phi = new double[rows * terms];
      s = new double[rows];
      gradS = new double[rows];
      target = new double[rows];
      this.rows = rows;
    }
    System.arraycopy(targets, 0, target, 0, rows);
    PhiExpansion.expand(delta, rows, features, metric.interactions(), phi);
  }

  /**
   * The score at {@code params} and its gradient, the strength resolved on this batch's
   * predictions and targets (relative strength: treated as a constant in the gradient).
   */
  public double valueAndGradient(
      double[] params, SoftRankStrength strength, double[] gradParams) {
    predict(params);
    double epsS = strength.resolve(s);
    double epsT = strength.resolve(target);
    return finish(params, epsS, epsT, gradParams);
  }

  /** The score and its gradient with explicit soft-rank strengths for s and t. */
  public double valueAndGradient(
      double[] params, double epsS, double epsT, double[] gradParams) {
    predict(params);
    return finish(params, epsS, epsT, gradParams);
  }

  /** Predicted distances s = Phi w(params) of the loaded batch (a copy). */
  public double[] predictions(double[] params) {
    predict(params);
    return java.util.Arrays.copyOf(s, rows);
  }

  private void predict(double[] params) {
    if (rows == 0) {
      throw new IllegalStateException("no batch loaded");
    }
    metric.coefficients(params, coef);
    PhiExpansion.predict(phi, rows, terms, coef, s);
  }

  private double finish(double[] params, double epsS, double epsT, double[] gradParams) {
    double score = SoftSpearman.valueAndGradient(s, target, epsS, epsT, gradS);
    PhiExpansion.transposeTimes(phi, rows, terms, gradS, gradCoef);
    metric.backward(params, gradCoef, gradParams);
    return score;
  }
}
